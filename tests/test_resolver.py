from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namenorm
from conftest import ALIYEVS, ROOT, SEED_ROWS, table_resolver
from namenorm import Method, NamenormError, load_table, normalize
from namenorm.compiled import compile_tables

BUNDLED = load_table(ROOT / "data" / "aliases.yaml")
SHARED = {"Georgia"}
"""Names the bundled table lists under ``ambiguous`` (test_shared_name_resolves_to_neither)."""
TABLE_NAMES = [(e.id, n.text, n.lang) for e in BUNDLED.entities for n in e.names if n.text not in SHARED]


@pytest.mark.parametrize("row", SEED_ROWS, ids=lambda r: f"{r['lang']}:{r['surface']}")
def test_every_seed_mention_resolves_to_its_anchor(row: dict[str, str], anchor_ids: dict[str, str]) -> None:
    match = namenorm.resolve(row["surface"], lang=row["lang"])
    assert match is not None and match.entity_id == anchor_ids[row["anchor"]]


def test_anchors_are_distinct_entities(anchor_ids: dict[str, str]) -> None:
    assert len(set(anchor_ids.values())) == len(anchor_ids) == 32


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=st.sampled_from(SEED_ROWS), data=st.data())
def test_seed_mentions_resolve_under_case_and_spacing_changes(
    row: dict[str, str], data: st.DataObject, anchor_ids: dict[str, str]
) -> None:
    surface = row["surface"]
    flips = data.draw(st.lists(st.booleans(), min_size=len(surface), max_size=len(surface)))
    varied = "".join(c.upper() if f else c.lower() for c, f in zip(surface, flips, strict=True))
    varied = "  " + varied.replace(" ", data.draw(st.sampled_from([" ", "  ", "\t"]))) + " "
    match = namenorm.resolve(varied, lang=row["lang"])
    assert match is not None and match.entity_id == anchor_ids[row["anchor"]]


@pytest.mark.parametrize(("entity_id", "name", "lang"), TABLE_NAMES, ids=lambda v: str(v))
def test_every_table_name_resolves_to_its_entity(entity_id: str, name: str, lang: str) -> None:
    for query_lang in (lang if lang in ("pl", "it", "en") else None, None):
        match = namenorm.resolve(name, lang=query_lang)
        assert match is not None and match.entity_id == entity_id
        assert match.method in (Method.EXACT, Method.ALIAS)
        assert match.score >= 0.95


@pytest.mark.parametrize(
    ("query", "lang", "entity_id", "method"),
    [
        ("Igor Khovaev", "en", "igor-khovaev", Method.EXACT),
        ("Artsakh", "en", "nagorno-karabakh", Method.ALIAS),
        ("Stambuł", "pl", "istanbul", Method.ALIAS),
        ("Mosca", "it", "moscow", Method.ALIAS),
        ("Chowajewem", "pl", "igor-khovaev", Method.SURNAME),
        ("Igorem Chowajewem", "pl", "igor-khovaev", Method.INFLECTION),
        ("Siergieja Ławrowa", "pl", "sergey-lavrov", Method.INFLECTION),
        ("Unii Europejskiej", "pl", "european-union", Method.INFLECTION),
        ("Stanów Zjednoczonych", "pl", "united-states", Method.INFLECTION),
        ("Erywaniu", "pl", "yerevan", Method.INFLECTION),
        ("Stepanakercie", "pl", "stepanakert", Method.INFLECTION),
        ("dell'Azerbaigian", "it", "azerbaijan", Method.INFLECTION),
        ("degli Stati Uniti", "it", "united-states", Method.INFLECTION),
        ("Azerbaijan’s", "en", "azerbaijan", Method.INFLECTION),
        ("the Kremlin", "en", "kremlin", Method.INFLECTION),
        ("U.S.", "en", "united-states", Method.ALIAS),
    ],
)
def test_real_language_forms(query: str, lang: str, entity_id: str, method: Method) -> None:
    match = namenorm.resolve(query, lang=lang)
    assert match is not None
    assert (match.entity_id, match.method) == (entity_id, method)
    assert 0 < match.score <= 1


