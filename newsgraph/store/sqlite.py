"""The SQLite backend: the default store, one file, no server.

Only what is particular to SQLite lives here: opening the file with WAL and foreign
keys on, taking the write lock at the start of each write transaction, and splitting
migration scripts into statements (``executescript`` would commit the transaction
the migration must run in).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from newsgraph.store.schema import MIGRATIONS_DIR
from newsgraph.store.sql import SQLStore

__all__ = ["DEFAULT_PATH", "SQLiteStore"]

logger = logging.getLogger(__name__)

#: Where the store lives when no path is given.
DEFAULT_PATH = "newsgraph.db"

MEMORY = ":memory:"


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
    ) -> None:
        self.path = str(path)
        self.timeout = timeout
        super().__init__(self.path, migrations_dir)

    def _connect(self) -> Any:
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
