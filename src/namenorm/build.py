"""Write a compiled index from a stream of entities, in memory bounded whatever the table's size.

Every table file is read a slice of entities at a time (:func:`~namenorm.table.iter_entities`); each entity
is written to the record files at once, and each pair a trie will hold (a name's key and its entry, a
transliteration key, a typo code, a tagger hit) goes to a :class:`~namenorm.spill.Spill` on disk; each
trie is built from its spill at the end (marisa sorts the keys). What stays in memory is a few bytes per
entry (its entity, language and position, for the check of names two entities share), the entities that
carry a ``code`` (joined with the other files' entities of that code at the end, and numbered after the
others) and the blocks being filled.

A table with a problem (a field, a duplicate id or code, in ``strict`` mode a name two entities share) is
not written: :class:`NeedsWholeTable` sends the caller to :func:`~namenorm.table.load_table`, which
reports every problem with its file and line.

```pycon
>>> import tempfile, pathlib
>>> from namenorm.table import bundled_table_path
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> written = write_stream([str(bundled_table_path())], folder, strict=True)
>>> written.entities > 10, (folder / "names.marisa").exists()
(True, True)

```
"""

from __future__ import annotations

__all__ = [
    "FILES", "SHARDED", "SHARDS", "NeedsWholeTable", "Written", "pack_hit", "pack_item", "shard_of",
    "trie_parts", "write_entities", "write_stream",
]  # fmt: skip

import json
import struct
import warnings
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import marisa_trie

from .errors import TableIssue, TableWarning
from .fuzzy import DeletionIndex
from .keys import (
    Entry,
    Hit,
    Spelt,
    TagTotals,
    block_codes,
    claimed_once,
    clash_message,
    clashes_in,
    file_hits,
    file_meanings,
    file_names,
    file_spellings,
    key_prefixes,
    shared_keys,
    shared_warning,
    translation_hits,
)
from .orgwords import Place
from .spill import Spill, Words
from .table import Collector, iter_entities, join_codes
from .types import Entity, Name

SHARDS = 4
"""The largest tries are split in this many by a hash of their keys, each built alone: marisa holds a
trie's whole key set in memory while it builds it (at 10^7 names, gigabytes for the largest)."""

SHARDED = ("preadings", "pcodes")
"""The tries split in ``SHARDS``."""


def shard_of(key: str) -> int:
    """The shard of a split trie that holds ``key`` (stable across processes, unlike ``hash``)."""
    return zlib.crc32(key.encode()) % SHARDS


def trie_parts(name: str) -> tuple[str, ...]:
    """The file names (without ``.marisa``) trie ``name`` is written to: one, or one per shard.

    ```pycon
    >>> trie_parts("names"), trie_parts("pcodes")[:2]
    (('names',), ('pcodes.0', 'pcodes.1'))

    ```
    """
    return tuple(f"{name}.{shard}" for shard in range(SHARDS)) if name in SHARDED else (name,)


def _trie_files(name: str) -> tuple[str, ...]:
    return tuple(f"{part}.marisa" for part in trie_parts(name))


FILES = (
    "entities.bin", "entities.idx", "entries.bin", "entries.idx", *_trie_files("names"),
    *_trie_files("surnames"), "typos.marisa", "tokens.marisa", "stems.txt", *_trie_files("pkeys"),
    *_trie_files("psurnames"), *_trie_files("pcodes"), *_trie_files("plast"), "ptokens.marisa",
    *_trie_files("preadings"), *_trie_files("preadsurnames"), *_trie_files("tags"), "tagprefixes.marisa",
    "translations.marisa", "meanings.marisa", "meanings_alone.marisa", "tagger.json", "shared.marisa",
)  # fmt: skip
"""Every file of a compiled folder besides ``meta.json``, which records each one's size and SHA-256."""

ID = struct.Struct("<I")
"""A record number, as tries store it."""

PROGRESS_EVERY = 10_000
"""Entities between two calls of a build's progress function."""

