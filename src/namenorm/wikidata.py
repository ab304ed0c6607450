"""Build an alias table from a Wikidata JSON dump (plain, .gz or .bz2; one entity per line).

Keeps the labels and aliases of each item in the chosen languages, maps the item's "instance of" (P31)
values to an entity type, and writes a table that passes strict validation: a name several items share in
one language is listed under ``ambiguous`` in each of them, so it never resolves to one of them alone.

```pycon
>>> import pathlib, tempfile
>>> dump = pathlib.Path(tempfile.mkdtemp()) / "dump.json"
>>> item = {"type": "item", "id": "Q649", "labels": {"en": {"language": "en", "value": "Moscow"},
...         "pl": {"language": "pl", "value": "Moskwa"}}, "aliases": {}, "claims": {}}
>>> _ = dump.write_text("[\\n" + json.dumps(item) + "\\n]\\n")
>>> out = dump.with_name("table.yaml")
>>> import_dump(dump, out, langs=("en", "pl"))
1
>>> print(out.read_text().split("entities:")[1].strip())
- id: "moscow-q649"
    type: other
    label: "Moscow"
    wikidata: Q649
    names:
      en: ["Moscow"]
      pl: ["Moskwa"]

```
"""

from __future__ import annotations

__all__ = ["TYPES_BY_CLASS", "compile_dump", "import_dump", "read_dump"]

import bz2
import gzip
import json
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import IO, Any

import regex

from .compiled import compile_entities
from .errors import NamenormError
from .langs import is_language_code
from .normalize import normalize
from .table import MAX_NAME_CHARS, QID
from .types import Entity, Name

TYPES_BY_CLASS = {
    "Q5": "person",  # human
    "Q6256": "place",  # country
    "Q3624078": "place",  # sovereign state
    "Q515": "place",  # city
    "Q5119": "place",  # capital
    "Q486972": "place",  # human settlement
    "Q43229": "org",  # organization
    "Q4830453": "org",  # business
    "Q7278": "org",  # political party
    "Q11032": "media",  # newspaper
    "Q192283": "media",  # news agency
    "Q198": "event",  # war
}
"""Wikidata classes ("instance of", P31) to namenorm types; items of other classes get ``other``."""
_SLUG = regex.compile(r"[^a-z0-9]+")
_BAD = regex.compile(r"[\p{C}]")


def read_dump(
    path: str | PathLike[str], progress: Callable[[int, int], None] | None = None
) -> Iterator[dict[str, Any]]:
    """The items of a dump, one by one (the surrounding ``[`` ``]`` and trailing commas are skipped).

    ``progress(bytes_read, total_bytes)`` is called every thousand lines, on the file as stored."""
    source = Path(path)
    try:
        total = source.stat().st_size
        raw = open(source, "rb")  # noqa: SIM115 (closed by the with below, inside the generator)
    except OSError as exc:
        raise NamenormError(f"{source}: cannot read the dump: {exc.strerror or exc}") from exc
    with raw:
        stream: IO[bytes] = raw
        if source.suffix == ".gz":
            stream = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
        elif source.suffix == ".bz2":
            stream = bz2.BZ2File(raw)
        lines = enumerate(stream, 1)
        while True:
            try:
                number, line = next(lines)
            except StopIteration:
                break
            except (OSError, EOFError, zlib.error) as exc:  # a damaged .gz or .bz2 file
                raise NamenormError(f"{source}: cannot read the dump: {exc}") from exc
            text = line.strip().rstrip(b",")
            if text in (b"", b"[", b"]"):
                continue
            try:
                item = json.loads(text)
            except json.JSONDecodeError as exc:
                raise NamenormError(f"{source}:{number}: not a JSON entity: {exc.msg}") from exc
            except UnicodeDecodeError as exc:
                raise NamenormError(f"{source}:{number}: not a JSON entity: not UTF-8 text") from exc
            if progress is not None and number % 1000 == 0:
                progress(raw.tell(), total)
            if isinstance(item, dict) and item.get("type") == "item":
                yield item
        if progress is not None:
            progress(total, total)


