"""Contract tests for the store: every backend must pass all of them.

A backend is added by adding a param to the ``backend`` fixture; tests that need a
backend-specific trick (a failing trigger, reopening the same database) ask the
:class:`Backend` helper for it. The PostgreSQL param runs against a real server that
tests/pg_server.py starts (marked ``postgres``; see ``pg_server`` in conftest.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsgraph.errors import NotFound, StoreError, StoreNotWritable
from newsgraph.facts import statements_for
from newsgraph.model import Analysis, Article, Entity, Mention, Role, Span, make_id
from newsgraph.store import SQLiteStore, Store, open_store
from newsgraph.store.context import surrounding_sentence
from newsgraph.store.schema import MIGRATIONS_DIR, load_migrations
from newsgraph.store.sql import SQLStore

# -- building analyses by hand ------------------------------------------------------


def span_of(text: str, surface: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Span.of(text, start, start + len(surface))


def entity(
    text: str,
    name: str,
    type: str,
    mentions: list[str | tuple[str, int]],
    aliases: list[str] | None = None,
    roles: list[tuple[str, str]] | None = None,
) -> Entity:
    def mention(m: str | tuple[str, int]) -> Mention:
        return Mention(span_of(text, *m) if isinstance(m, tuple) else span_of(text, m))

    return Entity(
        id=make_id("ent", type, name),
        name=name,
        type=type,
        aliases=aliases or [],
        mentions=[mention(m) for m in mentions],
        roles=[Role(role, span_of(text, surface)) for role, surface in roles or []],
    )


def sentences_of(text: str) -> list[Span]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            spans.append(Span.of(text, start, index + 1))
            start = index + 2
    return spans


TEXT_1 = (
    "Bashar al-Assad met Ali Mamlouk, the head of the National Security Bureau, in Damascus. "
    "Assad later flew to Tehran. Hezbollah fighters crossed into Syria."
)
TEXT_2 = "Assad spoke to reporters in Damascus. Hafez al-Assad ruled Syria for three decades. Assad was calm."


def analysis_1(with_sentences: bool = True) -> Analysis:
    text = TEXT_1
    article = Article(
        id="art-1",
        text=text,
        title="Assad and Mamlouk",
        language="en",
        source="example.org",
        published="2024-05-01",
        url="https://example.org/1",
        author="A. Writer",
        origin="one.txt",
    )
    return Analysis(
        article=article,
        entities=[
            entity(text, "Bashar al-Assad", "PERSON", ["Bashar al-Assad", "Assad"], aliases=["Assad"]),
            entity(
                text,
                "Ali Mamlouk",
                "PERSON",
                ["Ali Mamlouk"],
                roles=[("head of the National Security Bureau", "the head of the National Security Bureau")],
            ),
            entity(text, "Damascus", "GPE", ["Damascus"]),
            entity(text, "Hezbollah", "ARMED_GROUP", ["Hezbollah"], aliases=["Ḥizballah"]),
            entity(text, "Syria", "GPE", ["Syria"]),
            entity(text, "Tehran", "GPE", ["Tehran"]),
        ],
        sentences=sentences_of(text) if with_sentences else [],
        extractor="test-extractor",
        version="1.0",
    )


def analysis_2() -> Analysis:
    text = TEXT_2
    return Analysis(
        article=Article(id="art-2", text=text, title="Second", language="en"),
        entities=[
            entity(
                text,
                "Bashar al-Assad",
                "PERSON",
                ["Assad", ("Assad", 2)],
                aliases=["Assad", "President Assad"],
            ),
            entity(text, "Hafez al-Assad", "PERSON", ["Hafez al-Assad"], aliases=["Assad"]),
            entity(text, "Damascus", "GPE", ["Damascus"]),
            entity(text, "Syria", "GPE", ["Syria"]),
        ],
        sentences=sentences_of(text),
    )


def unanalysed() -> Analysis:
    article = Article(id="art-fr", text="Le président a parlé.", title="Français", language="fr")
    return Analysis(article=article, analysed=False, reason="language fr is not supported")


ASSAD = make_id("ent", "PERSON", "Bashar al-Assad")
HAFEZ = make_id("ent", "PERSON", "Hafez al-Assad")
MAMLOUK = make_id("ent", "PERSON", "Ali Mamlouk")

# -- backends -----------------------------------------------------------------------


@dataclass
class Backend:
    """How to make a store of one kind, and the tricks some tests need."""

    open: Callable[..., SQLStore]
    persistent: bool
    fail_inserts_into: Callable[[SQLStore, str], None]
    fill_up: Callable[[SQLStore], None]


def _sqlite_fail_inserts_into(store: SQLStore, table: str) -> None:
    # A temporary trigger makes the database itself refuse the write, as a full disk would.
    store._conn.execute(
        f"CREATE TEMP TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )


def _sqlite_fill_up(store: SQLStore) -> None:
    # SQLite's own size limit: the database cannot grow by one page, as on a full disk (SQLITE_FULL).
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def _postgres_fail_inserts_into(store: SQLStore, table: str) -> None:
    store._conn.execute(
        "CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$"
    )
    store._conn.execute(f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_insert()")


def _postgres_fill_up(store: SQLStore) -> None:
    # The server's own disk-full error (SQLSTATE 53100, its message word for word) for an
    # article too big for the room left; filling a real disk would need a filesystem of our own.
    store._conn.execute(
        "CREATE OR REPLACE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'could not extend file \"base/1/2\": No space left on device' "
        "USING ERRCODE = 'disk_full', HINT = 'Check free disk space.'; END $$"
    )
    store._conn.execute(
        "CREATE TRIGGER full_articles BEFORE INSERT ON articles FOR EACH ROW "
        "WHEN (length(NEW.text) > 10000) EXECUTE FUNCTION disk_full()"
    )


@pytest.fixture(params=["sqlite-file", "sqlite-memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "postgres":
        from newsgraph.store.postgres import PostgresStore

        url = request.getfixturevalue("pg_url")
        return Backend(
            open=lambda migrations_dir=MIGRATIONS_DIR, readonly=False: PostgresStore(
                url, migrations_dir=migrations_dir, readonly=readonly
            ),
            persistent=True,
            fail_inserts_into=_postgres_fail_inserts_into,
            fill_up=_postgres_fill_up,
        )
    if request.param == "sqlite-file":
        path = tmp_path / "store.db"
        return Backend(
            open=lambda migrations_dir=MIGRATIONS_DIR, readonly=False: SQLiteStore(
                path, migrations_dir=migrations_dir, readonly=readonly
            ),
            persistent=True,
            fail_inserts_into=_sqlite_fail_inserts_into,
            fill_up=_sqlite_fill_up,
        )
    return Backend(
        open=lambda migrations_dir=MIGRATIONS_DIR, readonly=False: SQLiteStore(
            ":memory:", migrations_dir=migrations_dir, readonly=readonly
        ),
        persistent=False,
        fail_inserts_into=_sqlite_fail_inserts_into,
        fill_up=_sqlite_fill_up,
    )


@pytest.fixture
def store(backend: Backend) -> Iterator[SQLStore]:
    with backend.open() as opened:
        yield opened


@pytest.fixture
def full(store: SQLStore) -> SQLStore:
    assert store.save(analysis_1())
    assert store.save(analysis_2())
    assert store.save(unanalysed())
    return store


def empty_counts(store: Store) -> bool:
    return all(count == 0 for count in store.stats().values())


# -- saving ---------------------------------------------------------------------------


def test_save_is_idempotent(store: SQLStore) -> None:
    assert store.save(analysis_1()) is True
    before = store.stats()
    assert store.save(analysis_1()) is False
    assert store.stats() == before
    assert store.has_article("art-1")
    assert not store.has_article("art-404")


def test_article_round_trip(full: SQLStore) -> None:
    assert full.article("art-1") == analysis_1().article
    with pytest.raises(NotFound):
        full.article("art-404")


def test_articles_summaries(full: SQLStore) -> None:
    summaries = {summary.id: summary for summary in full.articles()}
    assert set(summaries) == {"art-1", "art-2", "art-fr"}
    assert summaries["art-1"].entity_count == 6
    assert summaries["art-1"].title == "Assad and Mamlouk"
    assert summaries["art-1"].source == "example.org"
    assert summaries["art-fr"].analysed is False
    assert summaries["art-fr"].reason == "language fr is not supported"
    assert summaries["art-fr"].entity_count == 0
    assert [s.id for s in full.articles()] == ["art-fr", "art-2", "art-1"]  # newest first
    assert len(full.articles(limit=2)) == 2


def test_stats(full: SQLStore) -> None:
    stats = full.stats()
    assert stats["articles"] == 3
    assert stats["analysed"] == 2
    assert stats["entities"] == 7
    assert stats["mentions"] == 12
    assert stats["roles"] == 1
    assert stats["statements"] == len(statements_for(analysis_1())) + len(statements_for(analysis_2())) + len(
        statements_for(unanalysed())
    )


# -- entities -------------------------------------------------------------------------


def test_entities_merge_across_articles_by_id(full: SQLStore) -> None:
    [assad] = [e for e in full.entities() if e.id == ASSAD]
    assert assad.mention_count == 4
    assert assad.article_count == 2
    assert assad.aliases == ["Assad", "President Assad"]
    damascus = full.entity("Damascus")
    assert {a.article_id for a in damascus.appearances} == {"art-1", "art-2"}


def test_entities_ordered_by_mentions(full: SQLStore) -> None:
    counts = [e.mention_count for e in full.entities()]
    assert counts == sorted(counts, reverse=True)
    assert full.entities()[0].id == ASSAD
    assert len(full.entities(limit=2)) == 2


def test_entities_type_filter(full: SQLStore) -> None:
    assert {e.name for e in full.entities(type="GPE")} == {"Damascus", "Syria", "Tehran"}
    assert {e.name for e in full.entities(type="armed_group")} == {"Hezbollah"}
    assert full.entities(type="LAW") == []


def test_entities_search_names_and_aliases(full: SQLStore) -> None:
    assert {e.name for e in full.entities(search="assad")} == {"Bashar al-Assad", "Hafez al-Assad"}
    assert {e.name for e in full.entities(search="PRESIDENT")} == {"Bashar al-Assad"}
    assert {e.name for e in full.entities(search="ḥizb")} == {"Hezbollah"}  # alias, beyond ASCII
    assert {e.name for e in full.entities(search="ḤIZB")} == {"Hezbollah"}
    assert {e.name for e in full.entities(type="GPE", search="a")} == {"Damascus", "Syria", "Tehran"}
    assert full.entities(search="%") == []  # a LIKE wildcard is searched for literally
    assert full.entities(search="_") == []


def test_entity_summary_roles(full: SQLStore) -> None:
    [mamlouk] = full.entities(search="mamlouk")
    assert mamlouk.roles == ["head of the National Security Bureau"]


def test_entity_lookup_by_id_name_alias(full: SQLStore) -> None:
    assert full.entity(ASSAD).id == ASSAD
    assert full.entity("bashar AL-ASSAD").id == ASSAD
    assert full.entity("  President Assad ").id == ASSAD
    assert full.entity("ḤIZBALLAH").name == "Hezbollah"
    with pytest.raises(NotFound):
        full.entity("Nobody at all")


def test_entity_ambiguous_picks_most_mentioned(full: SQLStore) -> None:
    detail = full.entity("Assad")
    assert detail.id == ASSAD
    assert [other.id for other in detail.others] == [HAFEZ]
    assert full.entity(HAFEZ).others == []  # an id names one entity


def test_entity_detail_evidence(full: SQLStore) -> None:
    detail = full.entity("Ali Mamlouk")
    [role] = detail.roles
    assert role.role == "head of the National Security Bureau"
    assert role.article_id == "art-1"
    assert TEXT_1[role.start : role.end] == role.text == "the head of the National Security Bureau"
    [appearance] = detail.appearances
    assert appearance.article_title == "Assad and Mamlouk"
    assert appearance.sentence == (
        "Bashar al-Assad met Ali Mamlouk, the head of the National Security Bureau, in Damascus."
    )
    assert appearance.sentence_start == 0


def test_appearances_use_stored_sentences(full: SQLStore) -> None:
    texts = {"art-1": TEXT_1, "art-2": TEXT_2}
    appearances = full.entity(ASSAD).appearances
    assert len(appearances) == 4
    assert {a.sentence for a in appearances if a.article_id == "art-2"} == {
        "Assad spoke to reporters in Damascus.",
        "Assad was calm.",
    }
    for a in appearances:
        text = texts[a.article_id]
        assert text[a.start : a.end] == a.text
        assert text[a.sentence_start : a.sentence_start + len(a.sentence)] == a.sentence
        assert a.sentence_start <= a.start and a.end <= a.sentence_start + len(a.sentence)


def test_appearances_without_sentences_fall_back_to_context(store: SQLStore) -> None:
    store.save(analysis_1(with_sentences=False))
    [appearance] = store.entity("Tehran").appearances
    assert appearance.sentence == "Assad later flew to Tehran."
    assert TEXT_1[appearance.sentence_start :].startswith(appearance.sentence)


def test_records_to_dict(full: SQLStore) -> None:
    detail = full.entity("Assad").to_dict()
    assert detail["others"][0]["id"] == HAFEZ
    assert set(detail["appearances"][0]) == {
        "article_id",
        "article_title",
        "start",
        "end",
        "text",
        "sentence",
        "sentence_start",
    }
    assert full.articles()[0].to_dict()["id"] == "art-fr"


# -- statements -----------------------------------------------------------------------


def test_statements_are_stored_with_provenance(full: SQLStore) -> None:
    assert set(full.statements(article_id="art-1")) == set(statements_for(analysis_1()))
    names = full.statements(subject=ASSAD, prop="name")
    assert {(s.value, s.article_id) for s in names} == {
        ("Bashar al-Assad", "art-1"),
        ("Bashar al-Assad", "art-2"),
    }
    [title] = full.statements(subject="art-1", prop="title")
    assert (title.value, title.start, title.end) == ("Assad and Mamlouk", None, None)
    assert title.extractor == "test-extractor" and title.version == "1.0"
    for statement in full.statements(prop="mention"):
        text = {"art-1": TEXT_1, "art-2": TEXT_2}[statement.article_id]
        assert text[statement.start : statement.end] == statement.value
    assert full.statements(subject="nobody") == []


# -- all or nothing -------------------------------------------------------------------


def test_database_failure_mid_save_rolls_back(backend: Backend, store: SQLStore) -> None:
    backend.fail_inserts_into(store, "statements")
    with pytest.raises(StoreError, match="injected"):
        store.save(analysis_1())
    assert empty_counts(store)
    assert not store.has_article("art-1")


def test_any_failure_mid_save_rolls_back(store: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    real_insert = store._insert

    def insert(cursor, table, columns, rows):  # type: ignore[no-untyped-def]
        if table == "roles":
            raise RuntimeError("crash after mentions were written")
        real_insert(cursor, table, columns, rows)

    monkeypatch.setattr(store, "_insert", insert)
    with pytest.raises(RuntimeError):
        store.save(analysis_1())
    monkeypatch.undo()
    assert empty_counts(store)
    assert store.save(analysis_1()) is True  # the store is still usable


def big_analysis(article_id: str = "art-big") -> Analysis:
    """An article too long to fit in the free room of a store's pages."""
    text = "Fighting went on near Homs. " * 4000
    return Analysis(Article(id=article_id, text=text, language="en"), sentences=sentences_of(text))


