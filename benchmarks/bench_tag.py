"""Tagging throughput (MB/s): namenorm.find next to pyahocorasick and flashtext on the same names and text.

Two setups, one run:

* the bundled table on the seed articles (real news in Polish, English and Italian), repeated to --mb MB;
* a synthetic table of --names English names (``synthetic.py``) on synthetic sentences that mention them in
  English, Polish and Polish inflected spelling (the gold is known, so recall is reported too).

pyahocorasick scans for the names exactly as listed (case-sensitive, no inflection, no transliteration);
flashtext (word-boundary keyword trie, case-insensitive) the same. namenorm runs with inflection,
transliteration and document context on. Run: ``python benchmarks/bench_tag.py --mb 3 --names 100000``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic

import namenorm
from namenorm.inflection import inflect

ROOT = Path(__file__).resolve().parents[1]
SEED_LANGS = {"000": "pl", "001": "pl", "002": "en", "003": "en", "004": "it"}
FILLER = """the of and in to a with for on that by was said which after during were over about from
w i z na do się że nie o po przez jak oraz od dla był
il la di e che per con un una nel della sono ha dopo tra""".split()


def seed_documents(megabytes: float) -> list[tuple[str, str]]:
    docs = [
        (p.read_text(encoding="utf-8"), SEED_LANGS[p.name[:3]])
        for p in sorted((ROOT / "seeds").glob("0*.txt"))
    ]
    size = sum(len(t.encode()) for t, _ in docs)
    return docs * max(1, round(megabytes * 1e6 / size))


def synthetic_documents(
    rows: list[tuple[str, str, str]], megabytes: float, seed: int
) -> list[tuple[str, str, list]]:
    """Documents of about 2 KB: filler words, capitalised non-names, and mentions (gold ids kept)."""
    rng = random.Random(seed)
    docs, size = [], 0
    while size < megabytes * 1e6:
        lang = rng.choice(["en", "pl"])
        parts, gold = [], []
        while sum(len(p) + 1 for p in parts) < 2000:
            if rng.random() < 0.08:
                eid, kind, name = rng.choice(rows)
                if lang == "en":
                    surface = synthetic.spell(name, "en")
                elif rng.random() < 0.5:
                    surface = synthetic.spell(name, "pl")
                else:
                    surface = inflect(
                        synthetic.spell(name, "pl"),
                        rng.choice(["gen", "ins", "loc"]),
                        animate=kind == "person",
                    )
                parts.append(surface)
                gold.append((surface, eid))
            elif rng.random() < 0.05:
                parts.append(rng.choice(synthetic.SYLLABLES).capitalize() + "xyz")
            else:
                parts.append(rng.choice(FILLER) + ("." if rng.random() < 0.07 else ""))
        text = " ".join(parts)
        docs.append((text, lang, gold))
        size += len(text.encode())
    return docs


def timed(label: str, documents: list[tuple[str, str]], scan) -> list:
    size = sum(len(t.encode()) for t, _ in documents)
    start = time.perf_counter()
    results = [scan(text, lang) for text, lang in documents]
    elapsed = time.perf_counter() - start
    print(f"  {label:34s} {size / 1e6 / elapsed:7.2f} MB/s  {sum(map(len, results)):9d} mentions")
    return results


def baselines(names: list[str], documents: list[tuple[str, str]]) -> None:
    try:
        import ahocorasick
        from flashtext import KeywordProcessor
    except ImportError:
        print("  pyahocorasick / flashtext not installed (pip install -e '.[dev]')")
        return
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    timed("pyahocorasick (exact names)", documents, lambda text, _: list(automaton.iter(text)))
    keywords = KeywordProcessor()
    for name in names:
        keywords.add_keyword(name)
    timed("flashtext (exact names)", documents, lambda text, _: keywords.extract_keywords(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(f"bundled table on the seed articles, about {args.mb} MB")
    documents = seed_documents(args.mb)
    resolver = namenorm.Resolver.from_yaml(namenorm.resolver.bundled_table_path())
    resolver.find("warm up", "en")
    timed("namenorm.find", documents, lambda text, lang: resolver.find(text, lang))
    names = [n.text for e in resolver.table.entities for n in e.names] + [
        e.label for e in resolver.table.entities
    ]
    baselines(sorted(set(names)), documents)

    if args.names < 1:  # --names 0: the bundled table only
        return 0
    print(f"synthetic table of {args.names} names, synthetic text, about {args.mb} MB")
    rows = synthetic.cyrillic_names(args.names, args.seed)
    docs = synthetic_documents(rows, args.mb, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.yaml"
        path.write_text(synthetic.table_yaml(rows), encoding="utf-8")
        start = time.perf_counter()
        big = namenorm.Resolver.from_yaml(path)
        big.find("warm up", "en")
        print(f"  (table and tagger built in {time.perf_counter() - start:.1f} s)")
    plain = [(text, lang) for text, lang, _ in docs]
    found = timed("namenorm.find", plain, lambda text, lang: big.find(text, lang))
    gold = sum(len(g) for _, _, g in docs)
    hit = sum(
        len({(s, e) for s, e in g} & {(m.text, m.entity_id) for m in f})
        for (_, _, g), f in zip(docs, found, strict=True)
    )
    print(f"  namenorm recall of the inserted mentions (distinct per document): {hit}/{gold}")
    baselines([synthetic.spell(name, "en") for _, _, name in rows], plain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
