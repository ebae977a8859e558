"""Cut an article's text into segments at every mark's edges, for highlighting.

Marks overlap (a name inside a quote inside a hedged sentence), and HTML elements must nest,
so instead of nesting the reader gets flat segments: each one a stretch of text with the list
of marks covering it. The template escapes each segment's text on its own, so no article text
ever reaches the page as markup.
"""

from __future__ import annotations

from typing import Any

__all__ = ["segments"]


def segments(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text as consecutive segments ``{start, end, text, marks, kinds, target}``:
    ``marks`` the ids of the marks covering it, ``target`` the most specific one (the shortest
    span, where a click leads), ``kinds`` their kinds. Segments concatenate to ``text``."""
    edges = {0, len(text)}
    for mark in marks:
        if 0 <= mark["start"] < mark["end"] <= len(text):
            edges.update((mark["start"], mark["end"]))
    cuts = sorted(edges)
    # Sweep: marks sorted by start enter the active set, and leave it once passed.
    pending = sorted((m for m in marks if 0 <= m["start"] < m["end"] <= len(text)), key=lambda m: m["start"])
    active: list[dict[str, Any]] = []
    out: list[dict[str, Any]] = []
    k = 0
    for start, end in zip(cuts, cuts[1:], strict=False):
        while k < len(pending) and pending[k]["start"] <= start:
            active.append(pending[k])
            k += 1
        active = [m for m in active if m["end"] > start]
        covering = [m for m in active if m["end"] >= end]
        target = min(covering, key=lambda m: m["end"] - m["start"], default=None)
        out.append({
            "start": start,
            "end": end,
            "text": text[start:end],
            "marks": [m["id"] for m in covering],
            "kinds": sorted({m["kind"] for m in covering}),
            "target": target["id"] if target else None,
        })
    return out
