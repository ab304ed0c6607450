"""A few seconds of tools/fuzz.py: hostile queries and texts, and corrupted copies of a compiled index.
Every exception must be a NamenormError; a damaged index must be refused or answer exactly as before."""

from __future__ import annotations

import contextlib
import importlib.util
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namenorm
from conftest import ROOT
from namenorm import NamenormError, Resolver
from namenorm.compiled import compile_tables
from namenorm.resolver import bundled_table_path

_spec = importlib.util.spec_from_file_location("fuzz", ROOT / "tools" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("fuzz") / "base.nnidx"
    compile_tables([bundled_table_path()], folder)
    return folder, fuzz.answers(Resolver.load(folder))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_a_corrupted_index_is_refused_or_answers_as_before(
    seed: int, intact: tuple[Path, str], tmp_path: Path
) -> None:
    base, expected = intact
    assert fuzz.check_corruption(base, expected, random.Random(seed), tmp_path) in ("rejected", "same")


def test_the_corruptions_are_real(intact: tuple[Path, str], tmp_path: Path) -> None:
    # most damage is refused at load; what loads is a change no answer depends on (the tables' paths)
    outcomes = [fuzz.check_corruption(intact[0], intact[1], random.Random(n), tmp_path) for n in range(40)]
    assert outcomes.count("rejected") >= 30


@settings(max_examples=400, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_hostile_queries_raise_namenorm_errors_only(seed: int) -> None:
    with contextlib.suppress(NamenormError):
        fuzz.call_query(namenorm.default_resolver(), random.Random(seed))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_hostile_texts_are_tagged_within_their_bounds(seed: int) -> None:
    text = fuzz.random_text(random.Random(seed))
    for mention in namenorm.find(text, "pl"):
        assert text[mention.start : mention.end] == mention.text


def test_an_unverified_load_still_turns_damaged_records_into_namenorm_errors(
    intact: tuple[Path, str], tmp_path: Path
) -> None:
    copy = tmp_path / "copy.nnidx"
    shutil.copytree(intact[0], copy)
    blob = copy / "entities.bin"
    blob.write_bytes(b"\xff" * blob.stat().st_size)
    resolver = Resolver.load(copy, verify=False)
    with pytest.raises(NamenormError, match=r"entities\.bin: corrupted"):
        fuzz.answers(resolver)
