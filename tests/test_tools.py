"""The rendered-documentation check recognises a broken page (the check itself needs Chromium: see
docs/contributing.md); the inflection benchmark keeps regular case forms only."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT

spec = importlib.util.spec_from_file_location("check_rendered", ROOT / "tools" / "check_rendered.py")
assert spec is not None and spec.loader is not None
check_rendered = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_rendered)


def test_a_good_page_passes() -> None:
    dom = "<html><head><title>Rules - namenorm</title></head><body><h1>Rules</h1></body></html>"
    assert check_rendered.problems("rules/", dom) == []


def test_broken_pages_fail() -> None:
    assert "no title" in check_rendered.problems("x/", "<html><body><h1>x</h1></body></html>")
    raw = "<title>API</title><h1>API</h1><p>::: namenorm.resolver</p>"
    assert set(check_rendered.problems("api/", raw)) == {
        "a mkdocstrings directive was not rendered",
        "the API page documents nothing",
    }


_PAIRS = ROOT / "benchmarks" / "inflect_pairs.py"
_pairs_spec = importlib.util.spec_from_file_location("inflect_pairs", _PAIRS)
assert _pairs_spec is not None and _pairs_spec.loader is not None
inflect_pairs = importlib.util.module_from_spec(_pairs_spec)
_pairs_spec.loader.exec_module(inflect_pairs)


def test_inflect_pairs_keeps_regular_case_forms_only(tmp_path: Path) -> None:
    assert inflect_pairs.regular("Krakowa", "Kraków")
    assert inflect_pairs.regular("Angeli Merkel", "Angela Merkel")
    assert not inflect_pairs.regular("W. Brytanii", "Wielka Brytania")  # an abbreviation
    assert not inflect_pairs.regular("Merkel", "Angela Merkel")  # another name
    assert not inflect_pairs.regular("PAUL MCERLANE", "Paul McErlane")  # a headline
    table = tmp_path / "m.tsv"
    rows = ["mention\tbase\ttype", "Krakowa\tKraków\tLOC", "Angeli Merkel\tAngela Merkel\tPER", "UE\tUE\tORG"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert inflect_pairs.main([str(table)]) == 0
