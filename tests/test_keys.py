"""The indexing rules written once (namenorm.keys): what one entity files, and that the in-memory indexes and
the compiled-index writer, its two readers, file the same."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm.compiled import compile_entities, load_compiled
from namenorm.keys import Entry, clashes_in, file_hits, file_names, file_spellings, shared_keys
from namenorm.matcher import build_indexes
from namenorm.table import AliasTable
from namenorm.tagger import build_tag_names
from namenorm.types import Entity, Name

WORDS = ["Anna", "Kowalska", "Kowalski", "Jan", "Nowak", "Warszawa", "Ławrow", "Siergiej", "Banca", "di",
         "Roma", "Москва", "Пётр", "Cameron", "II", "Unia", "Europejska", "Rudd", "USA",
         "brexit"]  # fmt: skip
LANGS = ["pl", "en", "it", "ru"]

names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
entities = st.lists(
    st.tuples(
        st.sampled_from(["person", "place", "org"]),
        names,
        st.lists(st.tuples(names, st.sampled_from(LANGS)), max_size=4),
    ),
    min_size=1,
    max_size=6,
).map(
    lambda rows: tuple(
        Entity(f"e{n}", kind, label, tuple(Name(text, lang) for text, lang in written))
        for n, (kind, label, written) in enumerate(rows)
    )
)


def _entries(found: Iterable[Entry]) -> set[tuple[str, str, str, bool]]:
    return {(e.entity.id, e.name, e.lang, e.is_label) for e in found}


@settings(max_examples=40, deadline=None)
@given(table=entities)
def test_memory_and_disk_file_the_same_keys(table: tuple[Entity, ...]) -> None:
    index, typos, phonetic = build_indexes(AliasTable(table, ()))
    with tempfile.TemporaryDirectory() as folder:
        compile_entities(table, Path(folder) / "t.nnidx", [])
        (disk, disk_typos, disk_phonetic), tag_names = load_compiled(Path(folder) / "t.nnidx")[2:]
        for key in index.names:
            assert _entries(disk.lookup(key)) == _entries(index.lookup(key)), key
            assert set(typos.near(key)) == set(disk_typos.near(key))
        for key in index.surnames:
            assert _entries(disk.lookup_surname(key)) == _entries(index.lookup_surname(key)), key
        assert set(disk.tokens) == set(index.tokens)
        for mine, theirs in ((phonetic.full, disk_phonetic.full), (phonetic.surnames, disk_phonetic.surnames),
                             (phonetic.readings, disk_phonetic.readings),
                             (phonetic.reading_surnames, disk_phonetic.reading_surnames)):  # fmt: skip
            for key, found in mine.items():
                assert _entries(theirs.get(key)) == _entries(found), key
        for code, blocks in phonetic.codes.items():
            assert set(disk_phonetic.codes.get(code)) == set(blocks), code
        for block, items in phonetic.by_last.items():
            stored = {
                (i.words, i.person, i.entry.entity.id, i.entry.name) for i in disk_phonetic.by_last.get(block)
            }
            assert stored == {(i.words, i.person, i.entry.entity.id, i.entry.name) for i in items}, block
        assert disk_phonetic.cyrillic_names == phonetic.cyrillic_names
        memory, compiled = build_tag_names(table), tag_names()
        for key, hits in memory.hits.items():
            assert {(h.entry.entity.id, h.method, h.score, h.trail) for h in compiled.hits.get(key)} == {
                (h.entry.entity.id, h.method, h.score, h.trail) for h in hits
            }, key
            assert all(prefix in compiled.prefixes for prefix in memory.prefixes)
        assert (compiled.max_tokens, compiled.lower_firsts, compiled.fold_prefixes, compiled.first_words) == (
            memory.max_tokens,
            memory.lower_firsts,
            memory.fold_prefixes,
            memory.first_words,
        )


def test_an_entity_files_each_name_once_per_language_and_a_surname_once() -> None:
    written = [("Anna Nowak", "pl"), ("ANNA NOWAK", "pl"), ("Anna Nowak", "en"), ("A. Nowak", "pl")]
    anna = Entity("anna", "person", "Anna Nowak", tuple(Name(text, lang) for text, lang in written))
    filed = file_names(anna)
    kept = [("Anna Nowak", "*"), ("Anna Nowak", "pl"), ("Anna Nowak", "en"), ("A. Nowak", "pl")]
    assert [(e.name, e.lang) for e in filed.entries] == kept
    assert filed.surnames == (("nowak", 0),)
    assert filed.typo_keys == ()  # people are never reached through a typo
    warsaw = file_names(Entity("warsaw", "place", "Warsaw", (Name("Warszawa", "pl"),)))
    assert warsaw.typo_keys == ("warsaw", "warszawa") and warsaw.surnames == ()
    assert file_spellings(filed.entries).surnames == (("novak", 0),)


def test_a_regnal_number_is_no_surname_anywhere() -> None:
    queen = Entity("elizabeth-ii", "person", "Elizabeth II", (Name("Elżbieta II", "pl"),))
    assert file_names(queen).surnames == ()
    assert not [key for key, hit, _ in file_hits(queen) if hit.method.value == "surname"]


def test_a_label_clashes_with_a_name_in_any_language_unless_both_mark_it() -> None:
    assert clashes_in([("a", "pl", False), ("b", "en", False)]) == []  # two languages: no clash
    assert clashes_in([("a", "*", False), ("b", "en", False)]) == [(1, 0)]
    assert clashes_in([("a", "pl", True), ("b", "pl", False)]) == [(1, 0)]  # one mark is not enough
    assert clashes_in([("a", "pl", True), ("a", "en", False)]) == []  # one entity never clashes with itself
    # one's label, the other's alias: marked on the alias's entity only; else on both
    assert shared_keys([("b", False, "a", True, "x")]) == {"b": {"x"}}
    assert shared_keys([("b", False, "a", False, "x")]) == {"b": {"x"}, "a": {"x"}}
