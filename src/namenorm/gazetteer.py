"""Places a table names in another language, reached through the bundled world gazetteer.

A query the table does not know at all is resolved in the world table (countries, regions and cities of
the Unicode CLDR, named in en, pl, it, ru, uk) by its rules only: as listed or inflected. The place found
meets the table through any of its names, in those languages and in bg, cs, sk, sl, hr
(``data/world-names.json``): Polish *Finlandii* -> ``cldr-fi`` -> a Czech table's *Finsko*. Precision
first: only places of the table take part; a table place with a code of its own must have the same code; a
name two world places share (Mexico the country, México the city in Slovak) leads to neither; two table
places the names lead to tie, and the query then resolves to neither.

```pycon
>>> from namenorm.index import Index
>>> from namenorm.types import Entity, Name
>>> czech = Index.build([Entity("finland", "place", "Finsko", (Name("Finska", "sl"),))])
>>> found = world_gazetteer().places("Finlandii", "pl", czech)
>>> [(entry.entity.id, entry.name, world.entity_id, world.method.value) for entry, world in found]
[('finland', 'Finska', 'cldr-fi', 'inflection'), ('finland', 'Finsko', 'cldr-fi', 'inflection')]

```
"""

from __future__ import annotations

__all__ = ["Gazetteer", "load_world_names", "world_gazetteer"]

import dataclasses
import functools
import hashlib
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .demonyms import demonym_entities
from .errors import NamenormError
from .fuzzy import DeletionIndex
from .index import Entry, Index
from .matcher import Matcher
from .morph import as_written
from .normalize import normalize
from .phonetic import PhoneticIndex
from .table import bundled_data_path, bundled_table_path, load_table
from .types import Entity, Match, Name

DEMONYM_FACTOR = 0.9
"""A demonym's match counts for this much of a name's: the people of a place, not its name."""
WORLD_NAMES = "world-names.json"
"""The world places' names in languages the world table does not match queries in (bg, cs, sk, sl, hr)."""


