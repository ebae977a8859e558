"""What only the PostgreSQL backend has to get right: URLs, passwords in messages, a
database that is missing or holds something else, read-only sessions, the migration
dialect. Everything a store does is in the contract tests (test_store.py), which run on
PostgreSQL too. The tests marked ``postgres`` need the driver or a server."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from newsgraph.errors import StoreError, StoreNotWritable
from newsgraph.store import open_store
from newsgraph.store.postgres import PostgresStore, redact, translate_ddl
from newsgraph.store.schema import MIGRATIONS_DIR, load_migrations
from tests.test_store import LATEST, analysis_1, analysis_2

SHIPPED = len(load_migrations(MIGRATIONS_DIR))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _databases(pg_server) -> set[str]:  # type: ignore[no-untyped-def]
    import psycopg

    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_open_store_takes_every_postgres_spelling(pg_url: str, scheme: str) -> None:
    with open_store(scheme + pg_url.removeprefix("postgresql")) as store:
        assert isinstance(store, PostgresStore)
        assert store.save(analysis_1())
        assert store.schema_version() == LATEST


@pytest.mark.postgres
def test_refused_connection_names_the_url_without_its_password() -> None:
    url = f"postgresql://reader:s3cret@127.0.0.1:{_free_port()}/news?password=s3cret&connect_timeout=5"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "s3cret" not in message
    assert f"postgresql://reader:***@127.0.0.1:{url.split(':')[3].split('/')[0]}/news" in message
    assert "cannot connect" in message and "refused" in message.lower()


def test_redact_hides_passwords_only() -> None:
    assert redact("postgresql://u:pw@h:5/db?sslmode=require") == "postgresql://u:***@h:5/db?sslmode=require"
    assert redact("postgresql://u@h/db?password=pw&host=/run/pg") == "postgresql://u@h/db?password=***&host=/run/pg"
    assert redact("postgresql://h/db") == "postgresql://h/db"


@pytest.mark.postgres
def test_a_missing_database_is_created_by_the_first_writer(pg_server) -> None:  # type: ignore[no-untyped-def]
    name = "created_by_newsgraph"
    url = pg_server.url(name)
    try:
        with open_store(url) as store:
            assert store.save(analysis_1())
        assert name in _databases(pg_server)
    finally:
        pg_server.drop_database(name)


@pytest.mark.postgres
def test_readonly_open_of_a_missing_database_creates_nothing(pg_server) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.url("typo_db")
    with pytest.raises(StoreError) as caught:
        open_store(url, readonly=True)
    assert str(caught.value) == f"no store at {url}; create one with `newsgraph ingest`"
    assert "typo_db" not in _databases(pg_server)


@pytest.mark.postgres
def test_readonly_open_of_a_database_that_is_no_store(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(StoreError, match="not a newsgraph store"):
        open_store(pg_url, readonly=True)
    with pytest.raises(StoreError, match="not a newsgraph store"):
        open_store(pg_url + "&options=-csearch_path%3Delsewhere", readonly=True)


@pytest.mark.postgres
def test_readonly_store_reads_in_a_readonly_session(pg_url: str) -> None:
    with open_store(pg_url) as writer:
        writer.save(analysis_1())
    with open_store(pg_url, readonly=True) as reader:
        assert reader.has_article("art-1")
        with pytest.raises(StoreNotWritable, match="read-only"), reader._guard("test write"):
            reader._rows("DELETE FROM articles")
    with open_store(pg_url) as again:
        assert again.has_article("art-1")


@pytest.mark.postgres
def test_migrations_are_recorded_once_in_schema_migrations(pg_url: str) -> None:
    open_store(pg_url).close()
    with open_store(pg_url) as store:
        # numbers may skip (a reserved number not used), so count the files, not the highest version
        assert store._rows("SELECT COUNT(*), MAX(version) FROM schema_migrations") == [(SHIPPED, LATEST)]
        # TEXT became code point ordered text, REAL an 8-byte float (see translate_ddl)
        columns = dict(store._rows(
            "SELECT column_name, COALESCE(collation_name, data_type) FROM information_schema.columns "
            "WHERE table_name = 'quantities' AND column_name IN ('unit', 'value')"
        ))
        assert columns == {"unit": "C", "value": "double precision"}


def test_translate_ddl() -> None:
    script = "CREATE TABLE t (a TEXT NOT NULL, b REAL, text TEXT);\nSELECT CAST(b AS TEXT) FROM t;"
    assert translate_ddl(script) == (
        'CREATE TABLE t (a TEXT COLLATE "C" NOT NULL, b DOUBLE PRECISION, text TEXT COLLATE "C");\n'
        "SELECT CAST(b AS TEXT) FROM t;"
    )


# Words that would make a migration run on one database only (migrations/README.md).
_NOT_PORTABLE = re.compile(
    r"\b(AUTOINCREMENT|ROWID|SERIAL|BIGSERIAL|PRAGMA|BOOLEAN|BLOB|JSONB?|TIMESTAMP|GROUP_CONCAT|STRING_AGG|"
    r"INSERT\s+OR|REPLACE\s+INTO|IF\s+NOT\s+EXISTS|BEGIN|COMMIT|CREATE\s+TRIGGER|lower|upper|json_\w+)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", sorted(MIGRATIONS_DIR.glob("*.sql")), ids=lambda p: p.name)
def test_migrations_keep_to_the_portable_subset(path: Path) -> None:
    code = "\n".join(line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    assert not _NOT_PORTABLE.findall(code), f"{path.name}: see newsgraph/store/migrations/README.md"
    columns = re.findall(r"ADD COLUMN\s+\w+\s+(\w+)", code, re.IGNORECASE)
    for body in re.findall(r"CREATE TABLE\s+\w+\s*\((.*?)\);", code, re.IGNORECASE | re.DOTALL):
        columns += re.findall(r"^\s*(?!PRIMARY\b|UNIQUE\b|FOREIGN\b)\w+\s+(\w+)", body, re.MULTILINE)
    assert set(columns) <= {"TEXT", "INTEGER", "REAL"}, f"{path.name}: column types {set(columns)}"


@pytest.mark.postgres
def test_a_lost_connection_stops_writing(pg_url: str) -> None:
    import psycopg

    with open_store(pg_url) as store:
        store.save(analysis_1())
        pid = store._conn.info.backend_pid
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreNotWritable, match="art-2"):  # a batch stops here: every next save would fail
            store.save(analysis_2())
    with open_store(pg_url, readonly=True) as reader:
        assert reader.has_article("art-1") and not reader.has_article("art-2")


@pytest.mark.postgres
@pytest.mark.parametrize("url", ["postgresql://u:pa%zzss@h/db", "postgresql://u@h:notaport/db?password=pa%zzss"])
def test_a_malformed_url_is_refused_without_its_password(url: str) -> None:
    with pytest.raises(StoreError, match="not a PostgreSQL URL") as caught:
        open_store(url)
    assert "pa%zzss" not in str(caught.value) and "zzss" not in str(caught.value)
