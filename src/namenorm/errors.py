"""Errors raised by namenorm. All derive from :class:`NamenormError`.

```pycon
>>> issubclass(AliasTableError, NamenormError) and issubclass(NamenormError, ValueError)
True

```
"""

from __future__ import annotations

__all__ = ["AliasTableError", "NamenormError", "QueryError", "RuleError", "TableIssue", "TableWarning"]

from dataclasses import dataclass


class NamenormError(ValueError):
    """Base class of every error namenorm raises on purpose."""


@dataclass(frozen=True, slots=True)
class TableIssue:
    """One problem found in a data file, with its position (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class AliasTableError(NamenormError):
    """An alias table could not be loaded; ``issues`` lists every problem found, each with file:line:col."""

    def __init__(self, issues: list[TableIssue] | tuple[TableIssue, ...]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))

    @property
    def path(self) -> str:
        return self.issues[0].path if self.issues else ""

    @property
    def line(self) -> int:
        return self.issues[0].line if self.issues else 0


class RuleError(NamenormError):
    """A bundled or user-supplied rule file is invalid."""


class QueryError(NamenormError):
    """A query argument is invalid (not a string, an unknown language code, a bad limit or score)."""


class TableWarning(UserWarning):
    """A table problem that loading tolerates (a name shared by two entities is then treated as ambiguous)."""