def test_full_store_refuses_the_save_cleanly(
    backend: Backend, store: SQLStore, caplog: pytest.LogCaptureFixture
) -> None:
    backend.fill_up(store)
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreNotWritable, match="art-big.*(full|No space left)"):
        store.save(big_analysis())
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert "Traceback" not in caplog.text
    assert empty_counts(store) and not store.has_article("art-big")
    assert store.save(analysis_1()) is True  # what still fits is stored


def test_span_that_does_not_read_its_text_is_refused(store: SQLStore) -> None:
    broken = analysis_1()
    broken.entities[0].mentions.append(Mention(Span(0, 6, "Hafez!")))
    with pytest.raises(StoreError, match="art-1"):
        store.save(broken)
    assert empty_counts(store)


# -- what differs between databases and must not show ----------------------------------


def _named(article_id: str, text: str, names: list[str]) -> Analysis:
    return Analysis(
        Article(id=article_id, text=text, language="en"),
        entities=[entity(text, name, "PERSON", [name]) for name in names],
    )


def test_names_sort_by_code_point_whatever_the_server_collation(store: SQLStore) -> None:
    names = ["alpha Omar", "Beta Omar", "Émile Omar", "zeta Omar", "Zaid Omar"]
    store.save(_named("art-names", " and ".join(names) + ".", names))
    assert [e.name for e in store.entities(type="PERSON")] == sorted(names)  # ties on mentions: by name


