from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TABLES
from namenorm import NamenormError, Resolver
from namenorm.compiled import FORMAT, compile_tables, file_digest, load_compiled, read_meta
from namenorm.resolver import bundled_table_path, default_resolver

SEEDS = [("000_d05413e369f00a66.txt", "pl"), ("001_b61107c3d676957f.txt", "pl"),
         ("002_0591e3ddf00e87bb.txt", "en"), ("003_82896d0bde8f75ad.txt", "en"),
         ("004_e79ebdbe02863562.txt", "it")]  # fmt: skip
QUERIES = [("Chowajewem", "pl"), ("Siergieja Ławrowa", "pl"), ("dell'Azerbaigian", "it"), ("Artsakh", "en")]


def test_compiled_resolver_answers_like_the_yaml_one(tmp_path: Path) -> None:
    out = tmp_path / "bundled.nnidx"
    compile_tables([bundled_table_path()], out)
    loaded = Resolver.load(out)
    for query, lang in QUERIES:
        assert loaded.candidates(query, lang) == default_resolver().candidates(query, lang)
    for name, lang in SEEDS:
        text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        assert loaded.find(text, lang) == default_resolver().find(text, lang)
    for passage in yaml.safe_load((ROOT / "tests" / "cases" / "passages.yaml").read_text(encoding="utf-8")):
        assert loaded.find(passage["text"], passage["lang"]) == default_resolver().find(
            passage["text"], passage["lang"]
        )
    assert loaded._table is None  # tagging read the compiled tagger names, never rebuilt the table


def test_wrong_version_and_broken_files(tmp_path: Path) -> None:
    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "minimal.yaml"], out)
    meta = json.loads((out / "meta.json").read_text())
    (out / "meta.json").write_text(json.dumps(meta | {"version": "0.0.1"}))
    with pytest.raises(NamenormError, match="compile it again"):
        load_compiled(out)
    (out / "meta.json").write_text(json.dumps(meta))
    (out / "names.marisa").write_bytes(b"junk")
    with pytest.raises(NamenormError, match=r"names.marisa has 4 bytes, [0-9]+ were written"):
        load_compiled(out)
    with pytest.raises(NamenormError, match="not a compiled"):
        load_compiled(tmp_path / "missing.nnidx")
    compile_tables([TABLES / "minimal.yaml"], out)
    data = (out / "tagprefixes.marisa").read_bytes()
    (out / "tagprefixes.marisa").write_bytes(b"\0" * len(data))  # same size, no trie header
    for verify in (True, False):
        with pytest.raises(NamenormError, match=r"tagprefixes\.marisa is not a marisa trie"):
            load_compiled(out, verify=verify)
    flipped = data[:-1] + bytes([data[-1] ^ 1])  # same size and header: only the digest tells
    (out / "tagprefixes.marisa").write_bytes(flipped)
    with pytest.raises(NamenormError, match=r"tagprefixes\.marisa differs from its recorded digest"):
        load_compiled(out)


def test_compile_never_deletes_what_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "meta.json").write_text("{}")  # a file of that name is not enough to look like an index
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(NamenormError, match=r"not empty and not a compiled namenorm index \(notes.txt\)"):
        compile_tables([TABLES / "minimal.yaml"], precious)
    assert sorted(p.name for p in precious.iterdir()) == ["meta.json", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]  # no temporary folder left behind
    (tmp_path / "file").write_text("x")
    with pytest.raises(NamenormError, match="exists and is not a folder"):
        compile_tables([TABLES / "minimal.yaml"], tmp_path / "file")
    with pytest.raises(NamenormError, match="cannot write a compiled index there"):
        compile_tables([TABLES / "minimal.yaml"], tmp_path / "file" / "sub.nnidx")


def test_compile_replaces_an_earlier_index_and_an_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "t.nnidx"
    out.mkdir()
    compile_tables([TABLES / "minimal.yaml"], out)
    first = read_meta(out)["entities"]
    compile_tables([TABLES / "english_only.yaml"], out)
    assert read_meta(out)["entities"] != first
    assert Resolver.load(out).resolve("Siergiej Szojgu", "pl").entity_id == "sergei-shoigu"  # type: ignore[union-attr]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.nnidx"]


