"""Tagging many texts: in order, streamed, on several processes with the same answers as on one."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from namenorm import QueryError, workers
from namenorm.cli import main
from namenorm.resolver import default_resolver

SEEDS = sorted((ROOT / "seeds").glob("0*.txt"))
LANGS = {"000": "pl", "001": "pl", "002": "en", "003": "en", "004": "it"}


def polish_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS if LANGS[p.name[:3]] == "pl"]


def found(results: Iterator[list]) -> list[list[tuple[int, int, str]]]:
    return [[(m.start, m.end, m.entity_id) for m in mentions] for mentions in results]


def test_find_many_equals_find_in_order_and_streams() -> None:
    resolver = default_resolver()
    texts = [*polish_texts(), "Nic tu nie ma.", "", *polish_texts()[::-1]]
    pulled: list[int] = []

    def stream() -> Iterator[str]:
        for k, text in enumerate(texts):
            pulled.append(k)
            yield text

    results = resolver.find_many(stream(), "pl")
    assert found(iter([next(results)])) == found(iter([resolver.find(texts[0], "pl")]))
    assert pulled == [0]  # one text read, one result handed on: nothing waits in memory
    assert found(results) == found(resolver.find(t, "pl") for t in texts[1:])


def test_several_processes_give_the_same_answers_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "BATCH_CHARS", 3000)  # many small batches: order across workers counts
    resolver = default_resolver()
    texts = ([*polish_texts(), "Ławrow w Stambule.", "Nic."]) * 6
    assert found(resolver.find_many(iter(texts), "pl", jobs=3)) == found(
        resolver.find(t, "pl") for t in texts
    )


def test_input_of_one_batch_is_tagged_without_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool() -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(workers, "_context", no_pool)
    assert found(default_resolver().find_many(["Ławrow w Stambule."], "pl", jobs=4)) == [
        [(0, 6, "sergey-lavrov"), (9, 17, "istanbul")]
    ]


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_jobs_must_be_a_whole_number(jobs: object) -> None:
    with pytest.raises(QueryError, match="jobs must be a whole number"):
        list(default_resolver().find_many(["Moskwa"], "pl", jobs=jobs))  # type: ignore[arg-type]


@pytest.mark.parametrize("texts", ["Moskwa", 42, ["Moskwa", 42]])
def test_texts_must_be_strings(texts: object) -> None:
    with pytest.raises(QueryError):
        list(default_resolver().find_many(texts, "pl"))  # type: ignore[arg-type]


def test_cli_tag_jobs_writes_what_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "BATCH_CHARS", 2000)
    files = []
    for k, path in enumerate(SEEDS * 2):
        copy = tmp_path / f"{k:02d}{path.suffix}"
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(str(copy))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    files.insert(3, str(tmp_path / "empty.txt"))
    outputs = []
    for jobs in ("1", "2"):
        out = io.StringIO()
        assert main(["tag", "--lang", "pl", "--jobs", jobs, *files], stdout=out, stdin=io.StringIO("")) == 0
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert [line.split("\t")[0] for line in outputs[0].splitlines()][:1] == [files[0]]
    assert (
        len({line.split("\t")[0] for line in outputs[0].splitlines()}) == len(files) - 1
    )  # all but the empty


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_every_file_once_in_order_with_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "BATCH_CHARS", 2000)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    files = []
    for k, path in enumerate(SEEDS):
        copy = tmp_path / f"{k}.txt"
        copy.write_text(path.read_text(encoding="utf-8") if k != 2 else "", encoding="utf-8")
        files.append(str(copy))
    assert main(["tag", "--jobs", "2", *files], stdout=io.StringIO(), stdin=io.StringIO("")) == 0
    shown = [part.split()[1] for part in terminal.getvalue().split("\r") if part]
    assert shown == [f"{k}/{len(files)}" for k in range(1, len(files) + 1)]


def test_one_job_never_starts_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool() -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(workers, "_context", no_pool)
    monkeypatch.setattr(workers, "BATCH_CHARS", 10)
    texts = ["Ławrow w Stambule.", "Nic.", "Chowajew."]
    out = io.StringIO()
    stdin = io.StringIO(" ".join(texts))
    assert main(["tag", "--lang", "pl", "--jobs", "1", "-"], stdout=out, stdin=stdin) == 0
    assert found(default_resolver().find_many(texts, "pl", jobs=1))[2] == [(0, 8, "igor-khovaev")]
