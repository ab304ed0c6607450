"""Generate the case forms of a name (Polish), from the paradigms in ``rules/pl.yaml``.

The name's shape and the entity's type choose what declines. In a person's name every word does (given
names and surnames; a man's surname in -o other than -enko and a woman's surname in a consonant stay). In
other names the head noun declines with the adjectives before and after it, while a genitive complement, an
acronym or what follows a preposition stays as written. Acronyms, words with digits and words no paradigm
fits are left as they are. Italian and English names do not decline and come back unchanged.

```pycon
>>> inflect("Igor Chowajew", "instrumental")
'Igorem Chowajewem'
>>> inflect("Górski Karabach", "loc"), inflect("Unia Europejska", "ins"), inflect("Maria Zacharowa", "gen")
('Górskim Karabachu', 'Unią Europejską', 'Marii Zacharowej')
>>> inflect("Trybunał Sprawiedliwości", "gen"), inflect("Kraków", "gen"), inflect("Joe Biden", "gen")
('Trybunału Sprawiedliwości', 'Krakowa', 'Joe Bidena')

```
"""

from __future__ import annotations

__all__ = ["CASES", "Case", "Gender", "case_forms", "clear_caches", "inflect", "inflect_word", "inflections"]

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from .arguments import check_lang, check_text
from .errors import NamenormError
from .ruleset import Generation, Paradigm, load_rules

Case = Literal["nom", "gen", "dat", "acc", "ins", "loc", "voc"]
Gender = Literal["m", "f", "n"]
CASES: tuple[Case, ...] = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
_CASE_NAMES = {
    "nominative": "nom", "genitive": "gen", "dative": "dat", "accusative": "acc",
    "instrumental": "ins", "locative": "loc", "vocative": "voc",
}  # fmt: skip
_ADJECTIVE = regex.compile(
    r"(?:sk|ck|dzk|k|g|dn|tn)(?:i|a|ie)$|(?:dn|tn)ia$|(?:ow|n|w|t|ł|sz|cz|ż|ch|on|an|d)(?:y|a|e)$"
)
"""The ending of a Polish adjective (Górski, Wielka, Północna, Zjednoczone, Najwyższy, Wschodnia)."""
_STRONG_ADJECTIVE = regex.compile(
    r"(?:sk|ck|dzk|elk|lisk)(?:i|a|ie)$|(?:dn|tn)(?:i|ia|ie)$"
    r"|(?:ow|ew|on|ln|cn|dn|tn|zn|wn|nn|mn|ał|ar|ięt|ęt)(?:y|a|e)$"
)
"""An unmistakable adjective (Wielka, Bliski, Nowa, Biały, Północna, Zjednoczone); a word of four letters
only as Nowa, Nowy, Nowe when it opens a name (Tony is a given name, Duda and Mucha are surnames)."""
_GENITIVE = regex.compile(r"(?:ości|ii|ji|ów|u|ego|iej|ych|ich|(?<![aeo])y)$")
"""The ending of a genitive complement (Sprawiedliwości, Anglii, Narodów, Stanu, Pracy)."""
_OBLIQUE = regex.compile(r"(?:ości|ii|ji|ów|u|ego|iej|ych|ich)$")
"""A genitive that no nominative noun has (a plural in -y may be one: Emiraty)."""
_PERSON_ADJECTIVE = regex.compile(r"(?:sk|ck|dzk)(?:i|a)$|(?:ow|ew)a$|rzy$")
"""An adjectival surname or given name (Kaczyński, Politkowska, Zacharowa, Jerzy)."""
_MIXED_ACRONYM = regex.compile(r"^\p{Lu}\p{Ll}*\p{Lu}$")
"""An acronym written in mixed case and ending in a capital (PiS): it takes its endings after a hyphen."""
_SHORT_VOWEL = regex.compile(r"^\w{1,2}[aeiouy]$", regex.IGNORECASE)
"""Three letters ending in a vowel: no head of a phrase (Sri Lanka)."""
_ACRONYM = regex.compile(r"\d|^[\p{Lu}\p{N}\p{P}]{2,}$")
_VOWEL_END = regex.compile(r"[aeiouyąęó]$")
_PLURAL_PLACE = regex.compile(r"[^aeiouyąęó]y$|ice$|die$|aje$|nki$")
"""A one-word place name that is a plural (Chiny, Węgry, Katowice, Indie, Himalaje)."""
_VIRILE = regex.compile(r"(?:cy|dzy|rzy|owie|anie|arze|ści|dzi|oci|aci)$")
"""A masculine-personal plural (Polacy, Brytyjczycy, Węgrzy, Norwegowie, Rosjanie, torysi is not one)."""
_VIRILE_SOFT = regex.compile(r"(?:uzi|usi|ysi|uni)$")
"""Capitalised plurals of peoples that no Italian surname shares (Francuzi, Hindusi, Torysi, Rumuni)."""
_CONJUNCTIONS = frozenset(("i", "oraz"))
_GLIDES = frozenset(("ay", "ey", "oy", "uy"))
_EAST_ASIAN_GIVEN = regex.compile(r"^\p{Lu}\p{Ll}+-\p{Ll}+$")
"""A Korean given name of two syllables joined by a hyphen (Jae-in, Ki-moon): the family name comes first."""
_UNDECLINED_GIVEN = ("ko", "rew", "hew")
"""A man's given name that stays before his surname: German and Slavic -ko (Heiko), English -rew, -hew
(Andrew, Matthew), whose last letters are no Polish ending."""


