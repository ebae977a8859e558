"""The PostgreSQL backend: the SQLite store's schema, queries and behaviour on a server.

Needs the ``postgres`` extra (psycopg 3), imported only when a ``postgresql://`` store is
opened. Only what is particular to PostgreSQL lives here:

- parameters are ``%s`` (the shared queries write ``?``; a literal ``%`` is doubled);
- every write transaction first takes one advisory lock, the counterpart of SQLite's
  ``BEGIN IMMEDIATE``: writers queue, so two processes saving articles that name one
  new entity or report one event cannot both miss the other's row and store it twice,
  and a second save of one article finds the first and returns False;
- migrations run under that lock, through :func:`translate_ddl` (see schema.py for the
  portable subset they are written in);
- a database that does not exist is created by the first writer (as SQLite creates its
  file) where the role may; a reader is told there is no store;
- a read-only store reads in a read-only session;
- server errors that no later write would escape (disk full, read-only, connection
  lost) are :class:`~newsgraph.errors.StoreNotWritable`.

Messages name the store by its URL with any password masked.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newsgraph.errors import StoreError
from newsgraph.store.schema import MIGRATIONS_DIR
from newsgraph.store.sql import SQLStore

__all__ = ["PostgresStore", "redact", "translate_ddl"]

logger = logging.getLogger(__name__)

# The advisory lock every writer holds for its transaction (any 64-bit number unlikely
# to be used by another application on the same database: "newsgrap" in ASCII).
_WRITE_LOCK = 0x6E65777367726170

# SQLSTATEs after which no write can succeed: disk full, read-only transaction, no privilege,
# and the server going away (admin or crash shutdown, cannot connect now).
_NOT_WRITABLE = frozenset({"53100", "25006", "42501", "57P01", "57P02", "57P03"})

# Column types whose PostgreSQL meaning differs from SQLite's: TEXT sorts by the database's
# locale there but by code point in SQLite ("C" is code point order in UTF-8); REAL is
# 4 bytes there but 8 in SQLite. "AS TEXT" in a cast is left alone (a cast takes no COLLATE).
_DDL = (
    (re.compile(r"(?<!\bAS )\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
)


def translate_ddl(script: str) -> str:
    """A migration script, written in the portable subset, as PostgreSQL should run it."""
    for pattern, replacement in _DDL:
        script = pattern.sub(replacement, script)
    return script


_QUERY_PASSWORD = re.compile(r"(^|&)password=[^&]*")
_QUERY_PASSWORD_VALUE = re.compile(r"password=[^&]*")


@functools.lru_cache(maxsize=512)
def _pyformat(query: str) -> str:
    return query.replace("%", "%%").replace("?", "%s")


def redact(url: str) -> str:
    """The URL with any password (in the user part or the query) replaced by ``***``."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = _QUERY_PASSWORD.sub(r"\1password=***", parts.query)
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "the PostgreSQL store"  # unparseable: say nothing of it rather than leak it


def _quotes_secret(message: str, url: str) -> bool:
    secrets = [m.group(0)[len("password="):] for m in _QUERY_PASSWORD_VALUE.finditer(url)]
    try:
        secrets.append(urlsplit(url).password or "")
    except ValueError:
        return True  # cannot tell: assume the worst
    return any(secret and secret in message for secret in secrets)


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            "a postgresql:// store needs the PostgreSQL driver: pip install 'newsgraph[postgres]'"
        ) from exc
    return psycopg


