"""The dicts behind every page: one function per page, shared by its HTML and its JSON.

A view takes the store and already-validated parameters and returns plain data (str, int,
float, bool, None, lists and dicts of them). The HTML route renders that dict with a template,
the ``/api`` route returns it as it is, so the UI and the API cannot disagree. Views raise
:class:`~newsgraph.errors.NotFound` for unknown ids and :class:`BadParameter` for parameters
that pass their type but mean nothing (a date that does not exist).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from newsgraph.corpus import contradictions, corroboration
from newsgraph.store import Store
from newsgraph.web.highlight import segments

__all__ = [
    "MAX_LIMIT",
    "MAX_ROWS_SCANNED",
    "BadParameter",
    "article_list",
    "article_page",
    "entity_list",
    "entity_profile",
    "event_list",
    "number_list",
    "overview",
    "quote_list",
    "claims_page",
    "search_page",
]

#: The most rows one page shows.
MAX_LIMIT = 200
#: The store's list queries take a limit but no offset yet, so page N reads the rows before it
#: too; paging stops here rather than let a deep page read the whole table.
MAX_ROWS_SCANNED = 10_000
#: How many of an entity's appearances, quotes and events its profile shows.
PROFILE_ROWS = 100


class BadParameter(ValueError):
    """A query parameter of the right type that makes no sense; the web layer answers 400."""


def _offset(page: int, limit: int) -> int:
    """Where a page starts; a page past MAX_ROWS_SCANNED is a bad parameter."""
    offset = (page - 1) * limit
    if offset + limit > MAX_ROWS_SCANNED:
        raise BadParameter(f"page {page} is too deep: pages of {limit} reach row {MAX_ROWS_SCANNED} at most")
    return offset


def _page(fetch: Any, page: int, limit: int) -> dict[str, Any]:
    """One page of a list: ``fetch(n)`` returns the first n rows as records."""
    offset = _offset(page, limit)
    rows = fetch(offset + limit + 1)
    items = [row.to_dict() for row in rows[offset : offset + limit]]
    return {"items": items, "page": page, "limit": limit, "has_next": len(rows) > offset + limit,
            "has_prev": page > 1}


def _given(value: str | None) -> str | None:
    """A form sends its empty fields as empty strings: they filter nothing."""
    return value.strip() or None if value is not None else None


def _entity_id(store: Store, name_or_id: str | None) -> str | None:
    return store.entity(name_or_id).id if name_or_id else None


def _iso_day(value: str | None) -> str | None:
    if value is None:
        return None
    # A year or a month is checked as its first day.
    try:
        date.fromisoformat(value + "-01-01"[len(value) - 4 :])
    except ValueError:
        raise BadParameter(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def overview(store: Store) -> dict[str, Any]:
    return {
        "stats": store.stats(),
        "top_entities": [e.to_dict() for e in store.entities(limit=15)],
        "latest_articles": [a.to_dict() for a in store.articles(limit=10)],
    }


def entity_list(store: Store, *, type: str | None, q: str | None, page: int, limit: int) -> dict[str, Any]:
    type, q = _given(type), _given(q)
    type = type.upper() if type else None
    data = _page(lambda n: store.entities(type=type, search=q, limit=n), page, limit)
    return {**data, "filters": {"type": type, "q": q}}


def entity_profile(store: Store, entity_id: str) -> dict[str, Any]:
    detail = store.entity(entity_id).to_dict()
    appearances = detail.pop("appearances")
    return {
        "entity": detail,
        "appearances": appearances[:PROFILE_ROWS],
        "appearance_count": len(appearances),
        "quotes_by": [q.to_dict() for q in store.quotes(by=detail["id"], limit=PROFILE_ROWS)],
        "quotes_about": [q.to_dict() for q in store.quotes(about=detail["id"], limit=PROFILE_ROWS)],
        "events": [e.to_dict() for e in store.events(actor=detail["id"], limit=PROFILE_ROWS)],
    }


def article_list(store: Store, *, page: int, limit: int) -> dict[str, Any]:
    return _page(lambda n: store.articles(limit=n), page, limit)


def article_page(store: Store, article_id: str) -> dict[str, Any]:
    article = store.article(article_id)
    marks = []
    for number, mark in enumerate(store.marks(article_id)):
        row = mark.to_dict()
        row["id"] = f"m{number}"
        row["text"] = article.text[mark.start : mark.end]
        marks.append(row)
    return {
        "article": article.to_dict(),
        "marks": marks,
        "segments": segments(article.text, marks),
    }


def quote_list(store: Store, *, by: str | None, about: str | None, page: int, limit: int) -> dict[str, Any]:
    by, about = _given(by), _given(about)
    by_id, about_id = _entity_id(store, by), _entity_id(store, about)
    data = _page(lambda n: store.quotes(by=by_id, about=about_id, limit=n), page, limit)
    return {**data, "filters": {"by": by, "about": about}}


def event_list(
    store: Store, *, actor: str | None, code: str | None, since: str | None, page: int, limit: int
) -> dict[str, Any]:
    actor, code = _given(actor), _given(code)
    actor_id = _entity_id(store, actor)
    since = _iso_day(_given(since))
    data = _page(lambda n: store.events(actor=actor_id, code=code, since=since, limit=n), page, limit)
    return {**data, "filters": {"actor": actor, "code": code, "since": since}}


def number_list(store: Store, *, about: str | None, page: int, limit: int) -> dict[str, Any]:
    about = _given(about)
    about_id = _entity_id(store, about)
    data = _page(lambda n: store.quantities(about=about_id, limit=n), page, limit)
    return {**data, "filters": {"about": about}}


def _anchor(store: Store, article_id: str, start: int, edges: dict[str, list[int]]) -> int:
    """The start of the reader's text segment holding offset ``start``: the reader cuts its text
    at every mark's edges and names each piece ``at-<start>``, so that is where a link can land.
    ``edges`` caches each article's cuts across one page."""
    if article_id not in edges:
        size = len(store.article(article_id).text)
        cuts = {0}
        for mark in store.marks(article_id):
            if 0 <= mark.start < mark.end <= size:
                cuts.update((mark.start, mark.end))
        edges[article_id] = sorted(cuts)
    return max(edge for edge in edges[article_id] if edge <= start)


