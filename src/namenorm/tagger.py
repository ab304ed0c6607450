"""Find entity mentions in running text.

Three stages over Unicode word tokens (the ``regex`` package), longest span first, no overlaps:

1. **exact**: a token trie over the folded keys of every table name, of its Polish case forms generated
   with :func:`namenorm.inflect`, and of people's surnames (alone, and in their case forms). The text is only
   folded, never transliterated, so this stage is a dictionary walk per token.
2. **resolver**: capitalised spans the trie did not cover are resolved like single names (inflection,
   transliteration, phonetic and typo steps), after a cheap prefix filter and with a per-tagger cache.
3. **document**: once a person's full name has appeared, a later surname alone, in any case form or
   spelling, is that person; a surname shared by two people in the table is settled the same way.

Spans start at a capitalised word, an acronym or a number-bearing word (G20), or at a table name written in
lower case (korytarz laczyński); they run over spaces, hyphens and a dot between letters (politico.eu), never
across other punctuation. Elided
Italian articles (l'Azerbaigian) and English possessives (Washington's) are trimmed from a span's edges.
A sentence's first word that the text also uses in lower case is a common word, not a name.

```pycon
>>> from namenorm.matcher import Matcher, build_indexes
>>> from namenorm.table import bundled_table_path, load_table
>>> table = load_table(bundled_table_path())
>>> tagger = Tagger(Matcher(build_indexes(table)), build_tag_names(table.entities))
>>> [(m.text, m.entity_id) for m in tagger.find("Washington's envoy met Khovaev in Istanbul.", "en")]
[('Washington', 'washington'), ('Khovaev', 'igor-khovaev'), ('Istanbul', 'istanbul')]

```
"""

from __future__ import annotations

__all__ = ["TagNames", "Tagger", "build_tag_names", "clear_caches", "tokens", "world_hits"]

import bisect
import dataclasses
import functools
import itertools
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

import regex

from .commonwords import is_common, is_designator, is_given_name, is_head_word, is_qualifier, is_title
from .gazetteer import Gazetteer
from .index import Index
from .inflection import case_forms
from .keys import (
    LABEL_LANG,
    WORD,
    Hit,
    TagTotals,
    claimed_once,
    file_hits,
    file_names,
    first_keys,
    key_prefixes,
    translation_hits,
)
from .langs import RULE_LANGS
from .matcher import NASAL_ENDING, SPELT, Matcher, nasal_ending
from .morph import analyse, singular
from .normalize import clean, fold, normalize
from .orgwords import meaning_prefixes
from .ruleset import load_rules
from .scores import (
    DOCUMENT_SURNAME_SCORE,
    INFLECTION_SCORE,
)
from .transliterate import translit_word
from .types import Entity, Match, Mention, Method, Refusal, Tagging, UnknownName

_ANCHOR = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:(?:\p{Lu}\.)+\p{Lu}\.?(?![\p{L}\p{M}\p{N}])"
    r"|[\p{Lu}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*(?:['’ʼ][\p{L}\p{M}]+)*['’]?)"
)
_GAP = regex.compile(r"^(?:[ \t\u00a0]*[-‐‑–][ \t\u00a0]*|[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*|\.)$")
_HYPHENS = frozenset("-‐‑")
_HYPHEN_ENDING = regex.compile(r"[-‐‑](?:owi|wi|iem|em|ie|u|a|y|ą|ę|ach|ami|om|ów)(?![\p{L}\p{M}\p{N}])")
"""A Polish case ending written after a hyphen on an acronym or a foreign name (PiS-u, NATO-wi, LOT-em)."""
_PREVIOUS = regex.compile(r"(?<![\p{L}\p{M}\p{N}.])([\p{L}\p{M}]+)(\.?)[ \u00a0]$")
"""The word right before a mention, with the abbreviation dot after it if any."""
_JOINED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}.])([\p{L}\p{M}\p{N}]+)(?:[ \u00a0]|[-‐‑])$")
"""The word right before a mention, joined to it by one space or a hyphen (no dot: W. Brytania)."""
_JOINED_AFTER = regex.compile(r"(?:[ \u00a0]|[-‐‑])([\p{L}\p{M}\p{N}]+)(?![\p{L}\p{M}\p{N}]|\.[\p{L}])")
"""The word right after a mention, joined to it by one space or a hyphen."""
_JOINS = dict.fromkeys((" ", "\u00a0", "-", "‐", "‑"), True)
"""The characters that join a word to a name: a space or a hyphen."""
_INNER_GAP = regex.compile(r"^(?:[ \t\u00a0]*[,/&][ \t\u00a0]*|['’][ \t\u00a0]*|[ \t\u00a0]+['’])$")
"""Punctuation inside a listed name, crossed only while the words so far begin a longer listed name."""
_CONNECTED = regex.compile(r"[ \u00a0](?:di|del|della|dei|degli|de|du|des|of|von|van)[ \u00a0]\p{Lu}")
"""A surname followed by a connector and a capitalised word begins a longer name (Croce di Costantino)."""
_ABBREVIATION_GAPS = frozenset((". ", ".\u00a0"))
"""An abbreviation's dot and a space inside a name (W. Brytania, Wlk. Brytania, Sen. Leland Yee)."""
_SENTENCE_BREAK = regex.compile(r"(?:[.!?…:;]|\n\s*\n|^)[\s\"'„“”«»()\[\]*•\-–—]*$")
_ADJECTIVE = regex.compile(r"(?:sk|ck|dzk)(?:i|a|ie|iego|iemu|iej|im|imi|ich|ą)$")
"""A Polish adjective form (pakistański, brytyjskiego): a derived word, never a near miss of its name."""
_NEAR = SPELT
_READ_AS_NAME = frozenset((Method.SURNAME, *_NEAR))
"""How a one-word mention is found when the table does not list the word as written: as a surname, or by
spelling (a given name found so needs its bearer named in full first)."""
_CACHE_SIZE = 1 << 14
CHARS_PER_READ = 24
"""A text's runs of capitalised words are read by the resolver (inflected, transliterated, near misses) at
most once per this many characters, and at least ``MIN_READS`` times: real news spends one read per 44
characters at most (BSNLP, 885 documents), a wall of capitalised names one per 4, so that the cost of any
text stays linear in its length. Past that, names are found as the table writes them (and their listed
case forms) only, and :attr:`Tagging.limited` says so."""
MIN_READS = 256
"""The reads a short text always has (see ``CHARS_PER_READ``)."""
_word_key = lru_cache(maxsize=1 << 15)(normalize)