_TRIES = ("names", "surnames", "pkeys", "psurnames", "preadings", "preadsurnames", "plast", "pcodes", "tags",
          "meanings", "meanings_alone")  # fmt: skip


@dataclass(frozen=True, slots=True)
class World:
    """What a compiled index takes from the world gazetteer: the world place a table place is, with that
    place's names (:meth:`~namenorm.gazetteer.Gazetteer.names_of`: the tagger's translations), and the world
    place a word names (:meth:`~namenorm.gazetteer.Gazetteer.place_id`: organisations' meaning keys)."""

    names_of: Callable[[Entity], tuple[str, tuple[Name, ...]] | None]
    place_id: Place


class NeedsWholeTable(Exception):
    """The tables have a problem that :func:`~namenorm.table.load_table` reports (or, for a duplicate id
    found by its hash, rules out)."""


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_stream` wrote: entities, whether a name is in Cyrillic, and the names two entities
    share that became ambiguous (the table's warning)."""

    entities: int
    cyrillic: bool
    shared: int


def pack_hit(entity: int, hit: Hit) -> bytes:
    """A tagger hit as ``tags.marisa`` stores it."""
    e = hit.entry
    fields = (e.name, e.lang, str(int(e.is_label)), hit.method.value, repr(hit.score),
              f"{int(hit.acronym)}{int(hit.lower_ok)}", " ".join(hit.trail))  # fmt: skip
    return ID.pack(entity) + "\t".join(fields).encode()


def pack_item(number: int, person: bool, words: Sequence[str]) -> bytes:
    """A phonetic blocking item as ``plast.marisa`` stores it."""
    return ID.pack(number) + (b"P" if person else b"-") + " ".join(words).encode()


class RecordWriter:
    """Variable-length UTF-8 records, written one by one: a blob and an offsets file."""

    def __init__(self, folder: Path, name: str) -> None:
        self._folder, self._name = folder, name
        self._blob: BinaryIO = open(folder / f"{name}.bin", "wb")  # noqa: SIM115 (closed by close)
        self._offsets, self._position = array("I", [0]), 0

    def add(self, row: Sequence[str]) -> None:
        data = "\t".join(row).encode()
        self._blob.write(data)
        self._position += len(data)
        self._offsets.append(self._position)

    def close(self) -> None:
        self._blob.close()
        (self._folder / f"{self._name}.idx").write_bytes(self._offsets.tobytes())


def write_stream(
    paths: Sequence[str],
    folder: Path,
    strict: bool,
    progress: Callable[[int], None] | None = None,
    world: World | None = None,
) -> Written:
    """Write the compiled files of the alias files ``paths`` into ``folder``, reading them once;
    ``progress(entities)`` is called every ``PROGRESS_EVERY`` entities; with ``world``, the tagger's
    translations of the table's places and the meaning keys with world places are written too."""
    builder = _Builder(folder, world)
    try:
        for rank, entity in _valid_entities(paths, builder.ids):
            builder.add(rank, entity)
            if progress is not None and builder.count % PROGRESS_EVERY == 0:
                progress(builder.count)
        if len(marisa_trie.Trie(builder.ids.keys())) < builder.count:
            raise NeedsWholeTable("duplicate id")
        return builder.finish(strict)
    finally:
        builder.close()


def write_entities(
    entities: Iterable[Entity], folder: Path, warn: bool = True, world: World | None = None
) -> Written:
    """Write the compiled files of entities already loaded and checked (``AliasTable.entities``), or made
    by an importer one by one; names two of them share become ambiguous (with a warning, if ``warn``);
    ``world`` as for :func:`write_stream`."""
    builder = _Builder(folder, world)
    try:
        for number, entity in enumerate(entities):
            builder.add(number, entity)
        return builder.finish(strict=False, warn=warn)
    finally:
        builder.close()


def _valid_entities(paths: Sequence[str], ids: Spill) -> Iterator[tuple[int, Entity]]:
    """(rank in table order, entity), entities with a code last but ranked as the first of them, joined
    with the others of that code; raises :class:`NeedsWholeTable` at the first problem."""
    number = 0
    coded: dict[str, list[Entity]] = {}
    numbers: dict[str, int] = {}
    for path in paths:
        out = Collector(path)
        for entity in iter_entities(path, out):
            if out.issues:
                break
            if entity.code is None:
                ids.add(entity.id, b"")
                yield number, entity
                number += 1
            elif entity.code in coded:
                coded[entity.code].append(entity)  # one entity with the first of its code
            else:
                ids.add(entity.id, b"")
                coded[entity.code], numbers[entity.code] = [entity], number
                number += 1
        if out.issues or out.broken:
            raise NeedsWholeTable(path)
    for code, group in coded.items():
        problems, joined = join_codes(group)
        if problems:
            raise NeedsWholeTable(code)
        yield numbers[code], joined[0]


class _Builder:
    """The record files, written as entities come, and the spills of every trie: what each entity files
    (:mod:`namenorm.keys`) goes to disk as it comes."""

    def __init__(self, folder: Path, world: World | None = None) -> None:
        self.folder = folder
        self.spills = {part: Spill(folder, part) for name in _TRIES for part in trie_parts(name)}
        self.world = world
        self.translations = Spill(folder, "translations")
        self.claimed: list[str] = []  # the world place of each table place
        self.ids = Spill(folder, "ids")
        self.words, self.pwords, self.typo_keys = (Words(folder, n) for n in ("words", "pwords", "typokeys"))
        self.records = RecordWriter(folder, "entities")
        self.entries = RecordWriter(folder, "entries")
        self.entry_count = 0
        # per entry, for the check of names two entities share: entity number, language, position
        self.entry_entity, self.entry_lang, self.entry_line = array("I"), array("H"), array("I")
        self.entry_column, self.entry_ambiguous = array("H"), array("B")
        self.entry_label = array("B")  # the entry's key is its entity's label's
        # per entity: its rank in table order (entities with a code are numbered last), its file
        self.rank, self.source = array("I"), array("H")
        self.langs: dict[str, int] = {}
        self.sources: dict[str, int] = {}
        self.coded_blocks: set[str] = set()  # blocks whose codes were filed lately (a bounded memo)
        self.cyrillic = False
        self.totals = TagTotals()
        self.count = 0

    def close(self) -> None:
        for path in self.folder.glob("*.spill"):
            path.unlink(missing_ok=True)

    def add(self, rank: int, entity: Entity) -> None:
        """Write one entity (``rank`` its place in table order): its record, its entries and every key
        they are filed under."""
        number = self.count
        self.count += 1
        self.records.add((entity.id, entity.type, entity.label, entity.wikidata or "", entity.code or "",
                          "|".join(sorted(entity.ambiguous)), "|".join(sorted(entity.common))))  # fmt: skip
        self.rank.append(rank)
        self.source.append(self.sources.setdefault(entity.source, len(self.sources)))
        first = self.entry_count
        filed = file_names(entity)
        self._write_entries(number, filed.entries, filed.keys, filed.places)
        for key, entry in zip(filed.keys, range(first, self.entry_count), strict=True):
            self.spills["names"].add(key, ID.pack(entry))
        for word in {word for key in filed.keys for word in key.split()}:  # an entity's words once
            self.words.add(word)
        for surname, entry in filed.surnames:
            self.spills["surnames"].add(surname, ID.pack(first + entry))
        for key in filed.typo_keys:
            self.typo_keys.add(key)
        self._write_spellings(first, entity.type == "person", file_spellings(filed.entries))
        self.totals.add_entity(filed)
        for key, hit, surface in file_hits(entity):
            self.totals.add_hit(key, hit, surface)
            self.spills["tags"].add(key, pack_hit(number, hit))
        self._write_meanings(first, filed.entries)
        found = self.world.names_of(entity) if self.world is not None else None
        if found is not None:
            place_id, names = found
            self.claimed.append(place_id)
            for key, hit, _ in translation_hits(entity, place_id, names):
                value = place_id.encode() + b"\0" + pack_hit(number, hit)
                self.translations.add(f"{hit.entry.lang}\t{key}", value)

    def _write_entries(
        self, number: int, entries: Sequence[Entry], keys: Sequence[str], places: Sequence[tuple[int, int]]
    ) -> None:
        """The entity's entries, numbered from ``entry_count``, with what the check of shared names needs."""
        entity = entries[0].entity
        for entry, key, (line, column) in zip(entries, keys, places, strict=True):
            self.entries.add((str(number), entry.name, entry.lang, "1" if entry.is_label else "0"))
            self.entry_count += 1
            self.entry_entity.append(number)
            self.entry_lang.append(self.langs.setdefault(entry.lang, len(self.langs)))
            self.entry_line.append(line)
            self.entry_column.append(min(column, 0xFFFF))
            self.entry_ambiguous.append(key in entity.ambiguous)
            self.entry_label.append(entry.is_label)

    def _write_meanings(self, first: int, entries: Sequence[Entry]) -> None:
        """The meaning keys of an organisation's names, with the world places (when known) and without."""
        place = self.world.place_id if self.world is not None else None
        placed, alone = file_meanings(entries, place)
        for name, found in (("meanings", placed), ("meanings_alone", alone)):
            for key, entry in found:
                self.spills[name].add(key, ID.pack(first + entry))

    def _write_spellings(self, first: int, person: bool, spelt: Spelt) -> None:
        """Transliteration keys, other readings and phonetic blocks (entries numbered from ``first``)."""
        keyed = (("pkeys", spelt.keys), ("psurnames", spelt.surnames), ("preadings", spelt.readings))
        for name, pairs in (*keyed, ("preadsurnames", spelt.reading_surnames)):
            for key, entry in pairs:
                self._spill(name, key).add(key, ID.pack(first + entry))
        keyed_names = (*spelt.keys, *spelt.readings)  # the surnames are words of these keys
        for word in {word for key, _ in keyed_names for word in key.split()}:
            self.pwords.add(word)
        for block, entry, words in spelt.blocks:
            self.spills["plast"].add(block, pack_item(first + entry, person, words))
            if block not in self.coded_blocks:
                if len(self.coded_blocks) > 1 << 16:
                    self.coded_blocks.clear()
                self.coded_blocks.add(block)
                for code in block_codes(block):
                    self._spill("pcodes", code).add(code, block.encode())
        self.cyrillic = self.cyrillic or spelt.cyrillic

    def _spill(self, name: str, key: str) -> Spill:
        """The spill of trie ``name`` (of its shard for ``key``, when it is split)."""
        return self.spills[f"{name}.{shard_of(key)}" if name in SHARDED else name]

    def finish(self, strict: bool, warn: bool = True) -> Written:
        """Build every trie from its spill; check the names two entities share."""
        self.entries.close()
        self.records.close()
        for name, spill in self.spills.items():
            marisa_trie.BytesTrie(spill).save(str(self.folder / f"{name}.marisa"))
        clashes = self._all_clashes()
        if clashes and strict:
            raise NeedsWholeTable("shared names")
        e, label = self.entry_entity, self.entry_label
        shared = shared_keys((e[later], label[later] == 1, e[earlier], label[earlier] == 1, key)
                             for later, earlier, key in clashes)  # fmt: skip
        if clashes and warn:
            self._warn(clashes)
        marisa_trie.BytesTrie(
            (str(number), key.encode()) for number, keys in sorted(shared.items()) for key in sorted(keys)
        ).save(str(self.folder / "shared.marisa"))
        sole = claimed_once(self.claimed)
        marisa_trie.BytesTrie(
            (key, value.partition(b"\0")[2])
            for key, value in self.translations
            if value.partition(b"\0")[0].decode() in sole
        ).save(str(self.folder / "translations.marisa"))
        typos = ((code, key.encode()) for code, key in DeletionIndex.pairs(self.typo_keys))  # each key once
        marisa_trie.BytesTrie(typos).save(str(self.folder / "typos.marisa"))
        tokens = marisa_trie.Trie(self.words)
        tokens.save(str(self.folder / "tokens.marisa"))
        _write_lines(self.folder / "stems.txt", sorted({word[:3] for word in tokens.iterkeys()}))
        del tokens
        marisa_trie.Trie(self.pwords).save(str(self.folder / "ptokens.marisa"))
        keys = marisa_trie.BytesTrie().mmap(str(self.folder / "tags.marisa"))
        marisa_trie.Trie(p for key in keys.iterkeys() for p in key_prefixes(key)).save(
            str(self.folder / "tagprefixes.marisa")
        )
        totals = self.totals
        meta = {
            "max_tokens": totals.max_tokens,
            "lower_firsts": sorted(totals.lower_firsts),
            "fold_prefixes": sorted(totals.fold_prefixes),
            "common_names": sorted(totals.common),
            "first_words": dict(sorted(totals.first_words.items())),
        }
        (self.folder / "tagger.json").write_text(json.dumps(meta), encoding="utf-8")
        return Written(self.count, self.cyrillic, len(clashes))

    def _all_clashes(self) -> list[tuple[int, int, str]]:
        """Every clash of a name two entities share as (later entry, earlier entry, key), in table order
        (``names.marisa`` gives each key's entries together)."""
        names = marisa_trie.BytesTrie().mmap(str(self.folder / "names.marisa"))
        clashes: list[tuple[int, int, str]] = []
        group: list[int] = []
        last = None
        for key, value in names.iteritems():
            if key != last:
                clashes += self._clashes(last, group)
                group, last = [], key
            group.append(ID.unpack(value)[0])
        clashes += self._clashes(last, group)
        clashes.sort(key=lambda c: (self.rank[self.entry_entity[c[0]]], c[0]))
        return clashes

    def _clashes(self, key: str | None, group: list[int]) -> list[tuple[int, int, str]]:
        """The clashes among the entries of one key (:func:`~namenorm.keys.clashes_in`), in table order."""
        if key is None or len({self.entry_entity[n] for n in group}) < 2:
            return []
        group = sorted(group, key=lambda n: (self.rank[self.entry_entity[n]], n))
        langs = {code: lang for lang, code in self.langs.items()}
        entity, lang, ambiguous = self.entry_entity, self.entry_lang, self.entry_ambiguous
        owners = [(entity[n], langs[lang[n]], bool(ambiguous[n])) for n in group]
        return [(group[later], group[earlier], key) for later, earlier in clashes_in(owners)]

    def _warn(self, clashes: list[tuple[int, int, str]]) -> None:
        """The table's warning about shared names, worded as :func:`~namenorm.table.load_table` words it."""
        langs = {code: lang for lang, code in self.langs.items()}
        sources = {code: source for source, code in self.sources.items()}
        records = _read_records(self.folder, "entities")
        shown = []
        for later, earlier, key in clashes[:3]:
            entity, other = self.entry_entity[later], self.entry_entity[earlier]
            other_place = f"{sources[self.source[other]]}:{self.entry_line[earlier]}"
            lang = langs[self.entry_lang[later]]
            message = clash_message(key, lang, records(entity), records(other), other_place)
            issue = TableIssue(
                sources[self.source[entity]], self.entry_line[later], self.entry_column[later], message
            )
            shown.append(str(issue))
        warnings.warn(shared_warning(len(clashes), shown), TableWarning, stacklevel=4)


def _read_records(folder: Path, name: str) -> Callable[[int], str]:
    """The first field (an id) of a record file's record by number, read from the files just written."""
    blob = (folder / f"{name}.bin").read_bytes()
    offsets = array("I")
    offsets.frombytes((folder / f"{name}.idx").read_bytes())

    def first_field(number: int) -> str:
        return blob[offsets[number] : offsets[number + 1]].decode().split("\t", 1)[0]

    return first_field


def _write_lines(path: Path, words: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for k, word in enumerate(words):
            out.write(word if k == 0 else "\n" + word)
