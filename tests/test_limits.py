"""Input limits: every index stays linear in its input, whatever a table or a text holds."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import namenorm
from conftest import TABLES
from namenorm import NamenormError, Resolver
from namenorm.fuzzy import MAX_FUZZY_LENGTH, DeletionIndex
from namenorm.table import MAX_NAME_CHARS, check_tables
from namenorm.tagger import _MAX_SCANS, _Document


def test_typo_index_holds_no_key_longer_than_the_limit() -> None:
    at_limit, beyond = "a" * MAX_FUZZY_LENGTH, "a" * (MAX_FUZZY_LENGTH + 1)
    assert {key for _, key in DeletionIndex.pairs([at_limit, beyond])} == {at_limit}

    def key(length: int, middle: str) -> str:
        return "a" * (length // 2) + middle + "a" * (length - length // 2 - 1)

    index = DeletionIndex([key(MAX_FUZZY_LENGTH, "b"), key(MAX_FUZZY_LENGTH + 1, "b")])
    assert index.near(key(MAX_FUZZY_LENGTH, "c")) == [key(MAX_FUZZY_LENGTH, "b")]
    assert index.near(key(MAX_FUZZY_LENGTH + 1, "c")) == []


def test_a_name_at_the_length_limit_is_valid_and_resolves(tmp_path: object) -> None:
    from pathlib import Path

    name = ("Wielka Brytania " * 30)[: MAX_NAME_CHARS - 1] + "a"
    assert len(name) == MAX_NAME_CHARS
    table = Path(str(tmp_path)) / "long.yaml"
    table.write_text(
        f"entities:\n  - id: long\n    type: org\n    label: Long\n    names:\n      en: [{name}]\n",
        encoding="utf-8",
    )
    assert check_tables([table]) == []
    assert Resolver.from_yaml(table).resolve(name, "en").entity_id == "long"  # type: ignore[union-attr]
    table.write_text(table.read_text(encoding="utf-8").replace(name, name + "x"), encoding="utf-8")
    assert [i.message for i in check_tables([table])] == [
        f"name (en) is {MAX_NAME_CHARS + 1} characters long; the limit is {MAX_NAME_CHARS}"
    ]


def _scan(text: str, word: str) -> bool:
    """The plain definition: ``word`` somewhere with no letter or digit on either side."""
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


WORDS = st.text(alphabet="abcąXY1", min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", "-", ". ", "'", "ą"])), max_size=40), st.lists(WORDS))
def test_standalone_words_past_the_scan_budget_answer_as_a_scan_would(
    pieces: list[tuple[str, str]], asked: list[str]
) -> None:
    text = "".join(word + sep for word, sep in pieces)
    doc = _Document(text, "pl", None)
    for word in [f"w{n}" for n in range(_MAX_SCANS)] + asked:  # spend the budget, then use the word set
        assert doc._occurs(word) == _scan(text, word), word
    assert doc._runs is not None or not asked


def test_many_distinct_sentence_starts_are_still_read_as_common_words() -> None:
    # 40 capitalised sentence-initial words (far past the scan budget), each also written in lower case
    # further on: every one is a common word, never a name
    words = [f"Kot{chr(0x61 + n % 26)}{chr(0x61 + n // 26)}" for n in range(40)]
    text = " ".join(f"{w} śpi." for w in words) + " " + " ".join(w.lower() for w in words) + "."
    doc = _Document(text, "pl", None)
    assert all(doc.common((text.index(w), text.index(w) + len(w))) for w in words)
    assert doc._runs is not None


def test_the_minimal_table_tags_nothing_in_random_capitals() -> None:
    resolver = Resolver.from_yaml(TABLES / "minimal.yaml")
    text = ". ".join(f"Zzq{n} Yyq{n}" for n in range(300))
    assert resolver.find(text, "pl") == []


API_MISUSES = {
    "from_yaml(None)": lambda: Resolver.from_yaml(None),  # type: ignore[arg-type]
    "from_yaml([3])": lambda: Resolver.from_yaml([3]),  # type: ignore[list-item]
    "load(None)": lambda: Resolver.load(None),  # type: ignore[arg-type]
    "load('')": lambda: Resolver.load(""),
    "normalize(None)": lambda: namenorm.normalize(None),  # type: ignore[arg-type]
    "resolve_many(None)": lambda: namenorm.default_resolver().resolve_many(None),  # type: ignore[arg-type]
    "resolve_many('Moskwa')": lambda: namenorm.default_resolver().resolve_many("Moskwa"),
    "resolve_many([None])": lambda: namenorm.default_resolver().resolve_many([None]),  # type: ignore[list-item]
    "resolve_many([[1]])": lambda: namenorm.default_resolver().resolve_many([["x"]]),  # type: ignore[list-item]
    "inflect(lang=['pl'])": lambda: namenorm.inflect("Moskwa", "gen", lang=["pl"]),  # type: ignore[arg-type]
    "inflect(lang='xx')": lambda: namenorm.inflect("Moskwa", "gen", lang="xx"),
    "inflections(lang=None)": lambda: namenorm.inflections("Moskwa", "gen", lang=None),  # type: ignore[arg-type]
    "load_table(None)": lambda: namenorm.load_table(None),  # type: ignore[arg-type]
    "check_tables(7)": lambda: namenorm.check_tables(7),  # type: ignore[arg-type]
    "find(b'...')": lambda: namenorm.find(b"Moskwa"),  # type: ignore[arg-type]
    "explain(None)": lambda: namenorm.explain(None),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", API_MISUSES.values(), ids=API_MISUSES.keys())
def test_api_misuse_is_a_namenorm_error_not_a_type_error(call: Callable[[], object]) -> None:
    with pytest.raises(NamenormError):
        call()


def test_every_cache_is_bounded() -> None:
    """Memory stays bounded over any stream of queries: every memo has a size limit, except those keyed
    by a language code or a rule file (a finite set) or by nothing."""
    import functools
    import importlib
    import pkgutil

    keyed_by_language = {
        "_clitics", "_words", "load_rules", "available_languages", "_foreign_articles", "_prepositions",
        "word_keyer", "load_convention", "_cyrillic", "_cyrillic_table", "_given_prefixes", "_data",
        "meaning_prefixes", "_stems", "_raw", "demonym_entities",  # the last two take no argument: one entry
    }  # fmt: skip
    unbounded = []
    for info in pkgutil.iter_modules(namenorm.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"namenorm.{info.name}")
        for name, value in vars(module).items():
            memo = isinstance(value, functools._lru_cache_wrapper)
            if memo and value.cache_parameters()["maxsize"] is None and name not in keyed_by_language:
                unbounded.append(f"{info.name}.{name}")
    assert unbounded == []


@pytest.fixture
def resolver_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The runs the tagger asks the resolver to read, in order (filled as texts are tagged)."""
    from namenorm import tagger

    calls: list[str] = []
    original = tagger.Tagger._resolve

    def counted(self: tagger.Tagger, span: str, lang: str | None, near: bool = True) -> object:
        calls.append(span)
        return original(self, span, lang, near)

    monkeypatch.setattr(tagger.Tagger, "_resolve", counted)
    return calls


