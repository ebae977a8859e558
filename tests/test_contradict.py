"""The contradiction rules that need no pipeline: places and dates of one event, toll words."""

from __future__ import annotations

from types import SimpleNamespace

from newsgraph.corpus.contradict import _disagreement
from newsgraph.corpus.tolls import _toll_class, is_country, is_toll


def event(place: str | None, date: str, lat: float | None = None, lon: float | None = None,
          name: str | None = None, precision: str = "day") -> SimpleNamespace:
    return SimpleNamespace(place=place, place_name=name or place, latitude=lat, longitude=lon, date=date,
                           date_precision=precision)


def test_one_day_in_two_places_far_apart_is_a_place_contradiction():
    aleppo = event("ent-aleppo", "2026-10-05", 36.20, 37.16, "Aleppo")
    homs = event("ent-homs", "2026-10-05", 34.73, 36.72, "Homs")
    assert _disagreement(aleppo, homs) == "place"


def test_a_town_and_its_country_or_a_nearby_district_do_not_contradict():
    aleppo = event("ent-aleppo", "2026-10-05", 36.20, 37.16, "Aleppo")
    syria = event("ent-syria", "2026-10-05", 35.0, 38.0, "Syria")
    suburb = event("ent-suburb", "2026-10-05", 36.25, 37.20, "Suburb")
    assert _disagreement(aleppo, syria) is None
    assert _disagreement(aleppo, suburb) is None


def test_one_place_on_days_close_together_is_a_date_contradiction_and_a_month_apart_is_not():
    assert _disagreement(event("ent-douma", "2026-10-05"), event("ent-douma", "2026-10-07")) == "date"
    assert _disagreement(event("ent-douma", "2026-10-05"), event("ent-douma", "2026-11-07")) is None
    assert _disagreement(event("ent-douma", "2026-10"), event("ent-douma", "2026-10-07", precision="month")) is None


def test_the_nearest_toll_word_says_what_a_count_counts():
    sentence = "The raid killed 12 people and wounded 30 others in the town."
    assert _toll_class(sentence, sentence.index("12"), sentence.index("12") + 9) == "deaths"
    assert _toll_class(sentence, sentence.index("30"), sentence.index("30") + 2) == "wounded"
    plain = "The convoy carried 12 people across the border."
    assert _toll_class(plain, plain.index("12"), plain.index("12") + 9) is None


def test_tolls_and_countries_are_told_apart():
    assert is_toll("deaths") and is_toll("deaths (civilian)") and not is_toll("strength")
    assert is_country("Syria") and not is_country("Aleppo")
