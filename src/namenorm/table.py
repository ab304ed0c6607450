"""Load and validate alias tables (YAML) into an :class:`AliasTable`.

Every problem is reported with file, line and column; all problems of a file are collected before raising
one :class:`~namenorm.errors.AliasTableError`. Only ``yaml.SafeLoader`` is used.

```pycon
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
>>> _ = path.write_text("entities:\\n  - id: sergey-lavrov\\n    type: person\\n"
...                     "    label: Sergey Lavrov\\n    names:\\n      en: [Sergey Lavrov]\\n")
>>> load_table(path).entities[0].names[0].text
'Sergey Lavrov'

```
"""

from __future__ import annotations

__all__ = [
    "BUNDLED_TABLES",
    "ENTITY_FIELDS",
    "ENTITY_TYPES",
    "TYPE_ORDER",
    "AliasTable",
    "Collector",
    "FieldSpec",
    "bundled_data_path",
    "bundled_table_path",
    "check_tables",
    "inflected_names",
    "iter_entities",
    "join_codes",
    "load_table",
]

import dataclasses
import difflib
import itertools
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import regex
import yaml

from .arguments import check_paths
from .errors import AliasTableError, NamenormError, TableIssue, TableWarning
from .keys import clash_message, clashes_in, file_names, shared_keys, shared_warning
from .langs import is_language_code
from .normalize import normalize
from .types import Entity, Name


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of an entity record: the single source of truth for the validator and the docs."""

    name: str
    required: bool
    kind: str
    description: str


TYPE_ORDER = ("person", "place", "org", "media", "event", "product", "work", "other")
"""The entity types, in the order the documentation lists them."""
_TYPE_ORDER = TYPE_ORDER
ENTITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        True,
        "string",
        "Stable identifier, unique across all loaded tables (bundled table: "
        "a lower-case slug such as `igor-khovaev`). Never reuse or rename an id.",
    ),
    FieldSpec(
        "type",
        True,
        "string",
        "Kind of entity; one of " + ", ".join(_TYPE_ORDER) + ".",
    ),
    FieldSpec("label", True, "string", "Canonical display name, usually the English one. It is matched too."),
    FieldSpec(
        "names",
        True,
        "mapping",
        "Language code (ISO 639-1) to a list of base-form names in that "
        "language: spellings, exonyms, acronyms. No inflected forms: rules find those.",
    ),
    FieldSpec("wikidata", False, "string", "Wikidata Q-id (`Q7747`), only when certain."),
    FieldSpec(
        "code",
        False,
        "string",
        "Code of the entity in a standard, as the Unicode CLDR keys it: ISO 3166 country (`AM`), UN M.49 "
        "region (`150`) or IANA time-zone city (`Asia/Yerevan`). Entities of different files with the same "
        "code are one entity: the first file's id, type and label, and the names of all.",
    ),
    FieldSpec("note", False, "string", "Free text for contributors: sources, why a name is listed."),
    FieldSpec(
        "ambiguous",
        False,
        "list",
        "Names this entity knowingly shares with another entity; both "
        "entities must list the name. A shared name never resolves to either alone.",
    ),
    FieldSpec(
        "common",
        False,
        "list",
        "Names of this entity that are also common words or given names of their language (Polish Czad "
        "is carbon monoxide, Kuba a given name). In running text such a name is never a mention at the "
        "start of a sentence or next to another capitalised word (Kuba Wojewódzki); it still resolves.",
    ),
)
ENTITY_TYPES = frozenset(_TYPE_ORDER)
_TOP_FIELDS = ("entities", "description")
_FIELD_NAMES = tuple(spec.name for spec in ENTITY_FIELDS)
_ID = regex.compile(r"^[^\p{C}]+$")
#: The longest id, label or name a table may hold, in characters (a query is cut off at the same length).
MAX_NAME_CHARS = 400
# Characters a name may not hold: control and format characters (ZWNJ and ZWJ spell words in some
# scripts and stay), line and paragraph separators, unassigned and private-use code points.
_HIDDEN = regex.compile(r"[\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?![\u200c\u200d])\p{Cf}")
QID = regex.compile(r"^Q[1-9][0-9]*$")
CODE = regex.compile(r"^(?:[A-Z]{2}|[0-9]{3}|[A-Z][A-Za-z_]*(?:/[A-Za-z][A-Za-z0-9_+\-]*)+)$")
"""A country (AM), region (150) or time-zone city (Asia/Yerevan, America/Argentina/Buenos_Aires) code."""
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """libyaml's safe loader when available; every plain scalar is text (``no``, ``1917`` and ``Yes`` are
    names, not booleans or numbers) except the empty value, which marks a missing name. Skipping YAML's
    implicit typing also makes large tables load several times faster."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return str(super().resolve(kind, value, implicit))


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Validated entities of one or more alias files, in file order."""

    entities: tuple[Entity, ...]
    sources: tuple[str, ...]
    _by_id: dict[str, Entity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Entity] = {}
        for entity in self.entities:
            by_id.setdefault(entity.id, entity)  # the first, as a non-strict load keeps it
        object.__setattr__(self, "_by_id", by_id)

    def get(self, entity_id: str) -> Entity | None:
        """The entity with ``entity_id``, or None."""
        return self._by_id.get(entity_id)


class Collector:
    """The problems found while reading one table file (with file, line and column), and what could be
    read of entities that have one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[TableIssue] = []
        self.partial: list[Entity] = []
        """Entities with a field problem: what is valid of them still takes part in the cross-check, so
        that one run reports every problem of a table."""

        self.broken = False
        """A slice of a large file could not be composed, and the file read whole could not either: no
        entity of it is loaded, as none would be had it been read whole."""
        self.offset = 0
        """Lines before the text being composed: a long table is composed a slice of entities at a time."""

    def line(self, mark: yaml.Mark) -> int:
        """The file's line number (from 1) of a mark in the text being composed."""
        return int(mark.line) + 1 + self.offset

    def add(self, node: yaml.Node | yaml.Mark | None, message: str) -> None:
        mark = node.start_mark if isinstance(node, yaml.Node) else node
        line, column = (self.line(mark), mark.column + 1) if mark is not None else (1, 1)
        self.issues.append(TableIssue(self.path, line, column, message))


