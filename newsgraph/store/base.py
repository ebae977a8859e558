"""The store interface and the records its queries return.

A :class:`Store` keeps analysed articles and answers the questions the CLI and the web
layer ask. Every backend (SQLite, PostgreSQL) implements this one interface
and passes the same contract tests, so callers never know which one they hold.

Records are frozen dataclasses with ``to_dict()`` so the web layer can render one dict
as both JSON and HTML.
"""

from __future__ import annotations

import abc
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Any, Self

from newsgraph.model import Analysis, Article, Statement

__all__ = [
    "Appearance",
    "ArticleSummary",
    "EntityDetail",
    "EntitySummary",
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
    def stats(self) -> dict[str, int]:
        """Row counts: articles, entities, mentions, statements..."""

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
