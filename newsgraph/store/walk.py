"""Whole-store reads for exports: every row of a table, a page at a time.

Keyset paging: each page is one query that starts after the last key of the page before,
so nothing is rescanned (as OFFSET would) and no cursor or lock is held while the caller
works on a page; a store larger than memory can be written out. The SQL store passes a
``run`` function that executes one query under its lock and error guard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from newsgraph.model import Article, Statement
from newsgraph.store.base import EntityMention, EntityRole, EventReport, QuoteLink

__all__ = [
    "article_rows",
    "entity_pages",
    "event_id_pages",
    "event_reports",
    "mentions",
    "pages",
    "quote_links",
    "roles",
    "statements",
]

Run = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def pages(run: Run, query: str, keys: Sequence[str], batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """``query``'s rows, ``batch`` at a time. The query selects ``keys`` (unique together) as
    its first columns, orders by them, and has ``{after}`` in its WHERE clause."""
    if batch < 1:
        raise ValueError("batch must be at least 1")
    after: tuple[Any, ...] | None = None
    while True:
        if after is None:
            condition, params = "1 = 1", ()
        else:  # row values: SQLite (3.15+) and PostgreSQL compare them the same way
            condition = f"({', '.join(keys)}) > ({', '.join('?' for _ in keys)})"
            params = after
        page = run(query.format(after=condition) + " LIMIT ?", (*params, batch))
        if page:
            yield page
        if len(page) < batch:
            return
        after = page[-1][: len(keys)]


def _rows(run: Run, query: str, keys: Sequence[str], batch: int) -> Iterator[tuple[Any, ...]]:
    for page in pages(run, query, keys, batch):
        yield from page


def article_rows(run: Run, fields: Sequence[str], batch: int) -> Iterator[Article]:
    query = f"SELECT {', '.join(fields)} FROM articles WHERE {{after}} ORDER BY id"
    for row in _rows(run, query, ("id",), batch):
        yield Article(**dict(zip(fields, row, strict=True)))


def entity_pages(run: Run, columns: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """Pages of entity rows (``columns`` from ``entities e``, the id first), by id."""
    return pages(run, f"SELECT {columns} FROM entities e WHERE {{after}} ORDER BY e.id", ("e.id",), batch)


def mentions(run: Run, batch: int) -> Iterator[EntityMention]:
    keys = ("entity_id", "article_id", "span_start", "span_end")
    query = f"SELECT {', '.join(keys)}, text FROM mentions WHERE {{after}} ORDER BY {', '.join(keys)}"
    for row in _rows(run, query, keys, batch):
        yield EntityMention(*row)


def roles(run: Run, batch: int) -> Iterator[EntityRole]:
    keys = ("entity_id", "article_id", "span_start", "span_end", "role")
    query = f"SELECT {', '.join(keys)}, text FROM roles WHERE {{after}} ORDER BY {', '.join(keys)}"
    for entity_id, article_id, start, end, role, text in _rows(run, query, keys, batch):
        yield EntityRole(entity_id, role, article_id, start, end, text)


def statements(run: Run, batch: int) -> Iterator[Statement]:
    query = (
        "SELECT id, subject, prop, value, article_id, span_start, span_end, extractor, version "
        "FROM statements WHERE {after} ORDER BY id"
    )
    for row in _rows(run, query, ("id",), batch):
        yield Statement(*row[1:])  # the id is the hash of the rest


def event_id_pages(run: Run, batch: int) -> Iterator[list[str]]:
    for page in pages(run, "SELECT id FROM events WHERE {after} ORDER BY id", ("id",), batch):
        yield [row[0] for row in page]


#: The columns of an EventReport, each report with the text of its span.
EVENT_REPORTS = (
    "SELECT r.event_id, r.article_id, r.span_start, r.span_end, "
    "substr(a.text, r.span_start + 1, r.span_end - r.span_start), r.certainty, r.reported_by "
    "FROM event_reports r JOIN articles a ON a.id = r.article_id"
)


def event_reports(run: Run, batch: int) -> Iterator[EventReport]:
    keys = ("r.event_id", "r.article_id", "r.span_start")  # the first columns of EVENT_REPORTS
    query = f"{EVENT_REPORTS} WHERE {{after}} ORDER BY {', '.join(keys)}"
    for row in _rows(run, query, keys, batch):
        yield EventReport(*row)


def quote_links(run: Run, batch: int) -> Iterator[QuoteLink]:
    # Named in what was said (a content part), not in the cue or source a split content holds.
    query = """
        SELECT DISTINCT q.id, m.entity_id, q.article_id, q.speaker, q.direct, q.certainty,
               q.content_start, q.content_end
        FROM quotes q
        JOIN quote_parts p ON p.quote_id = q.id
        JOIN mentions m ON m.article_id = p.article_id
         AND m.span_start >= p.span_start AND m.span_end <= p.span_end
        WHERE q.speaker IS NOT NULL AND m.entity_id <> q.speaker AND {after}
        ORDER BY q.id, m.entity_id"""
    for quote_id, about, article_id, speaker, direct, certainty, start, end in _rows(
        run, query, ("q.id", "m.entity_id"), batch
    ):
        yield QuoteLink(quote_id, article_id, speaker, about, bool(direct), certainty, start, end)
