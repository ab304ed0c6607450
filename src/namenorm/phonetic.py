"""Phonetic matching on transliteration keys: blocking by the last word's key, token-aligned similarity.

Candidates come from a blocking index keyed by a name's last word key and its one-letter deletions, so a
query probes a fixed number of small blocks whatever the size of the table. A candidate
is accepted only when its words align with the query's (given name with given name, surname with surname)
and every aligned pair starts with the same letter and is close enough (Damerau-Levenshtein similarity on
the keys). A contradicting given name therefore blocks a match (Oleg Peskov is not Dmitry Peskov), and a
longer name is not a shorter one (Minsk Mazowiecki is not Minsk).

```pycon
>>> word_similarity("lukaSenka", "lukaSenko")
0.889
>>> aligned_similarity(("oleg", "peskov"), ("dmitri", "peskov"), person=True) is None
True
>>> aligned_similarity(("kovalska",), ("ian", "kovalski"), person=True) is None
True

```
"""

from __future__ import annotations

__all__ = ["MIN_WORD_SIMILARITY", "PhoneticIndex", "aligned_similarity", "word_similarity"]

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jellyfish import damerau_levenshtein_distance

from .keys import Entry, Spelt, block_codes, query_shapes, word_neighbourhood

MIN_WORD_SIMILARITY = 0.85
"""Aligned words must be at least this similar (1 - edits / longer length): one edit in seven letters or
more; words of 3 letters or fewer must be equal."""
MIN_LETTERS_FOR_ONE_EDIT = 10
"""A multi-word name this long tolerates one edit anywhere, even in a short word."""
MIN_LETTERS_FOR_TWO_EDITS = 16
"""A multi-word name this long tolerates two edits, at most one per word."""
_VOWELS = frozenset("aeiou")


def word_similarity(a: str, b: str) -> float:
    """1 - Damerau-Levenshtein distance / length of the longer key, rounded to 3 places."""
    if a == b:
        return 1.0
    return round(1 - damerau_levenshtein_distance(a, b) / max(len(a), len(b)), 3)


def _pairs(query: Sequence[str], name: Sequence[str], person: bool) -> list[tuple[str, str]] | None:
    if len(query) == len(name):
        return list(zip(query, name, strict=True))
    if person and len(query) == 1 and len(name) >= 2:
        return [(query[0], name[-1])]
    if person and 2 <= len(query) < len(name):
        return [(query[0], name[0]), (query[-1], name[-1])]
    return None


def _other_gender(a: str, b: str) -> bool:
    """One word ends in -a and the other in a consonant or -i: the feminine and masculine forms of a name
    (Kowalska, Kowalski; Zacharowa, Zacharow; Aleksandra, Aleksandr) belong to different people."""
    if a[-1:] == b[-1:] or "a" not in (a[-1:], b[-1:]):
        return False
    other = b[-1:] if a.endswith("a") else a[-1:]
    return other == "i" or other not in _VOWELS


def aligned_similarity(query: Sequence[str], name: Sequence[str], person: bool) -> float | None:
    """The smallest similarity of the aligned word pairs, or None when the names do not align or a pair
    differs too much (different first letter, similarity below the threshold, a short word not equal).

    One exception: a name of two or more words tolerates one edit per word even in short words, one edit in
    all from 10 letters and two from 16 (Igos Mamain for Igor Mamain); its similarity is then that of the
    whole name.
    """
    pairs = _pairs(query, name, person)
    if not pairs:
        return None
    worst, edits, letters, lenient = 1.0, 0, 0, False
    for a, b in pairs:
        la, lb = len(a), len(b)
        longer = la if la > lb else lb
        letters += longer
        if a == b:
            continue
        if a[0] != b[0] or abs(la - lb) > max(1.0, longer * (1 - MIN_WORD_SIMILARITY)):
            return None
        if a.startswith(b) or b.startswith(a) or (person and _other_gender(a, b)):
            return None  # a derived or shortened word (Armenian, Russian), or the other gender's form
        distance = damerau_levenshtein_distance(a, b)
        edits += distance
        sim = 1 - distance / longer
        if longer <= 3 or sim < MIN_WORD_SIMILARITY:
            if distance > 1:
                return None
            lenient = True
        worst = min(worst, sim)
    if lenient:
        budget = (letters >= MIN_LETTERS_FOR_ONE_EDIT) + (letters >= MIN_LETTERS_FOR_TWO_EDITS)
        if edits > budget or len(pairs) < 2:
            return None
        worst = 1 - edits / letters
    return round(worst, 3)