def _scalar(node: yaml.Node, what: str, out: Collector, prose: bool = False) -> str | None:
    """The text of a scalar node, or None (with an issue) when it is not a non-empty string, is longer
    than :data:`MAX_NAME_CHARS` or holds a hidden character (``prose``, a note: any length, and line
    breaks and tabs are allowed)."""
    if not isinstance(node, yaml.ScalarNode):
        out.add(
            node,
            f"{what} must be a single value, not a "
            + ("list" if isinstance(node, yaml.SequenceNode) else "mapping"),
        )
        return None
    if node.tag == _NULL or not node.value.strip():
        out.add(node, f"{what} is empty")
        return None
    value = str(node.value)
    if value != value.strip():
        out.add(node, f"{what} {value!r} has leading or trailing whitespace")
        return None
    if unicodedata.normalize("NFC", value) != value:
        out.add(node, f"{what} {value!r} is not in Unicode NFC form")
        return None
    if not prose and len(value) > MAX_NAME_CHARS:
        out.add(node, f"{what} is {len(value)} characters long; the limit is {MAX_NAME_CHARS}")
        return None
    hidden = _HIDDEN.search(value.replace("\n", "").replace("\t", "") if prose else value)
    if hidden is not None:
        char = hidden.group()
        kind = {"Cc": "control", "Co": "private-use", "Cn": "unassigned"}.get(unicodedata.category(char))
        described = f"{kind or 'invisible'} character U+{ord(char):04X} {unicodedata.name(char, '')}"
        out.add(node, f"{what} {value[:40]!r} holds the {described.rstrip()}")
        return None
    return value


