"""Scale: build, compile, load, memory, resolve and tagging speed for tables of 10^4, 10^5 (and 10^6) names,
next to rapidfuzz (resolve) and pyahocorasick (tagging) on the same data, in one run.

Each size runs in a child process so that its peak resident memory is its own. Tables and queries come from
``synthetic.py``: exact queries are names as listed; fuzzy queries are Polish and Italian transliterations
and one-letter typos. Run: ``python benchmarks/bench_scale.py --sizes 10000 100000``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic

import namenorm
from namenorm.compiled import compile_tables


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


def measure(size: int, folder: Path, seed: int) -> dict[str, float]:
    """Build (YAML to resolver), compile, and the resolve and tagging speed of the compiled resolver."""
    rows = synthetic.cyrillic_names(size, seed)
    table = folder / f"t{size}.yaml"
    table.write_text(synthetic.table_yaml(rows), encoding="utf-8")
    start = time.perf_counter()
    compile_tables([table], folder / f"t{size}.nnidx")
    build = time.perf_counter() - start
    queries = synthetic.queries(rows, 4000, seed)
    exact = [(synthetic.spell(name, "en"), eid) for eid, _, name in rows[:4000]]
    fuzzy = [
        (lang, q, want) for kind, lang, q, want in queries if kind in ("translit-pl", "translit-it", "typo-1")
    ]
    result = {"names": size, "build_s": build}
    result.update(json.loads(subprocess.run(
        [sys.executable, __file__, "--child", str(folder / f"t{size}.nnidx")], capture_output=True, text=True,
        check=True).stdout))  # fmt: skip
    resolver = namenorm.Resolver.load(folder / f"t{size}.nnidx")
    start = time.perf_counter()
    ok = sum(1 for q, want in exact if (m := resolver.resolve(q, "en")) and m.entity_id == want)
    result["exact_qps"] = len(exact) / (time.perf_counter() - start)
    result["exact_top1"] = ok / len(exact)
    start = time.perf_counter()
    ok = sum(1 for lang, q, want in fuzzy if (m := resolver.resolve(q, lang)) and m.entity_id == want)
    result["fuzzy_qps"] = len(fuzzy) / (time.perf_counter() - start)
    result["fuzzy_top1"] = ok / len(fuzzy)
    import bench_tag

    docs = [(t, lang) for t, lang, _ in bench_tag.synthetic_documents(rows, 1.0, seed)]
    mb = sum(len(t.encode()) for t, _ in docs) / 1e6
    resolver.find("warm up", "en")
    start = time.perf_counter()
    for text, lang in docs:
        resolver.find(text, lang)
    result["tag_mbps"] = mb / (time.perf_counter() - start)
    result.update(baselines(rows, exact, fuzzy, docs, mb))
    return result


def baselines(rows, exact, fuzzy, docs, mb) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out: dict[str, float] = {}
    try:
        import ahocorasick
        from rapidfuzz import fuzz, process

        from namenorm.normalize import normalize
    except ImportError:
        return out
    folded = [normalize(synthetic.spell(name, "en")) for _, _, name in rows]
    sample = (exact[:50], fuzzy[:50])
    start = time.perf_counter()
    hits = sum(
        rows[process.extractOne(normalize(q), folded, scorer=fuzz.ratio)[2]][0] == w for q, w in sample[0]
    )
    out["rapidfuzz_exact_qps"] = len(sample[0]) / (time.perf_counter() - start)
    out["rapidfuzz_exact_top1"] = hits / len(sample[0])
    start = time.perf_counter()
    hits = sum(
        rows[process.extractOne(normalize(q), folded, scorer=fuzz.ratio)[2]][0] == w for _, q, w in sample[1]
    )
    out["rapidfuzz_fuzzy_qps"] = len(sample[1]) / (time.perf_counter() - start)
    out["rapidfuzz_fuzzy_top1"] = hits / len(sample[1])
    automaton = ahocorasick.Automaton()
    for _, _, name in rows:
        automaton.add_word(synthetic.spell(name, "en"), 1)
    automaton.make_automaton()
    start = time.perf_counter()
    for text, _ in docs:
        list(automaton.iter(text))
    out["ahocorasick_mbps"] = mb / (time.perf_counter() - start)
    return out


def child(path: str) -> None:
    """Load a compiled index in a fresh process: load time and resident memory."""
    before = rss_mb()
    start = time.perf_counter()
    resolver = namenorm.Resolver.load(path)
    load = time.perf_counter() - start
    resolver.resolve("warm up", "en")
    print(json.dumps({"load_s": load, "rss_mb": rss_mb(), "rss_index_mb": rss_mb() - before}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    columns = ["names", "build_s", "load_s", "rss_mb", "exact_qps", "exact_top1", "fuzzy_qps", "fuzzy_top1",
               "tag_mbps", "rapidfuzz_exact_qps", "rapidfuzz_fuzzy_qps", "rapidfuzz_fuzzy_top1",
               "ahocorasick_mbps"]  # fmt: skip
    print("  ".join(columns))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            row = measure(size, Path(tmp), args.seed)
            print("  ".join(f"{row.get(c, float('nan')):.3g}" for c in columns), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