def test_an_interrupted_compile_leaves_the_earlier_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import namenorm.build as build

    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "minimal.yaml"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "_write_lines", disk_full)
    with pytest.raises(NamenormError, match="cannot write the compiled index: No space left on device"):
        compile_tables([TABLES / "english_only.yaml"], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.nnidx"]


@pytest.mark.parametrize("shape", [[], {"format": 9}, {"format": FORMAT, "version": None}])
def test_meta_json_of_the_wrong_shape_is_refused(tmp_path: Path, shape: object) -> None:
    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "minimal.yaml"], out)
    (out / "meta.json").write_text(json.dumps(shape))
    with pytest.raises(NamenormError, match=r"meta.json is not|compiled by namenorm None"):
        load_compiled(out)


def test_meta_json_without_its_file_records_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "minimal.yaml"], out)
    meta = read_meta(out)
    for broken in ({k: v for k, v in meta.items() if k != "files"},
                   meta | {"files": meta["files"] | {"stems.txt": ["12", "ab"]}}):  # fmt: skip
        (out / "meta.json").write_text(json.dumps(broken))
        with pytest.raises(NamenormError, match=r"meta.json"):
            load_compiled(out)


def test_corrupted_records_are_namenorm_errors_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "english_only.yaml"], out)
    data = bytearray((out / "entries.bin").read_bytes())
    data[:] = b"\xff" * len(data)  # same size, undecodable: found on first use when not verified
    (out / "entries.bin").write_bytes(bytes(data))
    loaded = Resolver.load(out, verify=False)
    with pytest.raises(NamenormError, match=r"entries.bin: corrupted \(UnicodeDecodeError"):
        loaded.resolve("Dmitry Medvedev", "en")
    with pytest.raises(NamenormError, match=r"entries.bin differs from its recorded digest"):
        load_compiled(out)


def test_compiled_index_maps_little_memory(tmp_path: Path) -> None:
    out = tmp_path / "t.nnidx"
    compile_tables([TABLES / "english_only.yaml"], out)
    loaded = Resolver.load(out)
    assert loaded.resolve("Dmitrija Miedwiediewa", "pl").entity_id == "dmitry-medvedev"  # type: ignore[union-attr]
    assert loaded.resolve("Aleksandr Łukaszenka", "pl").entity_id == "alexander-lukashenko"  # type: ignore[union-attr]
    assert loaded.table.get("dmitry-medvedev").names[0].text == "Dmitry Medvedev"  # type: ignore[union-attr]


def test_resolvers_pickle_as_small_references(tmp_path: Path) -> None:
    from_yaml = Resolver.from_yaml(TABLES / "english_only.yaml")
    data = pickle.dumps(from_yaml)
    assert len(data) < 1000
    again = pickle.loads(data)
    assert again.resolve("Dmitrija Miedwiediewa", "pl").entity_id == "dmitry-medvedev"
    out = tmp_path / "t.nnidx"
    compiled = Resolver.compile([TABLES / "english_only.yaml"], out)
    assert len(pickle.dumps(compiled)) < 1000
    assert pickle.loads(pickle.dumps(compiled)).resolve("Siergiej Szojgu", "pl").entity_id == "sergei-shoigu"


def test_in_memory_resolver_pickles_its_table() -> None:
    resolver = Resolver(Resolver.from_yaml(TABLES / "minimal.yaml").table)
    assert pickle.loads(pickle.dumps(resolver)).resolve("Sergey Lavrov").entity_id == "sergey-lavrov"


def test_resolve_many_keeps_order_and_repeats() -> None:
    names = ["Moskwa", "Nikt", "Moskwy", "Moskwa", ""]
    got = default_resolver().resolve_many(names, lang="pl")
    assert [m.entity_id if m else None for m in got] == ["moscow", None, "moscow", "moscow", None]


