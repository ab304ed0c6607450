"""The compiled lookup of an alias table: normalised keys to the table names that carry them.

```pycon
>>> from namenorm.types import Entity, Name
>>> e = Entity("sergey-lavrov", "person", "Sergey Lavrov", (Name("Siergiej Ławrow", "pl"),))
>>> index = Index.build([e])
>>> [(entry.name, entry.lang) for entry in index.lookup("siergiej lawrow")]
[('Siergiej Ławrow', 'pl')]
>>> [entry.entity.id for entry in index.lookup_surname("lawrow")]
['sergey-lavrov']

```
"""

from __future__ import annotations

__all__ = ["LABEL_LANG", "Entry", "Index", "surname_of"]

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from .keys import LABEL_LANG, Entry, Filed, file_names, surname_of
from .normalize import normalize
from .types import Entity


@dataclass(frozen=True, slots=True)
class Index:
    """Keys (from :func:`~namenorm.normalize.normalize`) to entries; surnames of people to their entries."""

    names: dict[str, tuple[Entry, ...]]
    surnames: dict[str, tuple[Entry, ...]]
    tokens: Collection[str]
    stems: Collection[str] = frozenset()
    meanings: Any = None
    """A compiled index's meaning keys of organisations' names, read with the world places and without
    (:func:`~namenorm.keys.file_meanings`); None: the matcher makes them from ``names`` when first needed."""
    """The first three letters of every word of the table: a word that starts otherwise has no reading
    (endings and stem alternations change the end of a word, not its start) that is a table word."""

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Index:
        """Index every label and name; people's multi-word names also under their last word."""
        return cls.of(map(file_names, entities))

    @classmethod
    def of(cls, entities: Iterable[Filed]) -> Index:
        """The index of what each entity files (:func:`~namenorm.keys.file_names`)."""
        names: dict[str, list[Entry]] = defaultdict(list)
        surnames: dict[str, list[Entry]] = defaultdict(list)
        for filed in entities:
            for key, entry in zip(filed.keys, filed.entries, strict=True):
                names[key].append(entry)
            for surname, number in filed.surnames:
                surnames[surname].append(filed.entries[number])
        return cls(
            {k: tuple(v) for k, v in names.items()},
            {k: tuple(v) for k, v in surnames.items()},
            vocabulary := frozenset(token for key in names for token in key.split()),
            frozenset(token[:3] for token in vocabulary),
        )

    def readable(self, key: str) -> bool:
        """Whether rules could read ``key`` as table words: some word is short or starts like a table word
        (articles before a name, such as degli, are dropped by rules). When not, analysing it is wasted.

        ```pycon
        >>> e = Entity("x", "place", "Moskwa", ())
        >>> Index.build([e]).readable("moskwie"), Index.build([e]).readable("wladimir")
        (True, False)

        ```
        """
        return any(len(word) <= 4 or word[:3] in self.stems for word in key.split())

    def known(self, key: str) -> bool:
        """True when every word of ``key`` occurs in some name of the table (a cheap pre-filter)."""
        if " " not in key:
            return key in self.tokens
        return all(token in self.tokens for token in key.split())

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries whose name normalises to ``key``."""
        return self.names.get(key, ())

    def lists_in(self, entity_id: str, name: str, lang: str) -> bool:
        """The entity ``entity_id`` lists ``name`` (by its key) under the language ``lang``: a label's claim
        to a name it shares silently holds in those languages only.

        ```pycon
        >>> from namenorm.types import Name
        >>> index = Index.build([Entity("isles", "place", "Ирландии", (Name("Ирландии", "bg"),))])
        >>> index.lists_in("isles", "Ирландии", "bg"), index.lists_in("isles", "Ирландии", "ru")
        (True, False)

        ```
        """
        return any(e.entity.id == entity_id and e.lang == lang for e in self.lookup(normalize(name)))

    def lookup_surname(self, key: str) -> tuple[Entry, ...]:
        """One entry per person whose name ends in the word ``key``."""
        return self.surnames.get(key, ())
