"""The public face of namenorm: a table's indexes behind one object that resolves names and finds mentions.

Data flows one way: YAML -> :mod:`~namenorm.table` -> indexes (:func:`~namenorm.matcher.build_indexes`,
the tagger's names from :func:`~namenorm.tagger.build_tag_names`, or both read from a folder that
:mod:`~namenorm.compiled` wrote) -> :class:`Resolver`. A name goes to the :class:`~namenorm.matcher.Matcher`,
a text to the :class:`~namenorm.tagger.Tagger`, which asks the matcher for the runs it cannot settle. Each
module imports only the ones below it.

```pycon
>>> r = Resolver.from_yaml(bundled_table_path())
>>> m = r.resolve("Igorem Chowajewem", lang="pl")
>>> m.entity_id, m.method.value, m.matched
('igor-khovaev', 'inflection', 'Igor Chowajew')
>>> r.resolve("Nowhere Land") is None
True

```
"""

from __future__ import annotations

__all__ = [
    "MAX_QUERY_CHARS",
    "NEAR_MISS_MARGIN",
    "TIE_MARGIN",
    "Resolver",
    "bundled_table_path",
    "clear_caches",
    "decide",
    "default_resolver",
    "default_tables",
    "reset_default",
]

import os
import shutil
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from .arguments import check_lang, check_path, check_paths, check_text
from .compiled import Compiled, cached_index, cached_warning, compile_tables, load_compiled
from .errors import NamenormError, QueryError, TableWarning
from .gazetteer import world_gazetteer
from .index import Entry, Index
from .matcher import MAX_QUERY_CHARS, NEAR_MISS_MARGIN, TIE_MARGIN, Indexes, Matcher, build_indexes, decide
from .table import AliasTable, bundled_table_path, load_table
from .tagger import Tagger, TagNames, build_tag_names
from .types import Explanation, Match, Mention, Tagging
from .workers import tag_in_order


