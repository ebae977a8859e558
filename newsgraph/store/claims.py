"""Quotes, numeric claims and events in the store: their rows, records and queries.

Kept apart from ``sql.py`` (entities and statements) so each module has one job; the
SQL store calls :func:`write_claims` inside its save transaction and the query
functions from its read methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence, Sized
from dataclasses import dataclass
from typing import Any, TypeVar

from newsgraph.model import Analysis, make_id
from newsgraph.store.base import _Record

T = TypeVar("T")

__all__ = ["EventRecord", "QuantityRecord", "QuoteRecord", "event_rows", "quantity_rows", "quote_rows",
           "write_claims"]

Insert = Callable[[Any, str, Sequence[str], Any], None]
Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
StoredEvent = Callable[[Any, Any], "str | None"]


@dataclass(frozen=True, slots=True)
class QuoteRecord(_Record):
    """A stored quote with the texts of its spans and its speaker's name."""

    id: str
    article_id: str
    article_title: str | None
    speaker: str | None
    speaker_name: str | None
    speaker_role: str | None
    source_type: str
    direct: bool
    certainty: str
    source: str | None
    cue: str | None
    content: str | None  # the envelope, cue and source included where they split the content
    content_start: int | None
    content_end: int | None
    content_parts: list[str]  # the pieces that were said, in text order


@dataclass(frozen=True, slots=True)
class QuantityRecord(_Record):
    id: str
    article_id: str
    article_title: str | None
    value: float
    value_max: float | None
    qualifier: str | None
    unit: str | None
    about: str | None
    about_name: str | None
    source: str | None
    source_name: str | None
    certainty: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventRecord(_Record):
    id: str
    article_id: str
    article_title: str | None
    published: str | None
    code: str
    root: str
    plover: str | None
    label: str | None
    source: str | None
    source_name: str | None
    target: str | None
    target_name: str | None
    source_code: str | None
    target_code: str | None
    place: str | None
    place_name: str | None
    latitude: float | None
    longitude: float | None
    date: str | None
    date_precision: str | None
    certainty: str
    reported_by: str | None
    start: int
    end: int
    text: str
    reports: int = 1
    articles: int = 1
    #: who alleges an alleged event: the source of the accusation or claim it is reported by, or the quote's speaker
    alleged_by: str | None = None
    admin1: str | None = None  # the province's name ("Idlib")
    admin1_code: str | None = None  # its GeoNames admin1 code ("12")
    place_precision: str | None = None  # town | city | admin1 | region | country
    place_inferred: bool = False  # the article's place (dateline or main place), not the event sentence's


def _bounds(span: Any) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def write_claims(insert: Insert, cursor: Any, analysis: Analysis, stored_event: StoredEvent) -> None:
    """Insert the quotes, quantities and events of one analysis (inside the caller's transaction).

    ``stored_event`` finds an event another article already reported; this article's report is
    then added to that event instead of a new one."""
    article_id = analysis.article.id
    insert(cursor, "quotes", (
        "id", "article_id", "speaker", "source_type", "direct", "certainty", "source_start", "source_end",
        "cue_start", "cue_end", "content_start", "content_end", "speaker_role", "parent",
    ), [
        (q.id, article_id, q.speaker, q.source_type, 1 if q.direct else 0, q.certainty, *_bounds(q.source_span),
         *_bounds(q.cue_span), *_bounds(q.content_span), q.speaker_role, q.parent)
        for q in analysis.quotes
    ])
    insert(cursor, "quote_parts", ("quote_id", "article_id", "part", "span_start", "span_end"), [
        (q.id, article_id, k, part.start, part.end) for q in analysis.quotes for k, part in enumerate(q.content_parts)
    ])
    insert(cursor, "quantities", (
        "id", "article_id", "value", "value_max", "qualifier", "unit", "about", "source", "quote_id", "certainty",
        "span_start", "span_end",
    ), [
        (make_id("qty", article_id, n.start, n.end), article_id, n.value, n.value_max, n.qualifier, n.unit,
         n.about, n.source, n.quote, n.certainty, n.start, n.end)
        for n in analysis.quantities
    ])
    new_events, reports = [], []
    for e in analysis.events:
        event_id = stored_event(cursor, e) or e.id
        if event_id == e.id:
            new_events.append(e)
        spans = [(e.start, e.end), *((r.start, r.end) for r in e.reports)]
        reports += [(event_id, article_id, start, end, e.certainty, e.reported_by) for start, end in spans]
    insert(cursor, "events", (
        "id", "article_id", "code", "root", "plover", "label", "source", "target", "source_code", "target_code",
        "place", "place_name", "latitude", "longitude", "country", "event_date", "date_precision", "certainty",
        "reported_by", "span_start", "span_end", "admin1", "admin1_code", "place_precision", "place_inferred",
    ), [
        (e.id, article_id, e.code, e.root, e.plover, e.label, e.source, e.target, e.source_code, e.target_code,
         e.place, *_place(e.place_info), e.date, e.date_precision, e.certainty, e.reported_by, e.start, e.end,
         *_province(e.place_info), 1 if e.place_inferred else 0)
        for e in new_events
    ])
    insert(cursor, "event_reports",
           ("event_id", "article_id", "span_start", "span_end", "certainty", "reported_by"), reports)


