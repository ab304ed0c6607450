"""Resolve one name against a table's indexes: query -> normalise -> readings by language rules -> index
lookup, then transliteration keys, then near misses (phonetic, typos) -> score -> Match, or None when two
entities tie.

The matcher knows indexes, not tables or files: :class:`~namenorm.resolver.Resolver` builds or loads them
and hands them over, and the tagger asks the matcher for the runs of words it cannot settle itself.

```pycon
>>> from namenorm.table import load_table
>>> from namenorm.resolver import bundled_table_path
>>> matcher = Matcher(build_indexes(load_table(bundled_table_path())))
>>> matcher.resolve("Igorem Chowajewem", lang="pl").entity_id
'igor-khovaev'

```
"""

from __future__ import annotations

__all__ = [
    "MAX_QUERY_CHARS",
    "NEAR_MISS_MARGIN",
    "TIE_MARGIN",
    "Indexes",
    "Matcher",
    "build_indexes",
    "decide",
]

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import regex

from .arguments import check_lang
from .commonwords import is_common, is_designator
from .consonants import same_consonants
from .errors import QueryError
from .fuzzy import DeletionIndex
from .index import LABEL_LANG, Entry, Index
from .keys import file_meanings, file_names, file_spellings
from .langs import RULE_LANGS
from .morph import Analyser, Variant, as_written, singular, word_bases
from .normalize import fold, normalize
from .orgwords import meaning_key, meaning_prefixes
from .phonetic import PhoneticIndex
from .scores import (
    ALIAS_SCORE,
    EXACT_SCORE,
    FUZZY_FACTOR,
    INFLECTION_SCORE,
    OTHER_LANGUAGE_FACTOR,
    PHONETIC_SCORE,
    SURNAME_SCORE,
    TRANSLATION_FACTOR,
    TRANSLIT_SCORE,
)
from .table import MAX_NAME_CHARS, AliasTable
from .transliterate import (
    LATIN_READINGS,
    convention_for,
    is_latin,
    translit_key,
    translit_word,
    word_keyer,
)
from .types import Explanation, Match, Method

Indexes = tuple[Index, DeletionIndex, PhoneticIndex]
"""A table's name index, typo (deletion) index and phonetic index."""
Translate = Callable[[str, "str | None", Index], Sequence[tuple[Entry, Match]]]
"""Where else to look for a name no rule finds: (query, language, the table's index) -> the table entries
that name what the query names, each with the match that says so (:mod:`namenorm.gazetteer`)."""

MAX_QUERY_CHARS = MAX_NAME_CHARS
"""Longer queries are not names (a table holds none so long): they resolve to nothing (use
:meth:`namenorm.Resolver.find` for running text)."""
TIE_MARGIN = 0.005
"""Two entities whose best scores differ by less than this fit equally well: ``resolve`` returns None."""
NEAR_MISS_MARGIN = 0.05
"""For a name found only as a near miss (phonetic or typo), the runner-up must be this far behind: a
misspelt name that is almost as close to another entity is reported as ambiguous, not guessed."""
INFLECTED_PHONETIC_SIMILARITY = 0.9
"""An inflected reading of the query (a guess of the analyser) must be this similar to match phonetically:
a wrong base form is often close to another name (Kowalska read as Kowalsk, near Kowalski)."""
FUZZY_VARIANTS = 16
PHONETIC_VARIANTS = 8
"""How many of a query's most confident readings the phonetic step compares (each costs a block lookup)."""
"""How many of a query's most confident variants the typo step tries."""


