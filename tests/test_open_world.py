"""Open world: a name the table does not hold is never tagged as one it does (docs/tagging.md).

Every rule has a test here that fails when the rule is removed; the sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import namenorm
from namenorm import Resolver
from namenorm.compiled import compile_tables


def _resolver(tmp_path: Path, entities: str) -> Resolver:
    path = tmp_path / "table.yaml"
    path.write_text("entities:\n" + entities, encoding="utf-8")
    return Resolver.from_yaml(path)


def _tags(resolver: Resolver, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in resolver.find(text, lang=lang)]


def _refused(resolver: Resolver, text: str, lang: str) -> set[tuple[str, str]]:
    return {(r.text, r.rule) for r in resolver.read(text, lang=lang).refused}


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Hunter Biden was convicted.", "Biden"),  # a given name at a sentence start
        ("The court heard that Hunter Biden lied.", "Biden"),
        ("Daniil Medvedev beat Sinner in three sets.", "Medvedev"),
        ("Brigitte Macron and her guests arrived.", "Macron"),
        ("Heydar Aliyev International Airport is closed.", "Aliyev"),
    ],
)
def test_a_surname_inside_another_persons_name_is_not_that_person(text: str, refused: str) -> None:
    assert [m for m in namenorm.find(text, lang="en") if m.text == refused] == []
    assert (refused, "longer-name") in {
        (r.text, r.rule) for r in namenorm.default_resolver().read(text, "en").refused
    }


def test_the_known_person_is_still_tagged_beside_the_unknown_one() -> None:
    found = namenorm.find("Joe Biden said Hunter Biden would testify.", lang="en")
    assert [(m.text, m.entity_id) for m in found] == [("Joe Biden", "joe-biden")]


def test_find_refuses_a_name_the_table_lists_as_ambiguous() -> None:
    assert namenorm.resolve("Georgia", lang="en") is None
    assert namenorm.find("Voters in Georgia backed Trump.", lang="en") == []
    reading = namenorm.default_resolver().read("Voters in Georgia backed Trump.", "en")
    assert {(r.entity_id, r.rule) for r in reading.refused if r.text == "Georgia"} == {
        ("georgia", "ambiguous"),
        ("georgia-us-state", "ambiguous"),
    }


def test_find_refuses_what_a_users_ambiguous_list_shares(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: paris, type: place, label: Paris, names: {en: [Paris], pl: [Paryż]},\n"
        "     ambiguous: [Paris]}\n"
        "  - {id: paris-texas, type: place, label: 'Paris, Texas', names: {en: [Paris]},\n"
        "     ambiguous: [Paris]}\n",
    )
    for lang in ("en", "pl", "it"):
        assert resolver.resolve("Paris", lang=lang) is None
        assert _tags(resolver, "She flew to Paris on Monday.", lang) == []
    assert _tags(resolver, "Poleciała do Paryża.", "pl") == [("Paryża", "paris")]


PEOPLE = (
    "  - {id: joe-biden, type: person, label: Joe Biden, names: {pl: [Joe Biden]}}\n"
    "  - {id: elton-john, type: person, label: Elton John, names: {en: [Elton John]}}\n"
    "  - {id: ewa-kopacz, type: person, label: Ewa Kopacz, names: {pl: [Ewa Kopacz, Ewa]}}\n"
    "  - {id: gordon-brown, type: person, label: Gordon Brown, names: {en: [Gordon Brown]}}\n"
    "  - {id: ahmad-haq, type: person, label: Ahmad Haq, names: {en: [Ahmad Haq]}}\n"
    "  - {id: guterres, type: person, label: António Guterres, names: {pl: [António Guterres]}}\n"
)


def test_a_bare_surname_is_the_person_last_named_in_full(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    text = "Hunter Biden przyleciał do Kijowa. Biden spotkał się z ministrem."
    assert _tags(resolver, text, "pl") == []
    assert ("Biden", "other-bearer") in _refused(resolver, text, "pl")
    text = "Joe Biden przyleciał do Kijowa. Biden spotkał się z ministrem."
    assert _tags(resolver, text, "pl") == [("Joe Biden", "joe-biden"), ("Biden", "joe-biden")]


def test_a_bare_surname_before_the_full_name_follows_it(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    text = "Proces Bidena trwał długo. Obrońcy Huntera Bidena mówią o pomyłce."
    assert _tags(resolver, text, "pl") == []


def test_a_given_name_alone_needs_its_bearer_named_in_full(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    assert _tags(resolver, "Later John said he was tired.", "en") == []
    assert ("John", "given-name") in _refused(resolver, "Later John said he was tired.", "en")
    text = "Elton John sang. Later John said he was tired."
    assert _tags(resolver, text, "en") == [("Elton John", "elton-john"), ("John", "elton-john")]
    # the first word of a label, listed alone: the same rule
    assert _tags(resolver, "Wczoraj Ewa powiedziała, że wraca.", "pl") == []
    text = "Ewa Kopacz przyjechała. Wczoraj Ewa powiedziała, że wraca."
    assert _tags(resolver, text, "pl")[-1] == ("Ewa", "ewa-kopacz")


def test_two_peoples_one_word_names_side_by_side_are_one_unknown_person(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    text = "Ewa Kopacz przyjechała. Potem mówiła Ewa Brown, szefowa fundacji."
    assert _tags(resolver, text, "pl") == [("Ewa Kopacz", "ewa-kopacz")]


def test_a_hyphened_compound_is_read_as_a_whole(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    assert _tags(resolver, "The general Zia-ul-Haq ruled for years.", "en") == []
    assert ("Haq", "longer-name") in _refused(resolver, "The general Zia-ul-Haq ruled for years.", "en")


def test_an_acronym_beside_a_surname_is_a_name_of_its_own(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PEOPLE)
    text = "António Guterres przemawiał. Sekretarz generalny ONZ Guterres zaapelował o pokój."
    assert _tags(resolver, text, "pl")[-1] == ("Guterres", "guterres")


PLACES = (
    "  - {id: france, type: place, label: France, names: {pl: [Francja], en: [France]}}\n"
    "  - {id: macedonia, type: place, label: Macedonia, names: {pl: [Macedonia]}}\n"
    "  - {id: hungary, type: place, label: Hungary, names: {pl: [Węgry]}}\n"
    "  - {id: paris, type: place, label: Paris, names: {pl: [Paryż]}}\n"
    "  - {id: washington, type: place, label: Washington, names: {en: [Washington]}}\n"
    "  - {id: brexit, type: event, label: Brexit, names: {pl: [brexit]}}\n"
    "  - {id: uk, type: place, label: United Kingdom, names: {pl: [Wielka Brytania]}}\n"
)


def test_a_place_inside_a_longer_name_in_the_genitive_is_not_tagged(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PLACES)
    assert _tags(resolver, "Prezes Banku Francji obniżył stopy.", "pl") == []
    assert ("Francji", "longer-name") in _refused(resolver, "Prezes Banku Francji obniżył stopy.", "pl")


def test_a_place_after_another_name_in_its_own_case_is_tagged(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PLACES)
    # nominative Węgry after a genitive name: two names, not one
    assert _tags(resolver, "Zdaniem Orbána Węgry zyskają na umowie.", "pl") == [("Węgry", "hungary")]


def test_an_adjective_after_a_place_makes_another_place(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PLACES)
    assert _tags(resolver, "Granica Macedonii Północnej jest otwarta.", "pl") == []
    assert _tags(resolver, "Granica Macedonii Płn. jest otwarta.", "pl") == []
    # a surname after a place is a name of its own (no adjective ending)
    assert _tags(resolver, "W Paryżu Macron ogłosił reformę.", "pl") == [("Paryżu", "paris")]


def test_an_english_name_followed_by_a_capitalised_word_is_another_name(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PLACES)
    assert _tags(resolver, "The Washington Post reported it first.", "en") == []
    assert _tags(resolver, "She lives in Washington and works there.", "en") == [("Washington", "washington")]


def test_an_english_modifier_before_a_name_is_not_part_of_it(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, "  - {id: toyota, type: org, label: Toyota, names: {en: [Toyota]}}\n")
    # English puts the modifier first (nested_after_head is false in rules/en.yaml)
    assert _tags(resolver, "The Japanese Toyota reported a loss.", "en") == [("Toyota", "toyota")]
    # Italian nests a name after the head word: Forza Toyota would be another name
    assert _tags(resolver, "La squadra Forza Toyota ha vinto.", "it") == []


def test_a_name_written_in_lower_case_starts_no_longer_name(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, PLACES)
    found = _tags(resolver, "Po brexicie Wielka Brytania straciła rynek.", "pl")
    assert found == [("brexicie", "brexit"), ("Wielka Brytania", "uk")]


def test_the_unknown_names_are_reported() -> None:
    reading = namenorm.default_resolver().read("Hunter Biden met the press in Istanbul.", "en")
    assert [(u.text, u.kind) for u in reading.unknown] == [("Hunter Biden", "person")]
    assert [m.entity_id for m in reading.mentions] == ["istanbul"]


def test_a_near_miss_keeps_the_numbers_of_a_name(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path, "  - {id: win10, type: product, label: Windows 10, names: {en: [Windows 10]}}\n"
    )
    assert resolver.resolve("Windows 11", lang="en") is None
    assert resolver.resolve("Windows 10", lang="en") is not None


def test_a_countrys_inflected_name_is_not_a_persons(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path, "  - {id: diana, type: person, label: Diana, names: {en: [Princess Diana, Diana]}}\n"
    )
    assert resolver.resolve("Dania", lang="pl") is None  # Denmark in Polish
    assert resolver.resolve("Danii", lang="pl") is None
    assert resolver.resolve("Diany", lang="pl").entity_id == "diana"


def test_an_acronym_of_three_letters_is_never_a_near_miss(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: apple, type: org, label: Apple, names: {en: [Apple]}}\n"
        "  - {id: the-sun, type: product, label: The Sun, names: {en: [The Sun]}}\n"
        "  - {id: kerr, type: person, label: Simon Kerr, names: {en: [Simon Kerr]}}\n",
    )
    for acronym in ("EPL", "SN", "KR"):
        assert resolver.resolve(acronym, lang="en") is None


def test_people_sharing_a_given_name_are_not_one(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path, "  - {id: collins, type: person, label: Damian Collins, names: {en: [Damian Collins]}}\n"
    )
    assert resolver.resolve("Damian Green", lang="en") is None
    assert _tags(resolver, "Damian Green spoke after Damian Collins.", "en") == [
        ("Damian Collins", "collins")
    ]


def test_a_number_alone_is_its_entity_only_where_the_text_names_it_otherwise(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: b787, type: product, label: Boeing 787, names: {en: [Boeing 787, '787']}}\n"
        "  - {id: eu, type: org, label: European Union, names: {en: [European Union, '27']}}\n",
    )
    text = "The Boeing 787 flew. Airlines ordered 787 more seats for the 787 fleet."
    assert [m.text for m in resolver.find(text, lang="en")] == ["Boeing 787", "787", "787"]
    assert resolver.find("Airlines ordered the 787 again.", lang="en") == []
    assert ("787", "number") in _refused(resolver, "Airlines ordered the 787 again.", "en")
    # two digits or a year: never alone
    assert [m.text for m in resolver.find("The European Union of 27 met.", lang="en")] == ["European Union"]


def test_a_number_alone_is_its_model_where_the_text_names_its_maker_or_the_table_calls_it_so(
    tmp_path: Path,
) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: boeing, type: org, label: Boeing, names: {en: [Boeing]}}\n"
        "  - {id: b737, type: product, label: Boeing 737, names: {en: [Boeing 737, '737']}}\n"
        "  - {id: a320, type: product, label: '320', names: {en: ['320']}}\n",
    )
    # the maker named on its own: the 737 is the Boeing 737
    found = _tags(resolver, "Boeing delays the 737 successor.", "en")
    assert found == [("Boeing", "boeing"), ("737", "b737")]
    assert resolver.find("Ryanair ordered 737 seats.", lang="en") == []  # no maker named
    # the table calls the entity by the number first
    assert _tags(resolver, "The 320 took off late.", "en") == [("320", "a320")]
    compiled = Resolver.load(compile_tables([tmp_path / "table.yaml"], tmp_path / "models.nnidx"))
    for text in ("Boeing delays the 737 successor.", "Ryanair ordered 737 seats.", "The 320 took off late."):
        assert _tags(compiled, text, "en") == _tags(resolver, text, "en")  # alike from disk


def test_a_name_before_the_head_word_of_an_english_name_modifies_it(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: adam, type: org, label: Adam Air, names: {en: [Adam Air]}}\n"
        "  - {id: marshall, type: org, label: Marshall, names: {en: [Marshall]}}\n",
    )
    # a flight of the airline, in English and in Italian news
    assert _tags(resolver, "The crash of Adam Air Flight 574 was studied.", "en") == [("Adam Air", "adam")]
    assert _tags(resolver, "Il volo Adam Air Flight 574 è caduto.", "it") == [("Adam Air", "adam")]
    assert _tags(resolver, "Adam Air Executive Director Tom Ray spoke.", "en") == [("Adam Air", "adam")]
    # the head of a body's name is not one: Marshall University is not Marshall
    assert resolver.find("He coached at Marshall University for years.", lang="en") == []


def test_an_acronym_in_capitals_starts_a_sentence_as_a_name() -> None:
    found = namenorm.find("US officials met in Istanbul.", lang="en")
    assert (found[0].text, found[0].entity_id) == ("US", "united-states")


def test_find_and_resolve_name_a_form_the_same_way(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path, "  - {id: meloni, type: person, label: Giorgia Meloni, names: {it: [Giorgia Meloni]}}\n"
    )
    (mention,) = resolver.find("Rozmawiał z Giorgią Meloni.", "pl")
    match = resolver.resolve("Giorgią Meloni", "pl")
    assert (mention.match.method, mention.match.score, mention.match.trail) == (
        match.method,
        match.score,
        match.trail,
    )


def test_a_run_is_read_as_one_name_only_as_long_as_a_name_that_starts_so(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path,
        "  - {id: kowalski, type: person, label: Jan Kowalski, names: {pl: [Jan Kowalski]}}\n"
        "  - {id: bank, type: org, label: Bank Rozwoju Regionu Wschodniego,\n"
        "     names: {pl: [Bank Rozwoju Regionu Wschodniego]}}\n",
    )
    tagger = resolver.tagger
    asked: list[str] = []
    original = tagger._resolve

    def counted(span: str, lang: str | None, near: bool = True) -> object:
        asked.append(span)
        return original(span, lang, near)

    tagger._resolve = counted  # type: ignore[method-assign]
    text = "Wczoraj Jan Nowak Kowalski Rozwoju Regionu Wschodniego wyjechali."
    resolver.find(text, "pl")
    # names starting with Jan have two words: no run from it is read longer (walls of capitals stay cheap)
    assert all(len(span.split()) <= 2 for span in asked if span.startswith("Jan"))
    assert [m.entity_id for m in resolver.find("Wczoraj Janowi Kowalskiemu wręczono nagrodę.", "pl")] == [
        "kowalski"
    ]


def test_latin_before_a_place_makes_another_place(tmp_path: Path) -> None:
    resolver = _resolver(
        tmp_path, "  - {id: us, type: place, label: United States, names: {en: [United States, America]}}\n"
    )
    assert _tags(resolver, "Sales fell in Latin America but rose in America.", "en") == [("America", "us")]
    assert ("America", "qualifier") in _refused(resolver, "Sales fell in Latin America.", "en")


def test_a_surname_before_a_bracketed_full_name_is_that_person() -> None:
    # the full name in brackets is a mention and also a capitalised run noted at the same place: the
    # table's person is the bearer (this once raised TypeError comparing None with an id)
    found = namenorm.find("Shoygu] [Siergiej Shoigu]", lang="pl")
    assert [(m.text, m.entity_id) for m in found] == [
        ("Shoygu", "sergei-shoigu"),
        ("Siergiej Shoigu", "sergei-shoigu"),
    ]
