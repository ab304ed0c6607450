"""Load a language's rule file into a :class:`RuleSet` (the same shape for every language).

A rule file may have ``prefixes`` and ``suffixes`` (clitics removed once from the whole name), ``endings``
(per-word inflection rules), ``stem_rules`` (``soft`` and ``mobile_e``), ``generation`` (paradigms for
:func:`namenorm.inflect`), and three word lists for the tagger: ``common_words`` (frequent word forms,
never a near miss of a name), ``titles`` (words written before a person's name) and ``designators``
(words that end a company's name). Adding a language is adding ``rules/<code>.yaml``.

```pycon
>>> rules = load_rules("it")
>>> rules.language, rules.prefixes[0].id
('it', 'it-elided-article')

```
"""

from __future__ import annotations

__all__ = [
    "Affix",
    "Ending",
    "Example",
    "Generation",
    "MobileE",
    "Nasal",
    "Paradigm",
    "RuleSet",
    "SoftStem",
    "available_languages",
    "clear_caches",
    "load_rules",
    "parse_rules",
    "read_rules",
]

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import RuleError
from .normalize import clean

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Located(dict):  # type: ignore[type-arg]
    """A mapping of a rule file that remembers the line it starts on (for error messages)."""

    line = 0


class _Loader(_BASE):  # type: ignore[misc]
    """libyaml's safe loader when the yaml package has it (the rule files load in a tenth of the time);
    mappings come back as :class:`_Located` with their line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Located:
        mapping = _Located(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


class _LocatedText(str):
    """A text of a rule file that remembers its line."""

    line = 0


def _located_text(loader: _Loader, node: yaml.ScalarNode) -> _LocatedText:
    text = _LocatedText(loader.construct_scalar(node))
    text.line = node.start_mark.line + 1
    return text


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:str", _located_text)
Example = tuple[str, str]
CASE_NAMES = ("gen", "dat", "acc", "ins", "loc", "voc")


@dataclass(frozen=True, slots=True)
class Affix:
    """Clitics removed once from the start (prefixes) or end (suffixes) of a whole name."""

    id: str
    forms: tuple[str, ...]
    score: float
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Ending:
    """A per-word rule: a word ending in ``ending`` may have a base form ending in any of ``to``."""

    id: str
    ending: str
    to: tuple[str, ...]
    min_stem: int
    score: float
    examples: tuple[Example, ...]
    after_consonant: bool = False


@dataclass(frozen=True, slots=True)
class SoftStem:
    """Soft consonants written with i before a vowel: stem ``...ni`` is base ``...ń``."""

    id: str
    map: tuple[tuple[str, str], ...]
    score: float
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Nasal:
    """ą of a base form's last syllable written ę before an ending: stem ``urzęd`` is base ``urząd``."""

    id: str
    score: float
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class MobileE:
    """A base form's last e drops before an ending; put back before a final consonant in ``before``."""

    id: str
    before: frozenset[str]
    score: float
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Paradigm:
    """How to decline a word ending in one of ``match``: remove ``strip`` letters, add the case ending."""

    id: str
    match: tuple[str, ...]
    genders: frozenset[str]
    strip: int
    forms: tuple[tuple[str, str], ...]
    examples: tuple[tuple[str, str, str], ...]
    plural: bool = False
    role: str = "noun"
    """``noun`` or ``adjective``: which words of a name the paradigm declines."""
    person: bool = False
    """Only for people's names (Mike'a, Tony'ego)."""
    single: bool = False
    """Only for one-word names (Chiny -> Chin; Stany Zjednoczone -> Stanów Zjednoczonych)."""

    def form(self, case: str) -> str | None:
        """The ending for ``case`` (``gen``, ``acc_inanimate``...), or None when not given."""
        return dict(self.forms).get(case)