class _Found:
    """The best match per entity while one query is resolved, and, for :meth:`Matcher.explain`, a log."""

    def __init__(
        self, query: str, log: list[str] | None = None, lang: str | None = None, index: Index | None = None
    ) -> None:
        self.query, self.log, self.lang, self.index = query, log, lang, index
        self.best: dict[str, Match] = {}
        self.shared: dict[str, str] = {}  # entity id -> the name it knowingly shares, when matched by it
        self.sharing: dict[str, frozenset[str]] = {}  # entity id -> every name it shares, when matched

    def note(self, line: str) -> None:
        if self.log is not None:
            self.log.append(line)

    def add(self, entry: Entry, score: float, method: Method, trail: tuple[str, ...]) -> None:
        score = round(score, 4)
        if self.log is not None:
            lang = "label" if entry.lang == LABEL_LANG else entry.lang
            rules = f" [{' + '.join(trail)}]" if trail else ""
            self.log.append(
                f"    {method.value} {entry.entity.id} via {entry.name!r} ({lang}), score {score:.3f}{rules}"
            )
        old = self.best.get(entry.entity.id)
        if entry.entity.ambiguous:
            self.sharing[entry.entity.id] = entry.entity.ambiguous
        if old is None or score > old.score:
            entity = entry.entity
            self.best[entity.id] = Match(
                entity.id, entity.label, entity.type, score, method, entry.name, entry.lang, self.query, trail
            )
            key = normalize(entry.name) if entity.ambiguous else ""
            if key in entity.ambiguous:
                self.shared[entity.id] = key
            else:
                self.shared.pop(entity.id, None)

    def _label_here(self, match: Match) -> bool:
        """The query is ``match``'s label as written (:func:`_as_written`) and, when the query's language is
        known, the entity lists that name in it too: the label's claim holds in the table's own language,
        not for a query read from another (a Polish Nord Stream against a Czech table)."""
        if not _as_written(match):
            return False
        if self.lang is None or self.index is None:
            return True
        return self.index.lists_in(match.entity_id, match.matched, self.lang)

    def ranked(self) -> list[Match]:
        """The matches best first. Entities matched by a name they list under ``ambiguous`` score alike
        (the best of them), so that the shared name resolves to none of them alone (Georgia)."""
        matches = self.best
        if self.sharing:
            by_key: dict[str, list[str]] = {}
            for entity_id, key in self.shared.items():
                by_key.setdefault(key, []).append(entity_id)
            # an entity whose label is the shared name ties with the others that list it (matched by it
            # or by another of their names), unless the query is that label as written (method exact):
            # Nord Stream 2 is the label's, Nord Streamu 2 neither's; Irlandii read as the Cyrillic label
            # of one entity and an alias of another is neither's
            for entity_id, match in matches.items():
                if entity_id in self.shared:
                    continue
                key = normalize(match.matched)
                others = [i for i, keys in self.sharing.items() if key in keys and i != entity_id]
                if others and not self._label_here(match):  # the index is read only where a name is shared
                    group = by_key.setdefault(key, [])
                    group += [i for i in (*others, entity_id) if i not in group]
            matches = dict(matches)
            for ids in by_key.values():
                if len(ids) > 1:
                    top = max(matches[i].score for i in ids)
                    for i in ids:
                        matches[i] = dataclasses.replace(matches[i], score=top)
        return sorted(matches.values(), key=lambda m: (-m.score, m.entity_id))


def _as_written(match: Match) -> bool:
    """The query is the matched name as written, but for case, punctuation and diacritics, in the same
    script (Nord Stream-2 for Nord Stream 2; not Nord Streamu 2, nor Irlandii for Ирландии)."""
    return match.method is Method.EXACT and is_latin(match.query) == is_latin(match.matched)


