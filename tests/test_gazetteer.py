"""The world gazetteer as a bridge: a place a table names in one language, found from news in another
(a Czech list read against Polish news, a Bulgarian one against Italian), and the precision rules."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from namenorm import Resolver
from namenorm.cli import main
from namenorm.gazetteer import Gazetteer, load_world_names, world_gazetteer
from namenorm.index import Index
from namenorm.table import bundled_table_path, load_table
from namenorm.types import Entity, Method, Name

CZECH = """\
entities:
  - id: finland
    type: place
    label: Finsko
    names: {cs: [Finsko], sl: [Finska]}
  - id: germany
    type: place
    label: Německo
    names: {cs: [Německo]}
  - id: vienna
    type: place
    label: Vídeň
    names: {cs: [Vídeň]}
  - id: new-zealand
    type: place
    label: Nový Zéland
    names: {cs: [Nový Zéland]}
"""

BULGARIAN = """\
entities:
  - id: germany
    type: place
    label: Германия
    names: {bg: [Германия]}
  - id: hungary
    type: place
    label: Унгария
    names: {bg: [Унгария]}
"""


def _table(tmp_path: Path, text: str, name: str = "table.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def czech(tmp_path: Path) -> Resolver:
    return Resolver.from_yaml(_table(tmp_path, CZECH))


@pytest.mark.parametrize(
    ("query", "lang", "entity", "place"),
    [
        ("Finlandii", "pl", "finland", "cldr-fi"),
        ("Finlandia", "it", "finland", "cldr-fi"),
        ("Niemczech", "pl", "germany", "cldr-de"),
        ("Niemiec", "pl", "germany", "cldr-de"),
        ("Germany", "en", "germany", "cldr-de"),
        ("Wiedniu", "pl", "vienna", "cldr-europe-vienna"),
        ("Vienna", "it", "vienna", "cldr-europe-vienna"),
        ("Nowej Zelandii", "pl", "new-zealand", "cldr-nz"),
        ("Германии", "ru", "germany", "cldr-de"),
    ],
)
def test_a_czech_table_meets_news_in_other_languages(
    czech: Resolver, query: str, lang: str, entity: str, place: str
) -> None:
    match = czech.resolve(query, lang)
    assert match is not None and match.entity_id == entity
    assert match.method is Method.TRANSLATION and match.trail[-1] == f"world:{place}"


def test_a_bulgarian_table_meets_italian_and_polish_news(tmp_path: Path) -> None:
    resolver = Resolver.from_yaml(_table(tmp_path, BULGARIAN))
    assert resolver.resolve("Ungheria", "it").entity_id == "hungary"
    assert resolver.resolve("Węgrzech", "pl").entity_id == "hungary"
    assert resolver.resolve("Germania", "it").matched == "Германия"


def test_the_table_own_names_come_first(czech: Resolver) -> None:
    match = czech.resolve("Finsku", "cs")  # the table's name, inflected by no rule file: not a world name
    assert match is None or match.method is not Method.TRANSLATION
    assert czech.resolve("Finsko").method is Method.EXACT


def test_the_explanation_names_the_world_place(czech: Resolver) -> None:
    steps = czech.explain("Finlandii", "pl").steps
    assert any(step.startswith("step 3, gazetteer: cldr-fi (inflection)") for step in steps)
    assert steps[-1] == "decision: finland (translation, score 0.810)"


def test_only_places_are_taken_across(tmp_path: Path) -> None:
    table = """\
entities:
  - id: jordan-player
    type: person
    label: Jordan
    names: {en: [Jordan]}
"""
    resolver = Resolver.from_yaml(_table(tmp_path, table))
    assert resolver.resolve("Jordanii", "pl") is None  # Jordan the country, not the footballer


def test_two_table_places_the_world_names_lead_to_tie(tmp_path: Path) -> None:
    table = """\
entities:
  - id: germany-cs
    type: place
    label: Německo
    names: {cs: [Německo]}
  - id: germany-bg
    type: place
    label: Германия
    names: {bg: [Германия]}
