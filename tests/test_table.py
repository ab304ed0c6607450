from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from conftest import ROOT, TABLES, read_tsv
from namenorm import AliasTableError, Resolver, TableWarning, check_tables, load_table

BAD = read_tsv("bad_tables.tsv")


@pytest.mark.parametrize("case", BAD, ids=lambda c: f"{c['file']}:{c['line']}")
def test_broken_table_reports_file_line_column(case: dict[str, str]) -> None:
    issues = check_tables([TABLES / case["file"]])
    expected = (str(TABLES / case["file"]), int(case["line"]), int(case["column"]))
    hits = [i for i in issues if (i.path, i.line, i.column) == expected and case["message"] in i.message]
    assert hits, f"no issue {expected} {case['message']!r} in {[str(i) for i in issues]}"


@pytest.mark.parametrize("name", sorted({c["file"] for c in BAD}))
def test_broken_table_raises_one_error_naming_the_file(name: str) -> None:
    with pytest.raises(AliasTableError) as info:
        load_table(TABLES / name, strict=True)
    assert str(TABLES / name) in str(info.value)
    assert info.value.line >= 1


def test_bundled_table_is_clean_and_uses_slug_ids() -> None:
    assert check_tables([ROOT / "data" / "aliases.yaml"]) == []
    table = load_table(ROOT / "data" / "aliases.yaml")
    for entity in table.entities:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity.id), entity.id
        assert entity.names, entity.id


def test_minimal_form_is_accepted() -> None:
    table = load_table(TABLES / "minimal.yaml")
    assert [e.id for e in table.entities] == ["sergey-lavrov"]
    assert Resolver(table).resolve("Sergey Lavrov").entity_id == "sergey-lavrov"  # type: ignore[union-attr]


def test_shared_name_is_a_warning_when_not_strict_and_then_ambiguous() -> None:
    with pytest.warns(TableWarning, match="georgia"):
        resolver = Resolver.from_yaml(TABLES / "shared_name.yaml")
    assert resolver.resolve("Georgia") is None
    assert [m.entity_id for m in resolver.candidates("Georgia")] == ["georgia-country", "georgia-state"]


def test_marked_shared_name_is_clean_and_ambiguous() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolver = Resolver.from_yaml(TABLES / "shared_name_marked.yaml", strict=True)
    assert resolver.resolve("Georgia") is None
    assert resolver.resolve("Sakartvelo").entity_id == "georgia-country"  # type: ignore[union-attr]


def test_several_files_and_duplicate_ids_across_them() -> None:
    with pytest.raises(AliasTableError, match="duplicate id 'sergey-lavrov'"):
        load_table([TABLES / "minimal.yaml", TABLES / "minimal.yaml"])


def test_missing_file_is_a_table_error() -> None:
    with pytest.raises(AliasTableError, match="file not found"):
        load_table(TABLES / "no-such-file.yaml")


def test_every_problem_in_one_run() -> None:
    """Field errors do not hide a duplicate id or a shared name (an empty names list included)."""
    issues = check_tables([TABLES / "many_problems.yaml"])
    assert [(i.line, i.column) for i in issues] == [(4, 11), (8, 9), (11, 12), (16, 12), (17, 18)]


def test_a_single_name_may_be_written_without_a_list(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text("entities:\n  - {id: kyiv, type: place, label: Kyiv, names: {en: Kyiv, pl: [Kijów]}}\n")
    names = load_table(table).entities[0].names
    assert [(n.text, n.lang) for n in names] == [("Kyiv", "en"), ("Kijów", "pl")]


def test_a_label_clashes_with_a_name_in_any_language(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(
        "entities:\n"
        "  - {id: georgia-country, type: place, label: Georgia, names: {pl: [Gruzja]}}\n"
        "  - {id: georgia-state, type: place, label: Georgia (US state), names: {en: [Georgia]}}\n",
        encoding="utf-8",
    )
    issues = check_tables([table])
    assert [(i.line, i.column) for i in issues] == [(3, 78)]  # the name in the second entity
    assert "'georgia'" in issues[0].message and "georgia-country" in issues[0].message
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TableWarning)
        resolver = Resolver.from_yaml(table)
    # shared, but the label of one only: as written, that one's, in resolve and in find alike, where no
    # language is given; in English, the language the other lists it in and the label's entity does not,
    # neither's
    assert resolver.resolve("Georgia").entity_id == "georgia-country"  # type: ignore[union-attr]
    assert resolver.resolve("Georgii", "pl") is None  # an inflected form: neither's
    assert [m.entity_id for m in resolver.find("Voters in Georgia")] == ["georgia-country"]
    assert resolver.resolve("Georgia", "en") is None
    assert resolver.find("Voters in Georgia", lang="en") == []


def test_a_name_two_entities_list_alike_resolves_to_neither(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(
        "entities:\n"
        "  - {id: jaguar-cars, type: org, label: Jaguar Cars, names: {en: [Jaguar]}}\n"
        "  - {id: jaguar-animal, type: product, label: Panthera onca, names: {en: [Jaguar]}}\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TableWarning)
        resolver = Resolver.from_yaml(table)
    assert resolver.resolve("Jaguar") is None
    reading = resolver.tagger.read("He saw a Jaguar in May.", "en")
    assert reading.mentions == ()
    assert {(r.entity_id, r.rule) for r in reading.refused} == {
        ("jaguar-cars", "ambiguous"),
        ("jaguar-animal", "ambiguous"),
    }


def test_nesting_too_deep_for_the_pure_python_parser_is_an_issue(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import namenorm.table

    def recurse(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(namenorm.table.yaml, "compose", recurse)  # what PyYAML does without libyaml
    (tmp_path / "deep.yaml").write_text("entities: [[[[]]]]\n", encoding="utf-8")
    assert [i.message for i in check_tables([tmp_path / "deep.yaml"])] == [
        "malformed YAML: lists or mappings nested too deeply"
    ]


def test_entities_of_two_files_with_one_code_are_one(tmp_path: Path) -> None:
    story, world = tmp_path / "story.yaml", tmp_path / "world.yaml"
    story.write_text(
        "entities:\n  - {id: armenia, type: place, label: Armenia, code: AM,\n"
        "     names: {en: [Armenia], pl: [Armenia]}}\n",
        encoding="utf-8",
    )
    world.write_text(
        "entities:\n"
        "  - {id: cldr-am, type: place, label: Armenia, code: AM, names: {pl: [Armenia], ru: [Армения]}}\n"
        "  - {id: cldr-asia-yerevan, type: place, label: Yerevan, code: Asia/Yerevan,\n"
        "     names: {pl: [Erywań]}}\n",
        encoding="utf-8",
    )
    table = load_table([story, world])
    assert [e.id for e in table.entities] == ["armenia", "cldr-asia-yerevan"]
    armenia = table.get("armenia")
    assert armenia is not None and armenia.code == "AM"
    names = [(n.lang, n.text) for n in armenia.names]
    assert names == [("en", "Armenia"), ("pl", "Armenia"), ("ru", "Армения")]
    resolver = Resolver(table)
    assert resolver.resolve("Армения").entity_id == "armenia"  # type: ignore[union-attr]
    assert resolver.resolve("Erywaniu", "pl").entity_id == "cldr-asia-yerevan"  # type: ignore[union-attr]
    assert [e.id for e in load_table([world, story]).entities] == ["cldr-am", "cldr-asia-yerevan"]