def test_missing_dates_sort_first(store: SQLStore) -> None:
    store.save(analysis_3())  # published 2024-05-04
    store.save(analysis_4())  # no date
    assert [q.id for q in store.quotes()] == ["q-split", "q-1", "q-2"]


def test_numbers_and_coordinates_keep_every_digit(store: SQLStore) -> None:
    from dataclasses import replace

    analysis = analysis_3()
    place = {"name": "Damascus", "country": "SYR", "latitude": 33.513807, "longitude": 36.276528}
    analysis.events = [replace(analysis.events[0], place_info=place)]
    analysis.quantities = [replace(analysis.quantities[0], value=20000.125, value_max=123456789.5)]
    store.save(analysis)
    [event] = store.events()
    assert (event.latitude, event.longitude) == (33.513807, 36.276528)
    [number] = [n for n in store.quantities() if n.value_max is not None]
    assert (number.value, number.value_max) == (20000.125, 123456789.5)


# -- writers at once --------------------------------------------------------------------


def _in_parallel(backend: Backend, *batches: list[Analysis]) -> list[list[bool]]:
    """Each batch saved by a store of its own, all at once: the stores are opened together
    (migrating together when the database is new), then save."""
    start = threading.Barrier(len(batches))

    def write(batch: list[Analysis]) -> list[bool]:
        start.wait(timeout=60)
        with backend.open() as writer:
            return [writer.save(analysis) for analysis in batch]

    with ThreadPoolExecutor(len(batches)) as pool:
        return list(pool.map(write, batches))


