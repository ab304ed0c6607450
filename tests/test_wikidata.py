"""Importing a Wikidata dump: tests/cases/wikidata-sample.json is written in the dump's real format (a JSON
array, one entity per line, trailing commas), with a property and an item without names in the chosen
languages that the importer must skip."""

from __future__ import annotations

import bz2
import gzip
import io
from pathlib import Path

import pytest

from conftest import CASES
from namenorm import NamenormError, Resolver, check_tables
from namenorm.cli import main
from namenorm.wikidata import import_dump, read_dump

SAMPLE = CASES / "wikidata-sample.json"


def _copy(tmp_path: Path, suffix: str) -> Path:
    data = SAMPLE.read_bytes()
    path = tmp_path / f"dump.json{suffix}"
    path.write_bytes(
        gzip.compress(data) if suffix == ".gz" else bz2.compress(data) if suffix == ".bz2" else data
    )
    return path


@pytest.mark.parametrize("suffix", ["", ".gz", ".bz2"])
def test_import_plain_and_compressed(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "table.yaml"
    seen: list[tuple[int, int]] = []
    count = import_dump(
        _copy(tmp_path, suffix), out, langs=("en", "pl", "it"), progress=lambda d, t: seen.append((d, t))
    )
    assert count == 5  # the property and the French-only item are skipped
    assert check_tables([out]) == []
    assert seen and seen[-1][0] == seen[-1][1]
    resolver = Resolver.from_yaml(out, strict=True)
    assert resolver.resolve("Moskwy", lang="pl").entity_id == "moscow-q649"  # type: ignore[union-attr]
    assert resolver.resolve("Władimirem Putinem", lang="pl").entity_id == "vladimir-putin-q7747"  # type: ignore[union-attr]
    assert resolver.resolve("Gruzja", lang="pl").entity_id == "georgia-q230"  # type: ignore[union-attr]
    assert resolver.resolve("Georgia", lang="en") is None
    assert {m.entity_id for m in resolver.candidates("Georgia", lang="en")} == {
        "georgia-q230",
        "georgia-q1428",
    }
    entity = resolver.table.get("vladimir-putin-q7747")
    assert entity is not None and entity.type == "person" and entity.wikidata == "Q7747"


def test_types_filter(tmp_path: Path) -> None:
    out = tmp_path / "people.yaml"
    assert import_dump(SAMPLE, out, langs=("en",), types=("person",)) == 1
    assert "vladimir-putin-q7747" in out.read_text(encoding="utf-8")


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(NamenormError, match="ISO 639-1"):
        import_dump(SAMPLE, tmp_path / "t.yaml", langs=("english",))
    broken = tmp_path / "broken.json"
    broken.write_text('[\n{"type": "item", "id": "Q1",\n]\n', encoding="utf-8")
    with pytest.raises(NamenormError, match=r"broken\.json:2"):
        list(read_dump(broken))


def test_cli(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(
        ["import-wikidata", str(SAMPLE), "--langs", "en,pl", "-o", str(tmp_path / "t.yaml")], stdout=out
    )
    assert code == 0 and out.getvalue().startswith("wrote 5 entities")
