"""What one entity files in every index: the indexing rules, written once.

For one entity, :func:`file_names` gives its entries and the keys the name index files them under,
:func:`file_spellings` the transliteration keys, other readings and phonetic blocks of those entries, and
:func:`file_hits` the tagger's names (as listed, generated case forms, surnames). Two consumers read them:
the in-memory indexes (:class:`~namenorm.index.Index`, :class:`~namenorm.phonetic.PhoneticIndex`,
:func:`~namenorm.tagger.build_tag_names`) and the compiled-index writer (:mod:`namenorm.build`), so a rule
changed here changes both.

```pycon
>>> from namenorm.types import Entity, Name
>>> lavrov = Entity("sergey-lavrov", "person", "Sergey Lavrov", (Name("Siergiej Ławrow", "pl"),))
>>> filed = file_names(lavrov)
>>> filed.keys, filed.surnames
(('sergey lavrov', 'siergiej lawrow'), (('lavrov', 0), ('lawrow', 1)))
>>> spelt = file_spellings(filed.entries)
>>> spelt.keys, spelt.blocks[0]
((('sergei laurov', 0), ('sergei laurov', 1)), ('2s:laurov', 0, ('sergei', 'laurov')))
>>> sorted({key for key, hit, _ in file_hits(lavrov) if hit.method.value == "surname"})[:3]
['lavrov', 'lawrow', 'lawrowa']

```
"""

from __future__ import annotations

__all__ = [
    "LABEL_LANG",
    "WORD",
    "Entry",
    "Filed",
    "Hit",
    "Spelt",
    "TagTotals",
    "block_codes",
    "claimed_once",
    "clash_message",
    "clashes_in",
    "file_hits",
    "file_meanings",
    "file_names",
    "file_spellings",
    "first_keys",
    "first_lower_word",
    "first_words",
    "generated_hits",
    "key_prefixes",
    "name_keys",
    "name_prefixes",
    "query_shapes",
    "shared_keys",
    "shared_warning",
    "spelling",
    "surname_of",
    "word_neighbourhood",
]  # fmt: skip

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

import regex

from .fuzzy import deletions
from .inflection import case_forms
from .normalize import fold, normalize
from .orgwords import Place, meaning_keys
from .ruleset import load_rules
from .scores import ALIAS_SCORE, EXACT_SCORE, INFLECTION_SCORE, SURNAME_SCORE, TRANSLATION_FACTOR
from .transliterate import LATIN_READINGS, is_latin, name_words, translit_word, words_key
from .types import Entity, Method, Name

T = TypeVar("T")

LABEL_LANG = "*"
"""Language recorded for an entity's label: it matches in every language."""

_REGNAL = regex.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
"""A regnal number (I to XXXIX, folded): never a surname (Elżbieta II, Paolo VI)."""

WORD = regex.compile(
    r"(?:\p{Lu}\.)+\p{Lu}\.?(?![\p{L}\p{M}\p{N}])|[\p{L}\p{N}][\p{L}\p{M}\p{N}\p{Cf}]*(?:['’ʼ][\p{L}\p{M}]+)*['’]?"
)
"""A word of text: letters, marks and digits, with the format characters inside it (a soft hyphen); or an
acronym written with dots (U.S.)."""


def surname_of(entity_type: str, words: Sequence[str]) -> str | None:
    """The word a person's name is also known by alone: the last of two or more, unless it is a regnal
    number. The one rule of the index, the phonetic blocks and the tagger.

    ```pycon
    >>> surname_of("person", ["sergiej", "lawrow"]), surname_of("person", ["elzbieta", "ii"])
    ('lawrow', None)
    >>> surname_of("place", ["gorski", "karabach"]) is None
    True

    ```
    """
    if entity_type != "person" or len(words) < 2 or _REGNAL.match(words[-1]):
        return None
    return words[-1]


@dataclass(frozen=True, slots=True)
class Entry:
    """One table name under its normalised key."""

    entity: Entity
    name: str
    lang: str
    is_label: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A name the tagger finds as written: its entry, how it was made (listed, a case form, a surname) and
    how it must be written in text."""

    entry: Entry
    method: Method
    score: float
    trail: tuple[str, ...]
    acronym: bool
    """Written in capitals in the table: the text must be too (USA, not usa)."""
    lower_ok: bool
    """Written in lower case in the table: may start a span in lower case."""


# --- the name index -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filed:
    """What one entity files in the name index: its entries (the label, then each name once per key and
    language), each entry's key and place in its file, the surnames (one entry per surname) and the keys a
    typo may reach."""

    entries: tuple[Entry, ...]
    keys: tuple[str, ...]
    places: tuple[tuple[int, int], ...]
    """(line, column) of each entry in its table file."""
    surnames: tuple[tuple[str, int], ...]
    """(surname, entry number): people's multi-word names under their last word, once per word."""
    typo_keys: tuple[str, ...]
    """Names of places and organisations. People are never matched through a typo: real surnames one letter
    apart are too common (Janowski, Jankowski; Kowalczyk, Kowalczuk), and a wrong merge is worse than a
    miss."""


