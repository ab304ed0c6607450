"""The world gazetteer (data/world.yaml, generated from the Unicode CLDR): exonyms across languages and
scripts, one entity per place when joined to the story table, and no false merges with the common words
and given names that place names also are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from namenorm import NamenormError, QueryError, Resolver, load_table
from namenorm.table import bundled_table_path

LANGS = {"000": "pl", "001": "pl", "002": "en", "003": "en", "004": "it"}


@pytest.fixture(scope="module")
def both() -> Resolver:
    return Resolver.bundled("story", "world")


def found(resolver: Resolver, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in resolver.find(text, lang)]


def test_the_generated_table_is_what_the_tool_writes() -> None:
    babel = pytest.importorskip("babel")
    if babel.__version__ != "2.19.0":
        pytest.skip(f"the table is generated with Babel 2.19.0, not {babel.__version__}")
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_world.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_the_world_table_is_valid_alone_and_with_the_story_table() -> None:
    world = load_table(bundled_table_path("world"), strict=True)
    assert len(world.entities) > 500 and all(e.code and e.id.startswith("cldr-") for e in world.entities)
    joined = load_table([bundled_table_path("story"), bundled_table_path("world")], strict=True)
    codes = [e.code for e in joined.entities if e.code]
    assert len(codes) == len(set(codes))  # one entity per place
    story_codes = {e.code for e in load_table(bundled_table_path()).entities if e.code}
    doubled = [e.id for e in joined.entities if e.id.startswith("cldr-") and e.code in story_codes]
    assert story_codes and not doubled


@pytest.mark.parametrize(
    ("name", "lang", "entity"),
    [
        ("Erywań", "pl", "yerevan"), ("w Erywaniu", "pl", "yerevan"), ("Ереван", "ru", "yerevan"),
        ("Єреван", "uk", "yerevan"), ("Kijów", "pl", "kyiv"), ("Київ", "uk", "kyiv"),
        ("Rzymie", "pl", "cldr-europe-rome"), ("Roma", "it", "cldr-europe-rome"),
        ("Rome", "en", "cldr-europe-rome"),
        ("Stany Zjednoczone", "pl", "united-states"), ("Stati Uniti", "it", "united-states"),
        ("Gruzja", "pl", "georgia"), ("Грузия", "ru", "georgia"), ("Szwajcarii", "pl", "cldr-ch"),
        ("Svizzera", "it", "cldr-ch"), ("Europa Wschodnia", "pl", "cldr-151"),
        ("Città del Messico", "it", "cldr-america-mexico-city"),
    ],
)  # fmt: skip
def test_exonyms_in_every_language_and_script_are_one_place(
    both: Resolver, name: str, lang: str, entity: str
) -> None:
    match = both.resolve(name.removeprefix("w "), lang)
    assert match is not None and match.entity_id == entity


def test_a_city_state_is_the_country_and_a_shared_name_resolves_to_neither(both: Resolver) -> None:
    assert both.resolve("Singapur", "pl").entity_id == "cldr-sg"  # type: ignore[union-attr]
    assert both.resolve("Meksyk", "pl").entity_id == "cldr-mx"  # type: ignore[union-attr]  (the country's)
    assert both.resolve("Mexico City", "en").entity_id == "cldr-america-mexico-city"  # type: ignore[union-attr]
    assert both.resolve("Georgia", "en") is None  # the country and the US state of the story table


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # common words and given names that are also place names
        ("pl", "Czad ulatniał się z pieca.", []),
        ("pl", "W Czadzie trwa wojna, a Czad ogłosił żałobę.", [("Czadzie", "cldr-td"), ("Czad", "cldr-td")]),
        ("pl", "Mali chłopcy bawili się w Mali.", [("Mali", "cldr-ml")]),
        ("pl", "Dania z ryb podano w Danii.", [("Danii", "cldr-dk")]),
        ("pl", "Rozmawiał z nim Kuba Wojewódzki, a potem poleciał na Kubę.", [("Kubę", "cldr-cu")]),
        ("pl", "Wczoraj Dominika Kulczyk odwiedziła Dominikę.", [("Dominikę", "cldr-dm")]),
        ("en", "Last night Michael Jordan and Chad Smith watched the game.", []),
        ("en", "The band played in Sydney, where Sydney Sweeney was filming.",
         [("Sydney", "cldr-australia-sydney")]),
        ("en", "Protests spread in Jordan and Chad.", [("Jordan", "cldr-jo"), ("Chad", "cldr-td")]),
        # a qualifier before a name makes another place's name
        ("en", "He moved from New Mexico to Mexico.", [("Mexico", "cldr-mx")]),
        ("pl", "Przeniósł się z Nowego Meksyku do Meksyku.", [("Meksyku", "cldr-mx")]),
        ("it", "Dalla Nuova Guinea alla Guinea.", [("Guinea", "cldr-gn")]),
        ("en", "Papua New Guinea and Guinea-Bissau.",
         [("Papua New Guinea", "cldr-pg"), ("Guinea-Bissau", "cldr-gw")]),
        # a title before a name does not count
        ("pl", "Prezydent Francji przyjechał.", [("Francji", "france")]),
        # a demonym or an adjective is not the country
        ("pl", "Turek z Ankary i turecki rząd.", [("Ankary", "ankara")]),
    ],
)  # fmt: skip
def test_names_that_are_also_words_are_mentions_only_where_a_place_fits(
    both: Resolver, lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(both, text, lang) == expected


def test_the_seed_articles_keep_their_mentions_with_the_world_table(both: Resolver) -> None:
    story = Resolver.bundled("story")
    places = set()
    for path in sorted((ROOT / "seeds").glob("0*.txt")):
        text, lang = path.read_text(encoding="utf-8"), LANGS[path.name[:3]]
        mentions = both.find(text, lang)
        assert mentions == story.find(text, lang)
        places |= {m.entity_id for m in mentions if m.match.type == "place"}
    assert {"armenia", "azerbaijan", "russia", "turkey", "baku", "yerevan", "istanbul", "moscow"} <= places


def test_bundled_tables_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Resolver.bundled() is Resolver.bundled("story")  # loaded once, shared
    with pytest.raises(NamenormError, match="no bundled table 'atlas'"):
        Resolver.bundled("atlas")
    with pytest.raises(QueryError, match="named twice"):
        Resolver.bundled("world", "world")
    from namenorm.resolver import default_tables

    monkeypatch.setenv("NAMENORM_TABLES", "story, world")
    assert default_tables() == ("story", "world")


def test_cli_table_option(tmp_path: Path) -> None:
    import io

    from namenorm.cli import main

    out = io.StringIO()
    assert main(["resolve", "--table", "world", "--lang", "pl", "Erywaniu"], stdout=out) == 0
    assert out.getvalue().split("\t")[1] == "cldr-asia-yerevan"
    out = io.StringIO()
    both = ["--table", "story", "--table", "world"]
    assert main(["resolve", *both, "--lang", "pl", "Erywaniu"], stdout=out) == 0
    assert out.getvalue().split("\t")[1] == "yerevan"
    table = tmp_path / "mine.yaml"
    table.write_text(
        "entities:\n  - {id: gdynia, type: place, label: Gdynia, names: {pl: Gdynia}}\n", "utf-8"
    )
    out = io.StringIO()
    args = ["resolve", "--aliases", str(table), "--with-bundled", "--table", "world", "--lang", "pl"]
    assert main([*args, "Gdyni", "Rzymie"], stdout=out) == 0
    assert [line.split("\t")[1] for line in out.getvalue().splitlines()] == ["gdynia", "cldr-europe-rome"]
    assert main(["resolve", "--aliases", str(table), "--table", "world", "Gdynia"], stdout=io.StringIO()) == 2


@pytest.mark.parametrize(
    ("query", "lang", "entity"),
    [("Путина", "ru", "vladimir-putin"), ("Лаврову", "ru", "sergey-lavrov"), ("Москвы", "ru", "moscow"),
     ("Баку", "ru", "baku"), ("Ереване", "ru", "yerevan"), ("Азербайджаном", "ru", "azerbaijan"),
     ("Стамбулі", "uk", "istanbul"), ("Єревані", "uk", "yerevan"), ("Лавровим", "uk", "sergey-lavrov")],
)  # fmt: skip
def test_russian_and_ukrainian_case_forms_meet_latin_names(query: str, lang: str, entity: str) -> None:
    match = Resolver.bundled().resolve(query, lang)
    assert match is not None and match.entity_id == entity, (query, match)


def _table(tmp_path: Path, text: str) -> Resolver:
    path = tmp_path / "t.yaml"
    path.write_text("entities:\n" + text, encoding="utf-8")
    return Resolver.from_yaml(path)


def test_english_names_in_latin_text_meet_their_cyrillic_transcriptions(tmp_path: Path) -> None:
    cyrillic = _table(tmp_path, (
        "  - {id: cameron, type: person, label: Дэвид Камерон, names: {ru: [Дэвид Камерон]}}\n"
        "  - {id: hammond, type: person, label: Филип Хаммонд, names: {ru: [Филип Хаммонд]}}\n"
    ))  # fmt: skip
    assert cyrillic.resolve("Philipa Hammonda", "pl").entity_id == "hammond"  # type: ignore[union-attr]
    assert cyrillic.resolve("Camerona", "pl").entity_id == "cameron"  # type: ignore[union-attr]
    assert cyrillic.resolve("Hammondowi", "pl").entity_id == "hammond"  # type: ignore[union-attr]
    assert cyrillic.resolve("Cameron", "it").entity_id == "cameron"  # type: ignore[union-attr]
    assert cyrillic.resolve("Austriackie Hammondy", "pl") is None  # Polish adjectives are not read as English


def test_cyrillic_queries_meet_english_names_of_a_latin_table(tmp_path: Path) -> None:
    latin = _table(tmp_path, (
        "  - {id: cameron, type: person, label: David Cameron, names: {pl: [David Cameron]}}\n"
        "  - {id: cooltura, type: media, label: Cooltura, names: {pl: [Cooltura]}}\n"
        "  - {id: poland, type: place, label: Poland, names: {pl: [Polska]}}\n"
    ))  # fmt: skip
    assert latin.resolve("Дэвида Камерона", "ru").entity_id == "cameron"  # type: ignore[union-attr]
    assert latin.resolve("Камероном", "ru").entity_id == "cameron"  # type: ignore[union-attr]
    assert latin.resolve("Kultury", "pl") is None  # culture is no magazine read as English
    assert latin.resolve_by_rules("Polscy", "pl") is None  # a derived adjective is not the country


def test_short_names_and_acronyms_never_match_by_sound_across_scripts(tmp_path: Path) -> None:
    table = _table(tmp_path, (
        "  - {id: rudd, type: person, label: Эмбер Радд, names: {ru: [Эмбер Радд]}}\n"
        "  - {id: sun, type: media, label: Сън, names: {bg: [Сън]}}\n"
        "  - {id: uso, type: org, label: USO, names: {en: [USO]}}\n"
        "  - {id: usa, type: place, label: Соединённые Штаты, names: {ru: [США]}}\n"
    ))  # fmt: skip
    for query in ("Rada", "Radzie", "Sanni"):  # Polish words read as a three-letter name
        assert table.resolve(query, "pl") is None, query
    # an acronym in capitals takes no ending: not USO's genitive, but the world's USA, this table's США
    assert table.resolve("USA", "pl").entity_id == "usa"  # type: ignore[union-attr]
    assert table.resolve("Ruddowi", "pl") is None  # a surname of three sounds: not by sound alone
    assert table.resolve("Эмбер Радд", "ru").entity_id == "rudd"  # type: ignore[union-attr]
