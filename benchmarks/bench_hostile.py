"""Tagging cost on hostile text (µs per character): namenorm.find over texts a user can easily have next to
flashtext on the same table and text, per shape, and the worst shape named.

The shapes are made of the bundled table's own words, so that every word is worth reading as a name:
capitalised inflected names in random order joined by spaces, hyphens, commas or line breaks, the same in
capitals, random capitalised words, and one huge word. Issue 30's bound is 20 µs per character on the
worst shape (at least 50 kB/s). Run: ``python benchmarks/bench_hostile.py --kb 100``.
"""

from __future__ import annotations

import argparse
import random
import time

import namenorm
from namenorm.inflection import case_forms
from namenorm.table import bundled_table_path, load_table

LETTERS = "abcdefghijklmnopqrstuvwxyzłśżźćńóąę"


def name_words() -> list[str]:
    """The capitalised words of the Polish case forms of the bundled table's people and places."""
    words = []
    for entity in load_table(bundled_table_path()).entities:
        if entity.type in ("person", "place"):
            for name in entity.names:
                if name.lang == "pl":
                    for forms in case_forms(name.text, lang="pl", kind=entity.type).values():
                        words += [w for form in forms for w in form.split() if w[:1].isupper()]
    return sorted(set(words))


def shapes(size: int, seed: int) -> dict[str, str]:
    """Hostile texts of about ``size`` characters each, by shape."""
    rng = random.Random(seed)
    words = name_words()
    unknown = [
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 10))).capitalize() for _ in range(5000)
    ]

    def joined(separator: str, pool: list[str]) -> str:
        out, length = [], 0
        while length < size:
            word = rng.choice(pool)
            out.append(word)
            length += len(word) + len(separator)
        return separator.join(out)

    return {
        "names, spaces": joined(" ", words),
        "names, hyphens": joined("-", words),
        "names, commas": joined(", ", words),
        "names, line breaks": joined("\n", words),
        "names in capitals": joined(" ", [w.upper() for w in words]),
        "random capitalised words": joined(" ", unknown),
        "one huge word": "A" * size,
    }


def flashtext_scanner():  # type: ignore[no-untyped-def]
    """flashtext over the bundled table's names, or None when it is not installed."""
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None
    processor = KeywordProcessor(case_sensitive=False)
    for entity in load_table(bundled_table_path()).entities:
        for name in entity.names:
            processor.add_keyword(name.text, entity.id)
    return processor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=100, help="characters per shape, in thousands")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    resolver = namenorm.default_resolver()
    resolver.find("Ławrow w Moskwie.", "pl")  # the table and the tagger built before timing
    flash = flashtext_scanner()
    worst = ("", 0.0)
    print(f"{'shape':28s} {'chars':>8s} {'namenorm s':>10s} {'us/char':>8s} {'flashtext us/char':>18s} ratio")
    for name, text in shapes(args.kb * 1000, args.seed).items():
        start = time.perf_counter()
        reading = resolver.read(text, "pl")
        seconds = time.perf_counter() - start
        per_char = seconds / len(text) * 1e6
        flash_per_char = float("nan")
        if flash is not None:
            start = time.perf_counter()
            flash.extract_keywords(text)
            flash_per_char = (time.perf_counter() - start) / len(text) * 1e6
        limited = " (limited)" if reading.limited else ""
        print(
            f"{name:28s} {len(text):8d} {seconds:10.2f} {per_char:8.1f} {flash_per_char:18.2f} "
            f"{per_char / flash_per_char:5.0f}x{limited}"
        )
        worst = max(worst, (name, per_char), key=lambda item: item[1])
    print(f"worst shape: {worst[0]}, {worst[1]:.1f} us/char ({1e3 / worst[1]:.0f} kB/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