def _mapping(node: yaml.MappingNode, what: str, out: Collector) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys (as written) to (key node, value node); duplicate keys are issues."""
    result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
        if key is None:
            out.add(key_node, f"{what}: keys must be plain values")
        elif key in result:
            first = out.line(result[key][0].start_mark)
            out.add(key_node, f"{what}: key {key!r} given twice (first on line {first})")
        else:
            result[key] = (key_node, value_node)
    return result


def _string_list(node: yaml.Node, what: str, out: Collector) -> list[tuple[str, yaml.Node]]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    values = []
    for item in items:
        value = _scalar(item, what, out)
        if value is not None:
            values.append((value, item))
    if isinstance(node, yaml.SequenceNode) and not items:
        out.add(node, f"{what}: the list is empty")
    return values


_Fields = dict[str, tuple[yaml.Node, yaml.Node]]


def _check_field_names(node: yaml.Node, fields: _Fields, out: Collector) -> None:
    """Unknown fields (with the closest known one) and missing required ones."""
    for key, (key_node, _) in fields.items():
        if key not in _FIELD_NAMES:
            close = difflib.get_close_matches(key, _FIELD_NAMES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known fields: {', '.join(_FIELD_NAMES)}"
            out.add(key_node, f"unknown field {key!r}{hint}")
    for spec in ENTITY_FIELDS:
        if spec.required and spec.name not in fields:
            out.add(node, f"entity is missing required field {spec.name!r}")


def _scalar_fields(fields: _Fields, out: Collector) -> dict[str, str | None]:
    """id, type, label, wikidata and note, each checked for its own form."""
    values: dict[str, str | None] = {}
    for key in ("id", "type", "label", "wikidata", "code", "note"):
        if key in fields:
            values[key] = _scalar(fields[key][1], key, out, prose=key == "note")
    entity_id, kind, wikidata = values.get("id"), values.get("type"), values.get("wikidata")
    label = values.get("label")
    if label is not None and not normalize(label):
        out.add(fields["label"][1], f"label {label!r} has no letters or digits")
        values["label"] = None
    if entity_id is not None and not _ID.match(entity_id):
        out.add(fields["id"][1], f"id {entity_id!r} must not contain control characters")
    if kind is not None and kind not in ENTITY_TYPES:
        out.add(fields["type"][1], f"type {kind!r} is not one of {', '.join(sorted(ENTITY_TYPES))}")
    if wikidata is not None and not QID.match(wikidata):
        out.add(fields["wikidata"][1], f"wikidata {wikidata!r} is not a Q-id such as Q7747")
    code = values.get("code")
    if code is not None and not CODE.match(code):
        message = f"code {code!r} is not a country (AM), region (150) or time-zone city (Asia/Yerevan)"
        out.add(fields["code"][1], message)
    return values


def _entity_names(fields: _Fields, out: Collector) -> list[Name]:
    if "names" not in fields:
        return []
    names_node = fields["names"][1]
    if not isinstance(names_node, yaml.MappingNode):
        out.add(names_node, "names must map language codes to lists of names")
        return []
    if not names_node.value:
        out.add(names_node, "names is empty")
    return _parse_names(names_node, out)


def _own_names(fields: _Fields, key: str, names: list[Name], label: str | None, out: Collector) -> list[str]:
    """The names listed under ``key`` (``ambiguous``, ``common``), each one of the entity's own names or
    its label."""
    if key not in fields:
        return []
    listed = {normalize(n.text) for n in names} | {normalize(label or "")}
    found = []
    for text, item in _string_list(fields[key][1], f"{key} name", out):
        if normalize(text) not in listed:
            out.add(item, f"{key} name {text!r} is not one of this entity's names")
        found.append(text)
    return found


def _parse_entity(node: yaml.Node, out: Collector) -> Entity | None:
    if not isinstance(node, yaml.MappingNode):
        out.add(node, "an entity must be a mapping with id, type, label and names")
        return None
    fields = _mapping(node, "entity", out)
    before = len(out.issues)
    _check_field_names(node, fields, out)
    values = _scalar_fields(fields, out)
    entity_id, kind, wikidata = values.get("id"), values.get("type"), values.get("wikidata")
    names = _entity_names(fields, out)
    ambiguous = _own_names(fields, "ambiguous", names, values.get("label"), out)
    common = _own_names(fields, "common", names, values.get("label"), out)
    if entity_id is None:
        return None
    id_mark = fields["id"][1].start_mark
    entity = Entity(
        id=entity_id,
        type=kind or "other",
        label=str(values.get("label") or ""),
        names=tuple(names),
        wikidata=wikidata,
        code=values.get("code"),
        note=values.get("note"),
        ambiguous=frozenset(normalize(text) for text in ambiguous),
        common=frozenset(normalize(text) for text in common),
        source=out.path,
        line=out.line(id_mark),
        column=id_mark.column + 1,
    )
    complete = len(out.issues) == before and kind is not None and values.get("label") is not None
    if not complete:
        out.partial.append(entity)  # checked for duplicates and shared names, never loaded
        return None
    return entity


def _parse_names(node: yaml.MappingNode, out: Collector) -> list[Name]:
    names: list[Name] = []
    for lang, (key_node, value_node) in _mapping(node, "names", out).items():
        if not is_language_code(lang):
            close = "" if lang.lower() == lang else f" (did you mean {lang.lower()!r}?)"
            out.add(key_node, f"{lang!r} is not an ISO 639-1 language code{close}")
            continue
        seen: set[str] = set()
        for text, item in _string_list(value_node, f"name ({lang})", out):
            if not normalize(text):
                out.add(item, f"name {text!r} ({lang}) has no letters or digits")
            elif text in seen:
                out.add(item, f"name {text!r} is listed twice under {lang}")
            else:
                seen.add(text)
                names.append(Name(text, lang, out.line(item.start_mark), item.start_mark.column + 1))
    return names


_PLAIN_TAGS = frozenset((_STR, _NULL, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"))
_YAML_PREFIX = "tag:yaml.org,2002:"


_YAML_LINE_BREAK = regex.compile("[\x85\u2028\u2029]")
"""The characters besides line feeds and carriage returns that YAML 1.1 (PyYAML, libyaml) reads as line
breaks (and folds into a space in a flow scalar); editors do not show them as such."""
_KIND_TAGS: dict[type[yaml.Node], str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


def _check_nodes(root: yaml.Node, out: Collector) -> bool:
    """Every node carries a plain tag: an explicit one (``!!python/object``, ``!!binary``) is an issue
    at its position, never read as text. A node reached twice is a YAML alias (``*name``): an issue at
    its anchor, and False (the table is not read further: aliases of aliases grow exponentially)."""
    stack, seen, shared = [root], set(), False
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if not shared:
                out.add(node, "YAML anchors and aliases (&name, *name) are not allowed in a table")
            shared = True
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS or _KIND_TAGS.get(type(node), node.tag) != node.tag:
            tag = node.tag.replace(_YAML_PREFIX, "!!", 1) if node.tag.startswith(_YAML_PREFIX) else node.tag
            out.add(node, f"YAML tag {tag} is not allowed: a table holds plain text, lists and mappings")
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return not shared


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, with what it was reading when it is elsewhere (an unclosed quote's start)."""
    problem = exc.problem or exc.context or "unreadable"
    opened, found = exc.context_mark, exc.problem_mark
    if exc.context and opened is not None and found is not None and opened.line != found.line:
        return f"{problem} ({exc.context} at line {opened.line + 1}, column {opened.column + 1})"
    if exc.context and problem != exc.context:
        return f"{exc.context}, {problem}"
    return problem


