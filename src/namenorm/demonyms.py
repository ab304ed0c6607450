"""The nouns for a country's people (``lexicon/demonyms.yaml``), as names of the world gazetteer's places that
only ``resolve`` reads: *Brytyjczykami* is the table's Great Britain, *американцев* its United States.

```pycon
>>> [(e.id, [n.text for n in e.names if n.lang == "pl"][:2]) for e in demonym_entities() if e.id == "cldr-gb"]
[('cldr-gb', ['Brytyjczyk', 'Brytyjczycy'])]

```
"""

from __future__ import annotations

__all__ = ["demonym_entities", "examples"]

from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import RuleError
from .types import Entity, Name

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WHERE = "lexicon/demonyms.yaml"


@cache
def _raw() -> Any:
    """The data file, parsed (its shape checked)."""
    raw: Any = yaml.load(
        resources.files("namenorm").joinpath(_WHERE).read_text(encoding="utf-8"), Loader=_LOADER
    )
    places = raw.get("demonyms") if isinstance(raw, dict) else None
    if not isinstance(places, dict) or not all(
        isinstance(langs, dict) and all(isinstance(words, list) for words in langs.values())
        for langs in places.values()
    ):
        raise RuleError(f"{_WHERE}: expected 'demonyms': place ids to languages to lists of words")
    return raw


@cache
def demonym_entities() -> tuple[Entity, ...]:
    """One entity per world place, named by its demonyms (id: the world place's id)."""
    return tuple(
        Entity(
            str(place_id),
            "place",
            str(place_id),
            tuple(Name(str(word), str(lang)) for lang, words in langs.items() for word in words),
        )
        for place_id, langs in _raw()["demonyms"].items()
    )


def examples() -> list[tuple[str, str, str]]:
    """The data file's examples: (text, language, the world place it is)."""
    return [(str(text), str(lang), str(place)) for text, lang, place in _raw().get("examples") or ()]