def test_match_explains_itself() -> None:
    match = namenorm.resolve("Górskim Karabachu", lang="pl")
    assert match is not None
    assert match.matched == "Górski Karabach" and match.matched_lang == "pl"
    assert match.trail == ("adj-ins-im", "m-gen-u")
    assert match.query == "Górskim Karabachu"


def test_match_is_frozen() -> None:
    match = namenorm.resolve("Moskwa", lang="pl")
    assert match is not None and match.entity_id == "moscow"
    with pytest.raises(AttributeError):
        match.score = 0.1  # type: ignore[misc]


def test_shared_surname_is_ambiguous(tmp_path: Path) -> None:
    resolver = table_resolver(tmp_path, ALIYEVS)
    assert resolver.resolve("Alijewa", lang="pl") is None
    assert [m.entity_id for m in resolver.candidates("Alijewa", lang="pl")] == [
        "heydar-aliyev",
        "ilham-aliyev",
    ]
    assert resolver.resolve("Ilhama Alijewa", lang="pl").entity_id == "ilham-aliyev"  # type: ignore[union-attr]


def test_exact_name_beats_a_surname(tmp_path: Path) -> None:
    resolver = table_resolver(
        tmp_path,
        "  - {id: washington, type: place, label: Washington, names: {en: [Washington]}}\n"
        "  - {id: george-washington, type: person, label: George Washington,"
        " names: {en: [George Washington]}}\n",
    )
    assert resolver.resolve("Washington").entity_id == "washington"  # type: ignore[union-attr]
    assert [m.method for m in resolver.candidates("Washington")] == [Method.EXACT, Method.SURNAME]


def test_query_language_breaks_a_cross_language_tie(tmp_path: Path) -> None:
    resolver = table_resolver(
        tmp_path,
        "  - {id: a, type: other, label: Alpha, names: {it: [Mosca]}}\n"
        "  - {id: b, type: other, label: Beta, names: {en: [Mosca]}}\n",
    )
    assert resolver.resolve("Mosca") is None
    assert resolver.resolve("Mosca", lang="it").entity_id == "a"  # type: ignore[union-attr]
    assert resolver.resolve("Mosca", lang="en").entity_id == "b"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("   ", None),
        ("\x00\x01", None),
        ("x" * 100_000, None),
        ("Chowajewem " * 5000, None),  # longer than a name: no match, whatever it repeats
        ("!!!", None),
        ("Путин😀", "vladimir-putin"),  # a symbol after a name is dropped, not an error
    ],
    ids=["empty", "spaces", "controls", "huge", "repeated-name", "punctuation", "emoji"],
)
def test_bad_input_is_a_clean_no_match(query: str, expected: str | None) -> None:
    match = namenorm.resolve(query, lang="pl")
    assert (match.entity_id if match else None) == expected
    assert [m.entity_id for m in namenorm.candidates(query)] == ([expected] if expected else [])


@pytest.mark.parametrize("lang", ["xx", "polish", "", 5])
def test_wrong_language_code_is_a_clear_error(lang: object) -> None:
    with pytest.raises(NamenormError, match="language code"):
        namenorm.resolve("Moskwa", lang=lang)  # type: ignore[arg-type]


def test_other_iso_language_gets_generic_steps() -> None:
    assert namenorm.resolve("Moskwa", lang="de").entity_id == "moscow"  # type: ignore[union-attr]
    assert namenorm.resolve("MOSKWA", lang="PL").entity_id == "moscow"  # type: ignore[union-attr]


def test_non_string_query_is_a_namenorm_error() -> None:
    with pytest.raises(NamenormError):
        namenorm.resolve(None)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["pl", "it", "en", None, "de"]))
def test_random_input_never_raises(text: str, lang: str | None) -> None:
    match = namenorm.resolve(text, lang=lang)
    assert match is None or (0 < match.score <= 1 and match.query == text)
    for mention in namenorm.find(text, lang=lang):
        assert text[mention.start : mention.end] == mention.text and mention.entity_id


