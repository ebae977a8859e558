"""The store interface and the records its queries return.

A :class:`Store` keeps analysed articles and answers the questions the CLI and the web
layer ask. Every backend (SQLite, PostgreSQL) implements this one interface
and passes the same contract tests, so callers never know which one they hold.

Records are frozen dataclasses with ``to_dict()`` so the web layer can render one dict
as both JSON and HTML.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Any, Self

from newsgraph.model import Analysis, Article, Statement

__all__ = [
    "Appearance",
    "ArticleSummary",
    "EntityDetail",
    "EntityMention",
    "EntityRole",
    "EntitySummary",
    "EventReport",
    "QuoteLink",
    "RoleEvidence",
    "Store",
]


class _Record:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class ArticleSummary(_Record):
    """One line of the article list."""

    id: str
    title: str | None
    language: str | None
    source: str | None
    published: str | None
    analysed: bool
    reason: str | None
    entity_count: int


@dataclass(frozen=True, slots=True)
class EntitySummary(_Record):
    """An entity merged across every article that names it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mention_count: int
    article_count: int


@dataclass(frozen=True, slots=True)
class RoleEvidence(_Record):
    """A role said of an entity, and where the article says it."""

    role: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Appearance(_Record):
    """One mention shown in its sentence. ``sentence`` starts at ``sentence_start`` in
    the article's text, so the mention sits at ``start - sentence_start`` within it."""

    article_id: str
    article_title: str | None
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int


@dataclass(frozen=True, slots=True)
class EntityDetail(_Record):
    """Everything the store knows about one entity. ``others`` lists the entities the
    same query also matched (two people sharing a surname), most mentioned first."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[RoleEvidence]
    appearances: list[Appearance]
    others: list[EntitySummary]


@dataclass(frozen=True, slots=True)
class EntityMention(_Record):
    """One place an article names an entity."""

    entity_id: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityRole(_Record):
    """A role said of an entity, with the entity: :class:`RoleEvidence` for whole-store reads."""

    entity_id: str
    role: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventReport(_Record):
    """One article's report of an event: an event several articles report has several."""

    event_id: str
    article_id: str
    start: int
    end: int
    text: str
    certainty: str
    reported_by: str | None


@dataclass(frozen=True, slots=True)
class QuoteLink(_Record):
    """A speaker and an entity their quote names in what was said: the quote is "about" it.
    ``start``/``end`` cover the quote's content (its envelope, for a split quotation)."""

    quote_id: str
    article_id: str
    speaker: str
    about: str
    direct: bool
    certainty: str
    start: int
    end: int


class Store(abc.ABC):
    """Analysed articles, their entities and statements.

    Writes are per article and atomic: :meth:`save` stores all of an analysis or none
    of it. Methods raise :class:`~newsgraph.errors.StoreError` when the database fails
    (:class:`~newsgraph.errors.StoreNotWritable` when no later write can succeed either)
    and :class:`~newsgraph.errors.NotFound` when asked for something it does not hold.
    A store opened read-only creates, migrates and writes nothing; :meth:`save` raises.
    """

    #: Opened only to read (``open_store(url, readonly=True)``).
    readonly: bool = False

    @abc.abstractmethod
    def save(self, analysis: Analysis) -> bool:
        """Store one analysed article in one transaction. Returns False, changing
        nothing, when the article is already stored."""

    @abc.abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""

    @abc.abstractmethod
    def article(self, article_id: str) -> Article:
        """The stored article, text included."""

    @abc.abstractmethod
    def articles(self, limit: int = 100) -> list[ArticleSummary]:
        """The most recently stored articles first."""

    @abc.abstractmethod
    def entities(
        self, type: str | None = None, search: str | None = None, limit: int = 100
    ) -> list[EntitySummary]:
        """Entities by mention count, most mentioned first. ``search`` matches any part
        of the name or an alias, ignoring case."""

    @abc.abstractmethod
    def entity(self, name_or_id: str) -> EntityDetail:
        """The entity with this id, name or alias (ignoring case)."""

    @abc.abstractmethod
    def statements(
        self, subject: str | None = None, prop: str | None = None, article_id: str | None = None
    ) -> list[Statement]:
        """Statements matching every filter given."""

    @abc.abstractmethod
    def quotes(self, by: str | None = None, about: str | None = None, limit: int = 100) -> list[Any]:
        """Quotes and reported claims; ``by`` a speaker's entity id, ``about`` an entity id named in the content."""

    @abc.abstractmethod
    def quantities(self, about: str | None = None, limit: int = 100) -> list[Any]:
        """Numbers claimed, optionally only those about one entity id."""

    @abc.abstractmethod
    def events(
        self, actor: str | None = None, code: str | None = None, since: str | None = None, limit: int = 100
    ) -> list[Any]:
        """Coded events in date order; ``actor`` an entity id, ``code`` a CAMEO code prefix, ``since`` an ISO date."""

    @abc.abstractmethod
    def search(
        self, text: str, kinds: tuple[str, ...] | None = None, limit: int = 20, offset: int = 0
    ) -> list[Any]:
        """Articles, entities and quotes (``kinds``: a subset) holding every word of ``text``, best
        first, as :class:`~newsgraph.store.search.SearchHit`; user text is never query syntax."""

    # Whole-store reads for exports: each yields every row, a page of ``batch`` rows at a
    # time, in a stable order, so a store larger than memory can be written out.

    @abc.abstractmethod
    def iter_articles(self, batch: int = 100) -> Iterator[Article]:
        """Every stored article, text included, by id."""

    @abc.abstractmethod
    def iter_entities(self, batch: int = 500) -> Iterator[EntitySummary]:
        """Every entity with its aliases, roles and counts, by id."""

    @abc.abstractmethod
    def iter_mentions(self, batch: int = 1000) -> Iterator[EntityMention]:
        """Every mention, by entity, then article, then offset."""

    @abc.abstractmethod
    def iter_roles(self, batch: int = 1000) -> Iterator[EntityRole]:
        """Every role with its evidence, by entity, then article, then offset."""

    @abc.abstractmethod
    def iter_statements(self, batch: int = 1000) -> Iterator[Statement]:
        """Every statement with its provenance, by statement id."""

    @abc.abstractmethod
    def iter_events(self, batch: int = 500) -> Iterator[Any]:
        """Every event record (as :meth:`events` returns them), a page of event ids at a time."""

    @abc.abstractmethod
    def iter_event_reports(self, batch: int = 1000) -> Iterator[EventReport]:
        """Every report of every event, by event id (in the order of :meth:`iter_events`), then article and offset."""

    @abc.abstractmethod
    def iter_quote_links(self, batch: int = 1000) -> Iterator[QuoteLink]:
        """For every quote with a known speaker, each other entity named in what it says."""

    @abc.abstractmethod
    def stats(self) -> dict[str, int]:
        """Row counts: articles, entities, mentions, statements..."""

    @abc.abstractmethod
    def marks(self, article_id: str) -> list[Any]:
        """Everything read in one article as spans over its text (entities, roles, quotes,
        events, numbers, hedged or negated sentences), in text order; NotFound for an unknown article."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection. Safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
