"""Morphological analysis: an inflected or clitic-laden name to a few candidate base forms.

The analyser never picks one lemma: it proposes every base form its rules allow, each with the rules that
fired and a confidence, and the resolver keeps those that are names in the alias table.

>>> [v.text for v in analyse("Chowajewem", "pl")][:2]
['chowajewem', 'chowajew']
>>> analyse("dell'Azerbaigian", "it")[1]
Variant(text='azerbaigian', rules=('it-elided-article',), score=0.95)
"""

from __future__ import annotations

__all__ = ["Variant", "analyse", "word_bases"]

import itertools
from dataclasses import dataclass
from functools import lru_cache

import regex

from .langs import RULE_LANGS
from .normalize import clean
from .ruleset import RuleSet, load_rules

_VOWELS = frozenset("aeiouyąęóàèéìòù")
_SPLIT = regex.compile(r"[\s\-]+")
MAX_VARIANTS = 96
"""Upper bound on the variants of one multi-word name (the most confident are kept)."""


@dataclass(frozen=True, slots=True)
class Variant:
    """A candidate base form (in :func:`~namenorm.normalize.clean` form) and how it was derived."""

    text: str
    rules: tuple[str, ...]
    score: float


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
    if rules.mobile_e is not None:
        mobile = rules.mobile_e
        for base, fired, score in [(stem, (), 1.0), *found]:
            if (
                len(base) >= 3
                and base[-1] in mobile.before
                and _consonant(base[-2])
                and base[-2] not in "jw'"
            ):
                found.append((base[:-1] + "e" + base[-1], (*fired, mobile.id), min(score, mobile.score)))
    return found


@lru_cache(maxsize=1 << 15)
def word_bases(word: str, lang: str) -> tuple[tuple[str, tuple[str, ...], float], ...]:
    """Candidate base forms of one cleaned word: (base, rules, score), the word itself first.

    >>> [b for b, _, _ in word_bases("kazaniu", "pl")]
    ['kazaniu', 'kazani', 'kazań']
    """
    rules = load_rules(lang)
    seen = {word}
    result: list[tuple[str, tuple[str, ...], float]] = [(word, (), 1.0)]
    for rule in rules.endings:
        if not word.endswith(rule.ending) or len(word) - len(rule.ending) < rule.min_stem:
            continue
        stem = word[: len(word) - len(rule.ending)]
        for to in rule.to:
            base = stem + to
            if base not in seen and base:
                seen.add(base)
                result.append((base, (rule.id,), rule.score))
            if to == "" and (_consonant(stem[-1:]) or stem.endswith("i")):
                for derived, fired, score in _stem_variants(stem, rules):
                    if derived not in seen:
                        seen.add(derived)
                        result.append((derived, (rule.id, *fired), min(score, rule.score)))
    return tuple(result)


def _strip_clitics(text: str, rules: RuleSet) -> list[Variant]:
    found = [Variant(text, (), 1.0)]
    for affix in rules.prefixes:
        for form in affix.forms:
            if text.startswith(form) and len(text) > len(form) + 1:
                found.append(Variant(text[len(form) :].lstrip(), (affix.id,), affix.score))
    for affix in rules.suffixes:
        for form in affix.forms:
            if text.endswith(form) and len(text) > len(form) + 1:
                found.append(Variant(text[: -len(form)].rstrip(), (affix.id,), affix.score))
    return found


def _analyse_lang(text: str, lang: str) -> list[Variant]:
    rules = load_rules(lang)
    found: list[Variant] = []
    for base in _strip_clitics(text, rules):
        found.append(base)
        if not rules.endings:
            continue
        words = [w for w in _SPLIT.split(base.text) if w]
        if not words or len(words) > 8:
            continue
        options = [word_bases(w, lang)[:12] for w in words]
        combos = itertools.islice(itertools.product(*options), 4096)
        for combo in combos:
            changed = [c for c in combo if c[1]]
            if not changed:
                continue
            score = min(c[2] for c in changed) - 0.01 * (len(changed) - 1)
            fired = base.rules + tuple(r for c in changed for r in c[1])
            found.append(Variant(" ".join(c[0] for c in combo), fired, min(score, base.score)))
    return found


def analyse(text: str, lang: str | None) -> list[Variant]:
    """Candidate base forms of ``text`` in ``lang`` (all rule languages when None), most confident first.

    The first variant is always the text itself (cleaned). Unknown languages get only that one.
    """
    cleaned = clean(text)
    langs = RULE_LANGS if lang is None else (lang,)
    best: dict[str, Variant] = {}
    for code in langs:
        for variant in _analyse_lang(cleaned, code):
            old = best.get(variant.text)
            if old is None or variant.score > old.score:
                best[variant.text] = variant
    ordered = sorted(best.values(), key=lambda v: (-v.score, len(v.rules), v.text))
    return ordered[:MAX_VARIANTS]