def test_two_writers_store_each_article_once(backend: Backend) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be shared")
    backend.open().close()
    batch = [analysis_1(), analysis_2(), analysis_3(), analysis_4(), unanalysed()]
    first, second = _in_parallel(backend, batch, batch[::-1])
    assert [a + b for a, b in zip(first, second[::-1], strict=True)] == [1] * len(batch)
    with SQLiteStore(":memory:") as alone:
        for analysis in batch:
            alone.save(analysis)
        with backend.open() as together:
            assert together.stats() == alone.stats()


def test_two_writers_meet_on_one_person_spelled_two_ways(backend: Backend) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be shared")
    backend.open().close()

    def batch(prefix: str, name: str) -> list[Analysis]:
        return [_named(f"{prefix}{k}", f"{name} spoke in Homs on day {k}.", [name]) for k in range(12)]

    _in_parallel(backend, batch("a", "Hassan Qadiri"), batch("b", "Hasan Kadiri"))
    with backend.open() as store:
        [person] = store.entities(type="PERSON")
        assert person.article_count == 24
        assert {"Hassan Qadiri", "Hasan Kadiri"} <= {person.name, *person.aliases}


def test_two_stores_opening_a_new_database_at_once(backend: Backend) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be shared")
    assert _in_parallel(backend, [analysis_1()], [analysis_2()]) == [[True], [True]]
    with backend.open() as store:
        assert store.schema_version() == LATEST
        assert len(_applied(store)) == len(load_migrations(MIGRATIONS_DIR))


# -- migrations -----------------------------------------------------------------------


def _migrations_with(tmp_path: Path, name: str, sql: str) -> Path:
    folder = tmp_path / "migrations"
    folder.mkdir(exist_ok=True)
    for shipped in MIGRATIONS_DIR.glob("*.sql"):
        (folder / shipped.name).write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / name).write_text(sql, encoding="utf-8")
    return folder


#: The version a new store is at, and the next free one for a test migration.
LATEST = max(m.version for m in load_migrations(MIGRATIONS_DIR))
NEXT = f"{LATEST + 1:04d}"


def _applied(store: SQLStore) -> list[tuple[int, str]]:
    return store._rows("SELECT version, applied_at FROM schema_migrations ORDER BY version")


def test_new_store_is_at_latest_version(store: SQLStore) -> None:
    assert store.schema_version() == LATEST
    assert store.migrate() == []  # up to date: nothing to do


def test_reopening_is_a_no_op(backend: Backend) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be reopened")
    with backend.open() as first:
        first.save(analysis_1())
        applied = _applied(first)
    with backend.open() as again:
        assert _applied(again) == applied
        assert again.has_article("art-1")


