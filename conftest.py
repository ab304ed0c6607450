"""Collection settings for the whole repository: the spaCy component's doctest needs spaCy, an optional
dependency (``pip install -e '.[spacy]'``, which ``.[dev]`` includes)."""

from __future__ import annotations

import importlib.util

collect_ignore = [] if importlib.util.find_spec("spacy") else ["src/namenorm/spacy.py"]
