"""Compiled indexes: build a table's indexes once into a folder that loads in milliseconds.

``namenorm compile table.yaml -o table.nnidx`` writes a folder of memory-mapped files: marisa tries (compact
static tries, shared between processes through the page cache) from keys to packed entries (names,
surnames, transliteration keys, phonetic blocks, typo codes, and the tagger's names), and two record files
(entries and entities) read through ``mmap``. :func:`load_compiled` maps them without parsing YAML or
building anything, and :meth:`namenorm.Resolver.load` puts a resolver in front of them; entries and
entities are decoded when a query first touches them (the most recent are kept), so resident memory grows
with what is used, not with the size of the table. The vocabulary sets that rule analysis consults on
every word are loaded into memory.

```pycon
>>> import tempfile, pathlib
>>> from namenorm.matcher import Matcher
>>> from namenorm.table import bundled_table_path
>>> out = compile_tables([bundled_table_path()], pathlib.Path(tempfile.mkdtemp()) / "bundled.nnidx")
>>> compiled = load_compiled(out)
>>> Matcher(compiled.indexes).resolve("Stambule", "pl").entity_id
'istanbul'
>>> len(compiled.table().entities) == read_meta(out)["entities"]
True

```
"""

from __future__ import annotations

__all__ = [
    "CACHE_ENV", "FORMAT", "Compiled", "cache_folder", "cached_index", "cached_warning", "compile_entities",
    "compile_tables", "file_digests", "load_compiled", "read_meta", "tables_digest", "verify_compiled",
]  # fmt: skip

import hashlib
import itertools
import json
import mmap
import os
import shutil
import stat
import struct
import tempfile
import uuid
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar, cast

import marisa_trie

from .arguments import check_paths
from .build import (
    FILES,
    ID,
    NeedsWholeTable,
    World,
    Written,
    shard_of,
    trie_parts,
    write_entities,
    write_stream,
)
from .errors import NamenormError, TableWarning
from .fuzzy import DeletionIndex
from .gazetteer import world_gazetteer
from .index import Index
from .keys import LABEL_LANG, Entry, Hit
from .matcher import Indexes
from .phonetic import PhoneticIndex
from .table import MAX_NAME_CHARS, AliasTable, load_table
from .tagger import TagNames
from .types import Entity, Method, Name

FORMAT = "namenorm-compiled-14"
T = TypeVar("T")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("namenorm")
    except PackageNotFoundError:  # pragma: no cover - source tree without installing
        return "0+unknown"


