"""Find entity mentions in running text: tokens -> candidate spans -> resolver -> non-overlapping mentions.

Spans start at a capitalised word, an acronym or a number-bearing word (G20), run over whitespace and hyphens
but never across other punctuation, and are tried longest first. Elided Italian articles (l'Azerbaigian) and
English possessives (Washington's) are trimmed from a span's edges using the language's rule files.

>>> from namenorm.resolver import default_resolver
>>> r = default_resolver()
>>> [(m.text, m.entity_id) for m in find_mentions("Washington's envoy met Khovaev.", "en", r.resolve, 4)]
[('Washington', 'washington'), ('Khovaev', 'igor-khovaev')]
"""

from __future__ import annotations

__all__ = ["find_mentions", "tokens"]

from collections.abc import Callable
from functools import cache

import regex

from .langs import RULE_LANGS
from .normalize import clean
from .ruleset import load_rules
from .types import Match, Mention

_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}]+)*['’]?")
_GAP = regex.compile(r"^(?:[ \t\u00a0]*[-‐‑–][ \t\u00a0]*|[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)$")


@cache
def _clitics(lang: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Elided prefixes (ending in an apostrophe) and suffixes of the language's rules."""
    langs = RULE_LANGS if lang is None else (lang,)
    prefixes, suffixes = [], []
    for code in langs:
        rules = load_rules(code)
        prefixes += [f for a in rules.prefixes for f in a.forms if f.endswith("'")]
        suffixes += [f for a in rules.suffixes for f in a.forms]
    return tuple(sorted(set(prefixes), key=len, reverse=True)), tuple(
        sorted(set(suffixes), key=len, reverse=True)
    )


def tokens(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Word spans (start, end) of ``text``, with elided articles and possessives trimmed off.

    >>> text = "dell'Azerbaigian e Washington's"
    >>> [text[s:e] for s, e in tokens(text, "it") + tokens(text, "en")][:2]
    ['Azerbaigian', 'e']
    """
    prefixes, suffixes = _clitics(lang)
    spans = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = clean(m.group())
        if len(word) == end - start:  # offsets stay valid only when cleaning kept the length
            for form in prefixes:
                if word.startswith(form) and len(word) > len(form) + 1:
                    start += len(form)
                    word = word[len(form) :]
                    break
            for form in suffixes:
                if word.endswith(form) and len(word) > len(form) + 1:
                    end -= len(form)
                    break
        while end > start and text[end - 1] in "'’":
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _starts_name(word: str) -> bool:
    return word[:1].isupper() or any(ch.isdigit() for ch in word)


def find_mentions(
    text: str, lang: str | None, resolve: Callable[[str, str | None], Match | None], max_tokens: int
) -> list[Mention]:
    """Mentions of ``text`` that ``resolve`` accepts, longest span first, left to right, no overlaps."""
    spans = tokens(text, lang)
    mentions: list[Mention] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        if not _starts_name(text[start : spans[i][1]]):
            i += 1
            continue
        last = i
        while (
            last + 1 < len(spans)
            and last + 1 - i < max_tokens + 1
            and _GAP.match(text[spans[last][1] : spans[last + 1][0]])
        ):
            last += 1
        for j in range(last, i - 1, -1):
            end = spans[j][1]
            match = resolve(text[start:end], lang)
            if match is not None:
                mentions.append(Mention(start, end, text[start:end], match.entity_id, match))
                i = j
                break
        i += 1
    return mentions
