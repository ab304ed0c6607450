"""The streamed build of a compiled index (namenorm.build, namenorm.spill): bounded memory, the same
index as a table loaded whole, the same problems and warnings."""

from __future__ import annotations

import warnings
from pathlib import Path

import marisa_trie
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Resolver, table
from namenorm.compiled import compile_tables, load_compiled
from namenorm.errors import AliasTableError, NamenormError, TableWarning
from namenorm.spill import Spill, Words
from namenorm.table import bundled_table_path, load_table

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "tests" / "tables"


@settings(max_examples=50, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.text(max_size=4), st.binary(max_size=3)), max_size=60),
    block=st.integers(min_value=1, max_value=7),
)
def test_a_spill_gives_back_every_pair_in_order(
    tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[str, bytes]], block: int
) -> None:
    folder = tmp_path_factory.mktemp("spill")
    spill = Spill(folder, "p", block_pairs=block)
    for key, value in pairs:
        spill.add(key, value)
    assert spill.count == len(pairs)
    assert list(spill) == pairs
    assert not list(folder.iterdir())  # the file is removed once read
    assert list(spill) == []


@settings(max_examples=50, deadline=None)
@given(
    # no lone surrogates: no table or dump reader lets one through, and Words refuses one (tested below)
    words=st.lists(
        st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=4),
        max_size=60,
    ),
    limit=st.integers(min_value=1, max_value=7),
)
def test_words_give_back_each_word_once(
    tmp_path_factory: pytest.TempPathFactory, words: list[str], limit: int
) -> None:
    folder = tmp_path_factory.mktemp("words")
    kept = Words(folder, "w", limit=limit)
    for word in words:
        kept.add(word)
    back = list(kept)
    assert sorted(back) == sorted(set(words))  # each once, however often added, across every run
    assert not list(folder.iterdir())  # run files removed once read
    assert list(kept) == []


def test_words_refuse_a_lone_surrogate(tmp_path: Path) -> None:
    kept = Words(tmp_path, "w", limit=2)
    with pytest.raises(NamenormError, match="lone surrogate"):
        kept.add("a\ud800")
    kept.add("żaba")
    assert list(kept) == ["żaba"]


def test_the_largest_tries_are_split_by_key(tmp_path: Path) -> None:
    import namenorm.build as build

    out = compile_tables([bundled_table_path("world")], tmp_path / "w.nnidx")
    for name in build.SHARDED:
        shards = [marisa_trie.BytesTrie().mmap(str(out / f"{name}.{n}.marisa")) for n in range(build.SHARDS)]
        assert all(len(shard) for shard in shards), name  # every shard holds some of the keys
        for n, shard in enumerate(shards):
            assert all(build.shard_of(key) == n for key in shard.iterkeys())


def _answers(resolver: Resolver, queries: list[tuple[str, str | None]]) -> list[object]:
    out: list[object] = []
    for query, lang in queries:
        m = resolver.resolve(query, lang)
        out.append(None if m is None else (m.entity_id, m.method, m.score))
    return out


def _queries(paths: list[Path]) -> list[tuple[str, str | None]]:
    """Every label and name of the tables, as written and in Polish, and a few inflected forms."""
    found: list[tuple[str, str | None]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TableWarning)
        entities = load_table(paths, strict=False).entities
    for entity in entities:
        found.append((entity.label, None))
        found += [(n.text, n.lang) for n in entity.names[:3]]
    return [*found, ("Chowajewem", "pl"), ("Erywaniu", "pl"), ("Górskim Karabachu", "pl")]


def test_the_story_and_world_tables_compile_as_they_load(tmp_path: Path) -> None:
    paths = [bundled_table_path("story"), bundled_table_path("world")]
    out = compile_tables(paths, tmp_path / "both.nnidx", strict=True)
    queries = _queries(paths)
    compiled, loaded = Resolver.load(out, gazetteer=False), Resolver.from_yaml(paths, gazetteer=False)
    assert _answers(compiled, queries) == _answers(loaded, queries)
    # entities with a code are joined across the files: one entity each, in the table's order
    assert sorted(e.id for e in compiled.table.entities) == sorted(e.id for e in loaded.table.entities)
    assert {e.id: e.ambiguous for e in compiled.table.entities} == {
        e.id: e.ambiguous for e in loaded.table.entities
    }


def test_a_table_read_in_slices_compiles_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [bundled_table_path("story")]
    whole = compile_tables(paths, tmp_path / "whole.nnidx")
    monkeypatch.setattr(table, "STREAM_BYTES", -1)
    monkeypatch.setattr(table, "CHUNK_ENTITIES", 3)
    sliced = compile_tables(paths, tmp_path / "sliced.nnidx")
    for name in ("entities.bin", "entries.bin", "names.marisa", "pkeys.marisa", "tags.marisa"):
        assert (whole / name).read_bytes() == (sliced / name).read_bytes(), name


