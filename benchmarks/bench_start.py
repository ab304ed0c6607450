"""Start-up: what a user waits for before the first answer, side by side in one run.

* ``namenorm tag --lang pl`` of one sentence and ``namenorm resolve`` of one name with the bundled table,
  wall time of the whole process from the shell (median of ``--runs``): from the index compiled in the user
  cache (the default), from the YAML (``NAMENORM_CACHE=off``), and the first call that compiles the cache;
  beside them a flashtext script that loads the same table's names and tags the sentence.
* With ``--tagging DIR`` (tables ``DIR/*.yaml`` and documents ``DIR/docs.jsonl`` whose ``topic`` names a
  table, as the BSNLP tagging set is laid out): each table loaded and its documents tagged once, in a fresh
  process, from the YAML and from its compiled index (compiled before, not timed); then a second pass over
  the same documents (tagging speed once everything is read).

Run: ``python benchmarks/bench_start.py --runs 5 --tagging ../shared/external/bsnlp-pl/tagging``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Siergiej Ławrow spotkał się z Antonym Blinkenem w Stambule, a potem poleciał do Erywania.\n"
BIN = Path(sys.executable).parent

FLASHTEXT = """
import sys, yaml
from flashtext import KeywordProcessor
from namenorm.table import bundled_table_path
keywords = KeywordProcessor(case_sensitive=True)
for entity in yaml.safe_load(bundled_table_path().read_text(encoding="utf-8"))["entities"]:
    for names in entity["names"].values():
        for name in names:
            keywords.add_keyword(name, entity["id"])
print(keywords.extract_keywords(sys.stdin.read()))
"""

PASS = """
import json, sys, time
start = time.perf_counter()
import namenorm
kind, docs_path, paths = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
docs = [json.loads(line) for line in open(docs_path, encoding="utf-8")]
total = 0.0
second = 0.0
size = 0
for topic, path in paths.items():
    t0 = time.perf_counter()
    resolver = namenorm.Resolver.load(path) if kind == "compiled" else namenorm.Resolver.from_yaml(path)
    texts = [d["text"] for d in docs if d["topic"] == topic]
    for text in texts:
        resolver.find(text, "pl")
    total += time.perf_counter() - t0
    t1 = time.perf_counter()
    for text in texts:
        resolver.find(text, "pl")
    second += time.perf_counter() - t1
    size += sum(len(t.encode()) for t in texts)
print(json.dumps({"load_and_first_pass_s": total, "second_pass_mb_s": size / 1e6 / second,
                  "process_s": time.perf_counter() - start}))
"""


def _wall(command: list[str], stdin: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin.encode(), stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def start_up(runs: int) -> None:
    cache = tempfile.mkdtemp(prefix="namenorm-bench-cache-")
    cached = {**os.environ, "NAMENORM_CACHE": cache}
    off = {**os.environ, "NAMENORM_CACHE": "off"}
    tag = [str(BIN / "namenorm"), "tag", "--lang", "pl"]
    resolve = [str(BIN / "namenorm"), "resolve", "--lang", "pl", "Chowajewem"]
    first = _wall(tag, SENTENCE, cached)  # compiles the bundled table into the cache
    rows = {
        "tag, cached index": [],
        "tag, from YAML": [],
        "resolve, cached index": [],
        "resolve, from YAML": [],
    }
    flash: list[float] = []
    for _ in range(runs):  # alternating, so that a busy moment of the machine hits every setup alike
        rows["tag, cached index"].append(_wall(tag, SENTENCE, cached))
        rows["tag, from YAML"].append(_wall(tag, SENTENCE, off))
        rows["resolve, cached index"].append(_wall(resolve, "", cached))
        rows["resolve, from YAML"].append(_wall(resolve, "", off))
        try:
            flash.append(_wall([sys.executable, "-c", FLASHTEXT], SENTENCE, off))
        except subprocess.CalledProcessError:
            flash = []
    print(f"start-up, wall, median of {runs} (one sentence / one name, bundled table)")
    print(f"  first tag call (compiles the cache): {first:.3f} s")
    for name, times in rows.items():
        print(f"  {name:<24} {statistics.median(times):.3f} s")
    if flash:
        print(f"  {'flashtext script':<24} {statistics.median(flash):.3f} s (exact names only)")


def tagging(folder: Path, runs: int) -> None:
    from namenorm.compiled import compile_tables

    work = Path(tempfile.mkdtemp(prefix="namenorm-bench-"))
    tables = {p.stem: p for p in sorted(folder.glob("*.yaml"))}
    compiled = {topic: str(compile_tables([path], work / f"{topic}.nnidx")) for topic, path in tables.items()}
    yaml = {topic: str(path) for topic, path in tables.items()}
    results: dict[str, list[dict[str, float]]] = {"yaml": [], "compiled": []}
    for _ in range(runs):
        for kind, paths in (("yaml", yaml), ("compiled", compiled)):
            out = subprocess.run(
                [sys.executable, "-c", PASS, kind, str(folder / "docs.jsonl"), json.dumps(paths)],
                capture_output=True, check=True, env={**os.environ, "NAMENORM_CACHE": "off"},
            )  # fmt: skip
            results[kind].append(json.loads(out.stdout))
    med = {k: {f: statistics.median(r[f] for r in rows) for f in rows[0]} for k, rows in results.items()}
    print(f"{len(tables)} tables of {folder}, each with its documents, fresh process, median of {runs}")
    for kind in ("yaml", "compiled"):
        m = med[kind]
        print(f"  {kind:<9} load + first pass {m['load_and_first_pass_s']:.2f} s, whole process "
              f"{m['process_s']:.2f} s, second pass {m['second_pass_mb_s']:.3f} MB/s")  # fmt: skip
    ratio = med["yaml"]["load_and_first_pass_s"] / med["compiled"]["load_and_first_pass_s"]
    speed = med["compiled"]["second_pass_mb_s"] / med["yaml"]["second_pass_mb_s"]
    print(f"  compiled / YAML: load + first pass x{ratio:.2f} faster; second-pass tagging speed x{speed:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tagging", type=Path, help="a folder of topic tables and docs.jsonl")
    args = parser.parse_args()
    start_up(args.runs)
    if args.tagging is not None:
        tagging(args.tagging, args.runs)


if __name__ == "__main__":
    main()