@dataclass(frozen=True, slots=True)
class Generation:
    """Paradigms for :func:`namenorm.inflect`; ``indeclinable`` languages keep names as they are."""

    indeclinable: bool = False
    soften: tuple[tuple[str, str], ...] = ()
    paradigms: tuple[Paradigm, ...] = ()
    alternation: tuple[tuple[str, str], ...] = ()
    """A declined noun's last vowel before its final consonant, as written in the other cases (ó -> o)."""
    genitive_a: tuple[str, ...] = ()
    """Endings of inanimate nouns whose genitive is -a (Kraków -> Krakowa), not the paradigm's -u."""
    acronym_endings: tuple[tuple[str, str], ...] = ()
    """Case endings of an acronym written in mixed case (PiS -> PiS-u), by case."""
    prepositions: tuple[str, ...] = ()
    """Words after which a name's words stay as written (Frankfurt nad Menem, lotnisko w Modlinie)."""
    foreign_articles: tuple[str, ...] = ()
    """Capitalised words of other languages that open a name that stays as written (San Marino, Los
    Angeles, La Paz)."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules of one language, endings sorted longest first."""

    language: str
    prefixes: tuple[Affix, ...] = ()
    suffixes: tuple[Affix, ...] = ()
    endings: tuple[Ending, ...] = ()
    soft: SoftStem | None = None
    mobile_e: MobileE | None = None
    nasal: Nasal | None = None
    generation: Generation | None = None
    common_words: frozenset[str] = frozenset()
    """The language's most frequent word forms, lower case (never a near miss of a name)."""
    titles: frozenset[str] = frozenset()
    """Words written before a person's name (president, gen): no contradicting given name."""
    designators: frozenset[str] = frozenset()
    """Words that end a company's name (corp, inc, ltd): an acronym after one belongs to the company."""
    qualifiers: frozenset[str] = frozenset()
    """Words that, capitalised before a place's name, make another place's (New Mexico, Nowy Meksyk)."""
    given_names: frozenset[str] = frozenset()
    """Given names (nominative, lower case): next to a surname they name a person of their own."""
    adjective_endings: frozenset[str] = frozenset()
    """Endings of adjectives that follow a noun inside a name (Macedonii Północnej): when given, only a
    capitalised word after a name that ends so continues it; other words start a name of their own."""
    nested_after_head: bool = False
    """A name nested in a longer one follows the longer name's head word (Polish Bank Francji, Italian
    Forza Italia): a capitalised word before a table name makes a longer name. When False (English
    Japanese Toyota, the Boeing board), a capitalised word before a name is its modifier."""
    nested_cases: frozenset[str] = frozenset()
    """The cases a name stands in when a longer name holds it after its head (Bank Francji:
    genitive); when given, a name in another case after a capitalised word is its own."""
    head_words: frozenset[str] = frozenset()
    """Words that end a longer name after its modifiers (flight): a place's or an organisation's name
    before capitalised words that reach one modifies that name (Adam Air Flight 574)."""

    _by_ending: dict[str, tuple[Ending, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _longest: int = field(default=0, compare=False, hash=False, repr=False)
    prefix_forms: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)
    """Every form of every prefix clitic (one ``startswith`` tells whether any may apply)."""
    suffix_forms: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)
    """Every form of every suffix clitic."""

    def __post_init__(self) -> None:
        table: dict[str, list[Ending]] = {}
        for rule in self.endings:
            table.setdefault(rule.ending, []).append(rule)
        object.__setattr__(self, "_by_ending", {k: tuple(v) for k, v in table.items()})
        object.__setattr__(self, "_longest", max((len(k) for k in table), default=0))
        object.__setattr__(self, "prefix_forms", tuple(f for a in self.prefixes for f in a.forms))
        object.__setattr__(self, "suffix_forms", tuple(f for a in self.suffixes for f in a.forms))

    def endings_of(self, word: str) -> list[Ending]:
        """The ending rules that match ``word``, longest ending first (one dict probe per suffix length)."""
        found: list[Ending] = []
        for size in range(min(len(word), self._longest), -1, -1):
            found.extend(self._by_ending.get(word[len(word) - size :], ()))
        return found

    def all_examples(self) -> list[tuple[str, str, str]]:
        """(rule id, inflected, base) for every example in the file, for tests and docs."""
        rules: list[Affix | Ending | SoftStem | MobileE | Nasal] = [
            *self.prefixes,
            *self.suffixes,
            *self.endings,
        ]
        rules += [r for r in (self.soft, self.mobile_e, self.nasal) if r is not None]
        return [(rule.id, a, b) for rule in rules for a, b in rule.examples]


