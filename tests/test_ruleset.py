"""Every example written in a rule file is checked: the rule offers the base form of its inflected example."""

from __future__ import annotations

import functools

import pytest

from conftest import ROOT, read_tsv
from namenorm.errors import RuleError
from namenorm.morph import analyse
from namenorm.normalize import normalize
from namenorm.ruleset import available_languages, load_rules, parse_rules, read_rules

EXAMPLES = [(lang, *example) for lang in available_languages() for example in load_rules(lang).all_examples()]


def test_bundled_languages() -> None:
    assert set(available_languages()) >= {"pl", "it", "en"}


@pytest.mark.parametrize(("lang", "rule", "inflected", "base"), EXAMPLES, ids=lambda v: str(v))
def test_rule_example(lang: str, rule: str, inflected: str, base: str) -> None:
    variants = analyse(inflected, lang)
    found = [v for v in variants if normalize(v.text) == normalize(base)]
    assert found, f"{rule}: {inflected} -> {base} not among {[v.text for v in variants]}"
    if normalize(inflected) != normalize(base):
        assert any(rule in v.rules for v in found), f"{rule} did not fire: {[v.rules for v in found]}"


def test_unknown_language_has_no_rules() -> None:
    assert [v.text for v in analyse("Chowajewem", "de")] == ["chowajewem"]


def test_analyser_remembers_words_without_changing_readings() -> None:
    from namenorm.morph import Analyser
    from namenorm.transliterate import translit_word

    known = {"siergiej", "lawrow", "moskwa", "sergei", "laurov"}.__contains__
    keyer = functools.partial(translit_word, lang="pl")
    for analyser, args in ((Analyser(known), (known,)), (Analyser(known, keyer), (known, keyer))):
        for name in ("Siergieja Ławrowa", "Moskwie", "Ławrowowi", "Siergieja Ławrowa", "Moskwie"):
            assert analyser.analyse(name, "pl") == analyse(name, "pl", *args)
    assert "sergei laurov" in [v.key for v in analyser.analyse("Siergieja Ławrowa", "pl")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"language": "xx", "common_words": "Po po"}, "common_words must be lower-case"),
        ({"language": "xx", "titles": ["Sen"]}, "titles must be lower-case"),
        ({"language": "xx", "designators": 3}, "designators must be lower-case"),
        ({"language": "xx", "given_names": "Anna"}, "given_names must be lower-case"),
        ({"language": "xx", "adjective_endings": ["EJ"]}, "adjective_endings must be lower-case"),
        ({"language": "xx", "nested_after_head": "yes"}, "nested_after_head must be true or false"),
        (
            {"language": "xx", "generation": {"paradigms": [{"id": "p", "match": ["a"], "role": "verb"}]}},
            "role must be 'noun' or 'adjective'",
        ),
        ({"language": "xx", "generation": {"acronym_endings": {"ablative": "-u"}}}, "acronym_endings"),
    ],
)
def test_bad_word_lists_and_generation_fields(data: dict[str, object], message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rules(data, "rules/xx.yaml")


def test_word_lists_are_read() -> None:
    rules = parse_rules(
        {"language": "xx", "common_words": "ja ty\n on", "titles": ["pan"], "designators": "corp"}, "x"
    )
    assert rules.common_words == frozenset({"ja", "ty", "on"})
    assert rules.titles == frozenset({"pan"}) and rules.designators == frozenset({"corp"})


@pytest.mark.parametrize(
    ("word", "lang", "given"),
    [("Anna", "pl", True), ("Donalda", "pl", True), ("Asię", "pl", True), ("Giuseppe", "it", True),
     ("Hunter", "en", True), ("Borysa", "pl", True), ("Kowalski", "pl", False), ("Biden", "en", False),
     ("Will", "en", False), ("Roma", "it", False)],
)  # fmt: skip
def test_given_names_are_read_in_their_case_forms(word: str, lang: str, given: bool) -> None:
    from namenorm.commonwords import is_given_name

    assert is_given_name(word, lang) is given


def test_polish_nested_names_and_adjectives_are_rule_data() -> None:
    from namenorm.ruleset import load_rules

    rules = load_rules("pl")
    assert rules.nested_cases == frozenset({"gen"})
    for adjective in ("Północnej", "Południowa", "Zachodnim", "Łacińskiej", "Wielkiego"):
        assert adjective.lower().endswith(tuple(rules.adjective_endings)), adjective
    for noun in ("Macron", "Tusk", "Kristersson", "May"):
        assert not noun.lower().endswith(tuple(rules.adjective_endings)), noun
    assert load_rules("en").adjective_endings == frozenset()  # English: any capitalised word continues


BAD_RULES = read_tsv("bad_rules.tsv")


@pytest.mark.parametrize("case", BAD_RULES, ids=lambda c: c["file"])
def test_broken_rule_file_names_file_and_line(case: dict[str, str]) -> None:
    path = ROOT / "tests" / "rules" / case["file"]
    with pytest.raises(RuleError) as info:
        read_rules(path.read_text(encoding="utf-8"), case["file"])
    message = str(info.value)
    assert message.startswith(f"{case['file']}:{case['line']}"), message
    assert case["message"] in message
