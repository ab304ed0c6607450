"""The spaCy component on blank pipelines (no model downloads): tag mode equals find, link mode resolves
hand-set entities, overlaps follow the configured rule, and pipelines round-trip through disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Span  # noqa: E402

from conftest import ROOT, TABLES  # noqa: E402
from namenorm import NamenormError, Resolver  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("0*.txt"))
LANGS = {"000": "pl", "001": "pl", "002": "en", "003": "en", "004": "it"}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_tag_mode_entities_are_finds_mentions(path: Path) -> None:
    lang = LANGS[path.name[:3]]
    nlp = spacy.blank(lang)
    nlp.add_pipe("namenorm")
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    mentions = Resolver.bundled().find(text, lang)
    assert [(e.start_char, e.end_char, e.kb_id_) for e in doc.ents] == [
        (m.start, m.end, m.entity_id) for m in mentions
    ]
    assert [e._.namenorm for e in doc.ents] == [m.match for m in mentions]
    if lang == "en":  # OntoNotes, as spaCy's English models write it
        assert {e.label_ for e in doc.ents} <= {
            "PERSON",
            "GPE",
            "ORG",
            "EVENT",
            "PRODUCT",
            "WORK_OF_ART",
            "OTHER",
        }
    else:  # the WikiNER labels of the other languages' models
        assert {e.label_ for e in doc.ents} <= {"PER", "LOC", "ORG", "MISC"}


def test_tag_mode_to_a_span_group_and_the_language_of_the_pipeline() -> None:
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm", config={"write": "spans", "spans_key": "nn"})
    doc = nlp("Rozmowy w Stambule i w Erywaniu.")
    assert [(s.text, s.kb_id_) for s in doc.spans["nn"]] == [
        ("Stambule", "istanbul"),
        ("Erywaniu", "yerevan"),
    ]
    assert list(doc.ents) == []


@pytest.mark.parametrize(("overlap", "expected"), [
    ("keep", [("Igor Chowajew", "MISC", ""), ("Stambule", "LOC", "istanbul")]),
    ("replace", [("Igor Chowajew", "PER", "igor-khovaev"), ("Stambule", "LOC", "istanbul")]),
])  # fmt: skip
def test_overlaps_with_existing_entities_follow_the_rule(
    overlap: str, expected: list[tuple[str, str, str]]
) -> None:
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm", config={"overlap": overlap})
    doc = nlp.make_doc("Rozmawiał z nim Igor Chowajew w Stambule.")
    doc.set_ents([doc.char_span(16, 29, label="MISC")])
    doc = nlp.get_pipe("namenorm")(doc)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == expected


def test_link_mode_resolves_hand_set_entities() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config={"mode": "link"})
    doc = nlp.make_doc("Lavrov flew from Georgia to Istanbul and Nowhereland with Gruzja.")
    spans = [
        ("Lavrov", "PER"),
        ("Georgia", "GPE"),
        ("Istanbul", "GPE"),
        ("Nowhereland", "LOC"),
        ("Gruzja", "PER"),
    ]
    doc.set_ents(
        [doc.char_span(doc.text.index(t), doc.text.index(t) + len(t), label=lab) for t, lab in spans]
    )
    doc = nlp.get_pipe("namenorm")(doc)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("Lavrov", "sergey-lavrov"), ("Georgia", ""), ("Istanbul", "istanbul"), ("Nowhereland", ""),
        ("Gruzja", ""),
    ]  # fmt: skip
    georgia, nowhere, gruzja = doc.ents[1], doc.ents[3], doc.ents[4]
    assert georgia._.namenorm is None
    assert [m.entity_id for m in georgia._.namenorm_candidates] == ["georgia", "georgia-us-state"]
    assert nowhere._.namenorm_candidates == []
    assert gruzja._.namenorm_candidates == []  # a person's label allows no place: the country is no candidate
    assert doc.ents[0]._.namenorm.method.value == "surname"


def test_pipe_reuses_one_resolver_and_round_trips_through_disk(tmp_path: Path) -> None:
    table = tmp_path / "mine.yaml"
    shutil.copy(TABLES / "minimal.yaml", table)
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm", config={"tables": [], "aliases": [str(table)]})
    component = nlp.get_pipe("namenorm")
    texts = ["Siergiej Ławrow w Moskwie.", "Nic.", "Moskwa i Ławrow."] * 3
    first = [[(e.text, e.kb_id_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=2)]
    assert nlp.get_pipe("namenorm").resolver is component.resolver
    assert first[0] and first[1] == []
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert [[(e.text, e.kb_id_) for e in doc.ents] for doc in again.pipe(texts)] == first
    compiled = Resolver.compile([table], tmp_path / "mine.nnidx")
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm", config={"tables": [], "aliases": [str(tmp_path / "mine.nnidx")]})
    assert [[(e.text, e.kb_id_) for e in doc.ents] for doc in nlp.pipe(texts)] == first
    assert compiled.find(texts[0], "pl")


BAD_SETTINGS = [
    {"mode": "guess"},
    {"write": "both"},
    {"overlap": "merge"},
    {"lang": "xx-1"},
    {"tables": ["atlas"]},
]


@pytest.mark.parametrize("config", BAD_SETTINGS)
def test_bad_settings_are_clear_errors(config: dict[str, object]) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(NamenormError):
        nlp.add_pipe("namenorm", config=config)


def test_extensions_are_registered_once() -> None:
    import importlib

    import namenorm.spacy

    importlib.reload(namenorm.spacy)
    assert Span.has_extension("namenorm") and Span.has_extension("namenorm_candidates")


def _tagged() -> tuple[object, object]:
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm")
    return nlp, nlp("Ławrow spotkał się z Blinkenem w Stambule.")


def test_a_tagged_doc_survives_to_bytes_and_from_bytes() -> None:
    nlp, doc = _tagged()
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(e.text, e.kb_id_, e._.namenorm) for e in back.ents] == [
        (e.text, e.kb_id_, e._.namenorm) for e in doc.ents
    ]
    assert back.ents[0]._.namenorm.entity_id == "sergey-lavrov"
    assert isinstance(doc.to_dict(), dict)


def test_a_tagged_doc_survives_a_docbin_with_user_data() -> None:
    from spacy.tokens import DocBin

    nlp, doc = _tagged()
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert [e._.namenorm.entity_id for e in back.ents] == ["sergey-lavrov", "antony-blinken", "istanbul"]


def test_link_mode_candidates_survive_serialisation() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm", config={"mode": "link"})
    doc = nlp.make_doc("Georgia voted.")
    doc.ents = [Span(doc, 0, 1, label="GPE")]
    doc = nlp.get_pipe("namenorm")(doc)
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back.ents[0]._.namenorm is None
    assert {m.entity_id for m in back.ents[0]._.namenorm_candidates} == {"georgia", "georgia-us-state"}


def test_nlp_pipe_on_two_processes() -> None:
    nlp, _ = _tagged()
    texts = ["Ławrow spotkał się z Blinkenem.", "Rozmowy w Stambule."] * 3
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [[e._.namenorm.entity_id for e in d.ents] for d in docs] == [
        ["sergey-lavrov", "antony-blinken"],
        ["istanbul"],
    ] * 3


def test_labels_follow_the_pipelines_scheme_and_can_be_set() -> None:
    english = spacy.blank("en")
    english.add_pipe("namenorm")
    doc = english("Lavrov flew to Istanbul.")
    assert [e.label_ for e in doc.ents] == ["PERSON", "GPE"]
    first = doc.ents[0]
    assert (first.kb_id_, first.id_, first[0].ent_id_) == ("sergey-lavrov",) * 3
    polish = spacy.blank("pl")
    polish.add_pipe("namenorm", config={"labels": {"place": "GPE"}})
    assert [e.label_ for e in polish("Ławrow poleciał do Stambułu.").ents] == ["PER", "GPE"]


def test_the_pipeline_says_what_the_component_assigns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("namenorm")
    assigns = nlp.analyze_pipes()["summary"]["namenorm"]["assigns"]
    assert "doc.ents" in assigns and "span._.namenorm" in assigns


def test_a_saved_pipeline_carries_its_tables_and_loads_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "news.yaml").write_text(
        "entities:\n  - {id: tusk, type: person, label: Donald Tusk, names: {pl: [Donald Tusk]}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(work)
    nlp = spacy.blank("pl")
    nlp.add_pipe("namenorm", config={"tables": [], "aliases": ["news.yaml"]})
    nlp.to_disk(tmp_path / "pipeline")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    shutil.rmtree(work)  # the original table is gone: the pipeline's own copy is read
    loaded = spacy.load(tmp_path / "pipeline")
    assert [e.kb_id_ for e in loaded("Donald Tusk przemawiał.").ents] == ["tusk"]
