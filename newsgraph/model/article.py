"""An article: normalised text plus what is known about where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article. ``text`` is normalised once (NFC, repaired encoding) and every
    offset newsgraph emits points into it. ``id`` is derived from ``text`` alone, so
    the same article read from two files is one article."""

    id: str
    text: str
    title: str | None = None
    language: str | None = None
    source: str | None = None  # the site or outlet
    published: str | None = None  # ISO 8601 date or datetime, as precise as known
    url: str | None = None
    author: str | None = None
    origin: str | None = None  # the file (and line) it was read from

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "source": self.source,
            "published": self.published,
            "url": self.url,
            "author": self.author,
            "origin": self.origin,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        fields = ("id", "text", "title", "language", "source", "published", "url", "author", "origin")
        return cls(**{name: data.get(name) for name in fields})  # type: ignore[arg-type]