def test_compiled_answers_survive_tiny_decode_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries decoded, evicted and decoded again give the same answers as the YAML resolver."""
    from namenorm import compiled

    monkeypatch.setattr(compiled._Store, "CACHE_SIZE", 2)
    out = tmp_path / "t.nnidx"
    compile_tables([bundled_table_path()], out)
    loaded = Resolver.load(out)
    names = ["Moskwa", "Stambuł", "Siergiej Ławrow", "Baku", "Erywań", "Ankara", "Kreml"]
    for _ in range(2):
        assert loaded.resolve_many(names, "pl") == default_resolver().resolve_many(names, "pl")
    assert read_meta(out)["entities"] == len(default_resolver().table.entities)


def test_unpickled_resolver_follows_its_files(tmp_path: Path) -> None:
    """A pickle names the resolver's files: after the file changes, or after reset_caches(), unpickling
    reads it again instead of handing back the resolver of the old text."""
    import namenorm

    table = tmp_path / "t.yaml"
    table.write_text("entities:\n  - {id: a, type: place, label: Alfa, names: {en: [Alfa]}}\n", "utf-8")
    data = pickle.dumps(Resolver.from_yaml(table))
    assert pickle.loads(data).resolve("Alfa").entity_id == "a"
    table.write_text("entities:\n  - {id: b, type: place, label: Alfa, names: {en: [Alfa]}}\n", "utf-8")
    assert pickle.loads(data).resolve("Alfa").entity_id == "b"
    first = pickle.loads(data)
    namenorm.reset_caches()
    assert pickle.loads(data) is not first


@pytest.mark.parametrize("name", ["stems.txt", "tagger.json", "meta.json"])
@pytest.mark.parametrize("verify", [True, False])
def test_a_fifo_in_place_of_an_index_file_is_refused_not_waited_on(
    tmp_path: Path, name: str, verify: bool
) -> None:
    import os

    out = compile_tables([bundled_table_path()], tmp_path / "fifo.nnidx")
    (out / name).unlink()
    os.mkfifo(out / name)
    with pytest.raises(NamenormError, match="not a regular file"):
        Resolver.load(out, verify=verify)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"format": "' + "x" * (2 << 20) + '"}'],
    ids=["deeply nested", "huge"],
)
def test_a_hostile_meta_json_is_a_clear_error(tmp_path: Path, text: str) -> None:
    out = compile_tables([bundled_table_path()], tmp_path / "meta.nnidx")
    (out / "meta.json").write_text(text, encoding="utf-8")
    with pytest.raises(NamenormError, match="not a compiled namenorm index"):
        read_meta(out)


def test_a_loaded_index_is_one_snapshot_when_its_folder_is_compiled_again(tmp_path: Path) -> None:
    rows = [
        "  - {id: lavrov, type: person, label: Siergiej Ławrow, names: {pl: [Siergiej Ławrow, Ławrow]}}",
        "  - {id: blinken, type: person, label: Antony Blinken, names: {pl: [Antony Blinken, Blinken]}}",
        "  - {id: istanbul, type: place, label: Stambuł, names: {pl: [Stambuł]}}",
        "  - {id: yerevan, type: place, label: Erywań, names: {pl: [Erywań]}}",
    ]
    table = tmp_path / "t.yaml"
    table.write_text("entities:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = compile_tables([table], tmp_path / "snap.nnidx")
    resolver = Resolver.load(out)
    assert resolver.resolve("Stambule", lang="pl").entity_id == "istanbul"  # type: ignore[union-attr]
    table.write_text("entities:\n" + "\n".join(reversed(rows)) + "\n", encoding="utf-8")
    compile_tables([table], out)  # the folder is replaced while the resolver uses it
    text = "Ławrow spotkał się z Blinkenem w Stambule."
    found = [(m.text, m.entity_id) for m in resolver.find(text, lang="pl")]
    assert found == [("Ławrow", "lavrov"), ("Blinkenem", "blinken"), ("Stambule", "istanbul")]


@pytest.mark.parametrize("max_tokens", [0, -3, 10**9, "2", None])
def test_a_tagger_file_with_a_bad_word_count_is_refused(tmp_path: Path, max_tokens: object) -> None:
    out = compile_tables([bundled_table_path()], tmp_path / "tok.nnidx")
    meta = json.loads((out / "tagger.json").read_text(encoding="utf-8"))
    meta["max_tokens"] = max_tokens
    (out / "tagger.json").write_text(json.dumps(meta), encoding="utf-8")
    index = json.loads((out / "meta.json").read_text(encoding="utf-8"))  # a crafted, consistent index
    index["files"]["tagger.json"] = [(out / "tagger.json").stat().st_size, file_digest(out / "tagger.json")]
    (out / "meta.json").write_text(json.dumps(index), encoding="utf-8")
    resolver = Resolver.load(out)
    with pytest.raises(NamenormError, match="max_tokens"):
        resolver.find("Ławrow w Moskwie.", lang="pl")


@pytest.mark.parametrize("verify", [True, False])
def test_a_symbolic_link_inside_an_index_is_refused(tmp_path: Path, verify: bool) -> None:
    out = compile_tables([bundled_table_path()], tmp_path / "link.nnidx")
    outside = tmp_path / "stems-copy.txt"
    outside.write_bytes((out / "stems.txt").read_bytes())
    (out / "stems.txt").unlink()
    (out / "stems.txt").symlink_to(outside)
    with pytest.raises(NamenormError, match="symbolic link"):
        Resolver.load(out, verify=verify)


def test_a_folder_with_a_users_meta_json_is_not_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "meta.json").write_text('{"mine": 1}', encoding="utf-8")
    with pytest.raises(NamenormError, match=r"a meta\.json namenorm did not write"):
        compile_tables([bundled_table_path()], folder)
    assert (folder / "meta.json").read_text(encoding="utf-8") == '{"mine": 1}'


def test_compiling_through_a_link_replaces_the_index_it_points_at(tmp_path: Path) -> None:
    real = compile_tables([bundled_table_path()], tmp_path / "real.nnidx")
    (tmp_path / "link").symlink_to(real)
    compile_tables([bundled_table_path()], tmp_path / "link")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real.nnidx"]
    assert (tmp_path / "link").is_symlink() and Resolver.load(tmp_path / "link").resolve("Moskwy", lang="pl")


def test_a_compiled_folder_keeps_the_mode_of_the_index_it_replaces(tmp_path: Path) -> None:
    import os
    import stat

    mask = os.umask(0o022)
    try:
        out = compile_tables([bundled_table_path()], tmp_path / "mode.nnidx")
        assert stat.S_IMODE(out.stat().st_mode) == 0o755  # as the umask lets a new folder be
        out.chmod(0o750)
        compile_tables([bundled_table_path()], out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o750
    finally:
        os.umask(mask)


def test_an_unverified_load_still_checks_the_tries_headers(tmp_path: Path) -> None:
    out = compile_tables([bundled_table_path()], tmp_path / "head.nnidx")
    with open(out / "tokens.marisa", "r+b") as fh:
        fh.write(b"X")
    with pytest.raises(NamenormError, match=r"tokens\.marisa is not a marisa trie"):
        Resolver.load(out, verify=False)


@pytest.mark.parametrize("name", ["tokens.marisa", "ptokens.marisa"])
def test_an_unverified_load_still_checks_the_vocabularies_it_reads_whole(tmp_path: Path, name: str) -> None:
    out = compile_tables([bundled_table_path()], tmp_path / "vocab.nnidx")
    data = bytearray((out / name).read_bytes())
    data[-5] ^= 0x40  # same size, same header: only the digest tells
    (out / name).write_bytes(bytes(data))
    with pytest.raises(NamenormError, match=rf"{name.replace('.', '[.]')} differs from its recorded digest"):
        Resolver.load(out, verify=False)


ENGLISH_PLACES = """entities:
  - id: us
    type: place
    label: United States
    names: {en: [United States, USA]}
  - id: de
    type: place
    label: Germany
    names: {en: [Germany]}
  - id: reporter
    type: person
    label: Anna Kowalska
    names: {pl: [Anna Kowalska]}