def _type(item: dict[str, Any]) -> str:
    for claim in item.get("claims", {}).get("P31", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        kind = TYPES_BY_CLASS.get(value.get("id", "") if isinstance(value, dict) else "")
        if kind is not None:
            return kind
    return "other"


def _clean(name: Any) -> str | None:
    if not isinstance(name, str):
        return None
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name or len(name) > MAX_NAME_CHARS or _BAD.search(name):
        return None
    return name if normalize(name) else None


def _names(item: dict[str, Any], langs: Sequence[str]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for lang in langs:
        found = [item.get("labels", {}).get(lang, {}).get("value")]
        found += [a.get("value") for a in item.get("aliases", {}).get(lang, [])]
        kept = [n for n in map(_clean, found) if n]
        if kept:
            names[lang] = list(dict.fromkeys(kept))
    return names


@dataclass(slots=True)
class _Record:
    id: str
    type: str
    label: str
    qid: str
    names: dict[str, list[str]]
    shared: set[str] = field(default_factory=set)


def import_dump(
    dump: str | PathLike[str],
    out: str | PathLike[str],
    langs: Sequence[str] = ("en", "pl", "it"),
    types: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the alias table of ``dump`` to ``out``; return how many entities it holds."""
    if Path(out).exists() and Path(out).samefile(dump):
        raise NamenormError(f"{out}: is the dump itself; not overwriting it")
    records = list(_records(dump, langs, types, progress))
    _mark_shared(records)
    try:
        _write_table(records, dump, out, langs)
    except OSError as exc:
        raise NamenormError(f"{out}: cannot write the table: {exc.strerror or exc}") from exc
    return len(records)


def compile_dump(
    dump: str | PathLike[str],
    out: str | PathLike[str],
    langs: Sequence[str] = ("en", "pl", "it"),
    types: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the compiled index of ``dump`` to the folder ``out`` straight from the dump, entity by entity
    (no table in between, memory bounded whatever the dump's size); return how many entities it holds.
    A name several items share in one language (or as labels) resolves to none of them alone, as
    :func:`import_dump` marks it ``ambiguous``."""
    entities = (
        Entity(r.id, r.type, r.label, _entity_names(r), r.qid, source=str(dump))
        for r in _records(dump, langs, types, progress)
    )
    return compile_entities(entities, out, [str(dump)]).entities


def _entity_names(record: _Record) -> tuple[Name, ...]:
    return tuple(Name(name, lang) for lang, names in record.names.items() for name in names)


def _records(
    dump: str | PathLike[str],
    langs: Sequence[str],
    types: Sequence[str] | None,
    progress: Callable[[int, int], None] | None,
) -> Iterator[_Record]:
    """The entities of ``dump`` with a name in ``langs`` (and of ``types``), one by one."""
    for lang in langs:
        if not is_language_code(lang):
            raise NamenormError(f"{lang!r} is not an ISO 639-1 language code")
    for item in read_dump(dump, progress):
        try:
            kind, names, qid = _type(item), _names(item, langs), item["id"]
        except (AttributeError, TypeError, KeyError) as exc:
            raise NamenormError(f"{dump}: an item is not shaped like a Wikidata entity ({exc!r})") from exc
        if not isinstance(qid, str) or not QID.match(qid):
            raise NamenormError(f"{dump}: item id {qid!r} is not a Q-id such as Q7747")
        if not names or (types and kind not in types):
            continue
        label = (names.get("en") or next(iter(names.values())))[0]
        slug = _SLUG.sub("-", normalize(label)[:80]).strip("-")
        yield _Record(f"{slug}-{qid.lower()}" if slug else qid.lower(), kind, label, qid, names)


def _write_table(
    records: list[_Record], dump: str | PathLike[str], out: str | PathLike[str], langs: Sequence[str]
) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# Alias table imported from {Path(dump).name} (languages: {', '.join(langs)}).\n")
        fh.write("entities:\n")
        for record in records:
            fh.write(f"  - id: {json.dumps(record.id)}\n    type: {record.type}\n")
            fh.write(f"    label: {json.dumps(record.label, ensure_ascii=False)}\n")
            fh.write(f"    wikidata: {record.qid}\n    names:\n")
            for lang, spelled in record.names.items():
                fh.write(f"      {lang}: {json.dumps(spelled, ensure_ascii=False)}\n")
            if record.shared:
                fh.write(f"    ambiguous: {json.dumps(sorted(record.shared), ensure_ascii=False)}\n")


def _mark_shared(records: list[_Record]) -> None:
    """A name several records give in one language (or as labels) becomes ``ambiguous`` in each."""
    owners: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for number, record in enumerate(records):
        owners[("*", normalize(record.label))][number] = record.label
        for lang, names in record.names.items():
            for name in names:
                owners[(lang, normalize(name))].setdefault(number, name)
    for written_by in owners.values():
        if len(written_by) > 1:
            for number, written in written_by.items():
                records[number].shared.add(written)
