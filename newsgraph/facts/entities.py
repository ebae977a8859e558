"""Doc -> entities: the name layer's mentions grouped into entities with roles and evidence."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc
from unidecode import unidecode

from newsgraph.model import Entity, Mention, Role, Span, make_id
from newsgraph.nlp.extensions import doc_text
from newsgraph.resolve import NameMention, resolve_names

__all__ = ["EntityIndex", "entities_from_doc", "entity_id"]


def entity_id(type_: str, name: str) -> str:
    """The id of an entity: its type and canonical name, folded (so it is the same in every article)."""
    folded = " ".join(unidecode(name).lower().replace("’", "'").split())
    return make_id("ent", type_, folded)


def entities_from_doc(doc: Doc) -> list[Entity]:
    """Group ``doc._.ng_names`` into entities, in order of first mention."""
    names = doc._.ng_names or []
    if not names:
        return []
    clusters = resolve_names([NameMention(n.canonical or n.text, n.label) for n in names])
    roles_by_start: dict[int, list[Role]] = defaultdict(list)
    text = doc_text(doc)
    for role in doc._.ng_roles or []:
        roles_by_start[role.person_start].append(Role(role.role, Span(role.start, role.end, text[role.start : role.end])))
    entities = []
    for cluster in clusters:
        members = sorted((names[i] for i in cluster.members), key=lambda n: n.start)
        canonical = next((n.canonical for n in members if n.canonical), None) or cluster.canonical
        roles: list[Role] = []
        for member in members:
            roles += roles_by_start.get(member.start, [])
        entities.append(
            Entity(
                id=entity_id(cluster.type, canonical),
                name=canonical,
                type=cluster.type,
                aliases=list(dict.fromkeys(m.text for m in members)),
                roles=roles,
                mentions=[Mention(Span(m.start, m.end, m.text)) for m in members],
            )
        )
    entities.sort(key=lambda e: e.mentions[0].span.start)
    return entities


class EntityIndex:
    """Find the entity mentioned at a character range (for speakers, actors, places)."""

    def __init__(self, entities: list[Entity]) -> None:
        self._spans = sorted(
            ((m.span.start, m.span.end, e) for e in entities for m in e.mentions), key=lambda t: t[0]
        )

    def at(self, start: int, end: int, types: frozenset[str] | None = None) -> Entity | None:
        """The entity with a mention inside ``start:end`` (the longest such mention), or None."""
        best: tuple[int, Entity] | None = None
        for m_start, m_end, entity in self._spans:
            if m_start >= end:
                break
            if m_start >= start and m_end <= end and (types is None or entity.type in types):
                if best is None or m_end - m_start > best[0]:
                    best = (m_end - m_start, entity)
        return best[1] if best else None
