from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TABLES, read_tsv
from namenorm import Method, Resolver
from namenorm.transliterate import CONVENTIONS, _cyrillic, load_convention, translit_key

RESOLVER = Resolver.from_yaml(TABLES / "english_only.yaml", strict=True)
CASES = read_tsv("transliteration.tsv")
RULE_EXAMPLES = [
    (name, rule.id, a, b)
    for name in (*CONVENTIONS, "pivot")
    for rule in load_convention(name).rules
    for a, b in rule.examples
]
CYRILLIC_EXAMPLES = [
    (lang, a, b) for lang, table in _cyrillic().items() for a, b in table.get("examples", [])
]


@pytest.mark.parametrize(("convention", "rule", "written", "english"), RULE_EXAMPLES, ids=str)
def test_every_rule_example_meets_its_english_spelling(
    convention: str, rule: str, written: str, english: str
) -> None:
    lang = "en" if convention == "pivot" else convention
    assert translit_key(written, lang) == translit_key(english, "en")


@pytest.mark.parametrize(("lang", "cyrillic", "english"), CYRILLIC_EXAMPLES, ids=str)
def test_cyrillic_examples(lang: str, cyrillic: str, english: str) -> None:
    key, target = translit_key(cyrillic, lang), translit_key(english, "en")
    one_letter_off = len(key) == len(target) and sum(a != b for a, b in zip(key, target, strict=True)) == 1
    assert key == target or one_letter_off  # Belarusian -a for Russian -o (Lukashenka) stays one letter off


def test_cyrillic_language_is_detected_from_letters() -> None:
    assert translit_key("Ігор", None) == translit_key("Ihor", "en") == translit_key("Igor", "en")


@given(st.text(max_size=60), st.sampled_from([*CONVENTIONS, "ru", "uk", None]))
def test_keys_are_ascii(text: str, lang: str | None) -> None:
    assert translit_key(text, lang).isascii()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}:{c['query']}")
def test_english_only_table(case: dict[str, str]) -> None:
    match = RESOLVER.resolve(case["query"], lang=case["lang"])
    assert (match.entity_id if match else "-") == case["expected"]
    if match is not None and case["method"]:
        assert match.method == Method(case["method"])


def test_match_trail_names_the_convention_and_rules() -> None:
    match = RESOLVER.resolve("Dmitrija Miedwiediewa", lang="pl")
    assert match is not None
    assert match.trail[-1] == "translit:pl" and "m-gen-a" in match.trail
    assert match.matched == "Dmitry Medvedev"


def test_same_key_for_two_entities_is_ambiguous() -> None:
    found = RESOLVER.candidates("Siergiej Iwanow", lang="pl")
    assert {m.entity_id for m in found} == {"sergei-ivanov-politician", "sergey-ivanov-footballer"}
    assert found[0].score == found[1].score
