"""Demonyms (lexicon/demonyms.yaml): ``resolve`` reads the nouns for a country's people as the table's place
of that country; ``find`` never tags them. The sentences are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import namenorm
from namenorm import Method
from namenorm.demonyms import examples
from namenorm.gazetteer import world_gazetteer

GREAT_BRITAIN = "entities:\n  - {id: gb, type: place, label: Великобритания, names: {ru: [Великобритания]}}\n"


@pytest.mark.parametrize(("text", "lang", "place"), examples())
def test_the_data_files_examples_are_their_places(text: str, lang: str, place: str) -> None:
    people = world_gazetteer().demonyms
    assert people is not None
    match = people.resolve_as_listed(text, lang)
    assert match is not None and match.entity_id == place


def test_a_demonym_resolves_to_the_tables_place_of_its_country(tmp_path: Path) -> None:
    path = tmp_path / "ru.yaml"
    path.write_text(GREAT_BRITAIN, encoding="utf-8")
    resolver = namenorm.Resolver.from_yaml(path)
    for query in ("Brytyjczycy", "Brytyjczykami", "Brytyjczyków"):
        match = resolver.resolve(query, lang="pl")
        assert match is not None and match.entity_id == "gb" and match.method is Method.TRANSLATION
        assert "demonym" in match.trail
        assert match.score < resolver.resolve("Wielka Brytania", lang="pl").score  # type: ignore[union-attr]
    assert resolver.resolve("brytyjski", lang="pl") is None  # an adjective is not the people
    assert resolver.resolve("Brytyjczycy", lang="pl", types="person") is None


def test_find_never_tags_a_demonym(tmp_path: Path) -> None:
    path = tmp_path / "ru.yaml"
    path.write_text(GREAT_BRITAIN, encoding="utf-8")
    resolver = namenorm.Resolver.from_yaml(path)
    text = "Brytyjczycy głosowali, a Wielka Brytania opuściła Unię."
    assert [(m.text, m.entity_id) for m in resolver.find(text, lang="pl")] == [("Wielka Brytania", "gb")]