_DETERMINISM = """
import json, sys
import namenorm
from pathlib import Path
lines = [line for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
rows = [line.split("\\t") for line in lines[1:]]
out = [[(m.entity_id, m.score, m.method.value) for m in namenorm.candidates(r[2], r[1])] for r in rows]
for name in sorted(Path(sys.argv[2]).glob("*.txt")):
    out.append([(m.start, m.end, m.entity_id) for m in namenorm.find(name.read_text(encoding="utf-8"), "pl")])
print(json.dumps(out))
"""


def test_resolution_is_deterministic_across_hash_seeds() -> None:
    """Same candidates, scores and mentions in processes with different string hashing (set and dict
    order): nothing depends on the order Python happens to iterate."""
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _DETERMINISM, str(ROOT / "tests" / "cases" / "seed_mentions.tsv"),
             str(ROOT / "seeds")],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_shared_name_resolves_to_neither() -> None:
    shared = {
        text
        for e in BUNDLED.entities
        for n in e.names
        if normalize(n.text) in e.ambiguous
        for text in [n.text]
    }
    assert shared == SHARED
    for lang in (None, "en", "pl", "it", "de"):
        assert namenorm.resolve("Georgia", lang=lang) is None
        assert {m.entity_id for m in namenorm.candidates("Georgia", lang=lang)} == {
            "georgia",
            "georgia-us-state",
        }
    assert namenorm.resolve("Gruzji", lang="pl").entity_id == "georgia"  # type: ignore[union-attr]
    assert namenorm.resolve("stanie Georgia", lang="pl").entity_id == "georgia-us-state"  # type: ignore[union-attr]


def test_types_and_min_score() -> None:
    assert namenorm.resolve("Stambule", lang="pl", types="place").entity_id == "istanbul"  # type: ignore[union-attr]
    assert namenorm.resolve("Stambule", lang="pl", types=["person", "org"]) is None
    assert namenorm.resolve("Stambule", lang="pl", min_score=0.95) is None
    assert namenorm.resolve("Stambule", lang="pl", min_score=0.9) is not None
    assert namenorm.candidates("Stambule", lang="pl", min_score=0.95) == []
    with pytest.raises(namenorm.NamenormError, match="min_score"):
        namenorm.resolve("Stambule", min_score=2)
    with pytest.raises(namenorm.NamenormError, match="types"):
        namenorm.resolve("Stambule", types=[1])  # type: ignore[list-item]


def test_instrumental_of_a_name_is_an_inflection() -> None:
    for query, entity_id in (("Armenią", "armenia"), ("Turcją", "turkey"), ("Rosją", "russia")):
        match = namenorm.resolve(query, lang="pl")
        assert match is not None and match.entity_id == entity_id
        assert match.method is namenorm.Method.INFLECTION and match.trail == ("f-ins-a",)
    assert namenorm.resolve("Armenia", lang="pl").method is namenorm.Method.EXACT  # type: ignore[union-attr]


def test_format_characters_are_dropped_not_spaced() -> None:
    for query in ("Ław\u00adrow", "Ław\u200drow", "\ufeffŁawrow", "Ławrow\u200b"):
        match = namenorm.resolve(query, lang="pl")
        assert match is not None and match.entity_id == "sergey-lavrov", query