def file_names(entity: Entity) -> Filed:
    """The entries of ``entity`` and their keys (see :class:`Filed`)."""
    label_key = normalize(entity.label)
    written = [(entity.label, LABEL_LANG, entity.line, entity.column)]
    written += [(n.text, n.lang, n.line, n.column) for n in entity.names]
    seen: set[tuple[str, str]] = set()
    entries: list[Entry] = []
    keys: list[str] = []
    places: list[tuple[int, int]] = []
    surnames: dict[str, int] = {}
    for text, lang, line, column in written:
        key = normalize(text)
        if (key, lang) in seen:
            continue
        seen.add((key, lang))
        surname = surname_of(entity.type, key.split())
        if surname is not None:
            surnames.setdefault(surname, len(entries))
        entries.append(Entry(entity, text, lang, key == label_key))
        keys.append(key)
        places.append((line, column or 1))
    typo = () if entity.type == "person" else tuple(keys)
    return Filed(tuple(entries), tuple(keys), tuple(places), tuple(surnames.items()), typo)


# --- names two entities share -----------------------------------------------------------------------------


def clashes_in(group: Sequence[tuple[object, str, bool]]) -> list[tuple[int, int]]:
    """The clashes among the entries that write one key, given in table order as (owner, language, whether
    the owner lists the key under ``ambiguous``): each entry against the first earlier entry of another
    owner in the same language, a label (``LABEL_LANG``) counting as every language, unless both mark the
    key ambiguous. Returns (later, earlier) positions in ``group``.

    ```pycon
    >>> clashes_in([("georgia-us", "*", False), ("georgia", "en", False), ("georgia", "pl", False)])
    [(1, 0), (2, 0)]
    >>> clashes_in([("a", "pl", True), ("b", "pl", True)])
    []

    ```
    """
    found = []
    for k, (owner, lang, ambiguous) in enumerate(group):
        for j in range(k):
            other, other_lang, other_ambiguous = group[j]
            if (
                other != owner
                and (other_lang == lang or LABEL_LANG in (lang, other_lang))
                and not (ambiguous and other_ambiguous)
            ):
                found.append((k, j))
                break
    return found


def shared_keys(clashes: Iterable[tuple[T, bool, T, bool, str]]) -> dict[T, set[str]]:
    """The keys each owner then shares, from clashes given as (owner, whether the key is its label, other
    owner, whether the key is the other's label, key): both owners', but for one's label and the other's
    alias, marked on the alias's owner only, so that the name as written is the label's entity and any
    other form of it (inflected, transliterated) neither's.

    ```pycon
    >>> shared_keys([("jaguar-cars", True, "jaguar", False, "jaguar")])
    {'jaguar': {'jaguar'}}

    ```
    """
    keys: dict[T, set[str]] = {}
    for owner, owner_label, other, other_label, key in clashes:
        if owner_label != other_label:
            keys.setdefault(other if owner_label else owner, set()).add(key)
            continue
        keys.setdefault(owner, set()).add(key)
        keys.setdefault(other, set()).add(key)
    return keys


def clash_message(key: str, lang: str, owner: str, other: str, other_place: str) -> str:
    """What a table's check says of a name two entities share (``other_place``: file:line of the other's)."""
    where = "as a label" if lang == LABEL_LANG else f"in {lang}"
    return (
        f"name {key!r} {where} is given to {owner!r} and to {other!r} ({other_place}); list it under "
        "'ambiguous' in both if that is intended"
    )


def shared_warning(count: int, shown: Sequence[str]) -> str:
    """The warning of a table loaded with ``count`` names two entities share (the first problems shown)."""
    more = f" (and {count - len(shown)} more)" if count > len(shown) else ""
    return (
        f"{count} names are shared by two entities: the label of one of them resolves to that one, any "
        "other name to neither alone; " + "; ".join(shown) + more
    )


# --- organisations named by generic words ---------------------------------------------------------------


