from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import namenorm
from conftest import ALIYEVS, CASES, ROOT, SEED_ROWS, table_resolver
from namenorm import Method

ARTICLES = sorted({row["file"] for row in SEED_ROWS})
PASSAGES = yaml.safe_load((CASES / "passages.yaml").read_text(encoding="utf-8"))


SEED_LANG = {row["file"]: row["lang"] for row in SEED_ROWS}
EXTRA_SEED_MENTIONS = {"001_b61107c3d676957f.txt": {("Departament stanu", "us-state-department")}}
"""Mentions find reports that the gold list does not (true mentions the list leaves out)."""


@functools.cache
def _seed_mentions(file: str) -> frozenset[tuple[str, str]]:
    text = (ROOT / "seeds" / file).read_text(encoding="utf-8")
    return frozenset((m.text, m.entity_id) for m in namenorm.find(text, lang=SEED_LANG[file]))


@pytest.mark.parametrize("row", SEED_ROWS, ids=lambda r: f"{r['file'][:3]}:{r['surface']}")
def test_every_gold_seed_mention_is_found(row: dict[str, str], anchor_ids: dict[str, str]) -> None:
    assert (row["surface"], anchor_ids[row["anchor"]]) in _seed_mentions(row["file"])


@pytest.mark.parametrize("file", ARTICLES)
def test_no_seed_mention_beyond_the_gold(file: str, anchor_ids: dict[str, str]) -> None:
    gold = {(r["surface"], anchor_ids[r["anchor"]]) for r in SEED_ROWS if r["file"] == file}
    assert _seed_mentions(file) - gold == EXTRA_SEED_MENTIONS.get(file, set())


@pytest.mark.parametrize("passage", PASSAGES, ids=[f"{p['lang']}-{i}" for i, p in enumerate(PASSAGES)])
def test_written_passages(passage: dict[str, object]) -> None:
    mentions = namenorm.find(str(passage["text"]), lang=str(passage["lang"]))
    found = [(m.text, m.entity_id) for m in mentions]
    assert found == [tuple(g) for g in passage["gold"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("L'Azerbaigian contro l'Armenia.", "it", [("Azerbaigian", "azerbaijan"), ("Armenia", "armenia")]),
        (
            "Washington’s envoy, Putin's aide",
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
        ("portal „Politico” i politico.eu", "pl", [("Politico", "politico"), ("politico.eu", "politico")]),
        (
            "Gli usa e gli Stati Uniti. Usa la USA.",
            "it",
            [("Stati Uniti", "united-states"), ("USA", "united-states")],
        ),
        (
            "przez korytarz laczyński i korytarzem laczyńskim",
            "pl",
            [("korytarz laczyński", "lachin-corridor"), ("korytarzem laczyńskim", "lachin-corridor")],
        ),
        ("Secondo Politico, Mosca tace.", "it", [("Politico", "politico"), ("Mosca", "moscow")]),
        ("However, the Armenian and Russian envoys met.", "en", []),
    ],
)
def test_find_examples(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in namenorm.find(text, lang=lang)] == expected


def test_document_context_settles_a_shared_surname(tmp_path: Path) -> None:
    resolver = table_resolver(tmp_path, ALIYEVS)
    alone = resolver.find("Alijew przemawiał.", lang="pl")
    assert alone == []
    text = "Hejdar Alijew rządził długo. Potem Alijewa wspominano, a Alijewowi stawiano pomniki."
    found = [(m.text, m.entity_id, m.match.trail[-1:]) for m in resolver.find(text, lang="pl")]
    assert found == [
        ("Hejdar Alijew", "heydar-aliyev", ()),
        ("Alijewa", "heydar-aliyev", ("document",)),
        ("Alijewowi", "heydar-aliyev", ("document",)),
    ]


def test_document_context_follows_a_transliterated_full_name(tmp_path: Path) -> None:
    resolver = table_resolver(
        tmp_path, "  - {id: igor-khovaev, type: person, label: Igor Khovaev, names: {en: [Igor Khovaev]}}\n"
    )
    text = "Igor Chowajew przyjechał. Chowajewem zainteresowały się media, a Chowajew milczał."
    found = [(m.text, m.entity_id) for m in resolver.find(text, lang="pl")]
    assert found == [
        ("Igor Chowajew", "igor-khovaev"),
        ("Chowajewem", "igor-khovaev"),
        ("Chowajew", "igor-khovaev"),
    ]
    assert {m.match.method for m in resolver.find(text, lang="pl")} <= {
        Method.TRANSLITERATION,
        Method.SURNAME,
    }


def test_find_on_empty_and_junk() -> None:
    assert namenorm.find("") == []
    assert namenorm.find("\x00\x01 ... ---") == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Moskwa",
                "Górskim Karabachu",
                "U.S.",
                "l'Armenia",
                "Putin's",
                " ",
                ". ",
                "x",
                "Ąę",
                "\n\n",
                "-",
                "Chowajewem",
                "„",
                "politico.eu",
                "ONZ",
            ]
        ),
        max_size=30,
    )
)
def test_mentions_are_exact_ordered_and_disjoint(parts: list[str]) -> None:
    text = "".join(parts)
    mentions = namenorm.find(text, lang="pl")
    end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.start >= end and m.entity_id == m.match.entity_id
        end = m.end