def test_middle_initials_are_left_out_for_people(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(
        "entities:\n"
        "  - {id: trump, type: person, label: Donald Trump, names: {pl: [Donald Trump]}}\n"
        "  - {id: kennedy, type: person, label: John Kennedy, names: {en: [John Kennedy]}}\n"
        "  - {id: lake, type: place, label: Salt Lake City, names: {en: [Salt Lake City]}}\n",
        encoding="utf-8",
    )
    resolver = namenorm.Resolver.from_yaml(table)
    for query, lang, expected in [
        ("Donald J. Trump", "en", "trump"),
        ("Donalda J. Trumpa", "pl", "trump"),
        ("John F. Kennedy", "en", "kennedy"),
    ]:
        match = resolver.resolve(query, lang)
        assert match is not None and match.entity_id == expected, query
        assert match.trail[-1] == "middle-initial" and match.query == query
    assert resolver.resolve("Salt L. Lake City", "en") is None  # only people have middle initials
    assert resolver.resolve("J. Trump", "en") is None  # a first initial is no middle one
    found = resolver.find("Wczoraj Donald J. Trump spotkał się z doradcami.", "pl")
    assert [(m.text, m.entity_id) for m in found] == [("Donald J. Trump", "trump")]


def test_a_company_designator_the_table_does_not_list_is_left_out(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(
        "entities:\n"
        "  - {id: ryanair, type: org, label: Ryanair, names: {en: [Ryanair]}}\n"
        "  - {id: ford, type: person, label: Harrison Ford, names: {en: [Harrison Ford]}}\n",
        encoding="utf-8",
    )
    resolver = namenorm.Resolver.from_yaml(table)
    for query in ("Ryanair DAC", "Ryanair Ltd.", "Ryanair plc"):
        match = resolver.resolve(query, "en")
        assert match is not None and match.entity_id == "ryanair" and match.trail[-1] == "designator"
    assert resolver.resolve("Ford Inc", "en") is None  # a designator ends a company's name, not a person's
    assert resolver.resolve("Ryanair Co", "pl") is None  # co is a Polish word (what), no designator there
    found = resolver.find("Analitycy Ryanair Co więcej, nie wiadomo.", "pl")
    assert [m.text for m in found] == ["Ryanair"]


def test_a_label_shared_silently_is_its_entity_only_as_written(tmp_path: Path) -> None:
    table = tmp_path / "shared.yaml"
    table.write_text(
        "entities:\n"
        "  - {id: ns2, type: product, label: Nord Stream 2, names: {pl: [Nord Stream 2]}}\n"
        "  - {id: ag, type: org, label: Nord Stream 2 AG, names: {pl: [Nord Stream 2 AG, Nord Stream 2]}}\n"
        "  - {id: ie, type: place, label: Ирландия, names: {ru: [Ирландия, Ирландии]}}\n"
        "  - {id: isles, type: place, label: Ирландии, names: {bg: [Ирландии]}}\n",
        encoding="utf-8",
    )
    with pytest.warns(namenorm.TableWarning):
        resolver = namenorm.Resolver.from_yaml(table)
    assert resolver.resolve("Nord Stream 2", lang="pl").entity_id == "ns2"  # type: ignore[union-attr]
    assert resolver.resolve("Nord Stream-2", lang="pl").entity_id == "ns2"  # type: ignore[union-attr]
    assert resolver.resolve("Nord Streamu 2", lang="pl") is None  # another form: neither's
    # a Polish reading of one entity's Cyrillic label that another lists too is not written as the label
    assert resolver.resolve("Irlandii", lang="pl") is None
    # the label's claim holds in the languages its entity lists the name in: Bulgarian, not Russian
    assert resolver.resolve("Ирландии", lang="bg").entity_id == "isles"  # type: ignore[union-attr]
    assert resolver.resolve("Ирландии", lang="ru") is None
    assert resolver.resolve("Ирландии").entity_id == "isles"  # type: ignore[union-attr]  # no language given
    text = "Ирландии нет"  # find refuses what resolve refuses
    assert [m.entity_id for m in resolver.find(text, lang="bg")] == ["isles"]
    assert resolver.find(text, lang="ru") == []
    with pytest.warns(namenorm.TableWarning):
        folder = compile_tables([table], tmp_path / "shared.nnidx")
    compiled = namenorm.Resolver.load(folder)  # a compiled index answers alike
    for query, lang in [("Ирландии", "bg"), ("Ирландии", "ru"), ("Nord Stream-2", "pl"), ("Irlandii", "pl")]:
        assert compiled.resolve(query, lang) == resolver.resolve(query, lang), (query, lang)
    assert [m.entity_id for m in compiled.find(text, lang="bg")] == ["isles"]
    assert compiled.find(text, lang="ru") == []


def test_an_acronym_the_world_lists_reaches_the_tables_place(tmp_path: Path) -> None:
    table = tmp_path / "ru.yaml"
    table.write_text(
        "entities:\n  - {id: us, type: place, label: США, names: {ru: [США, Соединенные Штаты]}}\n",
        encoding="utf-8",
    )
    match = namenorm.Resolver.from_yaml(table).resolve("USA", lang="pl")
    assert match is not None and (match.entity_id, match.method) == ("us", namenorm.Method.TRANSLATION)
