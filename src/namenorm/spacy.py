"""A spaCy pipeline component: namenorm finds the entities of its tables in spaCy docs, or links the
entities an upstream recogniser found.

Install with ``pip install 'namenorm[spacy]'``; the factory ``"namenorm"`` is registered through the
``spacy_factories`` entry point, so ``nlp.add_pipe("namenorm")`` and ``spacy.load`` find it without an
import. Two modes:

* ``mode="tag"`` (the default): namenorm finds the mentions itself, as :meth:`namenorm.Resolver.find` does,
  and writes them to ``doc.ents`` (or to the span group ``doc.spans[spans_key]`` with
  ``write="spans"``), each with ``kb_id_`` = the entity id, ``label_`` from the entity type and
  ``span._.namenorm`` = the :class:`~namenorm.Match`. Where a mention overlaps an entity already in
  ``doc.ents``, ``overlap="keep"`` (the default) keeps the existing one, ``overlap="replace"`` puts
  namenorm's in its place.
* ``mode="link"``: every entity an upstream recogniser set in ``doc.ents`` is resolved (of the types its
  label allows: PER is a person, LOC and GPE a place...) and gets its ``kb_id_``; an entity that does not
  resolve, or that two entities fit equally well, keeps an empty id, with its candidates in
  ``span._.namenorm_candidates``.

```python
import spacy

nlp = spacy.blank("pl")
nlp.add_pipe("namenorm", config={"tables": ["story", "world"]})
doc = nlp("Ławrow spotkał się w Stambule z ministrem Armenii.")
print([(e.text, e.label_, e.kb_id_) for e in doc.ents])
# [('Ławrow', 'PER', 'sergey-lavrov'), ('Stambule', 'LOC', 'istanbul'), ('Armenii', 'LOC', 'armenia')]
```
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_LABELS",
    "DEFAULT_TYPES",
    "NamenormComponent",
    "make_namenorm",
]

import dataclasses
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .arguments import check_lang
from .errors import NamenormError
from .langs import RULE_LANGS
from .resolver import Resolver
from .table import bundled_table_path
from .types import Match, Method

DEFAULT_LABELS = {"person": "PER", "place": "LOC", "org": "ORG", "media": "ORG"}
"""The ``label_`` of a tagged entity by its type in a pipeline of any language but English (the labels of
spaCy's WikiNER-trained models: PER, LOC, ORG, MISC); other types become MISC."""
ONTONOTES_LABELS = {
    "person": "PERSON", "place": "GPE", "org": "ORG", "media": "ORG", "event": "EVENT", "product": "PRODUCT",
    "work": "WORK_OF_ART",
}  # fmt: skip
"""The labels of an English pipeline (OntoNotes, as spaCy's English models and entity rulers write them);
a type not listed keeps its name in capitals (OTHER), OntoNotes having no MISC."""
DEFAULT_TYPES = {
    "PER": ["person"], "PERSON": ["person"], "LOC": ["place"], "GPE": ["place"], "FAC": ["place"],
    "ORG": ["org", "media"], "EVENT": ["event"], "PRODUCT": ["product"], "WORK_OF_ART": ["work"],
}  # fmt: skip
"""In link mode, the entity types an upstream label allows; a label not listed allows every type."""


def _match_data(match: Match | None) -> dict[str, Any] | None:
    """A match as plain values, which spaCy's serialisation (msgpack) and worker processes carry."""
    if match is None:
        return None
    data = dataclasses.asdict(match)
    data["method"], data["trail"] = match.method.value, list(match.trail)
    return data


def _match_of(data: dict[str, Any] | None) -> Match | None:
    if data is None:
        return None
    return Match(**{**data, "method": Method(data["method"]), "trail": tuple(data["trail"])})


def _set_match(span: Span, match: Match | None) -> None:
    span._.namenorm_data = _match_data(match)


def _set_candidates(span: Span, matches: list[Match] | None) -> None:
    span._.namenorm_candidates_data = None if matches is None else [_match_data(m) for m in matches]


def _candidates(span: Span) -> list[Match] | None:
    data = span._.namenorm_candidates_data
    return None if data is None else [m for m in map(_match_of, data) if m is not None]


# the spans hold plain values (``*_data``); ``span._.namenorm`` and ``span._.namenorm_candidates`` read them
# back as matches, so a doc survives to_bytes, DocBin and nlp.pipe(n_process=...)
for _name in ("namenorm_data", "namenorm_candidates_data"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("namenorm"):
    Span.set_extension("namenorm", getter=lambda span: _match_of(span._.namenorm_data), setter=_set_match)
if not Span.has_extension("namenorm_candidates"):
    Span.set_extension("namenorm_candidates", getter=_candidates, setter=_set_candidates)


class NamenormComponent:
    """The pipeline component; one resolver serves every doc of the pipeline."""

    def __init__(
        self,
        nlp: Language,
        name: str = "namenorm",
        *,
        tables: Iterable[str] = ("story",),
        aliases: Iterable[str] = (),
        lang: str | None = None,
        mode: str = "tag",
        write: str = "ents",
        spans_key: str = "namenorm",
        overlap: str = "keep",
        labels: dict[str, str] | None = None,
        types: dict[str, list[str]] | None = None,
    ) -> None:
        if mode not in ("tag", "link"):
            raise NamenormError(f"mode must be 'tag' or 'link', not {mode!r}")
        if write not in ("ents", "spans"):
            raise NamenormError(f"write must be 'ents' or 'spans', not {write!r}")
        if overlap not in ("keep", "replace"):
            raise NamenormError(f"overlap must be 'keep' or 'replace', not {overlap!r}")
        self.name, self.mode, self.write, self.spans_key, self.overlap = name, mode, write, spans_key, overlap
        self.tables, self.aliases = list(tables), [str(p) for p in aliases]
        self.lang = check_lang(lang if lang is not None else (nlp.lang if nlp.lang in RULE_LANGS else None))
        scheme = ONTONOTES_LABELS if nlp.lang == "en" else DEFAULT_LABELS
        self.default_label = None if nlp.lang == "en" else "MISC"
        self.labels = {**scheme, **(labels or {})}
        self.types = {**DEFAULT_TYPES, **(types or {})}
        for table in self.tables:
            bundled_table_path(table)  # an unknown bundled table is an error now, not at the first doc
        self._resolver: Resolver | None = None

    @property
    def resolver(self) -> Resolver:
        """The resolver of the tables (built on first use, so that a saved pipeline loads its own copies
        of the tables, see :meth:`from_disk`, before any is read)."""
        if self._resolver is None:
            self._resolver = _resolver(self.tables, self.aliases)
        return self._resolver

    def __call__(self, doc: Doc) -> Doc:
        if self.mode == "link":
            return self._link(doc)
        spans = []
        for mention in self.resolver.find(doc.text, self.lang):
            label = self.labels.get(mention.match.type, self.default_label or mention.match.type.upper())
            ident = mention.entity_id  # kb_id_ as an entity linker sets it, id_ (ent_id_) as an entity ruler
            span = doc.char_span(mention.start, mention.end, label=label, kb_id=ident, span_id=ident)
            if span is None:  # the mention ends inside a token: the tokens it touches
                span = doc.char_span(
                    mention.start,
                    mention.end,
                    label=label,
                    kb_id=ident,
                    span_id=ident,
                    alignment_mode="expand",
                )
            if span is not None:
                span._.namenorm = mention.match
                spans.append(span)
        spans = filter_spans(spans)
        if self.write == "spans":
            doc.spans[self.spans_key] = spans
            return doc
        existing = list(doc.ents)
        if self.overlap == "keep":
            spans = [s for s in spans if not any(_overlap(s, e) for e in existing)]
        else:
            existing = [e for e in existing if not any(_overlap(s, e) for s in spans)]
        doc.set_ents(sorted([*existing, *spans], key=lambda s: s.start))
        return doc

    def _link(self, doc: Doc) -> Doc:
        linked = []
        for ent in doc.ents:
            allowed = self.types.get(ent.label_)
            match = self.resolver.resolve(ent.text, self.lang, types=allowed)
            ident = match.entity_id if match else ""
            span = Span(doc, ent.start, ent.end, label=ent.label, kb_id=ident, span_id=ident)
            span._.namenorm = match
            if match is None:
                span._.namenorm_candidates = self.resolver.candidates(ent.text, self.lang, types=allowed)
            linked.append(span)
        doc.set_ents(linked)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """``nlp.pipe``: every doc through the same resolver."""
        for doc in stream:
            yield self(doc)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """Copy the alias tables (YAML files, or a compiled folder) into the pipeline's folder, so that the
        saved pipeline loads anywhere (bundled tables travel by name)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for number, alias in enumerate(self.aliases):
            source = Path(alias)
            name = f"{number:02d}-{source.name}"
            if source.is_dir():
                shutil.copytree(source, folder / name, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, folder / name)
            names.append(name)
        (folder / "aliases.json").write_text(json.dumps(names), encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> NamenormComponent:
        """Use the tables :meth:`to_disk` copied, wherever the pipeline was saved from."""
        listed = Path(path) / "aliases.json"
        if listed.is_file():
            names = json.loads(listed.read_text(encoding="utf-8"))
            self.aliases = [str(Path(path) / name) for name in names]
            self._resolver = None
        return self


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _resolver(tables: list[str], aliases: list[str]) -> Resolver:
    """The bundled ``tables`` alone, or the ``aliases`` files (YAML tables, or one compiled folder) on top
    of them (``tables=[]`` for the files alone)."""
    if not aliases:
        return Resolver.bundled(*tables)
    if len(aliases) == 1 and Path(aliases[0]).is_dir():
        if tables:
            raise NamenormError("a compiled index cannot be combined with bundled tables: set tables to []")
        return Resolver.load(aliases[0])
    return Resolver.from_yaml([*(bundled_table_path(name) for name in tables), *aliases])


DEFAULT_CONFIG: dict[str, object] = {
    "tables": ["story"], "aliases": [], "lang": None, "mode": "tag", "write": "ents",
    "spans_key": "namenorm", "overlap": "keep", "labels": {}, "types": {},
}  # fmt: skip
"""The factory's settings when the pipeline's config leaves them out."""


@Language.factory(
    "namenorm",
    default_config=DEFAULT_CONFIG,
    assigns=[
        "doc.ents",
        "doc.spans",
        "token.ent_iob",
        "token.ent_type",
        "token.ent_kb_id",
        "span._.namenorm",
    ],
)
def make_namenorm(
    nlp: Language,
    name: str,
    tables: list[str],
    aliases: list[str],
    lang: str | None,
    mode: str,
    write: str,
    spans_key: str,
    overlap: str,
    labels: dict[str, str],
    types: dict[str, list[str]],
) -> NamenormComponent:
    """The ``"namenorm"`` factory (see the module's description for the settings)."""
    return NamenormComponent(
        nlp, name, tables=tables, aliases=aliases, lang=lang, mode=mode, write=write, spans_key=spans_key,
        overlap=overlap, labels=labels, types=types,
    )  # fmt: skip
