"""Organisation names across languages by the meanings of their generic words (lexicon/org_words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from namenorm import Resolver
from namenorm.orgwords import examples, meaning_key


@pytest.mark.parametrize(("name", "lang", "other", "other_lang"), examples())
def test_every_example_of_the_data_meets(name: str, lang: str, other: str, other_lang: str) -> None:
    place = {"japan": "cldr-jp", "giappone": "cldr-jp"}.get
    key = meaning_key(name, lang, lambda word, _: place(word))
    assert key is not None
    assert meaning_key(other, other_lang, lambda word, _: place(word)) == key


def test_names_of_other_meanings_do_not_meet() -> None:
    assert meaning_key("Bank Centralny", "pl") != meaning_key("European Central Bank", "en")
    assert meaning_key("Banca Rossi", "it") is None  # a word without a meaning: a name of its own
    assert meaning_key("Banca Rossi Mondiale", "it") is None
    assert meaning_key("Bank", "en") is None  # one word
    assert meaning_key("Central Central", "en") is None  # one meaning


def test_a_table_of_english_names_tags_italian_and_polish_text(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text(
        "entities:\n"
        "  - {id: world-bank, type: org, label: World Bank, names: {en: [World Bank]}}\n"
        "  - {id: imf, type: org, label: International Monetary Fund,\n"
        "     names: {en: [International Monetary Fund]}}\n"
        "  - {id: ec, type: org, label: Европейская комиссия, names: {ru: [Европейская комиссия]}}\n",
        encoding="utf-8",
    )
    resolver = Resolver.from_yaml(path)
    text = "La Banca Mondiale e il Fondo Monetario Internazionale hanno parlato."
    assert [(m.text, m.entity_id) for m in resolver.find(text, "it")] == [
        ("Banca Mondiale", "world-bank"),
        ("Fondo Monetario Internazionale", "imf"),
    ]
    found = resolver.find("Przedstawiciele Banku Światowego i Komisji Europejskiej rozmawiali.", "pl")
    assert [(m.text, m.entity_id, m.match.trail) for m in found] == [
        ("Banku Światowego", "world-bank", ("meanings",)),
        ("Komisji Europejskiej", "ec", ("meanings",)),
    ]
    assert resolver.resolve("Banca del Giappone", "it") is None  # no Bank of Japan in this table


def test_two_organisations_of_one_meaning_tie(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    path.write_text(
        "entities:\n"
        "  - {id: wb, type: org, label: World Bank, names: {en: [World Bank]}}\n"
        "  - {id: wb2, type: org, label: Banco Mundial, names: {es: [Banco Mundial]}}\n",
        encoding="utf-8",
    )
    assert Resolver.from_yaml(path).resolve("Banca Mondiale", "it") is None
