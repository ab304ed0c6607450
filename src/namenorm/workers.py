"""Tag many texts on several processes, results in input order, memory bounded.

Texts are sent in batches of about :data:`BATCH_CHARS` characters to a pool of worker processes, each
holding its own copy of the tagger (its memory of names resolved grows per worker); at most a few
batches per worker are in flight, so a stream of any length is read only as fast as it is tagged. On
Linux, a process with one thread forks its workers (they share the loaded tables, nothing is sent);
elsewhere, or when other threads run, the workers are spawned and load the tables again from the
resolver's pickle (a reference to its files).

```pycon
>>> from namenorm.resolver import default_resolver
>>> items = [(text, None) for text in ["Ławrow w Stambule.", "Nic.", "Chowajew i Ławrow."]]
>>> [[m.entity_id for m in found] for found in tag_in_order(default_resolver(), items, "pl", jobs=2)]
[['sergey-lavrov', 'istanbul'], [], ['igor-khovaev', 'sergey-lavrov']]

```
"""

from __future__ import annotations

__all__ = ["BATCH_CHARS", "available_cores", "mentions_of", "tag_in_order"]

import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from .types import Mention, Tagging

BATCH_CHARS = 200_000
"""About how many characters of text one batch sent to a worker holds (at least one text)."""
BATCH_TEXTS = 512
"""At most this many texts in one batch (many tiny texts)."""
IN_FLIGHT = 4
"""Batches per worker sent and not yet collected."""


class Finder(Protocol):
    """What the workers need: something that tags one text (a :class:`~namenorm.Resolver`)."""

    def read(self, text: str, lang: str | None = None) -> Tagging: ...


M = TypeVar("M")
R = TypeVar("R")
Render = Callable[[str, Any, Tagging], R]
"""What a worker makes of one text's reading: ``render(text, meta, reading)``."""

_finder: Finder | None = None  # the worker's own, set by fork inheritance or by _start


def available_cores() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


def _quiet() -> None:
    """A worker leaves Ctrl-C and SIGTERM to the parent, which stops the pool (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.freeze()  # collections never walk (and copy) the tables


def _start(pickled: bytes) -> None:
    global _finder
    _finder = pickle.loads(pickled)
    _quiet()


def mentions_of(text: str, meta: Any, reading: Tagging) -> list[Mention]:
    """The default ``render`` of :func:`tag_in_order`: the mentions."""
    return list(reading.mentions)


def _tag_batch(batch: list[tuple[str, Any]], lang: str | None, render: Render[R]) -> list[R]:
    assert _finder is not None
    return [render(text, meta, _finder.read(text, lang)) for text, meta in batch]


def _batches(items: Iterable[tuple[str, M]]) -> Iterator[list[tuple[str, M]]]:
    batch: list[tuple[str, M]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[0])
        if size >= BATCH_CHARS or len(batch) >= BATCH_TEXTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _context() -> tuple[Any, bool]:
    """Fork when it is safe and cheap (Linux, this process has one thread), else spawn."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False  # pragma: no cover - other systems, threaded callers


def tag_in_order(
    finder: Finder,
    items: Iterable[tuple[str, M]],
    lang: str | None,
    jobs: int,
    render: Render[R] = mentions_of,  # type: ignore[assignment]
) -> Iterator[R]:
    """``render(text, meta, finder.read(text, lang))`` for every ``(text, meta)`` item, in order, on
    ``jobs`` worker processes. ``render`` runs in the worker, so that what comes back is small and quick
    to unpickle (the command line renders output lines there); it must be picklable (a module's function
    or a ``functools.partial`` of one). ``lang`` must be checked by the caller, and each text too."""
    global _finder
    batches = _batches(items)
    first = next(batches, None)
    second = next(batches, None) if first is not None and jobs > 1 else None
    if second is None:  # one process asked for, or less than one batch: not worth starting processes
        for text, meta in itertools.chain(first or (), itertools.chain.from_iterable(batches)):
            yield render(text, meta, finder.read(text, lang))
        return
    context, forked = _context()
    if forked:
        _finder = finder  # inherited by the forked workers
        pool = context.Pool(jobs, initializer=_quiet)
    else:  # pragma: no cover - other systems, threaded callers
        pool = context.Pool(jobs, initializer=_start, initargs=(pickle.dumps(finder),))
    try:
        pending: deque[Any] = deque()
        for batch in itertools.chain((first, second), batches):
            pending.append(pool.apply_async(_tag_batch, (batch, lang, render)))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        if forked:
            _finder = None