@dataclass(frozen=True, slots=True)
class _Word:
    """How one word of a name declines: as a noun or an adjective, in which gender and number."""

    declines: bool
    role: str = "noun"
    gender: str = "m"
    plural: bool = False


def _case(case: str) -> str:
    key = _CASE_NAMES.get(case.lower(), case.lower()) if isinstance(case, str) else ""
    if key not in CASES:
        raise NamenormError(f"unknown case {case!r}: use one of {', '.join(CASES)} or their full names")
    return key


@lru_cache(maxsize=1 << 16)
def _indeclinable(word: str) -> bool:
    """Too short (two letters other than a soft consonant's noun, as Oś declines; Joe, Che: three letters
    ending in a vowel other than i, as Ali declines, or y after a vowel, as Guy and Roy do), a number or
    an acronym in capitals."""
    low = word.lower()
    if len(word) == 1 or (len(word) == 2 and low[-1] not in "śźćń"):
        return True
    if len(word) == 3 and low[-1] in "aeouy" and low[-2:] not in _GLIDES:
        return True
    return bool(_ACRONYM.search(word))


def _name_word(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=1 << 14)
def _paradigm(
    low: str, gender: str, lang: str, plural: bool, role: str | None, person: bool, single: bool
) -> Paradigm | None:
    generation = load_rules(lang).generation
    assert generation is not None
    for paradigm in generation.paradigms:
        if paradigm.plural != plural or (paradigm.genders and gender not in paradigm.genders):
            continue
        if (role is not None and paradigm.role != role) or (paradigm.person and not person):
            continue
        if paradigm.single and not single:
            continue
        if any(low.endswith(m) and len(low) > len(m) for m in paradigm.match):
            return paradigm
    return None


def _soften(stem: str, generation: Generation) -> str:
    for hard, soft in generation.soften:
        if stem.endswith(hard):
            return stem[: -len(hard)] + soft
    return stem + "e"


def _alternate(stem: str, generation: Generation) -> str:
    """Kraków -> krakow-: the last vowel before one final consonant, as the other cases write it."""
    for written, other in generation.alternation:
        if len(stem) > 2 and stem[-2] == written and not _VOWEL_END.search(stem):
            return stem[:-2] + other + stem[-1]
    return stem


