"""The ``namenorm`` command: resolve names, tag text, explain a resolution, check alias tables.

Exit codes: 0 success (all names resolved, tables clean), 1 some names unresolved or table problems found
(``check``), 2 usage or table-loading errors (message on stderr).
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from .errors import NamenormError
from .resolver import Resolver, default_resolver
from .table import check_tables
from .types import Match, Mention


def _match_json(query: str, match: Match | None) -> dict[str, Any]:
    if match is None:
        return {"query": query, "entity_id": None}
    data = asdict(match)
    data["method"] = match.method.value
    data["trail"] = list(match.trail)
    return data


def _resolver(paths: Sequence[str] | None) -> Resolver:
    return Resolver.from_yaml(*paths) if paths else default_resolver()


def _names(args: argparse.Namespace, stdin: TextIO) -> Iterator[str]:
    if args.names:
        yield from args.names
        return
    for line in stdin:
        name = line.rstrip("\r\n")
        if name.strip():
            yield name


def _cmd_resolve(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    resolver = _resolver(args.aliases)
    missing = 0
    for name in _names(args, stdin):
        match = resolver.resolve(name, lang=args.lang)
        missing += match is None
        if args.json:
            out.write(json.dumps(_match_json(name, match), ensure_ascii=False) + "\n")
        elif match is None:
            out.write(f"{name}\t\t\t\t\n")
        else:
            out.write(f"{name}\t{match.entity_id}\t{match.label}\t{match.score:.3f}\t{match.method.value}\n")
    return 1 if missing else 0


def _mention_line(source: str, mention: Mention, as_json: bool) -> str:
    if as_json:
        data = {
            "file": source,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "entity_id": mention.entity_id,
            "method": mention.match.method.value,
            "score": mention.match.score,
        }
        return json.dumps(data, ensure_ascii=False)
    text = mention.text.replace("\t", " ").replace("\n", " ")
    return (
        f"{source}\t{mention.start}\t{mention.end}\t{text}\t{mention.entity_id}\t{mention.match.method.value}"
    )


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
    resolver = _resolver(args.aliases)
    sources = args.files or ["-"]
    progress = Progress(len(sources), sys.stderr)
    for source in sources:
        if source == "-":
            text = stdin.read()
        else:
            try:
                with open(source, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
            except OSError as exc:
                raise NamenormError(f"{source}: cannot read: {exc.strerror}") from exc
        for mention in resolver.find(text, lang=args.lang):
            out.write(_mention_line(source, mention, args.json) + "\n")
        progress.step(source)
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .resolver import bundled_table_path

    paths = args.files or [str(bundled_table_path())]
    issues = check_tables(paths)
    for issue in issues:
        out.write(f"{issue}\n")
    if not issues:
        out.write(f"ok: {', '.join(paths)}\n")
    return 1 if issues else 0


def _cmd_explain(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    explanation = _resolver(args.aliases).explain(args.name, lang=args.lang)
    for step in explanation.steps:
        out.write(step + "\n")
    return 0 if explanation.match is not None else 1


def _cmd_compile(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .compiled import compile_tables, read_meta

    compile_tables(args.tables, args.output, strict=args.strict)
    count = read_meta(args.output)["entities"]
    out.write(f"compiled {count} entities from {', '.join(args.tables)} to {args.output}\n")
    return 0


def _cmd_import_wikidata(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .wikidata import import_dump

    langs = [code.strip() for code in args.langs.split(",") if code.strip()]
    types = [kind.strip() for kind in args.types.split(",")] if args.types else None
    bar = ByteProgress(sys.stderr)
    count = import_dump(args.dump, args.output, langs=langs, types=types, progress=bar.update)
    bar.close()
    out.write(f"wrote {count} entities to {args.output}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``namenorm`` command."""
    parser = argparse.ArgumentParser(prog="namenorm", description="Resolve entity names to canonical ids.")
    sub = parser.add_subparsers(dest="command", required=True)

    res = sub.add_parser("resolve", help="resolve names (arguments, or one per line on stdin)")
    res.add_argument("names", nargs="*", metavar="NAME")
    res.add_argument("--lang", help="language of the names: pl, it, en or another ISO 639-1 code")
    res.add_argument(
        "--aliases",
        action="append",
        metavar="FILE",
        help="alias table to use instead of the bundled one (repeat for several)",
    )
    res.add_argument("--json", action="store_true", help="one JSON object per line")
    res.set_defaults(func=_cmd_resolve)

    tag = sub.add_parser(
        "tag", help="find entity mentions in text files (or stdin); a progress bar on stderr for many files"
    )
    tag.add_argument("files", nargs="*", metavar="FILE")
    tag.add_argument("--lang", help="language of the text")
    tag.add_argument(
        "--aliases",
        action="append",
        metavar="FILE",
        help="alias table to use instead of the bundled one (repeat for several)",
    )
    tag.add_argument("--json", action="store_true", help="one JSON object per line")
    tag.set_defaults(func=_cmd_tag)

    exp = sub.add_parser("explain", help="show how one name is resolved, step by step")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("--lang", help="language of the name")
    exp.add_argument("--aliases", action="append", metavar="FILE",
                     help="alias table to use instead of the bundled one (repeat for several)")  # fmt: skip
    exp.set_defaults(func=_cmd_explain)

    cmp = sub.add_parser("compile", help="build a table's indexes once into a file that loads fast")
    cmp.add_argument("tables", nargs="+", metavar="TABLE")
    cmp.add_argument("-o", "--output", required=True, metavar="FILE", help="the compiled index (.nnidx)")
    cmp.add_argument("--strict", action="store_true", help="names shared without 'ambiguous' are errors")
    cmp.set_defaults(func=_cmd_compile)

    wd = sub.add_parser("import-wikidata", help="write an alias table from a Wikidata JSON dump")
    wd.add_argument("dump", metavar="DUMP", help="a Wikidata JSON dump (plain, .gz or .bz2)")
    wd.add_argument(
        "--langs", default="en,pl,it", help="languages to keep, comma-separated (default en,pl,it)"
    )
    wd.add_argument(
        "--types", help="entity types to keep, comma-separated (person,place,org,media,event,other)"
    )
    wd.add_argument("-o", "--output", required=True, metavar="FILE", help="the alias table to write")
    wd.set_defaults(func=_cmd_import_wikidata)

    chk = sub.add_parser("check", help="validate alias tables (the bundled one when no FILE is given)")
    chk.add_argument("files", nargs="*", metavar="FILE")
    chk.set_defaults(func=_cmd_check)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    out = stdout or sys.stdout
    try:
        return int(args.func(args, out, stdin or sys.stdin))
    except NamenormError as exc:
        print(f"namenorm: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `namenorm tag | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