class Resolver:
    """Resolves names against one alias table and finds its entities in text. Thread-safe after
    construction; build once, reuse."""

    def __init__(
        self,
        table: AliasTable | Callable[[], AliasTable],
        indexes: Indexes | None = None,
        tag_names: Callable[[], TagNames] | None = None,
        *,
        gazetteer: bool = True,
    ) -> None:
        """Index ``table`` (or take ``indexes`` already built from it, as a compiled index holds them; the
        table may then be a function that builds it when first needed). ``tag_names`` gives the tagger's
        names when they too were built elsewhere. With ``gazetteer`` (the default) a name the table does
        not know is looked up in the bundled world gazetteer, whose places meet the table's places through
        their names in other languages (:mod:`namenorm.gazetteer`: Finlandii -> Finsko)."""
        self._table = table if isinstance(table, AliasTable) else None
        self._table_loader = None if isinstance(table, AliasTable) else table
        self.source: tuple[str, tuple[str, ...], bool] | None = None
        """Where the resolver came from ("yaml", "cached": the YAML through the user cache, or "compiled";
        paths; strict): what a pickle carries."""
        self._tagger: Tagger | None = None
        self._tag_names = tag_names
        self._lock = threading.RLock()  # the tagger, built under it, reads the table, also built under it
        self.gazetteer = gazetteer
        translate, place = (_world_places, _world_place_id) if gazetteer else (None, None)
        self.matcher = Matcher(
            indexes if indexes is not None else build_indexes(self.table), translate, place
        )
        """Resolution of single names over the table's indexes."""

    @property
    def table(self) -> AliasTable:
        """The alias table (built on first use for a compiled resolver)."""
        if self._table is None:
            assert self._table_loader is not None
            with self._lock:
                if self._table is None:
                    self._table = self._table_loader()
        return self._table

    @property
    def tagger(self) -> Tagger:
        """The tagger of :meth:`find` (built on first use: from the table's names, or from the compiled
        index's)."""
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    names = self._tag_names() if self._tag_names is not None else None
                    if names is not None and not self.gazetteer:
                        names = names._replace(translations=None)
                    if names is None:
                        world = world_gazetteer() if self.gazetteer else None
                        names = build_tag_names(self.table.entities, world)
                    self._tagger = Tagger(self.matcher, names)
        return self._tagger

    @classmethod
    def bundled(cls, *tables: str) -> Resolver:
        """A resolver over tables shipped with namenorm, loaded once per process and shared: ``"story"``
        (the default alone), ``"world"``, or both (``Resolver.bundled("story", "world")``: the story
        table's countries and cities take the world table's names through their codes, one entity each).
        They are compiled on first use into the user cache (:func:`~namenorm.compiled.cached_index`) and
        loaded from there, unless ``NAMENORM_CACHE=off``.

        ```pycon
        >>> world = Resolver.bundled("world")
        >>> world.resolve("Erywaniu", "pl").entity_id, world.resolve("Stati Uniti", "it").entity_id
        ('cldr-asia-yerevan', 'cldr-us')
        >>> Resolver.bundled("story", "world").resolve("Ереван").entity_id
        'yerevan'

        ```
        """
        names = tables or ("story",)
        if len(set(names)) != len(names):
            raise QueryError(f"a bundled table is named twice: {', '.join(names)}")
        paths = tuple(str(bundled_table_path(name)) for name in names)
        with _lock:
            found = _BUNDLED.get(paths)
            if found is None:  # with the world table the gazetteer adds nothing
                found = _BUNDLED[paths] = cls._from_tables(
                    list(paths), True, "world" not in names, cache=True
                )
        return found

    @classmethod
    def _from_tables(cls, paths: list[str], strict: bool, gazetteer: bool, cache: bool) -> Resolver:
        """A resolver over the YAML tables ``paths``: with ``cache``, from their index compiled in the user
        cache (:func:`~namenorm.compiled.cached_index`, compiled there on first use), else from the YAML."""
        folder = cached_index(paths, strict) if cache else None
        compiled: Compiled | None = None
        if folder is not None:
            try:
                compiled = load_compiled(folder)
            except NamenormError:  # damaged since it was written: compiled again, once
                shutil.rmtree(folder, ignore_errors=True)
                folder = cached_index(paths, strict)
                compiled = load_compiled(folder) if folder is not None else None
        if compiled is not None:
            if (warning := cached_warning(compiled.folder)) is not None:
                warnings.warn(warning, TableWarning, stacklevel=4)
            resolver = cls(compiled.table, compiled.indexes, compiled.tag_names, gazetteer=gazetteer)
        else:
            resolver = cls(load_table(paths, strict=strict), gazetteer=gazetteer)
        kind = "cached" if cache else "yaml"  # unpickled, it loads as it was loaded: from the cache, if asked
        resolver.source = (kind, tuple(str(Path(p).resolve()) for p in paths), strict)
        return resolver

    @classmethod
    def load(cls, path: str | PathLike[str], verify: bool = True, *, gazetteer: bool = True) -> Resolver:
        """A resolver from a compiled index (``namenorm compile``): no YAML parsing, no index building.
        Every file's size and SHA-256 digest are checked first; ``verify=False`` checks the sizes only.
        ``gazetteer`` as for the constructor."""
        return cls._from_compiled(load_compiled(check_path(path), verify=verify), False, gazetteer)

    @classmethod
    def compile(
        cls, paths: Iterable[str | PathLike[str]], out: str | PathLike[str], strict: bool = False
    ) -> Resolver:
        """Compile the alias tables ``paths`` into the folder ``out`` (see
        :func:`namenorm.compiled.compile_tables`) and return the resolver loaded from it.

        ```pycon
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "bundled.nnidx"
        >>> Resolver.compile([bundled_table_path()], out).resolve("Chowajewem", "pl").entity_id
        'igor-khovaev'
        >>> Resolver.load(out).resolve("Stambule", "pl").entity_id
        'istanbul'

        ```
        """
        folder = compile_tables(list(paths), out, strict=strict)
        return cls._from_compiled(load_compiled(folder, verify=False), strict=strict)  # written just now

    @classmethod
    def _from_compiled(cls, compiled: Compiled, strict: bool, gazetteer: bool = True) -> Resolver:
        resolver = cls(compiled.table, compiled.indexes, compiled.tag_names, gazetteer=gazetteer)
        resolver.source = ("compiled", (str(compiled.folder.resolve()),), strict)
        return resolver

    @classmethod
    def from_yaml(
        cls,
        *paths: str | PathLike[str] | Iterable[str | PathLike[str]],
        strict: bool = False,
        gazetteer: bool = True,
        cache: bool = False,
    ) -> Resolver:
        """A resolver over one or more alias YAML files (see :func:`namenorm.table.load_table`).

        Not strict by default, unlike ``load_table``: a resolver is what users build on tables they did
        not curate (imported dumps, several teams' lists), where two entities sharing a name is a fact to
        work with; the name then resolves to neither, with one :class:`~namenorm.TableWarning`.
        ``load_table`` and ``namenorm check`` are strict because they are how a curator validates a
        table. Pass ``strict=True`` to refuse such a table here too. ``gazetteer`` as for the constructor:
        ``gazetteer=False`` keeps resolution to the table's own names and their rules.

        With ``cache=True`` the tables are compiled once into the user cache folder
        (:func:`~namenorm.compiled.cached_index`: ``$NAMENORM_CACHE``, else ``~/.cache/namenorm``) and
        loaded from there by every later call until a table's bytes change: the same answers, a start in
        milliseconds instead of seconds for a large table. The bundled tables always use it
        (``NAMENORM_CACHE=off`` turns it off)."""
        flat = [one for group in paths for one in check_paths(group)]
        if not flat:
            raise QueryError("from_yaml needs at least one path")
        return cls._from_tables(flat, strict, gazetteer, cache)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as a reference to the files the resolver came from (a few hundred bytes), so a Dask or
        Spark job can ship one resolver to every worker; each worker loads it once, on first use. A
        resolver built from an in-memory table pickles its table instead."""
        if self.source is not None:
            return (_restore, (*self.source, self.gazetteer))
        return (_rebuild, (self.table, self.gazetteer))

    def resolve_many(self, names: Iterable[str], lang: str | None = None) -> list[Match | None]:
        """``resolve`` for every name, in order; a name repeated in the batch is resolved once.

        ```pycon
        >>> [m and m.entity_id for m in default_resolver().resolve_many(["Moskwa", "Nikt", "Moskwy"], "pl")]
        ['moscow', None, 'moscow']

        ```
        """
        if isinstance(names, str) or not isinstance(names, Iterable):
            raise QueryError(
                f"names must be a list or another iterable of strings, not {type(names).__name__}"
            )
        done: dict[str, Match | None] = {}
        out = []
        for name in names:
            if check_text(name, "name") not in done:
                done[name] = self.resolve(name, lang)
            out.append(done[name])
        return out

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

        ```pycon
        >>> default_resolver().resolve("Górskim Karabachu", lang="pl").entity_id
        'nagorno-karabakh'
        >>> default_resolver().resolve("Górskim Karabachu", lang="pl", min_score=0.95) is None
        True

        ```
        """
        return self.matcher.resolve(name, lang, types=types, min_score=min_score)

    def resolve_by_rules(self, name: str, lang: str | None = None) -> Match | None:
        """Like :meth:`resolve` without the near-miss step (phonetic, typo): the name as listed, inflected,
        as a surname or transliterated. The tagger reads a run of words as one name this way.

        ```pycon
        >>> r = default_resolver()
        >>> r.resolve_by_rules("Górskim Karabachu", lang="pl").entity_id
        'nagorno-karabakh'
        >>> r.resolve_by_rules("Nagorno-Karabah") is None, r.resolve("Nagorno-Karabah").method.value
        (True, 'fuzzy')

        ```
        """
        return self.matcher.resolve_by_rules(name, lang)

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

        ```pycon
        >>> [m.entity_id for m in default_resolver().candidates("Georgia")]
        ['georgia', 'georgia-us-state']
        >>> default_resolver().candidates("Georgia", types="person")
        []

        ```
        """
        return self.matcher.candidates(name, lang, limit, types=types, min_score=min_score)

    def explain(self, name: str, lang: str | None = None) -> Explanation:
        """How ``name`` is resolved, step by step: the readings tried, the names they hit, the decision.

        ```pycon
        >>> print(default_resolver().explain("Chowajewem", lang="pl").steps[-1])
        decision: igor-khovaev (surname, score 0.765)

        ```
        """
        return self.matcher.explain(name, lang)

    def find(self, text: str, lang: str | None = None) -> list[Mention]:
        """Entity mentions in running text, left to right, longest match first, no overlaps.

        ```pycon
        >>> [(m.text, m.entity_id) for m in default_resolver().find("Ławrow spotkał się w Stambule.", "pl")]
        [('Ławrow', 'sergey-lavrov'), ('Stambule', 'istanbul')]

        ```
        """
        if not isinstance(text, str):
            raise QueryError(f"text must be a string, not {type(text).__name__}")
        return self.tagger.find(text, check_lang(lang))

    def read(self, text: str, lang: str | None = None) -> Tagging:
        """What :meth:`find` reads in ``text``: the mentions, the table names it found and did not tag
        with the rule that refused each, and the names it recognised that the table does not hold (a
        contributor's list of what to add next).

        ```pycon
        >>> reading = default_resolver().read("Hunter Biden i Ławrow spotkali się w Stambule.", "pl")
        >>> [m.entity_id for m in reading.mentions]
        ['sergey-lavrov', 'istanbul']
        >>> [(r.text, r.entity_id, r.rule) for r in reading.refused]
        [('Biden', 'joe-biden', 'longer-name')]
        >>> [(u.text, u.kind) for u in reading.unknown]
        [('Hunter Biden', 'person')]

        ```
        """
        if not isinstance(text, str):
            raise QueryError(f"text must be a string, not {type(text).__name__}")
        return self.tagger.read(text, check_lang(lang))

    def find_many(
        self, texts: Iterable[str], lang: str | None = None, jobs: int = 1
    ) -> Iterator[list[Mention]]:
        """:meth:`find` for every text of ``texts``, in order, yielded one by one as each is tagged: a
        generator, so texts are read and results handed on while the rest waits (a million articles never
        sit in memory at once). The tagger's memory of names resolved is shared by all of them. With
        ``jobs`` above 1, that many worker processes tag batches of texts (see :mod:`namenorm.workers`);
        input of less than one batch (200,000 characters) is tagged here.

        ```pycon
        >>> texts = iter(["Ławrow w Stambule.", "Nic.", "Chowajew i Ławrow."])
        >>> [[m.entity_id for m in found] for found in default_resolver().find_many(texts, "pl")]
        [['sergey-lavrov', 'istanbul'], [], ['igor-khovaev', 'sergey-lavrov']]

        ```
        """
        if isinstance(texts, str) or not isinstance(texts, Iterable):
            kind = type(texts).__name__
            raise QueryError(f"texts must be a list or another iterable of strings, not {kind}")
        if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
            raise QueryError(f"jobs must be a whole number of at least 1, not {jobs!r}")
        code = check_lang(lang)
        if jobs == 1:
            tagger = self.tagger
            for text in texts:
                yield tagger.find(_text(text), code)
        else:
            _ = self.tagger  # built once here: forked workers inherit it
            yield from tag_in_order(self, ((_text(text), None) for text in texts), code, jobs)


_RESTORED: dict[tuple[str, tuple[str, ...], bool, bool], tuple[tuple[tuple[int, int], ...], Resolver]] = {}


def _text(text: object) -> str:
    if not isinstance(text, str):
        raise QueryError(f"text must be a string, not {type(text).__name__}")
    return text


def _stamp(paths: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Size and modification time of each file (of each file in a compiled folder)."""
    stamps = []
    for path in map(Path, paths):
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            try:
                info = file.stat()
            except OSError:
                stamps.append((-1, -1))
            else:
                stamps.append((info.st_size, info.st_mtime_ns))
    return tuple(stamps)


def _rebuild(table: AliasTable, gazetteer: bool) -> Resolver:
    """Unpickle a resolver of an in-memory table."""
    return Resolver(table, gazetteer=gazetteer)


def _world_places(name: str, lang: str | None, index: Index) -> list[tuple[Entry, Match]]:
    """The table entries of the place the bundled world gazetteer finds ``name`` to be."""
    return world_gazetteer().places(name, lang, index)


def _world_place_id(name: str, lang: str | None) -> str | None:
    """The place of the bundled world gazetteer ``name`` names (as listed or inflected), if one."""
    return world_gazetteer().place_id(name, lang)


def _restore(kind: str, paths: tuple[str, ...], strict: bool, gazetteer: bool = True) -> Resolver:
    """Unpickle: load the resolver's files once per process, again when they changed on disk."""
    key = (kind, paths, strict, gazetteer)
    stamp = _stamp(paths)
    with _lock:
        known = _RESTORED.get(key)
        if known is None or known[0] != stamp:
            if kind == "compiled":
                known = (stamp, Resolver.load(paths[0], gazetteer=gazetteer))
            else:
                known = (stamp, Resolver._from_tables(list(paths), strict, gazetteer, cache=kind == "cached"))
            _RESTORED[key] = known
        return known[1]


def clear_caches() -> None:
    """Forget the bundled resolver and every resolver restored from a pickle (see ``reset_caches``)."""
    reset_default()
    with _lock:
        _RESTORED.clear()


_lock = threading.RLock()
_BUNDLED: dict[tuple[str, ...], Resolver] = {}


def default_resolver() -> Resolver:
    """The resolver over the bundled tables named by the environment variable ``NAMENORM_TABLES`` (comma
    separated: ``story,world``), by default the story table alone; loaded once on first use (strict
    validation). ``namenorm.resolve``, ``namenorm.find`` and the command line without ``--table`` use it."""
    return Resolver.bundled(*default_tables())


def default_tables() -> tuple[str, ...]:
    """The bundled tables of :func:`default_resolver`: ``NAMENORM_TABLES``, else the story table.

    ```pycon
    >>> default_tables()
    ('story',)

    ```
    """
    value = os.environ.get("NAMENORM_TABLES", "").strip()
    if not value:
        return ("story",)
    return tuple(name.strip() for name in value.split(","))


def reset_default() -> None:
    """Forget the bundled resolvers; the next call loads the tables again."""
    with _lock:
        _BUNDLED.clear()
