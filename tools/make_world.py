"""Write ``data/world.yaml``, the world gazetteer, from the Unicode CLDR as Babel ships it.

Three kinds of place, each with its CLDR code (which joins it to an entity of another table with the same
code, see ``code`` in docs/aliases.md) and a stable id made of that code:

* countries and territories (ISO 3166-1 codes: ``AM`` -> ``cldr-am``), CLDR's name in each language;
* continents and regions (UN M.49 numbers: ``150`` -> ``cldr-150``, Europe);
* the exemplar cities of time zones (``Asia/Yerevan`` -> ``cldr-asia-yerevan``): CLDR's name where a
  language has its own (Erywań, Erevan), else the city as the time-zone database writes it, for the
  languages written in the Latin alphabet.

Precision first: names that are common words of the language (rule files' ``common_words``) are left out;
a city never takes a name a country has in the same language, nor a country's English label (Slovak
México is Mexico City's), and the time zones of Singapore, Panama or Jamaica are the countries (those
cities are left out, and Meksyk stays Mexico's); names two places share are marked ``ambiguous`` in
both, so they resolve to neither alone; and the zones below are left out, each for its reason.

Babel is needed to run this tool only (``pip install -e '.[dev]'`` pins the version, so the output is the
same on every machine); ``--check`` exits with 1 when ``data/world.yaml`` differs from what it would write.
Run: ``python tools/make_world.py`` (or ``--check``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import babel
import babel.localedata
from babel.core import get_global

from namenorm.commonwords import is_common
from namenorm.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "world.yaml"
LANGS = ("en", "pl", "it", "ru", "uk")
"""The languages of the world table: the news languages of namenorm, and the Cyrillic ones of its users'
sources."""
OTHER_LANGS = ("bg", "cs", "sk", "sl", "hr", "es", "nl", "de", "fr")
"""Languages of users' lists and of the news their tables are written for, whose names go to
``data/world-names.json`` only: never matched as queries, the gazetteer's way to a table written in them
(Finlandii -> cldr-fi -> Czech Finsko) and the tagger's way from a table to text in them (Estados Unidos)."""
NAMES_OUT = ROOT / "data" / "world-names.json"
ENTITIES_OUT = ROOT / "data" / "world.json"
LATIN = ("en", "pl", "it", "cs", "sk", "sl", "hr", "es", "nl", "de", "fr")
"""Languages that write a city CLDR does not translate as the time-zone database does (Chicago)."""
RULED = ("en", "pl", "it")
"""Languages with a rule file, whose common words are left out as names."""

SKIP_TERRITORIES = {
    "001": "the world ('świat', 'mondo' and 'world' are common words)",
    "EU": "the European Union, an organisation",
    "EZ": "the euro area, no place",
    "UN": "the United Nations, an organisation",
    "QO": "Outlying Oceania, a statistical grouping",
    "XA": "a pseudo-locale code",
    "XB": "a pseudo-locale code",
    "ZZ": "the unknown region",
}
SKIP_ZONE_PREFIXES = {
    "Etc/": "no city",
    "Antarctica/": "research stations named after people (Casey, Davis, Mawson, Palmer)",
    "America/Indiana/": "county seats whose names are surnames and common words (Knox, Marengo)",
    "America/Kentucky/": "county seats (Monticello, Louisville)",
    "America/North_Dakota/": "villages whose names are common words (Center, New Salem)",
    "America/Argentina/": "provincial capitals that share their names with Spanish places (Córdoba, "
    "La Rioja, San Juan), except Buenos Aires",
}
KEEP_ZONES = {"America/Argentina/Buenos_Aires"}
SKIP_ZONES = {
    "Australia/Darwin": "Charles Darwin in the news far more often than the city",
    "Australia/Lindeman": "a surname (the zone is a resort island)",
    "Atlantic/Stanley": "a given name and a surname",
    "America/Regina": "a given name",
    "America/Phoenix": "a common noun and a name before it is the city",
    "America/Resolute": "an English adjective",
    "America/Nome": "the Italian word for a name",
    "America/Thule": "a legendary island",
    "America/Dawson": "a surname",
    "America/Halifax": "also a town in England",
    "America/Santarem": "also a city in Portugal",
    "America/Merida": "also cities in Spain and Venezuela",
    "Asia/Oral": "an English adjective",
    "Europe/Busingen": "a German exclave of one village",
}