def _mark(path: str, text: str, index: int) -> yaml.Mark:
    """The position of character ``index`` of ``text``, as YAML reports positions."""
    line_start = text.rfind("\n", 0, index) + 1
    return yaml.Mark(path, index, text.count("\n", 0, index), index - line_start, None, 0)


def _reader_mark(path: str, text: str, exc: yaml.reader.ReaderError) -> yaml.Mark:
    """Where a character YAML refuses is: PyYAML counts characters, libyaml UTF-8 bytes."""
    if exc.encoding == "unicode":
        return _mark(path, text, exc.position)
    return _mark(path, text, len(text.encode()[: exc.position].decode(errors="ignore")))


def _read(path: str, out: Collector) -> list[Entity]:
    return list(iter_entities(path, out))


def iter_entities(path: str, out: Collector) -> Iterator[Entity]:
    """The valid entities of one alias file, in file order; problems go to ``out``. A file larger than
    ``STREAM_BYTES`` whose ``entities:`` list is written in block style is composed ``CHUNK_ENTITIES``
    entities at a time, so memory stays bounded whatever its size; positions are the file's."""
    for node in _entity_nodes(path, out):
        entity = _parse_entity(node, out)
        if entity is not None:
            yield entity


STREAM_BYTES = 1 << 22
"""Files larger than this are read a slice of entities at a time (smaller ones whole)."""
CHUNK_ENTITIES = 2000
"""Entities composed at a time when a file is read in slices."""