"""


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Il ministro ha parlato con gli Stati Uniti e con la Germania di nuove sanzioni.", "it"),
     ("Anna Kowalska pisze o sankcjach Stanów Zjednoczonych i Niemiec.", "pl"),
     ("Wybory w Stanach Zjednoczonych śledziła Anna Kowalska.", "pl")],
)  # fmt: skip
def test_a_compiled_index_tags_world_names_as_the_yaml_table_does(
    tmp_path: Path, text: str, lang: str
) -> None:
    table = tmp_path / "places.yaml"
    table.write_text(ENGLISH_PLACES, encoding="utf-8")
    loaded, compiled = Resolver.from_yaml(table), Resolver.compile([table], tmp_path / "places.nnidx")
    found = compiled.find(text, lang)
    assert found == loaded.find(text, lang)
    assert "translation" in [m.match.method.value for m in found]  # a place found by its world name
    assert compiled.tagger._first_words == loaded.tagger._first_words  # the tagger's run limits, compiled
    # without the gazetteer, a compiled index tags the table's own names only, as a YAML table does
    alone = Resolver.load(tmp_path / "places.nnidx", gazetteer=False).find(text, lang)
    assert alone == Resolver.from_yaml(table, gazetteer=False).find(text, lang)
    assert not [m for m in alone if m.match.method.value == "translation"]


def test_an_index_of_the_format_before_is_refused_with_compile_it_again(tmp_path: Path) -> None:
    out = compile_tables([TABLES / "minimal.yaml"], tmp_path / "t.nnidx")
    meta = json.loads((out / "meta.json").read_text())
    family, number = FORMAT.rsplit("-", 1)
    (out / "meta.json").write_text(json.dumps(meta | {"format": f"{family}-{int(number) - 1}"}))
    with pytest.raises(
        NamenormError, match=f"not a compiled namenorm index of format {FORMAT}: compile it again"
    ):
        Resolver.load(out)


ORGANISATIONS = """entities:
  - id: world-bank
    type: org
    label: World Bank
    names: {en: [World Bank]}
  - id: bank-of-italy
    type: org
    label: Bank of Italy
    names: {en: [Bank of Italy]}
