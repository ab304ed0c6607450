"""Organisation names across languages, by the meanings of their generic words
(``lexicon/org_words.yaml``).

An organisation's name in one language meets its name in another when both are made of the same
meanings, in any order, and the same places: *Banca Mondiale* and *Banku Światowego* are *World Bank*.
Every word of the name must have a meaning in the data or be a place (a function given by the caller,
the world gazetteer's); function words (*of*, *della*, *dla*) are skipped; inflected words are read back
to their base forms with the language's ending rules. Two meanings at least, one of them a generic word.

```pycon
>>> meaning_key("World Bank", "en") == meaning_key("Banku Światowego", "pl")
True
>>> meaning_key("Banca Mondiale", "it")
'bank world'
>>> meaning_key("Banca Rossi", "it") is None  # Rossi has no meaning: a name of its own
True

```
"""

from __future__ import annotations

__all__ = ["clear_caches", "meaning_key", "meaning_keys", "meaning_prefixes"]

from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import RuleError
from .langs import RULE_LANGS
from .morph import word_bases
from .normalize import clean, normalize

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Place = Callable[[str, str], "str | None"]
"""A place's id for one word in a language, or None (the world gazetteer's)."""


_WHERE = "lexicon/org_words.yaml"


def _raw() -> Any:
    """The data file, parsed (its shape checked)."""
    raw: Any = yaml.load(
        resources.files("namenorm").joinpath(_WHERE).read_text(encoding="utf-8"), Loader=_LOADER
    )
    if not isinstance(raw, dict) or not isinstance(raw.get("meanings"), dict):
        raise RuleError(f"{_WHERE}: expected 'meanings', a mapping of meanings to words per language")
    return raw


@cache
def _data() -> tuple[dict[str, dict[str, str]], dict[str, frozenset[str]]]:
    """Per language: word -> meaning, and the function words."""
    raw = _raw()
    words: dict[str, dict[str, str]] = {}
    for meaning, langs in raw["meanings"].items():
        if not isinstance(langs, dict):
            raise RuleError(f"{_WHERE}: meaning {meaning!r} must map languages to lists of words")
        for lang, texts in langs.items():
            for text in texts or ():
                key = normalize(str(text))
                other = words.setdefault(str(lang), {}).setdefault(key, str(meaning))
                if other != meaning:
                    raise RuleError(f"{_WHERE}: {text!r} ({lang}) means both {other!r} and {meaning!r}")
    function = {
        str(lang): frozenset(normalize(str(w)) for w in texts)
        for lang, texts in (raw.get("function_words") or {}).items()
    }
    return words, function


def examples() -> list[tuple[str, str, str, str]]:
    """The data file's example pairs (name, language, name, language) that must meet."""
    return [tuple(map(str, pair)) for pair in _raw().get("examples") or ()]  # type: ignore[misc]


@cache
def _stems(lang: str | None) -> frozenset[str]:
    """The first three letters of the generic words of ``lang`` (of every language: None)."""
    if lang is None:
        return frozenset(word[:3] for words in _data()[0].values() for word in words)
    return frozenset(word[:3] for word in _data()[0].get(lang, {}))


@lru_cache(maxsize=1 << 14)
def _meaning(word: str, lang: str) -> str | None:
    """The meaning of one word of ``lang`` (lower case, diacritics kept), as written or as a base form
    its endings give (Komisję: komisja)."""
    words = _data()[0].get(lang, {})
    key = normalize(word)
    found = words.get(key)
    if found is None and key[:3] not in _stems(lang):
        return None  # endings change a word's end, not its start: no base form of it is a generic word
    if found is None and lang in (*RULE_LANGS, "ru", "uk"):
        for base in word_bases(word, lang)[:8]:
            found = words.get(normalize(base.text))
            if found is not None:
                break
    return found


def meaning_key(name: str, lang: str | None, place: Place | None = None) -> str | None:
    """The meanings of the words of ``name`` in ``lang`` (the languages of the data, in turn, when None),
    sorted and space-joined; None unless every word has one (or is a place, by ``place``), there are two
    at least and one is a generic word."""
    return meaning_keys(name, lang, place, alone=False)[0]


def meaning_keys(
    name: str, lang: str | None, place: Place | None, alone: bool = True
) -> tuple[str | None, str | None]:
    """:func:`meaning_key` of ``name`` with ``place`` and, if ``alone``, without (else None), the words
    read once.

    ```pycon
    >>> meaning_keys("Bank of Italy", "en", lambda word, lang: "cldr-it" if word == "italy" else None)
    ('bank cldr-it', None)

    ```
    """
    words = clean(name).lower().replace("-", " ").split()
    keys = [normalize(word) for word in words]
    if not any(key[:3] in _stems(None) for key in keys):
        return None, None  # no word starts as a generic word of any language does (most names)
    if lang is not None:
        langs = [lang]
    else:  # the languages where some word has a meaning as written (a label is a base form)
        langs = [code for code, known in _data()[0].items() if not known.keys().isdisjoint(keys)]
    placed: str | None = None
    unplaced: str | None = None
    for code in langs:
        with_place, without = _keys(words, keys, code, place)
        placed, unplaced = placed or with_place, unplaced or without
        if placed is not None and (unplaced is not None or not alone):
            break  # the first language that reads it, as the query's reading stops there
    return placed, unplaced if alone else None


def _keys(words: list[str], keys: list[str], lang: str, place: Place | None) -> tuple[str | None, str | None]:
    """The key in ``lang`` of a name's ``words`` (``keys``: each normalised) with ``place`` and without."""
    function = _data()[1].get(lang, frozenset())
    words = [word for word, key in zip(words, keys, strict=True) if key not in function]
    found = [_meaning(word, lang) for word in words]
    if all(meaning is None for meaning in found):
        return None, None  # no generic word: the places are not looked up (most names end here, cheaply)
    if None not in found:
        key = _joined(found)
        return key, key
    if place is None:
        return None, None
    placed: list[str | None] = []
    for word, meaning in zip(words, found, strict=True):
        placed.append(meaning if meaning is not None else place(word, lang))
        if placed[-1] is None:
            return None, None
    return _joined(placed), None


def _joined(meanings: list[str | None]) -> str | None:
    distinct = {m for m in meanings if m is not None}
    return " ".join(sorted(distinct)) if len(distinct) > 1 else None


@cache
def meaning_prefixes() -> frozenset[str]:
    """The first four letters of every word with a meaning (a cheap filter before reading a name)."""
    return frozenset(word[:4] for words in _data()[0].values() for word in words)


def clear_caches() -> None:
    """Forget the data and the words read."""
    for memo in (_data, _meaning, meaning_prefixes, _stems):
        memo.cache_clear()
