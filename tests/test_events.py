"""Events: codebook, actor codes, the event layer on hand-made Docs, and (marked) the trained pipeline."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from newsgraph.facts.actors import ActorCoder
from newsgraph.facts.events import events_from_doc, geocode
from newsgraph.model import Article
from newsgraph.nlp.cameo import codebook
from newsgraph.nlp.events import find_events
from newsgraph.nlp.extensions import register_extensions

from .conftest import SAMPLE_ARTICLE


def test_every_pattern_code_is_in_the_codebook() -> None:
    book = codebook()
    for patterns in book.verbs.values():
        for pattern in patterns:
            assert pattern.code in book.labels and pattern.code in book.plover
    for noun in book.nouns.values():
        assert noun.code in book.labels
        assert {noun.possessor, noun.of} <= {"source", "target", None}
    roots = {code for code in book.labels if len(code) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the head of the Syrian General Intelligence Directorate", "SYRSPY"),
        ("the United States", "USA"),
        ("Syrian rebels", "SYRREB"),
        ("Iran's foreign minister", "IRNGOV"),
        ("Hezbollah", "LBNUAF"),
        ("the Quds Force", "IRNMIL"),
        ("a commander", "---MIL"),
        ("the weather", None),
    ],
)
def test_code_phrase(phrase: str, code: str | None) -> None:
    assert ActorCoder().code_phrase(phrase) == code


def test_syrian_minister_of_defense_is_government_or_military() -> None:
    assert ActorCoder().code_phrase("the Syrian Minister of Defense") in ("SYRGOV", "SYRMIL")


def test_user_names_come_first() -> None:
    coder = ActorCoder({"Gondor": "GON"})
    assert coder.code_phrase("soldiers from Gondor") == "GONMIL"


def test_geocode_falls_back_to_the_city() -> None:
    info = geocode(["Bab Amr", "Homs"])
    assert info is not None and info["name"] == "Homs" and info["country"] == "SYR"
    assert info["precision"] == "city" and info["mentioned"] == "Bab Amr"
    assert geocode(["Syria"])["precision"] == "country"  # type: ignore[index]
    assert geocode(["Nowhere-in-particular"]) is None


def _doc(words: list[str], pos: list[str], deps: list[str], heads: list[int], lemmas: list[str]) -> Doc:
    register_extensions()
    return Doc(spacy.blank("en").vocab, words=words, pos=pos, deps=deps, heads=heads, lemmas=lemmas)


def test_active_and_passive_arguments() -> None:
    doc = _doc(["Iran", "attacked", "Israel"], ["PROPN", "VERB", "PROPN"], ["nsubj", "ROOT", "dobj"], [1, 1, 1],
               ["Iran", "attack", "Israel"])
    (event,) = find_events(doc)
    assert event.code == "190" and not event.negated
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Iran"]
    assert [doc.text[a.start:a.end] for a in event.targets] == ["Israel"]
    doc = _doc(["Ali", "was", "killed", "by", "Iran"], ["PROPN", "AUX", "VERB", "ADP", "PROPN"],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], [2, 2, 2, 2, 3], ["Ali", "be", "kill", "by", "Iran"])
    (event,) = find_events(doc)
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Iran"]
    assert [doc.text[a.start:a.end] for a in event.targets] == ["Ali"]


def test_negated_and_hypothetical() -> None:
    doc = _doc(["Iran", "did", "not", "attack"], ["PROPN", "AUX", "PART", "VERB"], ["nsubj", "aux", "neg", "ROOT"],
               [3, 3, 3, 3], ["Iran", "do", "not", "attack"])
    assert find_events(doc)[0].negated
    doc = _doc(["Iran", "threatened", "to", "attack", "Israel"], ["PROPN", "VERB", "PART", "VERB", "PROPN"],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], [1, 1, 3, 1, 3], ["Iran", "threaten", "to", "attack", "Israel"])
    (threat,) = find_events(doc)  # one act: a threat of force, not a threat and an attack
    assert threat.code == "138" and not threat.hypothetical
    assert [doc.text[a.start:a.end] for a in threat.sources] == ["Iran"]
    assert [doc.text[a.start:a.end] for a in threat.targets] == ["Israel"]


def test_wanting_to_attack_is_a_threat_and_pledging_to_expel_is_the_expulsion() -> None:
    doc = _doc(["Iran", "wants", "to", "attack", "Israel"], ["PROPN", "VERB", "PART", "VERB", "PROPN"],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], [1, 1, 3, 1, 3], ["Iran", "want", "to", "attack", "Israel"])
    (event,) = find_events(doc)
    assert event.code == "138" and event.hypothetical
    doc = _doc(["Qatar", "pledged", "to", "expel", "leaders"], ["PROPN", "VERB", "PART", "VERB", "NOUN"],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], [1, 1, 3, 1, 3], ["Qatar", "pledge", "to", "expel", "leader"])
    (event,) = find_events(doc)
    assert event.lemma == "expel" and event.hypothetical
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Qatar"]


def test_asking_to_help_is_an_appeal_only() -> None:
    doc = _doc(["Congress", "asked", "Obama", "to", "help", "Iran"], ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
               ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"], [1, 1, 1, 4, 1, 4],
               ["Congress", "ask", "Obama", "to", "help", "Iran"])
    (event,) = find_events(doc)
    assert event.code[:2] == "02"


def test_an_alleged_attack_is_an_accusation() -> None:
    words = ["Iraq", "claimed", "that", "ISIL", "attacked", "Mosul"]
    doc = _doc(words, ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PROPN"], ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj"],
               [1, 1, 4, 4, 1, 4], ["Iraq", "claim", "that", "ISIL", "attack", "Mosul"])
    (event,) = [e for e in find_events(doc) if not e.alleged]
    assert event.code == "112"
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Iraq"]
    assert [doc.text[a.start:a.end] for a in event.targets] == ["ISIL"]
    # the deed stays, as alleged by the accusation
    (deed,) = [e for e in find_events(doc) if e.alleged]
    assert deed.code == "190" and deed.reported_by == (event.trigger_start, event.trigger_end)
    assert [doc.text[a.start:a.end] for a in deed.sources] == ["ISIL"]


def test_will_not_cooperate_is_a_refusal() -> None:
    doc = _doc(["Iran", "will", "not", "meet", "Israel"], ["PROPN", "AUX", "PART", "VERB", "PROPN"],
               ["nsubj", "aux", "neg", "ROOT", "dobj"], [3, 3, 3, 3, 3], ["Iran", "will", "not", "meet", "Israel"])
    (event,) = find_events(doc)
    assert event.code == "125" and not event.negated


def test_condemning_an_attack_targets_the_attacker() -> None:
    words = ["Iran", "condemned", "the", "attack", "by", "Israel"]
    doc = _doc(words, ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN"], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
               [1, 1, 3, 1, 3, 4], ["Iran", "condemn", "the", "attack", "by", "Israel"])
    condemn = next(e for e in find_events(doc) if e.lemma == "condemn")
    assert [doc.text[a.start:a.end] for a in condemn.targets] == ["Israel"]


def test_coordinated_nouns_share_their_modifiers() -> None:
    words = ["Syrian", "diplomats", "and", "officials", "met", "Iran"]
    doc = _doc(words, ["ADJ", "NOUN", "CCONJ", "NOUN", "VERB", "PROPN"], ["amod", "nsubj", "cc", "conj", "ROOT", "dobj"],
               [1, 4, 1, 1, 4, 4], ["syrian", "diplomat", "and", "official", "meet", "Iran"])
    (event,) = find_events(doc)
    first, second = event.sources
    assert doc.text[second.start:second.end] == "officials"
    assert [doc.text[s:e] for s, e in second.shared] == ["Syrian"] and not first.shared


def test_well_known_people_are_coded() -> None:
    from newsgraph.facts.actors import known_people

    assert known_people()["vladimir putin"] == "RUSGOV"
    assert all(len(code) >= 3 for code in known_people().values())


def test_light_verb_codes_its_noun() -> None:
    doc = _doc(["Iran", "launched", "an", "attack", "on", "Israel"], ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN"],
               ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], [1, 1, 3, 1, 3, 4],
               ["Iran", "launch", "an", "attack", "on", "Israel"])
    (event,) = find_events(doc)
    assert (event.code, event.lemma, event.pos) == ("190", "attack", "NOUN")
    assert [doc.text[a.start:a.end] for a in event.targets] == ["Israel"]


# -- with the trained pipeline ------------------------------------------------------------------

@pytest.mark.model
def test_events_of_an_article(analyze) -> None:
    analysis = analyze(
        "Iranian commander Qasem Soleimani met Syrian President Bashar al-Assad in Damascus on Monday. "
        "Two days later, Soleimani was killed by the United States near Baghdad airport.",
        published="2020-01-08",
    )
    by_root = {e.root: e for e in analysis.events}
    assert "04" in by_root and "19" in by_root
    meeting, killing = by_root["04"], by_root["19"]
    assert (meeting.date, meeting.date_precision) == ("2020-01-06", "day")
    assert meeting.place_info and meeting.place_info["country"] == "SYR"
    assert killing.date == "2020-01-08"
    assert killing.source_code == "USA"
    assert analysis.entity(killing.target).name.endswith("Soleimani")  # type: ignore[union-attr]
    assert killing.plover == "ASSAULT" and meeting.plover == "CONSULT"


@pytest.mark.model
def test_negated_hypothetical_and_repeated(analyze) -> None:
    analysis = analyze(
        "Hezbollah did not attack Israel in 2019. Iran could attack Israel. "
        "Russia condemned Turkey on Friday. Russia also condemned Turkey on Friday."
    )
    certainties = sorted(e.certainty for e in analysis.events if e.root == "19")
    assert certainties == ["hypothetical", "negated"]
    condemn = [e for e in analysis.events if e.root == "11"]
    assert len(condemn) == 1 and len(condemn[0].reports) == 1


@pytest.mark.model
def test_place_in_a_neighbourhood_falls_back_to_its_city(analyze) -> None:
    analysis = analyze("Syrian troops attacked rebels at Bab Amr in Homs in February 2012.")
    (event,) = [e for e in analysis.events if e.root == "19"]
    assert event.place_info and event.place_info["name"] == "Homs" and event.place_info["precision"] == "city"
    assert (event.date, event.date_precision) == ("2012-02", "month")
    assert event.source_code == "SYRMIL"


_WORDS = ["Iran", "Syria", "Hezbollah", "the United States", "Assad", "the commander", "rebels"]
_VERBS = ["attacked", "met", "visited", "condemned", "did not attack", "could attack", "was killed by"]


@pytest.mark.model
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_VERBS), st.sampled_from(_WORDS),
                          st.sampled_from(["", " in Homs", " on Monday", " last week", " at Bab Amr in Homs"])),
                min_size=1, max_size=4))
def test_event_spans_round_trip(analyze, clauses) -> None:
    text = " ".join(f"{a} {v} {b}{tail}." for a, v, b, tail in clauses)
    analysis = analyze(text, published="2021-05-05")
    for event in analysis.events:
        assert text[event.start:event.end] == event.text
        assert event.trigger and text[event.trigger.start:event.trigger.end] == event.trigger.text
        for report in event.reports:
            assert text[report.start:report.end] == report.text
        assert event.certainty in ("asserted", "hedged", "negated", "hypothetical")


@pytest.mark.model
def test_sample_article(analyzer) -> None:
    if not SAMPLE_ARTICLE.is_file():
        pytest.skip("the sample article is not in ../shared")
    from newsgraph.ingest import read_article

    article = read_article(str(SAMPLE_ARTICLE))
    analysis = analyzer.analyze(article)
    assert analysis.events
    ids = {e.id for e in analysis.entities}
    for event in analysis.events:
        assert article.text[event.start:event.end] == event.text
        assert event.source is None or event.source in ids
        assert event.target is None or event.target in ids
        assert event.date_precision in ("day", "week", "month", "year", "decade", "approximate", "unknown")


def test_no_events_without_annotations() -> None:
    register_extensions()
    doc = spacy.blank("en")("Nothing happens here.")
    assert events_from_doc(doc, [], Article(id="a", text=doc.text)) == []


def test_sending_a_person_is_a_visit_by_the_sender() -> None:
    doc = _doc(["Syria", "sent", "Ali", "to", "Tehran"], ["PROPN", "VERB", "PROPN", "ADP", "PROPN"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj"], [1, 1, 1, 1, 3], ["Syria", "send", "Ali", "to", "Tehran"])
    doc.ents = [Span(doc, 2, 3, label="PERSON")]
    (event,) = find_events(doc)
    assert event.code == "042"
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Syria"]
    assert [doc.text[a.start:a.end] for a in event.targets] == ["Tehran"]


def test_an_event_noun_as_subject_gives_its_actor_and_means() -> None:
    doc = _doc(["A", "US", "drone", "strike", "killed", "Ali"], ["DET", "PROPN", "NOUN", "NOUN", "VERB", "PROPN"],
               ["det", "compound", "compound", "nsubj", "ROOT", "dobj"], [3, 3, 3, 4, 4, 4],
               ["a", "US", "drone", "strike", "kill", "Ali"])
    doc.ents = [Span(doc, 1, 2, label="GPE")]
    (event,) = find_events(doc)  # one event, not a second one for "strike"
    assert event.code == "195" and event.lemma == "kill"
    assert [doc.text[a.start:a.end] for a in event.sources] == ["US"]


def test_without_denies_the_clause() -> None:
    doc = _doc(["He", "left", "without", "consulting", "Zarif"], ["PRON", "VERB", "ADP", "VERB", "PROPN"],
               ["nsubj", "ROOT", "prep", "pcomp", "dobj"], [1, 1, 1, 2, 3], ["he", "leave", "without", "consult", "Zarif"])
    (event,) = find_events(doc)
    assert event.code == "040" and event.negated
    assert [doc.text[a.start:a.end] for a in event.sources] == ["He"]


def test_light_verbs_never_code_a_speech_as_aid() -> None:
    doc = _doc(["Bush", "gave", "a", "speech"], ["PROPN", "VERB", "DET", "NOUN"], ["nsubj", "ROOT", "det", "dobj"],
               [1, 1, 3, 1], ["Bush", "give", "a", "speech"])
    assert [e.code for e in find_events(doc)] == ["010"]


def test_international_bodies_and_titles() -> None:
    from newsgraph.facts.actors import _title_before, merge_codes

    coder = ActorCoder()
    assert coder.code_phrase("the United Nations") == "IGOUNO"  # the CAMEO code of the organisation
    assert coder.code_phrase("UN peacekeeping troops") == "IGOUNOMIL"
    text = "He met Iran’s Foreign Minister Jawad Zarif. Syrian President Bashar al-Assad spoke."
    assert coder.code_phrase(_title_before(text, text.index("Jawad"))) == "IRNGOV"
    assert coder.code_phrase(_title_before(text, text.index("Bashar"))) == "SYRGOV"
    assert merge_codes("---GOV", "IRN") == "IRNGOV"
    assert merge_codes(None, "SYR") == "SYR" and merge_codes("USA", None) == "USA"


@pytest.mark.model
def test_dateline_dates_the_article_and_is_no_actor(analyze) -> None:
    analysis = analyze(
        "DAMASCUS, 10 March 2024 (Wire) - Islamic State fighters attacked a Syrian army convoy on Friday. "
        "Iran, an ally of the government in Damascus, condemned the attack."
    )
    attack = next(e for e in analysis.events if e.root == "19")
    assert attack.date == "2024-03-08" and attack.source_code != "SYR"
    condemn = next(e for e in analysis.events if e.root == "11")
    assert condemn.place is None


@pytest.mark.model
def test_a_question_is_not_told_as_fact(analyze) -> None:
    analysis = analyze("Did Syria attack Israel?")
    assert all(e.certainty == "hypothetical" for e in analysis.events)


def test_a_title_ends_in_a_role_word() -> None:
    from newsgraph.facts.actors import _title_before

    assert _title_before("Syrian President ", 17) == "Syrian President"
    assert _title_before("Did Syrian Intelligence Betray ", 31) == ""
    assert _title_before("Hezbollah. As ", 14) == ""


def test_headline_and_body_reports_merge() -> None:
    from newsgraph.facts.events.merge import _compatible, headline_end

    assert headline_end("Commander Meets Minister\n\nThe minister met him.") == len("Commander Meets Minister")
    assert headline_end("The minister met him.\nMore.") == 0
    assert _compatible("---MIL", "SYRMIL") and _compatible(None, "IRN") and not _compatible("IRN", "SYR")


def _texts(doc: Doc, args: list) -> list[str]:  # type: ignore[type-arg]
    return [doc.text[a.start:a.end] for a in args]


def test_wanting_another_to_act_is_an_appeal_to_them() -> None:
    doc = _doc(["Obama", "wants", "Putin", "to", "attack", "Bree"], ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
               ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj"], [1, 1, 4, 4, 1, 4],
               ["Obama", "want", "Putin", "to", "attack", "Bree"])
    (event,) = find_events(doc)
    assert event.code == "020" and event.lemma == "want"
    assert _texts(doc, event.sources) == ["Obama"] and _texts(doc, event.targets) == ["Putin"]


def test_asking_for_help_is_an_appeal_for_aid() -> None:
    doc = _doc(["Congress", "asked", "Obama", "to", "help", "Iran"], ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN"],
               ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"], [1, 1, 1, 4, 1, 4],
               ["Congress", "ask", "Obama", "to", "help", "Iran"])
    assert [e.code for e in find_events(doc)] == ["023"]


def test_background_clauses_are_not_news() -> None:
    # "the group that has seized towns": a relative clause in the perfect describes the group
    doc = _doc(["Iraq", "fought", "the", "group", "that", "has", "seized", "towns"],
               ["PROPN", "VERB", "DET", "NOUN", "PRON", "AUX", "VERB", "NOUN"],
               ["nsubj", "ROOT", "det", "dobj", "nsubj", "aux", "relcl", "dobj"], [1, 1, 3, 1, 6, 6, 3, 6],
               ["Iraq", "fight", "the", "group", "that", "have", "seize", "town"])
    assert [e.lemma for e in find_events(doc)] == ["fight"]
    # "before leaving for Beijing": a trip still to come only dates the statement
    doc = _doc(["Before", "leaving", "for", "Beijing", ",", "Bush", "praised", "Bree"],
               ["ADP", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN"],
               ["prep", "pcomp", "prep", "pobj", "punct", "nsubj", "ROOT", "dobj"], [6, 0, 1, 2, 6, 6, 6, 6],
               ["before", "leave", "for", "Beijing", ",", "Bush", "praise", "Bree"])
    assert [e.lemma for e in find_events(doc)] == ["praise"]


def test_a_past_act_that_dates_another_stays() -> None:
    doc = _doc(["Ali", "visited", "Homs", "after", "fighters", "attacked", "Palmyra"],
               ["PROPN", "VERB", "PROPN", "SCONJ", "NOUN", "VERB", "PROPN"],
               ["nsubj", "ROOT", "dobj", "mark", "nsubj", "advcl", "dobj"], [1, 1, 1, 5, 5, 1, 5],
               ["Ali", "visit", "Homs", "after", "fighter", "attack", "Palmyra"])
    assert sorted(e.lemma for e in find_events(doc)) == ["attack", "visit"]


def test_the_deed_a_jailing_is_for_is_only_charged() -> None:
    doc = _doc(["Tunisia", "jailed", "Ali", "for", "helping", "militants"],
               ["PROPN", "VERB", "PROPN", "ADP", "VERB", "NOUN"],
               ["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj"], [1, 1, 1, 1, 3, 4],
               ["Tunisia", "jail", "Ali", "for", "help", "militant"])
    assert [e.code[:2] for e in find_events(doc)] == ["17"]


def test_protest_violence_and_its_repression() -> None:
    doc = _doc(["The", "building", "was", "demolished", "by", "protesters"],
               ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN"],
               ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"], [1, 3, 3, 3, 3, 4],
               ["the", "building", "be", "demolish", "by", "protester"])
    assert [e.code for e in find_events(doc)] == ["145"]
    doc = _doc(["Troops", "clashed", "with", "rioters"], ["NOUN", "VERB", "ADP", "NOUN"],
               ["nsubj", "ROOT", "prep", "pobj"], [1, 1, 1, 2], ["troop", "clash", "with", "rioter"])
    assert [e.code for e in find_events(doc)] == ["175"]


def test_force_announced_in_reported_speech_is_a_threat() -> None:
    doc = _doc(["Iran", "said", "it", "will", "attack", "Bree"], ["PROPN", "VERB", "PRON", "AUX", "VERB", "PROPN"],
               ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj"], [1, 1, 4, 4, 1, 4],
               ["Iran", "say", "it", "will", "attack", "Bree"])
    assert "138" in [e.code for e in find_events(doc)]


def test_a_city_inside_a_longer_name_gives_no_country() -> None:
    coder = ActorCoder()
    assert coder.code_phrase("the shootings in South Carolina") is None
    assert coder.code_phrase("officials in Aleppo") == "SYRGOV"
    assert coder.code_phrase("Aleppo City Council") == "SYR"  # a name the city begins
    assert coder.code_phrase("Northern Syria") == "SYR"  # a country counts wherever it stands


def test_killed_in_a_strike_takes_its_doer_and_means() -> None:
    doc = _doc(["Ten", "people", "were", "killed", "in", "an", "air", "strike", "by", "Syria"],
               ["NUM", "NOUN", "AUX", "VERB", "ADP", "DET", "NOUN", "NOUN", "ADP", "PROPN"],
               ["nummod", "nsubjpass", "auxpass", "ROOT", "prep", "det", "compound", "pobj", "prep", "pobj"],
               [1, 3, 3, 3, 3, 7, 7, 4, 7, 8], ["ten", "people", "be", "kill", "in", "an", "air", "strike", "by", "Syria"])
    (event,) = find_events(doc)  # one event, not a second one for the strike
    assert event.code == "195" and event.lemma == "kill"
    assert _texts(doc, event.sources) == ["Syria"] and _texts(doc, event.targets) == ["Ten people"]


# -- actors from the whole phrase (issue 8) ----------------------------------------------------

def _named(analysis, entity_id):  # type: ignore[no-untyped-def]
    entity = analysis.entity(entity_id) if entity_id else None
    return entity.name if entity else None


@pytest.mark.model
def test_an_actor_named_by_its_modifier_gets_the_entity_and_the_role(analyze) -> None:
    analysis = analyze("Iraqi forces shelled a village near Tikrit on Monday.")
    (event,) = [e for e in analysis.events if e.root == "19"]
    assert event.source_code == "IRQMIL"
    assert _named(analysis, event.source) == "Iraqi"


@pytest.mark.model
def test_a_name_deep_inside_a_phrase_gives_no_role(analyze) -> None:
    analysis = analyze("Rebels seized full control of the army's biggest depot.")
    (event,) = [e for e in analysis.events if e.root == "19"]
    assert event.source_code and event.source_code.endswith("REB")
    assert event.target_code is None  # the army owns the depot; the control seized is not the army


@pytest.mark.model
def test_is_peshmerga_and_the_coalition_are_actors(analyze) -> None:
    analysis = analyze("IS fighters attacked Peshmerga positions near Makhmour, and the US-led coalition struck back.")
    by_name = {e.name: e.type for e in analysis.entities}
    assert by_name.get("Islamic State") == "ARMED_GROUP"
    assert by_name.get("Peshmerga") == "ORG" and by_name.get("US-led coalition") == "ORG"
    (attack,) = [e for e in analysis.events if e.trigger and e.trigger.text == "attacked"]
    assert _named(analysis, attack.source) == "Islamic State"
    assert _named(analysis, attack.target) == "Peshmerga" and attack.target_code == "IRQMIL"


# -- alleged acts (issue 8) --------------------------------------------------------------------

def _deed_and_accusation(analysis, trigger: str):  # type: ignore[no-untyped-def]
    (deed,) = [e for e in analysis.events if e.trigger and e.trigger.text == trigger]
    by_id = {e.id: e for e in analysis.events}
    return deed, by_id.get(deed.reported_by)


@pytest.mark.model
def test_an_accusation_keeps_the_alleged_deed_as_its_own_event(analyze) -> None:
    analysis = analyze("The ministry accused the rebels of shelling a hospital in Idlib on Tuesday.", published="2024-03-08")
    deed, accusation = _deed_and_accusation(analysis, "shelling")
    assert accusation is not None and accusation.code == "112" and accusation.certainty == "asserted"
    assert deed.root == "19" and deed.certainty == "alleged"
    assert deed.source_code == "---REB" and accusation.target_code == "---REB"
    assert deed.date == "2024-03-05"
    assert deed.place_info and deed.place_info["name"] == "Idlib"


@pytest.mark.model
def test_said_before_the_act_is_an_accusation_said_after_it_is_not(analyze) -> None:
    analysis = analyze("The army said that rebels had shelled a school in Aleppo.")
    deed, accusation = _deed_and_accusation(analysis, "shelled")
    assert deed.certainty == "alleged" and accusation is not None and accusation.code == "112"
    assert accusation.source_code and accusation.source_code.endswith("MIL")
    analysis = analyze("Rebels shelled a school in Aleppo, the army said.")
    deed, accusation = _deed_and_accusation(analysis, "shelled")
    assert deed.certainty == "asserted" and accusation is None
    assert not [e for e in analysis.events if e.root == "11"]


@pytest.mark.model
def test_a_claim_of_responsibility_keeps_the_deed(analyze) -> None:
    analysis = analyze("Hamas said it fired rockets at Israel on Sunday.")
    deed, claim = _deed_and_accusation(analysis, "fired")
    assert claim is not None and claim.code == "015" and claim.target_code == "ISR"
    assert deed.certainty == "alleged" and analysis.entity(deed.target).name == "Israel"  # type: ignore[union-attr]
    analysis = analyze("Hezbollah claimed responsibility for an attack on Israeli troops near the border.")
    deed, claim = _deed_and_accusation(analysis, "attack")
    assert claim is not None and claim.code == "015" and claim.target_code == "ISRMIL"
    assert deed.certainty == "alleged" and _named(analysis, deed.source) == "Hezbollah"


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Hezbollah reportedly attacked Israeli troops near the border.",
    "According to the ministry, Hezbollah attacked Israeli troops near the border.",
    "Hezbollah is reported to have attacked Israeli troops near the border.",
])
def test_reportedly_and_according_to_are_alleged(analyze, text: str) -> None:
    analysis = analyze(text)
    (deed,) = [e for e in analysis.events if e.root == "19"]
    assert deed.certainty == "alleged"
    assert analysis.entity(deed.source).name == "Hezbollah"  # type: ignore[union-attr]
    assert deed.target_code == "ISRMIL"


@pytest.mark.model
def test_the_subject_of_a_reporting_verb_acts_and_the_object_is_the_target(analyze) -> None:
    analysis = analyze("A Russian military spokesman was quoted as warning the rebels.")
    (event,) = [e for e in analysis.events if e.root == "13"]
    assert (event.source_code, event.target_code) == ("RUSMIL", "---REB")


# -- vocabulary, intents, receiving, mutual acts (issue 8) ---------------------------------------

@pytest.mark.parametrize("lemma", ["retake", "recapture", "liberate"])
def test_retaking_a_town_is_occupying_territory(lemma: str) -> None:
    doc = _doc(["Kurds", lemma + "d", "Manbij"], ["PROPN", "VERB", "PROPN"], ["nsubj", "ROOT", "dobj"], [1, 1, 1],
               ["Kurds", lemma, "Manbij"])
    (event,) = find_events(doc)
    assert event.code == "192"


def test_war_is_a_noun_of_force() -> None:
    assert codebook().nouns["war"].code == "190"
    assert codebook().nouns["exercise"].code == "150"


def test_seeking_to_cooperate_is_an_intent_and_vowing_war_a_threat() -> None:
    doc = _doc(["Oman", "seeks", "to", "deepen", "partnership"], ["PROPN", "VERB", "PART", "VERB", "NOUN"],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], [1, 1, 3, 1, 3], ["Oman", "seek", "to", "deepen", "partnership"])
    (event,) = find_events(doc)
    assert event.code == "031" and event.mutual
    doc = _doc(["Militias", "vowed", "to", "wage", "war", "on", "Kurds"],
               ["NOUN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN"],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj"], [1, 1, 3, 1, 3, 4, 5],
               ["militia", "vow", "to", "wage", "war", "on", "Kurds"])
    codes = {e.code for e in find_events(doc)}
    assert "138" in codes and not codes & {"190"}


def test_receiving_weapons_from_x_is_aid_by_x() -> None:
    doc = _doc(["Rebels", "received", "weapons", "from", "Qatar"], ["NOUN", "VERB", "NOUN", "ADP", "PROPN"],
               ["nsubj", "ROOT", "dobj", "prep", "pobj"], [1, 1, 1, 2, 3], ["rebel", "receive", "weapon", "from", "Qatar"])
    (event,) = find_events(doc)
    assert event.code == "072"
    assert [doc.text[a.start:a.end] for a in event.sources] == ["Qatar"]
    assert [doc.text[a.start:a.end] for a in event.targets] == ["Rebels"]


def test_a_passive_verb_conjoined_to_an_active_one_acts_on_their_subject() -> None:
    words = ["Students", "jailed", "for", "protesting", "were", "freed", "by", "Assad"]
    doc = _doc(words, ["NOUN", "VERB", "ADP", "VERB", "AUX", "VERB", "ADP", "PROPN"],
               ["nsubj", "ROOT", "prep", "pcomp", "auxpass", "conj", "agent", "pobj"], [1, 1, 1, 2, 5, 1, 5, 6],
               ["student", "jail", "for", "protest", "be", "free", "by", "Assad"])
    (freed,) = [e for e in find_events(doc) if e.lemma == "free"]
    assert [doc.text[a.start:a.end] for a in freed.sources] == ["Assad"]
    assert [doc.text[a.start:a.end] for a in freed.targets] == ["Students"]


def test_international_organisations_have_their_cameo_codes() -> None:
    coder = ActorCoder()
    assert coder.code_phrase("the European Union") == "IGOEUREEC"
    assert coder.code_phrase("NATO warplanes") == "IGOWSTNATMIL"


@pytest.mark.model
def test_allies_listed_together_are_co_sources(analyze) -> None:
    analysis = analyze("Iraqi troops and the Peshmerga attacked Islamic State fighters near Mosul on Monday.")
    force = [e for e in analysis.events if e.root == "19"]
    pairs = {(e.source_code, _named(analysis, e.target)) for e in force}
    assert pairs == {("IRQMIL", "Islamic State")}  # both allies are IRQMIL; neither attacks the other
    sources = {_named(analysis, e.source) for e in force} | {
        _named(analysis, e.source) for e in force for _ in e.reports}
    assert "Iraqi" in sources or "Peshmerga" in sources
    analysis = analyze("Iraqi troops and the Peshmerga clashed near Mosul on Monday.")
    clash = [e for e in analysis.events if e.root == "19"]
    assert clash, "a clash between two listed actors is mutual"


@pytest.mark.model
def test_talks_with_unnamed_partners_and_both_sides_of_talks(analyze) -> None:
    analysis = analyze("The Kurdish leader held talks with Iraqi officials in Erbil on Sunday.")
    talks = [e for e in analysis.events if e.root == "04"]
    assert {(e.source_code, e.target_code) for e in talks} >= {("---GOV", "IRQGOV"), ("IRQGOV", "---GOV")}



@pytest.mark.model
def test_a_noun_event_takes_an_unnamed_counterpart(analyzer) -> None:
    doc = analyzer.nlp("The minister's talks with tribal leaders began in Raqqa on Sunday.")
    (talks,) = [m for m in doc._.ng_events if m.lemma == "talk"]
    assert [doc.text[a.start:a.end] for a in talks.targets] == ["tribal leaders"]


@pytest.mark.model
def test_hosting_envoys_is_also_their_visit(analyze) -> None:
    analysis = analyze("Syrian President Bashar al-Assad received Iranian ministers in Damascus on Monday.")
    codes = {(e.code, e.source_code, e.target_code) for e in analysis.events}
    assert ("043", "SYRGOV", "IRNGOV") in codes and ("042", "IRNGOV", "SYRGOV") in codes


@pytest.mark.model
@pytest.mark.parametrize(("text", "named"), [
    ("IS fighters shelled Kurdish positions near Kirkuk.", True),
    ("Iraqi troops drove IS out of the town on Sunday.", True),
    ("The truce IS holding, officials insisted.", False),
    ("WHY THE WAR IS NOT OVER\\nFighting went on in Raqqa on Monday.", False),
])
def test_is_is_the_group_only_where_it_is_a_name(analyze, text: str, named: bool) -> None:
    analysis = analyze(text)
    assert any(e.name == "Islamic State" for e in analysis.entities) is named


@pytest.mark.model
def test_an_apposition_names_the_actor_before_a_modifier_and_stances_name_no_one(analyze) -> None:
    analysis = analyze("The Syrian defence minister, Ali Ayoub, met Iranian envoys in Damascus on Monday.")
    (meeting,) = [e for e in analysis.events if e.root == "04" and e.code != "042"]
    assert _named(analysis, meeting.source) == "Ali Ayoub"
    analysis = analyze("President Bashar al-Assad spoke in Damascus. Assad thanked Russia. Qatar armed the anti-Assad rebellion.")
    assert all(_named(analysis, e.target) != "Bashar al-Assad" and _named(analysis, e.target) != "Assad"
               for e in analysis.events)


@pytest.mark.model
def test_a_story_that_says_is_no_accuser_but_the_deed_is_alleged(analyze) -> None:
    analysis = analyze("One of the stories says that the militia seized a depot in Homs.")
    assert not [e for e in analysis.events if e.root == "11"]
    (deed,) = [e for e in analysis.events if e.root == "17" or e.root == "19"]
    assert deed.certainty == "alleged"