"""


@pytest.mark.parametrize("gazetteer", [True, False])
def test_a_compiled_index_reads_organisations_by_meaning_as_the_yaml_table_does(
    tmp_path: Path, gazetteer: bool
) -> None:
    table = tmp_path / "orgs.yaml"
    table.write_text(ORGANISATIONS, encoding="utf-8")
    compile_tables([table], tmp_path / "orgs.nnidx")
    loaded = Resolver.from_yaml(table, gazetteer=gazetteer)
    compiled = Resolver.load(tmp_path / "orgs.nnidx", gazetteer=gazetteer)
    queries = [
        ("Banca Mondiale", "it"),
        ("Banku Światowego", "pl"),
        ("Banca d'Italia", "it"),
        ("Banku Włoch", "pl"),
    ]
    answers = [compiled.resolve(query, lang) for query, lang in queries]
    assert answers == [loaded.resolve(query, lang) for query, lang in queries]
    assert answers[0] is not None and answers[0].entity_id == "world-bank"  # by the meanings of its words
    text = "La Banca Mondiale e la Banca d'Italia hanno pubblicato i dati."
    assert compiled.find(text, "it") == loaded.find(text, "it")


@pytest.mark.parametrize(("in_memory", "decoded"), [(0, 0), (1 << 16, 0), (1 << 16, 1 << 15)])
def test_large_and_small_indexes_tag_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory: int, decoded: int
) -> None:
    # a small index reads its tagger keys and vocabularies into sets and decodes its hits at the start, a
    # middle one decodes hits when first asked for, a large one asks its mapped tries
    import namenorm.compiled as compiled_module

    monkeypatch.setattr(compiled_module, "IN_MEMORY_KEYS", in_memory)
    monkeypatch.setattr(compiled_module, "DECODED_HITS", decoded)
    table = tmp_path / "places.yaml"
    table.write_text(ENGLISH_PLACES, encoding="utf-8")
    loaded = Resolver.compile([table], tmp_path / "places.nnidx")
    assert isinstance(loaded.matcher.index.tokens, frozenset) == bool(in_memory)
    yaml = Resolver.from_yaml(table)
    for text, lang in [("Gli Stati Uniti e la Germania, scrive Anna Kowalska.", "it"),
                       ("Anna Kowalska o Stanach Zjednoczonych i Niemczech.", "pl")]:  # fmt: skip
        for _ in range(2):  # read from the trie, then from what was kept
            assert loaded.find(text, lang) == yaml.find(text, lang)
