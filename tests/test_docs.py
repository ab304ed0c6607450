"""README and docs examples run, and the field reference matches the validator."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from namenorm.table import ENTITY_FIELDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [
    (page.name, block)
    for page in DOC_PAGES
    for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)
]


def test_readme_starts_with_the_two_commands() -> None:
    first = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first is not None
    lines = first.group(1).strip().splitlines()
    assert lines[0].endswith("namenorm resolve --lang pl Chowajewem")
    assert lines[1] == ".venv/bin/python -m pytest"
    assert "bash" in (ROOT / ".ci" / "run").read_text() and lines[1] in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize(("page", "block"), BLOCKS, ids=[f"{p}-{i}" for i, (p, _) in enumerate(BLOCKS)])
def test_doc_python_blocks_run(page: str, block: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(block, page, "exec"), {})
    printed = capsys.readouterr().out.strip().splitlines()
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    assert printed[: len(expected)] == expected


def test_field_reference_matches_validator() -> None:
    doc = (ROOT / "docs" / "aliases.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \| (\w+) \| (.*) \|$", doc, flags=re.M)
    documented = [(name, req == "yes", kind, text) for name, req, kind, text in rows]
    assert documented == [(f.name, f.required, f.kind, f.description) for f in ENTITY_FIELDS]