@cache
def _clitics(lang: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Elided prefixes (ending in an apostrophe) and suffixes of the language's rules."""
    langs = RULE_LANGS if lang is None else (lang,)
    prefixes, suffixes = [], []
    for code in langs:
        rules = load_rules(code)
        prefixes += [f for a in rules.prefixes for f in a.forms if f.endswith("'")]
        suffixes += [f for a in rules.suffixes for f in a.forms if f.startswith("'")]
    return tuple(sorted(set(prefixes), key=len, reverse=True)), tuple(
        sorted(set(suffixes), key=len, reverse=True)
    )


def _trim(text: str, start: int, end: int, lang: str | None) -> tuple[int, int]:
    """A token without its elided article (l'Armenia) or possessive (Washington's), by the rule files."""
    raw = text[start:end]
    if "'" not in raw and "’" not in raw and "ʼ" not in raw:
        return start, end
    prefixes, suffixes = _clitics(lang)
    word = clean(raw)
    if len(word) == end - start:  # offsets stay valid only when cleaning kept the length
        for form in prefixes:
            if word.startswith(form) and len(word) > len(form):
                start += len(form)
                word = word[len(form) :]
                break
        for form in suffixes:
            if word.endswith(form) and len(word) > len(form) + 1:
                end -= len(form)
                break
    while end > start and text[end - 1] in "'’":
        end -= 1
    return start, end


def tokens(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Word spans (start, end) of ``text``, with elided articles and possessives trimmed off.

    ```pycon
    >>> text = "dell'Azerbaigian e Washington's"
    >>> [text[s:e] for s, e in tokens(text, "it")], [text[s:e] for s, e in tokens(text, "en")][-1]
    (['Azerbaigian', 'e', "Washington's"], 'Washington')

    ```
    """
    spans = [_trim(text, *m.span(), lang) for m in WORD.finditer(text)]
    return [span for span in spans if span[0] < span[1]]


def _starts_name(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


_RUN = re.compile(r"[^\W_]+")  # letters and digits: exactly the characters str.isalnum accepts
_MAX_SCANS = 12


class _LowerStarts:
    """Where the first words of names the table writes in lower case (brexit) stand alone in a text.

    The standard library's ``re`` finds them about twice as fast as ``regex`` (whose alternations of many
    words are not optimised); its word boundaries leave out combining marks, so a text where a match
    touches one is searched again with ``regex``, whose boundaries count them."""

    def __init__(self, words: Iterable[str]) -> None:
        alternatives = sorted(words, key=len, reverse=True)
        self._fast = re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, alternatives))})(?![^\W_])")
        edge = r"(?![\p{L}\p{M}\p{N}])"
        starters = "|".join(map(regex.escape, alternatives))
        self._exact = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{starters}){edge}")

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [m.span() for m in self._fast.finditer(text)]
        for start, end in found:
            if _mark(text[start - 1 : start]) or _mark(text[end : end + 1]):
                return [m.span() for m in self._exact.finditer(text)]
        return found


def _mark(char: str) -> bool:
    return bool(char) and unicodedata.category(char).startswith("M")


class _Document:
    """One text being tagged. Only capitalised words (and the first words of names the table writes in
    lower case) are found up front; the words after them are read on demand while a name continues."""

    def __init__(self, text: str, lang: str | None, lower_starts: _LowerStarts | None) -> None:
        self.text, self.lang = text, lang
        anchors = [m.span() for m in _ANCHOR.finditer(text)]
        if "'" in text or "’" in text or "ʼ" in text:  # only words with an apostrophe can carry a clitic
            anchors = [_trim(text, s, e, lang) for s, e in anchors]
        if lower_starts is not None:
            anchors += lower_starts.spans(text)
            anchors.sort()
        self.anchors = [a for a in anchors if a[0] < a[1]]
        self.starts = [a[0] for a in self.anchors]
        self.covered = [False] * len(self.anchors)
        self.found: dict[int, Mention] = {}
        self.found_starts: list[int] = []  # the keys of ``found``, sorted (mentions over a span by bisection)
        self.pending: list[tuple[list[tuple[int, int]], list[Hit]]] = []
        self.refused: list[Refusal] = []
        self.numbers: list[tuple[tuple[int, int], Hit]] = []  # numbers alone that name an entity (the 787)
        self.unknown: dict[tuple[int, int], str] = {}  # names the table does not hold: (start, end) -> kind
        self._next: dict[int, tuple[tuple[int, int] | None, str, bool]] = {}
        self._lower: dict[str, bool] = {}
        self._runs: set[str] | None = None
        self._scans = 0
        self.reads_left = max(MIN_READS, len(text) // CHARS_PER_READ)
        self.limited = False

    def spend_read(self) -> bool:
        """One more run may be read by the resolver (False once the text's share is spent: see
        ``CHARS_PER_READ``)."""
        if self.reads_left <= 0:
            self.limited = True
            return False
        self.reads_left -= 1
        return True

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def key(self, span: tuple[int, int]) -> str:
        return _word_key(self.text[span[0] : span[1]])

    def next_token(self, end: int, inner: bool = False) -> tuple[int, int] | None:
        """The word after offset ``end`` when only spaces, a hyphen or a dot separate them; with ``inner``,
        also a comma, slash, ampersand or apostrophe, as inside some listed names (Dillon, Read and Co;
        Data I/O Corp; Dunkin' Donuts)."""
        known = self._next.get(end)
        if known is None:
            m = WORD.search(self.text, end)
            if m is None:
                known = self._next[end] = (None, "", False)
            else:
                gap = self.text[end : m.start()]
                plain = gap == " " or bool(_GAP.match(gap))
                plain = plain or (gap in _ABBREVIATION_GAPS and self.abbreviation(end))
                trimmed = _trim(self.text, *m.span(), self.lang)
                known = self._next[end] = (trimmed if trimmed[0] < trimmed[1] else None, gap, plain)
        found, gap, plain = known
        if plain or (inner and found is not None and _INNER_GAP.match(gap)):
            return found
        return None

    def joined_before(self, start: int) -> tuple[int, int] | None:
        """The capitalised word (an anchor) right before offset ``start``, joined by one space or a hyphen."""
        if not _JOINS.get(self.text[start - 1 : start]):
            return None
        k = bisect.bisect_left(self.starts, start) - 1
        return self.anchors[k] if k >= 0 and self.anchors[k][1] == start - 1 else None

    def joined_after(self, end: int) -> tuple[int, int] | None:
        """The capitalised word (an anchor) right after offset ``end``, joined by one space or a hyphen."""
        if not _JOINS.get(self.text[end : end + 1]):
            return None
        k = bisect.bisect_left(self.starts, end + 1)
        return self.anchors[k] if k < len(self.starts) and self.starts[k] == end + 1 else None

    def capital_after(self, end: int) -> bool:
        """A capitalised word follows offset ``end`` across a gap a name may span (the next anchor, without
        a regular-expression search in the common case of one space)."""
        k = bisect.bisect_left(self.starts, end)
        if k == len(self.starts):
            return False
        gap = self.text[end : self.starts[k]]
        if gap == " " and _starts_name(self.word(self.anchors[k])):
            return True
        if len(gap) > 8:
            return False  # a word in lower case (not an anchor) comes first
        following = self.next_token(end)
        return following is not None and _starts_name(self.word(following))

    def abbreviation(self, end: int) -> bool:
        """The word that ends at ``end`` can be an abbreviation: up to four letters, not an acronym in
        capitals (W, Wlk, Płn, św, Gen, R; not USA or UE, which end sentences)."""
        start = end
        while start > 0 and self.text[start - 1].isalpha():
            start -= 1
        word = self.text[start:end]
        return 0 < len(word) <= 4 and (len(word) == 1 or not word.isupper())

    def sentence_start(self, start: int) -> bool:
        """Nothing but spaces, quotes or brackets between the end of a sentence (or paragraph) and here."""
        text = self.text
        if start >= 2 and text[start - 1] == " " and (text[start - 2].isalnum() or text[start - 2] == ","):
            return False  # the common case: a word in the middle of a sentence
        return not start or bool(_SENTENCE_BREAK.search(text[max(0, start - 12) : start]))

    def common_anywhere(self, word: str) -> bool:
        """The text also writes ``word`` in lower case."""
        lower = word.lower()
        if lower not in self._lower:
            self._lower[lower] = self._occurs(lower)
        return self._lower[lower]

    def common(self, span: tuple[int, int]) -> bool:
        """A sentence's first word that the text also writes in lower case: a common word, not a name."""
        if not self.text[span[0]].isupper() or not self.sentence_start(span[0]):
            return False
        lower = self.word(span).lower()
        if lower not in self._lower:
            self._lower[lower] = self._occurs(lower)
        return self._lower[lower]

    def _occurs(self, word: str) -> bool:
        """``word`` stands on its own somewhere in the text: not preceded or followed by a letter or digit.

        The first ``_MAX_SCANS`` words of a document are searched for (fast when a text asks few); after
        them, a word of letters and digits only is looked up in the set of the text's runs of them, built
        once, and any other (``o'neill``) is taken as absent, so a text of many distinct words stays
        linear."""
        if self._scans < _MAX_SCANS:
            self._scans += 1
            text, at = self.text, self.text.find(word)
            while at >= 0:
                before = text[at - 1] if at else " "
                after = text[at + len(word)] if at + len(word) < len(text) else " "
                if not (before.isalnum() or after.isalnum()):
                    return True
                at = text.find(word, at + 1)
            return False
        if _RUN.fullmatch(word) is None:
            return False
        if self._runs is None:
            self._runs = set(_RUN.findall(self.text))
        return word in self._runs

    def is_covered(self, start: int) -> bool:
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] == start and self.covered[k]

    def cover(self, start: int, end: int) -> None:
        for k in range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)):
            self.covered[k] = True

    def named(self, start: int, match: Match) -> bool:
        """The mention that ends right before ``start`` (a company's name) is the same entity (IBM after
        International Business Machines Corp)."""
        before = [m for m in self.found.values() if 0 <= start - m.end <= 2]
        return any(m.entity_id == match.entity_id for m in before)

    def over(self, start: int, end: int) -> list[Mention]:
        """The mentions that overlap ``start``-``end``, found by bisection (mentions do not overlap each
        other, so only those starting inside the span and the one before it can)."""
        starts, found = self.found_starts, []
        k = bisect.bisect_left(starts, end) - 1
        while k >= 0:
            mention = self.found[starts[k]]
            if mention.end > start:
                found.append(mention)
            if starts[k] < start:
                break
            k -= 1
        return found

    def refuse(self, start: int, end: int, entity_id: str, rule: str) -> None:
        """Note a candidate a precision rule refused (for :meth:`Tagger.read`)."""
        self.refused.append(Refusal(start, end, self.text[start:end], entity_id, rule))

    def mention(self, start: int, end: int, match: Match) -> None:
        if _currency(self.text[end : end + 1]) or (start and _currency(self.text[start - 1])):
            return  # US$ and HK$ are currencies, not the country
        if self.text[start:end].isupper() and _designated(self.text, start) and not self.named(start, match):
            return  # Union Carbide Corp UK: an acronym after a company designator is part of the company
        if self.text[end : end + 1] == "." and _ends_with_dot(match.matched, self.text[start : end + 1]):
            end += 1  # the name's abbreviation dot is part of it (Irlandia Płn., Fla.)
        elif self.text[end : end + 1] in _HYPHENS and self.lang in (None, "pl"):
            ending = _HYPHEN_ENDING.match(self.text, end)
            if ending is not None:
                end = ending.end()  # a case ending after a hyphen belongs to the name (PiS-u, NATO-wi)
        if start not in self.found:
            bisect.insort(self.found_starts, start)
        self.found[start] = Mention(start, end, self.text[start:end], match.entity_id, match)
        self.cover(start, end)


