from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TABLES
from namenorm.cli import main


def run(args: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(args, stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def test_resolve_arguments_tab_separated() -> None:
    code, out = run(["resolve", "--lang", "pl", "Chowajewem", "Stambule"])
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(q, i, m) for q, i, _, _, m in lines] == [
        ("Chowajewem", "igor-khovaev", "surname"),
        ("Stambule", "istanbul", "inflection"),
    ]


def test_resolve_stdin_json_and_exit_one_when_unresolved() -> None:
    code, out = run(["resolve", "--json", "--lang", "it"], stdin="Mosca\n\nNessuno Nessuno\n")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["entity_id"] == "moscow" and rows[0]["method"] == "alias"
    assert rows[1] == {"query": "Nessuno Nessuno", "entity_id": None}


def test_resolve_with_own_table() -> None:
    code, out = run(["resolve", "--aliases", str(TABLES / "minimal.yaml"), "Sergey Lavrov"])
    assert code == 0 and out.split("\t")[1] == "sergey-lavrov"


def test_table_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["resolve", "--aliases", str(TABLES / "malformed.yaml"), "x"])
    assert code == 2
    assert "malformed.yaml:7:9" in capsys.readouterr().err


def test_bad_language_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["resolve", "--lang", "xx", "Moskwa"])[0] == 2
    assert "unknown language code" in capsys.readouterr().err


def test_usage_error_exits_two() -> None:
    assert run(["frobnicate"])[0] == 2


def test_check_clean_and_broken() -> None:
    assert run(["check", str(ROOT / "data" / "aliases.yaml")])[0] == 0
    code, out = run(["check", str(TABLES / "bad_lang.yaml")])
    assert code == 1 and "bad_lang.yaml:7:7:" in out


def test_tag_json_from_stdin() -> None:
    code, out = run(["tag", "--lang", "pl", "--json"], stdin="Spotkanie w Stambule z Ławrowem.")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["text"], r["entity_id"], r["start"]) for r in rows] == [
        ("Stambule", "istanbul", 12),
        ("Ławrowem", "sergey-lavrov", 23),
    ]


def test_tag_files() -> None:
    seed = ROOT / "seeds" / "002_0591e3ddf00e87bb.txt"
    code, out = run(["tag", "--lang", "en", str(seed)])
    assert code == 0
    assert any(line.split("\t")[4] == "igor-khovaev" for line in out.splitlines())


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm.cli", "resolve", "--lang", "pl", "Chowajewem"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "igor-khovaev" in proc.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    from namenorm.cli import Progress

    quiet = io.StringIO()
    bar = Progress(2, quiet)
    bar.step("a.txt")
    bar.step("b.txt")
    assert quiet.getvalue() == ""
    terminal = _Terminal()
    bar = Progress(2, terminal)
    bar.step("a.txt")
    bar.step("b.txt")
    assert "2/2" in terminal.getvalue() and terminal.getvalue().endswith("\n")


def test_tag_several_files_json(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Ławrow w Stambule.", encoding="utf-8")
    second.write_text("Lavrov in Istanbul.", encoding="utf-8")
    code, out = run(["tag", "--json", str(first), str(second)])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(Path(r["file"]).name, r["entity_id"]) for r in rows] == [
        ("a.txt", "sergey-lavrov"),
        ("a.txt", "istanbul"),
        ("b.txt", "sergey-lavrov"),
        ("b.txt", "istanbul"),
    ]
