"""The ``namenorm`` command: resolve names, tag text, explain a resolution, check, compile and import tables.

Exit codes: 0 success (all names resolved, tables clean), 1 some names unresolved or table problems found
(``check``), 2 usage, input or table-loading errors (one line on stderr).
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import csv
import json
import os
import re
import signal
import sys
import threading
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from .arguments import check_lang
from .errors import NamenormError, TableWarning
from .reading import BLOCK_SIZE, PIECE_SIZE, decoded, lines, pieces
from .resolver import MAX_QUERY_CHARS, Resolver, bundled_table_path, default_tables
from .table import BUNDLED_TABLES, TYPE_ORDER, check_tables, inflected_names, load_table
from .types import Match, Mention, Tagging
from .wikidata import TYPES_BY_CLASS
from .workers import BATCH_CHARS, available_cores, tag_in_order

_LANG_HELP = (
    "language of the {what}: pl, it, en or another ISO 639-1 code; without it, the rules of every "
    "language namenorm knows (pl, it, en) are tried"
)
_CSV_COLUMNS = ("namenorm_id", "namenorm_label", "namenorm_score", "namenorm_method")


def _version() -> str:
    from . import __version__

    return __version__


def _warn(message: str) -> None:
    print(f"namenorm: warning: {message}", file=sys.stderr)


def _match_json(query: str, match: Match | None) -> dict[str, Any]:
    if match is None:
        return {"query": query, "entity_id": None}
    data = asdict(match)
    data["method"] = match.method.value
    data["trail"] = list(match.trail)
    return data


def _resolver(args: argparse.Namespace) -> Resolver:
    """The tables of ``--aliases`` (alias YAML files, or one compiled index folder), on top of the bundled
    tables of ``--table`` (the story table when not given) with ``--with-bundled``; the bundled tables
    alone without ``--aliases``. Table warnings (a name two entities share) print as one line on stderr,
    or not at all with ``--quiet``."""
    paths = [str(p) for p in args.aliases or []]
    tables = args.table or list(default_tables())
    gazetteer = not args.no_gazetteer
    if not paths and gazetteer:
        return Resolver.bundled(*tables)
    if not paths:
        bundled = [bundled_table_path(name) for name in tables]
        return Resolver.from_yaml(bundled, strict=True, gazetteer=False, cache=True)
    if args.with_bundled:
        paths[:0] = [str(bundled_table_path(name)) for name in tables]
    elif args.table:
        raise NamenormError(
            "--table chooses bundled tables: use it alone, or with --aliases and --with-bundled"
        )
    compiled = [p for p in paths if Path(p).is_dir()]
    if compiled:
        if len(paths) > 1:
            raise NamenormError(
                f"{compiled[0]}: a compiled index cannot be combined with other tables; compile them "
                "together (namenorm compile A.yaml B.yaml -o DIR)"
            )
        return Resolver.load(compiled[0], gazetteer=gazetteer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TableWarning)
        resolver = Resolver.from_yaml(*paths, gazetteer=gazetteer, cache=args.cache)
    if not args.quiet:
        for warning in caught:
            _warn(str(warning.message))
    return resolver


def _stdin_blocks(stdin: TextIO | None, encoding: str) -> Iterator[str]:
    """The text of stdin, block by block (decoded from its bytes when it has them)."""
    if stdin is None or getattr(stdin, "closed", False):
        raise NamenormError("stdin is closed: give the input as arguments or files, or pipe it in")
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        yield from decoded(buffer, encoding, "stdin", _warn)
        return
    first = True
    while block := stdin.read(BLOCK_SIZE):
        yield block.removeprefix("\ufeff") if first else block
        first = False


def _file_blocks(path: str, encoding: str) -> Iterator[str]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed by the with below, inside the generator)
    except OSError as exc:
        raise NamenormError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        yield from decoded(fh, encoding, path, _warn)


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _waiting_on_terminal(stdin: TextIO | None, command: str) -> bool:
    """Nothing to do but read a terminal: print a hint instead of waiting silently."""
    if stdin is None or getattr(stdin, "closed", False) or not stdin.isatty():
        return False
    example = {"resolve": "namenorm resolve --lang pl Chowajewem", "tag": "namenorm tag --lang pl FILE"}
    print(f"namenorm {command}: give arguments or pipe input, e.g. `{example[command]}`", file=sys.stderr)
    return True


def _names(args: argparse.Namespace, stdin: TextIO) -> Iterator[str]:
    if args.names:
        yield from args.names
        return
    for line in lines(_stdin_blocks(stdin, args.encoding), longest=MAX_QUERY_CHARS):
        if line.strip():
            yield line


def _type_list(value: str) -> list[str]:
    """An argparse type: entity types separated by commas, each one of :data:`TYPE_ORDER`."""
    kinds = [kind.strip() for kind in value.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in TYPE_ORDER]
    if not kinds or unknown:
        found = f"unknown type {unknown[0]!r}" if unknown else "no type given"
        raise argparse.ArgumentTypeError(f"{found}; the types are {', '.join(TYPE_ORDER)}")
    return kinds


def _types(args: argparse.Namespace) -> list[str] | None:
    return [kind for kinds in args.type for kind in kinds] if args.type else None


def _cmd_resolve(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    if args.csv is not None:
        return _resolve_csv(args, out)
    if not args.names and _waiting_on_terminal(stdin, "resolve"):
        return 2
    resolver = _resolver(args)
    options = {"types": _types(args), "min_score": args.min_score}
    missing = 0
    for name in _names(args, stdin):
        if args.limit is not None:
            found = resolver.candidates(name, args.lang, args.limit, **options)
            missing += not found
            _write_candidates(out, name, found, args.json)
            continue
        match = resolver.resolve(name, args.lang, **options)
        missing += match is None
        if args.json:
            out.write(json.dumps(_match_json(name, match), ensure_ascii=False) + "\n")
        else:
            out.write(_row(name, match))
    return 1 if missing else 0


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _cell(text: str) -> str:
    """Text for one TSV cell: control characters (tabs, line breaks, terminal escapes) become spaces."""
    return _CONTROL.sub(" ", text)


def _row(name: str, match: Match | None) -> str:
    if match is None:
        return f"{_cell(name)}\t\t\t\t\n"
    fields = (name, match.entity_id, match.label, f"{match.score:.3f}", match.method.value)
    return "\t".join(map(_cell, fields)) + "\n"


def _write_candidates(out: TextIO, name: str, found: list[Match], as_json: bool) -> None:
    if as_json:
        data = {"query": name, "candidates": [_match_json(name, m) for m in found]}
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    for m in found:
        out.write(_row(name, m))
    if not found:
        out.write(_row(name, None))


def _resolve_csv(args: argparse.Namespace, out: TextIO) -> int:
    """Resolve one column of a CSV file; every row comes back with four more columns."""
    if args.column is None:
        raise NamenormError("--csv needs --column NAME (the header of the column to resolve)")
    text = "".join(_file_blocks(args.csv, args.encoding))
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a field as long as the file is a field
    rows = _csv_rows(csv.reader(text.splitlines()), args.csv)
    header = next(rows, None)
    if header is None:
        raise NamenormError(f"{args.csv}: empty CSV file")
    if args.column not in header:
        raise NamenormError(f"{args.csv}: no column {args.column!r} (columns: {', '.join(header)})")
    where = header.index(args.column)
    resolver = _resolver(args)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *_CSV_COLUMNS])
    missing = 0
    for row in rows:
        name = row[where] if where < len(row) else ""
        match = resolver.resolve(name, args.lang, types=_types(args), min_score=args.min_score)
        missing += match is None
        extra = ["", "", "", ""] if match is None else [
            match.entity_id, match.label, f"{match.score:.3f}", match.method.value
        ]  # fmt: skip
        writer.writerow([*row, *extra])
    return 1 if missing else 0


def _csv_rows(reader: Any, path: str) -> Iterator[list[str]]:
    """The rows of a CSV reader; a line the csv module cannot read is a NamenormError naming it."""
    try:
        yield from reader
    except csv.Error as exc:
        raise NamenormError(f"{path}: line {reader.line_num}: not CSV ({exc})") from exc


def _mention_line(source: str, mention: Mention, as_json: bool) -> str:
    if as_json:
        data = {"file": source, "start": mention.start, "end": mention.end, "text": mention.text}
        data.update(_match_json(mention.text, mention.match))
        return json.dumps(data, ensure_ascii=False)
    fields = (source, str(mention.start), str(mention.end), mention.text, mention.entity_id,
              mention.match.method.value)  # fmt: skip
    return "\t".join(map(_cell, fields))


def _bar(done: int, total: int, width: int = 30) -> str:
    """A carriage return and a bar of ``width`` cells, ``done`` of ``total`` filled."""
    filled = width * min(done, total) // total
    return f"\r[{'#' * filled}{'-' * (width - filled)}]"


class Progress:
    """A one-line progress bar on a terminal (stderr); silent when the stream is not a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.active = total > 1 and stream.isatty()
        self.done = 0

    def step(self, label: str) -> None:
        self.done += 1
        if self.active:
            self.stream.write(f"{_bar(self.done, self.total)} {self.done}/{self.total} {label[-40:]:40s}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


class CountProgress:
    """A running count on a terminal (stderr), for work whose total is not known; silent otherwise."""

    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream, self.what, self.active, self.shown = stream, what, stream.isatty(), False

    def update(self, done: int) -> None:
        if self.active:
            self.stream.write(f"\r{done:,} {self.what}")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


class ByteProgress:
    """A progress bar over bytes (reading a large file) on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.active, self.shown = stream, stream.isatty(), False

    def update(self, done: int, total: int) -> None:
        if self.active and total:
            self.stream.write(f"{_bar(done, total)} {done / 1e6:.1f}/{total / 1e6:.1f} MB")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _cmd_tag(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    if not args.files and _waiting_on_terminal(stdin, "tag"):
        return 2
    resolver = _resolver(args)
    lang = check_lang(args.lang)
    sources = args.files or ["-"]
    progress = Progress(len(sources), sys.stderr)

    def pieces_read() -> Iterator[tuple[str, tuple[int, str, int]]]:
        for number, source in enumerate(sources):
            blocks = (
                _stdin_blocks(stdin, args.encoding) if source == "-" else _file_blocks(source, args.encoding)
            )
            for offset, text in pieces(blocks, args.piece_size):
                yield text, (number, source, offset)

    _ = resolver.tagger  # built before the workers start: forked ones inherit it
    render = partial(_render_unknown) if args.unknown else partial(_render, args.json)
    done = 0  # sources whose every piece is written
    unknown: Counter[tuple[str, str]] = Counter()
    for number, lines_out in tag_in_order(resolver, pieces_read(), lang, args.jobs, render):
        for finished in sources[done:number]:
            progress.step(finished)
        done = number
        if isinstance(lines_out, str):
            out.write(lines_out)
        else:
            unknown.update((kind, name) for kind, name in lines_out)
    for finished in sources[done:]:
        progress.step(finished)
    for (kind, name), count in sorted(unknown.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count}\t{kind}\t{_cell(name)}\n")
    return 0


def _render(as_json: bool, text: str, meta: tuple[int, str, int], reading: Tagging) -> tuple[int, str]:
    """A piece's output lines (made by the worker that tagged it), with its source's number; with
    ``as_json``, the candidates refused too (with the rule that refused each)."""
    number, source, offset = meta
    lines_out = []
    for mention in reading.mentions:
        if offset:
            mention = replace(mention, start=mention.start + offset, end=mention.end + offset)
        lines_out.append(_mention_line(source, mention, as_json) + "\n")
    if as_json:
        for refusal in reading.refused:
            start, end = refusal.start + offset, refusal.end + offset
            data = {"file": source, "start": start, "end": end, "text": refusal.text,
                    "entity_id": refusal.entity_id, "refused": refusal.rule}  # fmt: skip
            lines_out.append(json.dumps(data, ensure_ascii=False) + "\n")
    return number, "".join(lines_out)


def _render_unknown(
    text: str, meta: tuple[int, str, int], reading: Tagging
) -> tuple[int, list[tuple[str, str]]]:
    """A piece's names that the table does not hold, as (kind, name) pairs."""
    return meta[0], [(name.kind, name.text) for name in reading.unknown]


def _cmd_check(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    paths = args.files or [str(bundled_table_path(name)) for name in BUNDLED_TABLES]
    folders = [p for p in paths if Path(p).is_dir()]
    if folders:
        from .compiled import verify_compiled

        if len(folders) != len(paths):
            raise NamenormError("check takes alias tables or compiled index folders, not both at once")
        for folder in folders:
            verify_compiled(folder)
        out.write(f"ok: {', '.join(paths)} (sizes and digests of every file)\n")
        return 0
    issues = check_tables(paths)
    for issue in issues:
        out.write(f"{issue}\n")
    if not issues:
        for warning in inflected_names(load_table(paths).entities):
            out.write(f"warning: {warning}\n")
        out.write(f"ok: {', '.join(paths)}\n")
    return 1 if issues else 0


def _cmd_explain(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    name = " ".join(args.name)
    resolver = _resolver(args)
    explanation = resolver.explain(name, lang=args.lang)
    in_text = _in_text(resolver, name, args.text, args.lang) if args.text is not None else None
    if args.json:
        data = {
            "query": name,
            "lang": args.lang,
            "steps": list(explanation.steps),
            "match": _match_json(name, explanation.match),
            "candidates": [_match_json(name, m) for m in explanation.candidates],
        }
        if in_text is not None:
            data["in_text"] = in_text
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        for step in explanation.steps:
            out.write(step + "\n")
        for row in in_text or ():
            what = (
                f"tagged {row['entity_id']}"
                if "refused" not in row
                else f"refused {row['entity_id']} ({row['refused']})"
            )
            out.write(f"in the text at {row['start']}-{row['end']} {row['text']!r}: {what}\n")
    return 0 if explanation.match is not None else 1


def _in_text(resolver: Resolver, name: str, text: str, lang: str | None) -> list[dict[str, Any]]:
    """What the tagger made of ``name`` in ``text``: the mentions and the refusals (with their rule) over
    each place the text writes it."""
    reading = resolver.read(text, lang)
    places = [m.span() for m in re.finditer(re.escape(name), text)]
    rows: list[dict[str, Any]] = []
    for start, end in places:
        for m in reading.mentions:
            if m.start < end and start < m.end:
                rows.append({"start": m.start, "end": m.end, "text": m.text, "entity_id": m.entity_id})
        for r in reading.refused:
            if r.start < end and start < r.end:
                rows.append({"start": r.start, "end": r.end, "text": r.text, "entity_id": r.entity_id,
                             "refused": r.rule})  # fmt: skip
    return rows


def _cmd_compile(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .compiled import compile_tables, read_meta

    counter = CountProgress(sys.stderr, "entities")
    compile_tables(args.tables, args.output, strict=args.strict, progress=counter.update)
    counter.close()
    count = read_meta(args.output)["entities"]
    out.write(f"compiled {count} entities from {', '.join(args.tables)} to the folder {args.output}\n")
    return 0


def _cmd_import_wikidata(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .wikidata import compile_dump, import_dump

    langs = [code.strip() for code in args.langs.split(",") if code.strip()]
    types = [kind.strip() for kind in args.types.split(",")] if args.types else None
    target = Path(args.output)
    if not args.compiled and (target.exists() or target.is_symlink()) and not args.force:
        raise NamenormError(f"{target}: exists; not overwriting it (give --force to replace it)")
    bar = ByteProgress(sys.stderr)
    write = compile_dump if args.compiled else import_dump
    count = write(args.dump, args.output, langs=langs, types=types, progress=bar.update)
    bar.close()
    what = "a compiled index, the folder " if args.compiled else ""
    out.write(f"wrote {count} entities to {what}{args.output}\n")
    return 0


def _table_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--aliases",
        action="append",
        metavar="TABLE",
        help="an alias table (YAML file) or a compiled index (the folder `namenorm compile` writes) to use "
        "instead of the bundled table; repeat for several YAML tables",
    )
    parser.add_argument(
        "--table",
        action="append",
        choices=sorted(BUNDLED_TABLES),
        help="a bundled table: story (the default: the seed corpus' people, places and organisations) or "
        "world (countries, regions and cities from the Unicode CLDR); repeat for both",
    )
    parser.add_argument(
        "--with-bundled",
        action="store_true",
        help="use the --aliases tables on top of the bundled tables instead of in their place",
    )
    parser.add_argument(
        "--no-gazetteer",
        action="store_true",
        help="the tables' own names only: no places found through the bundled world gazetteer's names in "
        "other languages (Finlandii for a table's Finsko)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no warnings about the tables (names two entities share)"
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="compile the --aliases YAML tables into the user cache folder on first use and load them from "
        "there until they change ($NAMENORM_CACHE, else ~/.cache/namenorm; the bundled tables always are)",
    )


def _encoding_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--encoding",
        default="utf-8",
        help=f"text encoding of {what} (default utf-8; a byte-order mark is dropped); bytes that do not "
        "decode are replaced, with a warning",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``namenorm`` command."""
    parser = argparse.ArgumentParser(prog="namenorm", description="Resolve entity names to canonical ids.")
    parser.add_argument("--version", action="version", version=f"namenorm {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    res = sub.add_parser(
        "resolve",
        help="resolve names (arguments, or one per line on stdin)",
        description="Resolve names to entity ids: one tab-separated line per name (query, id, label, score, "
        "method; empty fields when unresolved). Exit code 1 when some name is unresolved.",
    )
    res.add_argument("names", nargs="*", metavar="NAME", help="names to resolve; none: one per line on stdin")
    res.add_argument("--lang", help=_LANG_HELP.format(what="names"))
    _table_options(res)
    res.add_argument("--json", action="store_true", help="one JSON object per line, with every field")
    res.add_argument("--min-score", type=float, metavar="S", help="a match scoring less than S (0-1) is none")
    res.add_argument(
        "--limit",
        type=_positive,
        metavar="N",
        help="print up to N candidates per name, best first, ambiguous ones included (a line each)",
    )
    res.add_argument(
        "--type",
        action="append",
        type=_type_list,
        metavar="TYPE",
        help=f"only entities of this type ({', '.join(TYPE_ORDER)}); repeat or separate with commas",
    )
    res.add_argument("--csv", metavar="FILE", help="resolve one column of this CSV file (see --column)")
    res.add_argument(
        "--column",
        metavar="NAME",
        help="with --csv: the column to resolve; every row is printed as CSV with four more columns: "
        + ", ".join(_CSV_COLUMNS),
    )
    _encoding_option(res, "stdin and the CSV file")
    res.set_defaults(func=_cmd_resolve)

    tag = sub.add_parser(
        "tag",
        help="find entity mentions in text files (or stdin); a progress bar on stderr for many files",
        description="One tab-separated line per mention: file, start, end (character offsets), text, "
        "entity id, method.",
    )
    tag.add_argument("files", nargs="*", metavar="FILE", help="text files; none: the text on stdin")
    tag.add_argument("--lang", help=_LANG_HELP.format(what="text"))
    _table_options(tag)
    tag.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per mention, with the fields of resolve --json, then one per table name "
        "found and not tagged, with the rule that refused it (field refused)",
    )
    tag.add_argument(
        "--unknown",
        action="store_true",
        help="instead of the mentions, the names the table does not hold (a person's full name, a longer "
        "name around a table name), one per line with its count and kind: what to add to the table next",
    )
    _encoding_option(tag, "the files and stdin")
    tag.add_argument(
        "--piece-size",
        type=_positive,
        default=PIECE_SIZE,
        metavar="CHARS",
        help=f"tag long inputs in pieces of at most CHARS characters, cut at paragraph breaks, else line "
        f"breaks, else spaces (default {PIECE_SIZE:,}); offsets still count from the start of the input",
    )
    tag.add_argument(
        "--jobs",
        type=_positive,
        default=available_cores(),
        metavar="N",
        help="tag on N processes, output in input order (default: the CPUs available, "
        f"{available_cores()} here); input of less than {BATCH_CHARS:,} characters is tagged in one",
    )
    tag.set_defaults(func=_cmd_tag)

    exp = sub.add_parser(
        "explain",
        help="show how one name is resolved, step by step",
        description="Print the steps of one resolution; exit code 1 when the name does not resolve.",
    )
    exp.add_argument("name", nargs="+", metavar="NAME", help="the name (several words need no quotes)")
    exp.add_argument("--lang", help=_LANG_HELP.format(what="name"))
    _table_options(exp)
    exp.add_argument("--json", action="store_true", help="the steps, match and candidates as one JSON object")
    exp.add_argument(
        "--text",
        metavar="TEXT",
        help="also tag TEXT and say what the tagger made of the name where TEXT writes it: the mention, or "
        "the rule that refused it (longer-name, other-bearer, given-name, ambiguous, ...)",
    )
    exp.set_defaults(func=_cmd_explain)

    cmp = sub.add_parser(
        "compile",
        help="build a table's indexes once into a folder that loads fast",
        description="Write the compiled index of the tables to the folder OUTPUT (created, or replaced "
        "when it holds an earlier compiled index); use it with --aliases OUTPUT or Resolver.load(OUTPUT).",
    )
    cmp.add_argument("tables", nargs="+", metavar="TABLE", help="alias tables (YAML files)")
    cmp.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write (.nnidx)")
    cmp.add_argument("--strict", action="store_true", help="names shared without 'ambiguous' are errors")
    cmp.set_defaults(func=_cmd_compile)

    wd = sub.add_parser(
        "import-wikidata",
        help="write an alias table from a Wikidata JSON dump",
        description="Read a Wikidata JSON dump item by item and write an alias table (or, with --compiled, "
        "a compiled index) of its people, places, organisations, media and events with their labels and "
        "aliases in the chosen languages.",
    )
    wd.add_argument("dump", metavar="DUMP", help="a Wikidata JSON dump (plain, .gz or .bz2)")
    wd.add_argument(
        "--langs", default="en,pl,it", help="languages to keep, comma-separated (default en,pl,it)"
    )
    wd.add_argument(
        "--types",
        help="entity types to keep, comma-separated, of those the importer gives from Wikidata's classes: "
        + ",".join(t for t in TYPE_ORDER if t in {*TYPES_BY_CLASS.values(), "other"}),
    )
    wd.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the alias table (or, with --compiled, folder)"
    )
    wd.add_argument("--force", action="store_true", help="replace an existing table FILE")
    wd.add_argument(
        "--compiled",
        action="store_true",
        help="write a compiled index (a folder, as namenorm compile writes) straight from the dump, with no "
        "table in between: for dumps of millions of entities",
    )
    wd.set_defaults(func=_cmd_import_wikidata)

    chk = sub.add_parser(
        "check",
        help="validate alias tables (the bundled one when no FILE is given), or verify compiled indexes",
        description="Validate alias tables as a curator does (strict: a name given to two entities is an "
        "error), one problem a line with file:line:column; or verify compiled index folders against the "
        "sizes and SHA-256 digests in their meta.json. Exit code 1 when a problem is found.",
    )
    chk.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="alias tables, or compiled index folders (every file's size and SHA-256 digest is checked); "
        "none: the bundled table",
    )
    chk.set_defaults(func=_cmd_check)
    return parser


class _Terminated(BaseException):
    """SIGTERM arrived: unwind (a compile removes its unfinished folder) and exit 143."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (2 for a usage error or a refused input, 130 after
    Ctrl-C, 143 after SIGTERM)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if getattr(args, "csv", None) is not None and args.names:
            parser.error("resolve: give names on the command line or --csv FILE, not both")
    except SystemExit as exc:
        return int(exc.code or 0)
    out = stdout or sys.stdout
    if out is None:  # started with stdout closed
        print("namenorm: stdout is closed: nowhere to write the output", file=sys.stderr)
        return 2
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    try:
        code = int(args.func(args, out, stdin if stdin is not None else sys.stdin))
        out.flush()
        return code
    except (KeyboardInterrupt, _Terminated) as exc:
        _flush_or_drop(out)  # what was answered before the stop stays written
        return 130 if isinstance(exc, KeyboardInterrupt) else 143
    except NamenormError as exc:
        print(f"namenorm: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `namenorm tag | head`: the reader has all it wanted
        _drop_output(out)
        return 0
    except OSError as exc:  # writing the output failed (a full disk, a closed stdout)
        print(f"namenorm: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        _drop_output(out)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _flush_or_drop(out: TextIO) -> None:
    """Write out what is buffered; when that fails (a closed pipe), drop it."""
    try:
        out.flush()
    except (OSError, ValueError):
        _drop_output(out)


def _drop_output(out: TextIO) -> None:
    """Point stdout at /dev/null, so that Python's final flush of what is left does not fail again."""
    if out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # pragma: no cover - no file descriptor to redirect
            pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
