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
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import regex

from .normalize import normalize
from .types import Entity

LABEL_LANG = "*"
"""Language recorded for an entity's label: it matches in every language."""


_REGNAL = regex.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
"""A regnal number (I to XXXIX, folded): never a surname (Elżbieta II, Paolo VI)."""


def surname_of(entity_type: str, words: Sequence[str]) -> str | None:
    """The word a person's name is also known by alone: the last of two or more, unless it is a regnal
    number. The one rule of the index, the phonetic blocks and the tagger.

    ```pycon
    >>> surname_of("person", ["sergiej", "lawrow"]), surname_of("person", ["elzbieta", "ii"])
    ('lawrow', None)
    >>> surname_of("place", ["gorski", "karabach"]) is None
    True

    ```
    """
    if entity_type != "person" or len(words) < 2 or _REGNAL.match(words[-1]):
        return None
    return words[-1]


@dataclass(frozen=True, slots=True)
class Entry:
    """One table name under its normalised key."""

    entity: Entity
    name: str
    lang: str
    is_label: bool


@dataclass(frozen=True, slots=True)
class Index:
    """Keys (from :func:`~namenorm.normalize.normalize`) to entries; surnames of people to their entries."""

    names: dict[str, tuple[Entry, ...]]
    surnames: dict[str, tuple[Entry, ...]]
    tokens: Collection[str]
    stems: Collection[str] = frozenset()
    """The first three letters of every word of the table: a word that starts otherwise has no reading
    (endings and stem alternations change the end of a word, not its start) that is a table word."""

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Index:
        """Index every label and name; people's multi-word names also under their last word."""
        names: dict[str, dict[tuple[str, str], Entry]] = defaultdict(dict)
        surnames: dict[str, dict[str, Entry]] = defaultdict(dict)
        for entity in entities:
            label_key = normalize(entity.label)
            entries = [Entry(entity, entity.label, LABEL_LANG, True)]
            entries += [Entry(entity, n.text, n.lang, normalize(n.text) == label_key) for n in entity.names]
            for entry in entries:
                key = normalize(entry.name)
                names[key].setdefault((entity.id, entry.lang), entry)
                surname = surname_of(entity.type, key.split())
                if surname is not None:
                    surnames[surname].setdefault(entity.id, entry)
        return cls(
            {k: tuple(v.values()) for k, v in names.items()},
            {k: tuple(v.values()) for k, v in surnames.items()},
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
