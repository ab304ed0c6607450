"""README and docs examples run, and the field and command references match the code.

``python`` blocks are executed (lines of the form ``# output`` after them are the expected output);
``yaml`` blocks whose first line is ``# file: NAME`` are written to NAME; ``console`` blocks run each
``$ command`` in that folder (with ``data``, ``seeds`` and ``tests`` of the repository beside it) and
compare what it prints with the lines that follow.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from namenorm.cli import build_parser
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


CONSOLE_PAGES = [page for page in DOC_PAGES if "```console" in page.read_text(encoding="utf-8")]


def _files(page: Path, folder: Path) -> None:
    for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S):
        first, _, body = block.partition("\n")
        if first.startswith("# file: "):
            (folder / first[len("# file: ") :].strip()).write_text(body, encoding="utf-8")
    for name in ("data", "seeds", "tests"):
        (folder / name).symlink_to(ROOT / name)


def _sessions(page: Path) -> list[tuple[str, str]]:
    """(command, expected output) of every ``$`` line of the page's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=lambda p: p.name)
def test_doc_console_sessions_run(page: Path, tmp_path: Path) -> None:
    _files(page, tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command, expected in _sessions(page):
        assert command.startswith(("namenorm ", "printf ", "cat ")), command
        proc = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert proc.returncode in (0, 1), f"{command}: {proc.stderr}"
        assert proc.stdout.rstrip("\n") == expected.rstrip("\n"), command


def test_cli_reference_lists_every_command() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(\w+)` \|", doc, flags=re.M)
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    assert sorted(listed) == sorted(commands)
    assert all(f"## `namenorm {name}" in doc for name in commands)
