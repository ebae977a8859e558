"""Who published an article, and which articles are one source because they copy each other.

A publisher is the article's ``source``, else its URL's host, else unknown. Articles joined by copy
links (a wire story and its reprints) form one cluster; a cluster counts once, under the publisher of
its earliest article, so five reprints of one Reuters story are one Reuters report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from newsgraph.store.corpus import ArticleSource

__all__ = ["UNKNOWN", "Provenance", "publisher"]

UNKNOWN = "(unknown)"


def publisher(source: str | None, url: str | None) -> str:
    """The publisher's name, case-folded so "Reuters" and "reuters" are one."""
    if source and source.strip():
        return " ".join(source.split()).casefold()
    if url:
        host = (urlsplit(url).hostname or "").casefold()
        host = host.removeprefix("www.")
        if host:
            return host
    return UNKNOWN


class Provenance:
    """The articles of a store with their publishers and copy clusters."""

    def __init__(self, sources: dict[str, ArticleSource]) -> None:
        self.sources = sources
        self._root: dict[str, str] = {}
        # Copy links point from a later article to an earlier one; the root of a chain is the
        # earliest article, the original the cluster counts under.
        for article_id in sources:
            self._root[article_id] = self._find(article_id)

    def _find(self, article_id: str) -> str:
        seen = set()
        current = article_id
        while current not in seen:
            seen.add(current)
            link = self.sources.get(current)
            if link is None or link.copy_of is None or link.copy_of not in self.sources:
                return current
            current = link.copy_of
        return current

    @classmethod
    def of(cls, store: Any) -> Provenance:
        return cls(store.article_sources())

    def publisher(self, article_id: str) -> str:
        source = self.sources.get(article_id)
        return publisher(source.source, source.url) if source else UNKNOWN

    def origin(self, article_id: str) -> str:
        """The earliest article of the copy cluster holding ``article_id``."""
        return self._root.get(article_id, article_id)

    def independent(self, article_ids: Iterable[str]) -> list[str]:
        """The independent publishers among these articles: each copy cluster counts once, under
        the publisher of its original."""
        return sorted({self.publisher(self.origin(a)) for a in article_ids})

    def same_source(self, a: str, b: str) -> bool:
        """Whether two articles are one source: the same article or copies of one another."""
        return self.origin(a) == self.origin(b)

    def evidence(self, article_id: str, start: int | None, end: int | None, text: str | None,
                 **extra: Any) -> dict[str, Any]:
        """One piece of evidence: the article, its publisher, what it copies, and the span."""
        source = self.sources.get(article_id)
        copy_of = source.copy_of if source else None
        return {
            "article_id": article_id, "title": source.title if source else None,
            "publisher": self.publisher(article_id), "published": source.published if source else None,
            "copy_of": copy_of, "start": start, "end": end, "text": text, **extra,
        }
