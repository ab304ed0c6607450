"""External sorting: more (key, value) pairs than memory holds, sorted in runs on disk and merged.

A compiled index of millions of names is written from one pass over the tables: every pair a trie will
hold goes to a :class:`Spill`, which keeps at most ``run_pairs`` in memory, writes each full run sorted to
a temporary file, and at the end yields all pairs in (key, value) order, each distinct pair once.

```pycon
>>> import tempfile, pathlib
>>> spill = Spill(pathlib.Path(tempfile.mkdtemp()), "demo", run_pairs=2)
>>> for key, value in [("b", b"1"), ("a", b"2"), ("b", b"1"), ("a", b"1"), ("c", b"")]:
...     spill.add(key, value)
>>> spill.runs  # two runs of two pairs on disk, one pair in memory
2
>>> list(spill)
[('a', b'1'), ('a', b'2'), ('b', b'1'), ('c', b'')]

```
"""

from __future__ import annotations

__all__ = ["Spill"]

import heapq
import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

BLOCK_PAIRS = 8192
"""Pairs per block of a run file: a merge holds one block of each run in memory."""


class Spill:
    """Pairs collected in sorted runs under ``folder`` (files ``{name}.{n}.run``), read back merged."""

    def __init__(self, folder: Path, name: str, run_pairs: int = 1 << 18) -> None:
        self._folder, self._name, self._run_pairs = folder, name, run_pairs
        self._pairs: list[tuple[str, bytes]] = []
        self._files: list[Path] = []
        self.count = 0
        """Pairs added (with repeats)."""

    @property
    def runs(self) -> int:
        """Runs written to disk so far."""
        return len(self._files)

    def add(self, key: str, value: bytes) -> None:
        """Keep ``(key, value)``; a full run goes to disk."""
        self._pairs.append((key, value))
        self.count += 1
        if len(self._pairs) >= self._run_pairs:
            self._flush()

    def _flush(self) -> None:
        self._pairs.sort()
        path = self._folder / f"{self._name}.{len(self._files)}.run"
        with open(path, "wb") as out:
            for start in range(0, len(self._pairs), BLOCK_PAIRS):
                marshal.dump(self._pairs[start : start + BLOCK_PAIRS], out)
        self._files.append(path)
        self._pairs = []

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """Every distinct pair, in (key, value) order; the run files are removed when done."""
        if not self._files:
            self._pairs.sort()
            merged: Iterator[tuple[str, bytes]] = iter(self._pairs)
        else:
            if self._pairs:
                self._flush()
            merged = heapq.merge(*(_read_run(path) for path in self._files))
        last = None
        for pair in merged:
            if pair != last:
                yield pair
                last = pair
        self._pairs = []
        for path in self._files:
            path.unlink(missing_ok=True)
        self._files = []

    def keys(self) -> Iterator[str]:
        """Every distinct key, in order."""
        last = None
        for key, _ in self:
            if key != last:
                yield key
                last = key


def _read_run(path: Path) -> Iterator[tuple[str, bytes]]:
    with open(path, "rb") as run:
        yield from _blocks(run)


def _blocks(run: BinaryIO) -> Iterator[tuple[str, bytes]]:
    while True:
        try:
            block = marshal.load(run)
        except EOFError:
            return
        yield from block