def tables_digest(paths: Sequence[str | PathLike[str]]) -> str:
    """SHA-256 over the bytes of the given table files, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


_CORRUPT = (ValueError, IndexError, TypeError, KeyError, struct.error)  # UnicodeDecodeError is a ValueError


def _corrupted(where: Path, exc: Exception) -> NamenormError:
    return NamenormError(f"{where}: corrupted ({type(exc).__name__}: {exc}); compile the index again")


class _Records:
    """Variable-length UTF-8 records by number: a blob and an offsets file, both memory-mapped."""

    def __init__(self, folder: Path, name: str) -> None:
        self._path = folder / f"{name}.bin"
        self._blob = _map(self._path)
        self._offsets = memoryview(_map(folder / f"{name}.idx")).cast("I")

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, number: int) -> list[str]:
        try:
            start, end = self._offsets[number], self._offsets[number + 1]
            if not 0 <= start <= end <= len(self._blob):
                raise IndexError(f"record {number} at {start}:{end} is outside the file")
            return bytes(self._blob[start:end]).decode().split("\t")
        except _CORRUPT as exc:
            raise _corrupted(self._path, exc) from exc


_METHODS = {method.value: method for method in Method}
"""Methods by value (a dict: calling the enum by value costs several times as much, once per hit read)."""


def _map(path: Path) -> mmap.mmap | bytes:
    with open(path, "rb") as fh:
        if path.stat().st_size == 0:
            return b""
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


class _Store:
    """Entities, entries and tagger hits by number, decoded on first use; the most recently used
    ``CACHE_SIZE`` of each are kept (a long job over a large table does not decode the whole table into
    memory)."""

    CACHE_SIZE = 1 << 16

    def __init__(self, folder: Path) -> None:
        self._entities = _Records(folder, "entities")
        self._entries = _Records(folder, "entries")
        self._shared = marisa_trie.BytesTrie().mmap(str(folder / "shared.marisa"))
        """Names an entity shares with another without marking them (a table loaded not strictly): its
        ambiguous names too."""
        self.entity = lru_cache(maxsize=self.CACHE_SIZE)(self._entity)
        self.entry = lru_cache(maxsize=self.CACHE_SIZE)(self._entry)
        self.hit = lru_cache(maxsize=self.CACHE_SIZE)(self._hit)

    def _entity(self, number: int) -> Entity:
        try:
            eid, kind, label, wikidata, code, ambiguous, common = self._entities[number]
            shared = frozenset(key.decode() for key in self._shared.get(str(number), ()))
            return Entity(
                eid, kind, label, (), wikidata or None, ambiguous=_keys(ambiguous) | shared,
                common=_keys(common), code=code or None,
            )  # fmt: skip
        except _CORRUPT as exc:
            raise _corrupted(self._entities._path, exc) from exc

    def _entry(self, number: int) -> Entry:
        try:
            entity, name, lang, is_label = self._entries[number]
            return Entry(self.entity(int(entity)), name, lang, is_label == "1")
        except _CORRUPT as exc:
            raise _corrupted(self._entries._path, exc) from exc

    def _hit(self, value: bytes) -> Hit:
        """A tagger hit packed by :func:`~namenorm.build.pack_hit`."""
        try:
            number = ID.unpack_from(value)[0]
            name, lang, is_label, method, score, flags, trail = value[4:].decode().split("\t")
            entry = Entry(self.entity(number), name, lang, is_label == "1")
            return Hit(
                entry, _METHODS[method], float(score), tuple(trail.split()), flags[0] == "1", flags[1] == "1"
            )
        except _CORRUPT as exc:
            raise _corrupted(self._entities._path.with_name("tags.marisa"), exc) from exc

    def item(self, value: bytes) -> _StoredItem:
        """A blocking item: entry number, person flag and key words (:func:`~namenorm.build.pack_item`)."""
        try:
            words = tuple(value[5:].decode().split())
            return _StoredItem(self, ID.unpack_from(value)[0], value[4:5] == b"P", words)
        except _CORRUPT as exc:
            raise _corrupted(self._entities._path.with_name("plast.marisa"), exc) from exc

    def table(self) -> AliasTable:
        """The whole table, rebuilt from the records (``Resolver.table``; resolving and tagging never need
        it)."""
        names: dict[int, list[Name]] = {}
        try:
            for number in range(len(self._entries)):
                entity, name, lang, _ = self._entries[number]
                if lang != LABEL_LANG:
                    names.setdefault(int(entity), []).append(Name(name, lang))
        except _CORRUPT as exc:
            raise _corrupted(self._entries._path, exc) from exc
        entities = []
        for number in range(len(self._entities)):
            bare = self._entity(number)
            entities.append(replace(bare, names=tuple(names.get(number, ()))))
        return AliasTable(tuple(entities), ())


class _StoredItem:
    """A phonetic blocking item read from a compiled index: the entry is decoded only when the item's words
    align with a query's (most items of a block do not)."""

    __slots__ = ("_store", "person", "ref", "words")

    def __init__(self, store: _Store, number: int, person: bool, words: tuple[str, ...]) -> None:
        self._store, self.ref, self.person, self.words = store, number, person, words

    @property
    def entry(self) -> Entry:
        return self._store.entry(self.ref)