class TagNames(NamedTuple):
    """What the exact stage looks up: hits by folded key (space-joined word keys), the keys that longer
    names continue (every proper word prefix of a key), the longest key in words, the first words of names
    written in lower case, and the first four letters of every word. Built in memory from a table, or read
    from a compiled index (memory-mapped tries); only ``get`` and ``in`` are used."""

    hits: Any
    prefixes: Any
    max_tokens: int
    lower_firsts: frozenset[str]
    fold_prefixes: frozenset[str]
    common_names: frozenset[str] = frozenset()
    """Keys of the names the table marks as also common words or given names (``common``)."""
    translations: Any = None
    """A function of a language giving the hits of the table's places' world names in it (see
    :func:`world_hits`); the tagger adds them when it first tags a text in that language."""
    first_words: Any = None
    """For the first three letters of a multi-word name's first word, folded or as a transliteration key:
    the most words a name that starts so has. A run of capitalised words is read as one name only up to
    that many words (None: up to ``max_tokens``, as for a compiled index)."""


def world_hits(
    entities: Iterable[Entity], world: Gazetteer, lang: str | None = None
) -> Iterator[tuple[str, Hit, str]]:
    """The names of a table's places in every language of the world gazetteer (or in ``lang`` only), and
    their Polish case forms, as hits of method translation (``find`` keeps those of the text's language): a
    table that names the United States in English tags *Stati Uniti* and *Stanów Zjednoczonych*. The
    gazetteer's precision rules hold: one world place by all of the table place's names, the same code, no
    name two world places share or one that is also a common word."""
    places = [(entity, found) for entity in entities if (found := world.names_of(entity)) is not None]
    sole = claimed_once(place_id for _, (place_id, _) in places)
    for entity, (place_id, names) in places:
        if place_id in sole:
            yield from translation_hits(entity, place_id, names, lang)


def build_tag_names(entities: Sequence[Entity], world: Gazetteer | None = None) -> TagNames:
    """The exact stage's names of a table, in memory; with the ``world`` gazetteer, its places' names in
    other languages too (:func:`world_hits`), added for a language when a text in it is first tagged."""
    hits: dict[str, list[Hit]] = {}
    prefixes: set[str] = set()
    totals = TagTotals()
    for entity in entities:
        totals.add_entity(file_names(entity))
        for key, hit, surface in file_hits(entity):
            hits.setdefault(key, []).append(hit)
            prefixes.update(key_prefixes(key))
            totals.add_hit(key, hit, surface)
    translations = functools.partial(world_hits, tuple(entities), world) if world is not None else None
    return TagNames(
        hits,
        prefixes,
        totals.max_tokens,
        frozenset(totals.lower_firsts),
        frozenset(totals.fold_prefixes),
        frozenset(totals.common),
        translations=translations,
        first_words=totals.first_words,
    )


