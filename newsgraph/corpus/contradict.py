"""Contradictions: where independent sources cannot both be right.

Three kinds, each listed with both evidences and who asserts each:

- ``number``: two claims about the same entity counting the same kind of thing whose ranges
  cannot both hold ("56 killed" against "32 killed"; "20,000 fighters" against "more than 10,000"
  is no contradiction), from articles published within :data:`CLOSE_DAYS` of each other
  (:data:`TOLL_DAYS` for tolls), so two attacks on one town are not read as one toll disputed;
- ``denial``: one event (merged across articles: same code family and actors) that one source
  reports as having happened and another reports with negated certainty;
- ``place`` / ``date``: reports of the same kind of event by the same actors on the same day in
  places far apart, or in the same place on different days within a few days of each other.

Two articles of one copy cluster are one source: a reprint never contradicts its original; nor
does a publisher contradict itself (a revised toll is a correction).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from itertools import combinations
from typing import Any

from newsgraph.corpus.provenance import UNKNOWN, Provenance
from newsgraph.corpus.tolls import event_records, is_country, is_toll, numeric_claims
from newsgraph.facts.disputes import claim_range, compare_claims

__all__ = ["CLOSE_DAYS", "contradictions"]

#: Articles further apart than this (by publication date) may report different incidents.
CLOSE_DAYS = 7
#: Tolls change by the hour and a region sees several incidents a week: tolls are compared only
#: between articles published this close together.
TOLL_DAYS = 1
#: Places closer than this are one place told at another precision (a town and its district).
_FAR_KM = 30.0
_AFFIRMING = frozenset({"asserted", "alleged"})
#: CAMEO codes that are themselves a denial or refusal (016 deny responsibility, 12 reject): the
#: sentence that tells one reads as negated, and that is no denial of the act.
_DENIALS = ("016", "12")


def contradictions(store: Any, about: str | None = None, limit: int = 200,
                   provenance: Provenance | None = None) -> dict[str, Any]:
    """Every contradiction in the store (``about``: only those about this entity id). A caller that
    already read the articles' provenance passes it, so the store is not walked for it again."""
    provenance = provenance or Provenance.of(store)
    records = event_records(store, about)  # one walk of the events serves denials and places
    found = _numbers(store, provenance, about) + _denials(store, provenance, records)
    found += _places_and_dates(provenance, records)
    kinds: dict[str, int] = defaultdict(int)
    for item in found:
        kinds[item["kind"]] += 1
    return {"about": about, "count": len(found), "kinds": dict(sorted(kinds.items())),
            "contradictions": found[:limit]}


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat((a or "")[:10]) - date.fromisoformat((b or "")[:10])).days)
    except ValueError:
        return None


def _close(provenance: Provenance, a: str, b: str, days: int = CLOSE_DAYS) -> bool:
    apart = _days_apart(*(getattr(provenance.sources.get(x), "published", None) for x in (a, b)))
    return apart is None or apart <= days


def _independent(provenance: Provenance, a: str, b: str) -> bool:
    """Two sources, not one: neither copies the other and their publishers differ (a publisher
    revising its own figure is a correction, not a dispute). Unknown publishers may differ."""
    if provenance.same_source(a, b):
        return False
    pa, pb = (provenance.publisher(provenance.origin(x)) for x in (a, b))
    return pa != pb or pa == UNKNOWN


def _numbers(store: Any, provenance: Provenance, about: str | None) -> list[dict[str, Any]]:
    found = []
    for group in compare_claims(numeric_claims(store, about)):
        if not group.conflicting:
            continue
        seen: set[tuple[Any, ...]] = set()
        # Originals before copies, so a pair is shown with the original's evidence.
        ordered = sorted(group.claims, key=lambda c: (provenance.origin(c.article_id) != c.article_id, c.value))
        for a, b in combinations(ordered, 2):
            days = TOLL_DAYS if is_toll(group.unit) else CLOSE_DAYS
            if not _independent(provenance, a.article_id, b.article_id) or \
                    not _close(provenance, a.article_id, b.article_id, days):
                continue
            (low_a, high_a), (low_b, high_b) = claim_range(a), claim_range(b)
            if max(low_a, low_b) <= min(high_a, high_b):
                continue  # these two can both hold
            # One line per pair of publishers and figures, however many articles repeat them.
            key = tuple(sorted((provenance.publisher(provenance.origin(c.article_id)), c.value) for c in (a, b)))
            if key in seen:
                continue
            seen.add(key)
            found.append({
                "kind": "number", "about": a.about_name or group.about, "about_id": group.about, "unit": group.unit,
                "evidence": [_claim(provenance, a), _claim(provenance, b)],
            })
    return found