def test_small_caches_are_thread_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight threads tag with caches of four entries: no KeyError from a cache another thread trims."""
    import threading

    from namenorm import tagger

    monkeypatch.setattr(tagger, "_CACHE_SIZE", 4)
    monkeypatch.setattr(sys, "getswitchinterval", sys.getswitchinterval)
    sys.setswitchinterval(1e-6)  # switch threads often, so that a race shows
    resolver = namenorm.Resolver.from_yaml(ROOT / "data" / "aliases.yaml")
    labels = [e.label for e in resolver.table.entities]
    # runs of capitalised words the resolver must read: every one a distinct cache entry
    texts = [" i ".join(f"{label} Kowal{n}ski" for label in labels) + "." for n in range(3)]
    expected = [[(m.start, m.entity_id) for m in resolver.find(t, "pl")] for t in texts]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(2):
                for text, want in zip(texts, expected, strict=True):
                    assert [(m.start, m.entity_id) for m in resolver.find(text, "pl")] == want
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(0.005)
    assert errors == []


def test_resolver_stage_tries_the_longest_run_first(tmp_path: Path) -> None:
    """English-only table: the misspelt two-word name is the refinery (a phonetic near miss of the whole
    run), not the town its first word would be alone."""
    resolver = table_resolver(
        tmp_path,
        "  - {id: khovaevka, type: place, label: Khovaevka, names: {en: [Khovaevka]}}\n"
        "  - {id: khovaevka-refinery, type: org, label: Khovaevka Refinery,"
        " names: {en: [Khovaevka Refinery]}}\n",
    )
    found = [
        (m.text, m.entity_id) for m in resolver.find("Pożar w Chowajewka Refinary i w Chowajewce.", "pl")
    ]
    assert found == [("Chowajewka Refinary", "khovaevka-refinery"), ("Chowajewce", "khovaevka")]


def test_an_acronym_with_a_number_and_an_elided_article_is_found(tmp_path: Path) -> None:
    table = tmp_path / "indices.yaml"
    table.write_text(
        "entities:\n  - {id: sp500, type: org, label: S&P 500, names: {en: ['S&P 500', 'S&P']}}\n",
        encoding="utf-8",
    )
    resolver = namenorm.Resolver.from_yaml(table)
    found = [(m.text, m.entity_id) for m in resolver.find("L'S&P 500 è salito; l'S&P ieri no.", lang="it")]
    assert found == [("S&P 500", "sp500"), ("S&P", "sp500")]
    assert resolver.find("the s&p 500 rose", lang="en") == []  # an acronym is written in capitals