def test_later_migration_upgrades_existing_store(backend: Backend, tmp_path: Path) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be reopened")
    with backend.open() as first:
        first.save(analysis_1())
    folder = _migrations_with(
        tmp_path,
        f"{NEXT}_later.sql",
        "-- a later capability\nCREATE TABLE later_facts (id TEXT PRIMARY KEY, article_id TEXT NOT NULL);\n"
        "CREATE INDEX later_facts_article ON later_facts (article_id);\n",
    )
    with backend.open(migrations_dir=folder) as upgraded:
        assert upgraded.schema_version() == LATEST + 1
        assert upgraded._rows("SELECT COUNT(*) FROM later_facts") == [(0,)]
        assert upgraded.has_article("art-1")  # data kept
        assert upgraded.migrate(folder) == []
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1}"):
        backend.open()  # an older newsgraph refuses a newer database


def test_failed_migration_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be reopened")
    backend.open().close()
    folder = _migrations_with(tmp_path, f"{NEXT}_broken.sql", "CREATE TABLE half (id TEXT);\nTHIS IS NOT SQL;\n")
    with pytest.raises(StoreError, match=f"{NEXT}_broken.sql"):
        backend.open(migrations_dir=folder)
    with backend.open() as store:
        assert store.schema_version() == LATEST
        with pytest.raises(store.driver_errors):
            store._rows("SELECT * FROM half")


def test_duplicate_migration_versions_are_refused(backend: Backend, tmp_path: Path) -> None:
    folder = _migrations_with(tmp_path, "0001_again.sql", "CREATE TABLE x (id TEXT);")
    with pytest.raises(StoreError, match="version 1"):
        backend.open(migrations_dir=folder)


# -- errors and lifecycle -------------------------------------------------------------


def test_closed_store_raises(backend: Backend) -> None:
    store = backend.open()
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.stats()


# -- opening read-only ------------------------------------------------------------------


def test_readonly_store_reads_and_refuses_writes(backend: Backend) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store has nothing to read once closed")
    with backend.open() as first:
        first.save(analysis_1())
    with backend.open(readonly=True) as reader:
        assert reader.readonly and reader.has_article("art-1")
        assert [e.name for e in reader.entities(type="PERSON")][:1] == ["Bashar al-Assad"]
        with pytest.raises(StoreError, match="read-only"):
            reader.save(analysis_2())
    with backend.open() as again:
        assert not again.has_article("art-2")


@pytest.mark.parametrize("url", ["{path}", "sqlite:///{path}"])
def test_readonly_open_of_a_missing_store_creates_nothing(tmp_path: Path, url: str) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError) as caught:
        open_store(url.format(path=path), readonly=True)
    assert str(caught.value) == f"no store at {path}; create one with `newsgraph ingest`"
    assert list(tmp_path.iterdir()) == []


def test_readonly_open_changes_nothing_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with SQLiteStore(path) as first:
        first.save(analysis_1())
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()  # as a store copied from elsewhere might be
    before = path.read_bytes()
    with open_store(str(path), readonly=True) as reader:
        assert reader.has_article("art-1")
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_readonly_open_does_not_migrate(backend: Backend, tmp_path: Path) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store has nothing to read once closed")
    old = tmp_path / "old-migrations"
    old.mkdir()
    first = sorted(MIGRATIONS_DIR.glob("*.sql"))[0]
    (old / first.name).write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    backend.open(migrations_dir=old).close()
    with pytest.raises(StoreError, match="schema version 1.*newsgraph ingest"):
        backend.open(readonly=True)
    with backend.open() as upgraded:
        assert upgraded.schema_version() == LATEST


def test_readonly_open_of_a_file_that_is_no_store(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(StoreError, match="not a newsgraph store"):
        open_store(str(path), readonly=True)


class _Unprivileged:
    """Runs a block as the unprivileged user "nobody" when the tests run as root, so that
    file modes apply (root reads and writes whatever the mode); as another user, the modes
    already apply."""

    def __enter__(self) -> None:
        if os.geteuid() == 0:
            os.setegid(65534)
            os.seteuid(65534)

    def __exit__(self, *exc: object) -> None:
        if os.getuid() == 0 and os.geteuid() != 0:
            os.seteuid(0)
            os.setegid(0)


@pytest.fixture
def readonly_folder() -> Iterator[Path]:
    """A folder in the system temp folder ("nobody" cannot enter pytest's own), removed after."""
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-ro-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(stat.S_IRWXU)
    for path in folder.rglob("*"):
        path.chmod(stat.S_IRWXU)
    shutil.rmtree(folder)


@pytest.mark.parametrize("folder_mode", [0o555, 0o777], ids=["read-only folder", "writable folder"])
def test_a_readonly_store_file_can_be_read(readonly_folder: Path, folder_mode: int) -> None:
    path = readonly_folder / "store.db"
    with SQLiteStore(path) as first:
        first.save(analysis_1())
    path.chmod(0o444)
    readonly_folder.chmod(folder_mode)
    with _Unprivileged():
        with pytest.raises(StoreError):
            with SQLiteStore(path) as writer:  # the file really is read-only
                writer.save(analysis_2())
        with open_store(str(path), readonly=True) as reader:
            assert reader.has_article("art-1")
            assert reader.entity("Assad").name == "Bashar al-Assad"
    with SQLiteStore(path, readonly=True) as reader:
        assert not reader.has_article("art-2")


# -- SQLite specifics -----------------------------------------------------------------


def test_sqlite_missing_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "store.db"
    with pytest.raises(StoreError, match="no-such-folder") as caught:
        SQLiteStore(path)
    assert "unable to open" in str(caught.value)


def test_sqlite_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a database") as caught:
        SQLiteStore(path)
    assert str(path) in str(caught.value)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "store.db") as store:
        assert store._rows("PRAGMA journal_mode") == [("wal",)]
        assert store._rows("PRAGMA foreign_keys") == [(1,)]