class _TrieMap(Generic[T]):
    """A read-only mapping from keys to tuples of values, over a memory-mapped marisa BytesTrie."""

    def __init__(self, path: Path, decode: Callable[[bytes], T]) -> None:
        self._path = path
        self.trie = marisa_trie.BytesTrie().mmap(str(path))
        self._decode = decode

    def get(self, key: str, default: tuple[T, ...] = ()) -> tuple[T, ...]:
        values = self.trie.get(key)
        if values is None:
            return default
        try:
            return tuple(map(self._decode, values))
        except _CORRUPT as exc:
            raise _corrupted(self._path, exc) from exc

    def __contains__(self, key: object) -> bool:
        return key in self.trie

    def __len__(self) -> int:
        return len(self.trie)

    @staticmethod
    def write(path: Path, pairs: Iterable[tuple[str, bytes]]) -> None:
        marisa_trie.BytesTrie(pairs).save(str(path))


class _ShardedMap(Generic[T]):
    """A :class:`_TrieMap` split in files by :func:`~namenorm.build.shard_of` of the key (the parts
    :func:`~namenorm.build.trie_parts` names)."""

    def __init__(self, folder: Path, name: str, decode: Callable[[bytes], T]) -> None:
        self._shards = [_TrieMap(folder / f"{part}.marisa", decode) for part in trie_parts(name)]

    def get(self, key: str, default: tuple[T, ...] = ()) -> tuple[T, ...]:
        return self._shards[shard_of(key)].get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._shards[shard_of(key)]


def _keys(field: str) -> frozenset[str]:
    """Name keys stored as ``a|b`` (normalised keys hold neither a bar nor a tab)."""
    return frozenset(field.split("|")) if field else frozenset()


def _words(path: Path) -> dict[str, None]:
    """A small file of words, one per line, as a set. A dict of strings rather than a frozenset: the garbage
    collector does not track it, so its full collections do not walk it."""
    return dict.fromkeys(w for w in path.read_text(encoding="utf-8").split("\n") if w)


def _vocabulary(path: Path) -> Collection[str]:
    """Every word of the table's names, which rule analysis asks about for every reading of every word: a
    set when there are at most ``IN_MEMORY_KEYS`` (a few milliseconds to read), else the memory-mapped trie
    (at 10^7 names, millions of words that a set would read into memory at every load: seconds, and
    gigabytes resident)."""
    trie = marisa_trie.Trie().mmap(str(path))
    words = _keys_in_memory(trie)
    return trie if words is None else words


class Compiled(NamedTuple):
    """What a compiled folder holds, mapped: the table (rebuilt from the records when first asked for), the
    three indexes, and the tagger's names (read when first asked for)."""

    folder: Path
    table: Callable[[], AliasTable]
    indexes: Indexes
    tag_names: Callable[[], TagNames]