class Gazetteer:
    """A world table's matcher and every place's name keys, each key of one place only."""

    def __init__(
        self,
        world: Matcher,
        other_names: Mapping[str, Mapping[str, Sequence[str]]],
        demonyms: Callable[[], Matcher] | None = None,
    ) -> None:
        """``world`` resolves queries; ``other_names`` gives more names of its places (id -> lang ->
        names); ``demonyms`` makes, when first needed (``resolve`` only), the matcher of the nouns for a
        place's people (its entities' ids are the world places' ids)."""
        self.world = world
        self._place_ids = functools.lru_cache(maxsize=1 << 14)(self._place_id)
        """The places words name, remembered (an organisation's words are read at every compile and query)."""
        self._make_demonyms = demonyms
        self._demonyms: tuple[Matcher, frozenset[str]] | None = None
        owners: dict[str, set[str]] = defaultdict(set)
        self.codes: dict[str, str | None] = {}
        for key, entries in world.index.names.items():
            for entry in entries:
                owners[key].add(entry.entity.id)
                self.codes[entry.entity.id] = entry.entity.code
        for place_id, names in other_names.items():
            for texts in names.values():
                for name in texts:
                    owners[normalize(name)].add(place_id)
        self.other_names = other_names
        self.keys: dict[str, tuple[str, ...]] = defaultdict(tuple)
        self.place_of: dict[str, str] = {}
        """The world place a name key belongs to (keys of one place only)."""
        for key, ids in sorted(owners.items()):
            if len(ids) == 1:
                (only,) = ids
                self.keys[only] += (key,)
                self.place_of[key] = only
        self.entities: dict[str, Entity] = {
            entry.entity.id: entry.entity for entries in world.index.names.values() for entry in entries
        }
        """The world places by id."""

    def names_of(self, entity: Entity) -> tuple[str, tuple[Name, ...]] | None:
        """The world place a table place is (the one its label names, else the one all of its names
        name; the same code when it has one) and that place's names in every language of the world
        table, but those it shares with another place or marks as also a common word (Polish Dania).

        ```pycon
        >>> from namenorm.types import Entity, Name
        >>> found = world_gazetteer().names_of(Entity("us", "place", "United States", ()))
        >>> found[0], [n.text for n in found[1] if n.lang in ("it", "nl")]
        ('cldr-us', ['Stati Uniti', 'USA', "Stati Uniti d'America", 'Verenigde Staten', 'VS'])

        ```
        """
        if entity.type != "place":
            return None
        place_id = self.place_of.get(normalize(entity.label))  # the place the label names, if one
        if place_id is None:
            keys = {normalize(n.text) for n in entity.names}
            ids = {self.place_of[key] for key in keys if key in self.place_of}
            if len(ids) != 1:
                return None
            (place_id,) = ids
        place = self.entities[place_id]
        if entity.code not in (None, place.code):
            return None
        other = self.other_names.get(place_id, {})
        every = (*place.names, *(Name(text, lang) for lang, texts in other.items() for text in texts))
        kept = tuple(
            n
            for n in every
            if normalize(n.text) not in place.ambiguous | place.common
            and self.place_of.get(normalize(n.text)) == place_id
        )
        return place_id, kept

    def place_id(self, name: str, lang: str | None) -> str | None:
        """The world place ``name`` names (as listed or inflected), if one.

        ```pycon
        >>> world_gazetteer().place_id("Italii", "pl")
        'cldr-it'

        ```
        """
        return self._place_ids(name, lang)

    def _place_id(self, name: str, lang: str | None) -> str | None:
        if not self.world.index.readable(as_written(name).key):
            return None  # no word starts as a world place's word does: no reading of it is a place
        match = self.world.resolve_as_listed(name, lang)
        return None if match is None else match.entity_id

    @property
    def demonyms(self) -> Matcher | None:
        """The demonyms' matcher, made on first use (tagging never needs it)."""
        return self._demonym_reader()[0] if self._make_demonyms is not None else None

    def _demonym_reader(self) -> tuple[Matcher, frozenset[str]]:
        """The demonyms' matcher and the first three letters of every demonym."""
        if self._demonyms is None:
            assert self._make_demonyms is not None
            matcher = self._make_demonyms()
            self._demonyms = matcher, frozenset(key[:3] for key in matcher.index.names)
        return self._demonyms

    def _demonym(self, name: str, lang: str | None) -> Match | None:
        """The world place whose people ``name`` names (Brytyjczykami: Great Britain), for one word that
        starts as a demonym does."""
        if self._make_demonyms is None or len(name.split()) != 1:
            return None
        matcher, starts = self._demonym_reader()
        if normalize(name)[:3] not in starts:
            return None
        people = matcher.resolve_as_listed(name, lang)
        if people is None or people.entity_id not in self.entities:
            return None
        return dataclasses.replace(
            people, score=people.score * DEMONYM_FACTOR, trail=(*people.trail, "demonym")
        )

    def places(self, name: str, lang: str | None, index: Index) -> list[tuple[Entry, Match]]:
        """The entries of ``index`` that name the world place ``name`` is, each with the world match."""
        # as listed or inflected only: a transliteration, sound or typo on top of a translation is two guesses
        world = self.world.resolve_as_listed(name, lang) or self._demonym(name, lang)
        if world is None:
            return []
        code = self.codes.get(world.entity_id)
        found = []
        for key in self.keys.get(world.entity_id, ()):
            for entry in index.lookup(key):
                entity = entry.entity
                if entity.type == "place" and entity.code in (None, code):
                    found.append((entry, world))
        return found


