"""How often ``namenorm.inflect`` writes the inflected forms that real news uses.

Reads a TSV of (mention as written, its base form, its type) pairs, such as the BSNLP ``mentions.tsv``
(columns ``mention``, ``base``, ``type``; the data is not part of namenorm: pass its path), keeps the person
(PER) and place (LOC) pairs that are regular case forms of their base, and reports the share of them that
``inflect(base, case)`` produces for some case, by default and with the entity type given.

A pair is a regular case form when the mention has as many words as the base, each word in the same case
(capital or not), no dot, no English possessive, each word sharing all but its last three letters with the
base's word (folded) and no diacritic changed where Polish spelling never alternates one (Kaczynski for
Kaczyński; ó/o, ą/ę and ń/ni are regular), the words of a feminine phrase in one case (not Wielka
Brytanią), and the Polish ending rules read the mention back to the base, in the same number
(a plural reading only for a base that is itself plural, Niemcy). This leaves out abbreviations
(W. Brytanii), other names (a surname alone), headlines in capitals, misspellings and plurals of singular
names (Finowie of Fin).

Run: ``python benchmarks/inflect_pairs.py ../shared/external/bsnlp-pl/mentions.tsv [-v]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from namenorm import inflect
from namenorm.inflection import CASES
from namenorm.morph import analyse, singular
from namenorm.normalize import fold, normalize

KINDS = {"PER": "person", "LOC": "place"}


def _shared_prefix(a: str, b: str) -> int:
    a, b = fold(a).lower(), fold(b).lower()
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


_REGULAR_DIACRITICS = ({"ó", "o"}, {"ą", "ę"})
_OBLIQUE = frozenset(("gen", "dat", "loc"))
_FEMININE_CASES = (
    ("iej", _OBLIQUE), ("ej", _OBLIQUE), ("kie", frozenset()), ("gie", frozenset()),
    ("a", frozenset({"nom"})), ("ą", frozenset({"acc", "ins"})), ("ę", frozenset({"acc"})),
    ("o", frozenset({"voc"})), ("i", _OBLIQUE), ("y", _OBLIQUE), ("e", _OBLIQUE),
)  # fmt: skip
"""The cases a word of a feminine phrase can be in, by its ending (noun or adjective)."""


def _misspelt(word: str, stem: str) -> bool:
    """A diacritic differs in the stem (all but the base's last three letters), where Polish alternates
    only ó/o and ą/ę (Kraków, Krakowa): Kaczynski for Kaczyński, Wloch for Włoch. The endings' consonant
    alternations (Poznań, Poznaniu; Stambuł, Stambule) lie past the stem."""
    word, stem = word.lower(), stem.lower()
    for a, b in zip(word[: len(stem) - 3], stem[: len(stem) - 3], strict=False):
        if a != b and fold(a) == fold(b) and {a, b} not in _REGULAR_DIACRITICS:
            return True
    return False


def _feminine_cases(word: str) -> frozenset[str]:
    low = word.lower()
    return next((cases for ending, cases in _FEMININE_CASES if low.endswith(ending)), frozenset())


def _agrees(words: list[str], bases: list[str]) -> bool:
    """In a feminine phrase (every base word in -a: Wielka Brytania, Irlandia Północna) the words share a
    case (Wielkiej Brytanii; not Wielka Brytanią, Irlandii Północną)."""
    pairs = [(w, b) for w, b in zip(words, bases, strict=True) if b.lower().endswith("a")]
    if len(pairs) < 2 or len(pairs) < len(bases):
        return True
    shared = _feminine_cases(pairs[0][0])
    for word, _ in pairs[1:]:
        shared &= _feminine_cases(word)
    return bool(shared)


def regular(mention: str, base: str) -> bool:
    """``mention`` is a regular case form of ``base`` (see the module docstring)."""
    words, bases = mention.split(), base.split()
    if len(words) != len(bases) or (mention.isupper() and not base.isupper()) or mention.endswith("'s"):
        return False
    for word, stem in zip(words, bases, strict=True):
        if word[:1].isupper() != stem[:1].isupper() or "." in word:
            return False
        if _shared_prefix(word, stem) < min(len(word), len(stem)) - 3 or _misspelt(word, stem):
            return False
    if not _agrees(words, bases):
        return False
    readings = [v for v in analyse(mention, "pl") if v.key == normalize(base)]
    plural_base = base.lower().endswith(("y", "i", "e"))
    return any(singular(v) or plural_base for v in readings)  # a plural of a singular name is no case form


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="TSV with mention, base and type columns")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every pair not produced")
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, bool]] = Counter()
    seen, skipped = set(), 0
    with args.path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            kind = KINDS.get(row["type"])
            mention, base = row["mention"].replace("’", "'"), row["base"].replace("’", "'")
            if kind is None or mention == base or (mention, base, kind) in seen:
                continue
            seen.add((mention, base, kind))
            if not regular(mention, base):
                skipped += 1
                continue
            default = any(inflect(base, case) == mention for case in CASES)
            typed = any(inflect(base, case, kind=kind) == mention for case in CASES)
            counts["default", default] += 1
            counts["typed", typed] += 1
            counts[row["type"], typed] += 1
            if args.verbose and not typed:
                print(f"  {row['type']}  {base} -> {mention}")
    print(f"pairs that are regular case forms: {sum(counts['typed', ok] for ok in (True, False))}, "
          f"left out: {skipped}")  # fmt: skip
    for key, label in (("default", "inflect(base, case)"), ("typed", "inflect(base, case, kind=type)"),
                       ("PER", "  people"), ("LOC", "  places")):  # fmt: skip
        total = counts[key, True] + counts[key, False]
        print(f"{label:34} {counts[key, True] / max(total, 1):.3f} of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
