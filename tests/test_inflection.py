from __future__ import annotations

from pathlib import Path

import pytest

import namenorm
from conftest import ROOT
from namenorm import NamenormError, Resolver, load_table
from namenorm.inflection import CASES, inflect, inflections
from namenorm.normalize import normalize
from namenorm.ruleset import load_rules

GENERATION = load_rules("pl").generation
assert GENERATION is not None
PARADIGM_EXAMPLES = [(p.id, *example) for p in GENERATION.paradigms for example in p.examples]
BUNDLED = load_table(ROOT / "data" / "aliases.yaml")
PL_NAMES = [
    (e.id, e.type, n.text)
    for e in BUNDLED.entities
    for n in e.names
    if n.lang == "pl" and normalize(n.text) not in e.ambiguous  # a shared name resolves to neither
]


@pytest.mark.parametrize(("paradigm", "base", "case", "form"), PARADIGM_EXAMPLES, ids=str)
def test_paradigm_example(paradigm: str, base: str, case: str, form: str) -> None:
    assert inflect(base, case) == form


@pytest.mark.parametrize(("paradigm", "base", "case", "form"), PARADIGM_EXAMPLES, ids=str)
def test_paradigm_example_is_found_back(
    paradigm: str, base: str, case: str, form: str, tmp_path: Path
) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(f"entities:\n  - {{id: x, type: other, label: X, names: {{pl: [{base}]}}}}\n", "utf-8")
    match = Resolver.from_yaml(table).resolve(form, lang="pl")
    assert match is not None and match.entity_id == "x"


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        ("Igor Chowajew", "instrumental", "Igorem Chowajewem"),
        ("Siergiej Ławrow", "gen", "Siergieja Ławrowa"),
        ("Maria Zacharowa", "gen", "Marii Zacharowej"),
        ("Górski Karabach", "loc", "Górskim Karabachu"),
        ("Unia Europejska", "ins", "Unią Europejską"),
        ("Stany Zjednoczone", "gen", "Stanów Zjednoczonych"),
        ("Stambuł", "loc", "Stambule"),
        ("Stepanakert", "loc", "Stepanakercie"),
        ("Erywań", "loc", "Erywaniu"),
        ("Departament Stanu", "gen", "Departamentu Stanu"),
        ("USA", "gen", "USA"),
        ("Anna Nowak", "gen", "Anny Nowak"),
        ("Lech Wałęsa", "ins", "Lechem Wałęsą"),
        # the name's shape chooses the paradigm by default
        ("Kraków", "gen", "Krakowa"),
        ("Kijów", "loc", "Kijowie"),
        ("Joe Biden", "gen", "Joe Bidena"),
        ("Wołodymyr Zełenski", "gen", "Wołodymyra Zełenskiego"),
        ("Kamala Harris", "gen", "Kamali Harris"),
        ("Kamala Harris", "loc", "Kamali Harris"),
        ("Angela Merkel", "dat", "Angeli Merkel"),
        ("Rex Tillerson", "gen", "Rexa Tillersona"),
        ("Trybunał Sprawiedliwości", "gen", "Trybunału Sprawiedliwości"),
        ("Europejski Trybunał Sprawiedliwości", "loc", "Europejskim Trybunale Sprawiedliwości"),
        ("PiS", "gen", "PiS-u"),
        ("Irlandia Północna", "gen", "Irlandii Północnej"),
        ("Prawo i Sprawiedliwość", "gen", "Prawa i Sprawiedliwości"),
        ("Frankfurt nad Menem", "loc", "Frankfurcie nad Menem"),
        ("Mike Pence", "gen", "Mike'a Pence'a"),
        ("Polacy", "gen", "Polaków"),
    ],
)
def test_real_polish_forms(name: str, case: str, expected: str) -> None:
    assert inflect(name, case) == expected


@pytest.mark.parametrize(
    ("name", "kind", "case", "expected"),
    [
        ("Fidel Castro", "person", "gen", "Fidela Castro"),  # a man's surname in -o stays
        ("Asia Bibi", "person", "gen", "Asi Bibi"),
        ("Tony Blair", "person", "gen", "Tony'ego Blaira"),
        ("Christopher Wylie", "person", "gen", "Christophera Wyliego"),
        ("Wrocław", "place", "gen", "Wrocławia"),
        ("Mirosław Kowalski", "person", "gen", "Mirosława Kowalskiego"),
        ("Zjednoczone Królestwo", "place", "loc", "Zjednoczonym Królestwie"),
        ("Ministerstwo Finansów", "org", "gen", "Ministerstwa Finansów"),
    ],
)
def test_entity_type_chooses_paradigm(name: str, kind: str, case: str, expected: str) -> None:
    assert inflect(name, case, kind=kind) == expected


