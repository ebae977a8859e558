"""Entities found in one article, with every mention and role as evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.model.span import Span

__all__ = ["ENTITY_TYPES", "Entity", "Mention", "Role"]

#: The types newsgraph assigns. ARMED_GROUP comes from our lexicon; the rest follow spaCy's labels.
ENTITY_TYPES = (
    "PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE",
    "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place the entity is named: its span."""

    span: Span

    def to_dict(self) -> dict[str, Any]:
        return self.span.to_dict()


@dataclass(frozen=True, slots=True)
class Role:
    """A title or apposition said of a person ("the head of the Air Force Intelligence
    Directorate"); ``span`` is the role's own text in the article."""

    role: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.span.start, "end": self.span.end, "text": self.span.text}


@dataclass(slots=True)
class Entity:
    """One person, organisation, place... as resolved within an article.

    ``id`` depends on the type and canonical name only, so the same entity gets the same
    id in every article that names it the same way."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": [role.to_dict() for role in self.roles],
            "mentions": [mention.to_dict() for mention in self.mentions],
        }
