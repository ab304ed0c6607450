"""Names in one script against tables in another: the Latin readings (English, German, French), and the
precision rules that keep near misses across scripts and shared surnames from merging people and places."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import table_resolver
from namenorm import Method, Resolver

RUSSIAN_TABLE = (
    "  - {id: hancock, type: person, label: Мэтт Хэнкок, names: {ru: [Мэтт Хэнкок]}}\n"
    "  - {id: kate-moss, type: person, label: Кейт Мосс, names: {ru: [Кейт Мосс]}}\n"
    "  - {id: seehofer, type: person, label: Хорст Зеехофер, names: {ru: [Хорст Зеехофер]}}\n"
    "  - {id: scholz, type: person, label: Олаф Шольц, names: {ru: [Олаф Шольц]}}\n"
    "  - {id: hollande, type: person, label: Франсуа Олланд, names: {ru: [Франсуа Олланд]}}\n"
    "  - {id: blair, type: person, label: Тони Блэр, names: {ru: [Тони Блэр]}}\n"
    "  - {id: corbyn, type: person, label: Джереми Корбин, names: {bg: [Джереми Корбин]}}\n"
    "  - {id: johnson, type: person, label: Борис Джонсън, names: {bg: [Борис Джонсън]}}\n"
    "  - {id: raab, type: person, label: Доминик Рааб, names: {ru: [Доминик Рааб]}}\n"
    "  - {id: campbell, type: person, label: Аластер Кэмпбелл, names: {ru: [Аластер Кэмпбелл]}}\n"
)


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    return table_resolver(tmp_path_factory.mktemp("ru"), RUSSIAN_TABLE)


@pytest.mark.parametrize(
    ("query", "lang", "expected", "reading"),
    [
        ("Matt Hancock", "pl", "hancock", "anglo_e"),  # a as э
        ("Mattowi Hancockowi", "pl", "hancock", "anglo_e"),
        ("Kate Moss", "it", "kate-moss", "anglo_ei"),  # a in an open syllable as ей
        ("Horsta Seehofera", "pl", "seehofer", "german"),  # initial s as з, h between vowels as х
        ("Olaf Scholz", "en", "scholz", "german"),
        ("François Hollande", "it", "hollande", "french"),  # silent h, final e, oi as уа
        ("Tony'ego Blaira", "pl", "blair", "anglo"),
        ("Borisa Johnsona", "pl", "johnson", "anglo_bg"),  # the unstressed o as Bulgarian ъ
        ("Dominic Raab", "it", "raab", "anglo"),
        ("Alastaira Campbella", "pl", "campbell", "mixed"),  # Alastair with а, Campbell with э
    ],
)
def test_latin_names_meet_their_russian_transcriptions(
    russian: Resolver, query: str, lang: str, expected: str, reading: str
) -> None:
    match = russian.resolve(query, lang)
    assert match is not None and match.entity_id == expected
    assert f"translit:{reading}" in match.trail


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Гэвина Барвелла", "barwell"), ("Барвеллом", "barwell"), ("Хорста Зеехофера", "seehofer")],
)
def test_russian_queries_meet_the_readings_of_a_latin_table(
    tmp_path: Path, query: str, expected: str
) -> None:
    latin = table_resolver(tmp_path, (
        "  - {id: barwell, type: person, label: Gavin Barwell, names: {pl: [Gavin Barwell]}}\n"
        "  - {id: seehofer, type: person, label: Horst Seehofer, names: {pl: [Horst Seehofer]}}\n"
    ))  # fmt: skip
    match = latin.resolve(query, "ru")
    assert match is not None and match.entity_id == expected


def test_near_misses_across_scripts_keep_their_consonants(tmp_path: Path) -> None:
    """Irlandia is one consonant from Исландия and Gotlandia one from Голландия: other places, not
    misspellings. A transcription that trades s for z still meets (Brexit, Брекзит)."""
    table = table_resolver(tmp_path, (
        "  - {id: iceland, type: place, label: Исландия, names: {ru: [Исландия]}}\n"
        "  - {id: holland, type: place, label: Голландия, names: {ru: [Голландия]}}\n"
        "  - {id: brexit, type: event, label: Брекзит, names: {ru: [Брекзит]}}\n"
    ))  # fmt: skip
    assert table.resolve("Irlandia", "pl") is None
    assert table.resolve("Gotlandii", "pl") is None
    assert table.resolve("Gotlandia", "pl") is None
    found = table.resolve("Brexit", "pl")
    assert found is not None and found.entity_id == "brexit" and found.method is Method.PHONETIC


def test_a_typo_in_the_same_script_is_still_found(tmp_path: Path) -> None:
    table = table_resolver(
        tmp_path, "  - {id: iceland, type: place, label: Islandia, names: {pl: [Islandia]}}\n"
    )
    found = table.resolve("Isladnia", "pl")
    assert found is not None and found.method is Method.FUZZY


def test_a_one_word_name_another_person_bears_as_a_surname_is_ambiguous(tmp_path: Path) -> None:
    table = table_resolver(tmp_path, (
        "  - {id: michael, type: person, label: Michael Schumacher,"
        " names: {de: [Michael Schumacher, Schumacher]}}\n"
        "  - {id: ralf, type: person, label: Ralf Schumacher, names: {de: [Ralf Schumacher]}}\n"
        "  - {id: vettel, type: person, label: Sebastian Vettel, names: {de: [Sebastian Vettel, Vettel]}}\n"
    ))  # fmt: skip
    assert table.resolve("Schumacher", "de") is None
    assert {m.entity_id for m in table.candidates("Schumacher", "de")} == {"michael", "ralf"}
    assert table.resolve("Michael Schumacher", "de").entity_id == "michael"  # type: ignore[union-attr]
    assert table.resolve("Vettel", "de").entity_id == "vettel"  # type: ignore[union-attr]


def test_a_reading_meets_names_in_cyrillic_only(tmp_path: Path) -> None:
    """Michael read as English (Мичел) or German (Михель) has the key of Michel: two Latin spellings of
    different names, which a reading must not join."""
    table = table_resolver(tmp_path, (
        "  - {id: michel, type: person, label: Charles Michel, names: {fr: [Charles Michel]}}\n"
        "  - {id: kyiv, type: place, label: Київ, names: {uk: [Київ]}}\n"
    ))  # fmt: skip
    assert table.resolve("Michael", "en") is None
    assert table.resolve("Michaela", "pl") is None
