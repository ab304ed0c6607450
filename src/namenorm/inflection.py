"""Generate the case forms of a name (Polish), from the paradigms in ``rules/pl.yaml``.

Each word is declined on its own by the first paradigm whose ending fits it; acronyms, words with digits,
short function words and words no paradigm fits are left as they are, as Polish does with most foreign
words in -o, -u, -e. Italian and English names do not decline and come back unchanged.

```pycon
>>> inflect("Igor Chowajew", "instrumental")
'Igorem Chowajewem'
>>> inflect("Górski Karabach", "loc"), inflect("Unia Europejska", "ins"), inflect("Maria Zacharowa", "gen")
('Górskim Karabachu', 'Unią Europejską', 'Marii Zacharowej')

```
"""

from __future__ import annotations

__all__ = ["CASES", "Case", "Gender", "inflect", "inflect_word"]

from typing import Literal

from .errors import NamenormError
from .ruleset import Generation, Paradigm, load_rules

Case = Literal["nom", "gen", "dat", "acc", "ins", "loc", "voc"]
Gender = Literal["m", "f", "n"]
CASES: tuple[Case, ...] = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
_CASE_NAMES = {
    "nominative": "nom", "genitive": "gen", "dative": "dat", "accusative": "acc",
    "instrumental": "ins", "locative": "loc", "vocative": "voc",
}  # fmt: skip


def _case(case: str) -> str:
    key = _CASE_NAMES.get(case.lower(), case.lower()) if isinstance(case, str) else ""
    if key not in CASES:
        raise NamenormError(f"unknown case {case!r}: use one of {', '.join(CASES)} or their full names")
    return key


def _indeclinable(word: str) -> bool:
    return len(word) <= 2 or any(ch.isdigit() for ch in word) or (word.isupper() and len(word) > 1)


def _paradigm(word: str, gender: str, generation: Generation, plural: bool = False) -> Paradigm | None:
    low = word.lower()
    for paradigm in generation.paradigms:
        if paradigm.plural != plural or (paradigm.genders and gender not in paradigm.genders):
            continue
        if any(low.endswith(m) and len(low) > len(m) for m in paradigm.match):
            return paradigm
    return None


def _soften(stem: str, generation: Generation) -> str:
    for hard, soft in generation.soften:
        if stem.endswith(hard):
            return stem[: -len(hard)] + soft
    return stem + "e"


def _match_case(template: str, word: str) -> str:
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_word(
    word: str, case: str, gender: str = "m", animate: bool = False, lang: str = "pl", plural: bool = False
) -> str:
    """One word in ``case``; the word itself when it does not decline.

    ```pycon
    >>> inflect_word("Stambuł", "loc"), inflect_word("USA", "gen")
    ('Stambule', 'USA')
    >>> inflect_word("Chowajew", "gen", animate=True), inflect_word("Iran", "gen")
    ('Chowajewa', 'Iranu')

    ```
    """
    key = _case(case)
    generation = load_rules(lang).generation
    if generation is None:
        raise NamenormError(f"no inflection rules for language {lang!r}")
    if key == "nom" or generation.indeclinable or _indeclinable(word):
        return word
    if "-" in word:
        head, _, last = word.rpartition("-")
        return f"{head}-{inflect_word(last, key, gender, animate, lang, plural)}"
    paradigm = _paradigm(word, gender, generation, plural)
    if paradigm is None:
        return word
    ending = None if animate else paradigm.form(f"{key}_inanimate")
    ending = ending if ending is not None else paradigm.form(key)
    low = word.lower()
    stem = low[: len(low) - paradigm.strip] if paradigm.strip else low
    if ending is None or ending == "=":
        return word
    form = _soften(stem, generation) if ending == "@soft" else stem + ending
    return _match_case(word, form)


_FEMININE_SURNAME = ("ska", "cka", "dzka", "owa", "ewa")


def _guess_gender(words: list[str]) -> str:
    """Feminine when a given name ends in -a (Anna Nowak) or the surname is a feminine form (Zacharowa)."""
    first, last = (words[0].lower(), words[-1].lower()) if words else ("", "")
    return "f" if (first.endswith("a") and len(words) > 1) or last.endswith(_FEMININE_SURNAME) else "m"


def inflect(
    name: str, case: str, lang: str = "pl", gender: Gender | None = None, animate: bool | None = None
) -> str:
    """The form of ``name`` in grammatical ``case`` (``nom``, ``gen``, ``dat``, ``acc``, ``ins``, ``loc``,
    ``voc`` or their full names).

    ``gender`` (``m``, ``f``, ``n``) and ``animate`` describe the named entity; when left out, a name whose
    first word ends in -a is taken as feminine, and a name of two or more declinable nouns (a given name and
    a surname) as a person. Raises :class:`~namenorm.NamenormError` for an unknown case or a language
    without inflection rules.
    """
    if not isinstance(name, str):
        raise NamenormError(f"name must be a string, not {type(name).__name__}")
    words = name.split()
    sex = gender or _guess_gender(words)
    if sex not in ("m", "f", "n"):
        raise NamenormError(f"unknown gender {gender!r}: use 'm', 'f' or 'n'")
    if animate is None:
        generation = load_rules(lang).generation
        animate = (
            generation is not None
            and len(words) > 1
            and all(not _indeclinable(w) and _paradigm(w, sex, generation) is not None for w in words)
            and not any(_paradigm(w, sex, generation).id.startswith("adj") for w in words)  # type: ignore[union-attr]
        )
    generation = load_rules(lang).generation
    plural = generation is not None and any(
        p is not None and p.marks_plural for p in (_paradigm(w, sex, generation, True) for w in words)
    )
    return " ".join(inflect_word(w, case, sex, animate, lang, plural) for w in words)