class Tagger:
    """Finds the mentions of one table's ``names`` in text, asking ``matcher`` (over the same table's
    indexes) for the runs of words no name covers. Build once per table; thread-safe (its resolution cache
    is locked; the other memos are plain dicts whose single operations are atomic)."""

    def __init__(self, matcher: Matcher, names: TagNames) -> None:
        self.matcher = matcher
        self._hits, self._prefixes, self.max_tokens = names.hits, names.prefixes, names.max_tokens
        self._lower_starts = _LowerStarts(names.lower_firsts) if names.lower_firsts else None
        self._fold_prefixes = names.fold_prefixes
        self._common_names = names.common_names
        self._first_words = names.first_words
        self._translations = names.translations
        self._translated: set[str] = set()  # the languages whose world names the hits hold
        tokens = matcher.phonetic.tokens  # at most as many as it says: a damaged trie never loops forever
        self._translit_prefixes = frozenset(t[:3] for t in itertools.islice(tokens, len(tokens)))
        # with organisations named by generic words, a run of such words may be one of them in another
        # language (Banca Mondiale for World Bank)
        self._meaning_prefixes = meaning_prefixes() if matcher.org_meanings() else frozenset()
        self._cache: OrderedDict[tuple[str, str | None, bool], Match | None] = OrderedDict()
        self._plausible_cache: dict[tuple[str, str | None], bool] = {}
        self._matches: dict[tuple[int, str], tuple[Hit, Match]] = {}
        self._cache_lock = threading.Lock()  # the resolution cache is shared by every thread tagging

    def _translate_to(self, lang: str) -> None:
        """Add the hits of the table's places' world names in ``lang`` (once per language, under the
        lock: a text in another language never pays for them)."""
        with self._cache_lock:
            if lang in self._translated:
                return
            for key, hit, _ in self._translations(lang):
                self._hits.setdefault(key, []).append(hit)
                self._prefixes.update(key_prefixes(key))
                self.max_tokens = max(self.max_tokens, key.count(" ") + 1)
            self._translated.add(lang)

    def _resolve(self, span: str, lang: str | None, near: bool = True) -> Match | None:
        key = (span, lang, near)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        match = (
            self.matcher.resolve_in_text(span, lang) if near else self.matcher.resolve_by_rules(span, lang)
        )
        with self._cache_lock:
            self._cache[key] = match
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return match

    def _plausible(self, word: str, lang: str | None) -> bool:
        """Cheap filter before the resolver: the word shares a folded or transliterated prefix with a name."""
        known = self._plausible_cache.get((word, lang))
        if known is None:
            cleaned = clean(word)
            folded = fold(cleaned)[:4]
            known = (
                folded in self._fold_prefixes
                or translit_word(cleaned, lang or "en")[:3] in self._translit_prefixes
                or folded in self._meaning_prefixes
            )
            if len(self._plausible_cache) > _CACHE_SIZE:
                self._plausible_cache.clear()
            self._plausible_cache[(word, lang)] = known
        return known

    def _run_limit(self, doc: _Document, first: tuple[int, int]) -> int:
        """The most words a name starting with the word ``first`` has (see ``TagNames.first_words``): how
        long a run from it is worth reading as one name; any length for an organisation's generic word
        (its names meet in any order: Banca Mondiale, World Bank)."""
        if self._first_words is None:
            return self.max_tokens
        word = clean(doc.word(first))
        if self._meaning_prefixes and fold(word)[:4] in self._meaning_prefixes:
            return self.max_tokens
        return max((self._first_words.get(k, 1) for k in first_keys(word, doc.lang)), default=1)

    def _continues_run(self, doc: _Document, token: tuple[int, int]) -> bool:
        """A run read as one name goes on over ``token``: every word of a name read by rules shares a
        prefix with a table word, but for an initial (Donald J. Trump)."""
        return token[1] - token[0] == 1 or self._last_plausible(doc, token)

    def _last_plausible(self, doc: _Document, token: tuple[int, int]) -> bool:
        """The last word of a run may end a name: it shares a prefix with a table word, or it follows an
        elided article that the table writes joined to it (Costa d'Avorio)."""
        return doc.text[token[0] - 1 : token[0]] in ("'", "’") or self._plausible(doc.word(token), doc.lang)

    def find(self, text: str, lang: str | None = None) -> list[Mention]:
        """Mentions of table entities in ``text``, in order of appearance."""
        return list(self._read(text, lang, every_unknown=False).mentions)

    def read(self, text: str, lang: str | None = None) -> Tagging:
        """The mentions of ``text`` with the candidates refused (and the rule that refused each) and the
        names recognised that the table does not hold.

        ```pycon
        >>> from namenorm.matcher import Matcher, build_indexes
        >>> from namenorm.table import bundled_table_path, load_table
        >>> table = load_table(bundled_table_path())
        >>> tagger = Tagger(Matcher(build_indexes(table)), build_tag_names(table.entities))
        >>> reading = tagger.read("Hunter Biden was convicted.", "en")
        >>> reading.mentions, [(r.text, r.entity_id, r.rule) for r in reading.refused]
        ((), [('Biden', 'joe-biden', 'longer-name')])
        >>> [(u.text, u.kind) for u in reading.unknown]
        [('Hunter Biden', 'person')]

        ```
        """
        return self._read(text, lang, every_unknown=True)

    def _read(self, text: str, lang: str | None, every_unknown: bool) -> Tagging:
        """The stages over ``text``; with ``every_unknown``, the people the table lacks are looked for
        even where no mention needs them (for the report of :meth:`read`)."""
        if self._translations is not None and lang is not None and lang not in self._translated:
            self._translate_to(lang)
        doc = _Document(text, lang, self._lower_starts)
        self._trie_stage(doc)
        self._resolver_stage(doc)
        self._document_stage(doc)
        return self._settle(doc, every_unknown)

    def _settle(self, doc: _Document, every_unknown: bool = True) -> Tagging:
        """The open-world rules over the mentions found: a name inside a longer name the table does not
        hold is not tagged; a surname alone is the person last named in full with it, and one that is also
        a given name needs its bearer named in full first."""
        for span, hits in doc.pending:
            if not doc.over(span[0][0], span[0][0] + 1):
                for entity_id in sorted({h.entry.entity.id for h in hits}):
                    doc.refuse(span[0][0], span[-1][1], entity_id, "ambiguous")
        self._numbers(doc)
        unknown = doc.unknown
        kept: list[Mention] = []
        for mention in (doc.found[k] for k in sorted(doc.found)):
            rule = self._embedded(doc, mention) or _inside_longer_name(doc, mention)
            if rule is None:
                kept.append(mention)
            else:
                doc.refuse(mention.start, mention.end, mention.entity_id, rule)
        if every_unknown or any(m.match.type == "person" and " " not in m.text.strip() for m in kept):
            _people_by_run(doc, kept, unknown)  # the bearers of one-word mentions (see _bearers)
        kept = self._bearers(doc, kept, unknown)
        names = tuple(UnknownName(s, e, doc.text[s:e], kind) for (s, e), kind in sorted(unknown.items()))
        refused = tuple(sorted(set(doc.refused), key=lambda r: (r.start, r.end, r.entity_id, r.rule)))
        return Tagging(tuple(kept), refused, names, doc.limited)

    def _numbers(self, doc: _Document) -> None:
        """A number alone that the table lists as a name (the 787) is its entity only where it has three
        digits or more, is no year, and the text names that entity otherwise too (Boeing 787, the
        Dreamliner) or names what the entity's name puts before the number (Boeing, for the 737 the table
        also calls Boeing 737), or the table calls the entity by the number first (its label): a number on
        its own is any count or year (``number``)."""
        found = [m for m in doc.found.values() if not m.text.isdigit()]
        named = {m.entity_id for m in found}
        written = {normalize(m.text) for m in found}
        for (start, end), hit in doc.numbers:
            entity = hit.entry.entity
            number = doc.text[start:end]
            known = entity.id in named or entity.label == number
            known = known or _maker_named(self.matcher.index, entity.id, number, written)
            if known and not _mentioned(doc, start, end):
                self._mention(doc, start, end, self._match(hit, doc.text[start:end]))
            else:
                doc.refuse(start, end, hit.entry.entity.id, "number")

    def _bearers(
        self, doc: _Document, kept: list[Mention], unknown: dict[tuple[int, int], str]
    ) -> list[Mention]:
        """A person's one-word mention is the person last named in full with that surname before it: not
        tagged when that was someone the table does not hold or another of its people (``other-bearer``);
        a given name (John for Elton John) is tagged only where the document names its bearer in full
        (``given-name``)."""
        people = self._people(kept, doc.lang)
        named: dict[str, list[tuple[int, str | None]]] = {
            key: [(start, match.entity_id) for start, match in by_start.items()]
            for key, by_start in people.items()
        }
        in_full = {match.entity_id for by_start in people.values() for match in by_start.values()}
        for (start, end), kind in unknown.items():
            if kind == "person":
                for key in _surname_keys(doc.text[start:end].split()[-1], doc.lang):
                    named.setdefault(key, []).append((start, None))
        result = []
        for m in kept:
            if m.match.type != "person" or " " in m.text.strip():
                result.append(m)
                continue
            keys = _surname_keys(m.text, doc.lang) | {doc.key((m.start, m.end))}
            bearers = [(s, who) for key in keys for s, who in named.get(key, ())]
            before = [s for s, _ in bearers if s < m.start]
            # the person last named in full before; with none, the first named after (where the table's
            # person and an unknown one are noted at one place, the table's)
            at = max(before) if before else min((s for s, _ in bearers), default=None)
            last = {who for s, who in bearers if s == at}
            if len(last) > 1:
                last.discard(None)
            if last and last != {m.entity_id}:
                doc.refuse(m.start, m.end, m.entity_id, "other-bearer")
            elif not last and m.entity_id not in in_full and _given_name_alone(m, doc.lang):
                doc.refuse(m.start, m.end, m.entity_id, "given-name")
            else:
                result.append(m)
        return result

    def _trie_stage(self, doc: _Document) -> None:
        """Longest names of the table, left to right; names shared by several entities wait for stage 3."""
        free = 0
        for first in doc.anchors:
            if first[0] < free:
                continue
            best = self._listed_name(doc, first)
            end = best[0][-1][1] if best else first[1]
            longer = self._longer_name(doc, first, end) if doc.capital_after(end) else None
            if longer is not None:
                free = longer
            elif best is not None:
                free = best[0][-1][1]
                self._keep(doc, *best)

    def _listed_name(
        self, doc: _Document, first: tuple[int, int]
    ) -> tuple[list[tuple[int, int]], list[Hit]] | None:
        """The longest listed name (or case form) that starts at ``first``: its words and hits."""
        text, names, prefixes = doc.text, self._hits, self._prefixes
        key = _word_key(text[first[0] : first[1]])
        best: tuple[list[tuple[int, int]], list[Hit]] | None = None
        span = [first]
        while True:
            hits = names.get(key)
            if hits and hits[-1].method is Method.TRANSLATION:  # translations are filed after a key's names
                hits = [h for h in hits if h.method is not Method.TRANSLATION or h.entry.lang == doc.lang]
            if hits:
                if not text[first[0]].isupper() or any(h.acronym for h in hits):  # else every hit fits
                    words = [text[s:e] for s, e in span]
                    dotted = "." in text[span[0][0] : span[-1][1]]
                    hits = [h for h in hits if self._fits(h, words, dotted)]
                if hits:
                    best = (list(span), list(hits))
            if len(span) >= self.max_tokens or key not in prefixes:  # no longer name starts so
                return best
            following = doc.next_token(span[-1][1], inner=True)
            if following is None:
                return best
            key = f"{key} {_word_key(text[following[0] : following[1]])}"
            span.append(following)

    def _keep(self, doc: _Document, span: list[tuple[int, int]], hits: list[Hit]) -> None:
        """A listed name found in the text becomes a mention, unless a precision rule refuses it; a name
        shared by several entities waits for the document stage."""
        hits = self._best_hits(hits, doc.lang)
        start, end = span[0][0], span[-1][1]
        if len(span) == 1 and doc.word(span[0]).isdigit():
            if _model_number(doc.word(span[0])) and len({h.entry.entity.id for h in hits}) == 1:
                doc.numbers.append((span[0], _as_written(hits, doc.word(span[0]))))
            return  # a number alone: never (27), or once its entity is named otherwise (see Tagger._settle)
        if len(span) == 1 and not self._single_word_ok(doc, span[0], hits):
            return
        if len(span) == 1 and self._adjective_follows(doc, span[0]):
            return  # Mińsku Mazowieckim: the name of another, longer place
        if len(span) > 1 and self._common_phrase(doc, span):
            return
        if len({h.entry.entity.id for h in hits}) == 1:
            written = doc.text[start:end]
            self._mention(doc, start, end, self._match(_as_written(hits, written), written))
        else:
            doc.pending.append((span, hits))
            doc.cover(start, end)

    def _longer_name(self, doc: _Document, first: tuple[int, int], end: int) -> int | None:
        """A run of capitalised words from ``first`` that ends after ``end`` (where the exact stage's name
        ends; a capitalised word follows it) and that the resolver reads as one name, longest first: the
        whole inflected name wins over a shorter name inside it (Europejskiego Trybunału Sprawiedliwości,
        Angeli Merkel). Returns the end of the mention made, or None."""
        if not _starts_name(doc.word(first)):
            return None
        run, limit, counted = [first], self._run_limit(doc, first), 1
        while len(run) < self.max_tokens and counted < limit:
            following = doc.next_token(run[-1][1])
            if following is None or not _starts_name(doc.word(following)):
                break
            if not self._continues_run(doc, following):
                break
            run.append(following)
            counted += not _left_out(doc, following)
        if run[-1][1] <= end or self._function_word(doc, first):
            return None
        if not self._plausible(doc.word(first), doc.lang):
            return None
        for size in range(len(run), 1, -1):
            stop = run[size - 1][1]
            if stop <= end:
                break
            if not self._last_plausible(doc, run[size - 1]):
                continue
            if not doc.spend_read():
                return None
            match = self._resolve(doc.text[first[0] : stop], doc.lang, near=False)
            if match is not None and match.method not in _NEAR and self._acceptable(match, size, doc, first):
                doc.mention(first[0], stop, match)
                return stop
        return None

    def _resolver_stage(self, doc: _Document) -> None:
        """Runs of capitalised words the trie left, resolved like names (longest first)."""
        free = 0
        for k, first in enumerate(doc.anchors):
            if first[0] < free or doc.covered[k] or not _starts_name(doc.word(first)):
                continue  # a word in lower case is a name only as the table writes it (the exact stage)
            if not self._plausible(doc.word(first), doc.lang) or self._function_word(doc, first):
                continue
            run, limit, counted = [first], self._run_limit(doc, first), 1
            for nxt in doc.anchors[k + 1 : k + self.max_tokens]:
                if counted >= limit or doc.next_token(run[-1][1]) != nxt or doc.is_covered(nxt[0]):
                    break
                if not self._continues_run(doc, nxt):
                    break
                run.append(nxt)
                counted += not _left_out(doc, nxt)
            for size in range(len(run), 0, -1):
                if size == 1 and (doc.common(first) or self._adjective_follows(doc, first)):
                    continue
                if not self._last_plausible(doc, run[size - 1]):
                    continue
                start, end = first[0], run[size - 1][1]
                # one word is never a phonetic or typo near miss (Maroney is not Maloney, Conaway not
                # Conway, pakistański not Pakistan): a similar single word is another name far more often
                # than a misspelling
                if not doc.spend_read():
                    return
                match = self._resolve(doc.text[start:end], doc.lang, near=size > 1)
                if match is not None and self._acceptable(match, size, doc, first):
                    self._mention(doc, start, end, match)
                    free = end
                    break

    def _document_stage(self, doc: _Document) -> None:
        """Surnames of people named in full earlier in the text, and names shared by several entities."""
        people = self._people(doc.found.values(), doc.lang)
        if not people:
            return
        for span, hits in doc.pending:
            keys = _surname_keys(doc.word(span[-1]), doc.lang) | {doc.key(span[-1])}
            ids = {
                m.entity_id for key in keys for start, m in people.get(key, {}).items() if start < span[0][0]
            }
            settled = [h for h in hits if h.entry.entity.id in ids]
            if len({h.entry.entity.id for h in settled}) == 1:
                start, end = span[0][0], span[-1][1]
                match = self._match(_as_written(settled, doc.text[start:end]), doc.text[start:end])
                self._mention(doc, start, end, dataclasses.replace(match, trail=(*match.trail, "document")))
        stems = {key[:4] for key in people}
        for k, token in enumerate(doc.anchors):
            if doc.covered[k] or doc.key(token)[:4] not in stems or doc.common(token):
                continue
            named = self._document_person(doc.word(token), token[0], people, doc.lang)
            if named is not None:
                fields = (
                    named.entity_id,
                    named.label,
                    named.type,
                    DOCUMENT_SURNAME_SCORE,
                    Method.SURNAME,
                    named.label,
                    LABEL_LANG,
                )
                self._mention(doc, *token, Match(*fields, doc.word(token), ("document",)))

    def _embedded(self, doc: _Document, mention: Mention) -> str | None:
        """A one-word place name that is part of a longer name the table does not list: after a qualifier
        (New Mexico, w Nowym Meksyku, Nuova Guinea); or, for a name the table marks as also a common word or
        a given name, at the start of a sentence or next to a capitalised word no mention covers (Kuba
        Wojewódzki, Michael Jordan). A title before it does not count (Prezydent Francji), nor, before it,
        a sentence's first word that is common (In Jordan)."""
        if mention.match.type != "place" or " " in mention.text or "-" in mention.text:
            return None
        text, lang = doc.text, doc.lang
        common = normalize(mention.match.matched) in self._common_names
        spaced = text[mention.start - 1 : mention.start] == " "  # a word right before, one space between
        before = _PREVIOUS.search(text, max(0, mention.start - 40), mention.start) if spaced else None
        if before is not None and not before.group(2):
            word = before.group(1)
            if word[:1].isupper() and _qualifier(word, lang):
                return "qualifier"
            if (
                common
                and word[:1].isupper()
                and not (doc.sentence_start(before.start()) and is_common(word, lang))
                and not _title_or_word(doc, before.start(), word)
            ):
                return "common-name"
        if not common:
            return None
        if doc.sentence_start(mention.start):
            return "common-name"
        following = doc.next_token(mention.end)
        if following is None or text[mention.end : following[0]] != " ":
            return None
        word = doc.word(following)
        alone = word[:1].isupper() and not _mentioned(doc, *following) and not is_title(word, lang)
        return "common-name" if alone else None

    @staticmethod
    def _mention(doc: _Document, start: int, end: int, match: Match) -> None:
        """Record a mention. A person named by one word (a surname) takes in an initial before it that
        fits the given name (D. Trumpa); a capitalised word before it that is neither a title nor a common
        word, or an initial that does not fit, is another person's given name: no mention (Raula Castro
        is not Fidel Castro). See also :func:`_plain_surname`."""
        if match.type == "person" and " " not in doc.text[start:end]:
            if match.method is Method.SURNAME and not _plain_surname(doc, start, end, match):
                doc.refuse(start, end, match.entity_id, "surname-reading")
                return
            if _CONNECTED.match(doc.text, end):
                doc.refuse(start, end, match.entity_id, "longer-name")
                return  # the first word of another name (la Croce di Costantino), not the person
            before = _PREVIOUS.search(doc.text, max(0, start - 40), start)
            if before is not None and before.group(1)[:1].isupper():
                word, dotted = before.group(1), bool(before.group(2))
                if len(word) == 1 and dotted:
                    if not _initial_fits(word, match):
                        doc.refuse(before.start(), end, match.entity_id, "initial")
                        return
                    start = before.start()
                elif not (dotted or len(word) == 1 or doc.sentence_start(before.start())) and not (
                    _title_or_word(doc, before.start(), word)
                ):
                    doc.refuse(start, end, match.entity_id, "longer-name")
                    _note_longer_name(doc, start, end)  # Raula Castro: another person
                    return
        doc.mention(start, end, match)

    @staticmethod
    def _fits(hit: Hit, span_words: list[str], dotted: bool) -> bool:
        """An acronym matches as an acronym: written in capitals (USA, U.S., G20), so that a common word
        (Polish po, Italian usa, English us) is not taken for one; a table that lists Usa or Ue has them as
        names of their own. A dotted acronym needs its dots (U.S., not US). A span starts with a capital
        unless the name does not."""
        if hit.acronym and not all(w.isupper() or w.isdigit() for w in span_words):  # S&P 500
            return False
        if hit.acronym and "." in hit.entry.name and not dotted:
            return False  # a dotted acronym (U.S.) matches dotted text; US must be listed to match
        if not hit.acronym and all(w.isupper() for w in span_words) and any(len(w) > 1 for w in span_words):
            return False  # a word in capitals is an acronym or a headline, not a name written otherwise
        return _starts_name(span_words[0]) or hit.lower_ok

    def _best_hits(self, hits: list[Hit], lang: str | None) -> list[Hit]:
        """The hits of names in the text's language (or labels), if any; of them, those of the best
        method; among names in several languages, those of the text's language. Entities that list the
        name under ``ambiguous`` fit alike (the best of them), as in :meth:`Matcher.resolve`: the name then
        waits for the document stage, which tags none of them."""
        if len(hits) == 1:
            return hits
        shared = [
            h
            for h in hits
            if h.entry.entity.ambiguous and normalize(h.entry.name) in h.entry.entity.ambiguous
        ]
        alias_holders = {h.entry.entity.id for h in shared}
        if len(alias_holders) > 1:
            lifted = max(h.score for h in shared)
            top = max(lifted, *(h.score for h in hits))
            if lifted == top:
                return [h for h in hits if h in shared or h.score == top]
        elif (
            alias_holders
            and lang is not None
            and not any(
                self.matcher.index.lists_in(h.entry.entity.id, h.entry.name, lang)
                for h in hits
                if h.entry.entity.id not in alias_holders
            )
        ):
            return hits  # a label shared silently holds in the table's language only (Matcher._label_here)
        else:
            own = [h for h in hits if h.entry.lang in (lang, LABEL_LANG)] if lang is not None else hits
            if own and len(own) < len(hits):
                hits = own  # the text's language's name over another language's spelling (Armenię, Armenië)
            top = max(h.score for h in hits)
        best = [h for h in hits if h.score == top]
        in_lang = [h for h in best if h.entry.lang in (lang, LABEL_LANG)]
        if lang is not None and in_lang and len({h.entry.entity.id for h in in_lang}) == 1:
            return in_lang
        return best

    def _match(self, hit: Hit, text: str) -> Match:
        """The match of a trie hit; made once per hit and text (matches are immutable and shared)."""
        key = (id(hit), text)  # the hit is kept with its match: its id cannot pass to another hit meanwhile
        found = self._matches.get(key)
        if found is not None and found[0] is hit:
            return found[1]
        entity = hit.entry.entity
        method, score, trail = hit.method, hit.score, hit.trail
        listed = method in (Method.EXACT, Method.ALIAS)
        if listed and "ą" in text and nasal_ending(clean(text).lower(), hit.entry.name):
            method, score, trail = Method.INFLECTION, INFLECTION_SCORE, NASAL_ENDING  # as resolve: Armenią
        match = Match(entity.id, entity.label, entity.type, score, method, hit.entry.name,
                      hit.entry.lang, text, trail)  # fmt: skip
        if len(self._matches) > _CACHE_SIZE:
            self._matches.clear()
        self._matches[key] = (hit, match)
        return match

    @staticmethod
    def _adjective_follows(doc: _Document, token: tuple[int, int]) -> bool:
        """A capitalised Polish adjective right after a one-word name makes a longer name the table does
        not list (Mińsk Mazowiecki): not the shorter name."""
        if doc.lang not in (None, "pl"):
            return False
        following = doc.next_token(token[1])
        if following is None or doc.text[token[1] : following[0]] != " ":
            return False
        word = doc.word(following)
        return word[:1].isupper() and bool(_ADJECTIVE.search(word.lower()))

    @staticmethod
    def _function_word(doc: _Document, token: tuple[int, int]) -> bool:
        """A common word (an article or preposition: La, A, In) starts no run the resolver reads as a name;
        an abbreviation with its dot does (W. Brytania)."""
        return is_common(doc.word(token), doc.lang) and doc.text[token[1] : token[1] + 1] != "."

    @staticmethod
    def _common_phrase(doc: _Document, span: list[tuple[int, int]]) -> bool:
        """A sentence that opens with a common word and goes on in lower case (Il popolo italiano, La
        discussione) uses the words, not the name a table lists that way."""
        words = [doc.word(token) for token in span]
        return (
            doc.sentence_start(span[0][0])
            and is_common(words[0], doc.lang)
            and not any(_starts_name(w) for w in words[1:])
        )

    @staticmethod
    def _single_word_ok(doc: _Document, token: tuple[int, int], hits: list[Hit]) -> bool:
        """A one-word name from the exact stage: never a sentence's first word that is a common word,
        unless it is an acronym of the table in capitals; a common word is a name only as the table lists
        it (Razem, the party), never as a generated case form or a surname alone (Mogą, Byli)."""
        word = doc.word(token)
        if len(word) > 1 and word.isupper() and any(h.acronym for h in hits):
            return True  # an acronym of the table in capitals, at a sentence start too (US stocks fell)
        if doc.common(token) and not any(h.lower_ok for h in hits):
            return False  # a name the table writes in lower case (brexit) is still a name at a sentence start
        if not is_common(word, doc.lang):
            return True
        if doc.sentence_start(token[0]):
            return False
        # as listed; or a country's acronym in capitals that the world gazetteer lists (US, not us)
        return all(h.method in (Method.EXACT, Method.ALIAS) or (h.acronym and word.isupper()) for h in hits)

    @staticmethod
    def _acceptable(match: Match, size: int, doc: _Document, first: tuple[int, int]) -> bool:
        """What the resolver found for a span of ``size`` words is a mention. (One word is never read as a
        phonetic or typo near miss: the resolver stage asks for one by rules only.) A transliteration of one
        word needs three letters and no acronym (Gu is not Hu); a common word counts only as the table lists
        it; an acronym of the table matches only a word in capitals, with its dots."""
        text = doc.text[first[0] : first[1]]
        if size == 1 and text.isdigit():
            return False
        acronym = match.matched.isupper() and len(match.matched) > 1
        if acronym and (not text.isupper() or ("." in match.matched and "." not in text)):
            return False  # an acronym matches as written: in capitals, with its dots (U.S., not US)
        if size > 1:
            return True
        if len(text) > 1 and text.isupper() and not acronym:
            return False  # VAT is not Watt
        if is_common(text, doc.lang):
            return match.method in (Method.EXACT, Method.ALIAS) and not doc.sentence_start(first[0])
        if match.method is Method.TRANSLITERATION:
            return not acronym and len(text) > 2  # Gu is not Hu
        return True

    @staticmethod
    def _people(mentions: Any, lang: str | None) -> dict[str, dict[int, Match]]:
        """Surname keys (folded and transliterated) of people named with two or more words, by the offset
        where each was named: key -> {start: match}."""
        people: dict[str, dict[int, Match]] = {}
        for m in mentions:
            if m.match.type != "person" or len(m.text.split()) < 2:
                continue
            for key in _surname_keys(m.text.split()[-1], lang):
                people.setdefault(key, {})[m.start] = m.match
        return people

    @staticmethod
    def _document_person(
        word: str, start: int, people: dict[str, dict[int, Match]], lang: str | None
    ) -> Match | None:
        """The match of the person whose surname ``word`` is (in any case form or spelling), named in full
        before it."""
        named: dict[str, Match] = {}
        for variant in analyse(word, lang)[:16]:
            if not singular(variant):
                continue
            for key in {variant.key, translit_word(variant.text, lang or "en")}:
                named.update((m.entity_id, m) for s, m in people.get(key, {}).items() if s < start)
        return next(iter(named.values())) if len(named) == 1 else None