"""
    resolver = Resolver.from_yaml(_table(tmp_path, table))
    assert resolver.resolve("Niemczech", "pl") is None
    found = resolver.candidates("Niemczech", "pl")
    assert [m.entity_id for m in found] == ["germany-bg", "germany-cs"]
    assert {m.method for m in found} == {Method.TRANSLATION}


def test_a_name_two_world_places_share_leads_to_neither(tmp_path: Path) -> None:
    # Croatian Alžir is Algeria; Czech and Slovak Alžír is its capital, Algiers: a Polish query for the city
    # must not reach a Croatian table's country through the folded key they share
    table = """\
entities:
  - id: algeria
    type: place
    label: Alžir
    names: {hr: [Alžir], sl: [Alžirija]}
"""
    resolver = Resolver.from_yaml(_table(tmp_path, table))
    assert resolver.resolve("Algierze", "pl") is None  # in Algiers
    assert resolver.resolve("Algierii", "pl").matched == "Alžirija"  # of Algeria: through its Slovene name


def test_a_table_place_with_another_code_is_another_place(tmp_path: Path) -> None:
    table = """\
entities:
  - id: georgia-state
    type: place
    label: Georgia
    code: US
    names: {en: [Georgia]}
"""
    resolver = Resolver.from_yaml(_table(tmp_path, table))
    assert resolver.resolve("Gruzji", "pl") is None  # the country Georgia (GE), not a place coded US


def test_only_a_world_name_as_listed_or_inflected_is_taken_across(czech: Resolver) -> None:
    assert czech.resolve("Finlandiia", "pl") is None  # a typo of the world's name: two guesses
    assert czech.resolve("Finlandija", "pl") is None


def test_the_gazetteer_can_be_turned_off(tmp_path: Path) -> None:
    path = _table(tmp_path, CZECH)
    plain = Resolver.from_yaml(path, gazetteer=False)
    assert plain.resolve("Finlandii", "pl") is None
    assert pickle.loads(pickle.dumps(plain)).resolve("Finlandii", "pl") is None
    assert (
        pickle.loads(pickle.dumps(Resolver.from_yaml(path))).resolve("Finlandii", "pl").entity_id == "finland"
    )


def test_a_compiled_index_uses_the_gazetteer(tmp_path: Path) -> None:
    out = tmp_path / "czech.nnidx"
    Resolver.compile([_table(tmp_path, CZECH)], out)
    assert Resolver.load(out).resolve("Wiedniu", "pl").entity_id == "vienna"
    assert Resolver.load(out, gazetteer=False).resolve("Wiedniu", "pl") is None


def test_the_tagger_reaches_a_tables_places_through_their_names_in_the_texts_language(
    czech: Resolver,
) -> None:
    # a Czech table tags Polish text through the world names, inflected too, computed with the tagger
    text = "Premier przyleciał do Nowej Zelandii w poniedziałek, potem do Finlandii."
    found = czech.find(text, "pl")
    assert [(m.text, m.entity_id, m.match.method.value) for m in found] == [
        ("Nowej Zelandii", "new-zealand", "translation"),
        ("Finlandii", "finland", "translation"),
    ]
    assert found[1].match.trail[-1] == "world:cldr-fi"
    assert czech.resolve("Nowej Zelandii", "pl").entity_id == "new-zealand"
    # only the text's language: the Italian name in Polish text is no mention
    assert czech.find("Nuova Zelanda", "pl") == []
    assert [m.entity_id for m in czech.find("Il premier è in Nuova Zelanda.", "it")] == ["new-zealand"]


def test_the_world_names_of_a_language_are_added_when_a_text_in_it_comes(tmp_path: Path) -> None:
    resolver = Resolver.from_yaml(_table(tmp_path, CZECH))
    tagger = resolver.tagger
    assert [m.entity_id for m in resolver.find("Il premier è in Nuova Zelanda.", "it")] == ["new-zealand"]
    assert tagger._translated == {"it"}  # no Polish case forms generated for an Italian text
    assert [m.text for m in resolver.find("Premier jest w Nowej Zelandii.", "pl")] == ["Nowej Zelandii"]
    assert tagger._translated == {"it", "pl"}


def test_without_the_gazetteer_the_tagger_keeps_to_the_tables_own_names(tmp_path: Path) -> None:
    resolver = Resolver.from_yaml(_table(tmp_path, CZECH), gazetteer=False)
    assert resolver.find("Premier przyleciał do Nowej Zelandii.", "pl") == []


def test_every_world_place_has_its_other_names_filed_once() -> None:
    gazetteer = world_gazetteer()
    names = load_world_names()
    assert names["cldr-fi"] == {
        "bg": ["Финландия"],
        "cs": ["Finsko"],
        "sk": ["Fínsko"],
        "sl": ["Finska"],
        "hr": ["Finska"],
        "es": ["Finlandia"],
        "nl": ["Finland"],
        "de": ["Finnland"],
        "fr": ["Finlande"],
    }
    assert names["cldr-gb"]["nl"] == ["Verenigd Koninkrijk", "VK"]  # a short name news writes
    keys = [key for place_keys in gazetteer.keys.values() for key in place_keys]
    assert len(keys) == len(set(keys))  # a key leads to one place or none
    assert "alzir" not in gazetteer.keys["cldr-dz"] + gazetteer.keys["cldr-africa-algiers"]
    assert "finsko" in gazetteer.keys["cldr-fi"]


def test_a_gazetteer_over_any_world_matcher() -> None:
    # the class works over any matcher: here the bundled world's, with one invented other-language name
    world = world_gazetteer().world
    gazetteer = Gazetteer(world, {"cldr-is": {"xx": ["Islandeja"]}})
    index = Index.build([Entity("iceland", "place", "Islandeja", (Name("Islandeja", "xx"),))])
    assert [entry.entity.id for entry, _ in gazetteer.places("Islandii", "pl", index)] == [
        "iceland",
        "iceland",
    ]


def test_the_command_line_can_turn_the_gazetteer_off(tmp_path: Path) -> None:
    path = str(_table(tmp_path, CZECH))
    out = io.StringIO()
    assert main(["resolve", "--lang", "pl", "--aliases", path, "Finlandii"], stdout=out) == 0
    assert out.getvalue().rstrip().split("\t")[1:5] == ["finland", "Finsko", "0.810", "translation"]
    off = io.StringIO()
    assert (
        main(["resolve", "--lang", "pl", "--aliases", path, "--no-gazetteer", "Finlandii"], stdout=off) == 1
    )
    assert off.getvalue().split("\t")[1] == ""


def test_a_world_matcher_with_every_index_still_reads_as_listed_only() -> None:
    # over the world resolver's full matcher (typo and transliteration indexes built), a typo of a world
    # name, which that matcher finds by itself, is still not taken across
    full = Resolver.from_yaml(bundled_table_path("world"), strict=True, gazetteer=False).matcher
    assert full.resolve("Finlandiia", "pl").entity_id == "cldr-fi"
    gazetteer = Gazetteer(full, load_world_names())
    index = Index.build([Entity("finland", "place", "Finsko", (Name("Finsko", "cs"),))])
    assert gazetteer.places("Finlandiia", "pl", index) == []
    assert [entry.name for entry, _ in gazetteer.places("Finlandii", "pl", index)] == ["Finsko", "Finsko"]


def test_the_world_entities_file_is_the_world_table_as_loaded() -> None:
    from namenorm.gazetteer import WORLD_ENTITIES, read_world_entities
    from namenorm.table import bundled_data_path

    path = bundled_table_path("world")
    text = path.read_text(encoding="utf-8")
    cached = read_world_entities(
        bundled_data_path(WORLD_ENTITIES).read_text(encoding="utf-8"), text, str(path)
    )
    assert cached is not None  # made from this world.yaml (tools/make_world.py writes both)
    assert cached == load_table(path).entities
    assert (
        read_world_entities(bundled_data_path(WORLD_ENTITIES).read_text(encoding="utf-8"), text + "#", "x")
        is None
    )
