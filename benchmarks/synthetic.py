"""Synthetic alias tables and queries for the benchmarks (deterministic for a seed).

Names are made in Cyrillic from Russian-like syllables and romanised three ways by this module's own small
tables (English BGN-like, Polish press, Italian scholarly), independently of namenorm's rule files. The
table holds only the English spelling; queries are that spelling, its case and diacritic variants, the
Polish and Italian spellings, Polish inflected forms (``namenorm.inflect``) and one- or two-letter typos.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

GIVEN = (
    "Сергей Игорь Михаил Юрий Фёдор Евгений Дмитрий Николай Алексей Владимир Григорий Аркадий Пётр".split()
)
SYLLABLES = "ко ва ле жи ша щу че хо ря ю до ни ма лы ту зе бо ги ры пе со цы фа ве ка ло му на ди".split()
SURNAME_ENDS = ["ов", "ев", "ин", "ский", "енко", "ян", "ук", "ич"]
PLACE_ENDS = ["ск", "ово", "град", "бург", "инск", "ань"]
ORG_WORDS = ["Банк", "Нефть", "Газ", "Трест", "Завод"]

_EN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
       "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
       "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "ь": "",
       "э": "e", "ю": "yu", "я": "ya", "ъ": ""}  # fmt: skip
_PL = {**_EN, "в": "w", "ж": "ż", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "й": "j",
       "ю": "ju", "я": "ja", "ё": "jo", "л": "ł"}  # fmt: skip
_IT = {**_EN, "ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "й": "j", "ю": "ju", "я": "ja",
       "ё": "ë"}  # fmt: skip
_VOWELS = set("аеёиоуыэюя")
_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "s": "š", "z": "ž", "c": "ç", "n": "ñ"}
_SOFTENING = {"е": ("ie", "e"), "ё": ("io", "o"), "ю": ("iu", "u"), "я": ("ia", "a")}


def romanise(word: str, convention: str) -> str:
    """One Cyrillic word in the ``en``, ``pl`` or ``it`` convention (capitalised)."""
    low = word.lower()
    if low.endswith("ский"):
        stem, tail = low[:-4], {"en": "sky", "pl": "ski", "it": "skij"}[convention]
    elif low.endswith("ий"):
        stem, tail = low[:-2], {"en": "iy", "pl": "ij", "it": "ij"}[convention]
    else:
        stem, tail = low, ""
    table = {"en": _EN, "pl": _PL, "it": _IT}[convention]
    out = []
    for i, ch in enumerate(stem):
        prev = stem[i - 1] if i else ""
        if ch == "е" and convention == "en" and (not prev or prev in _VOWELS):
            out.append("ye")
        elif convention == "pl" and ch in _SOFTENING and prev and prev not in _VOWELS:
            soft, hard = _SOFTENING[ch]
            out.append(hard if prev in "жшчщц" else soft)
        elif convention == "pl" and ch == "л":
            out.append("l" if stem[i + 1 : i + 2] in ("и", "е", "ь", "ю", "я") else "ł")
        elif convention == "pl" and ch == "и" and prev in "жшц":
            out.append("y")
        else:
            out.append(table[ch])
    return ("".join(out) + tail).capitalize()


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def cyrillic_names(size: int, seed: int) -> list[tuple[str, str, str]]:
    """(id, type, Cyrillic name), distinct English spellings."""
    return list(itertools.islice(iter_names(seed), size))


LONGER_AFTER = 2_000_000
"""Names of two or three syllables run out near three million: later names take three or four (the first
two million, and so the tables of the sizes measured before, are unchanged)."""


def iter_names(seed: int) -> Iterator[tuple[str, str, str]]:
    """(id, type, Cyrillic name) without end, each English spelling once (remembered by an 8-byte digest,
    so ten million names take a few hundred MB)."""
    rng = random.Random(seed)
    seen: set[bytes] = set()
    while True:
        short, long = (2, 3) if len(seen) < LONGER_AFTER else (3, 4)
        kind = rng.choice(["person", "person", "place", "org"])
        if kind == "person":
            given, stem = rng.choice(GIVEN), _word(rng, rng.randint(short, long)).capitalize()
            name = f"{given} {stem}{rng.choice(SURNAME_ENDS)}"
        elif kind == "place":
            name = (_word(rng, rng.randint(short, long)) + rng.choice(PLACE_ENDS)).capitalize()
        else:
            name = f"{rng.choice(ORG_WORDS)} {_word(rng, rng.randint(short, long)).capitalize()}"
        digest = hashlib.blake2b(spell(name, "en").lower().encode(), digest_size=8).digest()
        if digest in seen:
            continue
        seen.add(digest)
        yield (f"e{len(seen) - 1}", kind, name)


def write_table(path: Path, size: int, seed: int, keep: int) -> list[tuple[str, str, str]]:
    """Write the alias table of ``size`` names to ``path`` as they are made (never all in memory) and
    return ``keep`` of its rows, drawn uniformly (reservoir sampling), to make queries from."""
    sample: list[tuple[str, str, str]] = []
    rng = random.Random(seed + 2)
    with open(path, "w", encoding="utf-8") as out:
        out.write("entities:\n")
        for k, row in enumerate(itertools.islice(iter_names(seed), size)):
            out.write(table_line(row))
            if k < keep:
                sample.append(row)
            elif (j := rng.randrange(k + 1)) < keep:
                sample[j] = row
    return sample


def spell(name: str, convention: str) -> str:
    """A Cyrillic name romanised word by word."""
    return " ".join(romanise(w, convention) for w in name.split())


def typo(rng: random.Random, text: str, edits: int) -> str:
    """``edits`` random transpositions, deletions or substitutions inside words (never a first letter)."""
    chars = list(text)
    for _ in range(edits):
        positions = [i for i in range(1, len(chars) - 1) if chars[i] != " " and chars[i - 1] != " "]
        if not positions:
            break
        i = rng.choice(positions)
        op = rng.choice(["swap", "delete", "replace"])
        if op == "swap" and chars[i + 1] != " ":
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "delete":
            del chars[i]
        else:
            chars[i] = rng.choice("aeioulnrst")
    return "".join(chars)


def queries(
    rows: list[tuple[str, str, str]], count: int, seed: int, inflected: bool = False
) -> list[tuple[str, str, str, str]]:
    """(kind, lang, query, expected id): the kinds of the transliteration issue (case, diacritic,
    Polish and Italian transliteration, one and two typos), and Polish inflected forms when asked."""
    from namenorm.inflection import inflect

    rng = random.Random(seed + 1)
    out = []
    kinds = ["case", "diacritic", "translit-pl", "translit-it", "typo-1", "typo-2"] + (
        ["inflected-pl"] if inflected else []
    )
    for _ in range(count):
        eid, kind, name = rng.choice(rows)
        what = rng.choice(kinds)
        english = spell(name, "en")
        if what == "diacritic":
            out.append(
                (what, "en", "".join(_ACCENTS.get(c, c) if rng.random() < 0.3 else c for c in english), eid)
            )
        elif what == "case":
            out.append((what, "en", english.upper() if rng.random() < 0.5 else english.lower(), eid))
        elif what == "translit-pl":
            out.append((what, "pl", spell(name, "pl"), eid))
        elif what == "translit-it":
            out.append((what, "it", spell(name, "it"), eid))
        elif what == "inflected-pl":
            case = rng.choice(["gen", "dat", "ins", "loc"])
            out.append((what, "pl", inflect(spell(name, "pl"), case, animate=kind == "person"), eid))
        else:
            out.append((what, "en", typo(rng, english, int(what[-1])), eid))
    return out


def table_yaml(rows: list[tuple[str, str, str]]) -> str:
    """The alias table: English spelling only."""
    return "entities:\n" + "".join(table_line(row) for row in rows)


def table_line(row: tuple[str, str, str]) -> str:
    """One entity of the alias table, on one line."""
    eid, kind, name = row
    english = spell(name, "en")
    return f'  - {{id: {eid}, type: {kind}, label: "{english}", names: {{en: ["{english}"]}}}}\n'
