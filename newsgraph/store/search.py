"""Full-text search over articles, entities and quotes.

The searchable texts live in ``search_docs`` (migration 0011): one row per article, per
quote and per name or alias of an entity. Each backend indexes them its own way:
SQLite with an FTS5 table over them (kept in step here, at save time, as the schema
allows no triggers), PostgreSQL with a GIN index over their ``tsvector``. Both split
words without stemming, so one query finds the same documents on either; only the
ranking (bm25 there, ts_rank here) differs.

User text never reaches a query but as a parameter, and never as query syntax: it is
cut into words, and each word is searched for as a quoted term, all of them required.
Quotes, ``AND(``, ``*`` or ``-`` are thus only punctuation, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import InputError
from newsgraph.store.base import _Record

__all__ = ["KINDS", "SearchHit", "search", "search_terms", "write_search_docs"]

#: What can be searched, in the order results of equal rank come out.
KINDS = ("article", "entity", "quote")

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

_WORD = re.compile(r"\w+")
_SNIPPET = 60  # characters of context either side of the first match

# The indexed expression of 0011_search.postgres.sql, spelled identically so the GIN index serves.
_PG_VECTOR = "to_tsvector('simple', COALESCE(d.title, '') || ' ' || d.body)"

_COLUMNS = "kind, ref_id, part, article_id, span_start, span_end, title, body, origin"

# Filling search_docs for one saved article, from the rows its save just wrote (so titles
# use stored names, after relinking). Entities already stored keep their rows (ON CONFLICT).
_FILL = (
    f"""INSERT INTO search_docs ({_COLUMNS})
    SELECT 'article', a.id, '', a.id, NULL, NULL, a.title, a.text, a.id FROM articles a WHERE a.id = ?
    ON CONFLICT DO NOTHING""",
    f"""INSERT INTO search_docs ({_COLUMNS})
    SELECT 'quote', q.id, '', q.article_id, q.content_start, q.content_end,
           COALESCE(e.name, substr(a.text, q.source_start + 1, q.source_end - q.source_start)),
           substr(a.text, q.content_start + 1, q.content_end - q.content_start), q.article_id
    FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker
    WHERE q.article_id = ? AND q.content_start IS NOT NULL
    ON CONFLICT DO NOTHING""",
    f"""INSERT INTO search_docs ({_COLUMNS})
    SELECT 'entity', e.id, e.name_key, NULL, NULL, NULL, e.name, e.name, ae.article_id
    FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
    WHERE ae.article_id = ?
    ON CONFLICT DO NOTHING""",
    f"""INSERT INTO search_docs ({_COLUMNS})
    SELECT 'entity', x.entity_id, x.alias_key, NULL, NULL, NULL, e.name, x.alias, ae.article_id
    FROM article_entities ae JOIN entity_aliases x ON x.entity_id = ae.entity_id
         JOIN entities e ON e.id = x.entity_id
    WHERE ae.article_id = ?
    ON CONFLICT DO NOTHING""",
)


@dataclass(frozen=True, slots=True)
class SearchHit(_Record):
    """One thing found: an article, an entity or a quote, with the text around the match.

    ``start``/``end`` are article offsets of the match (articles, quotes); entities have none."""

    kind: str
    id: str
    title: str | None
    snippet: str
    article_id: str | None
    start: int | None
    end: int | None


def search_terms(text: str) -> list[str]:
    """The words of a user's query, the only part of it that is searched for."""
    return _WORD.findall(text)


def write_search_docs(cursor: Any, sql: Callable[[str], str], article_id: str, dialect: str) -> None:
    """Index what the save of ``article_id`` stored (inside that save's transaction)."""
    for statement in _FILL:
        cursor.execute(sql(statement), (article_id,))
    if dialect == "sqlite":
        # External content: FTS5 indexes only what it is given. A row another save added
        # keeps that save as its origin, so nothing is indexed twice.
        cursor.execute(
            sql("INSERT INTO search_fts (rowid, title, body) "
                "SELECT rowid, title, body FROM search_docs WHERE origin = ?"),
            (article_id,),
        )


def _ranked(dialect: str, kinds: Sequence[str]) -> str:
    """The query for (kind, ref_id) of the matching documents, best first; one row per thing."""
    among = f"d.kind IN ({', '.join('?' for _ in kinds)})"
    if dialect == "sqlite":
        matches = f"""SELECT d.kind, d.ref_id, search_fts.rank AS score
            FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
            WHERE search_fts MATCH ? AND {among}"""
        best = "MIN(score)"
    else:
        matches = f"""SELECT d.kind, d.ref_id, -ts_rank({_PG_VECTOR}, tq) AS score
            FROM search_docs d, websearch_to_tsquery('simple', ?) tq
            WHERE {_PG_VECTOR} @@ tq AND {among}"""
        best = "MIN(score)"
    return f"""SELECT m.kind, m.ref_id FROM ({matches}) m
        GROUP BY m.kind, m.ref_id ORDER BY {best}, m.kind, m.ref_id LIMIT ? OFFSET ?"""


def _query_text(terms: Iterable[str]) -> str:
    # Every word a quoted term: FTS5 and websearch_to_tsquery both read "..." as a phrase,
    # so no word of the user's becomes an operator (AND, OR, NOT, NEAR, -).
    return " ".join('"' + term + '"' for term in terms)  # \w+ words hold no quote to escape


def search(
    rows: Rows, dialect: str, text: str, kinds: Sequence[str] | None = None, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    chosen = tuple(KINDS if not kinds else kinds)
    unknown = sorted(set(chosen) - set(KINDS))
    if unknown:
        raise InputError("search", f"cannot search for {unknown[0]!r}: choose from {', '.join(KINDS)}")
    if limit < 0 or offset < 0:
        raise InputError("search", "limit and offset cannot be negative")
    terms = search_terms(text)
    if not terms or limit == 0:
        return []
    found = rows(_ranked(dialect, chosen), (_query_text(terms), *chosen, limit, offset))
    hits = []
    for kind, ref_id in found:
        docs = rows(
            f"SELECT {_COLUMNS} FROM search_docs WHERE kind = ? AND ref_id = ? ORDER BY part", (kind, ref_id)
        )
        hits.append(_hit(docs, terms))
    return hits


def _hit(docs: list[tuple[Any, ...]], terms: list[str]) -> SearchHit:
    """The hit for one thing's documents: the first that shows a searched word gives the snippet."""
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(term)}(?!\w)" for term in terms), re.IGNORECASE)
    for doc in docs:
        if pattern.search(doc[7]):
            break
    else:
        doc = docs[0]  # matched on the title only
    kind, ref_id, _, article_id, span_start, _, title, body, _ = doc
    match = pattern.search(body)
    lo, hi = (match.start(), match.end()) if match else (0, 0)
    snippet = body[max(0, lo - _SNIPPET): hi + _SNIPPET]
    snippet = ("…" if lo > _SNIPPET else "") + " ".join(snippet.split()) + ("…" if hi + _SNIPPET < len(body) else "")
    start = end = None
    if match and kind != "entity":
        base = span_start if kind == "quote" else 0
        start, end = base + lo, base + hi
    return SearchHit(kind, ref_id, title, snippet, article_id, start, end)
