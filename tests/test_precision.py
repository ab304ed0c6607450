"""A wrong merge is worse than a miss: near-miss names stay apart, real inflections still resolve."""

from __future__ import annotations

import pytest

from conftest import TABLES, read_tsv
from namenorm import Resolver

RESOLVER = Resolver.from_yaml(TABLES / "precision.yaml", strict=True)
CASES = read_tsv("precision.tsv")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["query"])
def test_precision_case(case: dict[str, str]) -> None:
    match = RESOLVER.resolve(case["query"], lang=case["lang"])
    got = match.entity_id if match else "-"
    assert got == case["expected"], case["why"]


def test_ambiguous_surname_lists_both() -> None:
    found = RESOLVER.candidates("Alijewa", lang="pl")
    assert [m.entity_id for m in found] == ["heydar-aliyev", "ilham-aliyev"]
    assert found[0].score == found[1].score