def _entity_nodes(path: str, out: Collector) -> Iterator[yaml.Node]:
    shape = _block_shape(path)
    if shape is not None:
        yield from _sliced_nodes(path, shape, out)
    else:
        yield from _whole_nodes(path, out)


def _whole_nodes(path: str, out: Collector) -> Iterator[yaml.Node]:
    """The entity nodes of a file composed whole."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        out.add(None, "file not found")
        return
    except OSError as exc:
        out.add(None, f"cannot read the file: {exc.strerror or exc}")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # the bytes before the first bad one are text
        message = f"cannot read the file: not UTF-8 (byte 0x{data[exc.start]:02X})"
        out.add(_mark(path, before, len(before)), message)
        return
    composed, root = _compose(path, text, out)
    if not composed:
        return
    entities_node = _entities_node(root, out)
    if entities_node is not None:
        yield from entities_node.value


def _compose(path: str, text: str, out: Collector) -> tuple[bool, yaml.Node | None]:
    """Whether ``text`` (whose first line is line ``out.offset + 1`` of the file) could be composed, and its
    node tree (None for an empty text); a tree with an alias is refused, with an issue."""
    odd = _YAML_LINE_BREAK.search(text)
    if odd is not None:  # YAML 1.1 reads it as a line break: a name would change, later lines shift
        what = f"U+{ord(odd.group()):04X} {unicodedata.name(odd.group(), 'NEXT LINE')}"
        message = f"the character {what} is read by YAML as a line break: remove it"
        out.add(_mark(path, text, odd.start()), message)
        return False, None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        out.add(_reader_mark(path, text, exc), f"malformed YAML: the character {what} is not allowed")
        return False, None
    except yaml.MarkedYAMLError as exc:
        out.add(exc.problem_mark or exc.context_mark, f"malformed YAML: {_yaml_problem(exc)}")
        return False, None
    except yaml.YAMLError as exc:
        out.add(None, f"malformed YAML: {exc}")
        return False, None
    except RecursionError:  # PyYAML's pure-Python composer, where libyaml is missing
        out.add(None, "malformed YAML: lists or mappings nested too deeply")
        return False, None
    if root is not None and not _check_nodes(root, out):
        return False, None
    return True, root


def _entities_node(root: yaml.Node | None, out: Collector) -> yaml.SequenceNode | None:
    """The ``entities`` list of a table's top-level mapping, or None with an issue."""
    if root is None or not isinstance(root, yaml.MappingNode):
        out.add(root, "an alias table is a mapping with the key 'entities'")
        return None
    top = _mapping(root, "table", out)
    for key, (key_node, _) in top.items():
        if key not in _TOP_FIELDS:
            out.add(key_node, f"unknown top-level key {key!r}; expected 'entities'")
    if "entities" not in top:
        out.add(root, "the table has no 'entities' list")
        return None
    entities_node = top["entities"][1]
    if not isinstance(entities_node, yaml.SequenceNode):
        out.add(entities_node, "'entities' must be a list")
        return None
    return entities_node


@dataclass(frozen=True, slots=True)
class _Shape:
    """A large file's layout: lines before the list (ending with ``entities:``), the list's item
    indentation, its line count, and the lines after it (top-level keys)."""

    header: list[str]
    indent: str
    items: int
    trailer: list[str]


_ENTITIES_LINE = regex.compile(r"entities:[ \t]*(?:#.*)?\r?\n?")
_ITEM = regex.compile(r"( *)-(?:[ \t]|\r?\n|$)")