def search_page(store: Store, *, q: str | None, kind: str | None, page: int, limit: int) -> dict[str, Any]:
    q, kind = _given(q), _given(kind)
    if kind is not None and kind not in ("article", "entity", "quote"):
        raise BadParameter(f"{kind!r} is not something to search: article, entity or quote")
    offset = _offset(page, limit)
    hits = store.search(q, kinds=(kind,) if kind else None, limit=limit + 1, offset=offset) if q else []
    edges: dict[str, list[int]] = {}
    items = []
    for hit in hits[:limit]:
        row = hit.to_dict()
        row["anchor"] = _anchor(store, hit.article_id, hit.start, edges) if hit.article_id and hit.start is not None \
            else None
        items.append(row)
    return {"items": items, "page": page, "limit": limit, "has_next": len(hits) > limit, "has_prev": page > 1,
            "filters": {"q": q, "kind": kind}}


def _anchored(store: Store, evidence: list[dict[str, Any]], edges: dict[str, list[int]]) -> list[dict[str, Any]]:
    return [{**e, "anchor": _anchor(store, e["article_id"], e["start"], edges) if e.get("start") is not None
             else None} for e in evidence]


def claims_page(store: Store, *, about: str | None, page: int, limit: int) -> dict[str, Any]:
    """Contradictions between independent sources, each with both evidences, and what several
    publishers corroborate; one page of each list (the corpus views read the whole store once)."""
    about = _given(about)
    about_id = _entity_id(store, about)
    offset = _offset(page, limit)
    found = contradictions(store, about=about_id, limit=offset + limit + 1)
    agreed = corroboration(store, about=about_id, limit=offset + limit + 1)
    edges: dict[str, list[int]] = {}
    lists = {name: rows[offset: offset + limit] for name, rows in
             (("contradictions", found["contradictions"]), ("events", agreed["events"]), ("claims", agreed["claims"]))}
    for rows in lists.values():
        for row in rows:
            row["evidence"] = _anchored(store, row["evidence"], edges)
    more = any(len(rows) > offset + limit for rows in (found["contradictions"], agreed["events"], agreed["claims"]))
    return {"contradictions": lists["contradictions"], "contradiction_count": found["count"],
            "kinds": found["kinds"], "corroborated_events": lists["events"], "corroborated_claims": lists["claims"],
            "page": page, "limit": limit, "has_next": more, "has_prev": page > 1, "filters": {"about": about}}