class Matcher:
    """Resolves names over one table's indexes. Thread-safe; each analyser remembers the words it read."""

    def __init__(
        self,
        indexes: Indexes,
        translate: Translate | None = None,
        place_id: Callable[[str, str | None], str | None] | None = None,
    ) -> None:
        """Match over ``indexes``; ``translate`` is asked for a name no rule finds (the world gazetteer);
        ``place_id`` gives the world place a name (as listed or inflected) is, which is never a person's
        by spelling (Dania, Denmark in Polish, is not Diana) and is a word of an organisation's name in any
        language (Banca del Giappone, Bank of Japan)."""
        self.index, self.near, self.phonetic = indexes
        self.translate = translate
        self.place_id = place_id
        self._meanings: Any = None
        # One analyser per vocabulary (folded table words; transliteration keys per writer's convention;
        # no vocabulary, for near misses): each remembers the readings of the words it has seen.
        self._spelling = Analyser(self.index.known)
        self._unpruned = Analyser()
        self._keyed: dict[str, tuple[Analyser, Analyser]] = {}

    def _keyed_analysers(self, code: str) -> tuple[Analyser, Analyser]:
        """The analysers of a ``code`` writer's words keyed by transliteration: pruned by the table's keys,
        and unpruned (for near misses)."""
        found = self._keyed.get(code)
        if found is None:
            keyer = word_keyer(code)
            pair = (Analyser(self.phonetic.known, keyer), Analyser(keyer=keyer))
            found = self._keyed.setdefault(code, pair)
        return found

    def _score(self, entry: Entry, variant: Variant, lang: str | None, surname: bool) -> tuple[float, Method]:
        if surname:
            method, base = Method.SURNAME, SURNAME_SCORE * variant.score
        elif variant.rules:
            method, base = Method.INFLECTION, variant.score
        elif entry.is_label:
            method, base = Method.EXACT, EXACT_SCORE
        else:
            method, base = Method.ALIAS, ALIAS_SCORE
        if lang is not None and entry.lang not in (lang, LABEL_LANG):
            base *= OTHER_LANGUAGE_FACTOR
        return round(base, 4), method

    def candidates(
        self,
        name: str,
        lang: str | None = None,
        limit: int = 5,
        *,
        types: Iterable[str] | str | None = None,
        min_score: float | None = None,
    ) -> list[Match]:
        """Every entity ``name`` may refer to, best first (ties ordered by entity id), at most ``limit``;
        ``types`` keeps entities of those types, ``min_score`` those that score at least that much.
        """
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise QueryError("limit must be a non-negative integer")
        kept = _kept(types, min_score)
        return [m for m in self._ranked(name, lang, complete=True) if kept(m)][:limit]

    def _ranked(
        self,
        name: str,
        lang: str | None,
        complete: bool,
        log: list[str] | None = None,
        near: bool = True,
        keyed: bool = True,
        translate: bool = True,
    ) -> list[Match]:
        """Matches best first. With ``complete=False`` a query that is a table name as written skips the
        rules: no rule-derived reading can score as high (rules score at most 0.95, names 0.96 or more), so
        the top of the ranking, and therefore ``resolve``, is the same. ``log`` collects every step."""
        if not isinstance(name, str):
            raise QueryError(f"name must be a string, not {type(name).__name__}")
        code = check_lang(lang)
        found = _Found(name, log, lang, self.index)
        if len(name) > MAX_QUERY_CHARS or not name.strip():
            found.note("empty or longer than a name: no match")
            return []
        written = as_written(name)
        if found.log is not None:
            found.note(f"normalise: {name!r} -> {written.text!r} -> key {written.key!r}")
        as_listed = self.index.lookup(written.key)  # looked up once: the first reading is this key again
        acronym = bool(_ACRONYM.match(name))
        if (complete or not as_listed) and self.index.readable(written.key) and not acronym:
            variants = self._spelling.analyse_cleaned(written.text, code)
        else:
            variants = [written]  # an acronym in capitals takes no ending (USA is no genitive of USO)
        if found.log is not None:
            readings = "; ".join(
                f"{v.key!r}" + (f" [{' + '.join(v.rules)}]" if v.rules else "") for v in variants
            )
            found.note(f"step 1, spelling ({code or 'any language'}): readings tried: {readings}")
        for variant in variants:
            entries = as_listed if variant.key == written.key else self.index.lookup(variant.key)
            self._collect(found, variant, entries, code)
        if not found.best and keyed:
            self._transliterated(found, written.text, code, complete, acronym)
        if not found.best and near and translate and self.translate is not None:  # USA, as listed
            self._translated(found, name, code)
        if not found.best and near and not acronym:  # an acronym is never a near miss by sound
            self._near_misses(found, written.text, code)
        if not found.best and keyed and " " in written.text.strip():
            self._org_meanings(found, written.text, code)
        if found.best and self.place_id is not None:
            self._no_place_as_person(found, name, code)
        if found.best:
            return found.ranked()
        again = (lang, complete, found, near, translate)  # nothing found: once more, shortened
        if (bare := _MIDDLE_INITIALS.sub("", name)) != name:
            return self._shortened(name, bare, "middle-initial", _PEOPLE, *again)
        if (plain := _without_designator(name, code)) is not None:
            return self._shortened(name, plain, "designator", _COMPANIES, *again)
        return found.ranked()

    def _shortened(
        self,
        name: str,
        bare: str,
        why: str,
        kinds: frozenset[str],
        lang: str | None,
        complete: bool,
        found: _Found,
        near: bool,
        translate: bool,
    ) -> list[Match]:
        """The entities of ``kinds`` that ``name`` means without a word tables seldom list: a person's
        middle initials (Donald J. Trump, Donalda J. Trumpa) or a company's designator (Ryanair DAC). The
        trail ends in ``why``."""
        found.note(f"nothing found; once more without the {why.replace('-', ' ')}: {bare!r}")
        ranked = self._ranked(bare, lang, complete, found.log, near, translate=translate)
        return [dataclasses.replace(m, query=name, trail=(*m.trail, why)) for m in ranked if m.type in kinds]

    def _no_place_as_person(self, found: _Found, name: str, lang: str | None) -> None:
        """Drop the people found by spelling only (transliteration, sound) when the query is a place's
        name in the world gazetteer: Dania (Denmark) is not Diana."""
        spelt = [i for i, m in found.best.items() if m.type == "person" and m.method in SPELT]
        if spelt and self.place_id is not None and self.place_id(name, lang) is not None:
            found.note("a place's name in the world gazetteer: not a person by spelling")
            for entity_id in spelt:
                del found.best[entity_id]
                found.shared.pop(entity_id, None)

    def _org_meanings(self, found: _Found, cleaned: str, lang: str | None) -> None:
        """The table's organisations whose name, in any language, is made of the query's meanings and
        places (:mod:`namenorm.orgwords`: Banca Mondiale, World Bank)."""
        table = self._meaning_index()
        if not table or not any(fold(w)[:4] in meaning_prefixes() for w in cleaned.split()):
            return
        key = meaning_key(cleaned, lang, self._place_word)
        found.note(f"step 2b, meanings of the words: {key!r}")
        for entry in table.get(key, ()) if key is not None else ():
            found.add(entry, TRANSLATION_FACTOR * INFLECTION_SCORE, Method.TRANSLATION, ("meanings",))

    def org_meanings(self) -> bool:
        """Whether some organisation of the table has a name of generic words (:mod:`namenorm.orgwords`)."""
        return bool(self._meaning_index())

    def _place_word(self, word: str, lang: str) -> str | None:
        return self.place_id(word, lang) if self.place_id is not None else None

    def _meaning_index(self) -> Any:
        """The meaning keys of the table's organisations (a compiled index holds them; else made on first
        use from the index's entries, entity by entity: :func:`~namenorm.keys.file_meanings`)."""
        if self._meanings is None:
            if self.index.meanings is not None:
                self._meanings = self.index.meanings[0 if self.place_id is not None else 1]
                return self._meanings
            place = self._place_word if self.place_id is not None else None
            by_entity: dict[str, list[Entry]] = {}
            if isinstance(self.index.names, dict):
                for listed in self.index.names.values():
                    for entry in listed:
                        if entry.entity.type == "org":
                            by_entity.setdefault(entry.entity.id, []).append(entry)
            table: dict[str, list[Entry]] = {}
            for own in by_entity.values():
                for key, number in file_meanings(own, place, alone=False)[0]:
                    table.setdefault(key, []).append(own[number])
            self._meanings = {key: tuple(found) for key, found in table.items()}
        return self._meanings

    def _collect(self, found: _Found, variant: Variant, entries: Iterable[Entry], lang: str | None) -> None:
        """The ``entries`` of names spelled as the variant's key (and, for one word, the people with that
        surname)."""
        key = variant.key
        for entry in entries:
            if not variant.rules and lang in (None, "pl") and nasal_ending(variant.text, entry.name):
                found.add(entry, INFLECTION_SCORE, Method.INFLECTION, NASAL_ENDING)  # Armenią, Rosją
                continue
            score, method = self._score(entry, variant, lang, surname=False)
            found.add(entry, score, method, variant.rules)
        if key and " " not in key and singular(variant):
            for entry in self.index.lookup_surname(key):
                score, method = self._score(entry, variant, lang, surname=True)
                found.add(entry, score, method, (*variant.rules, "surname"))

    def _translated(self, found: _Found, name: str, lang: str | None) -> None:
        """The table's places that the world gazetteer names as the query (Finlandii -> Finsko)."""
        assert self.translate is not None
        hits = self.translate(name, lang, self.index)
        if hits:
            world = hits[0][1]
            found.note(
                f"step 3, gazetteer: {world.entity_id} ({world.method.value}); its names in the table:"
            )
        for entry, world in hits:
            found.add(
                entry,
                world.score * TRANSLATION_FACTOR,
                Method.TRANSLATION,
                (*world.trail, f"world:{world.entity_id}"),
            )

    def _conventions(self, lang: str | None) -> tuple[str, ...]:
        return RULE_LANGS if lang is None else (lang,)

    def _readings(self, cleaned: str, lang: str | None) -> list[tuple[str, str]]:
        """(convention, rules language) pairs to read a query with: the writer's convention, and, against a
        table with names in Cyrillic, for a name in the Latin alphabet the English pronunciation too
        (``LATIN_READINGS``), with the writer's case endings (Camerona: Cameron read as English, Камерон)."""
        conventions = self._conventions(lang)
        pairs = [(code, code) for code in conventions]
        if self.phonetic.cyrillic_names and is_latin(cleaned) and not _POLISH_WORD.search(cleaned):
            pairs += [(reading, code) for reading in LATIN_READINGS for code in conventions]
        return pairs

    def _transliterated(
        self, found: _Found, cleaned: str, lang: str | None, complete: bool, acronym: bool = False
    ) -> None:
        """Names whose transliteration key equals a key of the query (any inflected reading of it, none of
        an acronym's). A key of three letters or fewer meets only names written in the query's script and
        convention: a name that short never matches across scripts by sound alone (Rada is not Ръд,
        Rudd; Alego is Ali's genitive)."""
        phon = self.phonetic
        readings = self._readings(cleaned, lang)
        for code, rules in readings:
            analyser = self._keyed_analysers(code)[0]
            written = analyser.key(cleaned)
            as_listed = phon.full.get(written, ())
            cyrillic = code == rules and not is_latin(cleaned)
            if cyrillic:
                as_listed = (*as_listed, *phon.readings.get(written, ()))
            if (as_listed and not complete) or acronym:  # as written: no reading by rules can score higher
                variants = [Variant(cleaned, written, (), 1.0)]
            else:
                variants = analyser.analyse_cleaned(cleaned, rules)
            if found.log is not None:
                known = "; ".join(repr(v.key) for v in variants if phon.known(v.key)) or "none"
                writer = f"{code} writer" if code == rules else f"{code} reading, {rules} endings"
                step = f"step 2, transliteration ({writer}): key {written!r}"
                found.note(f"{step}; readings in the table: {known}")
            if code != rules:  # another reading: case endings added to the name as written, no more
                variants = [v for v in variants if _endings_only(v.text, cleaned)]
            # a Cyrillic query meets the names' other readings too (Камерон: Cameron read as English); a
            # Latin one, in any reading, meets the names' own keys only (Kultury is not Cooltura read so)
            for variant in variants:
                trail = (*variant.rules, f"translit:{code}")
                entries = as_listed if variant.key == written else phon.full.get(variant.key, ())
                if cyrillic:
                    entries = (*entries, *phon.readings.get(variant.key, ()))
                short = len(variant.key.replace(" ", "")) <= 3
                reading = code != rules
                for entry in entries:
                    if _may_meet(entry, cleaned, code, reading, short):
                        found.add(entry, TRANSLIT_SCORE * variant.score, Method.TRANSLITERATION, trail)
                if " " not in variant.key and singular(variant):
                    surnames = phon.surnames.get(variant.key, ())
                    if cyrillic:
                        surnames = (*surnames, *phon.reading_surnames.get(variant.key, ()))
                    for entry in (e for e in surnames if _may_meet(e, cleaned, code, reading, short)):
                        score = SURNAME_SCORE * TRANSLIT_SCORE * variant.score
                        found.add(entry, score, Method.SURNAME, (*trail, "surname"))
        if not found.best and any(code != rules for code, rules in readings):
            self._mixed_readings(found, cleaned, lang)

    def _mixed_readings(self, found: _Found, cleaned: str, lang: str | None) -> None:
        """A name of several words, each read its own way (Alastair as written, Campbell with э: Аластер
        Кэмпбелл), when no single reading of the whole name met a name. Each word's base forms (the
        writer's case endings, no more) whose key in some reading the table knows; at most ``MIXED_KEYS``
        combinations."""
        words = [w for w in _WORDS.split(cleaned) if w]
        if not 1 < len(words) <= 4:
            return
        known = self.phonetic.known
        options = []
        for word in words:
            keyed: dict[str, tuple[tuple[str, ...], float]] = {}
            for rules in self._conventions(lang):
                for base in word_bases(word, rules):
                    if base.text != word and not _endings_only(base.text, word):
                        continue
                    for code in LATIN_READINGS:
                        key = translit_word(base.text, code)
                        if key not in keyed and known(key):
                            keyed[key] = (base.rules, base.score)
            if not keyed:
                return
            options.append(list(keyed.items()))
        for combo in itertools.islice(itertools.product(*options), MIXED_KEYS):
            key = " ".join(k for k, _ in combo)
            trail = (*(r for _, (rules, _) in combo for r in rules), "translit:mixed")
            score = TRANSLIT_SCORE * min(score for _, (_, score) in combo)
            for entry in self.phonetic.full.get(key, ()):
                if not is_latin(entry.name):  # a reading meets names in Cyrillic only (see _may_meet)
                    found.add(entry, score, Method.TRANSLITERATION, trail)

    def _near_misses(self, found: _Found, cleaned: str, lang: str | None) -> None:
        """Last resort: similar transliteration keys (phonetic) and one-letter typos of non-people; never
        for a reading of three letters or fewer (Sanni read as san is not Сън, The Sun)."""
        found.note(
            "step 4, near misses: similar transliteration keys, one-letter typos of places and organisations"
        )
        for code in self._conventions(lang):
            for variant in self._keyed_analysers(code)[1].analyse_cleaned(cleaned, code)[:PHONETIC_VARIANTS]:
                if len(variant.key.replace(" ", "")) <= 3:
                    continue
                for entry, sim in self.phonetic.near(variant.key):
                    if variant.rules and sim < INFLECTED_PHONETIC_SIMILARITY:
                        continue
                    if not (
                        _same_writing(entry, cleaned, code) or _keeps_consonants(variant.text, entry, code)
                    ) or not _same_numbers(entry.name, cleaned):
                        continue
                    trail = (*variant.rules, f"translit:{code}", f"phonetic:{sim:.3f}")
                    found.add(entry, PHONETIC_SCORE * sim * variant.score, Method.PHONETIC, trail)
        for variant in self._unpruned.analyse_cleaned(cleaned, lang)[:FUZZY_VARIANTS]:
            if len(variant.key.replace(" ", "")) <= 3:
                continue
            for key in self.near.near(variant.key):
                for entry in self.index.lookup(key):
                    if entry.entity.type == "person" or not _same_numbers(entry.name, cleaned):
                        continue
                    # a typo across scripts keeps the consonants; one of an inflected reading may add or drop
                    # one (Szwedów: szwedzi) but trades none for another (Irlandią is not Island)
                    if is_latin(entry.name) != is_latin(cleaned):
                        if not _keeps_consonants(variant.text, entry, lang or "en"):
                            continue
                    elif variant.rules and not _keeps_consonants(variant.text, entry, lang or "en", slack=1):
                        continue
                    score, _ = self._score(entry, variant, lang, surname=False)
                    found.add(entry, score * FUZZY_FACTOR, Method.FUZZY, (*variant.rules, f"fuzzy:{key}"))

    def resolve(
        self,
        name: str,
        lang: str | None = None,
        *,
        types: Iterable[str] | str | None = None,
        min_score: float | None = None,
    ) -> Match | None:
        """The one entity ``name`` refers to, or None (no match, or two entities fit equally well).
        ``types`` (``"person"``, ``["place", "org"]``) considers entities of those types only, which can
        settle a name two entities of different types share; a match that scores less than ``min_score``
        (0 to 1) counts as none.
        """
        if types is None and min_score is None:
            return decide(self._ranked(name, lang, complete=False))
        kept = _kept(types, min_score)
        of_type = _kept(types, None)
        match = decide([m for m in self._ranked(name, lang, complete=False) if of_type(m)])
        return match if match is not None and kept(match) else None

    def resolve_in_text(self, name: str, lang: str | None = None) -> Match | None:
        """Like :meth:`resolve` without the gazetteer: how the tagger reads a run of several words. Running
        text is matched against the table's own names and their forms."""
        return decide(self._ranked(name, lang, complete=False, translate=False))

    def resolve_by_rules(self, name: str, lang: str | None = None) -> Match | None:
        """Like :meth:`resolve` without the near-miss step (phonetic, typo): the name as listed, inflected,
        as a surname or transliterated. The tagger reads a run of words as one name this way.
        """
        return decide(self._ranked(name, lang, complete=False, near=False))

    def resolve_as_listed(self, name: str, lang: str | None = None) -> Match | None:
        """Like :meth:`resolve_by_rules` without transliteration: a listed name, its inflected forms, a
        person's surname. The gazetteer reads a query so."""
        return decide(self._ranked(name, lang, complete=False, near=False, keyed=False))

    def explain(self, name: str, lang: str | None = None) -> Explanation:
        """How ``name`` is resolved, step by step: the readings tried, the names they hit, the decision."""
        log: list[str] = []
        ranked = self._ranked(name, lang, complete=True, log=log)
        match = decide(ranked)
        if match is not None:
            log.append(f"decision: {match.entity_id} ({match.method.value}, score {match.score:.3f})")
        elif ranked:
            tied = ", ".join(f"{m.entity_id} {m.score:.3f}" for m in ranked[:5])
            log.append(f"decision: none, ambiguous between {tied}")
        else:
            log.append("decision: none, no table name fits")
        return Explanation(name, lang, tuple(log), tuple(ranked), match)


