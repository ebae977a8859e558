"""Corroboration: how many independent publishers report the same event or the same count.

An event merged across articles (see ``resolve.across.same_reported_event``) is corroborated by
every publisher whose article reports it without denying it; a numeric claim group (claims about
one entity counting one kind of thing, as ``facts.disputes`` groups them) by every publisher that
claims a number in it, when the numbers can all hold together. Copies count once (:class:`~newsgraph.corpus.provenance.Provenance`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsgraph.corpus.provenance import Provenance
from newsgraph.corpus.tolls import event_records, numeric_claims
from newsgraph.facts.disputes import claim_range, compare_claims

__all__ = ["corroboration"]

#: Reports that say the event happened (a denial is not corroboration).
_AFFIRMING = frozenset({"asserted", "alleged", "hedged"})


def corroboration(store: Any, about: str | None = None, limit: int = 50) -> dict[str, Any]:
    """Events and numeric claims reported by two or more articles, the most independent
    publishers first. ``about`` is an entity id (an event's actor, a number's subject)."""
    provenance = Provenance.of(store)
    events = _events(store, provenance, about)
    claims = _claims(store, provenance, about)
    return {
        "about": about,
        "events": events[:limit],
        "claims": claims[:limit],
    }


def _events(store: Any, provenance: Provenance, about: str | None) -> list[dict[str, Any]]:
    records = [r for r in event_records(store, about) if r.articles > 1]
    by_event: dict[str, list[Any]] = defaultdict(list)
    for report in store.reports_of(r.id for r in records):
        by_event[report.event_id].append(report)
    found = []
    for record in records:
        reports = [r for r in by_event[record.id] if r.certainty in _AFFIRMING]
        articles = sorted({r.article_id for r in reports})
        if len(articles) < 2:
            continue  # denied by the others: nothing corroborates it
        publishers = provenance.independent(articles)
        found.append({
            "kind": "event", "id": record.id, "code": record.code, "label": record.label,
            "source": record.source_name, "target": record.target_name, "place": record.place_name,
            "date": record.date, "independent_publishers": len(publishers), "publishers": publishers,
            "articles": len(articles),
            "evidence": [provenance.evidence(r.article_id, r.start, r.end, r.text, certainty=r.certainty)
                         for r in reports],
        })
    found.sort(key=lambda e: (-e["independent_publishers"], -e["articles"], e["id"]))
    return found


def _claims(store: Any, provenance: Provenance, about: str | None) -> list[dict[str, Any]]:
    found = []
    for group in compare_claims(numeric_claims(store, about)):
        for members in _agreeing_sets(group.claims):
            articles = sorted({c.article_id for c in members})
            if len(articles) < 2:
                continue
            publishers = provenance.independent(articles)
            found.append({
                "kind": "number", "about": members[0].about_name or group.about, "unit": group.unit,
                "independent_publishers": len(publishers), "publishers": publishers, "articles": len(articles),
                "evidence": [provenance.evidence(c.article_id, c.start, c.end, c.text, value=c.value,
                                                 qualifier=c.qualifier, claimed_by=c.source_name)
                             for c in members],
            })
    found.sort(key=lambda g: (-g["independent_publishers"], -g["articles"], g["about"]))
    return found


def _agreeing_sets(claims: list[Any]) -> list[list[Any]]:
    """The largest sets of claims that can all hold together: a group where "23 killed" is
    claimed twice and "7 killed" once corroborates 23 twice, and 7 not at all. Each claim's own
    value is tried as the truth; the claims whose ranges allow it agree (and so with each other)."""
    ranges = [claim_range(c) for c in claims]
    sets = {frozenset(j for j, (lo, hi) in enumerate(ranges) if lo <= c.value <= hi) for c in claims}
    kept = [s for s in sets if not any(s < other for other in sets)]
    return [[claims[j] for j in sorted(s)] for s in sorted(kept, key=lambda s: (-len(s), min(s)))]
