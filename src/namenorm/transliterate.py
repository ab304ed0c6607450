"""Transliteration keys: one comparable spelling for a name however it was romanised.

A word goes through its writer's convention (``translit/pl.yaml``, ``it.yaml``, ``en.yaml``, ``de.yaml``,
``fr.yaml``, ``cs.yaml``, ``sl.yaml``; Cyrillic through ``cyrillic.yaml``), leftover diacritics are folded,
and ``pivot.yaml`` reduces what still differs. Keys are ASCII; upper-case letters stand for sounds
written with several letters (X kh, Z zh, S sh, C ch, Q shch, J dzh, T ts).

```pycon
>>> translit_key("Siergiej Ławrow", "pl") == translit_key("Sergey Lavrov", "en")
True
>>> translit_key("Chowajew", "pl"), translit_key("Khovaev", "en"), translit_key("Chovaev", "it")
('Xovaev', 'Xovaev', 'Xovaev')
>>> translit_key("Игорь Ховаев", "ru")
'igor Xovaev'

```
"""

from __future__ import annotations

__all__ = [
    "CONVENTIONS",
    "LATIN_READINGS",
    "SAME_AS",
    "Convention",
    "TranslitRule",
    "clear_caches",
    "convention_for",
    "is_latin",
    "load_convention",
    "name_words",
    "translit_key",
    "translit_word",
    "word_keyer",
    "words_key",
]  # fmt: skip

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from .errors import RuleError
from .normalize import clean, fold

LATIN_READINGS = ("anglo", "anglo_e", "anglo_ei", "anglo_bg", "german", "french")
"""Readings tried besides the writer's convention for a name written in the Latin alphabet: a name in a
Polish or Italian text often keeps its English or German spelling, which Cyrillic transcribes by its
sound. English a is read three ways, as Russian, Ukrainian and Bulgarian writers do (Hammond Хаммонд,
Cameron Кэмерон, Baker Бейкер); German by its own letter values (Heiko Хайко, Oettinger Эттингер)."""
CONVENTIONS = ("pl", "it", "en", "de", "fr", "cs", "sl", *LATIN_READINGS)
"""Latin-script conventions with a rule file; other Latin-script languages use the English one, except
those that write as a listed one does (``SAME_AS``). The ``LATIN_READINGS`` are no writer's."""
SAME_AS = {"sk": "cs", "hr": "sl", "bs": "sl", "sr": "sl"}
"""Languages whose writers romanise names as another's do: Slovak as Czech; Croatian, Bosnian and Serbian
(in the Latin alphabet) as Slovene."""
_CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
"""Letters of the Cyrillic blocks (the stdlib ``re`` runs this test three times as fast as ``regex``)."""
_SPLIT = regex.compile(r"[\s\-]+")
_CARONS = str.maketrans({"č": "C", "š": "S", "ž": "Z", "ř": "rZ", "ě": "ye", "ů": "u", "ǆ": "J"})
"""Letters with a caron (and ring) read as Czech, Slovak and Slovene write them, in every convention, as
the pivot's sound letters (C ch, S sh, Z zh, J dzh, Q shch: šč) that no convention rewrites: Šefčovič in a
Polish or English text is the Šefčovič of a Czech table and the Шефчович of a Russian one."""
_CARON = re.compile("[čšžřěůǆ]")
_Pattern = re.Pattern[str] | regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class TranslitRule:
    """One ordered rewrite of a convention: ``source`` (a regular expression, or plain text when
    ``literal``) becomes ``replacement``; a pattern with ``needs`` runs only on words containing one."""

    id: str
    source: str
    pattern: _Pattern
    replacement: str
    examples: tuple[tuple[str, str], ...]
    literal: bool = False
    needs: tuple[str, ...] = ()
    convention: str = ""
    """The file the rule is written in (a variant reading holds the rules of the one it extends)."""

    def apply(self, word: str) -> str:
        if self.literal:
            return word.replace(self.source, self.replacement) if self.source in word else word
        if self.needs and not any(part in word for part in self.needs):
            return word
        return self.pattern.sub(self.replacement, word)