def _block_shape(path: str) -> _Shape | None:
    """The layout of a large table written as ``entities:`` and a block list, or None: the file is small,
    unreadable, not UTF-8 or otherwise written (read whole, which reports its problems)."""
    try:
        if Path(path).stat().st_size <= STREAM_BYTES:
            return None
        header: list[str] = []
        trailer: list[str] = []
        indent: str | None = None
        items = 0
        with open(path, encoding="utf-8", newline="") as lines:
            for line in lines:
                if indent is None and not (header and _ENTITIES_LINE.fullmatch(header[-1])):
                    header.append(line)  # before the list
                elif indent is None and _blank(line):
                    items += 1
                elif indent is None:
                    item = _ITEM.match(line)
                    if item is None:
                        return None  # a flow list, or no list: read whole
                    indent, items = item.group(1), items + 1
                elif trailer or not _in_list(line, indent):
                    trailer.append(line)  # top-level keys after the list
                else:
                    items += 1
    except (OSError, UnicodeDecodeError):
        return None
    return _Shape(header, indent, items, trailer) if indent is not None else None


def _in_list(line: str, indent: str) -> bool:
    """Whether ``line`` continues a block list whose items start at ``indent``: blank, a comment, indented,
    or an item at the first column."""
    return _blank(line) or line[:1] in (" ", "\t") or (not indent and _ITEM.match(line) is not None)