def file_meanings(
    entries: Sequence[Entry], place: Place | None, alone: bool = True
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """The meaning keys of an organisation's names of two words or more (``place`` naming the world place a
    word is: :func:`~namenorm.orgwords.meaning_key`), each with its first entry: Banca Mondiale meets World
    Bank; those made with ``place`` and, if ``alone``, those made without (a compiled index keeps both).
    Nothing for other entities."""
    if not entries or entries[0].entity.type != "org":
        return (), ()
    placed: dict[str, int] = {}
    unplaced: dict[str, int] = {}
    for number, entry in enumerate(entries):
        if " " in entry.name.strip():
            lang = None if entry.lang == LABEL_LANG else entry.lang
            with_place, without = meaning_keys(entry.name, lang, place, alone)
            if with_place is not None:
                placed.setdefault(with_place, number)
            if without is not None:
                unplaced.setdefault(without, number)
    return tuple(placed.items()), tuple(unplaced.items())


# --- the phonetic index ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spelt:
    """What one entity files in the phonetic index, each with the number of its entry: transliteration keys
    and other readings (once per key and language), their surnames (once each), the blocks of the near-miss
    search (``shape:last word``, with the key's words), and whether a name is written in Cyrillic."""

    keys: tuple[tuple[str, int], ...]
    surnames: tuple[tuple[str, int], ...]
    readings: tuple[tuple[str, int], ...]
    reading_surnames: tuple[tuple[str, int], ...]
    blocks: tuple[tuple[str, int, tuple[str, ...]], ...]
    cyrillic: bool


def file_spellings(entries: Sequence[Entry]) -> Spelt:
    """The transliteration keys of ``entries`` (one entity's, from :func:`file_names`), each read in its
    own language's convention, and a name in the Latin alphabet also as English is pronounced
    (``LATIN_READINGS``: Cameron, Камерон): matched exactly and as a surname, never as a near miss. Each
    key is filed once per language, and each surname once."""
    entity_type = entries[0].entity.type if entries else ""
    person = entity_type == "person"
    keys: dict[tuple[str, str], int] = {}
    readings: dict[tuple[str, str], int] = {}
    surnames: dict[str, int] = {}
    reading_surnames: dict[str, int] = {}
    blocks: list[tuple[str, int, tuple[str, ...]]] = []
    cyrillic = False
    for number, (entry, key, others) in enumerate(name_keys(entries)):
        lang = entry.lang
        for other in others:
            readings.setdefault((other, lang), number)
            if (surname := surname_of(entity_type, other.split())) is not None:
                reading_surnames.setdefault(surname, number)
        if not key:
            continue
        cyrillic = cyrillic or not is_latin(entry.name)
        words = tuple(key.split())
        keys.setdefault((key, lang), number)
        if (surname := surname_of(entity_type, words)) is not None:
            surnames.setdefault(surname, number)
        for shape in _shapes(words, person):
            blocks.append((f"{shape}:{words[-1]}", number, words))
    return Spelt(
        tuple((key, n) for (key, _), n in keys.items()),
        tuple(surnames.items()),
        tuple((key, n) for (key, _), n in readings.items()),
        tuple(reading_surnames.items()),
        tuple(blocks),
        cyrillic,
    )


def name_keys(entries: Iterable[Entry]) -> Iterator[tuple[Entry, str, tuple[str, ...]]]:
    """Each entry with its transliteration key and its other readings: the English readings of a
    Latin-script name (``LATIN_READINGS``) where they differ from the name's own key and each of their
    words has four letters or more (Rudd read as rad would meet a Polish rada). A name that repeats the
    entry before it in the same convention (a label and its English name) is keyed once."""
    last: tuple[str, str] | None = None
    key, others = "", tuple[str, ...]()
    for entry in entries:
        convention = "en" if entry.lang == LABEL_LANG else entry.lang
        if (entry.name, convention) != last:
            last = (entry.name, convention)
            key, others = _keys_of(entry.name, convention)
        yield entry, key, others


def _keys_of(name: str, convention: str) -> tuple[str, tuple[str, ...]]:
    words = name_words(name)
    key = words_key(words, convention)
    if not key or not is_latin(name):
        return key, ()
    others = (words_key(words, reading) for reading in LATIN_READINGS)
    return key, tuple(o for o in others if o != key and all(len(word) >= 4 for word in o.split()))


def _shape(words: Sequence[str]) -> str:
    """A name's shape: its word count and first letter."""
    return f"{len(words)}{words[0][:1]}"


def _shapes(words: tuple[str, ...], person: bool) -> list[str]:
    """How a query may align with a name: same word count and first letter; for people also the surname
    alone ("S") and, with middle names, given name + surname."""
    shapes = [_shape(words)]
    if person and len(words) >= 2:
        shapes.append("S")
    if person and len(words) >= 3:
        shapes.append(f"2{words[0][:1]}")
    return shapes


def query_shapes(words: Sequence[str]) -> list[str]:
    """The blocks' shapes a query of ``words`` reads (see :func:`file_spellings`): its own, and a one-word
    query also the surnames alone."""
    return [f"{_shape(words)}:"] + (["S:"] if len(words) == 1 else [])


def word_neighbourhood(word: str) -> list[str]:
    """The word and its one-letter deletions (the first letter always kept); words of 3 letters or fewer
    get none: such short words must match exactly."""
    return [word, *deletions(word, keep_first=True, min_length=4)]


def block_codes(block: str) -> list[str]:
    """The codes a block is found under: its shape with its last word and each one-letter deletion of that
    word, so that any two last words within one edit share a code.

    ```pycon
    >>> block_codes("2s:lavrov")
    ['2s:lavrov', '2s:lvrov', '2s:larov', '2s:lavov', '2s:lavrv', '2s:lavro']

    ```
    """
    shape, last = block.split(":", 1)
    return [f"{shape}:{code}" for code in word_neighbourhood(last)]


# --- the tagger's names ---------------------------------------------------------------------------------


def file_hits(entity: Entity) -> Iterator[tuple[str, Hit, str]]:
    """Every (folded key, hit, text as written) of ``entity`` for the tagger's exact stage: its names,
    their generated Polish case forms, a person's surname and its case forms; a key and method once."""
    seen: set[tuple[str, Method, bool, bool, bool]] = set()
    label_key = normalize(entity.label)
    for text, lang in [(entity.label, LABEL_LANG), *((n.text, n.lang) for n in entity.names)]:
        name_key = normalize(text)
        entry = Entry(entity, text, lang, name_key == label_key)
        for key, hit, surface in (*_listed_hits(entry, name_key), *generated_hits(entry)):
            # a name listed in lower case (brexit), in capitals (CEE) or with dots (D.C.) keeps its own
            # hit beside the one written otherwise (Brexit, Cee, DC)
            mark = (key, hit.method, hit.acronym, hit.lower_ok, "." in hit.entry.name)
            if key and mark not in seen:
                seen.add(mark)
                yield key, hit, surface


def spelling(text: str) -> tuple[bool, bool]:
    """How a listed name is written: an acronym in capitals; in lower case."""
    return text.isupper() and len(text) > 1, text[:1].islower()


def _listed_hits(entry: Entry, key: str) -> list[tuple[str, Hit, str]]:
    """The name as listed, and a person's surname alone."""
    method, score = (Method.EXACT, EXACT_SCORE) if entry.is_label else (Method.ALIAS, ALIAS_SCORE)
    found = [(key, Hit(entry, method, score, (), *spelling(entry.name)), entry.name)]
    surname = surname_of(entry.entity.type, key.split())
    if surname is not None:
        found.append((surname, Hit(entry, Method.SURNAME, SURNAME_SCORE, ("surname",), False, False), ""))
    return found


def generated_hits(entry: Entry) -> Iterator[tuple[str, Hit, str]]:
    """The Polish case forms of a name (every reading of each case), and a person's surname in each."""
    generation = load_rules(entry.lang).generation if entry.lang != LABEL_LANG else None
    acronym, lower = spelling(entry.name)
    if generation is None or generation.indeclinable or acronym:
        return
    person = surname_of(entry.entity.type, normalize(entry.name).split()) is not None
    surname = normalize(entry.name.split()[-1]) if person else ""
    surname_score = round(SURNAME_SCORE * INFLECTION_SCORE, 4)
    for case, forms in case_forms(entry.name, lang=entry.lang, kind=entry.entity.type).items():
        trail = (f"generated:{case}",)
        for form in forms:
            yield normalize(form), Hit(entry, Method.INFLECTION, INFLECTION_SCORE, trail, False, lower), form
            last = normalize(form.split()[-1])
            if person and last != surname:
                yield last, Hit(entry, Method.SURNAME, surname_score, (*trail, "surname"), False, False), ""


def claimed_once(place_ids: Iterable[str]) -> set[str]:
    """The world places exactly one table place is (``place_ids``: the world place of each table place):
    two table places that are one world place get neither's translations (resolve finds them tied).

    ```pycon
    >>> sorted(claimed_once(["cldr-us", "cldr-fr", "cldr-us"]))
    ['cldr-fr']

    ```
    """
    return {place for place, count in Counter(place_ids).items() if count == 1}


def translation_hits(
    entity: Entity, place_id: str, names: Iterable[Name], lang: str | None = None
) -> Iterator[tuple[str, Hit, str]]:
    """The world place ``place_id``'s ``names`` (in ``lang`` only, if given) that ``entity`` does not list,
    and their Polish case forms, as the entity's hits of method translation (see
    :func:`~namenorm.tagger.world_hits`, which decides which world place a table place is)."""
    own = {normalize(entity.label), *(normalize(n.text) for n in entity.names)}
    seen: set[str] = set()
    for name in names:
        key = normalize(name.text)
        if key in own or (lang is not None and name.lang != lang):
            continue
        entry = Entry(entity, name.text, name.lang, False)
        trail = (f"world:{place_id}",)
        # never a span starting in lower case (isole Cayman): its first word would anchor in every text
        listed = Hit(entry, Method.TRANSLATION, TRANSLATION_FACTOR, trail, spelling(name.text)[0], False)
        for form_key, hit, surface in ((key, listed, name.text), *generated_hits(entry)):
            mark = f"{form_key}\t{name.lang}"
            if form_key in own or mark in seen or hit.method is Method.SURNAME:
                continue
            seen.add(mark)
            if hit is not listed:  # a case form: the generation's score and trail, then the world's
                score = round(hit.score * TRANSLATION_FACTOR, 4)
                hit = replace(
                    hit, method=Method.TRANSLATION, score=score, trail=(*hit.trail, *trail), lower_ok=False
                )
            yield form_key, hit, surface


def first_lower_word(surface: str, hit: Hit) -> str | None:
    """The first word of a name the table writes in lower case (it may start a span in lower case)."""
    first = WORD.match(surface) if hit.lower_ok else None
    return None if first is None else first.group()


def name_prefixes(key: str, hit: Hit) -> list[str]:
    """The first four letters of the words of a table name as listed (not of generated forms or surnames):
    what the resolver stage's cheap filter looks for."""
    return [w[:4] for w in key.split()] if hit.method in (Method.EXACT, Method.ALIAS) else []


def key_prefixes(key: str) -> list[str]:
    """The proper word prefixes of a key: "a b c" -> ["a", "a b"]."""
    words = key.split()
    return [" ".join(words[:n]) for n in range(1, len(words))]


class TagTotals:
    """The small totals the tagger needs besides its hits, gathered entity by entity and hit by hit: the
    longest name in words, the first words of names written in lower case, the first four letters of every
    listed name's words, the names marked ``common``, and per first-word prefix the most words of a name
    (:func:`first_words`)."""

    def __init__(self) -> None:
        self.max_tokens = 1
        self.lower_firsts: set[str] = set()
        self.fold_prefixes: set[str] = set()
        self.common: set[str] = set()
        self.first_words: dict[str, int] = {}

    def add_entity(self, filed: Filed) -> None:
        """What one entity's names add (``filed``: :func:`file_names` of the entity)."""
        self.common.update(filed.entries[0].entity.common)
        for start, count in first_words(filed):
            if count > self.first_words.get(start, 0):
                self.first_words[start] = count

    def add_hit(self, key: str, hit: Hit, surface: str) -> None:
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)
        self.fold_prefixes.update(name_prefixes(key, hit))
        if (first := first_lower_word(surface, hit)) is not None:
            self.lower_firsts.add(first)


def first_words(filed: Filed) -> Iterator[tuple[str, int]]:
    """For each multi-word name of an entity (``filed``: :func:`file_names` of it): the prefixes of its
    first word (:func:`first_keys`; a label read as English) with its word count. The tagger reads a run of
    capitalised words as one name only up to the most words a name starting so has."""
    for entry, key in zip(filed.entries, filed.keys, strict=True):
        words = key.split()
        if len(words) > 1:
            for start in first_keys(words[0], "en" if entry.lang == LABEL_LANG else entry.lang):
                yield start, len(words)


@lru_cache(maxsize=1 << 16)
def first_keys(word: str, lang: str | None) -> tuple[str, str]:
    """The first three letters of a word, folded and as a transliteration key (a reading changes a word's
    end, not its start: the prefilter of runs read as one name); remembered (given names and the first
    words of names recur)."""
    return "f:" + fold(word)[:3], "t:" + translit_word(word, lang or "en")[:3]
