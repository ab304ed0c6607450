"""Consonant skeletons: whether two spellings of a word differ only where transcriptions and typos do.

A near miss across scripts or conventions is accepted only when the two keep the same consonants, in any
order, counting as one the pairs that transcriptions and misspellings trade (s z ts, k g kh, t d, p b, f v
w, m n, sh zh, ch dzh) and leaving out vowels and the letters spellings drop or add (h, j, y).

```pycon
>>> same_consonants("breksit", "brekzit"), same_consonants("irlandia", "islandija")
(True, False)
>>> same_consonants("szwedy", "szwedzi"), same_consonants("szwedy", "szwedzi", slack=1)
(False, True)

```
"""

from __future__ import annotations

__all__ = ["same_consonants"]

import re
from collections import Counter

_NOT_CONSONANT = re.compile(r"[^b-df-gk-np-tv-xzA-Z]+")
"""Vowels, and h, j and y, which spellings drop or add (Rajasthan, Radżastan; Islandija)."""
_CONSONANT_CLASS = str.maketrans("zTgXqcdbvwmZJ", "sskkkktpffnSC")
"""Consonants that transcriptions and misspellings trade for each other count as one: s z ts, k g kh,
t d, p b, f v w, m n, sh zh, ch dzh."""
_DOUBLED = re.compile(r"(.)\1+")


def _consonants(key: str) -> Counter[str]:
    """The consonant classes of a key, in any order (Натфогаз is a typo of Naftogaz), a doubled one once."""
    return Counter(_NOT_CONSONANT.sub("", _DOUBLED.sub(r"\1", key)).translate(_CONSONANT_CLASS))


def _close(one: Counter[str], other: Counter[str], slack: int) -> bool:
    """The same consonants, or with up to ``slack`` more on one side, none traded, each of them z or s:
    the z of a Polish stem alternation (Szwed, Szwedzi; Rosja, Rosjanie do not trade any)."""
    more, fewer = (one, other) if one.total() >= other.total() else (other, one)
    extra = more - fewer
    return not fewer - more and extra.total() <= slack and set(extra) <= {"s"}


def same_consonants(one: str, other: str, slack: int = 0) -> bool:
    """``one`` and ``other`` (keys or folded words) have the same consonant classes, or ``other`` or
    ``one`` up to ``slack`` more, each of them z or s (the z of a Polish stem alternation)."""
    return _close(_consonants(one), _consonants(other), slack)
