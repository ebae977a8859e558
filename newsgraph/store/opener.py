"""Open a store from a path or URL: the one place that knows which backends exist.

None or "newsgraph.db"      SQLite file (None means ``newsgraph.db`` here)
"sqlite:///relative.db"     SQLite file, path relative to the working folder
"sqlite:////abs/path.db"    SQLite file, absolute path
"sqlite://"                 SQLite in memory
"postgresql://user:password@host:port/dbname"
                            PostgreSQL (the ``postgres`` extra); "postgres://" and
                            "postgresql+psycopg://" too. Any libpq URL: ``?host=/run/postgresql``
                            for a unix socket, ``?sslmode=require``...
"""

from __future__ import annotations

from newsgraph.errors import StoreError
from newsgraph.store.base import Store
from newsgraph.store.sqlite import DEFAULT_PATH, MEMORY, SQLiteStore

__all__ = ["open_store"]

_POSTGRES_SCHEMES = {"postgres", "postgresql"}


def open_store(url: str | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    With ``readonly`` nothing is created, migrated or written, so a store that does
    not exist is an error, and a store in a read-only folder or file can be read."""
    if url is None or not url.strip():
        return SQLiteStore(DEFAULT_PATH, readonly=readonly)
    scheme, separator, rest = url.partition("://")
    if not separator:
        return SQLiteStore(url, readonly=readonly)
    scheme = scheme.lower().split("+", 1)[0]  # "postgresql+psycopg" names the same backend
    if scheme == "sqlite":
        # As in SQLAlchemy: the third slash ends the (empty) host, what follows is the path.
        path = rest[1:] if rest.startswith("/") else rest
        return SQLiteStore(path or MEMORY, readonly=readonly)
    if scheme in _POSTGRES_SCHEMES:
        from newsgraph.store.postgres import PostgresStore  # psycopg is an extra: import it only here

        return PostgresStore(url, readonly=readonly)
    raise StoreError(f"unknown store scheme {scheme!r}: use a file path, sqlite:///path or postgresql://...")
