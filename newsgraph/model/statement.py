"""A statement: one fact with its evidence (subject, property, value, and where it was read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.model.ids import make_id

__all__ = ["Statement"]


@dataclass(frozen=True, slots=True)
class Statement:
    """``subject`` has ``prop`` = ``value``, read from ``article_id[start:end]`` by
    ``extractor`` at ``version``. The id hashes all of these, so storing the same
    statement twice is a no-op."""

    subject: str
    prop: str
    value: str
    article_id: str
    start: int | None
    end: int | None
    extractor: str
    version: str

    @property
    def id(self) -> str:
        return make_id(
            "st", self.subject, self.prop, self.value, self.article_id, self.start, self.end, self.extractor
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "prop": self.prop,
            "value": self.value,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "extractor": self.extractor,
            "version": self.version,
        }
