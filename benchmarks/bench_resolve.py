"""Resolve throughput, top-1 accuracy and memory: namenorm next to rapidfuzz on the same table and queries.

The table (default 100,000 names) holds English spellings of synthetic Russian-like names (see
``synthetic.py``); queries are case and diacritic variants, Polish and Italian transliterations and one-
or two-letter typos (``--inflected`` adds Polish inflected forms). rapidfuzz ``process.extractOne``
(WRatio as users call it, and plain ratio on pre-folded names) is slow on large tables, so it gets a sample
of the same queries;
accuracy on that sample is reported for both. One run, one machine: compare the ratio, not the absolute
numbers. Run: ``python benchmarks/bench_resolve.py --names 100000``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic

import namenorm
from namenorm.normalize import normalize


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--baseline-queries", type=int, default=200, help="sample given to rapidfuzz")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--inflected", action="store_true", help="add Polish inflected forms to the queries")
    args = parser.parse_args()

    rows = synthetic.cyrillic_names(args.names, args.seed)
    queries = synthetic.queries(rows, args.queries, args.seed, args.inflected)
    print(f"table: {len(rows)} names; queries: {len(queries)}; python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.yaml"
        path.write_text(synthetic.table_yaml(rows), encoding="utf-8")
        before = rss_mb()
        start = time.perf_counter()
        resolver = namenorm.Resolver.from_yaml(path, strict=True)
        print(f"namenorm load {time.perf_counter() - start:.1f} s, peak RSS +{rss_mb() - before:.0f} MB")

    start = time.perf_counter()
    answers = [resolver.resolve(q, lang=lang) for _, lang, q, _ in queries]
    qps = len(queries) / (time.perf_counter() - start)
    right, total, wrong = Counter[str](), Counter[str](), 0
    for (kind, _, _, want), got in zip(queries, answers, strict=True):
        total[kind] += 1
        right[kind] += got is not None and got.entity_id == want
        wrong += got is not None and got.entity_id != want
    detail = ", ".join(f"{k} {right[k] / total[k]:.3f}" for k in sorted(total))
    print(f"namenorm {qps:10.0f} queries/s  top-1 {sum(right.values()) / len(queries):.3f} ({detail})")
    answered = sum(1 for got in answers if got is not None)
    print(
        f"namenorm answered {answered / len(queries):.3f} of queries; precision (right / answered) "
        f"{sum(right.values()) / max(answered, 1):.3f}; wrong answers {wrong} (rapidfuzz always answers: "
        "its precision is its top-1)"
    )

    sample = queries[: args.baseline_queries]
    nn_top1 = sum(
        1 for (_, lang, q, want) in sample if (m := resolver.resolve(q, lang=lang)) and m.entity_id == want
    ) / len(sample)
    try:
        from rapidfuzz import fuzz, process, utils
        from unidecode import unidecode
    except ImportError:
        print("rapidfuzz is not installed (pip install -e '.[dev]')")
        return 0
    labels = [synthetic.spell(name, "en") for _, _, name in rows]
    folded = [normalize(label) for label in labels]
    for label, scorer, choices, prepare in [
        ("rapidfuzz WRatio", fuzz.WRatio, labels, lambda q: unidecode(q)),
        ("rapidfuzz ratio, pre-folded", fuzz.ratio, folded, normalize),
    ]:
        start = time.perf_counter()
        hits = 0
        for _, _, q, want in sample:
            processor = utils.default_process if scorer is fuzz.WRatio else None
            best = process.extractOne(prepare(q), choices, scorer=scorer, processor=processor)
            hits += best is not None and rows[best[2]][0] == want
        rf_qps = len(sample) / (time.perf_counter() - start)
        print(
            f"{label:28s} {rf_qps:9.1f} queries/s  top-1 {hits / len(sample):.3f} on {len(sample)} queries "
            f"(namenorm {nn_top1:.3f} on the same)  namenorm/rapidfuzz speed {qps / rf_qps:,.0f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