def _inside_longer_name(doc: _Document, mention: Mention) -> str | None:
    """A capitalised run is read as a whole: a table name joined (by a space or a hyphen) to a capitalised
    word no mention covers is part of a longer name the table does not hold (Hunter Biden, Macedonii
    Północnej, Banku Francji, Mercedes-Benz), unless that word is a title,
    a common word, a company designator or, after the name, a given name (Prezydent Francji Emmanuel
    Macron). The language's rule file may say more: where nested names stand in a case of their own
    (``nested_cases``) and which words after a name continue it (``adjective_endings``). A person named in
    full stands on its own. The longer name is noted as unknown."""
    if (mention.match.type == "person" and " " in mention.text.strip()) or not _starts_name(mention.text):
        return None  # a full name stands on its own; a name written in lower case (brexit) starts no run
    text = doc.text
    person = mention.match.type == "person"
    start, end = mention.start, mention.end
    before, after = doc.joined_before(start), doc.joined_after(end)
    joined = before is not None and _joins(doc, *before, False, mention)
    joined = joined or _hyphen_compound(doc, start)
    if joined and not person and text[start - 1] not in _HYPHENS:
        joined = _nested_form(mention, doc.lang)
    if not joined and after is not None:
        joined = _joins(doc, *after, True, mention)
        if joined and not person and text[end] not in _HYPHENS:
            joined = (
                _continues(doc.word(after), doc.lang)
                or (text[after[1] : after[1] + 1] == "." and doc.abbreviation(after[1]))
            ) and not _modifies_head(doc, end)  # an abbreviated word continues it too (Macedonii Płn.)
    if not joined:
        return None
    _note_longer_name(doc, mention.start, mention.end)
    return "longer-name"