def build_indexes(table: AliasTable) -> Indexes:
    """The three indexes of ``table``, from what each entity files (:mod:`namenorm.keys`)."""
    filed = [file_names(entity) for entity in table.entities]
    return (
        Index.of(filed),
        DeletionIndex(key for one in filed for key in one.typo_keys),
        PhoneticIndex((one.entries, file_spellings(one.entries)) for one in filed),
    )


NASAL_ENDING = ("f-ins-a",)
"""A form that folds to a listed name but ends in ą where the name ends in a (Armenią, Rosją) is the
instrumental case, an inflection, not the name as written."""


def nasal_ending(written: str, name: str) -> bool:
    """``written`` (cleaned, lower case) ends a word in ą where ``name`` ends it in a."""
    listed = name.lower().split()
    return any(
        word.endswith("ą") and base.endswith("a") for word, base in zip(written.split(), listed, strict=False)
    )


SPELT = frozenset((Method.TRANSLITERATION, Method.PHONETIC, Method.FUZZY))
"""Methods that read a name by its spelling rather than as listed (the tagger's near misses too)."""
_NUMBER = regex.compile(r"\p{N}+|(?<![\p{L}\p{N}])[ivxlc]+(?![\p{L}\p{N}])")
"""A number in a name: digits, or a Roman numeral (Elżbieta II, Apollo 13, G7)."""


