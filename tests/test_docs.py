"""README and docs examples run, and the field and command references match the code.

Each page runs in a fresh folder (with ``data``, ``seeds`` and ``tests`` of the repository beside it), its
blocks in order: ``yaml`` blocks whose first line is ``# file: NAME`` are written to NAME (that line
included, so that line numbers in the examples are those of the file a reader copies); ``python``
blocks are executed (the ``# ...`` lines that follow the code are the expected output); ``console`` blocks
run each ``$ command`` and compare what it prints with the lines that follow.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from namenorm.cli import build_parser
from namenorm.cli import main as cli_main
from namenorm.table import ENTITY_FIELDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOC_PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```(yaml|python|console)\n(.*?)```", flags=re.S)


def test_readme_starts_with_the_two_commands() -> None:
    first = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first is not None
    lines = first.group(1).strip().splitlines()
    assert lines[0].endswith("namenorm resolve --lang pl Chowajewem")
    assert lines[1] == ".venv/bin/python -m pytest"
    assert "bash" in (ROOT / ".ci" / "run").read_text() and lines[1] in (ROOT / ".ci" / "run").read_text()


def _run_python(code: str, folder: Path) -> None:
    printed, before = io.StringIO(), Path.cwd()
    os.chdir(folder)  # contextlib.chdir is Python 3.11+
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "doc", "exec"), {})
    finally:
        os.chdir(before)
    expected = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    assert printed.getvalue().strip().splitlines()[: len(expected)] == expected


class _Stdin(io.StringIO):
    """What a pipe hands the command: its bytes (``buffer``)."""

    def __init__(self, data: bytes) -> None:
        super().__init__("")
        self.buffer = io.BytesIO(data)


def _shell(command: str, folder: Path) -> bytes:
    """A printf or cat command (run by the shell: its escapes are the shell's)."""
    proc = subprocess.run(command, shell=True, cwd=folder, capture_output=True, check=True)
    return proc.stdout


def _namenorm(command: str, folder: Path, stdin: bytes) -> tuple[int, str]:
    """A namenorm command, run in this process through ``cli.main`` (as fast as a function call)."""
    out, before = io.StringIO(), Path.cwd()
    os.chdir(folder)
    try:
        code = cli_main(shlex.split(command)[1:], stdout=out, stdin=_Stdin(stdin))
    finally:
        os.chdir(before)
    return code, out.getvalue()


def _run_console(block: str, folder: Path) -> None:
    for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
        command, _, expected = chunk.partition("\n")
        feed, _, command = command.rpartition(" | ") if " | " in command else ("", "", command)
        assert command.startswith(("namenorm ", "printf ", "cat ")), command
        if command.startswith("namenorm "):
            code, printed = _namenorm(command, folder, _shell(feed, folder) if feed else b"")
            assert code in (0, 1), command
        else:
            printed = _shell(command, folder).decode()
        assert printed.rstrip("\n") == expected.rstrip("\n"), command


@pytest.mark.docs
@pytest.mark.parametrize(
    "page", [p for p in DOC_PAGES if BLOCK.search(p.read_text("utf-8"))], ids=lambda p: p.name
)
def test_doc_examples_run(page: Path, tmp_path: Path) -> None:
    for name in ("data", "seeds", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    for kind, block in BLOCK.findall(page.read_text(encoding="utf-8")):
        if kind == "yaml":
            first = block.partition("\n")[0]
            if first.startswith("# file: "):  # the whole block, as a reader copies it, comment included
                (tmp_path / first[len("# file: ") :].strip()).write_text(block, encoding="utf-8")
        elif kind == "python":
            _run_python(block, tmp_path)
        else:
            _run_console(block, tmp_path)


def test_field_reference_matches_validator() -> None:
    doc = (ROOT / "docs" / "aliases.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \| (\w+) \| (.*) \|$", doc, flags=re.M)
    documented = [(name, req == "yes", kind, text) for name, req, kind, text in rows]
    assert documented == [(f.name, f.required, f.kind, f.description) for f in ENTITY_FIELDS]


def test_cli_reference_lists_every_command() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([\w-]+)` \|", doc, flags=re.M)
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    assert sorted(listed) == sorted(commands)
    assert all(f"## `namenorm {name}" in doc for name in commands)


def test_nested_lists_are_indented_four_spaces() -> None:
    """MkDocs renders a list item indented by two spaces flat, as if it were not nested."""
    for page in DOC_PAGES:
        fenced = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            fenced = fenced != line.startswith("```")
            assert fenced or not re.match(r"^ {1,3}[-*] ", line), f"{page.name}:{number}: {line}"


def test_api_page_documents_each_object_once() -> None:
    """The root section lists the top-level functions only; classes are documented in their modules."""
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    root = re.search(r"::: namenorm\n(?:    [^\n]*\n)*?      members: \[([^\]]*)\]", api)
    assert root is not None
    members = [m.strip() for m in root.group(1).split(",")]
    import namenorm

    assert all(callable(getattr(namenorm, m)) and not isinstance(getattr(namenorm, m), type) for m in members)
    assert api.count("::: namenorm.types") == 1 and api.count("::: namenorm.resolver.Resolver") == 1


def test_the_api_pages_show_sphinx_roles_as_code() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("sphinx_roles", ROOT / "docs" / "hooks" / "sphinx_roles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "see :func:`~namenorm.table.load_table`, :meth:`Resolver.find` and :mod:`namenorm.gazetteer`"
    assert module.plain(text) == "see `load_table`, `Resolver.find` and `namenorm.gazetteer`"
