"""Statements <-> database: one :class:`Store` interface, SQLite (default) or PostgreSQL behind it.

Open a store with :func:`open_store`; the backend modules are implementation detail.
"""

from newsgraph.store.base import (
    Appearance,
    ArticleSummary,
    EntityDetail,
    EntityMention,
    EntityRole,
    EntitySummary,
    EventReport,
    QuoteLink,
    RoleEvidence,
    Store,
)
from newsgraph.store.opener import open_store
from newsgraph.store.sqlite import DEFAULT_PATH, SQLiteStore

__all__ = [
    "DEFAULT_PATH",
    "Appearance",
    "ArticleSummary",
    "EntityDetail",
    "EntityMention",
    "EntityRole",
    "EntitySummary",
    "EventReport",
    "QuoteLink",
    "RoleEvidence",
    "SQLiteStore",
    "Store",
    "open_store",
]
