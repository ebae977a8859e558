"""Resolution across articles: spelling variants of one full name meet in the store."""

from __future__ import annotations

from pathlib import Path

from newsgraph.model import Analysis, Article, Entity, Mention, Quote, Span
from newsgraph.resolve.across import match_key, names_alike, relink
from newsgraph.store import open_store


def test_spelling_variants_share_a_key_and_look_alike():
    assert match_key("Hasan Kadiri", "PERSON") == match_key("Hassan Qadiri", "PERSON")
    assert names_alike("Hasan Kadiri", "Hassan Qadiri")
    assert names_alike("Qasim Soleimani", "Qasem Suleimani")
    assert names_alike("قاسم سليماني", "Qasem Soleimani")


def test_different_people_are_not_linked():
    # Hassan and Hussein share a phonetic key; their letters do not agree
    assert not names_alike("Hussein Qadiri", "Hassan Qadiri")
    assert not names_alike("Ali Ayoub", "Ali Mamlouk")
    assert match_key("Assad", "PERSON") is None  # a single name is never linked across articles
    assert match_key("Syrian Army", "ORG") is None


def _analysis(article_id: str, text: str, name: str) -> Analysis:
    start = text.index(name)
    person = Entity(f"ent-{article_id}", name, "PERSON", [name], [], [Mention(Span(start, start + len(name), name))])
    cue = text.index("said")
    quote = Quote(f"q-{article_id}", person.id, "named", False, "asserted", Span(start, start + len(name), name),
                  Span(cue, cue + 4, "said"), Span(cue + 5, len(text) - 1, text[cue + 5 : -1]))
    return Analysis(Article(article_id, text, language="en"), entities=[person], quotes=[quote])


def test_relink_moves_every_reference():
    analysis = _analysis("a1", "Hasan Kadiri said the talks went well.", "Hasan Kadiri")
    moved = relink(analysis, {"ent-a1": ("ent-stored", "Hassan Qadiri")})
    assert [e.id for e in moved.entities] == ["ent-stored"]
    assert moved.entities[0].name == "Hassan Qadiri"
    assert "Hasan Kadiri" in moved.entities[0].aliases
    assert moved.quotes[0].speaker == "ent-stored"


def test_store_links_a_variant_spelling_to_the_stored_person(tmp_path: Path):
    with open_store(str(tmp_path / "x.db")) as store:
        store.save(_analysis("a1", "Hassan Qadiri said Damascus was calm.", "Hassan Qadiri"))
        store.save(_analysis("a2", "Hasan Kadiri said the talks went well.", "Hasan Kadiri"))
        store.save(_analysis("a3", "Hussein Qadiri said nothing new.", "Hussein Qadiri"))
        person = store.entity("Hasan Kadiri")
        assert person.name == "Hassan Qadiri"
        assert {"Hassan Qadiri", "Hasan Kadiri"} <= set(person.aliases)
        assert {a.article_id for a in person.appearances} == {"a1", "a2"}
        assert len(store.quotes(by=person.id)) == 2
        assert store.entity("Hussein Qadiri").id != person.id


def test_dates_agree_within_the_window_and_by_precision():
    from newsgraph.resolve.across import dates_agree

    assert dates_agree("2024-03-12", "2024-03-14")
    assert not dates_agree("2024-03-12", "2024-03-20")
    assert dates_agree("2024-03", "2024-03-20") and not dates_agree("2024-04", "2024-03-20")
    assert dates_agree(None, "2024-03-20")


def test_reports_of_one_event_need_the_same_code_family_and_actors():
    from newsgraph.resolve.across import same_reported_event

    base = ("04", "ent-a", "ent-b", "ent-damascus", "2024-03-12")
    assert same_reported_event(base, ("04", "ent-a", "ent-b", None, "2024-03-13"))
    assert not same_reported_event(base, ("19", "ent-a", "ent-b", "ent-damascus", "2024-03-12"))
    assert not same_reported_event(base, ("04", "ent-a", "ent-c", "ent-damascus", "2024-03-12"))
    assert not same_reported_event(base, ("04", "ent-a", "ent-b", "ent-homs", "2024-03-12"))
    assert not same_reported_event(("04", None, None, None, None), ("04", None, None, None, None))
