"""namenorm: tell that Chowajewem, Igor Khovaev and Igor Chovayev are one person.

Resolve Polish, Italian and English spellings, inflected forms and exonyms of names to canonical entity IDs
from a curated alias table.

```pycon
>>> import namenorm
>>> namenorm.resolve("Chowajewem", lang="pl").entity_id
'igor-khovaev'
>>> namenorm.resolve("dell'Azerbaigian", lang="it").label
'Azerbaijan'
>>> namenorm.inflect("Igor Chowajew", "instrumental")
'Igorem Chowajewem'

```
"""

from __future__ import annotations

__all__ = [
    "AliasTable",
    "AliasTableError",
    "Entity",
    "Explanation",
    "Match",
    "Mention",
    "Method",
    "NamenormError",
    "QueryError",
    "Resolver",
    "RuleError",
    "TableIssue",
    "TableWarning",
    "__version__",
    "bundled_table_path",
    "candidates",
    "check_tables",
    "explain",
    "find",
    "inflect",
    "inflections",
    "load_table",
    "normalize",
    "reset_caches",
    "resolve",
]

from collections.abc import Iterable

from . import morph, ruleset, tagger, transliterate
from . import normalize as _normalize_module
from .errors import AliasTableError, NamenormError, QueryError, RuleError, TableIssue, TableWarning
from .inflection import inflect, inflections
from .normalize import normalize
from .resolver import Resolver, bundled_table_path, default_resolver
from .table import AliasTable, check_tables, load_table
from .types import Entity, Explanation, Match, Mention, Method


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for (importing
    ``importlib.metadata`` costs a tenth of the command line's start)."""
    if name != "__version__":
        raise AttributeError(f"module 'namenorm' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("namenorm")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "0+unknown"


def resolve(
    name: str,
    lang: str | None = None,
    *,
    types: Iterable[str] | str | None = None,
    min_score: float | None = None,
) -> Match | None:
    """Resolve ``name`` against the bundled table; None when nothing (or more than one entity) fits.
    ``types`` and ``min_score`` as in :meth:`Resolver.resolve`.

    ```pycon
    >>> resolve("Stambule", lang="pl").entity_id
    'istanbul'
    >>> resolve("Georgia") is None, resolve("Gruzji", lang="pl").entity_id  # Georgia: a country, a US state
    (True, 'georgia')

    ```
    """
    return default_resolver().resolve(name, lang, types=types, min_score=min_score)


def candidates(
    name: str,
    lang: str | None = None,
    limit: int = 5,
    *,
    types: Iterable[str] | str | None = None,
    min_score: float | None = None,
) -> list[Match]:
    """Every entity of the bundled table that ``name`` may refer to, best first (see
    :meth:`Resolver.candidates`).

    ```pycon
    >>> [m.entity_id for m in candidates("Georgia")]
    ['georgia', 'georgia-us-state']

    ```
    """
    return default_resolver().candidates(name, lang, limit, types=types, min_score=min_score)


def explain(name: str, lang: str | None = None) -> Explanation:
    """How ``name`` is resolved against the bundled table, step by step (see ``namenorm explain``).

    ```pycon
    >>> explain("Stambule", lang="pl").steps[-1]
    'decision: istanbul (inflection, score 0.900)'

    ```
    """
    return default_resolver().explain(name, lang)


def find(text: str, lang: str | None = None) -> list[Mention]:
    """Entity mentions of the bundled table in running ``text``.

    ```pycon
    >>> [m.text for m in find("Secondo Politico, l'Azerbaigian...", lang="it")]
    ['Politico', 'Azerbaigian']

    ```
    """
    return default_resolver().find(text, lang)


def reset_caches() -> None:
    """Drop every cache (bundled resolver, resolvers restored from pickles, rule sets, normalisation and
    analysis memos)."""
    from . import commonwords, inflection, resolver

    for module in (
        resolver,
        ruleset,
        morph,
        transliterate,
        tagger,
        _normalize_module,
        commonwords,
        inflection,
    ):
        module.clear_caches()
