"""Tables compiled on first use into the user cache (namenorm.compiled.cached_index): the bundled tables
always, from_yaml(cache=True) on request."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from conftest import TABLES
from namenorm import Resolver, TableWarning
from namenorm import compiled as compiled_module
from namenorm.compiled import CACHE_ENV, cache_folder, cached_index
from namenorm.resolver import bundled_table_path, clear_caches

TEXTS = [("Siergiej Ławrow spotkał się z Blinkenem w Stambule.", "pl"),
         ("Il ministro degli Esteri russo Lavrov è arrivato ad Ankara.", "it"),
         ("Khovaev met the Armenian delegation in Yerevan.", "en")]  # fmt: skip


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_a_table_is_compiled_once_and_answers_as_its_yaml(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [str(bundled_table_path())]
    first = Resolver.from_yaml(paths, strict=True, cache=True)
    (made,) = cache.iterdir()
    calls: list[object] = []
    monkeypatch.setattr(compiled_module, "_write", lambda *args: calls.append(args))
    again = Resolver.from_yaml(paths, strict=True, cache=True)
    assert calls == [] and list(cache.iterdir()) == [made]  # loaded, not compiled again
    yaml = Resolver.from_yaml(paths, strict=True)
    for text, lang in TEXTS:
        assert again.find(text, lang) == first.find(text, lang) == yaml.find(text, lang)
    for name, lang in [("Chowajewem", "pl"), ("Górskim Karabachu", "pl"), ("Stati Uniti", "it")]:
        assert again.candidates(name, lang) == yaml.candidates(name, lang)
    assert again._table is None  # nothing read the YAML


def test_a_changed_table_gets_its_own_index(cache: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text((TABLES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = cached_index([table], strict=False)
    with open(table, "a", encoding="utf-8") as fh:
        fh.write("  - {id: new-place, type: place, label: Nowhereville, names: {en: [Nowhereville]}}\n")
    second = cached_index([table], strict=False)
    assert first != second and first is not None and second is not None
    assert Resolver.from_yaml(table, cache=True).resolve("Nowhereville") is not None


def test_two_processes_compiling_at_once_both_get_an_index(cache: Path) -> None:
    code = (
        "import sys; from namenorm import Resolver; "
        "r = Resolver.bundled(); print(r.resolve('Chowajewem', 'pl').entity_id)"
    )
    env = {**os.environ, CACHE_ENV: str(cache)}
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env) for _ in range(3)]
    assert [run.communicate()[0].decode().strip() for run in runs] == ["igor-khovaev"] * 3
    assert [p.name.endswith(".nnidx") for p in cache.iterdir()] == [True]  # one index, no leftovers


def test_a_damaged_cached_index_is_compiled_again(cache: Path) -> None:
    paths = [str(bundled_table_path())]
    folder = cached_index(paths, strict=True)
    assert folder is not None
    data = (folder / "names.marisa").read_bytes()
    (folder / "names.marisa").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    resolver = Resolver.from_yaml(paths, strict=True, cache=True)
    assert resolver.resolve("Chowajewem", "pl").entity_id == "igor-khovaev"  # type: ignore[union-attr]
    assert (folder / "names.marisa").read_bytes() == data


def test_the_cache_can_be_turned_off_and_an_unwritable_one_is_passed_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder() is None and cached_index([bundled_table_path()], strict=True) is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cached_index([bundled_table_path()], strict=True) is None
    assert Resolver.from_yaml(bundled_table_path(), cache=True).resolve("Chowajewem", "pl") is not None


def test_a_cached_table_warns_of_shared_names_each_time_it_is_loaded(cache: Path) -> None:
    path = TABLES / "shared_name.yaml"
    said = []
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TableWarning)
            Resolver.from_yaml(path, cache=True)
        said.append([str(w.message) for w in caught])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TableWarning)
        Resolver.from_yaml(path)
    assert said[0] == said[1] == [str(w.message) for w in caught] != []


def test_the_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "namenorm"


def test_a_cached_resolver_unpickles_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = TABLES / "minimal.yaml"
    sent = pickle.dumps(Resolver.from_yaml(table, cache=True))
    clear_caches()
    calls: list[object] = []
    monkeypatch.setattr(compiled_module, "_write", lambda *args: calls.append(args))
    back = pickle.loads(sent)
    assert calls == [] and back._table is None  # loaded from the cached index, not from the YAML
    assert [m.entity_id for m in back.find("Sergey Lavrov landed.", "en")] == ["sergey-lavrov"]


def test_the_command_line_caches_a_table_when_asked(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from namenorm.cli import main

    path = str(TABLES / "shared_name.yaml")
    for _ in range(2):
        assert main(["resolve", "--aliases", path, "--cache", "Sergey Lavrov"]) in (0, 1)
        assert "names are shared by two entities" in capsys.readouterr().err  # said again from the cache
    assert len(list(cache.iterdir())) == 1
    assert main(["resolve", "--aliases", str(TABLES / "minimal.yaml"), "Sergey Lavrov"]) == 0
    assert len(list(cache.iterdir())) == 1  # without --cache, the YAML is read
