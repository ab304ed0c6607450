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
>>> from namenorm.resolver import default_resolver
>>> tagger = Tagger(default_resolver())
>>> [(m.text, m.entity_id) for m in tagger.find("Washington's envoy met Khovaev in Istanbul.", "en")]
[('Washington', 'washington'), ('Khovaev', 'igor-khovaev'), ('Istanbul', 'istanbul')]

```
"""

from __future__ import annotations

__all__ = ["Tagger", "tokens"]

import bisect
import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from .index import LABEL_LANG, Entry
from .inflection import CASES, inflect
from .langs import RULE_LANGS
from .morph import analyse
from .normalize import clean, fold, normalize
from .ruleset import load_rules
from .transliterate import translit_word
from .types import Match, Mention, Method

if TYPE_CHECKING:
    from .resolver import Resolver

_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}]+)*['’]?")
_ANCHOR = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:(?:\p{Lu}\.){2,}|[\p{Lu}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}]+)*['’]?)"
)
_GAP = regex.compile(r"^(?:[ \t\u00a0]*[-‐‑–][ \t\u00a0]*|[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*|\.)$")
_SENTENCE_BREAK = regex.compile(r"(?:[.!?…:;]|\n\s*\n|^)[\s\"'„“”«»()\[\]*•\-–—]*$")
_CACHE_SIZE = 1 << 14
_word_key = lru_cache(maxsize=1 << 17)(normalize)
HIT = ""
"""Key under which a trie node keeps its hits (tokens are never empty)."""


@dataclass(frozen=True, slots=True)
class _Hit:
    entry: Entry
    method: Method
    score: float
    trail: tuple[str, ...]
    acronym: bool  # written in capitals in the table: the text must be too (USA, not usa)
    lower_ok: bool  # written in lower case in the table: may start a span in lower case


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
    return start, end


def tokens(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Word spans (start, end) of ``text``, with elided articles and possessives trimmed off.

    ```pycon
    >>> text = "dell'Azerbaigian e Washington's"
    >>> [text[s:e] for s, e in tokens(text, "it")], [text[s:e] for s, e in tokens(text, "en")][-1]
    (['Azerbaigian', 'e', "Washington's"], 'Washington')

    ```
    """
    spans = [_trim(text, *m.span(), lang) for m in _TOKEN.finditer(text)]
    return [span for span in spans if span[0] < span[1]]


def _starts_name(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


class _Document:
    """One text being tagged. Only capitalised words (and the first words of names the table writes in
    lower case) are found up front; the words after them are read on demand while a name continues."""

    def __init__(self, text: str, lang: str | None, lower_starts: regex.Pattern[str] | None) -> None:
        self.text, self.lang = text, lang
        anchors = [m.span() for m in _ANCHOR.finditer(text)]
        if "'" in text or "’" in text or "ʼ" in text:  # only words with an apostrophe can carry a clitic
            anchors = [_trim(text, s, e, lang) for s, e in anchors]
        if lower_starts is not None:
            anchors += [m.span() for m in lower_starts.finditer(text)]
            anchors.sort()
        self.anchors = [a for a in anchors if a[0] < a[1]]
        self.starts = [a[0] for a in self.anchors]
        self.covered = [False] * len(self.anchors)
        self.found: dict[int, Mention] = {}
        self.pending: list[tuple[list[tuple[int, int]], list[_Hit]]] = []
        self._next: dict[int, tuple[int, int] | None] = {}
        self._lower: dict[str, bool] = {}

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def key(self, span: tuple[int, int]) -> str:
        return _word_key(self.text[span[0] : span[1]])

    def next_token(self, end: int) -> tuple[int, int] | None:
        """The word after offset ``end`` when only spaces, a hyphen or a dot separate them."""
        if end not in self._next:
            found = None
            m = _TOKEN.search(self.text, end)
            if m is not None:
                gap = self.text[end : m.start()]
                if gap == " " or _GAP.match(gap):
                    span = _trim(self.text, *m.span(), self.lang)
                    found = span if span[0] < span[1] else None
            self._next[end] = found
        return self._next[end]

    def sentence_start(self, start: int) -> bool:
        """Nothing but spaces, quotes or brackets between the end of a sentence (or paragraph) and here."""
        text = self.text
        if start >= 2 and text[start - 1] == " " and (text[start - 2].isalnum() or text[start - 2] == ","):
            return False  # the common case: a word in the middle of a sentence
        return not start or bool(_SENTENCE_BREAK.search(text[max(0, start - 12) : start]))

    def common(self, span: tuple[int, int]) -> bool:
        """A sentence's first word that the text also writes in lower case: a common word, not a name."""
        if not self.sentence_start(span[0]):
            return False
        lower = self.word(span).lower()
        if lower not in self._lower:
            self._lower[lower] = self._occurs(lower)
        return self._lower[lower]

    def _occurs(self, word: str) -> bool:
        """``word`` stands on its own somewhere in the text (plain substring search, then the edges)."""
        text, at = self.text, self.text.find(word)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + len(word)] if at + len(word) < len(text) else " "
            if not (before.isalnum() or after.isalnum()):
                return True
            at = text.find(word, at + 1)
        return False

    def is_covered(self, start: int) -> bool:
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] == start and self.covered[k]

    def cover(self, start: int, end: int) -> None:
        for k in range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)):
            self.covered[k] = True

    def mention(self, start: int, end: int, match: Match) -> None:
        self.found[start] = Mention(start, end, self.text[start:end], match.entity_id, match)
        self.cover(start, end)


class Tagger:
    """Finds the mentions of one resolver's table in text. Build once per table; thread-safe for reading
    except for its small result cache."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.root: dict[str, Any] = {}
        self.max_tokens = 1
        self._lower_firsts: set[str] = set()
        fold_prefixes: set[str] = set()
        for entity in resolver.table.entities:
            names = [(entity.label, LABEL_LANG), *((n.text, n.lang) for n in entity.names)]
            label_key = normalize(entity.label)
            for text, lang in names:
                key = normalize(text)
                exact = key == label_key
                entry = Entry(entity, text, lang, exact)
                flags = (text.isupper() and len(text) > 1, text[:1].islower())
                method, score = (Method.EXACT, 1.0) if exact else (Method.ALIAS, 0.99)
                self._add(key, _Hit(entry, method, score, (), *flags), text)
                words = key.split()
                fold_prefixes.update(w[:4] for w in words)
                person = entity.type == "person" and len(words) >= 2
                if person:
                    surname = text.split()[-1]
                    self._add(words[-1], _Hit(entry, Method.SURNAME, 0.85, ("surname",), False, False))
                generation = load_rules(lang).generation if lang != LABEL_LANG else None
                if generation is None or generation.indeclinable or flags[0]:
                    continue
                for case in CASES[1:]:
                    form = inflect(text, case, lang=lang, animate=entity.type == "person")
                    trail = (f"generated:{case}",)
                    self._add(
                        normalize(form), _Hit(entry, Method.INFLECTION, 0.9, trail, False, flags[1]), form
                    )
                    if person:
                        last = normalize(form.split()[-1])
                        if last != normalize(surname):
                            self._add(
                                last, _Hit(entry, Method.SURNAME, 0.8, (*trail, "surname"), False, False)
                            )
        starters = "|".join(map(regex.escape, sorted(self._lower_firsts, key=len, reverse=True)))
        edge = r"(?![\p{L}\p{M}\p{N}])"
        self._lower_starts = (
            regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{starters}){edge}") if starters else None
        )
        self._fold_prefixes = frozenset(fold_prefixes)
        self._translit_prefixes = frozenset(t[:3] for t in resolver.phonetic.tokens)
        self._cache: OrderedDict[tuple[str, str | None], Match | None] = OrderedDict()
        self._plausible_cache: dict[tuple[str, str | None], bool] = {}
        self._matches: dict[tuple[int, str], Match] = {}

    def _add(self, key: str, hit: _Hit, surface: str = "") -> None:
        words = key.split()
        if not words:
            return
        node = self.root
        for word in words:
            node = node.setdefault(word, {})
        first = _TOKEN.match(surface)
        if hit.lower_ok and first is not None:
            self._lower_firsts.add(first.group())
        hits: list[_Hit] = node.setdefault(HIT, [])
        if not any(h.entry.entity.id == hit.entry.entity.id and h.method == hit.method for h in hits):
            hits.append(hit)
        self.max_tokens = max(self.max_tokens, len(words))

    def _resolve(self, span: str, lang: str | None) -> Match | None:
        key = (span, lang)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        match = self.resolver.resolve(span, lang)
        self._cache[key] = match
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return match

    def _plausible(self, word: str, lang: str | None) -> bool:
        """Cheap filter before the resolver: the word shares a folded or transliterated prefix with a name."""
        known = self._plausible_cache.get((word, lang))
        if known is None:
            cleaned = clean(word)
            known = fold(cleaned)[:4] in self._fold_prefixes or (
                translit_word(cleaned, lang or "en")[:3] in self._translit_prefixes
            )
            if len(self._plausible_cache) > _CACHE_SIZE:
                self._plausible_cache.clear()
            self._plausible_cache[(word, lang)] = known
        return known

    def find(self, text: str, lang: str | None = None) -> list[Mention]:
        """Mentions of table entities in ``text``, in order of appearance."""
        doc = _Document(text, lang, self._lower_starts)
        self._trie_stage(doc)
        self._resolver_stage(doc)
        self._document_stage(doc)
        return [doc.found[k] for k in sorted(doc.found)]

    def _trie_stage(self, doc: _Document) -> None:
        """Longest names of the trie, left to right; names shared by several entities wait for stage 3."""
        root, text, free = self.root, doc.text, 0
        firsts = [
            (a, node) for a in doc.anchors if (node := root.get(_word_key(text[a[0] : a[1]]))) is not None
        ]
        for first, node in firsts:
            if first[0] < free:
                continue
            best: tuple[list[tuple[int, int]], list[_Hit]] | None = None
            span = [first]
            while True:
                hits = node.get(HIT)
                if hits:
                    if not text[first[0]].isupper() or any(h.acronym for h in hits):  # else every hit fits
                        words = [text[s:e] for s, e in span]
                        hits = [h for h in hits if self._fits(h, words)]
                    if hits:
                        best = (list(span), hits)
                longer = len(node) > (HIT in node) and len(span) < self.max_tokens  # a longer name may follow
                following = doc.next_token(span[-1][1]) if longer else None
                child = None if following is None else node.get(_word_key(text[following[0] : following[1]]))
                if child is None:
                    break
                node = child
                span.append(following)  # type: ignore[arg-type]
            if best is None:
                continue
            span, hits = best
            hits = self._best_hits(hits, doc.lang)
            start, end = span[0][0], span[-1][1]
            free = end
            if len(span) == 1 and doc.common(span[0]):
                continue
            if len({h.entry.entity.id for h in hits}) == 1:
                doc.mention(start, end, self._match(hits[0], text[start:end]))
            else:
                doc.pending.append((span, hits))
                doc.cover(start, end)

    def _resolver_stage(self, doc: _Document) -> None:
        """Runs of capitalised words the trie left, resolved like names (longest first)."""
        free = 0
        for k, first in enumerate(doc.anchors):
            if first[0] < free or doc.covered[k] or not self._plausible(doc.word(first), doc.lang):
                continue
            run = [first]
            for nxt in doc.anchors[k + 1 : k + self.max_tokens]:
                if doc.next_token(run[-1][1]) != nxt or doc.is_covered(nxt[0]):
                    break
                run.append(nxt)
            for size in range(len(run), 0, -1):
                if size == 1 and doc.common(first):
                    continue
                start, end = first[0], run[size - 1][1]
                match = self._resolve(doc.text[start:end], doc.lang)
                if match is not None and self._acceptable(match, size, doc, first):
                    doc.mention(start, end, match)
                    free = end
                    break

    def _document_stage(self, doc: _Document) -> None:
        """Surnames of people named in full earlier in the text, and names shared by several entities."""
        people = self._people(doc.found.values(), doc.lang)
        if not people:
            return
        for span, hits in doc.pending:
            keys = _surname_keys(doc.word(span[-1]), doc.lang) | {doc.key(span[-1])}
            ids = {e for key in keys for start, e in people.get(key, {}).items() if start < span[0][0]}
            settled = [h for h in hits if h.entry.entity.id in ids]
            if len({h.entry.entity.id for h in settled}) == 1:
                start, end = span[0][0], span[-1][1]
                match = self._match(settled[0], doc.text[start:end])
                doc.mention(start, end, dataclasses.replace(match, trail=(*match.trail, "document")))
        stems = {key[:4] for key in people}
        for k, token in enumerate(doc.anchors):
            if doc.covered[k] or doc.key(token)[:4] not in stems or doc.common(token):
                continue
            entry = self._document_person(doc.word(token), token[0], people, doc.lang)
            if entry is not None:
                entity = entry.entity
                fields = (entity.id, entity.label, entity.type, 0.8, Method.SURNAME, entry.name, entry.lang)
                doc.mention(*token, Match(*fields, doc.word(token), ("document",)))

    @staticmethod
    def _fits(hit: _Hit, span_words: list[str]) -> bool:
        """An acronym's words must start with a capital (USA, Usa, U.S.; Italian press writes Usa and Ue), so
        that a common word (Italian usa, English us) is not taken for one; a span starts with a capital unless
        the name does not."""
        if hit.acronym and not all(_starts_name(w) for w in span_words):
            return False
        return _starts_name(span_words[0]) or hit.lower_ok

    @staticmethod
    def _best_hits(hits: list[_Hit], lang: str | None) -> list[_Hit]:
        """The hits of the best method; among names in several languages, those of the text's language."""
        if len(hits) == 1:
            return hits
        top = max(h.score for h in hits)
        best = [h for h in hits if h.score == top]
        in_lang = [h for h in best if h.entry.lang in (lang, LABEL_LANG)]
        if lang is not None and in_lang and len({h.entry.entity.id for h in in_lang}) == 1:
            return in_lang
        return best

    def _match(self, hit: _Hit, text: str) -> Match:
        """The match of a trie hit; made once per hit and text (matches are immutable and shared)."""
        key = (id(hit), text)
        match = self._matches.get(key)
        if match is None:
            entity = hit.entry.entity
            match = Match(entity.id, entity.label, entity.type, hit.score, hit.method, hit.entry.name,
                          hit.entry.lang, text, hit.trail)  # fmt: skip
            if len(self._matches) > _CACHE_SIZE:
                self._matches.clear()
            self._matches[key] = match
        return match

    @staticmethod
    def _acceptable(match: Match, size: int, doc: _Document, first: tuple[int, int]) -> bool:
        """Near misses (phonetic, typo) of one word need a long word that does not start a sentence."""
        if match.method not in (Method.PHONETIC, Method.FUZZY) or size > 1:
            return True
        return not doc.sentence_start(first[0]) and first[1] - first[0] >= 7

    def _people(self, mentions: Any, lang: str | None) -> dict[str, dict[int, str]]:
        """Surname keys (folded and transliterated) of people named with two or more words, by the offset
        where each was named: key -> {start: entity id}."""
        people: dict[str, dict[int, str]] = {}
        for m in mentions:
            if m.match.type != "person" or len(m.text.split()) < 2:
                continue
            for key in _surname_keys(m.text.split()[-1], lang):
                people.setdefault(key, {})[m.start] = m.entity_id
        return people

    def _document_person(
        self, word: str, start: int, people: dict[str, dict[int, str]], lang: str | None
    ) -> Entry | None:
        """The person whose surname ``word`` is (in any case form or spelling), named in full before it."""
        if not people:
            return None
        ids: set[str] = set()
        for variant in analyse(word, lang)[:16]:
            for key in {variant.key, translit_word(variant.text, lang or "en")}:
                ids.update(e for s, e in people.get(key, {}).items() if s < start)
        if len(ids) != 1:
            return None
        entity = self.resolver.table.get(ids.pop())
        return None if entity is None else Entry(entity, entity.label, LABEL_LANG, True)


@lru_cache(maxsize=1 << 14)
def _surname_keys(word: str, lang: str | None) -> frozenset[str]:
    """Folded and transliterated keys of the base forms of a surname as written in the text."""
    variants = analyse(clean(word), lang)[:8]
    return frozenset(k for v in variants for k in (v.key, translit_word(v.text, lang or "en")))
