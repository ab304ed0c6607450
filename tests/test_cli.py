from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TABLES
from namenorm.cli import main


def run(args: list[str], stdin: str | io.StringIO = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(args, stdout=out, stdin=stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin))
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


def test_check_warns_about_a_listed_case_form(tmp_path: Path) -> None:
    table = tmp_path / "waw.yaml"
    table.write_text(
        "entities:\n  - {id: waw, type: place, label: Warsaw, names: {pl: [Warszawa, Warszawie]}}\n",
        encoding="utf-8",
    )
    code, out = run(["check", str(table)])
    assert code == 0
    assert "warning: " in out and "waw.yaml:2:" in out and "'Warszawie' (pl) is a case form" in out


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


class _BytesStdin(io.StringIO):
    """A stdin whose bytes are what a pipe delivers (``buffer``)."""

    def __init__(self, data: bytes) -> None:
        super().__init__("")
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.json", "missing.json: cannot read the dump: No such file or directory"),
        (lambda d: d, "cannot read the dump: Is a directory"),
        (
            lambda d: (d / "bin.json").write_bytes(b"\xd0\xcf\x11\xe0\xff\xfe\n") and d / "bin.json",
            "not UTF-8",
        ),
        (lambda d: (d / "bad.gz").write_bytes(b"not gzip") and d / "bad.gz", "bad.gz: cannot read the dump"),
    ],
    ids=["missing", "directory", "binary", "damaged-gz"],
)
def test_import_wikidata_bad_dump_one_line(
    make: object, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = make(tmp_path)  # type: ignore[operator]
    code, _ = run(["import-wikidata", str(dump), "-o", str(tmp_path / "out.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_import_wikidata_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "d.json"
    dump.write_text("[]\n", encoding="utf-8")
    code, _ = run(["import-wikidata", str(dump), "-o", str(tmp_path / "no" / "such" / "out.yaml")])
    assert code == 2 and "cannot write the table" in capsys.readouterr().err


def test_compiled_index_and_bundled_table_from_the_cli(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(
        "entities:\n  - {id: kyiv-x, type: place, label: Kyiv X, names: {pl: [Kijów X]}}\n", "utf-8"
    )
    folder = tmp_path / "t.nnidx"
    assert run(["compile", str(table), "-o", str(folder)])[0] == 0
    assert (
        run(["resolve", "--aliases", str(folder), "--lang", "pl", "Kijowie X"])[1].split("\t")[1] == "kyiv-x"
    )
    code, out = run(
        ["resolve", "--aliases", str(table), "--with-bundled", "--lang", "pl", "Kijowie X", "Moskwie"]
    )
    assert code == 0 and [line.split("\t")[1] for line in out.splitlines()] == ["kyiv-x", "moscow"]
    assert run(["resolve", "--aliases", str(table), "Moskwie"])[0] == 1  # instead of the bundled table
    assert run(["resolve", "--aliases", str(folder), "--aliases", str(table), "x"])[0] == 2


def test_shared_name_warning_is_one_clean_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["resolve", "--aliases", str(TABLES / "shared_name.yaml"), "x"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("namenorm: warning: ") and len(err.splitlines()) == 1
    assert "cli.py" not in err and "warnings.warn" not in err
    run(["resolve", "--aliases", str(TABLES / "shared_name.yaml"), "--quiet", "x"])
    assert capsys.readouterr().err == ""


def test_tag_json_has_the_fields_of_resolve_json() -> None:
    _, tagged = run(["tag", "--json", "--lang", "pl"], stdin="Ławrow")
    _, resolved = run(["resolve", "--json", "--lang", "pl", "Ławrow"])
    mention, match = json.loads(tagged), json.loads(resolved)
    assert set(match) <= set(mention) and {"file", "start", "end", "text"} <= set(mention)
    assert {k: mention[k] for k in match} == match


def test_encoding_warning_and_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin2 = "W Moskwie Ławrow.".encode("iso-8859-2")
    _, out = run(["tag", "--lang", "pl"], stdin=_BytesStdin(latin2))
    assert "some bytes are not utf-8" in capsys.readouterr().err
    assert [line.split("\t")[3] for line in out.splitlines()] == ["Moskwie"]
    path = tmp_path / "latin2.txt"
    path.write_bytes(latin2)
    _, out = run(["tag", "--lang", "pl", "--encoding", "iso-8859-2", str(path)])
    assert [line.split("\t")[3] for line in out.splitlines()] == ["Moskwie", "Ławrow"]
    assert capsys.readouterr().err == ""
    _, out = run(["resolve", "--json", "--lang", "pl"], stdin=_BytesStdin("\ufeffMoskwa\n".encode()))
    assert json.loads(out)["query"] == "Moskwa"
    assert run(["tag", "--encoding", "no-such-codec", str(path)])[0] == 2


def test_version_and_hint_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"])[0] == 0
    assert capsys.readouterr().out.startswith("namenorm ")
    for command in ("resolve", "tag"):
        out = io.StringIO()
        assert main([command], stdout=out, stdin=_Terminal()) == 2
        assert "give arguments or pipe input" in capsys.readouterr().err


def test_explain_unquoted_and_json() -> None:
    code, out = run(["explain", "--lang", "pl", "Siergieja", "Ławrowa"])
    assert code == 0 and out.splitlines()[-1].startswith("decision: sergey-lavrov")
    code, out = run(["explain", "--json", "--lang", "pl", "Chowajewem"])
    data = json.loads(out)
    assert data["match"]["entity_id"] == "igor-khovaev" and data["steps"][-1].startswith("decision")


def test_limit_type_and_min_score() -> None:
    code, out = run(["resolve", "--limit", "5", "Georgia"])
    assert code == 0 and [line.split("\t")[1] for line in out.splitlines()] == ["georgia", "georgia-us-state"]
    code, out = run(["resolve", "--limit", "5", "--json", "Georgia"])
    assert [c["entity_id"] for c in json.loads(out)["candidates"]] == ["georgia", "georgia-us-state"]
    assert run(["resolve", "--lang", "pl", "--type", "person", "Moskwie"])[0] == 1
    assert run(["resolve", "--lang", "pl", "--type", "org,place", "Moskwie"])[0] == 0
    assert run(["resolve", "--lang", "pl", "--min-score", "0.95", "Moskwie"])[0] == 1


def test_csv_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "names.csv"
    table.write_text('id,name\n1,Moskwie\n2,Nikt\n3,"Gruzji, kraju"\n', encoding="utf-8")
    code, out = run(["resolve", "--csv", str(table), "--column", "name", "--lang", "pl"])
    rows = list(csv.reader(out.splitlines()))
    assert code == 1
    assert rows[0] == ["id", "name", "namenorm_id", "namenorm_label", "namenorm_score", "namenorm_method"]
    assert rows[1][2:4] == ["moscow", "Moscow"] and rows[2][2:] == ["", "", "", ""]
    assert run(["resolve", "--csv", str(table), "--column", "nope"])[0] == 2
    assert "no column 'nope'" in capsys.readouterr().err


def test_check_verifies_a_compiled_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.nnidx"
    assert run(["compile", str(TABLES / "minimal.yaml"), "-o", str(out)])[0] == 0
    code, text = run(["check", str(out)])
    assert code == 0 and "sizes and digests" in text
    (out / "stems.txt").write_text("x" * (out / "stems.txt").stat().st_size)
    assert run(["check", str(out)])[0] == 2
    assert "stems.txt differs from its recorded digest" in capsys.readouterr().err


def test_a_damaged_gzip_stream_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    data = bytearray(gzip.compress(b'[\n{"type": "item", "id": "Q1"}\n]\n' * 200))
    data[len(data) // 2 : len(data) // 2 + 8] = b"\xff" * 8  # a valid header, a broken deflate stream
    (tmp_path / "d.json.gz").write_bytes(bytes(data))
    code, _ = run(["import-wikidata", str(tmp_path / "d.json.gz"), "-o", str(tmp_path / "out.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "cannot read the dump" in err and len(err.strip().splitlines()) == 1


def test_closed_stdin_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a process started with `<&-`
    for command in (["resolve", "--lang", "pl"], ["tag", "--lang", "pl"]):
        assert main(command, stdout=io.StringIO()) == 2
        assert capsys.readouterr().err == (
            "namenorm: stdin is closed: give the input as arguments or files, or pipe it in\n"
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_two() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "namenorm", "resolve", "--lang", "pl", "Moskwy"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "namenorm: cannot write the output: No space left on device\n"


def test_latin1_stdin_under_a_utf8_locale_is_a_warning_not_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "namenorm", "resolve", "--lang", "pl"],
        input="Moskwy\nKijów\n".encode("latin-1", errors="replace").replace(b"?", b"\xf3"),
        capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=False,
    )  # fmt: skip
    assert done.returncode == 1, (
        done.stderr
    )  # every line answered; the damaged one (Kij\ufffdw) resolves to none
    assert done.stderr.decode().startswith("namenorm: warning: stdin: some bytes are not utf-8 text")
    rows = [line.split("\t")[:2] for line in done.stdout.decode().splitlines()]
    assert rows == [["Moskwy", "moscow"], ["Kij\ufffdw", ""]]


def test_long_input_is_tagged_in_pieces_with_offsets_from_the_start() -> None:
    text = "Spotkanie w Moskwie.\n\nPotem w Kijowie i Stambule.\n\n" * 40
    _, whole = run(["tag", "--lang", "pl"], stdin=text)
    _, pieces = run(["tag", "--lang", "pl", "--piece-size", "60"], stdin=text)
    assert pieces == whole and len(whole.splitlines()) == 120
    for line in pieces.splitlines():
        _, start, end, found, *_ = line.split("\t")
        assert text[int(start) : int(end)] == found
    assert run(["tag", "--piece-size", "0"], stdin=text)[0] == 2


def test_piece_cuts_fall_at_paragraphs_then_lines_then_spaces() -> None:
    from namenorm.reading import pieces

    assert [p for _, p in pieces(["aa bb\ncc\n\ndd ee"], 12)] == ["aa bb\ncc\n\n", "dd ee"]
    assert [p for _, p in pieces(["aa bb\ncc dd"], 8)] == ["aa bb\n", "cc dd"]
    assert [p for _, p in pieces(["aa bb cc"], 4)] == ["aa ", "bb ", "cc"]
    assert [p for _, p in pieces(["abcdefgh"], 3)] == ["abc", "def", "gh"]
    assert list(pieces(["ab", "cd ef", " gh"], 4)) == [(0, "abcd"), (4, " ef "), (8, "gh")]


def test_lines_are_the_same_whatever_the_blocks() -> None:
    from namenorm.reading import lines

    text = "Moskwa\r\nKijów\n\nLwów\rRzym\nWielkie Księstwo Litewskie\r\n"
    for size in range(1, len(text) + 1):
        blocks = [text[i : i + size] for i in range(0, len(text), size)]
        assert list(lines(blocks)) == text.splitlines(), size
        assert list(lines(blocks, longest=5)) == [line[:6] for line in text.splitlines()], size


def test_resolve_reads_a_line_without_end_in_bounded_memory() -> None:
    code, out = run(["resolve", "--lang", "pl"], stdin=io.StringIO("x" * 3_000_000 + "\nMoskwy\n"))
    assert code == 1
    assert [line.split("\t")[:2] for line in out.splitlines()] == [["x" * 401, ""], ["Moskwy", "moscow"]]


def test_compile_over_a_folder_of_other_files_exits_two_and_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "meta.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("keep me")
    assert run(["compile", str(TABLES / "minimal.yaml"), "-o", str(tmp_path)])[0] == 2
    assert "not overwriting it" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meta.json", "notes.txt"]


def test_control_characters_never_reach_the_tsv_output() -> None:
    code, out = run(["resolve", "--lang", "pl", "Mos\tkwy\x1b[31m"])
    assert out == "Mos kwy [31m\t\t\t\t\n" and code == 1
    _, tagged = run(["tag", "--lang", "pl"], stdin="Jechali przez\x1b[0m Moskwę\tdo Kijowa.")
    assert all(len(line.split("\t")) == 6 and "\x1b" not in line for line in tagged.splitlines())


def test_explain_in_a_text_names_the_rule_that_refused() -> None:
    code, out = run(
        ["explain", "--lang", "en", "Biden", "--text", "Hunter Biden was convicted. Joe Biden spoke."]
    )
    assert code == 0
    assert "in the text at 7-12 'Biden': refused joe-biden (longer-name)" in out
    assert "in the text at 28-37 'Joe Biden': tagged joe-biden" in out
    code, out = run(["explain", "--json", "--lang", "en", "Biden", "--text", "Hunter Biden was here."])
    assert json.loads(out)["in_text"] == [
        {"start": 7, "end": 12, "text": "Biden", "entity_id": "joe-biden", "refused": "longer-name"}
    ]


@pytest.mark.parametrize(("signum", "code"), [(2, 130), (15, 143)], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_command_quietly_with_its_exit_code(signum: int, code: int) -> None:
    import signal
    import time

    def as_from_a_terminal() -> None:  # a background job of a script starts with SIGINT ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    proc = subprocess.Popen(  # resolve waits on stdin, which stays open
        [sys.executable, "-c", "import sys; from namenorm.cli import main; sys.exit(main())", "resolve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_from_a_terminal,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("Moskwa\n")
    proc.stdin.flush()
    first = proc.stdout.readline()  # answered: the table is loaded and the command waits for the next line
    time.sleep(0.2)
    proc.send_signal(signal.Signals(signum))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert first.startswith("Moskwa\tmoscow")  # what was answered before the signal stays written


def test_a_compile_stopped_by_sigterm_leaves_no_work_folder(tmp_path: Path) -> None:
    import signal
    import time

    table = tmp_path / "big.yaml"
    rows = (
        f"  - {{id: p{i}, type: person, label: Jan Nowak{i}, names: {{pl: [Jan Nowak{i}]}}}}"
        for i in range(30000)
    )
    table.write_text("entities:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "namenorm.cli", "compile", "-o", str(out / "idx"), str(table)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(out.iterdir()) and time.monotonic() < deadline:  # the work folder is being written
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (143, "")
    assert list(out.iterdir()) == []


def test_a_closed_stdout_is_one_line_and_exit_two() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm.cli", "resolve", "Moskwa"],
        stdout=subprocess.DEVNULL,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "namenorm: stdout is closed: nowhere to write the output"


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("rot13", "'rot13' is not a text encoding"),
        ("hex", "'hex' is not a text encoding"),
        ("bogus", "unknown text encoding 'bogus'"),
        ("utf-16", "stdin: not utf-16 text"),
    ],
)
def test_an_encoding_that_cannot_read_the_input_is_one_line(encoding: str, message: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm.cli", "resolve", "--encoding", encoding],
        input=b"Moskwa\n",
        capture_output=True,
        check=False,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and message in err and "Traceback" not in err


def test_import_wikidata_keeps_an_existing_file_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = ROOT / "tests" / "cases" / "wikidata-sample.json"
    table = tmp_path / "mine.yaml"
    table.write_text("# my own table\n", encoding="utf-8")
    code, _ = run(["import-wikidata", str(dump), "-o", str(table)])
    assert code == 2 and "exists; not overwriting it" in capsys.readouterr().err
    assert table.read_text(encoding="utf-8") == "# my own table\n"
    code, _ = run(["import-wikidata", str(dump), "-o", str(table), "--force"])
    assert code == 0 and "entities:" in table.read_text(encoding="utf-8")
    copy = tmp_path / "dump.json"
    copy.write_bytes(dump.read_bytes())
    code, _ = run(["import-wikidata", str(copy), "-o", str(copy), "--force"])  # the dump itself: never
    assert code == 2 and "is the dump itself" in capsys.readouterr().err
    assert copy.read_bytes() == dump.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resolve", "--limit", "0", "Moskwa"], "--limit"),
        (["resolve", "--type", "bogus", "Moskwa"], "unknown type 'bogus'"),
        (["resolve", "--type=", "Moskwa"], "no type given"),
        (["resolve", "--csv", "x.csv", "--column", "a", "Moskwa"], "not both"),
    ],
)
def test_usage_errors_exit_two(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(args)
    assert code == 2 and message in capsys.readouterr().err


def test_a_csv_field_longer_than_the_csv_modules_default_limit_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "long.csv"
    table.write_text("name\n" + "x" * 200_000 + "\nMoskwa\n", encoding="utf-8")
    code, out = run(["resolve", "--csv", str(table), "--column", "name", "--lang", "pl"])
    assert code == 1 and out.splitlines()[-1].startswith("Moskwa,moscow,")


def test_a_utf16_terminal_encoding_does_not_change_how_input_is_read() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-16"}
    proc = subprocess.run(
        [sys.executable, "-m", "namenorm.cli", "resolve", "--lang", "pl"],
        input=b"Moskwa\n",  # UTF-8, no byte-order mark: --encoding (utf-8) reads it, not the locale
        capture_output=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr.decode(errors="replace")
    assert proc.stdout.decode("utf-16").startswith("Moskwa\tmoscow")


def test_sigterm_during_tag_on_two_workers_is_quiet(tmp_path: Path) -> None:
    import signal
    import time

    words = "Ławrow spotkał się w Stambule z Blinkenem i rozmawiali o Górskim Karabachu. "
    for k in range(4):
        (tmp_path / f"news{k}.txt").write_text(words * 20000, encoding="utf-8")
    out = tmp_path / "out.tsv"
    with open(out, "w", encoding="utf-8") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "namenorm.cli", "tag", "--lang", "pl", "--jobs", "2",
             *sorted(str(p) for p in tmp_path.glob("news*.txt"))],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while out.stat().st_size == 0 and time.monotonic() < deadline:  # the workers are tagging
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert "Traceback" not in err and "BrokenPipeError" not in err