COMMON = {
    ("pl", "Czad"): "czad, carbon monoxide",
    ("pl", "Dania"): "dania, dishes",
    ("pl", "Mali"): "mali, small (of people)",
    ("pl", "Kuba"): "a given name (Jakub)",
    ("pl", "Dominika"): "a given name",
    ("it", "Mali"): "mali, evils",
    ("it", "Colombo"): "a surname (Cristoforo Colombo)",
    ("en", "Chad"): "a given name",
    ("en", "Jordan"): "a given name and a surname (Michael Jordan)",
    ("en", "Georgia"): "a given name (and a US state, which the story table lists)",
    ("en", "Jersey"): "a garment",
    ("en", "Sydney"): "a given name",
    ("en", "Santiago"): "a given name",
    ("en", "Adelaide"): "a given name",
    ("en", "Hobart"): "a given name",
    ("en", "Denver"): "a surname",
    ("en", "Sofia"): "a given name",
    ("en", "Anchorage"): "an English noun",
    ("en", "Cayenne"): "a pepper and a car",
    ("fr", "Maurice"): "a given name (the island is Mauritius)",
    ("es", "Sofía"): "a given name",
    ("de", "Sofia"): "a given name",
    ("nl", "Sofia"): "a given name",
    ("fr", "Sofia"): "a given name",
}
"""Names that are also common words or given names of their language, marked ``common`` in the table:
in running text they are no mention at the start of a sentence or next to another capitalised word."""


SHORT_NAMES = {
    "US": {"en": ["US", "U.S.", "USA", "United States of America"],
           "pl": ["USA", "Stany Zjednoczone Ameryki"], "it": ["USA", "Stati Uniti d'America"],
           "ru": ["США", "Соединённые Штаты", "Соединенные Штаты Америки", "Соединённые Штаты Америки"],
           "uk": ["США", "Сполучені Штати Америки"],
           "es": ["EE. UU.", "EEUU"], "nl": ["VS"], "de": ["USA"], "fr": ["É.-U."]},
    "GB": {"en": ["UK", "U.K.", "Britain"], "pl": ["Wlk. Brytania", "W. Brytania", "Zjednoczone Królestwo"],
           "it": ["UK"], "ru": ["Соединённое Королевство", "Соединенное Королевство"],
           "uk": ["Сполучене Королівство"], "nl": ["VK"], "de": ["UK"], "fr": ["R.-U."]},
    "RU": {"en": ["Russian Federation"], "pl": ["Federacja Rosyjska"], "it": ["Federazione Russa"],
           "ru": ["Российская Федерация", "РФ"], "uk": ["Російська Федерація", "РФ"]},
    "DE": {"en": ["FRG"], "pl": ["RFN", "Republika Federalna Niemiec"], "it": ["RFT"],
           "ru": ["ФРГ", "Федеративная Республика Германия"], "uk": ["ФРН"]},
    "CZ": {"en": ["Czech Republic"], "pl": ["Republika Czeska"], "it": ["Repubblica Ceca"],
           "ru": ["Чешская Республика"], "uk": ["Чеська Республіка"]},
    "NL": {"pl": ["Królestwo Niderlandów"], "ru": ["Королевство Нидерландов"]},
    "AE": {"en": ["UAE"], "pl": ["ZEA"], "it": ["EAU"], "es": ["EAU"], "nl": ["VAE"], "de": ["VAE"],
           "fr": ["EAU"]},
}  # fmt: skip
"""The short names, acronyms and official long names news writes for a few countries, which CLDR keeps as
alternative forms that Babel does not ship (US-alt-short, GB-alt-short) or does not hold (Federacja
Rosyjska, RFN, Republika Czeska; Russian with and without ё): compiled by the namenorm developers."""


