"""A griffe extension for the API pages: the Sphinx roles of the docstrings (:func:`~namenorm.x.y`),
which mkdocstrings shows as raw text, become inline code with the name as Sphinx would show it (``y``
for ``~namenorm.x.y``). The docstrings stay readable in the source and in ``help()``."""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc|obj):`(~?)([^`]+)`")


def plain(text: str) -> str:
    """``text`` with every Sphinx role as inline code.

    >>> plain("see :func:`~namenorm.table.load_table` and :class:`NamenormError`")
    'see `load_table` and `NamenormError`'
    """
    return _ROLE.sub(lambda m: f"`{m.group(2).rsplit('.', 1)[-1] if m.group(1) else m.group(2)}`", text)


class SphinxRoles(griffe.Extension):
    """Rewrites each object's docstring as it is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)
