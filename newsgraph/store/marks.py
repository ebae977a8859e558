"""Everything the store read in one article, as spans over its text: the article reader's query.

Kept in its own module, like ``claims.py``: the SQL store calls :func:`mark_rows` from its
:meth:`~newsgraph.store.base.Store.marks` method. Each :class:`Mark` is one statement with its
span, so a reader can highlight the text and show, for each highlight, what was read and from
where. Events come from ``event_reports`` because an event first read in another article is
reported here at this article's own span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.store.base import _Record

__all__ = ["MARK_KINDS", "Mark", "mark_rows"]

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

#: The kinds of mark, in the order a reader lists them.
MARK_KINDS = ("entity", "role", "quote", "event", "number", "certainty")


@dataclass(frozen=True, slots=True)
class Mark(_Record):
    """One thing read at ``[start, end)`` of the article's text.

    ``ref`` is the id of the stored row (entity, quote, event, quantity; the entity and the
    span's start for a role, the sentence's start for a certainty); ``entity_id``/``entity_name`` the entity it leads to (the mention's
    entity, the quote's speaker, the event's source, what a number is about);
    ``label`` a short reading (the entity type, the CAMEO label, the number's unit...)."""

    kind: str
    start: int
    end: int
    ref: str
    entity_id: str | None
    entity_name: str | None
    label: str | None
    certainty: str | None
    detail: dict[str, Any]


def mark_rows(rows: Rows, article_id: str) -> list[Mark]:
    """Every mark of one article, in text order (longer spans first where two start together)."""
    marks: list[Mark] = []
    for start, end, entity_id, name, type_ in rows(
        "SELECT m.span_start, m.span_end, m.entity_id, e.name, e.type "
        "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?",
        (article_id,),
    ):
        marks.append(Mark("entity", start, end, entity_id, entity_id, name, type_, None, {}))
    for start, end, entity_id, name, role in rows(
        "SELECT r.span_start, r.span_end, r.entity_id, e.name, r.role "
        "FROM roles r JOIN entities e ON e.id = r.entity_id WHERE r.article_id = ?",
        (article_id,),
    ):
        marks.append(Mark("role", start, end, f"{entity_id}:{start}", entity_id, name, role, None, {}))
    for qid, speaker, name, role, source_type, direct, certainty, start, end, ss, se, cs, ce in rows(
        "SELECT q.id, q.speaker, e.name, q.speaker_role, q.source_type, q.direct, q.certainty, "
        "q.content_start, q.content_end, q.source_start, q.source_end, q.cue_start, q.cue_end "
        "FROM quotes q LEFT JOIN entities e ON e.id = q.speaker "
        "WHERE q.article_id = ? AND q.content_start IS NOT NULL",
        (article_id,),
    ):
        detail = {"speaker_role": role, "source_type": source_type, "direct": bool(direct),
                  "source": [ss, se] if ss is not None else None, "cue": [cs, ce] if cs is not None else None}
        marks.append(Mark("quote", start, end, qid, speaker, name, source_type, certainty, detail))
    for eid, start, end, certainty, code, label, plover, source, sname, target, tname, place, date in rows(
        "SELECT v.id, r.span_start, r.span_end, r.certainty, v.code, v.label, v.plover, v.source, es.name, "
        "v.target, et.name, v.place_name, v.event_date "
        "FROM event_reports r JOIN events v ON v.id = r.event_id "
        "LEFT JOIN entities es ON es.id = v.source LEFT JOIN entities et ON et.id = v.target "
        "WHERE r.article_id = ?",
        (article_id,),
    ):
        detail = {"code": code, "plover": plover, "target": target, "target_name": tname,
                  "place": place, "date": date}
        marks.append(Mark("event", start, end, eid, source, sname, label, certainty, detail))
    for nid, start, end, value, value_max, qualifier, unit, about, aname, certainty in rows(
        "SELECT n.id, n.span_start, n.span_end, n.value, n.value_max, n.qualifier, n.unit, n.about, e.name, "
        "n.certainty FROM quantities n LEFT JOIN entities e ON e.id = n.about WHERE n.article_id = ?",
        (article_id,),
    ):
        detail = {"value": value, "value_max": value_max, "qualifier": qualifier}
        marks.append(Mark("number", start, end, nid, about, aname, unit, certainty, detail))
    for start, end, certainty in rows(
        "SELECT span_start, span_end, certainty FROM sentences "
        "WHERE article_id = ? AND certainty IS NOT NULL AND certainty <> 'asserted'",
        (article_id,),
    ):
        marks.append(Mark("certainty", start, end, str(start), None, None, certainty, certainty, {}))
    # The label last: one entity can hold two roles over one span, and SQL promises no row order.
    marks.sort(key=lambda m: (m.start, -m.end, MARK_KINDS.index(m.kind), m.ref, m.label or ""))
    return marks
