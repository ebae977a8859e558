"""Turn one :class:`~newsgraph.model.Analysis` into flat statements with provenance.

Statements are the generic, schema-free view of everything newsgraph read: whatever
new kind of fact the pipeline learns to extract (quotes, quantities, events) can be
stored and queried as statements without changing the store's tables.

Subjects are entity ids for facts about an entity and the article id for facts about
the article itself. A statement has a span whenever the article shows the fact in
its text; article metadata (title, source...) comes from outside the text and has none.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.model import Analysis, Entity, Span, Statement

__all__ = ["ARTICLE_PROPS", "statements_for"]

#: Article fields that become statements about the article.
ARTICLE_PROPS = ("title", "language", "published", "source")


def statements_for(analysis: Analysis) -> list[Statement]:
    """Every statement the analysis supports, in a stable order: article facts first,
    then each entity's name, type, aliases, mentions and roles."""
    article = analysis.article

    def make(subject: str, prop: str, value: str, span: Span | None) -> Statement:
        return Statement(
            subject=subject,
            prop=prop,
            value=value,
            article_id=article.id,
            start=span.start if span else None,
            end=span.end if span else None,
            extractor=analysis.extractor,
            version=analysis.version,
        )

    statements: list[Statement] = []
    for prop in ARTICLE_PROPS:
        value = getattr(article, prop)
        if value is not None:
            statements.append(make(article.id, prop, str(value), None))
    for entity in analysis.entities:
        statements.extend(make(entity.id, prop, value, span) for prop, value, span in _entity_facts(entity))
    return statements


def _entity_facts(entity: Entity) -> Iterator[tuple[str, str, Span | None]]:
    # The name and each alias point at the first place the article spells them so;
    # a name the resolver normalised (and the article never spells) has no span.
    yield "name", entity.name, _first_surface(entity, entity.name)
    yield "type", entity.type, None
    for alias in dict.fromkeys(entity.aliases):
        yield "alias", alias, _first_surface(entity, alias)
    for mention in entity.mentions:
        yield "mention", mention.span.text, mention.span
    for role in entity.roles:
        yield "role", role.role, role.span


def _first_surface(entity: Entity, surface: str) -> Span | None:
    spans = sorted((mention.span for mention in entity.mentions), key=lambda span: (span.start, span.end))
    exact = next((span for span in spans if span.text == surface), None)
    if exact is not None:
        return exact
    folded = surface.casefold()
    return next((span for span in spans if span.text.casefold() == folded), None)