def test_names_two_entities_share_warn_and_resolve_to_neither(tmp_path: Path) -> None:
    path = TABLES / "shared_name.yaml"
    with warnings.catch_warnings(record=True) as loading:
        warnings.simplefilter("always", TableWarning)
        loaded = Resolver.from_yaml(path, gazetteer=False)
    with warnings.catch_warnings(record=True) as compiling:
        warnings.simplefilter("always", TableWarning)
        out = compile_tables([path], tmp_path / "shared.nnidx")
    assert [str(w.message) for w in compiling] == [str(w.message) for w in loading] != []
    compiled = Resolver.load(out, gazetteer=False)
    queries = _queries([path])
    assert _answers(compiled, queries) == _answers(loaded, queries)
    shared = {e.id: e.ambiguous for e in compiled.table.entities if e.ambiguous}
    assert shared == {e.id: e.ambiguous for e in loaded.table.entities if e.ambiguous} != {}


@pytest.mark.parametrize(
    ("name", "strict"),
    [("shared_name.yaml", True), ("duplicate_id.yaml", False), ("duplicate_code.yaml", False),
     ("bad_lang.yaml", False), ("malformed.yaml", False)],
)  # fmt: skip
def test_a_table_with_a_problem_is_refused_as_loading_refuses_it(
    tmp_path: Path, name: str, strict: bool
) -> None:
    with pytest.raises(AliasTableError) as loading:
        load_table(TABLES / name, strict=strict)
    with pytest.raises(AliasTableError) as compiling:
        compile_tables([TABLES / name], tmp_path / "t.nnidx", strict=strict)
    assert compiling.value.issues == loading.value.issues
    assert not (tmp_path / "t.nnidx").exists() and list(tmp_path.iterdir()) == []


def test_a_large_table_spills_to_disk_and_compiles_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import namenorm.build as build

    paths = [bundled_table_path("story"), bundled_table_path("world")]
    small = compile_tables(paths, tmp_path / "memory.nnidx")

    class SmallBlocks(Spill):
        def __init__(self, folder: Path, name: str, block_pairs: int = 50) -> None:
            super().__init__(folder, name, block_pairs)

    class SmallRuns(Words):
        def __init__(self, folder: Path, name: str, limit: int = 50) -> None:
            super().__init__(folder, name, limit)

    monkeypatch.setattr(build, "Spill", SmallBlocks)
    monkeypatch.setattr(build, "Words", SmallRuns)
    spilled = compile_tables(paths, tmp_path / "spilled.nnidx")
    for name in build.FILES:
        assert (small / name).read_bytes() == (spilled / name).read_bytes(), name
    assert load_compiled(spilled).indexes[0].lookup("erywan")


def test_a_wikidata_dump_compiles_straight_to_an_index(tmp_path: Path) -> None:
    from namenorm.wikidata import compile_dump, import_dump

    dump = ROOT / "tests" / "cases" / "wikidata-sample.json"
    assert import_dump(dump, tmp_path / "wd.yaml") == compile_dump(dump, tmp_path / "wd.nnidx") == 5
    compiled, loaded = Resolver.load(tmp_path / "wd.nnidx"), Resolver.from_yaml(tmp_path / "wd.yaml")
    queries = [("Moskwy", "pl"), ("Gruzja", "pl"), ("Georgia", "en"), ("Władimirem Putinem", "pl")]
    assert _answers(compiled, queries) == _answers(loaded, queries)
    assert compiled.resolve("Georgia", "en") is None  # the country and the US state share it


def test_compile_reports_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import namenorm.build as build

    monkeypatch.setattr(build, "PROGRESS_EVERY", 100)
    seen: list[int] = []
    compile_tables([bundled_table_path("world")], tmp_path / "w.nnidx", progress=seen.append)
    assert seen == list(range(100, len(load_table(bundled_table_path("world")).entities) + 1, 100))


def test_a_compiled_folder_holds_its_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import namenorm.build as build

    class SmallBlocks(Spill):
        def __init__(self, folder: Path, name: str, block_pairs: int = 10) -> None:
            super().__init__(folder, name, block_pairs)

    class SmallRuns(Words):
        def __init__(self, folder: Path, name: str, limit: int = 50) -> None:
            super().__init__(folder, name, limit)

    monkeypatch.setattr(build, "Spill", SmallBlocks)
    monkeypatch.setattr(build, "Words", SmallRuns)
    out = compile_tables([bundled_table_path("story")], tmp_path / "s.nnidx")
    assert sorted(p.name for p in out.iterdir()) == sorted([*build.FILES, "meta.json"])
    with pytest.raises(AliasTableError):
        compile_tables([TABLES / "duplicate_id.yaml"], tmp_path / "d.nnidx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.nnidx"]  # no spill left behind