def load_world_names(path: str | Path | None = None) -> dict[str, dict[str, list[str]]]:
    """The world places' other names (``data/world-names.json`` by default): id -> language -> names.

    ```pycon
    >>> load_world_names()["cldr-fi"]["cs"], load_world_names()["cldr-us"]["es"]
    (['Finsko'], ['Estados Unidos', 'EE. UU.', 'EEUU'])

    ```
    """
    path = Path(path) if path is not None else bundled_data_path(WORLD_NAMES)
    try:
        places = json.loads(path.read_text(encoding="utf-8"))["places"]
    except (ValueError, KeyError, TypeError) as exc:
        raise NamenormError(f"{path}: not a world-names file ({exc})") from exc
    if not isinstance(places, dict) or not all(isinstance(v, dict) for v in places.values()):
        raise NamenormError(f"{path}: expected a mapping of place ids to mappings of languages to names")
    return {
        str(k): {str(lang): [str(n) for n in names] for lang, names in v.items()} for k, v in places.items()
    }


_lock = threading.Lock()
_WORLD: list[Gazetteer] = []


WORLD_ENTITIES = "world.json"
"""The world table's entities as loaded, in JSON (generated with ``world.yaml``; read in a tenth of the time
YAML takes), with the digest of the ``world.yaml`` it was made from."""


def dump_world_entities(entities: Sequence[Entity], yaml_text: str) -> str:
    """The JSON of ``entities`` (loaded from a world table whose text is ``yaml_text``), one per line.

    ```pycon
    >>> from namenorm.types import Entity, Name
    >>> text = dump_world_entities([Entity("x", "place", "X", (Name("Iks", "pl", 3, 9),))], "")
    >>> [(e.id, e.names[0].text) for e in read_world_entities(text, "", "w.yaml")]
    [('x', 'Iks')]

    ```
    """
    rows = [
        json.dumps(
            [
                e.id,
                e.type,
                e.label,
                e.code,
                [[n.text, n.lang, n.line, n.column] for n in e.names],
                sorted(e.ambiguous),
                sorted(e.common),
                e.wikidata,
                e.note,
                e.line,
                e.column,
            ],
            ensure_ascii=False,
        )
        for e in entities
    ]
    digest = hashlib.sha256(yaml_text.encode("utf-8")).hexdigest()
    return '{"world_yaml_sha256": "' + digest + '", "entities": [\n' + ",\n".join(rows) + "\n]}\n"


def read_world_entities(text: str, yaml_text: str, source: str) -> tuple[Entity, ...] | None:
    """The entities :func:`dump_world_entities` wrote, or None when they were made from another text of
    the world table (stale: the YAML is read instead)."""
    data = json.loads(text)
    if data.get("world_yaml_sha256") != hashlib.sha256(yaml_text.encode("utf-8")).hexdigest():
        return None
    return tuple(
        Entity(
            id=row[0],
            type=row[1],
            label=row[2],
            code=row[3],
            names=tuple(Name(n[0], n[1], n[2], n[3]) for n in row[4]),
            ambiguous=frozenset(row[5]),
            common=frozenset(row[6]),
            wikidata=row[7],
            note=row[8],
            source=source,
            line=row[9],
            column=row[10],
        )
        for row in data["entities"]
    )


def _world_entities() -> tuple[Entity, ...]:
    """The bundled world table's entities: from ``world.json`` when it was made from this ``world.yaml``,
    else from the YAML (validated)."""
    path = bundled_table_path("world")
    yaml_text = path.read_text(encoding="utf-8")
    cached = bundled_data_path(WORLD_ENTITIES)
    if cached.is_file():
        found = read_world_entities(cached.read_text(encoding="utf-8"), yaml_text, str(path))
        if found is not None:
            return found
    return load_table(path, strict=True).entities


def _demonym_matcher() -> Matcher:
    """The matcher of the demonyms (``lexicon/demonyms.yaml``), read as listed or inflected."""
    return Matcher((Index.build(demonym_entities()), DeletionIndex(()), PhoneticIndex(())))


def world_gazetteer() -> Gazetteer:
    """The gazetteer of the bundled world table, built on first use (a tenth of a second) and shared."""
    with _lock:
        if not _WORLD:
            # read as listed or inflected only: no transliteration keys or typo index to build
            world = Matcher((Index.build(_world_entities()), DeletionIndex(()), PhoneticIndex(())))
            _WORLD.append(Gazetteer(world, load_world_names(), _demonym_matcher))
        return _WORLD[0]
