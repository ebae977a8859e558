"""The corpus reads, the exports, the web API and the event columns on PostgreSQL: the same
Analysis objects saved into a SQLite store and a PostgreSQL store read back the same.

The pipeline runs once for the module (the corpus articles of test_corpus, the export
test's article, the samples, the web payloads); every test compares one read on both stores,
so a query that is not portable shows up as a difference, not as a SQLite-only pass."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import SQLiteStore

pytestmark = [pytest.mark.model, pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def analyses(analyzer) -> list[Any]:
    from newsgraph.ingest import article_from_text, iter_articles
    from tests.test_corpus import ARTICLES
    from tests.test_export import OWN_ARTICLE
    from tests.web.payloads import PIPELINE_ARTICLE, PIPELINE_META, hand_made_analysis

    found = [analyzer.analyze(article_from_text(text, title=title, source=source, published="2026-10-06"))
             for text, source, title in ARTICLES]
    found.append(analyzer.analyze(article_from_text(OWN_ARTICLE, title="Own article")))
    for article in iter_articles([str(REPO / "samples")]):
        assert not isinstance(article, Exception), article
        found.append(analyzer.analyze(article))
    found.append(analyzer.analyze(article_from_text(PIPELINE_ARTICLE, **PIPELINE_META)))
    found.append(hand_made_analysis())
    return found


@pytest.fixture(scope="module")
def stores(analyses, pg_server, tmp_path_factory) -> Iterator[tuple[Any, Any]]:
    """(SQLite store, PostgreSQL store), read-only, holding the same analyses saved in the same order."""
    from newsgraph.store.postgres import PostgresStore

    path = tmp_path_factory.mktemp("pgcheck") / "store.db"
    name = pg_server.create_database()
    url = pg_server.url(name)
    for store in (SQLiteStore(path), PostgresStore(url)):
        with store:
            for analysis in analyses:
                store.save(analysis)
    lite, pg = SQLiteStore(path, readonly=True), PostgresStore(url, readonly=True)
    yield lite, pg
    lite.close()
    pg.close()
    pg_server.drop_database(name)


def both(stores: tuple[Any, Any], read) -> tuple[Any, Any]:
    lite, pg = stores
    return read(lite), read(pg)


# -- corpus: copies, contradictions, corroboration, stats ------------------------------------


def test_copies_are_found_at_save_time_on_both(stores) -> None:
    from newsgraph.corpus import copies

    lite, pg = both(stores, copies)
    assert lite, "the reprint is a copy"
    assert pg == lite
    assert both(stores, lambda s: s.copy_links())[1] == both(stores, lambda s: s.copy_links())[0]
    assert both(stores, lambda s: s.article_sources())[1] == both(stores, lambda s: s.article_sources())[0]


@pytest.mark.parametrize("read", ["contradictions", "corroboration", "corpus_stats"])
def test_corpus_reads_are_the_same_on_both(stores, read: str) -> None:
    import newsgraph.corpus as corpus

    lite, pg = both(stores, getattr(corpus, read))
    assert lite
    assert pg == lite


def test_corpus_reads_about_one_entity_are_the_same_on_both(stores) -> None:
    from newsgraph.corpus import contradictions, corroboration

    for entity in stores[0].entities(limit=30):
        for read in (contradictions, corroboration):
            lite, pg = both(stores, lambda s, read=read, entity=entity: read(s, about=entity.id))
            assert pg == lite, (read.__name__, entity.name)


def test_corpus_finds_the_contradictions_on_postgres(stores) -> None:
    from newsgraph.corpus import contradictions, corpus_stats

    kinds = sorted(c["kind"] for c in contradictions(stores[1])["contradictions"])
    assert kinds.count("number") >= 1 and kinds.count("denial") >= 1
    assert corpus_stats(stores[1])["duplicates"] >= 1


def test_claim_contexts_and_reports_are_the_same_on_both(stores) -> None:
    lite, pg = both(stores, lambda s: s.claim_contexts())
    assert lite and pg == lite
    ids = [e.id for e in stores[0].events(limit=1000)]
    lite, pg = both(stores, lambda s: s.reports_of(ids))
    assert lite and pg == lite


# -- events: the columns of migration 0007 and alleged_by ----------------------------------------


def test_events_read_the_same_with_their_place_columns(stores) -> None:
    lite, pg = both(stores, lambda s: s.events(limit=1000))
    assert lite and pg == lite
    for a, b in zip(lite, pg, strict=True):
        assert type(a.place_inferred) is bool and type(b.place_inferred) is bool
    assert any(e.alleged_by for e in pg), "some sample event is alleged by a speaker"
    assert any(e.admin1 for e in pg) or not any(e.admin1 for e in lite)
    assert list(stores[1].iter_events(batch=3)) == list(stores[0].iter_events(batch=3))


def test_whole_store_iterators_page_the_same(stores) -> None:
    for read in ("iter_articles", "iter_entities", "iter_mentions", "iter_roles", "iter_statements",
                 "iter_event_reports", "iter_quote_links"):
        lite, pg = both(stores, lambda s, read=read: list(getattr(s, read)(batch=7)))
        assert lite, read
        assert pg == lite, read


def test_marks_are_the_same_on_both(stores) -> None:
    for article in stores[0].iter_articles():
        lite, pg = both(stores, lambda s, article=article: s.marks(article.id))
        assert pg == lite, article.id


# -- exports ---------------------------------------------------------------------------------


def _export(store: Any, fmt: str) -> bytes:
    from newsgraph.export import export_store

    out = io.BytesIO()
    export_store(store, fmt, out)
    return out.getvalue()


def _lines(data: bytes) -> list[Any]:
    return sorted((json.loads(line) for line in data.decode().splitlines() if line.strip()),
                  key=lambda obj: json.dumps(obj, sort_keys=True))


def _graph(data: bytes, fmt: str) -> tuple[Any, Any]:
    import networkx

    graph = (networkx.read_graphml if fmt == "graphml" else networkx.read_gexf)(io.BytesIO(data))
    nodes = sorted((str(n), sorted(d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((str(u), str(v), sorted(d.items())) for u, v, d in graph.edges(data=True))
    return nodes, edges


@pytest.mark.parametrize("fmt", ["jsonl", "ftm", "events-csv", "graphml", "gexf"])
def test_each_export_from_postgres_loads_back_equal_to_sqlites(stores, fmt: str) -> None:
    if fmt in ("ftm", "graphml", "gexf"):
        pytest.importorskip({"ftm": "followthemoney"}.get(fmt, "networkx"))
    lite, pg = both(stores, lambda s: _export(s, fmt))
    assert lite
    if fmt in ("jsonl", "ftm"):
        assert _lines(pg) == _lines(lite)
    elif fmt == "events-csv":
        rows = [sorted(csv.reader(io.StringIO(data.decode()))) for data in (lite, pg)]
        assert len(rows[0]) > 1 and rows[1] == rows[0]
    else:
        assert _graph(pg, fmt) == _graph(lite, fmt)


# -- web API ---------------------------------------------------------------------------------


def test_web_api_answers_the_same_on_both(stores) -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    lite_store, pg_store = stores
    with TestClient(create_app(str(lite_store.location))) as lite, TestClient(create_app(pg_store.url)) as pg:
        paths = ["/api/overview", "/api/entities?limit=200", "/api/articles?limit=200", "/api/quotes?limit=200",
                 "/api/events?limit=200", "/api/numbers?limit=200", "/api/entities?type=person&limit=5"]
        articles = lite.get("/api/articles", params={"limit": 200}).json()["items"]
        entities = lite.get("/api/entities", params={"limit": 200}).json()["items"]
        paths += [f"/api/articles/{a['id']}" for a in articles]
        paths += [f"/api/entities/{e['id']}" for e in entities[:40]]
        # Filters and later pages: LIKE on keys, CAMEO prefixes, dates, ties cut by LIMIT/OFFSET.
        for listing in ("entities", "articles", "quotes", "events", "numbers"):
            paths += [f"/api/{listing}?page=2&limit=3", f"/api/{listing}?page=3&limit=2"]
        paths += ["/api/entities?q=assad", "/api/entities?q=ASSAD", "/api/entities?q=al-", "/api/entities?q=%25",
                  "/api/entities?q=_", "/api/events?code=1", "/api/events?code=19", "/api/events?since=2024-03",
                  "/api/events?since=2024-03-12"]
        for e in entities[:8]:
            paths += [f"/api/quotes?by={e['id']}", f"/api/quotes?about={e['id']}", f"/api/numbers?about={e['id']}",
                      f"/api/events?actor={e['id']}"]
        for path in paths:
            a, b = lite.get(path), pg.get(path)
            assert a.status_code == 200, path
            assert b.status_code == 200, path
            assert b.json() == a.json(), path