def _same_numbers(name: str, cleaned: str) -> bool:
    """A near miss keeps the numbers of the name: Elżbieta II is not Elżbieta I, nor G7 G20.

    ```pycon
    >>> _same_numbers("Elżbieta I", "elżbieta ii"), _same_numbers("G20", "g 20")
    (False, True)

    ```
    """
    return _NUMBER.findall(name.lower()) == _NUMBER.findall(cleaned)


_ACRONYM = regex.compile(r"^\s*\p{Lu}[\p{Lu}\p{N}]{1,2}\s*$")
"""A query of two or three capitals (USA, EEA, TPI): an acronym. A longer word in capitals may be a
headline's inflected name (ROSJI, ЛОНДОН), read as any other."""
_POLISH_WORD = regex.compile(
    r"[ąćęłńśźż]|(?:sk|ck|dzk)(?:i|a|ie|iego|iemu|iej|im|imi|ich|ą)\b|(?:s|c|dz)cy\b"
)
"""A Polish spelling or a Polish adjective (Radżasthanie, austriackie, polscy): no name kept in its English
spelling, so not read as English."""


def _without_designator(name: str, lang: str | None) -> str | None:
    """``name`` without the company designator that ends it (Ryanair DAC, Apple Inc.), if it has one and
    more words before it, and it is no common word of the language (Polish co, what)."""
    words = name.split()
    if len(words) > 1 and is_designator(words[-1], None) and not is_common(words[-1], lang):
        return " ".join(words[:-1]).rstrip(",")
    return None