def _claim(provenance: Provenance, claim: Any) -> dict[str, Any]:
    return provenance.evidence(claim.article_id, claim.start, claim.end, claim.text, value=claim.value,
                               qualifier=claim.qualifier, certainty=claim.certainty, asserted_by=claim.source_name)


def _denials(store: Any, provenance: Provenance, events: list[Any]) -> list[dict[str, Any]]:
    records = {r.id: r for r in events if r.articles > 1}
    by_event: dict[str, list[Any]] = defaultdict(list)
    for report in store.reports_of(records):
        by_event[report.event_id].append(report)
    found = []
    for event_id, reports in by_event.items():
        if records[event_id].code.startswith(_DENIALS):
            continue
        affirmed = [r for r in reports if r.certainty in _AFFIRMING]
        denied = [r for r in reports if r.certainty == "negated"]
        pairs = [(a, d) for a in affirmed for d in denied if _independent(provenance, a.article_id, d.article_id)
                 and _close(provenance, a.article_id, d.article_id)]
        if not pairs:
            continue
        a, d = pairs[0]  # one pair stands for the event; the rest repeat it
        record = records[event_id]
        found.append({
            "kind": "denial", "about": record.source_name or record.target_name, "event": _event(record),
            "evidence": [_report(provenance, a, record), _report(provenance, d, record)],
        })
    return found


def _event(record: Any) -> dict[str, Any]:
    return {"id": record.id, "code": record.code, "label": record.label, "source": record.source_name,
            "target": record.target_name, "place": record.place_name, "date": record.date}


def _report(provenance: Provenance, report: Any, record: Any) -> dict[str, Any]:
    # Who asserts it is the publisher (in the evidence); the event's actor is not its teller.
    return provenance.evidence(report.article_id, report.start, report.end, report.text, certainty=report.certainty)


def _places_and_dates(provenance: Provenance, events: list[Any]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for record in events:
        if record.certainty in _AFFIRMING and (record.source or record.target):
            groups[record.root, record.source, record.target].append(record)
    found = []
    for members in groups.values():
        for a, b in combinations(members, 2):
            if not _independent(provenance, a.article_id, b.article_id) or \
                    not _close(provenance, a.article_id, b.article_id):
                continue
            kind = _disagreement(a, b)
            if kind is None:
                continue
            found.append({
                "kind": kind, "about": a.source_name or a.target_name, "event": _event(a),
                "evidence": [_located(provenance, a), _located(provenance, b)],
            })
    return found


def _disagreement(a: Any, b: Any) -> str | None:
    same_day = a.date_precision == b.date_precision == "day" and a.date == b.date
    if same_day and _far_apart(a, b):
        return "place"
    if a.place and a.place == b.place and a.date_precision == b.date_precision == "day":
        apart = _days_apart(a.date, b.date)
        if apart is not None and 0 < apart <= CLOSE_DAYS:
            return "date"
    return None


def _far_apart(a: Any, b: Any) -> bool:
    if not (a.place and b.place) or a.place == b.place:
        return False
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    if is_country(a.place_name) or is_country(b.place_name):
        return False  # a town in a country does not contradict the country
    return _km(a.latitude, a.longitude, b.latitude, b.longitude) > _FAR_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _located(provenance: Provenance, record: Any) -> dict[str, Any]:
    return provenance.evidence(record.article_id, record.start, record.end, record.text,
                               certainty=record.certainty, place=record.place_name, date=record.date)
