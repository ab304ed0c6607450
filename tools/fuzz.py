"""Fuzz namenorm with hostile input and count what escapes.

Three kinds of input, each counted:

- random queries (any script, control and format characters, huge or empty strings, wrong language codes
  and wrong types) to ``resolve``, ``candidates``, ``explain``, ``normalize`` and ``inflect``;
- random texts to ``find``, half of them walls of the bundled table's names and their words between
  brackets, quotes and punctuation;
- corrupted copies of a compiled index (truncated, bit-flipped, swapped, emptied or removed files, a FIFO
  or a symbolic link in place of a file, a rewritten or deeply nested ``meta.json``), each loaded with
  ``Resolver.load`` and, when it loads, asked a fixed set of questions whose answers must equal those of
  the intact index. Corruptions run in child processes, so a crash of the interpreter is counted, not
  fatal.

Every exception must be a ``NamenormError``; anything else, any crash and any silent difference is
reported. ``python tools/fuzz.py --queries 800000 --texts 150000 --corruptions 50000`` is the long run;
the test suite runs a few seconds of the same code (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import namenorm
from namenorm import NamenormError, Resolver
from namenorm.compiled import FILES, compile_tables
from namenorm.resolver import bundled_table_path

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-'’\"()!?/&\n\t"
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻàèéìòùÀÈÉÌÒÙäöüßñç"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯёЁ"
    "αβγδΩ中文日本語한국어ابجדהו"
    "\x00\x07\x1b\x7f\u00ad\u200b\u200c\u200d\u2028\u202e\ufeff\ufffd\ue000\U0001f600\u0301\u0308"
)
WORDS = (
    "Moskwa", "Moskwie", "Ławrowa", "Chowajewem", "Stambule", "Górskim", "Karabachu", "Igor", "Khovaev",
    "Putin", "Mosca", "dell'Azerbaigian", "Nagorno-Karabakh", "ONZ", "NATO-wi", "U.S.", "Unii",
    "Europejskiej", "Nowak", "Trump", "Trumpa", "D.", "Artsakh", "Kijów", "w", "i", "z",
)  # fmt: skip
LANGS = ("pl", "it", "en", None, "ru", "de", "PL", " en ", "xx", "", "pl-PL", 5, ["pl"], b"pl")
CASES = ("gen", "dat", "acc", "ins", "loc", "voc", "nom", "genitive", "x", "")
PROBES = (
    ("Chowajewem", "pl"), ("Siergieja Ławrowa", "pl"), ("dell'Azerbaigian", "it"), ("Artsakh", "en"),
    ("Stambule", "pl"), ("Górskim Karabachu", "pl"), ("Igor Chovayev", "en"), ("Moskwy", None),
)  # fmt: skip
PROBE_TEXT = (
    "W Stambule Siergiej Ławrow spotkał się z Igorem Chowajewem. Rozmawiano o Górskim Karabachu. "
    "Later, in Istanbul, Lavrov met Igor Khovaev; Artsakh was discussed. A Mosca, dell'Azerbaigian."
)


def random_string(rng: random.Random) -> str:
    """A hostile string: random characters, real words in odd company, or something huge or empty."""
    roll = rng.random()
    if roll < 0.35:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
    if roll < 0.8:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words))
            word = words[at]
            cut = rng.randint(0, len(word))
            words[at] = word[:cut] + rng.choice(ALPHABET) + word[cut:]
        return rng.choice((" ", "  ", "-", "\n", ". ")).join(words)
    if roll < 0.9:
        return rng.choice(("", " ", "\x00", "\ufeff", "'", "...", "-", "\u0301", "A."))
    return rng.choice(WORDS) * rng.randint(50, 2000)


@functools.cache
def table_words() -> tuple[str, ...]:
    """The bundled table's names and their words, in a fixed order."""
    return tuple(
        sorted(
            {w for e in namenorm.default_resolver().table.entities for n in e.names for w in n.text.split()}
        )
    )


def table_text(rng: random.Random) -> str:
    """Words of the bundled table's names in random order, between brackets, quotes and punctuation: names
    next to names, inside and around each other (where the document rules meet)."""
    words = table_words()
    seps = (" ", " ", " ", ", ", ". ", " [", "] ", " (", ") ", " „", "” ", "-", " i ", " e ", "\n")
    return "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 60)))


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return table_text(rng)
    return " ".join(random_string(rng) for _ in range(rng.randint(1, 30)))


def call_query(resolver: Resolver, rng: random.Random) -> None:
    """One random call of the name-level API; returns normally or raises."""
    name: Any = random_string(rng) if rng.random() < 0.97 else rng.choice((None, 5, b"x", ["Moskwa"]))
    lang = rng.choice(LANGS)
    kind = rng.randrange(6)
    if kind == 0:
        resolver.resolve(name, lang)
    elif kind == 1:
        resolver.candidates(name, lang, limit=rng.choice((1, 5, 0)))
    elif kind == 2:
        resolver.explain(name, lang)
    elif kind == 3:
        namenorm.normalize(name)
    elif kind == 4:
        namenorm.inflect(name, rng.choice(CASES), lang=rng.choice(("pl", "it", "en", "xx", None)))
    else:
        resolver.resolve_many([name, name], lang)


