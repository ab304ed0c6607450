"""Scale: build, compile, load, memory, resolve and tagging speed for tables of 10^4, 10^5 (and 10^6) names,
next to rapidfuzz (resolve) and pyahocorasick (tagging) on the same data, in one run.

Each table is compiled in a child process, loaded in another (load time, resident memory) and queried in
a third that holds nothing but the resolver and the queries. Tables and queries come from
``synthetic.py``: *exact* queries are names as listed; *inflected and transliterated* queries are Polish
case forms of Polish spellings and Polish and Italian spellings (the issue's target mix); *typo* queries
have one wrong letter. Before timing, 1,000 queries of another seed touch the mapped pages, as any running
job does; every timed query is a name not seen before.
The table is written as it is generated and compiled streamed, so ``--sizes ... 10000000`` runs on a
machine of 24 GB; the baselines run up to ``BASELINE_MAX`` names. ``rss_queries_mb`` is the resolving
process's resident memory after its ``queries`` (about 10^4).
Run: ``python benchmarks/bench_scale.py --sizes 10000 100000 1000000``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import synthetic

import namenorm
from namenorm.compiled import compile_tables

MORPH = ("inflected-pl", "translit-pl", "translit-it")


def rss_mb() -> float:
    """Peak resident memory of this process image (VmHWM; ru_maxrss would include the parent's peak on
    Linux, where it survives fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now_mb(field: str = "VmRSS") -> float:
    """Resident memory of this process now: all of it (VmRSS), or its private part alone (RssAnon: without
    the pages of the memory-mapped index files, which the kernel can drop and read again)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def qps(resolver: namenorm.Resolver, queries: list[tuple[str, str, str]]) -> tuple[float, float]:
    """Queries per second and the share whose answer is the expected entity."""
    start = time.perf_counter()
    ok = sum(1 for lang, q, want in queries if (m := resolver.resolve(q, lang)) and m.entity_id == want)
    return len(queries) / (time.perf_counter() - start), ok / len(queries)


def measure(size: int, folder: Path, seed: int) -> dict[str, float]:
    """Build (YAML to compiled folder), load, and the resolve and tagging speed of the compiled resolver,
    each in a fresh process; the baselines in this one."""
    table, out = folder / f"t{size}.yaml", folder / f"t{size}.nnidx"
    rows = synthetic.write_table(table, size, seed, keep=SAMPLE)  # queries come from a uniform sample
    result: dict[str, float] = {"names": size}
    result.update(_child("--build", str(table), str(out)))
    result.update(_child("--load", str(out)))
    mixed = synthetic.queries(rows, 9000, seed, inflected=True)
    spread = random.Random(seed).sample(rows, min(4000, len(rows)))  # from anywhere in the table
    import bench_tag

    work = {
        "warm": [(lang, q, w) for _, lang, q, w in synthetic.queries(rows, 1000, seed + 100, inflected=True)],
        "exact": [("en", synthetic.spell(name, "en"), eid) for eid, _, name in spread],
        "morph": [(lang, q, want) for kind, lang, q, want in mixed if kind in MORPH],
        "typo": [(lang, q, want) for kind, lang, q, want in mixed if kind == "typo-1"],
        "docs": [(t, lang) for t, lang, _ in bench_tag.synthetic_documents(rows, 1.0, seed)],
    }
    (folder / "work.json").write_text(json.dumps(work), encoding="utf-8")
    result.update(_child("--run", str(out), str(folder / "work.json")))
    if size <= BASELINE_MAX:
        result.update(baselines(synthetic.cyrillic_names(size, seed), work))
    table.unlink()
    shutil.rmtree(out)
    return result


SAMPLE = 20_000
"""Rows of the table kept (drawn uniformly) to make queries and documents from."""
BASELINE_MAX = 1_000_000
"""The largest table the baselines run on: rapidfuzz scans every name for each query and pyahocorasick
holds every name in memory; beyond this they measure nothing new."""


def run(path: str, work_file: str) -> None:
    """Resolve and tag with a compiled index in a fresh process that holds nothing else (a process full of
    other objects makes Python's garbage collector, and so every library, slower)."""
    work = json.loads(Path(work_file).read_text(encoding="utf-8"))
    resolver = namenorm.Resolver.load(path)
    for lang, q, _ in work["warm"]:
        resolver.resolve(q, lang)
    result: dict[str, float] = {}
    for kind in ("exact", "morph", "typo"):
        result[f"{kind}_qps"], result[f"{kind}_top1"] = qps(resolver, work[kind])
    result["queries"] = sum(len(work[kind]) for kind in ("warm", "exact", "morph", "typo"))
    result["rss_queries_mb"] = rss_now_mb()  # resident after every query above
    result["anon_queries_mb"] = rss_now_mb("RssAnon")
    docs = work["docs"]
    mb = sum(len(t.encode()) for t, _ in docs) / 1e6
    before = rss_now_mb()
    start = time.perf_counter()
    resolver.find("Warm up.", "en")  # the tagger's names are read from the compiled folder here
    result["tag_first_s"] = time.perf_counter() - start
    start = time.perf_counter()
    for text, lang in docs:
        resolver.find(text, lang)
    result["tag_mbps"] = mb / (time.perf_counter() - start)
    result["tagger_mb"] = rss_now_mb() - before  # the tagger's structures and memos, mapped pages touched
    print(json.dumps(result))


def baselines(rows: list[tuple[str, str, str]], work: dict[str, Any]) -> dict[str, float]:
    """rapidfuzz extractOne (ratio on pre-folded names) on 50 queries of each kind; pyahocorasick over the
    English spellings, on the same documents."""
    out: dict[str, float] = {}
    try:
        import ahocorasick
        from rapidfuzz import fuzz, process

        from namenorm.normalize import normalize
    except ImportError:
        return out
    folded = [normalize(synthetic.spell(name, "en")) for _, _, name in rows]
    for label in ("exact", "morph"):
        sample = work[label][:50]
        start = time.perf_counter()
        hits = sum(
            rows[process.extractOne(normalize(q), folded, scorer=fuzz.ratio)[2]][0] == w for _, q, w in sample
        )
        out[f"rapidfuzz_{label}_qps"] = len(sample) / (time.perf_counter() - start)
        out[f"rapidfuzz_{label}_top1"] = hits / len(sample)
    automaton = ahocorasick.Automaton()
    for _, _, name in rows:
        automaton.add_word(synthetic.spell(name, "en"), 1)
    automaton.make_automaton()
    mb = sum(len(t.encode()) for t, _ in work["docs"]) / 1e6
    start = time.perf_counter()
    for text, _ in work["docs"]:
        list(automaton.iter(text))
    out["ahocorasick_mbps"] = mb / (time.perf_counter() - start)
    return out


def build(table: str, out: str) -> None:
    """Compile a table in a fresh process: build time and peak memory."""
    start = time.perf_counter()
    compile_tables([table], out)
    print(json.dumps({"build_s": time.perf_counter() - start, "build_mb": rss_mb()}))


def load(path: str) -> None:
    """Load a compiled index in a fresh process: load time (every file's digest checked, as by default)
    and resident memory after one query; then the load time with the sizes checked only."""
    start = time.perf_counter()
    resolver = namenorm.Resolver.load(path)
    elapsed = time.perf_counter() - start
    resolver.resolve("Siergieja Ławrowa", "pl")
    result = {"load_s": elapsed, "rss_mb": rss_mb()}
    start = time.perf_counter()
    namenorm.Resolver.load(path, verify=False).resolve("Siergieja Ławrowa", "pl")  # sizes checked only
    result["load_unverified_s"] = time.perf_counter() - start
    print(json.dumps(result))


COLUMNS = ["names", "build_s", "build_mb", "load_s", "load_unverified_s", "rss_mb", "queries",
           "rss_queries_mb", "anon_queries_mb", "exact_qps", "exact_top1", "morph_qps", "morph_top1",
           "typo_qps", "typo_top1", "tag_first_s", "tag_mbps", "tagger_mb", "rapidfuzz_exact_qps",
           "rapidfuzz_morph_qps", "rapidfuzz_morph_top1", "ahocorasick_mbps"]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(*args.build)
        return 0
    if args.load:
        load(args.load)
        return 0
    if args.run:
        run(*args.run)
        return 0
    print("  ".join(COLUMNS), flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            row = measure(size, Path(tmp), args.seed)
            rows.append(row)
            print("  ".join(f"{row.get(c, float('nan')):.3g}" for c in COLUMNS), flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\nfrom {first['names']:.0f} to {last['names']:.0f} names, throughput falls by:")
        for column in ("exact_qps", "morph_qps", "typo_qps", "tag_mbps", "rapidfuzz_exact_qps"):
            if column in first and column in last:
                print(f"  {column}: {first[column] / last[column]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