def _place(info: dict[str, Any] | None) -> tuple[Any, Any, Any, Any]:
    if not info:
        return (None, None, None, None)
    return (info.get("name"), info.get("latitude"), info.get("longitude"), info.get("country"))


def _province(info: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    if not info:
        return (None, None, None)
    return (info.get("admin1"), info.get("admin1_code"), info.get("precision"))


#: Ids per ``IN (...)`` list: SQL drivers cap the parameters of one statement.
CHUNK = 500


def chunks(items: Sequence[T]) -> Iterator[list[T]]:
    """``items`` a CHUNK at a time, for ``IN (...)`` lists."""
    for k in range(0, len(items), CHUNK):
        yield list(items[k : k + CHUNK])


def placeholders(items: Sized) -> str:
    """One ``?`` per item, comma-separated, for an ``IN (...)`` list."""
    return ", ".join("?" for _ in range(len(items)))


def _text(start: str, end: str) -> str:
    return f"CASE WHEN {start} IS NULL THEN NULL ELSE substr(a.text, {start} + 1, {end} - {start}) END"


_QUOTE_ORDER = "a.published NULLS FIRST, q.article_id, q.content_start NULLS FIRST, q.id"
_QUANTITY_ORDER = "n.about NULLS FIRST, n.unit NULLS FIRST, n.value, n.id"
_EVENT_ORDER = "COALESCE(v.event_date, a.published, '9999'), a.published NULLS FIRST, v.span_start, v.id"


def _first(limit: int, columns: str, tables: str, clause: str, order: str) -> str:
    """The rows a listing shows, chosen before their texts are cut out of the articles: PostgreSQL
    would otherwise decompress an article's text for every candidate row, not only those kept."""
    return f"SELECT {columns} FROM {tables} {clause} ORDER BY {order} LIMIT {int(limit)}"


def quote_rows(rows: Rows, *, by: str | None, about: str | None, limit: int) -> list[QuoteRecord]:
    """Quotes, filtered by speaker entity id and by an entity mentioned in the content."""
    where, params = [], []
    if by is not None:
        where.append("q.speaker = ?")
        params.append(by)
    if about is not None:  # named in what was said, not in the cue or source a split content holds
        where.append(
            "EXISTS (SELECT 1 FROM quote_parts p JOIN mentions m ON m.article_id = p.article_id "
            "WHERE p.quote_id = q.id AND m.entity_id = ? AND m.span_start >= p.span_start AND m.span_end <= p.span_end)"
        )
        params.append(about)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    query = f"""
        SELECT q.id, q.article_id, a.title, q.speaker, e.name, q.speaker_role, q.source_type, q.direct, q.certainty,
               {_text('q.source_start', 'q.source_end')}, {_text('q.cue_start', 'q.cue_end')},
               {_text('q.content_start', 'q.content_end')}, q.content_start, q.content_end
        FROM ({_first(limit, "q.*", "quotes q JOIN articles a ON a.id = q.article_id", clause, _QUOTE_ORDER)}) q
        JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker
        ORDER BY {_QUOTE_ORDER}"""
    found = rows(query, params)
    parts = _quote_parts(rows, [row[0] for row in found])
    return [QuoteRecord(*row[:7], bool(row[7]), *row[8:], parts.get(row[0], [])) for row in found]


def _quote_parts(rows: Rows, quote_ids: list[str]) -> dict[str, list[str]]:
    """The texts of each quote's content parts, in order (a chunk at a time: SQL caps parameters)."""
    parts: dict[str, list[str]] = {}
    for ids in chunks(quote_ids):
        query = f"""
            SELECT p.quote_id, {_text('p.span_start', 'p.span_end')}
            FROM quote_parts p JOIN articles a ON a.id = p.article_id
            WHERE p.quote_id IN ({placeholders(ids)})
            ORDER BY p.quote_id, p.part"""
        for quote_id, text in rows(query, ids):
            parts.setdefault(quote_id, []).append(text)
    return parts


def quantity_rows(rows: Rows, *, about: str | None, limit: int) -> list[QuantityRecord]:
    where, params = "", []
    if about is not None:
        where, params = "WHERE n.about = ?", [about]
    query = f"""
        SELECT n.id, n.article_id, a.title, n.value, n.value_max, n.qualifier, n.unit, n.about, ea.name,
               n.source, es.name, n.certainty, n.span_start, n.span_end, {_text('n.span_start', 'n.span_end')}
        FROM ({_first(limit, "n.*", "quantities n", where, _QUANTITY_ORDER)}) n JOIN articles a ON a.id = n.article_id
        LEFT JOIN entities ea ON ea.id = n.about LEFT JOIN entities es ON es.id = n.source
        ORDER BY {_QUANTITY_ORDER}"""
    return [QuantityRecord(*row) for row in rows(query, params)]


def event_rows(
    rows: Rows, *, actor: str | None, code: str | None, since: str | None, limit: int,
    ids: Sequence[str] | None = None,
) -> list[EventRecord]:
    """Events in date order; ``actor`` an entity id (source or target), ``code`` a CAMEO prefix,
    ``ids`` only these events (a page of a whole-store read)."""
    where, params = [], []
    if ids is not None:
        where.append(f"v.id IN ({placeholders(ids) or 'NULL'})")
        params += list(ids)
    if actor is not None:
        where.append("(v.source = ? OR v.target = ?)")
        params += [actor, actor]
    if code is not None:
        # A prefix: LIKE's wildcards in it match themselves (SQLite has no default escape).
        where.append("v.code LIKE ? ESCAPE '\\'")
        params.append(code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if since is not None:
        where.append("COALESCE(v.event_date, a.published) >= ?")
        params.append(since)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    query = f"""
        SELECT v.id, v.article_id, a.title, a.published, v.code, v.root, v.plover, v.label,
               v.source, es.name, v.target, et.name, v.source_code, v.target_code, v.place, v.place_name,
               v.latitude, v.longitude, v.event_date, v.date_precision, v.certainty, v.reported_by,
               v.span_start, v.span_end, {_text('v.span_start', 'v.span_end')},
               (SELECT COUNT(*) FROM event_reports r WHERE r.event_id = v.id),
               (SELECT COUNT(DISTINCT r.article_id) FROM event_reports r WHERE r.event_id = v.id),
               COALESCE(eby.name, rv.source_code, eq.name),
               v.admin1, v.admin1_code, v.place_precision, v.place_inferred
        FROM ({_first(limit, "v.*", "events v JOIN articles a ON a.id = v.article_id", clause, _EVENT_ORDER)}) v
        JOIN articles a ON a.id = v.article_id
        LEFT JOIN entities es ON es.id = v.source LEFT JOIN entities et ON et.id = v.target
        LEFT JOIN events rv ON rv.id = v.reported_by LEFT JOIN entities eby ON eby.id = rv.source
        LEFT JOIN quotes q ON q.id = v.reported_by LEFT JOIN entities eq ON eq.id = q.speaker
        ORDER BY {_EVENT_ORDER}"""
    return [EventRecord(*row[:-1], bool(row[-1])) for row in rows(query, params)]