def test_sqlite_store_is_shared_by_readers(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        writer.save(analysis_1())
        assert reader.has_article("art-1")
        assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)


# -- open_store -----------------------------------------------------------------------


def test_open_store_default_and_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert isinstance(store, SQLiteStore) and store.path == "newsgraph.db"
    assert (tmp_path / "newsgraph.db").exists()
    with open_store("plain.db") as store:
        store.save(analysis_1())
    with open_store("sqlite:///plain.db") as store:
        assert store.has_article("art-1")
    absolute = tmp_path / "abs.db"
    with open_store(f"sqlite:///{absolute}") as store:
        assert Path(store.path) == absolute
    with open_store("sqlite://") as store:
        assert store.path == ":memory:"


def test_open_store_postgres_without_the_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    with pytest.raises(StoreError, match=r"pip install 'newsgraph\[postgres\]'"):
        open_store("postgresql://user:secret@db/news")


def test_open_store_unknown_scheme() -> None:
    with pytest.raises(StoreError, match="mysql"):
        open_store("mysql://db/news")


# -- the fallback sentence ------------------------------------------------------------


# The spans are drawn and then filtered, and CI shares its two cores with nothing but other tests may:
# neither the filtering rate nor a slow example says anything about the code under test.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(
    text=st.text(alphabet="ab .!?\nḤ", max_size=80),
    data=st.data(),
    window_size=st.integers(0, 30),
)
def test_surrounding_sentence_holds_the_mention(text: str, data: st.DataObject, window_size: int) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    # a mention never begins or ends with white space
    assume(end > start and text[start:end] == text[start:end].strip())
    window_start = max(0, start - window_size)
    window = text[window_start : end + window_size]
    offset, sentence = surrounding_sentence(window, window_start, start, end)
    assert text[offset : offset + len(sentence)] == sentence
    assert offset <= start and end <= offset + len(sentence)


# -- quotes, numbers and events ---------------------------------------------------------

TEXT_3 = (
    "Ali Mamlouk said that Hezbollah had 20,000 fighters in Syria. "
    "Other sources report more than 10,000 fighters. Mamlouk met Assad in Damascus on 3 May 2024."
)


def analysis_3() -> Analysis:
    from newsgraph.model import Event, Quantity, Quote, Sentence

    text = TEXT_3
    ents = [
        entity(text, "Ali Mamlouk", "PERSON", ["Ali Mamlouk", "Mamlouk"]),
        entity(text, "Hezbollah", "ARMED_GROUP", ["Hezbollah"]),
        entity(text, "Bashar al-Assad", "PERSON", ["Assad"]),
        entity(text, "Damascus", "GPE", ["Damascus"]),
    ]
    ids = {e.name: e.id for e in ents}

    def span(part: str) -> Span:
        start = text.index(part)
        return Span(start, start + len(part), part)

    def number(part: str, value: float, qualifier: str | None, source: str | None, certainty: str) -> Quantity:
        s = span(part)
        return Quantity(value, qualifier, "fighter", ids["Hezbollah"], source, s.start, s.end, s.text, certainty)

    said = Quote("q-1", ids["Ali Mamlouk"], "named", False, "asserted", span("Ali Mamlouk"), span("said"),
                 span("Hezbollah had 20,000 fighters in Syria"))
    report = Quote("q-2", None, "unnamed", False, "asserted", span("Other sources"), span("report"),
                   span("more than 10,000 fighters"))
    meet = span("Mamlouk met Assad in Damascus on 3 May 2024")
    event = Event("ev-1", "040", "04", "CONSULT", "Consult", ids["Ali Mamlouk"], ids["Bashar al-Assad"],
                  "SYRSPY", "SYRGOV", ids["Damascus"], "2024-05-03", "day", meet.start, meet.end, meet.text,
                  place_info={"name": "Damascus", "country": "SYR", "latitude": 33.5, "longitude": 36.3})
    sentences = [Sentence(s.start, s.end, s.text) for s in sentences_of(text)]
    return Analysis(
        article=Article(id="art-3", text=text, title="Third", language="en", published="2024-05-04"),
        entities=ents, sentences=sentences, quotes=[said, report], events=[event],
        quantities=[number("20,000 fighters", 20000, None, ids["Ali Mamlouk"], "asserted"),
                    number("more than 10,000 fighters", 10000, "more than", None, "asserted")],
    )


