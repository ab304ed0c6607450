"""Morphological analysis: an inflected or clitic-laden name to a few candidate base forms.

The analyser never picks one lemma: it proposes every base form its rules allow, each with the rules that
fired and a confidence, and the resolver keeps those that are names in the alias table. Given a ``known``
predicate (is this word in the table's vocabulary?), it prunes word forms that cannot be part of any name,
so multi-word names cost a handful of lookups instead of a cartesian product.

```pycon
>>> [v.key for v in analyse("Chowajewem", "pl")][:2]
['chowajewem', 'chowajew']
>>> analyse("dell'Azerbaigian", "it")[1]
Variant(text='azerbaigian', key='azerbaigian', rules=('it-elided-article',), score=0.95)

```
"""

from __future__ import annotations

__all__ = [
    "Analyser",
    "Variant",
    "WordBase",
    "analyse",
    "as_written",
    "clear_caches",
    "singular",
    "word_bases",
]

import itertools
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from .langs import RULE_LANGS
from .normalize import clean, fold
from .ruleset import RuleSet, load_rules

_VOWELS = frozenset("aeiouyąęóàèéìòù")
_SPLIT = regex.compile(r"[\s\-]+")
_EDGE_PUNCT = regex.compile(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$")
MAX_VARIANTS = 96
"""Upper bound on the variants of one name (the most confident are kept)."""
MAX_WORDS = 10
"""Names with more words are looked up only as written."""
COMBINATIONS = 512
"""The readings of a several-word name's words are combined up to about this many times (each word's most
confident readings first): the cost of reading a capitalised run stays bounded."""


class Variant(NamedTuple):
    """A candidate base form: ``text`` as cleaned (diacritics kept), ``key`` folded for lookup.

    A named tuple rather than a dataclass: analysis builds many of them per query, and tuples are cheap.
    """

    text: str
    key: str
    rules: tuple[str, ...]
    score: float


WordBase = Variant
"""A candidate base form of one word: the same four fields as a whole name's :class:`Variant`."""


_PLURAL_RULES = ("pl-", "vir-", "m-nom-pl-", "m-gen-pl-", "adj-pl-")
"""Ending rules that read a plural form (ids in rules/pl.yaml)."""


def singular(variant: Variant) -> bool:
    """No ending rule read the word as a plural: a plural surname (Trumpów) is a family, not one person.

    ```pycon
    >>> [singular(v) for v in analyse("Trumpów", "pl") if v.key == "trump"]
    [False]

    ```
    """
    return not any(rule.startswith(_PLURAL_RULES) for rule in variant.rules)


def _consonant(ch: str) -> bool:
    return ch.isalpha() and ch not in _VOWELS


def _stem_variants(stem: str, rules: RuleSet) -> list[tuple[str, tuple[str, ...], float]]:
    """Consonant-final stems after an ending is removed: soft consonants and mobile e."""
    found: list[tuple[str, tuple[str, ...], float]] = []
    if rules.soft is not None:
        for written, soft in rules.soft.map:
            if stem.endswith(written) and len(stem) > len(written) + 1:
                found.append((stem[: -len(written)] + soft, (rules.soft.id,), rules.soft.score))
                break
    if rules.nasal is not None:
        last_vowel = max((i for i, ch in enumerate(stem) if ch in _VOWELS), default=-1)
        if last_vowel > 0 and stem[last_vowel] == "ę":
            nasal = rules.nasal
            found.append((stem[:last_vowel] + "ą" + stem[last_vowel + 1 :], (nasal.id,), nasal.score))
    if rules.mobile_e is not None:
        mobile = rules.mobile_e
        for base, fired, score in [(stem, (), 1.0), *found]:
            if len(base) >= 3 and base[-1] in mobile.before and _consonant(base[-2]) and base[-2] not in "j'":
                found.append((base[:-1] + "e" + base[-1], (*fired, mobile.id), min(score, mobile.score)))
    return found


@lru_cache(maxsize=1 << 14)
def word_bases(word: str, lang: str) -> tuple[WordBase, ...]:
    """Candidate base forms of one cleaned word, the word itself first.

    ```pycon
    >>> [b.text for b in word_bases("kazaniu", "pl")]
    ['kazaniu', 'kazani', 'kazań', 'kazanio', 'kazanie']

    ```
    """
    rules = load_rules(lang)
    found: dict[str, tuple[tuple[str, ...], float]] = {word: ((), 1.0)}

    def add(base: str, fired: tuple[str, ...], score: float) -> None:
        if base and base not in found:
            found[base] = (fired, score)

    for rule in rules.endings_of(word):
        if len(word) - len(rule.ending) < rule.min_stem:
            continue
        stem = word[: len(word) - len(rule.ending)]
        if rule.after_consonant and not _consonant(stem[-1]):
            continue
        for to in rule.to:
            base = stem + to
            add(base, (rule.id,), rule.score)
            if (not to and (_consonant(stem[-1:]) or stem.endswith("i"))) or (to and _consonant(to[-1])):
                for derived, fired, score in _stem_variants(base, rules):
                    add(derived, (rule.id, *fired), min(score, rule.score))
    return tuple(WordBase(text, fold(text), fired, score) for text, (fired, score) in found.items())


def _strip_clitics(text: str, rules: RuleSet) -> list[tuple[str, tuple[str, ...], float]]:
    found: list[tuple[str, tuple[str, ...], float]] = [(text, (), 1.0)]
    if text.startswith(rules.prefix_forms):  # one test for the common case: no clitic at all
        for affix in rules.prefixes:
            for form in affix.forms:
                if text.startswith(form) and len(text) > len(form) + 1:
                    found.append((text[len(form) :].lstrip(), (affix.id,), affix.score))
    if text.endswith(rules.suffix_forms):
        for affix in rules.suffixes:
            for form in affix.forms:
                if text.endswith(form) and len(text) > len(form) + 1:
                    found.append((text[: -len(form)].rstrip(), (affix.id,), affix.score))
    return found


class Analyser:
    """Analysis against one vocabulary: ``known(key)`` tells whether a word key occurs in the table, and
    ``keyer`` gives each word its key (folded spelling when None, e.g. transliteration keys otherwise).

    Each word's readings (base forms, keyed, those the vocabulary knows) are remembered, up to
    ``cache_size`` words, so a name that recurs in a stream of queries, or a given name shared by many
    queries, is analysed once. Thread-safe.

    ```pycon
    >>> analyser = Analyser(known={"siergiej", "lawrow"}.__contains__)
    >>> [v.key for v in analyser.analyse("Siergieja Ławrowa", "pl")]
    ['siergieja lawrowa', 'siergiej lawrow']

    ```
    """

    def __init__(
        self,
        known: Callable[[str], bool] | None = None,
        keyer: Callable[[str], str] | None = None,
        cache_size: int = 1 << 13,
    ) -> None:
        self.known, self.keyer = known, keyer
        self._readings = lru_cache(maxsize=cache_size)(self._word_readings)

    def _word_readings(self, word: str, lang: str) -> tuple[WordBase, ...]:
        bases = word_bases(word, lang)
        if self.known is None:
            # Without a vocabulary to prune by, the most confident readings first (the caller keeps a few).
            bases = tuple(sorted(bases, key=lambda b: -b.score))
        keyer, known = self.keyer, self.known
        if keyer is not None:
            bases = tuple(WordBase(b.text, keyer(b.text), b.rules, b.score) for b in bases)
        if known is not None:
            bases = tuple(b for b in bases if known(b.key))
        return bases

    def analyse(self, text: str, lang: str | None) -> list[Variant]:
        """Candidate base forms of ``text`` in ``lang`` (all rule languages when None), most confident
        first; the first is always the text itself. See :func:`analyse`."""
        return self.analyse_cleaned(as_written(text).text, lang)

    def analyse_cleaned(self, cleaned: str, lang: str | None) -> list[Variant]:
        """:meth:`analyse` for text already through :func:`as_written` (a resolver cleans a query once)."""
        langs = RULE_LANGS if lang is None else (lang,)
        best: dict[str, Variant] = {}
        for code in langs:
            for variant in self._analyse_lang(cleaned, code):
                old = best.get(variant.key)
                if (
                    old is None
                    or variant.score > old.score
                    or (variant.score == old.score and not variant.rules)
                ):
                    best[variant.key] = variant
        ordered = sorted(best.values(), key=lambda v: (-v.score, len(v.rules), v.key))
        return ordered[:MAX_VARIANTS]

    def key(self, cleaned: str) -> str:
        """The key of cleaned text as written: folded, or the keys of its words by ``keyer``.

        ```pycon
        >>> Analyser().key("siergiej ławrow")
        'siergiej lawrow'

        ```
        """
        return self._whole_key(cleaned, [w for w in _SPLIT.split(cleaned) if w])

    def _whole_key(self, text: str, words: list[str]) -> str:
        if self.keyer is None:
            return fold(text)
        return " ".join(k for k in map(self.keyer, words) if k)

    def _analyse_lang(self, text: str, lang: str) -> list[Variant]:
        rules = load_rules(lang)
        found: list[Variant] = []
        for base, base_rules, base_score in _strip_clitics(text, rules):
            words = [w for w in _SPLIT.split(base) if w]
            found.append(Variant(base, self._whole_key(base, words), base_rules, base_score))
            if not words or len(words) > MAX_WORDS or not rules.endings:
                continue
            options: list[Sequence[WordBase]] = [self._readings(word, lang) for word in words]
            # each word's most confident readings, fewer the more words there are, so that a long name
            # yields a few hundred combinations, not thousands (pruned readings are table words: more)
            combos = 256 if self.known is None else COMBINATIONS
            cap = max(2, min(12, int(combos ** (1 / len(words)))))
            options = [o[:cap] for o in options]
            found.extend(_combined(options, base_rules, base_score))
        return found


def _combined(
    options: list[Sequence[WordBase]], base_rules: tuple[str, ...], base_score: float
) -> Iterator[Variant]:
    """The readings of a name from the readings of its words (one rule at least fired), at most 4096;
    each further word read by a rule costs 0.01 of the score."""
    if len(options) == 1:  # one word: no combinations to build
        for b in options[0]:
            if b.rules:
                yield Variant(b.text, b.key, base_rules + b.rules, min(b.score, base_score))
        return
    for combo in itertools.islice(itertools.product(*options), 4096):
        changed = [c for c in combo if c.rules]
        if not changed:
            continue
        score = min(c.score for c in changed) - 0.01 * (len(changed) - 1)
        fired = base_rules + tuple(r for c in changed for r in c.rules)
        text = " ".join(c.text for c in combo)
        key = " ".join(c.key for c in combo if c.key)
        yield Variant(text, key, fired, min(score, base_score))


def as_written(text: str) -> Variant:
    """The query itself as a variant (cleaned, edge punctuation dropped), with no rule applied.

    ```pycon
    >>> as_written("  „Politico”, ").key
    'politico'

    ```
    """
    cleaned = clean(text)
    if cleaned and not (cleaned[0].isalnum() and (cleaned[-1].isalnum() or cleaned[-1] == "'")):
        cleaned = _EDGE_PUNCT.sub("", cleaned)
    return Variant(cleaned, fold(cleaned), (), 1.0)


def analyse(
    text: str,
    lang: str | None,
    known: Callable[[str], bool] | None = None,
    keyer: Callable[[str], str] | None = None,
) -> list[Variant]:
    """Candidate base forms of ``text`` in ``lang`` (all rule languages when None), most confident first.

    The first variant is always the text itself. Each variant's ``key`` is its folded spelling, or, given a
    ``keyer``, the words' keys by that function (e.g. transliteration keys). ``known(key)`` tells whether a
    word key occurs in the table; word forms it rejects are not combined. Unknown languages get only the
    text itself. Without ``known`` and ``keyer``, one shared :class:`Analyser` remembers the words read (the
    tagger asks about the same surnames and titles in every document); a resolver keeps an analyser per
    vocabulary.
    """
    if known is None and keyer is None:
        return _plain_analyser().analyse(text, lang)
    return Analyser(known, keyer, cache_size=64).analyse(text, lang)


@lru_cache(maxsize=1)
def _plain_analyser() -> Analyser:
    return Analyser()


def clear_caches() -> None:
    """Forget the word readings remembered."""
    word_bases.cache_clear()
    _plain_analyser.cache_clear()