def test_a_wall_of_names_spends_a_bounded_number_of_resolver_reads(resolver_reads: list[str]) -> None:
    """The resolver reads a text's capitalised runs at most once per CHARS_PER_READ characters: the work on
    a wall of names grows with its length, and the reading says it was limited; news is not."""
    from namenorm import tagger

    resolver = namenorm.default_resolver()
    calls = resolver_reads
    words = "Ławrowem Stambule Chowajewa Moskwie Erywaniu Karabachu Putinem Kijowa Zełenskiego Baku"
    wall = " ".join(words.split()[k % 10] + ("" if k % 3 else "ą") for k in range(6000))
    reading = resolver.read(wall, "pl")
    assert reading.limited
    assert len(calls) == max(tagger.MIN_READS, len(wall) // tagger.CHARS_PER_READ)
    assert "Stambule" in {m.text for m in reading.mentions}  # names as listed are still found
    news = "Siergiej Ławrow spotkał się w Stambule z Antonym Blinkenem. Rozmawiali o Górskim Karabachu."
    assert not resolver.read(news, "pl").limited


def test_a_run_read_as_one_name_stops_at_a_word_no_table_word_begins_like(resolver_reads: list[str]) -> None:
    resolver = namenorm.default_resolver()
    calls = resolver_reads
    resolver.read("Wczoraj w Banku Qwxzy Zyxwq Światowego rozmawiano.", "pl")  # bank: any length
    assert calls and not [span for span in calls if "Qwxzy" in span]
    # an initial continues the run: tests/test_resolver.py::test_middle_initials_are_left_out_for_people