def answers(resolver: Resolver) -> str:
    """What an index says to the fixed probes, as one comparable string."""
    said = [repr(resolver.candidates(q, lang)) for q, lang in PROBES]
    said += [repr(resolver.explain(q, lang)) for q, lang in PROBES[:3]]
    said.append(repr(resolver.find(PROBE_TEXT)))
    return "\n".join(said)


def corrupt(folder: Path, rng: random.Random) -> str:
    """Damage one compiled index folder in place; returns what was done."""
    names = [*FILES, "meta.json"]
    target = folder / rng.choice(names)
    kind = rng.choice(
        ("truncate", "flip", "flip", "swap", "empty", "remove", "meta", "append", "fifo", "link", "deep-json")
    )
    data = target.read_bytes()
    if kind == "truncate" and data:
        target.write_bytes(data[: rng.randrange(len(data))])
    elif kind == "flip" and data:
        changed = bytearray(data)
        for _ in range(rng.choice((1, 1, 3, 16))):
            at = rng.randrange(len(changed))
            changed[at] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(changed))
    elif kind == "swap":
        other = folder / rng.choice([n for n in names if n != target.name])
        data, other_data = target.read_bytes(), other.read_bytes()
        target.write_bytes(other_data)
        other.write_bytes(data)
        return f"swap {target.name} {other.name}"
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "remove":
        target.unlink()
    elif kind == "append":
        target.write_bytes(data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))))
    elif kind == "fifo":  # a file that would block a reader forever
        target.unlink()
        os.mkfifo(target)
    elif kind == "link":  # a file of the index pointing outside it
        outside = folder.parent / f"outside-{target.name}"
        outside.write_bytes(data)
        target.unlink()
        target.symlink_to(outside)
    elif kind == "deep-json":
        (folder / "meta.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        return "deep-json meta.json"
    else:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        key = rng.choice([*meta, "files"])
        meta[key] = rng.choice((None, 0, -1, "x", [], {}, [1, "x"], meta.get(key)))
        if key == "files" and isinstance(meta.get("files"), dict) and rng.random() < 0.5:
            meta["files"] = dict(meta["files"])
            name = rng.choice(FILES)
            meta["files"][name] = [rng.randrange(-1, 99999), "0" * 64]
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return f"meta {key}"
    return f"{kind} {target.name}"


def check_corruption(base: Path, expected: str, rng: random.Random, work: Path) -> str:
    """One corrupted copy of ``base``: ``rejected`` (a NamenormError), ``same`` (loaded, same answers)
    or ``different``; any other exception propagates."""
    copy = work / "copy.nnidx"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(base, copy)
    corrupt(copy, rng)
    try:
        resolver = Resolver.load(copy)
        said = answers(resolver)
    except NamenormError:
        return "rejected"
    return "same" if said == expected else "different"


def _child(base: str, seed: int, count: int) -> None:
    """Run ``count`` corruptions; print one JSON line of counts."""
    rng, counts = random.Random(seed), Counter[str]()
    expected = answers(Resolver.load(base))
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(count):
            try:
                counts[check_corruption(Path(base), expected, rng, Path(tmp))] += 1
            except Exception as exc:
                counts[f"error {type(exc).__name__}: {str(exc)[:80]}"] += 1
    print(json.dumps(counts))


def run(queries: int, texts: int, corruptions: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    resolver = namenorm.default_resolver()
    escaped: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    for _ in range(queries):
        try:
            call_query(resolver, rng)
            counts["queries answered"] += 1
        except NamenormError:
            counts["queries refused (NamenormError)"] += 1
        except Exception as exc:
            escaped[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
    for _ in range(texts):
        try:
            resolver.find(random_text(rng), rng.choice(("pl", "it", "en", None)))
            counts["texts tagged"] += 1
        except NamenormError:
            counts["texts refused (NamenormError)"] += 1
        except Exception as exc:
            escaped[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
    if corruptions:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp) / "base.nnidx"
            compile_tables([bundled_table_path()], base)
            batch = 500
            for start in range(0, corruptions, batch):
                size = min(batch, corruptions - start)
                child = subprocess.run(
                    [sys.executable, __file__, "--child", str(base), str(seed + start), str(size)],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if child.returncode != 0:
                    counts["corruption batches crashed"] += 1
                    escaped[f"child exit {child.returncode}: {child.stderr[-200:]}"] += 1
                    continue
                for key, value in json.loads(child.stdout.splitlines()[-1]).items():
                    (escaped if key.startswith("error") else counts)[f"corruptions {key}"] += value
    return {
        "inputs": queries + texts + corruptions,
        "seconds": round(time.perf_counter() - started, 1),
        "counts": dict(sorted(counts.items())),
        "escaped": dict(escaped.most_common()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20000)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--corruptions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]), int(args.child[2]))
        return 0
    report = run(args.queries, args.texts, args.corruptions, args.seed)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    different = sum(v for k, v in report["counts"].items() if k.endswith("different"))
    return 1 if report["escaped"] or different else 0


if __name__ == "__main__":
    sys.exit(main())