def _zones() -> list[str]:
    zones = []
    for zone in sorted(get_global("zone_territories")):
        if "/" not in zone:
            continue
        if zone in KEEP_ZONES or not (zone.startswith(tuple(SKIP_ZONE_PREFIXES)) or zone in SKIP_ZONES):
            zones.append(zone)
    return zones


def _city(zone: str, lang: str) -> str | None:
    """A language's name of a time zone's city: CLDR's, else the database's for a Latin-script language."""
    cities = babel.localedata.load(lang)["time_zones"]
    name = cities[zone].get("city") if zone in cities else None
    if name is None and lang in LATIN:
        english = babel.localedata.load("en")["time_zones"]
        name = english[zone].get("city") if zone in english else None
        name = name or zone.rsplit("/", 1)[1].replace("_", " ")
    return name


def _clean(name: str | None) -> str | None:
    """CLDR's name without the soft hyphens some languages write in long names (German Reyk-ja-vík)."""
    return None if name is None else name.replace("\u00ad", "")


def _keep(name: str, lang: str) -> bool:
    """Not a common word of its language, nor, for a language without a rule file, of a news language
    (a Czech or Slovene name is read in Polish, Italian and English text too)."""
    if lang in OTHER_LANGS and (lang, name) in COMMON:
        return False  # world-names.json has no common mark: such a name is left out
    return not any(is_common(name, ruled) for ruled in ((lang,) if lang in RULED else RULED))


def _slug(code: str) -> str:
    return "cldr-" + code.lower().replace("/", "-").replace("_", "-")


def places() -> list[dict]:
    """Every place: code, id, label, names by language, ambiguous names."""
    found: list[dict] = []
    territory_keys: dict[str, set[str]] = defaultdict(set)  # language -> keys of territory names
    territory_english = set()
    names_en = babel.localedata.load("en")["territories"]
    for code in sorted(names_en, key=lambda c: (not c.isalpha(), c)):
        if code in SKIP_TERRITORIES:
            continue
        names = {}
        for lang in LANGS + OTHER_LANGS:
            name = _clean(babel.localedata.load(lang)["territories"].get(code))
            if name and _keep(name, lang):
                names[lang] = name
                territory_keys[lang].add(normalize(name))
        if "en" not in names:
            continue
        for lang, short in SHORT_NAMES.get(code, {}).items():
            territory_keys[lang].update(normalize(n) for n in short)
        territory_english.add(normalize(names["en"]))
        found.append({"code": code, "label": names["en"], "names": names, "short": SHORT_NAMES.get(code, {})})
    territory_any = set().union(*territory_keys.values())
    for zone in _zones():
        names = {}
        for lang in LANGS + OTHER_LANGS:
            name = _clean(_city(zone, lang))
            if name and _keep(name, lang) and normalize(name) not in territory_keys[lang] | territory_english:
                names[lang] = name
        english = _city(zone, "en")
        if not english or normalize(english) in territory_english | territory_any or "en" not in names:
            continue  # the zone of a country (Singapore, Jamaica), not a city of its own
        found.append({"code": zone, "label": english, "names": names, "short": {}})
    _mark_shared(found)
    return found


