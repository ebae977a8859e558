"""A span of an article's text, by character offsets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """``text == article.text[start:end]``: the evidence for a fact."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text`` between two offsets."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}