def _may_meet(entry: Entry, cleaned: str, code: str, reading: bool, short: bool) -> bool:
    """Whether a query read by ``code`` may meet ``entry`` through a transliteration key. A reading of a
    Latin name is how Cyrillic writes its sound: it meets names in Cyrillic only (Michael read as English
    or German is not Michel). A key of three letters or fewer meets names of the query's own script and
    convention only (Rada is not Ръд)."""
    if reading:
        return not (short or is_latin(entry.name))
    return not short or _same_writing(entry, cleaned, code)


def _key(entry: Entry) -> str:
    """The transliteration key of a name, read in its own language's convention."""
    return translit_key(entry.name, "en" if entry.lang == LABEL_LANG else entry.lang)


def _same_writing(entry: Entry, cleaned: str, code: str) -> bool:
    """``entry``'s name is written in the script of ``cleaned`` and in the convention ``code`` reads it."""
    lang = "en" if entry.lang == LABEL_LANG else entry.lang
    return is_latin(entry.name) == is_latin(cleaned) and convention_for(lang) == convention_for(code)


_MIDDLE_INITIALS = regex.compile(r"(?<=[\p{L}\p{M}])(?:[ \t\u00a0]+\p{Lu}\.?)+(?=[ \t\u00a0]+\p{L})")
"""Initials between a given name and a surname (J. in Donald J. Trump; H. W. in George H. W. Bush)."""
_COMPANIES = frozenset(("org", "media", "product"))
"""The types of entity a company designator may follow."""
_PEOPLE = frozenset(("person",))
"""The type of entity a middle initial belongs to."""
MIXED_KEYS = 64
"""How many keys of words read in different ways are looked up per base form."""
_WORDS = re.compile(r"[\s\-]+")


