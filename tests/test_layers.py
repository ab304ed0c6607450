"""The package's modules import one another one way: no module imports, even inside a function, a module
that imports it back (table -> indexes -> matcher -> tagger -> compiled -> resolver -> cli, spacy)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter

from conftest import ROOT

PACKAGE = ROOT / "src" / "namenorm"


def _imports(path: str) -> set[str]:
    """The namenorm modules a module imports (relative imports, anywhere in the file)."""
    tree = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    return {p.stem: _imports(p.name) for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}


def test_imports_form_no_cycle() -> None:
    try:
        order = list(TopologicalSorter(graph()).static_order())
    except CycleError as exc:
        raise AssertionError(f"modules import each other in a circle: {exc.args[1]}") from exc
    for lower, upper in [("table", "matcher"), ("matcher", "tagger"), ("tagger", "compiled"),
                         ("compiled", "resolver"), ("resolver", "cli"), ("resolver", "spacy")]:  # fmt: skip
        assert order.index(lower) < order.index(upper)


def test_the_facade_is_imported_by_no_building_block() -> None:
    users = {module for module, imported in graph().items() if "resolver" in imported}
    assert users <= {"cli", "spacy"}, users  # the command line and the spaCy component sit on top


def test_the_writer_uses_only_public_names_and_the_rules_sit_below_their_readers() -> None:
    tree = ast.parse((PACKAGE / "build.py").read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert private == []
    assert not graph()["build"] & {
        "matcher",
        "tagger",
        "phonetic",
        "index",
    }  # it sits below the query modules
    # the indexing rules (namenorm.keys) are read by both index writers, and import neither
    assert not {"index", "phonetic", "matcher", "tagger", "table", "build", "compiled"} & graph()["keys"]
    assert "keys" in graph()["build"] and "keys" in graph()["index"] and "keys" in graph()["phonetic"]
