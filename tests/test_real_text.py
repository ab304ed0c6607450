"""Tagging rules learnt from real news, each with sentences written for these tests in real Polish, Italian
and English (tests/tables/news.yaml lists the entities with their real spellings). Negative examples are
the traps: common words, a similar name of another person, a currency sign."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import table_resolver
from namenorm import Method, Resolver


def found(text: str, lang: str, news_resolver: Resolver) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in news_resolver.find(text, lang=lang)]


CASES = [
    # lower case: a name the table writes in lower case matches so, in every case form, even first
    pytest.param(
        "pl",
        "Po brexicie ceny wzrosły, a brexit podzielił kraj. Brexit trwa, ministra ds. brexitu nie ma.",
        [("brexicie", "brexit"), ("brexit", "brexit"), ("Brexit", "brexit"), ("brexitu", "brexit")],
        id="pl-lower-case-name",
    ),
    pytest.param(
        "it",
        "La democrazia cristiana e la Democrazia Cristiana.",
        [("democrazia cristiana", "christian-democracy"), ("Democrazia Cristiana", "christian-democracy")],
        id="it-lower-case-name",
    ),
    # nested names: the longest name of the table, inflected, wins over a name inside it
    pytest.param(
        "pl",
        "Górnicy z Polskiej Grupy Górniczej protestowali w Polsce.",
        [("Polskiej Grupy Górniczej", "polish-mining-group"), ("Polsce", "poland")],
        id="pl-nested-adjective",
    ),
    pytest.param(
        "pl",
        "Skarga trafiła do Europejskiego Trybunału Sprawiedliwości i do Trybunału Sprawiedliwości UE.",
        [
            ("Europejskiego Trybunału Sprawiedliwości", "european-court-of-justice"),
            ("Trybunału Sprawiedliwości UE", "european-court-of-justice"),
        ],
        id="pl-nested-court",
    ),
    pytest.param(
        "pl",
        "Granica z Irlandią Północną dzieli Irlandię, a Europa Wschodnia patrzy na Europie Wschodniej.",
        [
            ("Irlandią Północną", "northern-ireland"),
            ("Irlandię", "ireland"),
            ("Europa Wschodnia", "eastern-europe"),
            ("Europie Wschodniej", "eastern-europe"),
        ],
        id="pl-nested-place",
    ),
    pytest.param(
        "it",
        "Il Consiglio d'Europa e la Costa d'Avorio, tra Europa dell'Est ed Europa.",
        [
            ("Consiglio d'Europa", "council-of-europe"),
            ("Costa d'Avorio", "ivory-coast"),
            ("Europa dell'Est", "eastern-europe"),
            ("Europa", "europe"),
        ],
        id="it-elision-inside-name",
    ),
    # split full names: the given name in its case form belongs to the mention
    pytest.param(
        "pl",
        "Rozmowa Angeli Merkel z Rexem Tillersonem i Jean-Claude'em Junckerem oraz z Mike’iem Pence’em.",
        [
            ("Angeli Merkel", "angela-merkel"),
            ("Rexem Tillersonem", "rex-tillerson"),
            ("Jean-Claude'em Junckerem", "jean-claude-juncker"),
            ("Mike’iem Pence’em", "mike-pence"),
        ],
        id="pl-full-names",
    ),
    pytest.param(
        "it", "Il ministro Sergej Shoigu ha detto.", [("Sergej Shoigu", "sergei-shoigu")], id="it-full-name"
    ),
    # initials and abbreviations with dots
    pytest.param(
        "pl",
        "Spór W. Brytanii i Wlk. Brytanią z Irlandią Płn. trwa, mówi D. Trump.",
        [
            ("W. Brytanii", "great-britain"),
            ("Wlk. Brytanią", "great-britain"),
            ("Irlandią Płn.", "northern-ireland"),
            ("D. Trump", "donald-trump"),
        ],
        id="pl-dots",
    ),
    pytest.param(
        "en",
        "Sen. Leland Yee spoke. R. Foster Winans wrote from Tampa, Fla., and Hearst Corp. paid.",
        [
            ("Leland Yee", "leland-yee"),
            ("R. Foster Winans", "r-foster-winans"),
            ("Fla.", "florida"),
            ("Hearst Corp.", "hearst"),
        ],
        id="en-dots",
    ),
    # hyphen and apostrophe endings of acronyms and foreign names
    pytest.param(
        "pl",
        "Posłowie PiS-u i członkowie NATO-wi ufają, a Nigel Farage'a nie ma.",
        [("PiS-u", "law-and-justice"), ("NATO-wi", "nato")],
        id="pl-hyphen-endings",
    ),
    # commas, slashes and apostrophes inside listed names
    pytest.param(
        "en",
        "Avnet named Dillon, Read and Co Inc as manager; a Dunkin' Donuts shop and Data I/O Corp said so.",
        [
            ("Dillon, Read and Co Inc", "dillon-read"),
            ("Dunkin' Donuts", "dunkin-donuts"),
            ("Data I/O Corp", "data-io"),
        ],
        id="en-punctuation-inside-names",
    ),
    # common words are never names: numbers, regnal numbers, acronyms in lower or title case
    pytest.param(
        "pl",
        "Po wyborach PO straciła. Przywódcy 27 państw UE i I wtedy Elżbieta II przemówiła.",
        [("PO", "civic-platform"), ("UE", "european-union"), ("Elżbieta II", "elizabeth-ii")],
        id="pl-common-words",
    ),
    pytest.param(
        "pl",
        "Jej zdaniem stawka VAT wzrosła. Miała rację. Razem z nimi poszła.",
        [],
        id="pl-common-words-near-misses",
    ),
    pytest.param(
        "it",
        "Vi ringrazio. I recenti fatti. Ciò detto, il CIO decise. A nome del governo Paolo VI parlò.",
        [("CIO", "ioc"), ("Paolo VI", "paul-vi")],
        id="it-common-words",
    ),
    pytest.param(
        "it",
        "Già fatto, ha detto. I capi della Fiera di Bologna e i Capi. Ho chiesto. "
        "Gaja, Cappi e Fera votarono.",
        [("Gaja", "angelo-gaja"), ("Cappi", "giuseppe-cappi"), ("Fera", "luigi-fera")],
        id="it-common-words-are-no-near-misses",
    ),
    pytest.param(
        "it",
        "Andammo a S. Vincenzo e a San Vincenzo.",
        [("S. Vincenzo", "san-vincenzo"), ("San Vincenzo", "san-vincenzo")],
        id="it-spaced-abbreviation",
    ),
    pytest.param(
        "it",
        "La Croce di Costantino scrisse. Benedetto Croce rispose e Croce tacque. Elena Craveri Croce tacque.",
        [("Benedetto Croce", "benedetto-croce"), ("Croce", "benedetto-croce")],
        id="it-surname-inside-another-name",
    ),
    pytest.param(
        "it",
        "Il popolo italiano ha votato. Lo ha scritto Il Popolo.",
        [("Il Popolo", "il-popolo")],
        id="it-article-phrase",
    ),
    pytest.param(
        "en",
        "Like a bull in a china shop, the tree was struck by lightning, and China said the Lightning won.",
        [("China", "china"), ("Lightning", "tampa-bay-lightning")],
        id="en-lower-case-words",
    ),
    # derived adjectives are not the name
    pytest.param(
        "pl",
        "Pakistański sąd i pakistański rząd zgodzili się z Pakistanem.",
        [("Pakistanem", "pakistan")],
        id="pl-derived-adjective",
    ),
    # sound-alikes and other people: a wrong merge is worse than a miss
    pytest.param(
        "en",
        "Brian Maroney defended it. She called Conaway. Gu Kailai was tried. Bill Maloney spoke in Conway.",
        [("Bill Maloney", "bill-maloney"), ("Conway", "conway")],
        id="en-sound-alikes",
    ),
    pytest.param(
        "pl",
        "Nie przyjechał Raula Castro, a L. Trump milczał. Rodzina Trumpów i Trumpowie wyjechali.",
        [("Raula Castro", "raul-castro")],
        id="pl-wrong-coreference",
    ),
    pytest.param(
        "pl",
        "Rośnie ryzyko. Artykuł Rosena czytano, a o Rosenie mówiono.",
        [("Rosena", "nathan-rosen"), ("Rosenie", "nathan-rosen")],
        id="pl-verb-is-not-a-surname",
    ),
    pytest.param(
        "pl",
        "Fidel Castro i Raúl Castro przyszli. Potem Castro wyjechał.",
        [("Fidel Castro", "fidel-castro"), ("Raúl Castro", "raul-castro")],
        id="pl-ambiguous-surname",
    ),
    # acronyms: in capitals, with their dots; a currency is not the country
    pytest.param(
        "en",
        "Barclays paid US$ 453 million and HK$ 2 million. The U.S. said so, HK agreed and the US too.",
        [("U.S.", "united-states"), ("HK", "hong-kong")],
        id="en-acronyms",
    ),
    pytest.param(
        "en",
        "It bought Union Carbide Corp UK, and the UK agreed with International Business Machines Corp IBM. "
        "The Food and Agriculture Organization (FAO) said.",
        [
            ("Union Carbide Corp", "union-carbide"),
            ("UK", "united-kingdom"),
            ("International Business Machines Corp", "ibm"),
            ("IBM", "ibm"),
            ("Food and Agriculture Organization", "fao"),
            ("FAO", "fao"),
        ],
        id="en-acronym-after-company-and-in-brackets",
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_real_text_rules(
    lang: str, text: str, expected: list[tuple[str, str]], news_resolver: Resolver
) -> None:
    assert found(text, lang, news_resolver) == expected


def test_surname_after_full_name_and_title(news_resolver: Resolver) -> None:
    text = "Premier Donald Trump przyjechał. Prezydent Trump mówił, a Trumpa słuchano."
    assert found(text, "pl", news_resolver) == [
        ("Donald Trump", "donald-trump"),
        ("Trump", "donald-trump"),
        ("Trumpa", "donald-trump"),
    ]


def test_lower_case_word_is_never_a_near_miss(news_resolver: Resolver) -> None:
    mentions = news_resolver.find("wielki brexitowy spór", lang="pl")
    assert mentions == []


def test_every_mention_says_how_it_was_found(news_resolver: Resolver) -> None:
    mentions = news_resolver.find("Rozmowa Angeli Merkel o brexicie w Kijowie.", lang="pl")
    assert [(m.text, m.match.method) for m in mentions] == [
        ("Angeli Merkel", Method.INFLECTION),
        ("brexicie", Method.INFLECTION),
        ("Kijowie", Method.INFLECTION),
    ]


def test_resolve_by_rules_has_no_near_misses(news_resolver: Resolver) -> None:
    assert news_resolver.resolve("Maloney", lang="en") is not None  # the surname of one listed person
    assert news_resolver.resolve_by_rules("Maroney", lang="en") is None


def test_a_soft_hyphen_inside_a_name_keeps_one_word(news_resolver: Resolver) -> None:
    mentions = news_resolver.find("Spotkanie z Angelą Mer\u00adkel i Do\u00adnaldem Trumpem.", lang="pl")
    assert [(m.text, m.entity_id) for m in mentions] == [
        ("Angelą Mer\u00adkel", "angela-merkel"),
        ("Do\u00adnaldem Trumpem", "donald-trump"),
    ]


def test_a_name_followed_by_an_adjective_is_another_name(tmp_path: Path) -> None:
    """Mińsk Mazowiecki is a town of its own: the name inside it is not tagged; with both listed (in
    English only, so the resolver reads them), the longer wins."""
    minsk = table_resolver(tmp_path, "  - {id: minsk, type: place, label: Minsk, names: {pl: [Mińsk]}}\n")
    assert [m.text for m in minsk.find("Mieszka w Mińsku Mazowieckim, nie w Mińsku.", lang="pl")] == [
        "Mińsku"
    ]
    both = table_resolver(
        tmp_path,
        "  - {id: minsk, type: place, label: Minsk, names: {en: [Minsk]}}\n"
        "  - {id: minsk-mazowiecki, type: place, label: Minsk Mazowiecki, names: {en: [Minsk Mazowiecki]}}\n",
    )
    found = [(m.text, m.entity_id) for m in both.find("Mieszka w Mińsku Mazowieckim, nie w Mińsku.", "pl")]
    assert found == [("Mińsku Mazowieckim", "minsk-mazowiecki"), ("Mińsku", "minsk")]


def test_lower_case_name_next_to_a_combining_mark_is_part_of_another_word(news_resolver: Resolver) -> None:
    # decomposed text: a combining acute after the name makes it a longer word; before it, the name is free
    assert found("o brexit\u0301 dziś", "pl", news_resolver) == []
    assert found("a\u0301brexit dziś", "pl", news_resolver) == []
    assert found("o brexit, a\u0301 brexitu", "pl", news_resolver) == [
        ("brexit", "brexit"),
        ("brexitu", "brexit"),
    ]