def _keeps_consonants(text: str, entry: Entry, code: str, slack: int = 0) -> bool:
    """A one-word near miss of a name in another script or convention keeps its consonants, spelled
    (folded) or transliterated, up to the pairs a transcription or a typo trades (Brexit Брекзит,
    Stockholm Стокгольм), and differs in vowels, order or doubling only: Irlandia is not Islandija,
    Gotlandia not Голландия, Болтона not Bologna."""
    if " " in text.strip() or " " in entry.name.strip():
        return True
    if same_consonants(normalize(text), normalize(entry.name), slack):
        return True
    return same_consonants(translit_key(text, code), _key(entry), slack)


def _endings_only(base: str, written: str) -> bool:
    """Each word of ``written`` is its ``base`` word with an ending added or its last letter changed
    (Camerona: cameron; Theresy: theresa), not a stem alternation that Polish nouns have (Curtice is no
    locative of Curtika)."""
    bases, words = base.split(), written.split()
    return len(bases) == len(words) and all(w.startswith(b[:-1]) for b, w in zip(bases, words, strict=True))


def _types(types: Iterable[str] | str) -> frozenset[str]:
    found = frozenset((types,) if isinstance(types, str) else types)
    if not all(isinstance(t, str) for t in found):
        raise QueryError("types must be entity types such as 'person' or a list of them")
    return found