def _note_longer_name(doc: _Document, start: int, end: int) -> None:
    """Note the capitalised run around a refused name as a name the table does not hold: a person's when
    it has two or three words and starts with a given name (Ana Paula Silva)."""
    start, end = _capitalised_run(doc, start, end)
    words = doc.text[start:end].split()
    person = 1 < len(words) <= 3 and is_given_name(words[0], doc.lang)
    doc.unknown[(start, end)] = "person" if person else "name"


def _joins(doc: _Document, start: int, end: int, ahead: bool, mention: Mention) -> bool:
    """The word at ``start``-``end``, next to ``mention`` (``ahead``: after it), may make a longer name
    with it. A word another mention covers does not, unless both are one-word names of two people (Ewa
    Brown read as two people's names is one person the table lacks)."""
    word = doc.text[start:end]
    if not word[:1].isupper() or (len(word) > 1 and word.isupper() and _spaced(doc.text, start, end)):
        return False  # an acronym next to a name is a name of its own (ONZ Guterres), unless hyphened
    neighbours = doc.over(start, end)
    if neighbours:
        return mention.match.type == "person" and any(
            m.match.type == "person" and m.entity_id != mention.entity_id and " " not in m.text.strip()
            for m in neighbours
        )
    if is_common(word, doc.lang) or is_designator(word, None) or _title(word, doc.lang):
        return False
    if ahead:
        return not is_given_name(word, doc.lang)  # the given name of a person named next (USA Donald Trump)
    if doc.sentence_start(start):
        return is_given_name(word, doc.lang)  # any other word starts a sentence capitalised
    # before a person's surname, a word the text also writes in lower case is a common one (Pana Darcy'ego)
    return mention.match.type != "person" or not doc.common_anywhere(word)