def _match_case(template: str, word: str) -> str:
    """``word`` (lower case) written with the capitals of ``template`` where they share letters (McGregor,
    McGregora; DiCaprio, DiCapria)."""
    rest = template[1:]
    if rest == rest.lower():  # the common case: a capital at most first (Moskwa, Moskwie)
        return template[0] + word[1:] if template[:1].lower() == word[:1] else word
    shared = 0
    while shared < min(len(template), len(word)) and template[shared].lower() == word[shared]:
        shared += 1
    return template[:shared] + word[shared:]


def inflect_word(
    word: str,
    case: str,
    gender: str = "m",
    animate: bool = False,
    lang: str = "pl",
    plural: bool = False,
    role: str | None = None,
    person: bool = False,
    single: bool = False,
) -> str:
    """One word in ``case``; the word itself when it does not decline. ``role`` (``noun``, ``adjective``)
    limits the paradigms tried; ``person`` allows those of people's names (Mike'a), ``single`` those of
    one-word names (Chiny).

    ```pycon
    >>> inflect_word("Stambuł", "loc"), inflect_word("USA", "gen")
    ('Stambule', 'USA')
    >>> inflect_word("Chowajew", "gen", animate=True), inflect_word("Iran", "gen")
    ('Chowajewa', 'Iranu')

    ```
    """
    key = _case(case)
    code = check_lang(lang)
    generation = None if code is None else load_rules(code).generation
    if generation is None or code is None:
        raise NamenormError(f"no inflection rules for language {lang!r}")
    if key == "nom" or generation.indeclinable:
        return word
    return _decline(word, key, gender, animate, code, plural, role, person, single)


@lru_cache(maxsize=1 << 15)
def _decline(
    word: str, key: str, gender: str, animate: bool, lang: str, plural: bool, role: str | None,
    person: bool, single: bool,
) -> str:  # fmt: skip
    """:func:`inflect_word` once its arguments are checked (cached: names share words)."""
    generation = load_rules(lang).generation
    assert generation is not None
    if _MIXED_ACRONYM.search(word):
        after = dict(generation.acronym_endings).get(key, "=")
        return word if after == "=" else word + after  # PiS-u
    if _indeclinable(word):
        return word
    if "-" in word:
        head, _, last = word.rpartition("-")
        return f"{head}-{_decline(last, key, gender, animate, lang, plural, role, person, single)}"
    low = word.lower()
    paradigm = _paradigm(low, gender, lang, plural, role, person, single)
    if paradigm is None:
        return word
    ending: str | None = None
    if not animate:
        ending = paradigm.form(f"{key}_inanimate")
        if key == "gen" and ending is not None and low.endswith(generation.genitive_a):
            ending = paradigm.form("gen")
    ending = ending if ending is not None else paradigm.form(key)
    if ending is None or ending == "=":
        return word
    if ending.startswith("'"):
        return word + ending
    stem = low[: len(low) - paradigm.strip] if paradigm.strip else low
    if paradigm.role == "noun" and not paradigm.strip:
        stem = _alternate(stem, generation)
    form = _soften(stem, generation) if ending == "@soft" else stem + ending
    return _match_case(word, form)


_FEMININE_SURNAME = ("ska", "cka", "dzka", "owa", "ewa")


def _guess_gender(words: list[str]) -> str:
    """Feminine when the given name ends in -a (Anna Nowak, Asia) or the surname is a feminine form
    (Zacharowa)."""
    first, last = (words[0].lower(), words[-1].lower()) if words else ("", "")
    return "f" if first.endswith("a") or last.endswith(_FEMININE_SURNAME) else "m"


