"""The entity layer on hand-written news prose, through the real pipeline."""

from __future__ import annotations

import pytest

from tests.conftest import by_name

pytestmark = pytest.mark.model


def test_one_name_one_type_across_the_article(analyze):
    text = (
        "Hamid Farahani arrived in Beirut on Monday. Farahani met officials of Hezbollah. "
        "Later, Farahani visited Damascus, where Farahani spoke to reporters. "
        "Officials said Farahani would return to Tehran."
    )
    analysis = analyze(text)
    person = by_name(analysis, "Hamid Farahani")
    assert person.type == "PERSON"
    assert len(person.mentions) == 5
    assert not [e for e in analysis.entities if e.name == "Farahani" and e.type != "PERSON"]


def test_partial_names_resolve_to_full_names_without_over_merging(analyze):
    text = (
        "Defence Minister Ali Ayoub met Ali Mamlouk, the head of the National Security Bureau, in Damascus. "
        "Ayoub later told reporters the talks went well. Mamlouk did not comment."
    )
    analysis = analyze(text)
    ayoub = by_name(analysis, "Ali Ayoub")
    mamlouk = by_name(analysis, "Ali Mamlouk")
    assert ayoub.id != mamlouk.id
    assert "Ayoub" in ayoub.aliases and "Mamlouk" in mamlouk.aliases
    assert ayoub.name == "Ali Ayoub"  # the title is not part of the name


def test_titles_and_appositions_become_roles(analyze):
    text = (
        "Prime Minister Karim Haddad travelled to Tehran. "
        "Samir Nasser, the head of the Air Force Intelligence Directorate, joined him. "
        "Lina Khoury, an analyst specialised in the Syrian conflict, said the trip mattered."
    )
    analysis = analyze(text)
    roles = {e.name: [r.role for r in e.roles] for e in analysis.entities}
    assert "Prime Minister" in roles["Karim Haddad"]
    assert any("head of the Air Force Intelligence Directorate" in r for r in roles["Samir Nasser"])
    assert any(r.startswith("analyst") for r in roles["Lina Khoury"])
    for entity in analysis.entities:
        for role in entity.roles:
            assert analysis.article.text[role.span.start : role.span.end] == role.span.text


def test_transliteration_variants_and_arabic_script_join_one_entity(analyze):
    text = (
        "Qasem Farahani commanded the unit for a decade.\n\n"
        "قاسم فراهاني\n\n"
        "Analysts said Qasim Farahani had built the force from nothing, and Farahani rarely spoke in public."
    )
    analysis = analyze(text)
    person = by_name(analysis, "Qasem Farahani")
    assert {"Qasim Farahani", "قاسم فراهاني", "Farahani"} <= set(person.aliases)
    assert person.type == "PERSON"


def test_lexicon_aliases_resolve_to_the_canonical_group(analyze):
    text = (
        "Fighters of the Islamic State attacked the town. Daesh later claimed the attack, "
        "and ISIS supporters shared videos. Hezbollah and the IRGC condemned it."
    )
    analysis = analyze(text)
    group = by_name(analysis, "Islamic State")
    assert group.type == "ARMED_GROUP"
    assert {"Daesh", "ISIS"} <= set(group.aliases)
    assert by_name(analysis, "Hezbollah").type == "ARMED_GROUP"
    assert by_name(analysis, "IRGC").name == "Islamic Revolutionary Guard Corps"


def test_title_case_headings_give_no_junk_entities(analyze):
    text = (
        "Farahani Saved Haddad from the Fate of His Predecessor\n\n"
        "Hamid Farahani, a senior commander, arrived in Homs in 2015. "
        "Farahani worked with Karim Haddad for years, and Haddad trusted him."
    )
    analysis = analyze(text)
    names = {e.name for e in analysis.entities}
    assert not any("Saved" in n or n == "Fate" or "Fate of" in n for n in names)
    # the heading's real names are kept, as mentions of the body's entities
    heading_end = text.index("\n")
    person = by_name(analysis, "Hamid Farahani")
    assert any(m.span.end <= heading_end for m in person.mentions)


def test_places_are_typed_by_the_gazetteer(analyze):
    analysis = analyze("Clashes were reported in Homs and Idlib, and the Syrian army moved troops from Latakia.")
    for name in ("Homs", "Idlib", "Latakia"):
        assert by_name(analysis, name).type == "GPE"


def test_not_english_is_stored_but_not_analysed(analyze):
    analysis = analyze(
        "Le ministre syrien de la Défense a rencontré hier à Damas un haut responsable iranien. "
        "Selon des sources proches du dossier, les deux hommes ont discuté de la sécurité."
    )
    assert analysis.analysed is False
    assert "language" in analysis.reason
    assert analysis.entities == []


def test_sample_article_types_are_consistent(sample_analysis):
    """On the real article: every surface form belongs to exactly one entity, and every span round-trips."""
    text = sample_analysis.article.text
    owner: dict[str, str] = {}
    for entity in sample_analysis.entities:
        for mention in entity.mentions:
            assert text[mention.span.start : mention.span.end] == mention.span.text
            assert owner.setdefault(mention.span.text, entity.id) == entity.id, mention.span.text


def test_a_place_after_the_apposition_is_not_part_of_the_role(analyze):
    analysis = analyze("Karim Haddad met Hasan Kadiri, a commander in the Quds Force, in Damascus on Tuesday.")
    roles = [r.role for r in by_name(analysis, "Hasan Kadiri").roles]
    assert roles == ["commander in the Quds Force"]