def test_quotes_numbers_and_events_are_stored_and_queried(store: Store) -> None:
    analysis = analysis_3()
    assert store.save(analysis)
    mamlouk = store.entity("Ali Mamlouk").id
    hezbollah = store.entity("Hezbollah").id
    by = store.quotes(by=mamlouk)
    assert [q.content for q in by] == ["Hezbollah had 20,000 fighters in Syria"]
    assert by[0].speaker_name == "Ali Mamlouk" and by[0].cue == "said"
    about = store.quotes(about=hezbollah)
    assert [q.id for q in about] == ["q-1"]
    assert {q.source_type for q in store.quotes()} == {"named", "unnamed"}
    numbers = store.quantities(about=hezbollah)
    assert sorted(n.text for n in numbers) == ["20,000 fighters", "more than 10,000 fighters"]
    assert {n.source_name for n in numbers} == {"Ali Mamlouk", None}
    events = store.events(actor=mamlouk)
    assert len(events) == 1 and events[0].target_name == "Bashar al-Assad"
    assert events[0].place_name == "Damascus" and events[0].text.startswith("Mamlouk met")
    assert store.events(code="04") and not store.events(code="19")
    assert store.events(since="2024-05-01") and not store.events(since="2025-01-01")
    assert store.stats()["quotes"] == 2 and store.stats()["events"] == 1


def test_a_quote_span_that_misreads_the_text_stores_nothing(store: Store) -> None:
    from dataclasses import replace

    analysis = analysis_3()
    bad = replace(analysis.quotes[0], cue_span=Span(0, 4, "said"))
    analysis.quotes = [bad, *analysis.quotes[1:]]
    with pytest.raises(StoreError, match="quote"):
        store.save(analysis)
    assert not store.has_article("art-3")


def test_an_event_reported_by_two_articles_is_one_event_with_two_reports(store: Store) -> None:
    from dataclasses import replace

    first = analysis_3()
    store.save(first)
    text = "Two days on, Mamlouk met Assad in Damascus again, officials said."
    meet = "Mamlouk met Assad in Damascus"
    start = text.index(meet)
    event = replace(first.events[0], id="ev-2", start=start, end=start + len(meet), text=meet, date="2024-05-04")
    ents = [e for e in first.entities if e.name in ("Ali Mamlouk", "Bashar al-Assad", "Damascus")]
    moved = []
    for e in ents:
        surface = {"Ali Mamlouk": "Mamlouk", "Bashar al-Assad": "Assad", "Damascus": "Damascus"}[e.name]
        at = text.index(surface)
        moved.append(replace(e, mentions=[Mention(Span(at, at + len(surface), surface))], roles=[]))
    second = Analysis(Article(id="art-4", text=text, language="en"), entities=moved, events=[event])
    assert store.save(second)
    events = store.events(actor=store.entity("Ali Mamlouk").id)
    assert len(events) == 1
    assert (events[0].reports, events[0].articles) == (2, 2)
    far = replace(event, id="ev-3", date="2024-06-20")
    third = Analysis(Article(id="art-5", text=text + " ", language="en"), entities=moved, events=[far])
    store.save(third)
    assert len(store.events(actor=store.entity("Ali Mamlouk").id)) == 2  # weeks apart: another meeting


# -- quotes in parts --------------------------------------------------------------------

TEXT_4 = '"Hezbollah will not leave," Ali Mamlouk said, "until Damascus is safe."'


def analysis_4() -> Analysis:
    from newsgraph.model import Quote

    text = TEXT_4
    ents = [
        entity(text, "Ali Mamlouk", "PERSON", ["Ali Mamlouk"]),
        entity(text, "Hezbollah", "ARMED_GROUP", ["Hezbollah"]),
    ]
    parts = [span_of(text, '"Hezbollah will not leave,"'), span_of(text, '"until Damascus is safe."')]
    said = Quote("q-split", ents[0].id, "named", True, "asserted", span_of(text, "Ali Mamlouk"), span_of(text, "said"),
                 Span.of(text, parts[0].start, parts[-1].end), content_parts=parts)
    return Analysis(article=Article(id="art-4", text=text, title="Fourth", language="en"), entities=ents,
                    quotes=[said])


def test_a_split_quote_keeps_its_parts_and_is_about_what_they_say(store: Store) -> None:
    assert store.save(analysis_4())
    [quote] = store.quotes()
    assert quote.content == TEXT_4  # the envelope, cue and speaker inside
    assert quote.content_parts == ['"Hezbollah will not leave,"', '"until Damascus is safe."']
    assert [q.id for q in store.quotes(about=store.entity("Hezbollah").id)] == ["q-split"]
    # the speaker stands inside the envelope but in no part: the quote is not about him
    assert store.quotes(about=store.entity("Ali Mamlouk").id) == []


def test_a_quote_part_that_misreads_the_text_stores_nothing(store: Store) -> None:
    analysis = analysis_4()
    analysis.quotes[0].content_parts[1] = Span(0, 5, "until")
    with pytest.raises(StoreError, match="part of quote"):
        store.save(analysis)
    assert not store.has_article("art-4")


