"""Compiled resolvers: build a table's indexes once, save them, load them fast.

``namenorm compile table.yaml -o table.nnidx`` writes a file that :func:`load_compiled` (or
``Resolver.load``) reads back without parsing YAML or rebuilding any index. The file is a header line
(format, namenorm version, the SHA-256 of the source tables) followed by a pickle of the indexes: load only
files you compiled yourself, as with any pickle.

```pycon
>>> import tempfile, pathlib
>>> from namenorm.resolver import bundled_table_path
>>> out = pathlib.Path(tempfile.mkdtemp()) / "bundled.nnidx"
>>> compile_tables([bundled_table_path()], out).resolve("Chowajewem", "pl").entity_id
'igor-khovaev'
>>> load_compiled(out).resolve("Stambule", "pl").entity_id
'istanbul'

```
"""

from __future__ import annotations

__all__ = ["FORMAT", "compile_tables", "load_compiled", "tables_digest"]

import hashlib
import json
import pickle
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from .errors import NamenormError
from .resolver import Resolver

FORMAT = "namenorm-compiled-1"


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


def compile_tables(
    paths: Sequence[str | PathLike[str]], out: str | PathLike[str], strict: bool = False
) -> Resolver:
    """Load and index ``paths``, write the compiled resolver to ``out``, and return it."""
    resolver = Resolver.from_yaml(list(paths), strict=strict)
    header = {"format": FORMAT, "version": _version(), "tables": [str(p) for p in paths],
              "sha256": tables_digest(paths)}  # fmt: skip
    state: dict[str, Any] = {"table": resolver.table, "index": resolver.index, "near": resolver.near,
                             "phonetic": resolver.phonetic}  # fmt: skip
    with open(out, "wb") as fh:
        fh.write(json.dumps(header).encode() + b"\n")
        pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
    resolver.source = ("compiled", (str(Path(out).resolve()),), strict)
    return resolver


def load_compiled(path: str | PathLike[str]) -> Resolver:
    """A resolver from a file written by :func:`compile_tables` (same namenorm version)."""
    try:
        with open(path, "rb") as fh:
            header = json.loads(fh.readline())
            if header.get("format") != FORMAT:
                raise NamenormError(f"{path}: not a compiled namenorm index")
            if header.get("version") != _version():
                found = header.get("version")
                raise NamenormError(
                    f"{path}: compiled by namenorm {found}, this is {_version()}: compile it again"
                )
            state = pickle.load(fh)
    except (OSError, ValueError, pickle.UnpicklingError, EOFError) as exc:
        raise NamenormError(f"{path}: cannot read the compiled index: {exc}") from exc
    resolver = Resolver(state["table"], (state["index"], state["near"], state["phonetic"]))
    resolver.source = ("compiled", (str(Path(path).resolve()),), False)
    return resolver