def _looks_like_person(words: list[str]) -> bool:
    """Two or more capitalised words, none an acronym, the first no adjective, the later ones no genitive
    complement and no adjective but a surname's: a given name and a surname (Joe Biden, Maria Zacharowa;
    not Górski Karabach, Trybunał Sprawiedliwości, Irlandia Północna or Unia Europejska)."""
    if len(words) < 2 or not all(_name_word(w) and not _ACRONYM.search(w) for w in words):
        return False
    first = words[0].lower()
    if _STRONG_ADJECTIVE.search(first) and (len(first) > 4 or first.startswith("now")):
        return False
    for word in (w.lower() for w in words[1:]):
        if _PERSON_ADJECTIVE.search(word):
            if first.endswith(("ia", "ja")) and not word.endswith(("owa", "ewa")):
                return False  # Unia Europejska, Komisja Europejska
        elif _GENITIVE.search(word) or _STRONG_ADJECTIVE.search(word):
            return False
    return True


def _adjective(low: str) -> bool:
    return bool(_ADJECTIVE.search(low) or _STRONG_ADJECTIVE.search(low))


def _noun_gender(word: str) -> str:
    low = word.lower()
    if low.endswith(("a", "ść", "ś", "noc")):
        return "f"
    if low.endswith(("o", "e", "ę", "um")):
        return "n"
    return "m"


def _plural_people(word: str) -> bool:
    """A masculine-personal plural (Polacy, Szwedzi, Rosjanie), or a group written in lower case (torysi)."""
    low = word.lower()
    if word[:1].islower() and low.endswith(("si", "zi", "ni")):
        return True
    return bool(_VIRILE.search(low) or _VIRILE_SOFT.search(low))


def _person_plan(words: list[str], gender: str) -> list[_Word]:
    if len(words) == 1 and len(words[0]) > 4 and _plural_people(words[0]):
        return [_Word(True, "noun", "m", plural=True)]  # a people (Polacy, torysi), not one person
    plan = []
    for k, word in enumerate(words):
        low = word.lower()
        if _EAST_ASIAN_GIVEN.search(" ".join(words[k + 1 : k + 2])):
            plan.append(_Word(False))  # a family name before a Korean given name stays (Moon Jae-ina)
        elif not _name_word(word) and _STRONG_ADJECTIVE.search(low):
            plan.append(_Word(True, "adjective", gender))  # a title before the name (święty Tomasz)
        elif _indeclinable(word) or (
            len(words) > 1 and not _name_word(word) and not _name_word(word.rpartition("-")[2])
        ):
            plan.append(_Word(False))  # a particle (von, de), not its capitalised part (ul-Haq)
        elif gender == "f" and not low.endswith("a"):
            plan.append(_Word(False))  # a woman's name in a consonant or another vowel stays (Merkel)
        elif gender == "m" and k == len(words) - 1 and k > 0 and low.endswith("o") and not low.endswith("ko"):
            plan.append(_Word(False))  # a man's foreign surname in -o stays (Fidela Castro)
        elif gender == "m" and k < len(words) - 1 and low.endswith(_UNDECLINED_GIVEN):
            plan.append(_Word(False))  # Heiko Maasa, Andrew Marra
        else:
            role = "adjective" if _PERSON_ADJECTIVE.search(low) else "noun"
            plan.append(_Word(True, role, gender))
    return plan


def _phrase_plan(words: list[str]) -> list[_Word]:
    """Which words of a name that is not a person's decline: the head noun, the adjectives before it and
    those right after it; a conjunction starts a new phrase, a preposition or a complement ends them."""
    plan = [_Word(False)] * len(words)
    stops = _prepositions()
    k = 0
    while k < len(words):
        phrase = []
        while k < len(words) and words[k].lower() not in stops and words[k].lower() not in _CONJUNCTIONS:
            phrase.append(k)
            k += 1
        roles = _phrase_roles(words, phrase)
        for index, role in roles:
            plan[index] = role
        if k < len(words) and words[k].lower() not in _CONJUNCTIONS:
            break  # a preposition: what follows stays as written (Frankfurt nad Menem)
        if roles and roles[-1][0] != phrase[-1]:
            break  # "i" after a complement joins complements (Królestwo Wielkiej Brytanii i Irlandii)
        k += 1
    return plan