def test_quotes_stored_before_parts_get_their_whole_content_as_one_part(backend: Backend, tmp_path: Path) -> None:
    if not backend.persistent:
        pytest.skip("an in-memory store cannot be reopened")
    folder = tmp_path / "before-parts"
    folder.mkdir()
    for shipped in MIGRATIONS_DIR.glob("*.sql"):
        if int(shipped.name[:4]) < 5:
            (folder / shipped.name).write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    content = span_of(TEXT_4, '"until Damascus is safe."')
    with backend.open(migrations_dir=folder) as old, old._transaction() as cursor:
        cursor.execute(old._sql("INSERT INTO articles (id, text, analysed, extractor, version, ingested_at) "
                                "VALUES (?, ?, 1, 'test', '0', '2026-12-05')"), ("art-old", TEXT_4))
        cursor.execute(old._sql("INSERT INTO quotes (id, article_id, source_type, direct, certainty, content_start, "
                                "content_end) VALUES ('q-old', 'art-old', 'unnamed', 1, 'asserted', ?, ?)"),
                       (content.start, content.end))
    with backend.open() as upgraded:
        assert [(q.id, q.content_parts) for q in upgraded.quotes()] == [("q-old", [content.text])]


# -- whole-store reads (exports) ------------------------------------------------------------


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_whole_store_reads_yield_every_row_once_in_order(store: Store, batch: int) -> None:
    for analysis in (analysis_1(), analysis_2(), unanalysed(), analysis_3(), analysis_4()):
        assert store.save(analysis)
    articles = list(store.iter_articles(batch=batch))
    assert [a.id for a in articles] == ["art-1", "art-2", "art-3", "art-4", "art-fr"]
    assert {a.id for a in articles} == {s.id for s in store.articles(limit=100)}
    assert store.article("art-3") in articles
    entities = list(store.iter_entities(batch=batch))
    assert entities == sorted(store.entities(limit=1000), key=lambda e: e.id)
    mentions = list(store.iter_mentions(batch=batch))
    assert len(mentions) == store.stats()["mentions"] == len(set(mentions))
    assert mentions == sorted(mentions, key=lambda m: (m.entity_id, m.article_id, m.start, m.end))
    assert all(store.article(m.article_id).text[m.start : m.end] == m.text for m in mentions)
    roles = list(store.iter_roles(batch=batch))
    assert len(roles) == store.stats()["roles"] > 0
    assert {(r.role, r.article_id, r.start) for r in roles if r.entity_id == ASSAD} == {
        (r.role, r.article_id, r.start) for r in store.entity(ASSAD).roles}
    statements = list(store.iter_statements(batch=batch))
    assert sorted(statements, key=lambda s: s.id) == statements
    assert set(statements) == set(store.statements()) and len(statements) == store.stats()["statements"]
    events = list(store.iter_events(batch=batch))
    assert events == store.events(limit=1000)
    reports = list(store.iter_event_reports(batch=batch))
    assert len(reports) == sum(e.reports for e in events) and {r.event_id for r in reports} == {e.id for e in events}
    assert all(store.article(r.article_id).text[r.start : r.end] == r.text for r in reports)
    links = list(store.iter_quote_links(batch=batch))
    mamlouk, hezbollah = store.entity("Ali Mamlouk").id, store.entity("Hezbollah").id
    # q-1 (art-3) names Hezbollah; the split q-split names it in a part, and its speaker stands in no part
    assert {(link.quote_id, link.speaker, link.about) for link in links} == {
        ("q-1", mamlouk, hezbollah), ("q-split", mamlouk, hezbollah)}


def test_places_around_a_claim_come_in_text_order_whatever_the_backend(store: Store) -> None:
    from newsgraph.model import Quantity, Sentence

    # Two places start at one offset (a market and its town) and one is named twice: the order
    # of the context's places must not depend on how the database joins them.
    text = "Shells hit Douma market and Douma town, killing 23 people near Douma."
    ents = [
        entity(text, "Douma market", "FAC", ["Douma market"]),
        entity(text, "Douma", "GPE", ["Douma", ("Douma", 1), ("Douma", 2)]),
        entity(text, "Douma town", "GPE", [("Douma town", 0)]),
    ]
    toll = span_of(text, "23 people")
    analysis = Analysis(
        article=Article(id="art-places", text=text, title="Places", language="en"),
        entities=ents, sentences=[Sentence(0, len(text), text)],
        quantities=[Quantity(23, None, "people", None, None, toll.start, toll.end, toll.text)],
    )
    assert store.save(analysis)
    (context,) = store.claim_contexts().values()
    assert context.sentence == text
    assert context.places == sorted(context.places, key=lambda p: (p[2], p[3], p[0]))
    assert len(context.places) == 5


def test_an_event_code_is_a_prefix_not_a_pattern(store: Store) -> None:
    store.save(analysis_3())
    assert [e.code for e in store.events(code="04")] == ["040"]
    assert [e.code for e in store.events(code="040")] == ["040"]
    for pattern in ("0_", "_4", "%", "0\\"):
        assert store.events(code=pattern) == [], pattern


def test_two_roles_over_one_span_are_marked_in_one_order(store: Store) -> None:
    text = "The envoy, Ali Mamlouk, met reporters in Damascus."
    mamlouk = entity(text, "Ali Mamlouk", "PERSON", ["Ali Mamlouk"],
                     roles=[("security chief", "The envoy"), ("envoy", "The envoy")])
    analysis = Analysis(article=Article(id="art-roles", text=text, title="Roles", language="en"),
                        entities=[mamlouk], sentences=sentences_of(text))
    assert store.save(analysis)
    roles = [m.label for m in store.marks("art-roles") if m.kind == "role"]
    assert roles == ["envoy", "security chief"]