class PostgresStore(SQLStore):
    """A store in one PostgreSQL database, named by a libpq URL
    (``postgresql://user:password@host:5432/dbname``, ``?host=/run/postgresql`` for a socket)."""

    dialect = "postgres"
    begin_sql = f"BEGIN; SELECT pg_advisory_xact_lock({_WRITE_LOCK})"

    def __init__(
        self,
        url: str,
        migrations_dir: Path = MIGRATIONS_DIR,
        timeout: float = 30.0,
        *,
        readonly: bool = False,
    ) -> None:
        self.psycopg = _driver()
        self.driver_errors = (self.psycopg.Error,)
        # "postgresql+psycopg://" (SQLAlchemy's spelling) names the same database for libpq.
        scheme, _, rest = url.partition("://")
        self.url = "postgresql://" + rest if scheme.lower().startswith("postgres") else url
        self.timeout = timeout
        super().__init__(redact(self.url), migrations_dir, readonly=readonly)

    # -- connecting ----------------------------------------------------------------

    def _params(self, **override: Any) -> dict[str, Any]:
        try:
            params: dict[str, Any] = self.psycopg.conninfo.conninfo_to_dict(self.url)
        except self.psycopg.ProgrammingError as exc:
            # libpq may quote the part it could not read, which can be the password.
            detail = "" if _quotes_secret(str(exc), self.url) else str(exc)
            raise StoreError(f"{self.location} is not a PostgreSQL URL{': ' + detail if detail else ''}") from exc
        params.setdefault("connect_timeout", max(1, round(self.timeout)))
        params.setdefault("application_name", "newsgraph")
        return {**params, **override}

    def _connect(self) -> Any:
        params = self._params()
        try:
            conn = self.psycopg.connect(**params, autocommit=True)
        except self.psycopg.OperationalError as exc:
            database = params.get("dbname") or params.get("user")
            if database and self._database_missing(database):
                if self.readonly:
                    raise StoreError(f"no store at {self.location}; create one with `newsgraph ingest`") from exc
                self._create_database(database)
                conn = self.psycopg.connect(**params, autocommit=True)
            else:
                raise StoreError(f"{self.location}: cannot connect: {' '.join(str(exc).split())}") from exc
        try:
            # Waiting for the write lock is bounded as SQLite's busy timeout is.
            conn.execute(f"SET lock_timeout = {int(self.timeout * 1000)}")
            if self.readonly:
                conn.execute("SET default_transaction_read_only = on")
        except BaseException:
            conn.close()
            raise
        logger.debug("opened PostgreSQL store %s%s", self.location, " read-only" if self.readonly else "")
        return conn

    def _maintenance(self) -> Any:
        """A connection to the server's ``postgres`` database, or None when there is none to be had."""
        try:
            return self.psycopg.connect(**self._params(dbname="postgres"), autocommit=True)
        except self.psycopg.Error:
            return None

    def _database_missing(self, name: str) -> bool:
        conn = self._maintenance()
        if conn is None:
            return False  # the server is not reachable: the first error says why
        with conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None

    def _create_database(self, name: str) -> None:
        sql = self.psycopg.sql
        conn = self._maintenance()
        if conn is None:
            raise StoreError(f"{self.location}: the database does not exist and the server cannot be reached")
        with conn:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                logger.info("%s: created database %s", self.location, name)
            except self.psycopg.errors.DuplicateDatabase:
                pass  # another writer created it meanwhile
            except self.psycopg.Error as exc:
                raise StoreError(
                    f"{self.location}: the database does not exist and cannot be created ({exc}); "
                    f"create it with `createdb {name}`"
                ) from exc

    # -- what SQLStore asks of a backend ---------------------------------------------

    def _sql(self, query: str) -> str:
        return _pyformat(query)

    def _execute_script(self, cursor: Any, script: str) -> None:
        # Without parameters psycopg sends the script as one simple query: several statements run in order.
        cursor.execute(translate_ddl(script))

    def migrate(self, migrations_dir: Path = MIGRATIONS_DIR) -> list[int]:
        if self.readonly:
            return super().migrate(migrations_dir)  # refuses
        # Under the write lock for the whole run: two processes opening a new database at
        # once would otherwise both create schema_migrations, and one would fail.
        with self._lock, self._guard("cannot take the write lock"):
            self._cursor().execute(f"SELECT pg_advisory_lock({_WRITE_LOCK})")
        try:
            return super().migrate(migrations_dir)
        finally:
            with self._lock:
                if self._conn is not None and not self._conn.closed:
                    try:
                        self._cursor().execute(f"SELECT pg_advisory_unlock({_WRITE_LOCK})")
                    except self.psycopg.Error as exc:  # the session's end releases it anyway
                        logger.warning("%s: cannot release the write lock: %s", self.location, exc)

    def _in_transaction(self) -> bool:
        if self._conn is None or self._conn.closed:
            return False
        return self._conn.info.transaction_status != self.psycopg.pq.TransactionStatus.IDLE

    def _not_writable(self, error: BaseException) -> bool:
        if getattr(error, "sqlstate", None) in _NOT_WRITABLE:
            return True
        return self._conn is not None and bool(getattr(self._conn, "broken", False))