def test_inflections_offer_the_foreign_reading() -> None:
    assert inflections("Nord Stream 2", "gen", kind="product") == ["Nordu Stream 2", "Nord Streamu 2"]
    assert inflections("Rex Tillerson", "gen", kind="person") == ["Rexa Tillersona"]


def test_italian_and_english_names_do_not_decline() -> None:
    assert inflect("Stati Uniti", "gen", lang="it") == "Stati Uniti"
    assert inflect("Sergey Lavrov", "dat", lang="en") == "Sergey Lavrov"


def test_bad_arguments() -> None:
    with pytest.raises(NamenormError, match="unknown case"):
        inflect("Igor Chowajew", "ablative")
    with pytest.raises(NamenormError, match="no inflection rules"):
        inflect("Igor Chowajew", "gen", lang="de")
    with pytest.raises(NamenormError, match="unknown gender"):
        inflect("Igor Chowajew", "gen", gender="x")  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("entry", PL_NAMES, ids=lambda e: e[2])
def test_generated_inflections_resolve_back(entry: tuple[str, str, str], case: str) -> None:
    """Every Polish name of the bundled table in every case resolves back to its entity."""
    entity_id, kind, name = entry
    form = inflect(name, case, kind=kind)
    match = namenorm.resolve(form, lang="pl")
    assert match is not None and match.entity_id == entity_id, (name, case, form)


def test_names_in_a_written_y_take_the_apostrophe_only_before_a_vowel() -> None:
    # Kennedy'ego, Kennedy'emu, but z Kennedym, o Kennedym
    assert [inflect("Rick Perry", case, kind="person") for case in ("gen", "dat", "ins", "loc")] == [
        "Ricka Perry'ego", "Rickowi Perry'emu", "Rickiem Perrym", "Ricku Perrym",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [("San Marino", "loc", "San Marino"), ("Los Angeles", "gen", "Los Angeles"), ("La Paz", "ins", "La Paz"),
     ("Lotnisko Los Angeles", "loc", "Lotnisku Los Angeles"), ("Santa Clara", "gen", "Santa Clara")],
)  # fmt: skip
def test_a_name_opened_by_a_foreign_article_stays_as_written(name: str, case: str, expected: str) -> None:
    assert inflect(name, case, kind="place") == expected


@pytest.mark.parametrize(
    ("name", "kind", "case", "expected"),
    [
        ("Roy Keane", "person", "gen", "Roya Keane'a"),  # y after a vowel is a consonant: Roy declines
        ("Andy Murray", "person", "ins", "Andym Murrayem"),
        ("Billy Joel", "person", "dat", "Billy'emu Joelowi"),
        ("Heiko Maas", "person", "gen", "Heiko Maasa"),  # a given name in -ko or -rew stays
        ("Matthew Perry", "person", "gen", "Matthew Perry'ego"),
        ("Petro Poroszenko", "person", "gen", "Petra Poroszenki"),  # a Slavic -ko surname still declines
        ("Moon Jae-in", "person", "gen", "Moon Jae-in"),  # the Korean family name comes first and stays
        ("Ban Ki-moon", "person", "gen", "Ban Ki-moona"),
        ("Amerykanie", None, "gen", "Amerykanów"),  # -anie: -ów, but -janie, -wianie: no ending
        ("Rosjanie", None, "gen", "Rosjan"),
        ("Słowianie", None, "gen", "Słowian"),
        ("górale", None, "gen", "górale"),  # no rule fits: left as written rather than guessed
        ("kolejarze", None, "ins", "kolejarzami"),
        ("Alpy Julijskie", "place", "gen", "Alp Julijskich"),
        ("Wyspy Kanaryjskie", "place", "gen", "Wysp Kanaryjskich"),
        ("Stany Zjednoczone", "place", "gen", "Stanów Zjednoczonych"),
        ("Europa Środkowo-Wschodnia", "place", "loc", "Europie Środkowo-Wschodniej"),
        ("Europa Środkowo Wschodnia", "place", "gen", "Europy Środkowo Wschodniej"),
        ("Zachodnia", "place", "gen", "Zachodniej"),  # a feminine adjective alone
        ("Gdynia", "place", "gen", "Gdyni"),
        ("Oś Zła", "org", "gen", "Osi Zła"),
        ("Białoruś", "place", "ins", "Białorusią"),
        ("Schwerin", "place", "gen", "Schwerina"),
        ("Pekin", "place", "gen", "Pekinu"),
    ],
)
def test_shapes_of_names_choose_the_paradigm(name: str, kind: str | None, case: str, expected: str) -> None:
    assert inflect(name, case, kind=kind) == expected