@dataclass(frozen=True, slots=True)
class _Item:
    entry: Entry
    words: tuple[str, ...]
    person: bool

    @property
    def ref(self) -> int:
        """Tells items apart: the same name is filed under several blocks."""
        return id(self.entry)


class PhoneticIndex:
    """Transliteration keys of every table name: exact lookup, surnames, vocabulary and blocking.

    Blocking is two-level to stay small: every name is filed in a block named by its shape (word count and
    first letter) and last word, and every block under codes made of its shape and of its last word and that
    word's one-letter deletions (the first letter always kept). Any two last words within one edit share a
    code, so a query probes a fixed number of codes whatever the size of the table, and reads only blocks
    of its own shape.
    """

    def __init__(self, spelt: Iterable[tuple[Sequence[Entry], Spelt]] = ()) -> None:
        """Index each entity's spellings (its entries and what :func:`~namenorm.keys.file_spellings`
        files for them): keys for exact lookup, surnames and near misses; other readings of the same names
        for exact lookup and surnames only."""
        full: dict[str, list[Entry]] = defaultdict(list)
        surnames: dict[str, list[Entry]] = defaultdict(list)
        readings: dict[str, list[Entry]] = defaultdict(list)
        reading_surnames: dict[str, list[Entry]] = defaultdict(list)
        by_last: dict[str, list[_Item]] = defaultdict(list)
        cyrillic = False
        for entries, spelling in spelt:
            pairs = ((full, spelling.keys), (surnames, spelling.surnames), (readings, spelling.readings))
            for filed, keyed in (*pairs, (reading_surnames, spelling.reading_surnames)):
                for key, number in keyed:
                    filed[key].append(entries[number])
            if spelling.blocks:
                person = entries[0].entity.type == "person"
                for block, number, words in spelling.blocks:
                    by_last[block].append(_Item(entries[number], words, person))
            cyrillic = cyrillic or spelling.cyrillic
        codes: dict[str, list[str]] = defaultdict(list)
        for block in by_last:
            for code in block_codes(block):
                codes[code].append(block)
        self.full = {k: tuple(v) for k, v in full.items()}
        self.surnames = {k: tuple(v) for k, v in surnames.items()}
        self.readings = {k: tuple(v) for k, v in readings.items()}
        """The names' other readings, by key: what a Cyrillic query meets besides ``full``."""
        self.reading_surnames = {k: tuple(v) for k, v in reading_surnames.items()}
        self.cyrillic_names = cyrillic
        """Some name is written in Cyrillic: Latin queries are also read as English is pronounced."""
        keys = (*self.full, *self.readings)
        self.tokens: Collection[str] = frozenset(token for key in keys for token in key.split())
        self.codes = {k: tuple(v) for k, v in codes.items()}
        self.by_last = {k: tuple(v) for k, v in by_last.items()}

    @classmethod
    def from_parts(
        cls,
        full: Any,
        surnames: Any,
        tokens: Collection[str],
        codes: Any,
        by_last: Any,
        readings: Any = None,
        reading_surnames: Any = None,
        cyrillic_names: bool = True,
    ) -> PhoneticIndex:
        """An index over mappings built elsewhere (a compiled index's memory-mapped tries): each mapping
        needs only ``get(key, default)``."""
        index = cls()
        index.full, index.surnames, index.tokens, index.codes, index.by_last = (
            full,
            surnames,
            tokens,
            codes,
            by_last,
        )
        index.readings = readings if readings is not None else {}
        index.reading_surnames = reading_surnames if reading_surnames is not None else {}
        index.cyrillic_names = cyrillic_names
        return index

    def known(self, key: str) -> bool:
        """True when every word of ``key`` is a word of some key in the table."""
        return all(token in self.tokens for token in key.split()) if key else False

    def near(self, key: str) -> list[tuple[Entry, float]]:
        """Entries whose key aligns with ``key`` word by word, with their similarity, best first."""
        words = tuple(key.split())
        if not words:
            return []
        shapes = query_shapes(words)
        neighbourhood = word_neighbourhood(words[-1])
        blocks = {
            block for shape in shapes for code in neighbourhood for block in self.codes.get(shape + code, ())
        }
        items = {i.ref: i for block in blocks for i in self.by_last.get(block, ())}
        found: list[tuple[Entry, float]] = []
        sims: dict[tuple[tuple[str, ...], bool], float | None] = {}  # namesakes are compared once
        for item in items.values():
            shape = (item.words, item.person)
            sim = sims[shape] if shape in sims else sims.setdefault(shape, aligned_similarity(words, *shape))
            if sim is not None:
                found.append((item.entry, sim))
        return sorted(found, key=lambda pair: (-pair[1], pair[0].entity.id))
