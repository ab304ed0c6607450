"""Checks of the public functions' arguments: a value of the wrong type or form is a :class:`QueryError`
naming the argument, never a ``TypeError`` from deep inside the library.

```pycon
>>> check_paths("table.yaml")
['table.yaml']
>>> check_lang(" PL ")
'pl'
>>> check_text(None, "name")
Traceback (most recent call last):
...
namenorm.errors.QueryError: name must be a string, not NoneType

```
"""

from __future__ import annotations

__all__ = ["check_lang", "check_path", "check_paths", "check_text"]

from collections.abc import Iterable
from os import PathLike
from typing import Any

from .errors import QueryError
from .langs import is_language_code


def check_text(value: Any, what: str = "text") -> str:
    """``value`` when it is a string."""
    if not isinstance(value, str):
        raise QueryError(f"{what} must be a string, not {type(value).__name__}")
    return value


def check_path(value: Any, what: str = "path") -> str:
    """``value`` as a path string, when it is a string or a path object."""
    if isinstance(value, PathLike):
        value = value.__fspath__()
    if not isinstance(value, str):
        raise QueryError(f"{what} must be a file path (str or pathlib.Path), not {type(value).__name__}")
    if not value or "\0" in value:
        raise QueryError(f"{what} {value!r} is not a usable file path")
    return value


def check_paths(value: Any, what: str = "paths") -> list[str]:
    """One path, or any iterable of paths, as a list of path strings."""
    if isinstance(value, (str, PathLike)):
        return [check_path(value, what)]
    if not isinstance(value, Iterable) or isinstance(value, (bytes, dict)):
        raise QueryError(f"{what} must be a file path or a list of them, not {type(value).__name__}")
    return [check_path(item, what) for item in value]


def check_lang(lang: Any) -> str | None:
    """A language code, stripped and in lower case (None stays None: every language's rules)."""
    if lang is None:
        return None
    if not isinstance(lang, str):
        raise QueryError(f"lang must be a language code such as 'pl', not {type(lang).__name__}")
    code = lang.strip().lower()
    if not is_language_code(code):
        raise QueryError(f"unknown language code {lang!r}: use an ISO 639-1 code such as 'pl', 'it', 'en'")
    return code