def _hyphen_compound(doc: _Document, start: int) -> bool:
    """The word at ``start`` ends a hyphened compound with a capitalised word no mention covers, across
    particles in lower case (Zia-ul-Haq: not Haq), at most four words back."""
    text = doc.text
    for _ in range(4):
        if text[start - 1 : start] not in _HYPHENS:
            return False
        before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            return False
        start = before.start(1)
        word = before.group(1)
        if word[:1].isupper():
            return not _mentioned(doc, start, before.end(1)) and start != before.end(1)
    return False


def _given_name_alone(mention: Mention, lang: str | None) -> bool:
    """A one-word mention of a person is a given name that the table does not list for them on its own:
    found as a surname or by spelling (John for Elton John, Anna for Ania), or the first word of their
    label listed alone (Ewa for Ewa Kopacz). A name a person is known by alone (Franciszek, the
    pope) is tagged."""
    match = mention.match
    if not is_given_name(mention.text, lang):
        return False
    if match.method in _READ_AS_NAME:
        return True
    label = normalize(match.label).split()
    return len(label) > 1 and normalize(match.matched) == label[0]


def _left_out(doc: _Document, token: tuple[int, int]) -> bool:
    """A word the resolver leaves out of a name (an initial, a company designator): it does not count
    towards the words of the name a run may be (Donald J. Trump is Donald Trump)."""
    word = doc.word(token)
    return len(word) == 1 or is_designator(word, None)


def _maker_named(index: Index, entity_id: str, number: str, written: set[str]) -> bool:
    """``index`` lists, for the entity ``entity_id``, a name made of a mention of the text (``written``,
    normalised) and ``number``: the maker of a model (Boeing 737, when the text names Boeing). Read from the
    index, so that a compiled table answers alike.

    ```pycon
    >>> from namenorm.types import Entity, Name
    >>> jet = Index.build([Entity("b737", "product", "Boeing 737", (Name("Boeing 737", "en"),))])
    >>> _maker_named(jet, "b737", "737", {"boeing"}), _maker_named(jet, "b737", "737", {"airbus"})
    (True, False)

    ```
    """
    return any(e.entity.id == entity_id for maker in written for e in index.lookup(f"{maker} {number}"))


def _model_number(word: str) -> bool:
    """A number that can name a model on its own: three digits or more, not a year (787, not 27 or 2018).

    ```pycon
    >>> [_model_number(w) for w in ("787", "27", "2018", "1999", "4004")]
    [True, False, False, False, True]

    ```
    """
    return len(word) >= 3 and not (len(word) == 4 and word[:2] in ("19", "20"))


def _spaced(text: str, start: int, end: int) -> bool:
    """The word at ``start``-``end`` is separated from its neighbour by a space, not a hyphen."""
    return text[start - 1 : start] not in _HYPHENS and text[end : end + 1] not in _HYPHENS


