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

__all__ = ["Spill", "Words"]

import heapq
import marshal
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import regex

from .errors import NamenormError

_SURROGATE = regex.compile(r"\p{Cs}")

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


DISTINCT_WORDS = 1 << 20
"""Distinct words held in memory before they are written, sorted, to a run file of their own."""


class Words:
    """A set of words too large for memory: each word is kept once however often it is added, and read
    back once each, sorted. Words are gathered in a set; a full set is written sorted to a run file of
    its own, and the runs are merged at the end (a word repeated across a table of 10^7 names reaches a
    trie once, not once per name: marisa's key set would hold every copy).

    ```pycon
    >>> import tempfile, pathlib
    >>> words = Words(pathlib.Path(tempfile.mkdtemp()), "demo", limit=2)
    >>> for word in ["kowalski", "jan", "kowalski", "anna", "jan"]:
    ...     words.add(word)
    >>> words.runs, list(words)
    (2, ['anna', 'jan', 'kowalski'])

    ```
    """

    def __init__(self, folder: Path, name: str, limit: int = DISTINCT_WORDS) -> None:
        self._folder, self._name, self._limit = folder, name, limit
        self._words: set[str] = set()
        self.runs = 0
        """Run files written so far."""

    def add(self, word: str) -> None:
        """Keep ``word`` (a word holds no line break). A word that is not text UTF-8 can write (a lone
        surrogate, which no table or dump reader lets through) is refused with a :class:`NamenormError`."""
        if not word.isascii() and _SURROGATE.search(word):
            raise NamenormError(f"{word!r} holds a lone surrogate: not text a word list can keep")
        self._words.add(word)
        if len(self._words) >= self._limit:
            self._flush()

    def _run(self, number: int) -> Path:
        return self._folder / f"{self._name}.{number}.spill"

    def _flush(self) -> None:
        lines = sorted(f"{word}\n" for word in self._words)  # sorted as the merge compares them
        with open(self._run(self.runs), "w", encoding="utf-8", newline="\n") as out:  # no line-end rewrites
            out.write("".join(lines))
        self.runs += 1
        self._words = set()

    def __iter__(self) -> Iterator[str]:
        """Every word once (sorted by its line, a word and a line break); the run files are removed when
        done."""
        if not self.runs:
            yield from sorted(self._words)
            self._words = set()
            return
        self._flush()
        paths = [self._run(number) for number in range(self.runs)]
        try:
            with ExitStack() as stack:
                files = [stack.enter_context(open(path, encoding="utf-8", newline="\n")) for path in paths]
                last = None
                for line in heapq.merge(*files):
                    if line != last:
                        yield line[:-1]
                        last = line
        finally:
            for path in paths:
                path.unlink(missing_ok=True)
            self.runs = 0
