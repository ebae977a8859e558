"""Reconciling the attributions found: one cue per quotation, and which attributions are nested in another's content."""

from __future__ import annotations

import bisect
from dataclasses import replace

from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.quotes.spans import QuoteSpan, Range, overlaps, within


def _distance(quote: QuoteSpan) -> int:
    assert quote.cue is not None
    cue_start, cue_end = quote.cue
    return min(abs(cue_start - e) if cue_start >= e else abs(s - cue_end) for s, e in quote.parts or (quote.content,))


def nearest_cue_only(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """One quotation, one cue: where two verbs claim the same quotation, the nearer one says it."""
    direct = sorted((q for q in quotes if q.direct and q.cue is not None), key=_distance)
    claimed: list[Range] = []  # sorted and disjoint (a piece is claimed only if it overlaps none), so
    dropped: set[int] = set()  # the only claimed range that can overlap a piece is the last starting before its end
    for quote in direct:
        pieces = quote.parts or (quote.content,)
        if any(_claimed(p, claimed) for p in pieces):
            dropped.add(id(quote))
        else:
            for piece in pieces:
                bisect.insort(claimed, piece)
    return [q for q in quotes if id(q) not in dropped]


def _claimed(piece: Range, claimed: list[Range]) -> bool:
    k = bisect.bisect_left(claimed, (piece[1],))
    return any(overlaps(piece, c) for c in claimed[max(0, k - 2):k])


def mark_nested(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Mark the attributions reported inside another one's content (PolNeAR's annotators, giving
    every word to one attribution, keep only the outer)."""
    contents = Intervals((q.content, k) for k, q in enumerate(quotes) if q.cue is not None)
    marked = []
    for k, quote in enumerate(quotes):
        nested = quote.cue is not None and any(
            j != k and not within(quotes[j].cue, quote.content) for _, j in contents.containing(*quote.cue)
        )
        marked.append(replace(quote, nested=True) if nested else quote)
    return marked