def _nested_form(mention: Mention, lang: str | None) -> bool:
    """The mention may be nested in a longer name whose head comes before it: the language nests names
    after the head (``nested_after_head``), and the mention stands in a case nested names take there
    (``nested_cases``; any case when the language gives none): Banku Francji, not Zdaniem Orbána Węgry."""
    rules = load_rules(lang) if lang in RULE_LANGS else None
    if rules is None or not rules.nested_after_head:
        return False  # a capitalised word before a name is its modifier (Japanese Toyota)
    if not rules.nested_cases or mention.match.method in _READ_AS_NAME:
        return True  # a word read by its spelling is in no case of the name
    cases = rules.nested_cases
    forms = case_forms(mention.match.matched, lang=lang or "pl", kind=mention.match.type)
    written = normalize(mention.text)
    return any(normalize(form) == written for case in cases for form in forms.get(case, ()))  # type: ignore[call-overload]


def _modifies_head(doc: _Document, end: int) -> bool:
    """The capitalised words after a name ending at ``end`` reach, within four words, an English head word
    or a title: the name is the modifier of a longer name (Garuda Indonesia Flight 200, Boeing Executive
    Vice President), not a part of one."""
    words = _capitalised_after(doc.text, end, 4, hyphens=False)
    return any(is_head_word(word) or _title(word, doc.lang) for word, _ in words)


def _continues(word: str, lang: str | None) -> bool:
    """``word``, capitalised after a name, continues it: any word, or where the language lists
    ``adjective_endings``, one that ends as an adjective (Północnej; not Macron)."""
    endings = load_rules(lang).adjective_endings if lang in RULE_LANGS else frozenset()
    return not endings or word.lower().endswith(tuple(endings))


def _capitalised_run(doc: _Document, start: int, end: int) -> tuple[int, int]:
    """The run of capitalised words joined by spaces or hyphens around ``start``-``end`` (at most eight
    words, so that a wall of capitals costs a constant per mention)."""
    text = doc.text
    for _ in range(8):
        before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
        if before is None or not before.group(1)[:1].isupper() or _mentioned(doc, *before.span(1)):
            break
        if doc.sentence_start(before.start(1)) and not is_given_name(before.group(1), doc.lang):
            break  # a sentence's first word is capitalised anyway
        if len(before.group(1)) > 1 and before.group(1).isupper() and _spaced(text, *before.span(1)):
            break  # an acronym is a name of its own (ONZ António Guterres)
        start = before.start(1)
    return start, max((stop for _, stop in _capitalised_after(text, end, 8)), default=end)


def _capitalised_after(text: str, end: int, most: int, hyphens: bool = True) -> Iterator[tuple[str, int]]:
    """The capitalised words joined one after another to offset ``end`` by a space (or, with ``hyphens``,
    a hyphen), at most ``most`` of them: each word and where it ends."""
    for _ in range(most):
        after = _JOINED_AFTER.match(text, end)
        if after is None or not after.group(1)[:1].isupper() or (not hyphens and text[end] in _HYPHENS):
            return
        end = after.end(1)
        yield after.group(1), end


def _people_by_run(doc: _Document, kept: list[Mention], unknown: dict[tuple[int, int], str]) -> None:
    """Note in ``unknown`` the people named in full that no mention covers: a capitalised given name and
    the capitalised word after it (Ewa Kowalska), for :meth:`Tagger._bearers`."""
    kept_ids = {id(m) for m in kept}  # the mentions kept (found by bisection among all of them)
    text, prefixes, anchors = doc.text, _given_prefixes(), doc.anchors
    for k in range(len(anchors) - 1):
        (start, end), surname = anchors[k], anchors[k + 1]
        if surname[0] != end + 1 or text[end] != " " or not text[surname[0]].isupper():
            continue  # the common case, tested first: no capitalised word right after
        word = text[start:end]
        if not word[:1].isupper() or fold(word)[:3] not in prefixes or not is_given_name(word, doc.lang):
            continue
        if is_given_name(doc.word(surname), doc.lang) or is_common(doc.word(surname), doc.lang):
            continue
        if any(id(m) in kept_ids for m in doc.over(start, surname[1])):
            continue
        unknown.setdefault((start, surname[1]), "person")


@cache
def _given_prefixes() -> frozenset[str]:
    """The first three letters of every given name of the rule files (a cheap filter before the analyser)."""
    return frozenset(fold(name)[:3] for lang in RULE_LANGS for name in load_rules(lang).given_names)


def _title(word: str, lang: str | None) -> bool:
    """``word``, in any case form, is a title (Papieża, Prezydenta)."""
    return any(is_title(v.text, None) for v in analyse(word, lang)[:16])


def _mentioned(doc: _Document, start: int, end: int) -> bool:
    """A mention overlaps ``start``-``end``."""
    return bool(doc.over(start, end))


def _currency(char: str) -> bool:
    return bool(char) and unicodedata.category(char) == "Sc"


def _designated(text: str, start: int) -> bool:
    """The word before ``start`` is a company designator of a rule file (Corp, Inc, Ltd, S.p.A.)."""
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    if before is None:
        return False
    return is_designator(before.group(1) + before.group(2), None)


def _plain_surname(doc: _Document, start: int, end: int, match: Match) -> bool:
    """A surname alone has three letters or more (Y is nobody's surname), and at a sentence start it is
    one as listed or generated, not a reading of the ending rules (Rośnie is a verb, not Rosen)."""
    if end - start < 3:
        return False
    read = any(not (t.startswith("generated:") or t in ("surname", "document")) for t in match.trail)
    return not (read and doc.sentence_start(start))


def _as_written(hits: list[Hit], written: str) -> Hit:
    """The hit of one entity to report: the name listed exactly as the text writes it (U.S., not US), else
    the first listed name in order, whatever order the hits were stored in."""
    if len(hits) == 1:
        return hits[0]
    return min(hits, key=lambda h: (h.entry.name != written, h.entry.name, h.entry.lang, h.method.value))


def _ends_with_dot(name: str, written: str) -> bool:
    """The listed name ends with the same abbreviation, dot included, as the text (Płn. for Płn.; not
    Dc. for D.C.)."""
    return (
        name.endswith(".")
        and name.rsplit(maxsplit=1)[-1].casefold() == written.rsplit(maxsplit=1)[-1].casefold()
    )


def _title_or_word(doc: _Document, start: int, word: str) -> bool:
    """The capitalised word before a surname does not name another person: it is a title in any case
    form (Papieża Franciszka, Pana Darcy'ego), a common word, part of a mention, or written in lower case
    elsewhere in the text."""
    if doc.is_covered(start) or is_common(word, doc.lang) or doc.common_anywhere(word):
        return True
    return (len(word) > 1 and word.isupper()) or _title(word, doc.lang)  # an acronym: ONZ Guterres


def _qualifier(word: str, lang: str | None) -> bool:
    """``word``, in any case form, is a qualifier of place names (Nowym: nowy)."""
    return is_qualifier(word, lang) or any(is_qualifier(v.text, lang) for v in analyse(word, lang)[1:16])


def _initial_fits(initial: str, match: Match) -> bool:
    """An initial is the first letter of the person's given name, in the label or the name matched
    (W. for Władimir as for Vladimir: v and w count as one letter)."""
    letters = {fold(name)[:1].replace("w", "v") for name in (match.label, match.matched)}
    return fold(initial).replace("w", "v") in letters


@lru_cache(maxsize=1 << 14)
def _surname_keys(word: str, lang: str | None) -> frozenset[str]:
    """Folded and transliterated keys of the base forms of a surname as written in the text."""
    variants = analyse(clean(word), lang)[:8]
    return frozenset(k for v in variants for k in (v.key, translit_word(v.text, lang or "en")))


def clear_caches() -> None:
    """Forget the clitics, surname keys, word keys and first-word keys remembered."""
    for memo in (_clitics, _surname_keys, _word_key, _given_prefixes, first_keys):
        memo.cache_clear()
