"""Word lists of the rule files: a language's most frequent word forms (``common_words``), the titles
written before a person's name (``titles``), company designators (``designators``) and the head words
of English names (``head_words``), in
``rules/<lang>.yaml``.

A name that is also a common word is a trap, not a mention: the tagger never takes a common word for a
near miss of a name, a surname alone or an acronym, and never tags one that starts a sentence.

```pycon
>>> is_common("Jej", "pl"), is_common("Ho", "it"), is_common("Kaczyński", "pl")
(True, True, False)
>>> is_common("Miała", None)  # no language: any language with rules
True

```
"""

from __future__ import annotations

__all__ = [
    "clear_caches",
    "is_common",
    "is_designator",
    "is_given_name",
    "is_head_word",
    "is_qualifier",
    "is_title",
]

from functools import cache, lru_cache

from .langs import RULE_LANGS
from .morph import analyse
from .normalize import clean
from .ruleset import load_rules


@cache
def _words(lang: str | None, kind: str) -> frozenset[str]:
    langs = RULE_LANGS if lang is None else (lang,)
    return frozenset().union(*(getattr(load_rules(code), kind) for code in langs))


@lru_cache(maxsize=1 << 14)
def is_common(word: str, lang: str | None) -> bool:
    """``word`` (any case, diacritics kept) is a common word of ``lang`` (of any ruled language if None)."""
    return clean(word).lower() in _words(lang, "common_words")


def is_title(word: str, lang: str | None) -> bool:
    """``word`` is a title written before a person's name (``titles`` in the rule file).

    ```pycon
    >>> is_title("Sen", "en"), is_title("Premier", "pl"), is_title("Raula", "pl")
    (True, True, False)

    ```
    """
    return clean(word).lower() in _words(lang, "titles")


def is_qualifier(word: str, lang: str | None) -> bool:
    """``word`` makes another place's name before a place's name (``qualifiers`` in the rule file).

    ```pycon
    >>> is_qualifier("New", "en"), is_qualifier("Nowym", "pl"), is_qualifier("Michael", "en")
    (True, False, False)

    ```
    """
    return clean(word).lower() in _words(lang, "qualifiers")


@lru_cache(maxsize=1 << 14)
def is_given_name(word: str, lang: str | None) -> bool:
    """``word``, as written or in a case form of ``lang``, is a given name of any ruled language
    (``given_names`` in the rule files): names cross borders (Boris in Italian news, Hunter in Polish).

    ```pycon
    >>> is_given_name("Hunter", "en"), is_given_name("Donalda", "pl"), is_given_name("Biden", "en")
    (True, True, False)

    ```
    """
    names = _words(None, "given_names")
    cleaned = clean(word).lower()
    if cleaned in names:
        return True
    return any(v.text in names for v in analyse(cleaned, lang)[1:16])


@lru_cache(maxsize=1 << 12)
def is_designator(word: str, lang: str | None) -> bool:
    """``word`` is a company designator (``designators`` in the rule file: Corp, Inc, Ltd, plc).

    ```pycon
    >>> is_designator("Corp", "en"), is_designator("Corp.", "en"), is_designator("Europe", "en")
    (True, True, False)

    ```
    """
    return clean(word).lower().rstrip(".") in _words(lang, "designators")  # None: any language


def is_head_word(word: str) -> bool:
    """``word`` ends an English name after its modifiers (``head_words`` in rules/en.yaml): English
    names of flights are written in English in the news of any language.

    ```pycon
    >>> is_head_word("Flight"), is_head_word("University"), is_head_word("Peterson")
    (True, False, False)

    ```
    """
    return clean(word).lower() in _words("en", "head_words")


def clear_caches() -> None:
    """Forget the word lists read."""
    for memo in (_words, is_common, is_designator, is_given_name):
        memo.cache_clear()
