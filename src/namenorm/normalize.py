"""The one normaliser: table names and queries both go through :func:`normalize`.

Steps: control characters to spaces, NFKC, unified apostrophes, quotes and dashes, casefold, diacritics and
other scripts folded to ASCII (``ł`` to ``l`` included), dotted acronyms joined (``U.S.`` to ``us``),
apostrophes dropped (``O'Leary`` to ``oleary``), other punctuation to spaces, whitespace collapsed.

```pycon
>>> normalize("  Górskim  KARABACHU ")
'gorskim karabachu'
>>> normalize("U.S. State Department"), normalize("Nagorno–Karabakh"), normalize("Prokof’ev")
('us state department', 'nagorno karabakh', 'prokofev')
>>> normalize(normalize("Łódź")) == normalize("Lodz")
True

```
"""

from __future__ import annotations

__all__ = ["APOSTROPHES", "clean", "clear_caches", "fold", "normalize"]

import unicodedata
from functools import lru_cache

import regex
from unidecode import unidecode

from .arguments import check_text

APOSTROPHES = "'’‘ʼ`´′ʹʻ"
_DASHES = "‐‑‒–—―−﹘﹣－"
_QUOTES = '"„”“«»‹›‚〝〞＂'
_TRANSLATE = str.maketrans(
    {**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in _DASHES}, **{c: '"' for c in _QUOTES}}
)
_CONTROL = regex.compile(r"[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]+")
_FORMAT = regex.compile(r"\p{Cf}+")
"""Invisible format characters (soft hyphen, zero-width joiner, byte-order mark): inside a word, not
between words, so they are dropped (Ław\u00adrow is Ławrow)."""
_ACRONYM = regex.compile(r"(?<![a-z0-9])[a-z](?:\.[a-z])+\.?(?![a-z0-9])")
_NON_ALNUM = regex.compile(r"[^a-z0-9]+")
_CACHE_MAX_LEN = 200


def clean(text: str) -> str:
    """Casefold and unify punctuation, keeping diacritics (the form morphology rules read).

    ```pycon
    >>> clean("Dell’Azerbaigian  –  OK")
    "dell'azerbaigian - ok"

    ```
    """
    if not text.isprintable():  # printable text has no control, format or line-separator character
        text = _CONTROL.sub(" ", _FORMAT.sub("", text))
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.translate(_TRANSLATE).casefold().split())


_COMMON = "ąćęłńóśźżàáâãäåèéêëìíîïòóôõöùúûüýÿçñčďěňřšťůžđğışțæøœß"
_FAST_FOLD = str.maketrans({c: unidecode(c).lower() for c in _COMMON})
"""Letters of Polish, Italian and other Latin-script languages, folded exactly as Unidecode folds them."""


def fold(cleaned: str) -> str:
    """Fold the output of :func:`clean` to the ASCII comparison key.

    ```pycon
    >>> fold("siergiej ławrow")
    'siergiej lawrow'

    ```
    """
    if not cleaned.isascii():
        cleaned = cleaned.translate(_FAST_FOLD)
        if not cleaned.isascii():
            cleaned = unidecode(cleaned).lower()
    if cleaned.replace(" ", "").isalnum() and "  " not in cleaned and cleaned == cleaned.strip():
        return cleaned  # plain words, single-spaced: the common case, no regex needed
    cleaned = cleaned.replace("'", "")
    if "." in cleaned:
        cleaned = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), cleaned)
    return _NON_ALNUM.sub(" ", cleaned).strip()


@lru_cache(maxsize=1 << 15)
def _normalize_cached(text: str) -> str:
    return fold(clean(text))


def normalize(text: str) -> str:
    """Return the comparison key of ``text``: lower-case ASCII words separated by single spaces."""
    if len(check_text(text)) <= _CACHE_MAX_LEN:
        return _normalize_cached(text)
    return fold(clean(text))


def clear_caches() -> None:
    """Forget the normalised keys remembered."""
    _normalize_cached.cache_clear()
