"""Full-text search (store/search.py) on every backend of the contract suite, the migration that
indexes a store saved before it, and the CLI."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.model import Analysis, Article, Quote
from newsgraph.store import SQLiteStore
from newsgraph.store.sql import SQLStore
from tests.test_store import (  # noqa: F401  (fixtures)
    ASSAD,
    Backend,
    analysis_1,
    analysis_2,
    backend,
    entity,
    span_of,
    store,
    unanalysed,
)

QUOTE_TEXT = 'The minister said: "The convoy of grain reached Aleppo at dawn." Nobody denied it.'


def quoted() -> Analysis:
    text = QUOTE_TEXT
    minister = entity(text, "The minister", "PERSON", ["The minister"])
    quote = Quote(
        id="q-convoy",
        speaker=minister.id,
        source_type="person",
        direct=True,
        certainty="asserted",
        source_span=span_of(text, "The minister"),
        cue_span=span_of(text, "said"),
        content_span=span_of(text, "The convoy of grain reached Aleppo at dawn."),
    )
    return Analysis(article=Article(id="art-q", text=text, title="Grain convoy", language="en"),
                    entities=[minister], quotes=[quote])


@pytest.fixture
def searchable(store: SQLStore) -> SQLStore:  # noqa: F811  (the contract suite's, on each backend)
    opened = store
    for analysis in (analysis_1(), analysis_2(), unanalysed(), quoted()):
        assert opened.save(analysis)
    return opened


def test_articles_found_by_words_of_their_text_with_the_match_span(searchable: SQLStore) -> None:
    hits = searchable.search("Tehran", kinds=("article",))
    assert [h.id for h in hits] == ["art-1"]
    hit = hits[0]
    text = searchable.article("art-1").text
    assert text[hit.start:hit.end] == "Tehran"
    assert "Tehran" in hit.snippet and hit.title == "Assad and Mamlouk"


def test_every_word_is_required_in_any_case(searchable: SQLStore) -> None:
    assert {h.id for h in searchable.search("damascus", kinds=("article",))} == {"art-1", "art-2"}
    assert [h.id for h in searchable.search("DAMASCUS three decades", kinds=("article",))] == ["art-2"]
    assert searchable.search("Damascus Aleppo", kinds=("article",)) == []


def test_entities_found_by_alias_once_each(searchable: SQLStore) -> None:
    hits = searchable.search("President", kinds=("entity",))
    assert [(h.kind, h.id, h.title) for h in hits] == [("entity", ASSAD, "Bashar al-Assad")]
    assert hits[0].start is None and hits[0].article_id is None
    assert len({h.id for h in searchable.search("Assad", kinds=("entity",))}) == len(
        searchable.search("Assad", kinds=("entity",))
    )


def test_quotes_found_with_speaker_and_span(searchable: SQLStore) -> None:
    hits = searchable.search("grain", kinds=("quote",))
    assert [(h.kind, h.id, h.article_id, h.title) for h in hits] == [("quote", "q-convoy", "art-q", "The minister")]
    assert QUOTE_TEXT[hits[0].start:hits[0].end] == "grain"
    assert {h.kind for h in searchable.search("grain")} == {"article", "quote"}


def test_paging_walks_all_results_without_repeats(searchable: SQLStore) -> None:
    everything = searchable.search("Assad", limit=100)
    pages = [h for offset in range(0, len(everything), 2) for h in searchable.search("Assad", limit=2, offset=offset)]
    assert [(h.kind, h.id) for h in pages] == [(h.kind, h.id) for h in everything]
    assert len(everything) >= 4


@pytest.mark.parametrize(
    "text", ['"', '"unclosed', "AND(", "*", "Assad*", "NOT", "a OR", "-Assad", "NEAR(x y)", "'; DROP TABLE articles; --",
             "%_\\", "^col:", "(((", "Ḥizballah"],
)
def test_query_syntax_in_user_text_is_not_an_error(searchable: SQLStore, text: str) -> None:
    hits = searchable.search(text)
    assert all(h.kind in ("article", "entity", "quote") for h in hits)
    assert searchable.has_article("art-1")


def test_operators_are_only_words(searchable: SQLStore) -> None:
    # "OR" is searched for as a word, not as an operator widening the search.
    assert searchable.search("Tehran OR Aleppo", kinds=("article",)) == []
    assert [h.id for h in searchable.search("Assad*", kinds=("article",))] == [
        h.id for h in searchable.search("Assad", kinds=("article",))
    ]
    assert [h.id for h in searchable.search("Ḥizballah", kinds=("entity",))] != []


def test_unknown_kind_and_negative_paging_are_input_errors(searchable: SQLStore) -> None:
    with pytest.raises(InputError):
        searchable.search("Assad", kinds=("tweet",))
    with pytest.raises(InputError):
        searchable.search("Assad", offset=-1)
    assert searchable.search("   ") == []


def test_an_entity_named_by_a_later_article_is_indexed_once(store: SQLStore) -> None:  # noqa: F811
    opened = store
    assert opened.save(analysis_1())
    assert opened.save(analysis_2())  # names Bashar al-Assad again, with a new alias
    assert [h.id for h in opened.search("President Assad", kinds=("entity",))] == [ASSAD]
    assert len(opened.search("Bashar", kinds=("entity",))) == 1


def test_migration_indexes_a_store_saved_before_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with SQLiteStore(db) as before:
        for analysis in (analysis_1(), analysis_2(), quoted()):
            before.save(analysis)
    # Back to the schema before 0011: what a store saved by an older newsgraph holds.
    with sqlite3.connect(db) as conn:
        conn.executescript(
            "DROP TABLE search_fts; DROP TABLE search_docs; DELETE FROM schema_migrations WHERE version >= 11;"
        )
    with SQLiteStore(db) as after:
        assert after.schema_version() >= 11
        assert {h.id for h in after.search("Damascus", kinds=("article",))} == {"art-1", "art-2"}
        assert [h.id for h in after.search("President", kinds=("entity",))] == [ASSAD]
        assert [h.id for h in after.search("convoy", kinds=("quote",))] == ["q-convoy"]
        after.save(dataclasses.replace(analysis_1(), article=dataclasses.replace(analysis_1().article, id="art-9")))
        assert {h.id for h in after.search("Tehran", kinds=("article",))} == {"art-1", "art-9"}


def test_cli_search(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    db = tmp_path / "s.db"
    with SQLiteStore(db) as s:
        s.save(analysis_1())
        s.save(quoted())

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["search", *args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = json.loads(run("grain", "--format", "json"))
    assert {(r["kind"], r["id"]) for r in rows} == {("article", "art-q"), ("quote", "q-convoy")}
    out = run("grain", "--kind", "quote", "--limit", "5")
    assert "q-convoy" in out and "art-q" in out and "The minister" in out and "Grain convoy" not in out
    assert [r["id"] for r in json.loads(run('"AND(', "--format", "json"))] == ["art-1"]  # the word "and"
    assert run("zzzz") == "nothing found\n"


def test_migration_indexes_a_store_saved_before_it_on_every_backend(backend: Backend) -> None:  # noqa: F811
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be reopened")
    with backend.open() as before:
        for analysis in (analysis_1(), quoted()):
            before.save(analysis)
        # Back to the schema before 0011, in the backend's own words.
        drop = "DROP TABLE search_fts; DROP TABLE search_docs" if before.dialect == "sqlite" else "DROP TABLE search_docs"
        with before._transaction() as cursor:
            for statement in drop.split("; "):
                cursor.execute(statement)
            cursor.execute("DELETE FROM schema_migrations WHERE version >= 11")
    with backend.open() as after:
        assert after.schema_version() >= 11
        assert [h.id for h in after.search("Tehran", kinds=("article",))] == ["art-1"]
        assert [h.id for h in after.search("grain convoy", kinds=("quote",))] == ["q-convoy"]
        assert [h.title for h in after.search("Mamlouk", kinds=("entity",))] == ["Ali Mamlouk"]
