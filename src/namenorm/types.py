"""Value types shared across namenorm: entities, matches and mentions (frozen dataclasses).

```pycon
>>> m = Match("igor-khovaev", "Igor Khovaev", "person", 0.9, Method.INFLECTION, "Igor Chowajew", "pl")
>>> m.method.value, m.score
('inflection', 0.9)

```
"""

from __future__ import annotations

__all__ = ["Entity", "Explanation", "Match", "Mention", "Method", "Name", "Refusal", "Tagging", "UnknownName"]

from dataclasses import dataclass, field
from enum import Enum


class Method(str, Enum):
    """How a match was found, from most to least direct."""

    EXACT = "exact"  # the query is the entity's label (after normalisation)
    ALIAS = "alias"  # the query is another listed name of the entity
    INFLECTION = "inflection"  # an inflected or clitic form of a listed name (Chowajewem, dell'Azerbaigian)
    SURNAME = "surname"  # the surname alone of exactly one person in the table
    TRANSLITERATION = "transliteration"  # the same name in another romanisation (Chowajew / Khovaev)
    TRANSLATION = "translation"  # a place the world gazetteer names both ways (Finlandii / Finsko)
    PHONETIC = "phonetic"  # sounds alike on the transliteration key
    FUZZY = "fuzzy"  # a small spelling difference

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entity in one language, as written in the table."""

    text: str
    lang: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of an alias table."""

    id: str
    type: str
    label: str
    names: tuple[Name, ...]
    wikidata: str | None = None
    note: str | None = None
    ambiguous: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    """Keys of names that are also common words or given names of their language (Czad, Kuba)."""
    code: str | None = None
    """The entity's code in a standard (ISO 3166 country, UN M.49 region, IANA time-zone city), as CLDR
    keys them: entities of different tables with one code are one entity."""
    source: str = ""
    line: int = 0
    column: int = 0
    """Where the entity's id is written (line and column; 0 when not read from a file)."""


@dataclass(frozen=True, slots=True)
class Match:
    """A resolution of a query to an entity, with how it was found.

    ``score`` is in 0..1; ``matched`` is the table name that matched and ``matched_lang`` its language;
    ``trail`` names the rules that fired, in order.
    """

    entity_id: str
    label: str
    type: str
    score: float
    method: Method
    matched: str
    matched_lang: str
    query: str = ""
    trail: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found in running text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    entity_id: str
    match: Match


@dataclass(frozen=True, slots=True)
class Refusal:
    """A table name the tagger found in text and did not tag, with the precision ``rule`` that refused it
    (``longer-name``, ``other-bearer``, ``given-name``, ``inside-place-name``, ``ambiguous``, ...; the rules
    are listed in docs/tagging.md)."""

    start: int
    end: int
    text: str
    entity_id: str
    rule: str


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A name in text that the table does not hold: ``kind`` is ``person`` (a given name and a surname) or
    ``name`` (a longer capitalised name around a table name, which was therefore not tagged)."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Tagging:
    """Everything the tagger read in one text: the ``mentions`` (what ``find`` returns), the candidates it
    ``refused`` and why, and the ``unknown`` names it recognised as names the table does not hold.
    ``limited``: the text had more runs of capitalised words than the resolver reads in it (a wall of
    names; see ``namenorm.tagger.CHARS_PER_READ``), and the rest were matched only as the table writes
    them."""

    mentions: tuple[Mention, ...]
    refused: tuple[Refusal, ...] = ()
    unknown: tuple[UnknownName, ...] = ()
    limited: bool = False


@dataclass(frozen=True, slots=True)
class Explanation:
    """The trail of one resolution: ``steps`` in order (the last is the decision), every candidate found,
    and the match ``resolve`` returns (None when nothing fits or two entities fit equally well)."""

    query: str
    lang: str | None
    steps: tuple[str, ...]
    candidates: tuple[Match, ...]
    match: Match | None