@dataclass(frozen=True, slots=True)
class Convention:
    """The ordered rules of one spelling convention.

    The rules are also compiled into one Python function (``apply``) that tests and rewrites the word rule
    after rule with no call per rule: a word goes through every convention and the pivot, and this is the
    innermost loop of transliteration matching. It does exactly what applying the rules in turn does.
    """

    name: str
    rules: tuple[TranslitRule, ...]
    examples_lang: str = "en"
    """The language the right-hand spellings of the examples are written in (``bg`` for Bulgarian ъ)."""
    apply: Callable[[str], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        namespace: dict[str, Any] = {}
        lines = ["def apply(word):"]
        for number, rule in enumerate(self.rules):
            if rule.literal:
                test = f"{rule.source!r} in word"
                rewrite = f"word.replace({rule.source!r}, {rule.replacement!r})"
            else:
                namespace[f"p{number}"] = rule.pattern
                needs = " or ".join(f"{part!r} in word" for part in rule.needs)
                # a search that finds nothing costs half a sub that changes nothing, and most find nothing
                test = f"({needs}) and p{number}.search(word)" if needs else f"p{number}.search(word)"
                rewrite = f"p{number}.sub({rule.replacement!r}, word)"
            lines.append(f"    if {test}:  # {rule.id!r}\n        word = {rewrite}")
        lines.append("    return word")
        exec("\n".join(lines), namespace)  # the source is built from the rules' repr()s above
        object.__setattr__(self, "apply", namespace["apply"])


def _compile(source: str) -> _Pattern:
    """The stdlib ``re`` runs these short patterns about twice as fast as ``regex``; a pattern that only
    ``regex`` understands (``\\p{L}`` and the like) is compiled by ``regex``."""
    try:
        return re.compile(source)
    except re.error:
        return regex.compile(source)


def _rule(name: str, item: dict[str, Any]) -> TranslitRule:
    try:
        pattern = _compile(item["from"])
    except (KeyError, regex.error) as exc:
        raise RuleError(f"translit/{name}.yaml rule {item.get('id', '?')}: bad pattern: {exc}") from exc
    examples = tuple((str(a), str(b)) for a, b in item.get("examples", []))
    source = str(item["from"])
    literal = regex.escape(source, literal_spaces=True) == source
    needs = tuple(str(part) for part in item.get("needs", ()))
    return TranslitRule(item["id"], source, pattern, str(item["to"]), examples, literal, needs, name)


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (the same types as ``yaml.safe_load``, five times faster)."""


def _read(name: str) -> Any:
    path = resources.files("namenorm") / "translit" / f"{name}.yaml"
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"translit/{name}.yaml: {exc}") from exc


@cache
def load_convention(name: str) -> Convention:
    """The rules of ``translit/<name>.yaml`` (``pl``, ``it``, ``en``, ``de``, ``fr`` or ``pivot``)."""
    data = _read(name)
    rules = [_rule(name, item) for item in data.get("before") or []]
    if "extends" in data:  # a variant reading: its "before" rules, the rules it extends, its own
        rules += load_convention(str(data["extends"])).rules
    rules += [_rule(name, item) for item in data.get("rules") or []]
    return Convention(name, tuple(rules), str(data.get("examples_lang", "en")))


@cache
def _cyrillic() -> dict[str, Any]:
    data: dict[str, Any] = _read("cyrillic")["languages"]
    return data


@cache
def _cyrillic_table(lang: str) -> dict[int, str]:
    tables = _cyrillic()
    letters = dict(tables["ru"]["letters"])
    letters.update(tables.get(lang, {}).get("letters", {}))
    return str.maketrans(letters)


def _cyrillic_lang(word: str, lang: str | None) -> str:
    if lang in _cyrillic():
        return lang
    for code, table in _cyrillic().items():
        if any(ch in word for ch in table.get("detect", "")):
            return str(code)
    return "ru"


def convention_for(lang: str | None) -> str:
    """The Latin-script convention used for names written in ``lang``.

    ```pycon
    >>> convention_for("pl"), convention_for("sk"), convention_for("es")
    ('pl', 'cs', 'en')

    ```
    """
    lang = SAME_AS.get(lang or "", lang)
    return lang if lang in CONVENTIONS else "en"


_ROMAN = re.compile("x{0,3}(?:ix|iv|v?i{0,3})")
"""A Roman numeral up to 39 (i, ii, iv, xvi), as names number rulers, popes and projects."""
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def _roman_value(numeral: str) -> int:
    """The value of a Roman numeral of i, v and x.

    ```pycon
    >>> _roman_value("xiv"), _roman_value("ii"), _roman_value("xvi")
    (14, 2, 16)

    ```
    """
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


@lru_cache(maxsize=1 << 16)
def translit_word(word: str, lang: str | None) -> str:
    """The pivot key of one cleaned word written by a ``lang`` writer (Cyrillic is recognised by script).

    ```pycon
    >>> translit_word("gorbaczow", "pl"), translit_word("gorbačëv", "it"), translit_word("gorbachev", "en")
    ('gorbaCev', 'gorbaCev', 'gorbaCev')

    ```
    """
    if word and _ROMAN.fullmatch(word):
        return str(_roman_value(word))  # Nord Stream II is Nord Stream 2, never Nord Stream I
    if _CYRILLIC.search(word):
        word = word.translate(_cyrillic_table(_cyrillic_lang(word, lang)))
    else:
        if _CARON.search(word):
            word = word.replace("šč", "Q").replace("dž", "J").translate(_CARONS)
        word = load_convention(convention_for(lang)).apply(word)
    word = fold(word).replace(" ", "")
    return load_convention("pivot").apply(word)


@cache
def word_keyer(lang: str | None) -> Callable[[str], str]:
    """:func:`translit_word` for one writer's language as a one-argument function, sharing its cache (a
    ``functools.partial`` with ``lang=`` would not: the cache tells keyword from positional arguments).

    ```pycon
    >>> word_keyer("pl")("ławrow")
    'laurov'

    ```
    """

    def key(word: str) -> str:
        return translit_word(word, lang)

    return key


def is_latin(text: str) -> bool:
    """``text`` has no Cyrillic letter (a Latin-script name, or digits and punctuation)."""
    return _CYRILLIC.search(text) is None


def translit_key(text: str, lang: str | None) -> str:
    """The pivot key of a whole name: words (split at spaces and hyphens) keyed one by one."""
    return words_key(name_words(text), lang)


def name_words(text: str) -> list[str]:
    """The cleaned words of a name that :func:`translit_key` keys (split at spaces and hyphens)."""
    return [w for w in _SPLIT.split(clean(text)) if w]


def words_key(words: list[str], lang: str | None) -> str:
    """The pivot key of a name's cleaned words (:func:`name_words`) written by a ``lang`` writer."""
    keys = [translit_word(w, lang) for w in words]
    return " ".join(k for k in keys if k)


def clear_caches() -> None:
    """Forget the conventions read and the keys remembered."""
    for memo in (translit_word, word_keyer, load_convention, _cyrillic, _cyrillic_table):
        memo.cache_clear()
