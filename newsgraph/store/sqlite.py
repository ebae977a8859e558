"""The SQLite backend: the default store, one file, no server.

Only what is particular to SQLite lives here: opening the file with WAL and foreign
keys on (or read-only, touching nothing), taking the write lock at the start of each
write transaction, telling which errors no later write would escape, and splitting
migration scripts into statements (``executescript`` would commit the transaction
the migration must run in).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.store.schema import MIGRATIONS_DIR
from newsgraph.store.sql import SQLStore

__all__ = ["DEFAULT_PATH", "SQLiteStore"]

logger = logging.getLogger(__name__)

#: Where the store lives when no path is given.
DEFAULT_PATH = "newsgraph.db"

MEMORY = ":memory:"

# What SQLite says when a WAL store's shared-memory file can be neither found nor made.
_NO_SHARED_MEMORY = frozenset({"SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN", "SQLITE_READONLY_CANTINIT"})


class SQLiteStore(SQLStore):
    """A store in one SQLite file (or in memory, for tests and throwaway runs, with
    ``path=":memory:"``)."""

    # IMMEDIATE takes the write lock up front, so two writers queue at BEGIN (within
    # the busy timeout) instead of one failing halfway through its transaction.
    begin_sql = "BEGIN IMMEDIATE"
    driver_errors = (sqlite3.Error,)

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        migrations_dir: Path = MIGRATIONS_DIR,
        timeout: float = 30.0,
        *,
        readonly: bool = False,
    ) -> None:
        self.path = str(path)
        self.timeout = timeout
        if readonly and self.path == MEMORY:
            raise StoreError("an in-memory store starts empty: there is nothing to read in it")
        if readonly and not Path(self.path).exists():
            # SQLite would create an empty file; a reader asking for a typo wants to hear so.
            raise StoreError(f"no store at {self.path}; create one with `newsgraph ingest`")
        super().__init__(self.path, migrations_dir, readonly=readonly)

    def _connect(self) -> Any:
        if self.readonly:
            return self._connect_readonly()
        try:
            conn = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.OperationalError as exc:
            raise sqlite3.OperationalError(f"{exc} (does the folder exist and is it writable?)") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            # Reading the schema here makes a file that is not a database fail now,
            # at open, rather than on the first query.
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            if self.path != MEMORY:
                # WAL lets readers (the web pages) run while a batch writes.
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                # In WAL mode NORMAL cannot corrupt the file; a power cut may lose only
                # the last saves, which re-ingesting restores. Batch ingest is much faster.
                conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        logger.debug("opened SQLite store %s", self.path)
        return conn

    def _connect_readonly(self) -> Any:
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        try:
            return self._open_checked(uri)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") not in _NO_SHARED_MEMORY:
                raise
        # A store in WAL mode is read through a shared-memory file beside it, which a
        # read-only folder cannot hold. None exists, so no one is writing now: read the
        # file as it stands (immutable), which needs neither the file nor a lock.
        logger.info("%s: read-only folder, reading the store as an immutable file", self.path)
        return self._open_checked(uri + "&immutable=1")

    def _open_checked(self, uri: str) -> Any:
        conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
        logger.debug("opened SQLite store %s read-only", self.path)
        return conn

    def _in_transaction(self) -> bool:
        return self._conn is not None and bool(self._conn.in_transaction)

    def _not_writable(self, error: BaseException) -> bool:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code, without its detail
        return code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY)

    def _execute_script(self, cursor: Any, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                cursor.execute(statement)
                statement = ""
        if statement.strip() and not _only_comments(statement):
            raise sqlite3.OperationalError(f"incomplete statement at the end of the script: {statement!r}")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())