@lru_cache(maxsize=1)
def _foreign_articles() -> frozenset[str]:
    generation = load_rules("pl").generation
    return frozenset(generation.foreign_articles if generation is not None else ())


@lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    generation = load_rules("pl").generation
    return frozenset(generation.prepositions if generation is not None else ())


def _phrase_roles(words: list[str], phrase: list[int]) -> list[tuple[int, _Word]]:
    if phrase and words[phrase[0]] in _foreign_articles():
        return []  # San Marino, Los Angeles: foreign names that Polish leaves as written
    declinable = [
        k
        for k in phrase
        if not _indeclinable(words[k]) and not words[k].endswith(".") and not _SHORT_VOWEL.match(words[k])
    ]
    if not declinable:
        return []
    head = declinable[-1]
    for n, k in enumerate(declinable):  # the head: the first word that is no adjective before a noun
        after = [words[j].lower() for j in declinable[n + 1 : n + 2]]
        noun_after = after and not _STRONG_ADJECTIVE.search(after[0]) and not _OBLIQUE.search(after[0])
        if not (_adjective(words[k].lower()) and noun_after):
            head = k
            break
    gender = _noun_gender(words[head])
    following = [k for k in declinable if k > head]
    agreeing = []
    for n, k in enumerate(following):
        low = words[k].lower()
        if low.endswith("o") and following[n + 1 : n + 2] and _adjective(words[following[n + 1]].lower()):
            continue  # the first part of a compound adjective stays (Europa Środkowo-Wschodnia)
        if not _adjective(low):
            break  # a genitive complement (Sprawiedliwości) ends the declined part
        agreeing.append(k)
    plural = words[head].lower().endswith(("y", "i")) and any(
        words[k].lower().endswith("e") for k in agreeing
    )
    if len(declinable) == 1 and len(words) == 1:
        low = words[head].lower()
        plural = bool(_PLURAL_PLACE.search(low) or _plural_people(words[head]))
        if low.endswith(("skie", "ckie")):  # a one-word adjectival name (mazowieckie, the voivodeship)
            return [(head, _Word(True, "adjective", "n"))]
        if low.endswith(("dnia", "tnia")):  # a feminine adjective alone (Zachodnia, Europa's when left out)
            return [(head, _Word(True, "adjective", "f"))]
    roles = [(k, _Word(True, "adjective", gender, plural)) for k in declinable if k < head]
    roles.append((head, _Word(True, "noun", gender, plural)))
    roles += [(k, _Word(True, "adjective", gender, plural)) for k in agreeing]
    return roles


@lru_cache(maxsize=1 << 12)
def _plan(words: tuple[str, ...], kind: str | None, gender: str | None) -> tuple[list[_Word], bool]:
    """How each word of a name declines (cached: a name is declined in six cases in a row)."""
    person = kind == "person" if kind is not None else _looks_like_person(list(words))
    if person:
        return _person_plan(list(words), gender or _guess_gender(list(words))), True
    plan = _phrase_plan(list(words))
    if gender is not None:
        plan = [_Word(w.declines, w.role, gender, w.plural) for w in plan]
    return plan, False


def _check(name: object, gender: str | None, lang: str) -> Generation:
    check_text(name, "name")
    if gender is not None and gender not in ("m", "f", "n"):
        raise NamenormError(f"unknown gender {gender!r}: use 'm', 'f' or 'n'")
    code = check_lang(lang)
    generation = None if code is None else load_rules(code).generation
    if generation is None:
        raise NamenormError(f"no inflection rules for language {lang!r}")
    return generation


