"""The corpus views that are plain lists: copies, and the store's counts."""

from __future__ import annotations

from typing import Any

from newsgraph.corpus.contradict import contradictions
from newsgraph.corpus.provenance import Provenance

__all__ = ["copies", "corpus_stats"]


def copies(store: Any) -> list[dict[str, Any]]:
    """Every article found to near-duplicate an earlier one, with both publishers."""
    provenance = Provenance.of(store)
    out = []
    for link in store.copy_links():
        copy, original = provenance.sources.get(link.article_id), provenance.sources.get(link.copy_of)
        out.append({
            "article_id": link.article_id, "title": copy.title if copy else None,
            "publisher": provenance.publisher(link.article_id),
            "copy_of": link.copy_of, "copy_of_title": original.title if original else None,
            "copy_of_publisher": provenance.publisher(link.copy_of), "similarity": link.similarity,
        })
    return out


def corpus_stats(store: Any) -> dict[str, int]:
    """The counts ``newsgraph stats`` shows: the store's rows, and publishers, duplicates and
    contradictions across articles."""
    counts = store.stats()
    provenance = Provenance.of(store)
    publishers = {provenance.publisher(a) for a in provenance.sources}
    counts["publishers"] = len(publishers)
    counts["duplicates"] = len(store.copy_links())
    counts["contradictions"] = contradictions(store, limit=0, provenance=provenance)["count"]
    return counts
