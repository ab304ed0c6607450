from __future__ import annotations

from collections import defaultdict

import pytest

import namenorm
from conftest import ROOT, SEED_ROWS

ARTICLES = sorted({row["file"] for row in SEED_ROWS})


def _gold(file: str) -> set[tuple[str, str]]:
    return {(row["surface"], row["anchor"]) for row in SEED_ROWS if row["file"] == file}


@pytest.mark.parametrize("file", ARTICLES)
def test_seed_article_mentions_are_found(file: str, anchor_ids: dict[str, str]) -> None:
    lang = next(row["lang"] for row in SEED_ROWS if row["file"] == file)
    text = (ROOT / "seeds" / file).read_text(encoding="utf-8")
    mentions = namenorm.find(text, lang=lang)
    found = defaultdict(set)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        found[m.text].add(m.entity_id)
    missed = [(s, a) for s, a in _gold(file) if anchor_ids[a] not in found.get(s, set())]
    assert len(missed) <= 1, missed


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("L'Azerbaigian contro l'Armenia.", "it", [("Azerbaigian", "azerbaijan"), ("Armenia", "armenia")]),
        (
            "Washington’s envoy and Putin's aide",
            "en",
            [("Washington", "washington"), ("Putin", "vladimir-putin")],
        ),
        (
            "w Górskim Karabachu, Unii Europejskiej",
            "pl",
            [("Górskim Karabachu", "nagorno-karabakh"), ("Unii Europejskiej", "european-union")],
        ),
        ("the U.S. State Department said", "en", [("U.S. State Department", "us-state-department")]),
        ("nel Nagorno-Karabakh/Collage", "it", [("Nagorno-Karabakh", "nagorno-karabakh")]),
        ("Rzecznik Kremla, Moskwa.", "pl", [("Kremla", "kremlin"), ("Moskwa", "moscow")]),
    ],
)
def test_find_examples(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in namenorm.find(text, lang=lang)] == expected


def test_find_on_empty_and_junk() -> None:
    assert namenorm.find("") == []
    assert namenorm.find("\x00\x01 ... ---") == []