def compile_tables(
    paths: Sequence[str | PathLike[str]],
    out: str | PathLike[str],
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Read, check and index ``paths`` and write the compiled index to the folder ``out``; returns the
    folder. The tables are read once, a slice of entities at a time, and every index goes to disk as it
    is made and into its trie at the end (:mod:`namenorm.build`), so memory stays bounded whatever their
    size; ``progress(entities)`` is called every ten thousand entities. A table with a problem raises
    :class:`AliasTableError` with every problem, as :func:`~namenorm.table.load_table`.

    The files are written to a new folder beside ``out`` and renamed into place when complete, so an
    interrupted compile leaves ``out`` as it was. ``out`` may be missing, an empty folder or an earlier
    compiled index (replaced); anything else is refused with a :class:`NamenormError`, never deleted."""
    path_list = check_paths(paths)
    return _compile(out, path_list, lambda work: _write(path_list, work, strict, progress))[0]


def compile_entities(entities: Iterable[Entity], out: str | PathLike[str], sources: Sequence[str]) -> Written:
    """Write the compiled index of ``entities`` made elsewhere (an importer's, one by one: see
    :func:`namenorm.wikidata.compile_dump`) to the folder ``out``, as :func:`compile_tables` does;
    ``sources`` are the files they came from (``meta.json`` records them and their digest). A name two of
    them share in one language (or as labels) resolves to neither alone, without a warning."""
    world = _world()
    return _compile(out, list(sources), lambda work: write_entities(entities, work, False, world))[1]


def _world() -> World:
    """What a compiled index takes from the bundled world gazetteer (see :class:`~namenorm.build.World`)."""
    gazetteer = world_gazetteer()
    return World(gazetteer.names_of, gazetteer.place_id)


def _compile(
    out: str | PathLike[str], sources: list[str], write: Callable[[Path], Written]
) -> tuple[Path, Written]:
    """Write a compiled index with ``write`` into a new folder beside ``out``, then move it into place."""
    folder = Path(out)
    if folder.is_symlink():
        folder = folder.resolve()  # a link to an index: the index it points at is replaced
    _check_target(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        work.chmod(_folder_mode(folder))
    except OSError as exc:
        raise NamenormError(f"{folder}: cannot write a compiled index there: {_reason(exc)}") from exc
    try:
        written = write(work)
        _write_meta(work, sources, written)
        _move_into_place(work, folder)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise NamenormError(f"{folder}: cannot write the compiled index: {_reason(exc)}") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder, written


def _write_meta(work: Path, sources: list[str], written: Written, warning: str | None = None) -> None:
    """``meta.json``: what was compiled from what, and every file's size and digest."""
    digests = file_digests(work, FILES)
    files = {name: [(work / name).stat().st_size, digests[name]] for name in FILES}
    meta = {"format": FORMAT, "version": _version(), "tables": sources, "sha256": tables_digest(sources),
            "entities": written.entities, "files": files, "cyrillic_names": written.cyrillic,
            "warning": warning}  # fmt: skip
    (work / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


CACHE_ENV = "NAMENORM_CACHE"
"""The environment variable naming the folder of compiled tables (:func:`cached_index`); ``off`` turns the
cache off."""


def cache_folder() -> Path | None:
    """Where tables compiled on first use are kept: ``$NAMENORM_CACHE``, else ``$XDG_CACHE_HOME/namenorm``,
    else ``~/.cache/namenorm``; None when ``NAMENORM_CACHE`` is ``off``."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "namenorm"


def cached_index(paths: Sequence[str | PathLike[str]], strict: bool) -> Path | None:
    """The compiled index of the tables ``paths`` in :func:`cache_folder`, compiled there when first asked
    for. Its name is a digest of the tables' bytes, ``strict``, the compiled format and namenorm's version,
    so a changed table or another namenorm never meets a stale index. It is written to a temporary folder
    and renamed into place whole; when two processes compile it at once, the first rename wins and the
    other's folder is dropped. None when the cache is off or cannot be written (read the YAML then); a
    table with a problem raises as :func:`compile_tables` does.

    ```pycon
    >>> import os, tempfile
    >>> from namenorm.table import bundled_table_path
    >>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
    >>> first = cached_index([bundled_table_path()], strict=True)
    >>> first == cached_index([bundled_table_path()], strict=True), (first / "meta.json").is_file()
    (True, True)

    ```
    """
    root = cache_folder()
    if root is None:
        return None
    path_list = check_paths(paths)
    name = f"{FORMAT}\0{_version()}\0{int(strict)}\0{tables_digest(path_list)}"
    folder = root / f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.nnidx"
    if (folder / "meta.json").is_file():
        return folder
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=root))
    except OSError:
        return None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TableWarning)
            written = _write(path_list, work, strict, None)
        said = [str(w.message) for w in caught if issubclass(w.category, TableWarning)]
        _write_meta(work, path_list, written, said[0] if said else None)
        work.chmod(_folder_mode(folder))
        try:
            work.rename(folder)
        except OSError:
            if not (folder / "meta.json").is_file():  # not another process's index: the cache is unusable
                return None
    except OSError:
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def cached_warning(folder: Path) -> str | None:
    """The table's warning recorded when the cached index ``folder`` was compiled (names two entities
    share), to be given again each time it is loaded."""
    warning = read_meta(folder).get("warning")
    return warning if isinstance(warning, str) else None


def _folder_mode(folder: Path) -> int:
    """The permissions of a compiled folder: those of the index it replaces, else what the umask lets a
    new folder have (a temporary folder is created 0700)."""
    try:
        return stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o777 & ~mask


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _check_target(folder: Path) -> None:
    """Refuse to compile over anything but nothing, an empty folder or a compiled index."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise NamenormError(f"{folder}: exists and is not a folder; not overwriting it")
    found = {p.name for p in folder.iterdir()}
    others = sorted(found - {"meta.json", *FILES})[:3]
    if found and not others and "meta.json" not in found:
        others = ["no meta.json"]
    elif found and not others and not _written_by_namenorm(folder):
        others = ["a meta.json namenorm did not write"]
    if others:
        raise NamenormError(
            f"{folder}: not empty and not a compiled namenorm index ({', '.join(others)}); not overwriting it"
        )


def _written_by_namenorm(folder: Path) -> bool:
    """``folder``'s ``meta.json`` names a compiled format of namenorm's (of any version)."""
    try:
        meta = read_meta(folder)
    except NamenormError:
        return False
    return isinstance(meta, dict) and str(meta.get("format", "")).startswith(FORMAT.rpartition("-")[0])


def _move_into_place(work: Path, folder: Path) -> None:
    """Rename the finished folder ``work`` to ``folder``, replacing the earlier index there, if any."""
    if not folder.exists():
        work.rename(folder)
        return
    old = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.old")
    folder.rename(old)
    try:
        work.rename(folder)
    except OSError:
        old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def file_digest(path: Path) -> str:
    """The SHA-256 digest (hex) of a file, read in 1 MiB pieces (SHA-256 rather than BLAKE2b: with the
    SHA instructions of current CPUs it runs at twice the speed, 1.7 against 0.9 GB/s here)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while piece := fh.read(1 << 20):
            digest.update(piece)
    return digest.hexdigest()


def file_digests(folder: Path, names: Sequence[str]) -> dict[str, str]:
    """The SHA-256 digest of each file ``names`` of ``folder``, several files at once on several cores
    (hashlib lets other threads run while it hashes), the largest first.

    ```pycon
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("abc")
    >>> file_digests(folder, ["a.txt"])["a.txt"].startswith("ba7816bf8f01cfea")
    True

    ```
    """
    order = sorted(names, key=lambda name: -(folder / name).stat().st_size)
    with ThreadPoolExecutor(max_workers=min(len(order), os.cpu_count() or 1) or 1) as pool:
        return dict(zip(order, pool.map(lambda name: file_digest(folder / name), order), strict=True))


def verify_compiled(path: str | PathLike[str]) -> None:
    """Check every file of a compiled folder against the sizes and SHA-256 digests in its ``meta.json``;
    raise a :class:`NamenormError` naming the files that differ (``Resolver.load`` calls it unless given
    ``verify=False``).

    ```pycon
    >>> import tempfile, pathlib
    >>> from namenorm.table import bundled_table_path
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "bundled.nnidx"
    >>> _ = compile_tables([bundled_table_path()], out)
    >>> verify_compiled(out)
    >>> with open(out / "stems.txt", "r+b") as fh:
    ...     _ = fh.write(b"X")
    >>> try:
    ...     verify_compiled(out)
    ... except NamenormError as exc:
    ...     print("stems.txt differs from its recorded digest" in str(exc))
    True

    ```
    """
    folder = Path(path)
    files = _check_meta(folder, read_meta(folder))
    _check_digests(folder, files, list(files))


ALWAYS_VERIFIED = ("tokens.marisa", "ptokens.marisa")
"""The files read whole when an index is loaded (the vocabularies the tagger walks): their digests are
checked even by ``verify=False`` (a damaged one could crash the interpreter at once); they are a few per cent
of an index."""


def _check_digests(folder: Path, files: dict[str, tuple[int, str]], names: list[str]) -> None:
    """Raise a :class:`NamenormError` naming the files of ``names`` whose digest is not the recorded one."""
    found = file_digests(folder, names)
    bad = [name for name in names if found[name] != files[name][1]]
    if bad:
        which = ", ".join(bad)
        verb = "differs" if len(bad) == 1 else "differ"
        raise NamenormError(f"{folder}: {which} {verb} from its recorded digest: corrupted; compile it again")


def _check_meta(folder: Path, meta: Any) -> dict[str, tuple[int, str]]:
    """Validate ``meta.json``'s shape, format and version and every file's size; returns the files'
    recorded sizes and digests."""
    if not isinstance(meta, dict) or not isinstance(meta.get("format"), str):
        raise NamenormError(f"{folder}: meta.json is not a namenorm index description")
    if meta["format"] != FORMAT:
        raise NamenormError(f"{folder}: not a compiled namenorm index of format {FORMAT}: compile it again")
    if meta.get("version") != _version():
        found = meta.get("version")
        raise NamenormError(f"{folder}: compiled by namenorm {found}, this is {_version()}: compile it again")
    files = meta.get("files")
    if not isinstance(files, dict) or set(files) != set(FILES) or not isinstance(meta.get("entities"), int):
        raise NamenormError(f"{folder}: meta.json does not list the index's files: compile it again")
    recorded: dict[str, tuple[int, str]] = {}
    for name in FILES:
        value = files[name]
        if not (isinstance(value, list) and len(value) == 2 and type(value[0]) is int
                and isinstance(value[1], str)):  # fmt: skip
            raise NamenormError(f"{folder}: meta.json: bad record for {name}: compile it again")
        try:
            _regular(folder / name, name)
            size = (folder / name).stat().st_size
        except OSError as exc:
            raise NamenormError(f"{folder}: {name}: {_reason(exc)}: compile it again") from exc
        except NamenormError as exc:
            raise NamenormError(f"{folder}: {exc}: compile it again") from exc
        if size != value[0]:
            raise NamenormError(
                f"{folder}: {name} has {size} bytes, {value[0]} were written: corrupted; compile it again"
            )
        if name.endswith(".marisa") and _head(folder / name) != MARISA_HEADER:
            raise NamenormError(f"{folder}: {name} is not a marisa trie: corrupted; compile it again")
        recorded[name] = (value[0], value[1])
    return recorded


MARISA_HEADER = b"We love Marisa.\x00"
"""The first bytes of every file the marisa trie library writes."""


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(len(MARISA_HEADER))


def _write(paths: list[str], work: Path, strict: bool, progress: Callable[[int], None] | None) -> Written:
    """The compiled files, streamed from the tables; a table with a problem is loaded whole, which raises
    it (or, when the problem was a false alarm, is written from memory)."""
    world = _world()
    try:
        return write_stream(paths, work, strict, progress, world)
    except NeedsWholeTable:
        table = load_table(paths, strict=strict)
        for path in work.iterdir():
            path.unlink()
        return write_entities(table.entities, work, world=world)


def _tag_names_reader(folder: Path, store: _Store) -> Callable[[], TagNames]:
    """The tagger's names of a compiled folder: its files are mapped now, with the index's other files,
    so that the index stays one snapshot when the folder is compiled again while it is in use; they are
    decoded when ``find`` is first called."""
    try:
        mapped = _map(folder / "tagger.json")
        tags = _TrieMap(folder / "tags.marisa", store.hit)
        prefixes = marisa_trie.Trie().mmap(str(folder / "tagprefixes.marisa"))
        translated = marisa_trie.BytesTrie().mmap(str(folder / "translations.marisa"))
    except (OSError, ValueError, RuntimeError) as exc:
        raise NamenormError(f"{folder}: cannot read the compiled tagger names: {exc}") from exc

    def translations(lang: str) -> Iterator[tuple[str, Hit, str]]:
        """The table's places' world names in ``lang`` (written when the index was compiled)."""
        for key, value in translated.iteritems(f"{lang}\t"):
            yield key.partition("\t")[2], store.hit(value), ""

    def read() -> TagNames:
        try:
            meta = json.loads(bytes(mapped).decode("utf-8"))
            max_tokens = meta["max_tokens"]
            if type(max_tokens) is not int or not 0 < max_tokens <= MAX_NAME_CHARS:  # a word per character
                raise ValueError(f"max_tokens is {max_tokens!r}, not from 1 to {MAX_NAME_CHARS}")
            first_words = meta["first_words"]
            if not all(isinstance(k, str) and type(n) is int for k, n in first_words.items()):
                raise ValueError("first_words must map prefixes to word counts")
            return TagNames(
                _HitMap(tags, _keys_in_memory(tags.trie)),
                _PrefixSet(prefixes, _keys_in_memory(prefixes)),
                max_tokens,
                frozenset(meta["lower_firsts"]),
                frozenset(meta["fold_prefixes"]),
                frozenset(meta["common_names"]),
                translations=translations,
                first_words=first_words,
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise NamenormError(f"{folder}: cannot read the compiled tagger names: {exc}") from exc

    return read


IN_MEMORY_KEYS = 1 << 16
"""A vocabulary of a compiled index, or the keys of its tagger's names, of at most this many words (a table
of some thousands of entities) is read into a set when it is loaded (0.05 s and some 6 MB at most):
most of the words a text asks about are no table word or name, and a set answers that faster than the
mapped trie (a first pass over real news was 11% slower through the tries). A larger one is asked through
the mapped trie."""


DECODED_HITS = 1 << 15
"""A compiled index whose tagger names have at most this many keys (a table of some thousands of entities)
decodes every hit when the tagger starts (0.05 s for 10^4 keys), so that its first texts are tagged as
fast as a table loaded from YAML, which builds them all as it loads; a larger one decodes a key's hits
when a text first asks for it."""


def _keys_in_memory(trie: marisa_trie.Trie | marisa_trie.BytesTrie) -> frozenset[str] | None:
    count = len(trie)  # at most as many keys as the trie counts: a damaged one never loops forever
    return frozenset(itertools.islice(trie.iterkeys(), count)) if count <= IN_MEMORY_KEYS else None


class _HitMap:
    """The tagger's hits of a compiled index, read as the tagger reads a dict: each key is read from the
    mapped trie once and kept (a text's words are looked up again and again; at most ``MEMO_SIZE`` kept),
    a key no name has is known from ``keys`` without the trie, when they are in memory; hits added in
    memory (the translations into a language, when a text in it is first tagged) follow a key's own."""

    MEMO_SIZE = 1 << 16
    """The most keys kept once read (every key of an index small enough to be decoded at the start:
    ``DECODED_HITS``)."""

    def __init__(self, trie: _TrieMap[Hit], keys: frozenset[str] | None) -> None:
        self._trie, self._keys = trie, keys
        self._memo: dict[str, tuple[Hit, ...]] = {}
        self._added: dict[str, list[Hit]] = {}
        if keys is not None and len(keys) <= DECODED_HITS:
            self._memo = {key: trie.get(key) for key in keys}

    def get(self, key: str, default: Any = None) -> Any:
        if self._keys is not None and key not in self._keys:
            added = self._added.get(key) if self._added else None
            return tuple(added) if added else default
        found = self._memo.get(key)
        if found is None:
            found = self._trie.get(key)
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        if self._added and key in self._added:
            found = (*found, *self._added[key])
        return found or default

    def setdefault(self, key: str, default: list[Hit]) -> list[Hit]:
        """The hits added in memory under ``key``, to append to (as ``dict.setdefault``)."""
        return self._added.setdefault(key, default)


class _PrefixSet:
    """The keys longer names continue: a mapped trie, each answer kept (at most ``MEMO_SIZE``), or its keys
    in memory (see ``IN_MEMORY_KEYS``); and keys added in memory."""

    def __init__(self, trie: marisa_trie.Trie, keys: frozenset[str] | None) -> None:
        self._trie, self._keys = trie, keys
        self._memo: dict[str, bool] = {}
        self._added: set[str] = set()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if self._keys is not None:
            return key in self._keys or key in self._added
        found = self._memo.get(key)
        if found is None:
            found = key in self._trie or key in self._added
            if len(self._memo) >= _HitMap.MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def update(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._added.add(key)
            self._memo[key] = True


MAX_META_BYTES = 1 << 20
"""The largest ``meta.json`` read (namenorm writes a few kilobytes): a larger one is refused unread."""


def read_meta(path: str | PathLike[str]) -> dict[str, Any]:
    """What a compiled folder records: format, namenorm version, tables, their SHA-256, entity count.
    Only a regular file of at most ``MAX_META_BYTES`` is read (a FIFO would block, a huge file exhaust
    memory); any other is refused with a :class:`NamenormError`, as is JSON nested too deep."""
    meta_path = Path(path) / "meta.json"
    try:
        _regular(meta_path, "meta.json")
        if meta_path.stat().st_size > MAX_META_BYTES:
            raise NamenormError(f"meta.json has more than {MAX_META_BYTES} bytes")
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError, NamenormError) as exc:
        raise NamenormError(f"{path}: not a compiled namenorm index ({exc})") from exc
    return meta


def _regular(path: Path, name: str) -> None:
    """Refuse ``path`` unless it is a regular file (a FIFO or a device would block or never end), and not
    a symbolic link (which may point at any file outside the folder)."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        raise NamenormError(f"{name} is a symbolic link, not a regular file of the index")
    if not stat.S_ISREG(mode):
        raise NamenormError(f"{name} is not a regular file")


def load_compiled(path: str | PathLike[str], verify: bool = True) -> Compiled:
    """The indexes of a folder written by :func:`compile_tables` (same namenorm version). Every file's
    size and SHA-256 digest are checked against ``meta.json`` first (:func:`verify_compiled`, about 0.6 s
    per GB; a corrupted trie could otherwise crash the interpreter); ``verify=False`` checks everything
    but the digests (docs/limits.md), for an index this machine wrote and nothing since could have
    changed."""
    folder = Path(path)
    meta = read_meta(folder)
    if verify:
        verify_compiled(folder)
    else:
        _check_digests(folder, _check_meta(folder, meta), list(ALWAYS_VERIFIED))
    try:
        store = _Store(folder)

        def entry(value: bytes) -> Entry:
            return store.entry(ID.unpack(value)[0])

        index = Index(
            cast(Any, _TrieMap(folder / "names.marisa", entry)),
            cast(Any, _TrieMap(folder / "surnames.marisa", entry)),
            _vocabulary(folder / "tokens.marisa"),
            _words(folder / "stems.txt"),
            (_TrieMap(folder / "meanings.marisa", entry), _TrieMap(folder / "meanings_alone.marisa", entry)),
        )
        near = DeletionIndex.from_table(_TrieMap(folder / "typos.marisa", bytes.decode))
        phon = PhoneticIndex.from_parts(
            _TrieMap(folder / "pkeys.marisa", entry),
            _TrieMap(folder / "psurnames.marisa", entry),
            _vocabulary(folder / "ptokens.marisa"),
            _ShardedMap(folder, "pcodes", bytes.decode),
            _TrieMap(folder / "plast.marisa", store.item),
            _ShardedMap(folder, "preadings", entry),
            _TrieMap(folder / "preadsurnames.marisa", entry),
            meta.get("cyrillic_names") is not False,
        )
        tag_names = _tag_names_reader(folder, store)
    except (OSError, RuntimeError, *_CORRUPT) as exc:
        raise NamenormError(f"{folder}: cannot read the compiled index: {exc}") from exc
    return Compiled(folder, store.table, (index, near, phon), tag_names)