def _mark_shared(found: list[dict]) -> None:
    """Names two places give in one language, or one's label and another's name: ambiguous in both."""
    owners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, place in enumerate(found):
        owners[normalize(place["label"])].append((k, "*"))
        for lang, name in place["names"].items():
            if lang in LANGS:
                owners[normalize(name)].append((k, lang))
        for lang, short in place["short"].items():
            owners.update({normalize(n): [*owners.get(normalize(n), []), (k, lang)] for n in short})
    for place in found:
        place["ambiguous"] = []
    for key, where in owners.items():
        clashing = {
            k for k, lang in where for j, other in where if j != k and ("*" in (lang, other) or lang == other)
        }
        for k in sorted(clashing):
            place = found[k]
            shorts = [n for names in place["short"].values() for n in names]
            text = next(n for n in (place["label"], *place["names"].values(), *shorts) if normalize(n) == key)
            if text not in place["ambiguous"]:
                place["ambiguous"].append(text)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _generated(rest: str) -> str:
    """The first line of a generated file: where it comes from."""
    cldr = babel.core.get_cldr_version()
    return (
        f"# Generated by tools/make_world.py from the Unicode CLDR {cldr} (Babel {babel.__version__}): {rest}"
    )


def render(found: list[dict]) -> str:
    """The world table (``data/world.yaml``): every place, named in ``LANGS``."""
    lines = [
        _generated("do not edit,"),
        "# run `python tools/make_world.py` again. Names: " + ", ".join(LANGS) + ".",
        "description: >-",
        "  Countries, territories, regions and the cities of time zones, named as the Unicode CLDR names",
        "  them; joined by their codes to the entities of other tables (the bundled story table's).",
        "entities:",
    ]
    for place in found:
        lines += [
            f"  - id: {_slug(place['code'])}",
            "    type: place",
            f"    label: {_quote(place['label'])}",
            f"    code: {_quote(place['code'])}",
            "    names:",
        ]
        lines += [
            f"      {lang}: [{', '.join(_quote(n) for n in (name, *place['short'].get(lang, ())))}]"
            for lang, name in place["names"].items()
            if lang in LANGS
        ]
        if place["ambiguous"]:
            lines.append("    ambiguous: [" + ", ".join(map(_quote, place["ambiguous"])) + "]")
        common = sorted({n for lang, n in place["names"].items() if (lang, n) in COMMON})
        if common:
            lines.append("    common: [" + ", ".join(map(_quote, common)) + "]")
    return "\n".join(lines) + "\n"


def render_names(found: list[dict]) -> str:
    """The places' names in ``OTHER_LANGS`` (``data/world-names.json``): JSON, which loads several times
    faster than YAML (the gazetteer reads it whenever it starts), one line per place, by id."""
    lines = [
        "{",
        f'"generated": {json.dumps(_generated("do not edit.").lstrip("# "), ensure_ascii=False)},',
        '"languages": ' + json.dumps(list(OTHER_LANGS)) + ",",
        '"places": {',
    ]
    rows = []
    for place in found:
        names = {
            lang: [name, *place["short"].get(lang, ())]
            for lang, name in place["names"].items()
            if lang in OTHER_LANGS
        }
        if names:
            rows.append(f"{json.dumps(_slug(place['code']))}: {json.dumps(names, ensure_ascii=False)}")
    return "\n".join([*lines, ",\n".join(rows), "}}"]) + "\n"


def entities_json(world: str) -> str:
    """``data/world.json``: the entities of the world table ``world`` (its YAML text) as namenorm loads
    them, for the gazetteer to read fast."""
    import tempfile

    from namenorm.gazetteer import dump_world_entities
    from namenorm.table import load_table

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world.yaml"
        path.write_text(world, encoding="utf-8")
        return dump_world_entities(load_table(path, strict=True).entities, world)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when data/world.yaml is stale")
    args = parser.parse_args(argv)
    found = places()
    world = render(found)
    outputs = {OUT: world, NAMES_OUT: render_names(found), ENTITIES_OUT: entities_json(world)}
    if args.check:
        stale = [path for path, text in outputs.items() if path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path} is stale: run python tools/make_world.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    print(
        f"wrote {len(found)} places to {OUT} (and as loaded to {ENTITIES_OUT}) and their names in "
        f"{', '.join(OTHER_LANGS)} to {NAMES_OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
