"""A throwaway PostgreSQL server for the tests and the store benchmark.

:func:`start_server` runs ``initdb`` into a temporary folder and starts ``postgres`` on a
unix socket inside it (no TCP port, so parallel runs cannot collide), with the C locale so
text sorts by code point as in SQLite. PostgreSQL refuses to run as root: when the tests
run as root (CI does), the server runs as the ``postgres`` system user that Debian's
package creates, and the folder is handed to that user.

The binaries are looked for in ``$PG_BIN``, on ``PATH`` and in ``/usr/lib/postgresql/*/bin``
(Debian keeps them off ``PATH``), newest version first.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NoServer", "PostgresServer", "find_binaries", "start_server"]

#: The role the tests connect as: the cluster's superuser.
USER = "newsgraph"

# Throwaway data: durability only slows the tests down.
FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


class NoServer(RuntimeError):
    """No PostgreSQL server could be started here (the message says why)."""


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    candidates: list[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(versions, key=lambda p: _version(p.parent.name), reverse=True)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


@dataclass
class PostgresServer:
    """A running server: its folder, socket folder and port."""

    bindir: Path
    root: Path
    port: int = 5432
    owner: str | None = None  # the system user the server runs as when we are root

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.socket_dir}&port={self.port}"

    def _run(self, args: Sequence[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def start(self, settings: Sequence[str] = FAST) -> None:
        self.socket_dir.mkdir()
        if self.owner:
            entry = pwd.getpwnam(self.owner)
            for path in (self.root, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        init = self._run([self.bindir / "initdb", "-D", self.data, "-U", USER, "--auth=trust",
                          "--encoding=UTF8", "--no-locale", "--no-sync"])
        if init.returncode:
            raise NoServer(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        options = " ".join([f"-k {self.socket_dir}", f"-p {self.port}", "-c listen_addresses=''", *settings])
        started = self._run([self.bindir / "pg_ctl", "-D", self.data, "-l", self.root / "server.log",
                             "-o", options, "-w", "-t", "60", "start"])
        if started.returncode:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise NoServer(f"pg_ctl start failed: {started.stderr.strip() or started.stdout.strip()}\n{tail}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run([self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its name. It sorts text as most servers do (ICU's
        English rules, not code point order as the cluster's C locale would), so that the
        tests show the store does not depend on the server's collation."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            try:
                conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'")
            except psycopg.Error:  # before PostgreSQL 15, or built without ICU
                conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(settings: Sequence[str] = FAST) -> PostgresServer:
    """Start a server in a new temporary folder; raises :class:`NoServer` when none can run."""
    bindir = find_binaries()
    if bindir is None:
        raise NoServer("PostgreSQL is not installed (no initdb/pg_ctl in $PG_BIN, PATH or /usr/lib/postgresql)")
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres").pw_name
        except KeyError as exc:
            raise NoServer("running as root and there is no 'postgres' user to run the server as") from exc
    # In /tmp rather than $TMPDIR: a unix socket path has at most 107 bytes, and the postgres
    # user must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="newsgraph-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    server = PostgresServer(bindir, root, owner=owner)
    try:
        server.start(settings)
    except BaseException:
        server.stop()
        raise
    return server