def _at(item: Any, where: str) -> str:
    """``where`` with the line of ``item`` when the rule file gave one (rules/pl.yaml:42)."""
    line = getattr(item, "line", 0)
    return f"{where}:{line}" if line else where


def _mapping_item(item: Any, where: str, what: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RuleError(f"{_at(item, where)}: each {what} must be a mapping, not {item!r}")
    return item


def _texts(value: Any, field: str, where: str, allow_text: bool = False) -> list[str]:
    """A list of strings (a single string too when ``allow_text``): ``to: ab`` is an error, not two
    letters."""
    if isinstance(value, str) and allow_text:
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {field} must be a list of strings, not {value!r}")
    return value


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not all(isinstance(p, list) and len(p) == 2 for p in raw):
        raise RuleError(f"{where}: examples must be a list of [inflected, base] pairs")
    return tuple((str(a), str(b)) for a, b in raw)


def _score(raw: dict[str, Any], default: float, where: str) -> float:
    score = raw.get("score", default)
    if not isinstance(score, (int, float)) or not 0 < score <= 1:
        raise RuleError(f"{where}: score must be a number in (0, 1]")
    return float(score)


def _affixes(raw: Any, key: str, where: str) -> tuple[Affix, ...]:
    result = []
    for item in _texts_or_items(raw, key, where):
        item = _mapping_item(item, where, f"{key} rule")
        rule_where = f"{_at(item, where)} {key} {item.get('id', '?')}"
        forms = tuple(
            clean(f) + (" " if f.endswith(" ") else "") for f in _texts(item.get(key, []), key, rule_where)
        )
        if not item.get("id") or not forms:
            raise RuleError(f"{rule_where}: needs an id and a non-empty list of {key}")
        result.append(
            Affix(
                item["id"],
                forms,
                _score(item, 0.95, rule_where),
                _examples(item.get("examples", []), rule_where),
            )
        )
    return tuple(result)


def _texts_or_items(raw: Any, key: str, where: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RuleError(f"{_at(raw, where)}: {key} must be a list")
    return raw


def parse_rules(data: Any, where: str) -> RuleSet:
    """Build a RuleSet from the parsed YAML of a rule file (``where`` names it in errors)."""
    if not isinstance(data, dict) or not isinstance(data.get("language"), str):
        raise RuleError(f"{where}: a rule file is a mapping with a 'language' code")
    known = {
        "language",
        "prefixes",
        "suffixes",
        "endings",
        "stem_rules",
        "generation",
        "common_words",
        "titles",
        "designators",
        "qualifiers",
        "given_names",
        "adjective_endings",
        "nested_cases",
        "nested_after_head",
        "head_words",
    }
    unknown = set(data) - known
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    try:
        return _parse_rules(data, where)
    except RuleError:
        raise
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a shape no check above foresaw
        raise RuleError(f"{where}: malformed rule file: {exc!r}") from exc


def _parse_endings(raw: Any, where: str) -> tuple[Ending, ...]:
    endings: list[Ending] = []
    seen: set[str] = set()
    for item in _texts_or_items(raw, "endings", where):
        item = _mapping_item(item, where, "ending rule")
        rule_where = f"{_at(item, where)} ending {item.get('id', '?')}"
        forms = _texts(item.get("ending"), "ending", rule_where, allow_text=True)
        if not item.get("id") or item["id"] in seen or not forms:
            raise RuleError(f"{rule_where}: needs a unique id and an ending (or a list of endings)")
        seen.add(item["id"])
        to = _texts(item.get("to", [""]), "to", rule_where)
        min_stem = item.get("min_stem", 2)
        if not isinstance(min_stem, int) or isinstance(min_stem, bool) or min_stem < 0:
            raise RuleError(f"{rule_where}: min_stem must be a whole number of letters, not {min_stem!r}")
        endings.extend(
            Ending(
                item["id"],
                clean(form),
                tuple(to),
                min_stem,
                _score(item, 0.9, rule_where),
                _examples(item.get("examples", []), rule_where),
                bool(item.get("after_consonant", False)),
            )
            for form in forms
        )
    endings.sort(key=lambda e: (-len(e.ending), e.id))
    return tuple(endings)


def _parse_rules(data: dict[str, Any], where: str) -> RuleSet:
    endings = _parse_endings(data.get("endings"), where)
    stem = _mapping_item(data.get("stem_rules") or {}, where, "stem_rules section")
    soft = mobile = None
    for kind in ("soft", "mobile_e", "nasal"):
        if kind in stem:
            rule = _mapping_item(stem[kind], where, f"stem rule ({kind})")
            if not rule.get("id") or (kind == "soft" and not isinstance(rule.get("map"), dict)):
                raise RuleError(
                    f"{_at(rule, where)}: stem rule {kind} needs an id"
                    + (" and a map" if kind == "soft" else "")
                )
            if kind == "mobile_e":
                _texts(rule.get("before"), "before", _at(rule, where))
    if "soft" in stem:
        raw = stem["soft"]
        pairs = tuple(sorted(((str(k), str(v)) for k, v in raw["map"].items()), key=lambda kv: -len(kv[0])))
        soft = SoftStem(raw["id"], pairs, _score(raw, 0.9, where), _examples(raw.get("examples", []), where))
    if "mobile_e" in stem:
        raw = stem["mobile_e"]
        mobile = MobileE(
            raw["id"],
            frozenset(raw["before"]),
            _score(raw, 0.88, where),
            _examples(raw.get("examples", []), where),
        )
    nasal = None
    if "nasal" in stem:
        raw = stem["nasal"]
        nasal = Nasal(raw["id"], _score(raw, 0.88, where), _examples(raw.get("examples", []), where))
    return RuleSet(
        data["language"],
        _affixes(data.get("prefixes"), "prefixes", where),
        _affixes(data.get("suffixes"), "suffixes", where),
        endings,
        soft,
        mobile,
        nasal,
        _generation(data.get("generation"), where),
        _word_list(data.get("common_words"), "common_words", where),
        _word_list(data.get("titles"), "titles", where),
        _word_list(data.get("designators"), "designators", where),
        _word_list(data.get("qualifiers"), "qualifiers", where),
        _word_list(data.get("given_names"), "given_names", where),
        _word_list(data.get("adjective_endings"), "adjective_endings", where),
        _flag(data.get("nested_after_head", False), "nested_after_head", where),
        _word_list(data.get("nested_cases"), "nested_cases", where),
        _word_list(data.get("head_words"), "head_words", where),
    )


def _flag(raw: Any, key: str, where: str) -> bool:
    """A true/false field."""
    if not isinstance(raw, bool):
        raise RuleError(f"{where}: {key} must be true or false")
    return raw


def _word_list(raw: Any, key: str, where: str) -> frozenset[str]:
    """A whitespace-separated string (or a list) of lower-case word forms."""
    if raw is None:
        return frozenset()
    words = raw.split() if isinstance(raw, str) else raw
    if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
        raise RuleError(f"{where}: {key} must be lower-case words, space-separated or as a list")
    return frozenset(clean(w) for w in words)


_CASE_KEYS = frozenset((*CASE_NAMES, *(f"{case}_inanimate" for case in CASE_NAMES if case != "nom")))


def _generation(raw: Any, where: str) -> Generation | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: generation must be a mapping")
    if raw.get("indeclinable"):
        return Generation(indeclinable=True)
    soften = tuple(
        sorted(((str(k), str(v)) for k, v in (raw.get("soften") or {}).items()), key=lambda kv: -len(kv[0]))
    )
    paradigms = []
    for item in _texts_or_items(raw.get("paradigms"), "paradigms", where):
        item = _mapping_item(item, where, "paradigm")
        item_where = f"{_at(item, where)} paradigm {item.get('id', '?')}"
        forms = item.get("forms") or {}
        if (
            not item.get("id")
            or not item.get("match")
            or not isinstance(forms, dict)
            or set(forms) - _CASE_KEYS
        ):
            raise RuleError(f"{item_where}: needs an id, match endings and forms among {sorted(_CASE_KEYS)}")
        _texts(item["match"], "match", item_where)
        raw_examples = item.get("examples", [])
        if not isinstance(raw_examples, list) or not all(
            isinstance(e, list) and len(e) == 3 for e in raw_examples
        ):
            raise RuleError(f"{item_where}: examples must be a list of [base, case, form] triples")
        examples = tuple((str(a), str(b), str(c)) for a, b, c in raw_examples)
        if item.get("role", "noun") not in ("noun", "adjective"):
            raise RuleError(f"{item_where}: role must be 'noun' or 'adjective'")
        paradigms.append(
            Paradigm(
                item["id"],
                tuple(str(m) for m in item["match"]),
                frozenset(item.get("gender", ())),
                int(item.get("strip", 0)),
                tuple((str(k), str(v)) for k, v in forms.items()),
                examples,
                item.get("number", "singular") == "plural",
                str(item.get("role", "noun")),
                bool(item.get("person", False)),
                bool(item.get("single", False)),
            )
        )
    alternation = tuple((str(k), str(v)) for k, v in (raw.get("alternation") or {}).items())
    genitive_a = tuple(str(e) for e in raw.get("genitive_a") or ())
    acronyms = raw.get("acronym_endings") or {}
    if set(acronyms) - _CASE_KEYS:
        raise RuleError(f"{where}: acronym_endings must be keyed by case among {sorted(_CASE_KEYS)}")
    acronym_endings = tuple((str(k), str(v)) for k, v in acronyms.items())
    prepositions = tuple(str(w) for w in raw.get("prepositions") or ())
    articles = tuple(str(w) for w in raw.get("foreign_articles") or ())
    return Generation(
        False, soften, tuple(paradigms), alternation, genitive_a, acronym_endings, prepositions, articles
    )


def available_languages() -> tuple[str, ...]:
    """Language codes that have a bundled rule file."""
    folder = resources.files("namenorm") / "rules"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


@cache
def load_rules(lang: str) -> RuleSet:
    """The bundled rules of ``lang`` (cached); an empty RuleSet for a language without rules."""
    if lang not in available_languages():
        return RuleSet(lang)
    path = resources.files("namenorm") / "rules" / f"{lang}.yaml"
    rules = read_rules(path.read_text(encoding="utf-8"), f"rules/{lang}.yaml")
    if rules.language != lang:
        raise RuleError(f"rules/{lang}.yaml: declares language {rules.language!r}")
    return rules


def read_rules(text: str, where: str) -> RuleSet:
    r"""A RuleSet from the text of a rule file; every problem is a :class:`RuleError` naming ``where`` and,
    where it can, the line (``rules/pl.yaml:42 ending m-gen-a: to must be a list of strings``).

    ```pycon
    >>> read_rules("language: xx\nendings:\n  - {id: a, ending: a, to: ab}\n", "x.yaml")
    Traceback (most recent call last):
    ...
    namenorm.errors.RuleError: x.yaml:3 ending a: to must be a list of strings, not 'ab'

    ```
    """
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise RuleError(f"{where}{line}: malformed YAML: {getattr(exc, 'problem', None) or exc}") from exc
    return parse_rules(data, where)


def clear_caches() -> None:
    """Forget the rule files read (they are read again on next use)."""
    load_rules.cache_clear()
