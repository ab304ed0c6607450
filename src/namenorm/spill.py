"""Pairs kept on disk: more (key, value) pairs than memory holds, written as they come, read back once.

A compiled index of millions of names is written from one pass over the tables: every pair a trie will
hold goes to a :class:`Spill`, which keeps at most ``block_pairs`` of them in memory and appends the rest
to a temporary file in blocks. The trie is then built from the pairs read back in the order they came
(a marisa trie sorts its keys and keeps each distinct pair once, so nothing is sorted in Python).

```pycon
>>> import tempfile, pathlib
>>> spill = Spill(pathlib.Path(tempfile.mkdtemp()), "demo", block_pairs=2)
>>> for key, value in [("b", b"1"), ("a", b"2"), ("b", b"1"), ("c", b"")]:
...     spill.add(key, value)
>>> spill.count, spill.blocks  # two blocks of two pairs on disk
(4, 2)
>>> list(spill)
[('b', b'1'), ('a', b'2'), ('b', b'1'), ('c', b'')]

```
"""

from __future__ import annotations

__all__ = ["Spill"]

import marshal
from collections.abc import Iterable, Iterator
from pathlib import Path

BLOCK_PAIRS = 1 << 14
"""Pairs held in memory before they are appended to the file as one block."""


class Spill:
    """Pairs appended to ``folder / f"{name}.spill"`` in blocks, read back in the order added."""

    def __init__(self, folder: Path, name: str, block_pairs: int = BLOCK_PAIRS) -> None:
        self._path, self._block_pairs = folder / f"{name}.spill", block_pairs
        self._pairs: list[tuple[str, bytes]] = []
        self.count = 0
        """Pairs added."""
        self.blocks = 0
        """Blocks written to the file so far."""

    def add(self, key: str, value: bytes) -> None:
        """Keep ``(key, value)``."""
        self._pairs.append((key, value))
        self.count += 1
        if len(self._pairs) >= self._block_pairs:
            self._flush()

    def extend(self, pairs: Iterable[tuple[str, bytes]]) -> None:
        """Keep every pair of ``pairs``."""
        before = len(self._pairs)
        self._pairs.extend(pairs)
        self.count += len(self._pairs) - before
        if len(self._pairs) >= self._block_pairs:
            self._flush()

    def _flush(self) -> None:
        with open(self._path, "ab") as out:
            marshal.dump(self._pairs, out)
        self.blocks += 1
        self._pairs = []

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """Every pair, in the order added, once; the file is removed when done."""
        if self.blocks:
            with open(self._path, "rb") as run:
                for _ in range(self.blocks):
                    yield from marshal.load(run)
        yield from self._pairs
        self._pairs, self.blocks = [], 0
        self._path.unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        """The key of every pair, in the order added."""
        return (key for key, _ in self)