def _kept(types: Iterable[str] | str | None, min_score: float | None) -> Callable[[Match], bool]:
    """The filter of ``types`` and ``min_score`` (checked once per call)."""
    wanted = None if types is None else _types(types)
    if min_score is not None and (
        isinstance(min_score, bool) or not isinstance(min_score, (int, float)) or not 0 <= min_score <= 1
    ):
        raise QueryError("min_score must be a number from 0 to 1")
    floor = 0.0 if min_score is None else float(min_score)
    return lambda m: (wanted is None or m.type in wanted) and m.score >= floor


def decide(top: list[Match]) -> Match | None:
    """The best of ``top`` (best first), unless the runner-up is closer than the margin: ``TIE_MARGIN``, or
    ``NEAR_MISS_MARGIN`` when the best is a near miss (phonetic, typo), or the best is a person's one-word
    name that another person bears as a surname. Then nothing: ambiguous. Scores are compared to four
    decimals, as they are rounded.

    ```pycon
    >>> from namenorm.types import Match, Method
    >>> a = Match("a", "A", "place", 0.9, Method.INFLECTION, "A", "pl", "q")
    >>> decide([a, dataclasses.replace(a, entity_id="b", score=0.895)]).entity_id  # 0.005 apart
    'a'
    >>> decide([a, dataclasses.replace(a, entity_id="b", score=0.8951)]) is None
    True

    ```
    """
    if not top:
        return None
    margin = NEAR_MISS_MARGIN if top[0].method in (Method.PHONETIC, Method.FUZZY) else TIE_MARGIN
    if len(top) >= 2 and round(top[0].score - top[1].score, 4) < margin:
        return None
    return None if _shared_surname(top) else top[0]


def _shared_surname(ranked: list[Match]) -> bool:
    """The best is a person named by one listed word, and another person of the table bears it as a
    surname: which of them is meant is a guess (Кадри, listed for Mumtaz Qadri, is also Muhammad Afzal
    Qadri's surname)."""
    best = ranked[0]
    if best.type != "person" or best.method is Method.SURNAME or " " in best.matched.strip():
        return False
    return any(
        m.type == "person" and m.method is Method.SURNAME and m.entity_id != best.entity_id for m in ranked
    )
