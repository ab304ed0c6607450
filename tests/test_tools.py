"""The rendered-documentation check recognises a broken page (the check itself needs Chromium: see
docs/contributing.md)."""

from __future__ import annotations

import importlib.util

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