def _blank(line: str) -> bool:
    """A line of spaces, or a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _sliced_nodes(path: str, shape: _Shape, out: Collector) -> Iterator[yaml.Node]:
    """The entity nodes of a large file, composed ``CHUNK_ENTITIES`` at a time; the header and trailer are
    checked as the top level of the table, with the list left out. A slice that cannot be composed sends
    the file to be read whole, which reports the problem as it is (an unclosed quote runs to the end of the
    file; an alias may name an anchor of an earlier slice); ``out.broken`` then says so."""
    skeleton = [*shape.header[:-1], "entities: []\n", "\n" * shape.items, *shape.trailer]
    issues, partial = len(out.issues), len(out.partial)
    composed, root = _compose(path, "".join(skeleton), out)
    listed = _entities_node(root, out) if composed else None
    if listed is None:
        return
    if listed.value or listed.start_mark.line != len(shape.header) - 1:
        # the parser reads the lines otherwise than the scan did (an ``entities:`` line inside a quoted
        # text before the list): the file is read whole, as the parser reads it
        del out.issues[issues:], out.partial[partial:]
        yield from _whole_nodes(path, out)
        return
    done = 0
    try:
        for nodes in _slices(path, shape, out):
            if nodes is None:
                break
            done += len(nodes)
            yield from nodes
        else:
            return
    finally:
        out.offset = 0
    del out.issues[issues:], out.partial[partial:]
    out.broken = True
    yield from itertools.islice(_whole_nodes(path, out), done, None)


def _slices(path: str, shape: _Shape, out: Collector) -> Iterator[list[yaml.Node] | None]:
    """The entity nodes of each slice of the list, or None for a slice that cannot be composed."""
    item_start = regex.compile(regex.escape(shape.indent) + r"-(?:[ \t]|\r?\n|$)")
    with open(path, encoding="utf-8", newline="") as lines:
        for _ in shape.header:
            next(lines)
        chunk: list[str] = []
        first = len(shape.header)  # lines before the chunk
        count = 0
        for _, line in zip(range(shape.items), lines, strict=False):
            if item_start.match(line):
                if count == CHUNK_ENTITIES:
                    yield _chunk_nodes(path, chunk, first, out)
                    first += len(chunk)
                    chunk, count = [], 0
                count += 1
            chunk.append(line)
        yield _chunk_nodes(path, chunk, first, out)


def _chunk_nodes(path: str, chunk: list[str], first: int, out: Collector) -> list[yaml.Node] | None:
    """The entity nodes of one slice of the list, whose first line is line ``first + 1``."""
    out.offset = first  # for this slice's issues, until the next slice
    composed, root = _compose(path, "".join(chunk), out)
    if not composed or not isinstance(root, yaml.SequenceNode):
        return None
    return list(root.value)


def join_codes(entities: Sequence[Entity]) -> tuple[list[TableIssue], list[Entity]]:
    """Entities of different files with one ``code`` become the first of them, with the names of all
    (each name once per language) and every name either marks ambiguous; one code twice in one file is
    an error."""
    issues: list[TableIssue] = []
    first: dict[str, int] = {}
    joined: list[Entity] = []
    for entity in entities:
        if entity.code is None:
            joined.append(entity)
            continue
        k = first.setdefault(entity.code, len(joined))
        if k == len(joined):
            joined.append(entity)
            continue
        other = joined[k]
        if other.source == entity.source:
            message = f"duplicate code {entity.code!r} (first at {other.source}:{other.line})"
            issues.append(TableIssue(entity.source, entity.line, entity.column or 1, message))
            continue
        known = {(n.lang, normalize(n.text)) for n in other.names}
        more = []
        for name in entity.names:
            if (name.lang, normalize(name.text)) not in known:
                known.add((name.lang, normalize(name.text)))
                more.append(name)
        joined[k] = dataclasses.replace(
            other,
            names=other.names + tuple(more),
            ambiguous=other.ambiguous | entity.ambiguous,
            common=other.common | entity.common,
        )
    return issues, joined


def _duplicate_ids(entities: Sequence[Entity]) -> tuple[list[TableIssue], list[Entity]]:
    """An id given twice is an error; the first entity with it is kept."""
    issues: list[TableIssue] = []
    first: dict[str, Entity] = {}
    for entity in entities:
        other = first.setdefault(entity.id, entity)
        if other is not entity:
            message = f"duplicate id {entity.id!r} (first at {other.source}:{other.line})"
            issues.append(TableIssue(entity.source, entity.line, entity.column or 1, message))
    return issues, list(first.values())


def _shared_names(entities: Sequence[Entity]) -> list[tuple[TableIssue, str, Entity, Entity]]:
    """One name given to two entities in one language, a label counting as every language (Georgia the
    label of one, Georgia in English of another), unless both list it under ``ambiguous``
    (:func:`~namenorm.keys.clashes_in`); in table order."""
    owners: dict[str, list[tuple[int, Entity, str, tuple[int, int]]]] = {}
    written = 0
    for entity in entities:
        filed = file_names(entity)
        for key, entry, place in zip(filed.keys, filed.entries, filed.places, strict=True):
            if not entry.name:  # an entity read in part (a field problem) may lack its label
                continue
            owners.setdefault(key, []).append((written, entity, entry.lang, place))
            written += 1
    found: list[tuple[int, TableIssue, str, Entity, Entity]] = []
    for key, group in owners.items():
        for later, earlier in clashes_in([(e.id, lang, key in e.ambiguous) for _, e, lang, _ in group]):
            order, entity, lang, (line, column) = group[later]
            other, other_line = group[earlier][1], group[earlier][3][0]
            message = clash_message(key, lang, entity.id, other.id, f"{other.source}:{other_line}")
            found.append((order, TableIssue(entity.source, line, column, message), key, entity, other))
    found.sort(key=lambda clash: clash[0])
    return [(issue, key, entity, other) for _, issue, key, entity, other in found]


def _cross_check(entities: Sequence[Entity], strict: bool) -> tuple[list[TableIssue], dict[str, set[str]]]:
    """Problems across entities: duplicate ids (always errors) and shared names (errors when ``strict``;
    otherwise a warning, and the keys each entity then shares, to be treated as ambiguous)."""
    issues, unique = _duplicate_ids(entities)
    shared = _shared_names(unique)
    if strict:
        return issues + [issue for issue, *_ in shared], {}
    if shared:
        shown = [str(issue) for issue, *_ in shared[:3]]
        warnings.warn(shared_warning(len(shared), shown), TableWarning, stacklevel=4)
    keys = shared_keys(
        (entity.id, normalize(entity.label) == key, other.id, normalize(other.label) == key, key)
        for _, key, entity, other in shared
    )
    return issues, keys


def load_table(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]], *, strict: bool = True
) -> AliasTable:
    """Load and validate one or more alias files.

    Strict by default, as a curator validates a table (``namenorm check``): a name given to two entities
    without being marked ``ambiguous`` is an error. With ``strict=False`` (the default of
    ``Resolver.from_yaml``, which reads tables users did not curate) it is a :class:`TableWarning`, and the
    name is treated as ambiguous: it never resolves to either entity alone, unless it is the label of one
    of them only (Jaguar the label of the carmaker, an alias of the animal): then, written as the label,
    it is that one's.
    """
    path_list = check_paths(paths)
    issues: list[TableIssue] = []
    entities: list[Entity] = []
    checked: list[Entity] = []
    for path in path_list:
        out = Collector(path)
        read = _read(path, out)
        if out.broken and out.issues:
            read, out.partial = [], []
        entities.extend(read)
        checked.extend(sorted([*read, *out.partial], key=lambda e: (e.line, e.column)))
        issues.extend(out.issues)
    if issues:  # every problem in one run: the cross-check of what could be read too
        issues.extend(join_codes(checked)[0])
        issues.extend(_cross_check(checked, strict=True)[0])
        raise AliasTableError(sorted(set(issues), key=lambda i: (i.path, i.line, i.column, i.message)))
    problems, entities = join_codes(entities)
    if problems:
        raise AliasTableError(problems)
    problems, shared = _cross_check(entities, strict)
    if problems:
        raise AliasTableError(problems)
    if shared:  # a name shared without being marked is treated as marked: it resolves to neither
        entities = [
            dataclasses.replace(e, ambiguous=e.ambiguous | shared[e.id]) if e.id in shared else e
            for e in entities
        ]
    return AliasTable(tuple(entities), tuple(path_list))


def check_tables(paths: Iterable[str | PathLike[str]]) -> list[TableIssue]:
    """Every problem of the given tables (strict mode), without raising; an empty list means clean."""
    try:
        load_table(check_paths(paths), strict=True)
    except AliasTableError as exc:
        return list(exc.issues)
    return []


def inflected_names(entities: Iterable[Entity]) -> list[TableIssue]:
    """Names a table lists that are a case form of another name of the same entity in the same language
    (``pl: [Warszawa, Warszawie]``): the rules find case forms, a table lists base forms only. Found by
    generating each name's case forms (:func:`namenorm.inflect`), which costs: ``namenorm check`` reports
    them as warnings, loading does not look.

    ```pycon
    >>> e = Entity("waw", "place", "Warszawa", (Name("Warszawa", "pl", 3, 9), Name("Warszawie", "pl", 3, 19)))
    >>> [(i.line, i.column, i.message) for i in inflected_names([e])]
    [(3, 19, "name 'Warszawie' (pl) is a case form (dat) of 'Warszawa': list base forms only")]

    ```
    """
    from .inflection import case_forms
    from .ruleset import available_languages, load_rules

    found = []
    for entity in entities:
        by_lang: dict[str, list[Name]] = {}
        for name in entity.names:
            by_lang.setdefault(name.lang, []).append(name)
        for lang, names in by_lang.items():
            if len(names) < 2 or lang not in available_languages() or not load_rules(lang).generation:
                continue
            keys = {normalize(n.text): n for n in names}
            for name in names:
                for case, forms in case_forms(name.text, lang=lang, kind=entity.type).items():
                    for form in forms:
                        other = keys.get(normalize(form))
                        if (
                            other is not None
                            and other is not name
                            and normalize(form) != normalize(name.text)
                        ):
                            message = (
                                f"name {other.text!r} ({lang}) is a case form ({case}) of {name.text!r}: "
                                "list base forms only"
                            )
                            found.append(TableIssue(entity.source, other.line, other.column, message))
                            keys.pop(normalize(form))
    return sorted(set(found), key=lambda i: (i.path, i.line, i.column))


BUNDLED_TABLES = {"story": "aliases.yaml", "world": "world.yaml"}
"""The tables shipped with namenorm: the curated *story* table (the people, places and organisations of
the seed corpus' event) and the *world* gazetteer (countries, regions and cities from the Unicode CLDR)."""


def bundled_table_path(name: str = "story") -> Path:
    """Path of a table shipped with namenorm (inside the wheel, or ``data/`` of a source tree): ``story``
    (the default) or ``world``.

    ```pycon
    >>> bundled_table_path("world").name
    'world.yaml'

    ```
    """
    if name not in BUNDLED_TABLES:
        raise NamenormError(f"no bundled table {name!r}: use one of {', '.join(BUNDLED_TABLES)}")
    return bundled_data_path(BUNDLED_TABLES[name])


def bundled_data_path(filename: str) -> Path:
    """Path of a data file shipped with namenorm: inside the wheel, or in ``data/`` of a source tree."""
    packaged = resources.files("namenorm") / "data" / filename
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data" / filename