def inflect(
    name: str,
    case: str,
    lang: str = "pl",
    gender: Gender | None = None,
    animate: bool | None = None,
    kind: str | None = None,
) -> str:
    """The form of ``name`` in grammatical ``case`` (``nom``, ``gen``, ``dat``, ``acc``, ``ins``, ``loc``,
    ``voc`` or their full names).

    ``kind`` is the entity's type (``person``, ``place``, ``org``...): a person's name declines word by word
    and animate (Rexa Tillersona), other names as a phrase (Trybunału Sprawiedliwości). When left out, two
    or more capitalised nouns are taken for a person. ``gender`` (``m``, ``f``, ``n``) and ``animate``
    override what
    the name's shape tells. Raises :class:`~namenorm.NamenormError` for an unknown case or gender, or a
    language without inflection rules.

    ```pycon
    >>> inflect("Kamala Harris", "gen"), inflect("Wołodymyr Zełenski", "gen")
    ('Kamali Harris', 'Wołodymyra Zełenskiego')
    >>> inflect("Irlandia Północna", "loc"), inflect("Prawo i Sprawiedliwość", "gen")
    ('Irlandii Północnej', 'Prawa i Sprawiedliwości')

    ```
    """
    return inflections(name, case, lang, gender, animate, kind)[0]


def inflections(
    name: str,
    case: str,
    lang: str = "pl",
    gender: Gender | None = None,
    animate: bool | None = None,
    kind: str | None = None,
) -> list[str]:
    """The form :func:`inflect` gives, then any other form the name's shape allows: a foreign name of two
    nouns that is not a person's may decline its last word instead of its first (Nord Streamu 2).

    ```pycon
    >>> inflections("Nord Stream 2", "gen", kind="product")
    ['Nordu Stream 2', 'Nord Streamu 2']

    ```
    """
    generation = _check(name, gender, lang)
    key = _case(case)
    words = name.split()
    if key == "nom" or generation.indeclinable or not words:
        return [name]
    return _forms(words, key, str(check_lang(lang)), gender, animate, kind)


def case_forms(
    name: str,
    lang: str = "pl",
    gender: Gender | None = None,
    animate: bool | None = None,
    kind: str | None = None,
) -> dict[Case, list[str]]:
    """:func:`inflections` of ``name`` in every case but the nominative, the arguments checked once.

    ```pycon
    >>> case_forms("Joe Biden", kind="person")["ins"]
    ['Joe Bidenem']

    ```
    """
    generation = _check(name, gender, lang)
    words = name.split()
    if generation.indeclinable or not words:
        return {case: [name] for case in CASES[1:]}
    code = str(check_lang(lang))
    return {case: _forms(words, case, code, gender, animate, kind) for case in CASES[1:]}


def _forms(
    words: list[str], key: str, lang: str, gender: str | None, animate: bool | None, kind: str | None
) -> list[str]:
    plan, person = _plan(tuple(words), kind, gender)
    alive = person if animate is None else animate
    single = len(words) == 1
    declined_words = (
        _decline(w, key, how.gender, alive, lang, how.plural, how.role, person, single) if how.declines else w
        for w, how in zip(words, plan, strict=True)
    )
    forms = [" ".join(declined_words)]
    declined = [k for k, how in enumerate(plan) if how.declines]
    if person or len(declined) != 1:
        return forms
    nouns = [k for k, w in enumerate(words) if _name_word(w) and not _indeclinable(w)]
    if len(nouns) >= 2 and nouns[-1] > declined[0] and not _GENITIVE.search(words[nouns[-1]].lower()):
        last = nouns[-1]
        gender = _noun_gender(words[last])
        other = _decline(words[last], key, gender, alive, lang, False, "noun", False, False)
        forms.append(" ".join(other if k == last else w for k, w in enumerate(words)))
    return forms


def clear_caches() -> None:
    """Forget the paradigms chosen and the plans of names remembered."""
    for memo in (_paradigm, _plan, _indeclinable, _prepositions, _foreign_articles, _decline):
        memo.cache_clear()
