"""A large table is read a slice of entities at a time (``STREAM_BYTES``, ``CHUNK_ENTITIES``): the same
entities, and the same problems at the same lines, as reading it whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from namenorm import table
from namenorm.errors import AliasTableError
from namenorm.table import bundled_table_path, check_tables, load_table

ROOT = Path(__file__).resolve().parents[1]
TABLES = sorted((ROOT / "tests" / "tables").rglob("*.yaml"))


def _read(path: Path, strict: bool = True) -> object:
    """What loading ``path`` gives: its entities, or the problems."""
    try:
        return load_table(path, strict=strict).entities
    except AliasTableError as exc:
        return exc.issues


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(ROOT / "tests" / "tables")))
@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_a_table_read_in_slices_is_the_table_read_whole(
    path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _read(path)
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", chunk)
    assert _read(path) == whole


@pytest.mark.parametrize("name", ["story", "world"])
def test_the_bundled_tables_read_in_slices(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = load_table(bundled_table_path(name)).entities
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 7)
    assert load_table(bundled_table_path(name)).entities == whole


LONG = """\
# a table of many entities, with keys before and after the list
description: places
entities:
{items}
"""


def _long(tmp_path: Path, items: list[str], after: str = "") -> Path:
    path = tmp_path / "long.yaml"
    path.write_text(LONG.format(items="\n".join(items)) + after, encoding="utf-8")
    return path


def _place(k: int) -> str:
    return f"  - id: p{k}\n    type: place\n    label: Place {k}\n    names:\n      en: [Place {k}]"


def test_a_problem_deep_in_a_long_table_is_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [_place(k) for k in range(40)]
    items[33] = items[33].replace("type: place", "type: planet")
    path = _long(tmp_path, items)
    whole = check_tables([path])
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 4)
    sliced = check_tables([path])
    assert sliced == whole and len(whole) == 1
    assert whole[0].line == 3 + 33 * 5 + 2  # the type line of the 34th entity


def test_malformed_yaml_deep_in_a_long_table_is_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [_place(k) for k in range(30)]
    items[21] = items[21].replace("label: Place 21", 'label: "Place 21')  # an unclosed quote
    path = _long(tmp_path, items)
    whole = check_tables([path])
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 4)
    sliced = check_tables([path])
    assert [(i.line, i.message) for i in sliced] == [(i.line, i.message) for i in whole]


@pytest.mark.parametrize(
    "after",
    ["description: twice\n", "unknown: key\n", "entities:\n  - id: x\n    type: place\n    label: X\n"],
)
def test_keys_after_the_list_are_checked(tmp_path: Path, after: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _long(tmp_path, [_place(k) for k in range(6)], after="\n" + after)
    whole = check_tables([path])
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 2)
    assert check_tables([path]) == whole and whole


def test_a_list_at_the_first_column_and_a_flow_list_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_column = tmp_path / "first.yaml"
    first_column.write_text(
        "entities:\n"
        + "\n".join(_place(k).replace("\n  ", "\n").removeprefix("  ") for k in range(5))
        + "\n",
        encoding="utf-8",
    )
    flow = tmp_path / "flow.yaml"
    flow.write_text(
        "entities: ["
        + ", ".join(f"{{id: p{k}, type: place, label: P{k}, names: {{en: [P{k}]}}}}" for k in range(3))
        + "]\n",
        encoding="utf-8",
    )
    wholes = [load_table(first_column).entities, load_table(flow).entities]
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 2)
    assert [load_table(first_column).entities, load_table(flow).entities] == wholes
    assert len(wholes[0]) == 5 and len(wholes[1]) == 3


def test_an_entities_line_inside_a_quoted_description_is_not_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "quoted.yaml"
    path.write_text(
        'description: "a note\nentities:\n'
        '- {id: fake, type: person, label: Fake Person, names: {en: [Fake]}}\n"\n'
        "entities:\n" + "\n".join(_place(k) for k in range(6)) + "\n",
        encoding="utf-8",
    )
    whole = load_table(path).entities
    assert [e.id for e in whole] == [f"p{k}" for k in range(6)]
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 2)
    assert load_table(path).entities == whole
    assert check_tables([path]) == []
