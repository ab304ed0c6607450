"""Resolve throughput, top-1 accuracy and memory: namenorm next to rapidfuzz on the same table and queries.

Builds a synthetic alias table of Polish-style people, places and organisations (deterministic for a seed),
derives queries a user would send (names as listed, case and diacritic variants, Polish inflected forms
made with ``namenorm.inflect``, one-letter typos of place and organisation names), and resolves them with
namenorm and with rapidfuzz ``process.extractOne`` (WRatio as users call it, and plain ratio on pre-folded
names). rapidfuzz is slow on large tables, so it gets a sample of the same queries; accuracy is reported on
that sample for both. Run: ``python benchmarks/bench_resolve.py --names 100000``.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import namenorm
from namenorm.inflection import inflect
from namenorm.normalize import normalize

GIVEN_M = """Adam Bartosz Cezary Dariusz Emil Filip Grzegorz Henryk Igor Jacek Kamil Leszek Marek Norbert
    Oskar Piotr""".split()
GIVEN_F = """Agata Beata Celina Dorota Ewa Fryderyka Grażyna Halina Irena Joanna Kinga Lidia Marta Natalia
    Olga""".split()
SYLLABLES = """ba bo ce cho da dzi fa ga gro ha ja ka ko la ło ma mi na no pa pie ra ro sa sze ta to wa wie
    za ży""".split()
SURNAME_M = ["ski", "cki", "ow", "ew", "ak", "yk", "as", "in", "icz"]
PLACE_END = ["ów", "in", "owo", "sk", "gród", "ice", "ań", "ec"]
ORG_WORDS = ["Bank", "Fundacja", "Instytut", "Agencja", "Związek", "Towarzystwo"]


def _stem(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_table(size: int, seed: int) -> list[tuple[str, str, str]]:
    """(id, type, Polish name) triples, every name distinct after normalisation."""
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []
    while len(rows) < size:
        kind = rng.choice(["person", "person", "place", "org"])
        if kind == "person":
            if rng.random() < 0.5:
                name = f"{rng.choice(GIVEN_M)} {_stem(rng, rng.randint(2, 3))}{rng.choice(SURNAME_M)}"
            else:
                end = rng.choice(["ska", "cka", "owa", "ewa"])
                name = f"{rng.choice(GIVEN_F)} {_stem(rng, rng.randint(2, 3))}{end}"
        elif kind == "place":
            name = _stem(rng, rng.randint(2, 3)) + rng.choice(PLACE_END)
        else:
            name = f"{rng.choice(ORG_WORDS)} {_stem(rng, rng.randint(2, 4))}"
        key = normalize(name)
        if key in seen:
            continue
        seen.add(key)
        rows.append((f"e{len(rows)}", kind, name))
    return rows


def _typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def make_queries(rows: list[tuple[str, str, str]], count: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, query, expected id): as listed, case/diacritics, inflected, typo."""
    rng = random.Random(seed + 1)
    fold = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
    out = []
    for _ in range(count):
        eid, kind, name = rng.choice(rows)
        what = rng.choice(["listed", "variant", "inflected", "inflected", "typo"])
        if what == "listed":
            query = name
        elif what == "variant":
            query = name.translate(fold).upper() if rng.random() < 0.5 else name.translate(fold).lower()
        elif what == "inflected":
            query = inflect(name, rng.choice(["gen", "dat", "ins", "loc"]), animate=kind == "person")
        elif kind != "person":
            query = _typo(rng, name)
        else:
            query, what = name.translate(fold), "variant"
        out.append((what, query, eid))
    return out


def write_table(rows: list[tuple[str, str, str]], path: Path) -> None:
    lines = ["entities:"]
    for eid, kind, name in rows:
        lines.append(f'  - {{id: {eid}, type: {kind}, label: "{name}", names: {{pl: ["{name}"]}}}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--baseline-queries", type=int, default=300, help="sample given to rapidfuzz")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rows = synthetic_table(args.names, args.seed)
    queries = make_queries(rows, args.queries, args.seed)
    print(f"table: {len(rows)} names; queries: {len(queries)}; python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.yaml"
        write_table(rows, path)
        before = rss_mb()
        start = time.perf_counter()
        resolver = namenorm.Resolver.from_yaml(path, strict=True)
        load_s = time.perf_counter() - start
        print(f"namenorm  load {load_s:.1f} s, peak RSS +{rss_mb() - before:.0f} MB")

    start = time.perf_counter()
    answers = [resolver.resolve(q, lang="pl") for _, q, _ in queries]
    elapsed = time.perf_counter() - start
    nn_qps = len(queries) / elapsed
    by_kind: dict[str, list[int]] = {}
    for (kind, _, want), got in zip(queries, answers, strict=True):
        ok = got is not None and got.entity_id == want
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += ok
        by_kind[kind][1] += 1
    total = sum(v[0] for v in by_kind.values()) / len(queries)
    wrong = sum(
        1 for (_, _, w), g in zip(queries, answers, strict=True) if g is not None and g.entity_id != w
    )
    detail = ", ".join(f"{k} {v[0] / v[1]:.3f}" for k, v in sorted(by_kind.items()))
    print(f"namenorm  {nn_qps:10.0f} queries/s  top-1 {total:.3f} ({detail}); wrong answers {wrong}")

    sample = queries[: args.baseline_queries]
    nn_sample = sum(
        1 for (_, q, w) in sample if (m := resolver.resolve(q, lang="pl")) is not None and m.entity_id == w
    ) / len(sample)
    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:
        print("rapidfuzz not installed: pip install rapidfuzz (it is in the dev extra)")
        return 0
    names = [name for _, _, name in rows]
    folded = [normalize(name) for name in names]
    for label, scorer, choices, prep in [
        ("rapidfuzz WRatio", fuzz.WRatio, names, utils.default_process),
        ("rapidfuzz ratio (pre-folded)", fuzz.ratio, folded, None),
    ]:
        start = time.perf_counter()
        hits = 0
        for _, q, want in sample:
            query = q if prep is not None else normalize(q)
            best = process.extractOne(query, choices, scorer=scorer, processor=prep)
            hits += best is not None and rows[best[2]][0] == want
        qps = len(sample) / (time.perf_counter() - start)
        print(
            f"{label:28s} {qps:10.1f} queries/s  top-1 {hits / len(sample):.3f} on {len(sample)} queries "
            f"(namenorm {nn_sample:.3f} on the same); namenorm/rapidfuzz speed ratio {nn_qps / qps:,.0f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
