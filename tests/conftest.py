"""Shared fixtures and data loaders for the namenorm tests (no test reads ../shared)."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

import namenorm

# no example database: the suite runs in a read-only checkout too; no deadline: speed is measured in the
# benchmarks, not in tests (a first call that loads a table can exceed 200 ms on a busy machine)
settings.register_profile("namenorm", database=None, deadline=None)
settings.load_profile("namenorm")

# the bundled tables are compiled into a cache folder of the test run's own, never the user's
os.environ["NAMENORM_CACHE"] = tempfile.mkdtemp(prefix="namenorm-cache-")

HERE = Path(__file__).parent
ROOT = HERE.parent
CASES = HERE / "cases"
TABLES = HERE / "tables"


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of tests/cases/<name> (lines starting with # are comments)."""
    with (CASES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


SEED_ROWS = read_tsv("seed_mentions.tsv")
ALIYEVS = (
    "  - {id: ilham-aliyev, type: person, label: Ilham Aliyev, names: {pl: [Ilham Alijew]}}\n"
    "  - {id: heydar-aliyev, type: person, label: Heydar Aliyev, names: {pl: [Hejdar Alijew]}}\n"
)
"""Two people who share a surname, as table lines."""


def table_resolver(folder: Path, body: str) -> namenorm.Resolver:
    """A resolver over a table written from entity lines (YAML under ``entities:``)."""
    path = folder / "t.yaml"
    path.write_text("entities:\n" + body, encoding="utf-8")
    return namenorm.Resolver.from_yaml(path)


@pytest.fixture(scope="session")
def anchor_ids() -> dict[str, str]:
    """English anchor of each seed entity -> the id the bundled table gives it."""
    ids = {}
    for row in SEED_ROWS:
        match = namenorm.resolve(row["anchor"], lang="en")
        assert match is not None, row["anchor"]
        ids[row["anchor"]] = match.entity_id
    return ids


_COMPILED: dict[str, namenorm.Resolver] = {}


def compiled_resolver(table: Path, folder: Path) -> namenorm.Resolver:
    """The resolver of ``table`` loaded from a compiled index (compiled once per test session)."""
    from namenorm.compiled import compile_tables

    if str(table) not in _COMPILED:
        out = folder / f"{table.stem}.nnidx"
        compile_tables([table], out, strict=False)
        _COMPILED[str(table)] = namenorm.Resolver.load(out)
    return _COMPILED[str(table)]


@pytest.fixture(scope="session")
def precision_resolver() -> namenorm.Resolver:
    """tests/tables/precision.yaml: entities with near-miss neighbours."""
    return namenorm.Resolver.from_yaml(TABLES / "precision.yaml", strict=True)


@pytest.fixture(scope="session")
def english_only_resolver() -> namenorm.Resolver:
    """tests/tables/english_only.yaml: English names only, for transliteration."""
    return namenorm.Resolver.from_yaml(TABLES / "english_only.yaml", strict=True)


@pytest.fixture(scope="session")
def news_resolver() -> namenorm.Resolver:
    """tests/tables/news.yaml: real entities of the real-text tagging tests."""
    return namenorm.Resolver.from_yaml(TABLES / "news.yaml")
