"""Near-miss lookup for typos: keys within one edit (Damerau-Levenshtein) of a table key.

Candidates come from a deletion index (every key and its one-letter deletions point back to the key), so a
lookup costs about as many dictionary probes as the query has letters, whatever the size of the table.
A near key must also keep the number of words and the first and last letter of every word: typos rarely
touch those, and changed endings carry meaning (Kowalska is not Kowalski, Zacharowa is not Zacharow).

```pycon
>>> index = DeletionIndex(["ryanair", "lufthansa", "kowalski"])
>>> index.near("raynair"), index.near("lutfhansa"), index.near("kowalska")
(['ryanair'], ['lufthansa'], [])

```
"""

from __future__ import annotations

__all__ = ["MIN_FUZZY_LENGTH", "DeletionIndex", "deletions", "same_word_edges"]

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from jellyfish import damerau_levenshtein_distance

MIN_FUZZY_LENGTH = 5
"""Shorter keys (spaces not counted) never match fuzzily: too many short words are one edit apart."""
MAX_FUZZY_LENGTH = 60
"""Longer keys (spaces not counted) never match fuzzily either: a key's deletions cost the square of its
length, so the typo index stays linear in the length of the table's names."""


def deletions(key: str, keep_first: bool = False, min_length: int = 0) -> list[str]:
    """``key`` with one letter left out, each way (not the first letter with ``keep_first``); none for a
    key shorter than ``min_length``. The typo index and the phonetic blocks both build on it.

    ```pycon
    >>> deletions("abc"), deletions("abcd", keep_first=True, min_length=4)
    (['bc', 'ac', 'ab'], ['acd', 'abd', 'abc'])

    ```
    """
    if len(key) < min_length:
        return []
    return [key[:i] + key[i + 1 :] for i in range(1 if keep_first else 0, len(key))]


def same_word_edges(a: str, b: str) -> bool:
    """Same number of words, and each word pair shares its first and its last letter."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(x[0] == y[0] and x[-1] == y[-1] for x, y in zip(wa, wb, strict=True))


class DeletionIndex:
    """Keys reachable from a query by one insertion, deletion, substitution or transposition."""

    def __init__(self, keys: Iterable[str]) -> None:
        table: dict[str, set[str]] = defaultdict(set)
        for code, key in self.pairs(keys):
            table[code].add(key)
        self.table = {k: tuple(sorted(v)) for k, v in table.items()}

    @staticmethod
    def pairs(keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(code, key) for every key long enough and each of its codes: itself and its one-letter deletions
        (what the index holds, streamed, for writing it elsewhere without building it)."""
        for key in keys:
            if MIN_FUZZY_LENGTH <= len(key.replace(" ", "")) <= MAX_FUZZY_LENGTH:
                yield key, key
                for deleted in set(deletions(key)):
                    yield deleted, key

    @classmethod
    def from_table(cls, table: Any) -> DeletionIndex:
        """An index over a mapping built elsewhere (code -> keys; only ``get(code, default)`` is used)."""
        index = cls(())
        index.table = table
        return index

    def near(self, key: str) -> list[str]:
        """Table keys one edit away from ``key`` (not ``key`` itself), sorted."""
        if not MIN_FUZZY_LENGTH <= len(key.replace(" ", "")) <= MAX_FUZZY_LENGTH:
            return []
        found: set[str] = set()
        for probe in (key, *set(deletions(key))):
            found.update(self.table.get(probe, ()))
        found.discard(key)
        return sorted(
            k for k in found if damerau_levenshtein_distance(k, key) == 1 and same_word_edges(k, key)
        )
