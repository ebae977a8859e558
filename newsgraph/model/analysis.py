"""The analysis of one article: the JSON document `newsgraph analyze` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.model.article import Article
from newsgraph.model.claims import Quantity, Quote, Sentence
from newsgraph.model.entity import Entity
from newsgraph.model.event import Event

__all__ = ["Analysis"]


@dataclass(slots=True)
class Analysis:
    """Everything newsgraph read from one article.

    ``analysed`` is False (with ``reason``) for an article that was stored but not
    analysed, such as one not in English; its lists are then empty."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    analysed: bool = True
    reason: str | None = None
    extractor: str = "newsgraph"
    version: str = ""
    # Every sentence with its certainty, so a mention can be shown in its sentence.
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "analysed": self.analysed,
            "reason": self.reason,
            "extractor": {"name": self.extractor, "version": self.version},
            "entities": [entity.to_dict() for entity in self.entities],
            "sentences": [sentence.to_dict() for sentence in self.sentences],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "quantities": [quantity.to_dict() for quantity in self.quantities],
            "events": [event.to_dict() for event in self.events],
        }
