"""The store over any SQL database that speaks DB-API 2: every query lives here.

:class:`SQLStore` holds the queries, the transaction discipline and the migration
runner; a backend subclass supplies only what differs between databases: how to
connect, how to begin a write transaction, how to run a migration script, which
exceptions its driver raises and its parameter marker. Queries are written with ``?``
and portable SQL (``ON CONFLICT DO NOTHING``, ``COALESCE``, ``substr``, ``NULLS FIRST``,
no ``LIMIT`` tricks; the rules are in ``migrations/README.md``) so the PostgreSQL backend
runs them unchanged.
"""

from __future__ import annotations

import abc
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.errors import NotFound, StoreError, StoreNotWritable
from newsgraph.facts.statements import statements_for  # not the package: it may pull in spaCy
from newsgraph.model import Analysis, Article, Statement
from newsgraph.model.evidence import misread_spans
from newsgraph.resolve.across import match_key, names_alike, relink, same_reported_event
from newsgraph.store import walk
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
from newsgraph.store.claims import (
    EventRecord,
    QuantityRecord,
    QuoteRecord,
    event_rows,
    quantity_rows,
    quote_rows,
    write_claims,
)
from newsgraph.store.context import CONTEXT_WINDOW, surrounding_sentence
from newsgraph.store.corpus import CorpusReads, write_copies
from newsgraph.store.marks import Mark, mark_rows
from newsgraph.store.schema import MIGRATIONS_DIR, load_migrations, pending_migrations
from newsgraph.store.search import SearchHit, search, write_search_docs

__all__ = ["SQLStore"]

logger = logging.getLogger(__name__)

_ARTICLE_FIELDS = ("id", "text", "title", "language", "source", "published", "url", "author", "origin")

# Counting per entity in correlated subqueries keeps the counts right however many
# articles an entity spans, without counters that could drift from the rows.
_ENTITY_COLUMNS = """
    e.id, e.name, e.type,
    (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mention_count,
    (SELECT COUNT(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS article_count
"""

_ALIAS_MATCH = "EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = e.id AND x.alias_key {test})"
_LIKE = "LIKE ? ESCAPE '\\'"


def _key(text: str) -> str:
    """The form stored in ``*_key`` columns: case-folded, so lookups ignore case in any script."""
    return text.strip().casefold()


def _like_pattern(search: str) -> str:
    escaped = _key(search).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SQLStore(CorpusReads, Store):
    """A :class:`Store` over a DB-API 2 connection opened in autocommit mode, with
    transactions begun and ended explicitly so each save is exactly one transaction."""

    #: The driver's parameter marker; queries are written with ``?``.
    placeholder = "?"
    #: How to start a transaction that will write.
    begin_sql = "BEGIN"
    #: Which dialect variant of a migration this backend runs (see schema.py).
    dialect = "sqlite"
    #: The driver exceptions to report as StoreError.
    driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, location: str, migrations_dir: Path = MIGRATIONS_DIR, *, readonly: bool = False) -> None:
        self.location = location
        #: Opened only to read: nothing is created, migrated or written (see :func:`open_store`).
        self.readonly = readonly
        # Web servers share one store between threads; the lock keeps one statement
        # sequence (and one transaction) on the connection at a time.
        self._lock = threading.RLock()
        with self._guard("cannot open the database"):
            self._conn: Any = self._connect()
        try:
            if readonly:
                self._check_schema(migrations_dir)
            else:
                self.migrate(migrations_dir)
        except BaseException:
            self.close()
            raise

    # -- what a backend supplies ---------------------------------------------------

    @abc.abstractmethod
    def _connect(self) -> Any:
        """A DB-API connection in autocommit mode, ready for queries."""

    @abc.abstractmethod
    def _execute_script(self, cursor: Any, script: str) -> None:
        """Run a migration script (several statements) inside the open transaction."""

    def _in_transaction(self) -> bool:
        """Whether a transaction is still open: some failures (a full disk) make the
        database roll back by itself, and a second rollback would only fail."""
        return True

    def _not_writable(self, error: BaseException) -> bool:
        """Whether a driver error means no later write can succeed either (full disk, read-only)."""
        return False

    # -- plumbing ------------------------------------------------------------------

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except self.driver_errors as exc:
            kind = StoreNotWritable if self._not_writable(exc) else StoreError
            raise kind(f"{self.location}: {action}: {exc}") from exc

    def _cursor(self) -> Any:
        if self._conn is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._conn.cursor()

    def _sql(self, query: str) -> str:
        return query if self.placeholder == "?" else query.replace("?", self.placeholder)

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._cursor()
        cursor.execute(self._sql(query), tuple(params))
        return [tuple(row) for row in cursor.fetchall()]

    def _scalar(self, query: str, params: Sequence[Any] = ()) -> Any:
        rows = self._rows(query, params)
        return rows[0][0] if rows else None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        cursor = self._cursor()
        cursor.execute(self.begin_sql)
        try:
            yield cursor
            cursor.execute("COMMIT")
        except BaseException:
            if self._in_transaction():
                try:
                    cursor.execute("ROLLBACK")
                except self.driver_errors as exc:
                    # The original failure, being raised, matters more than this one.
                    logger.warning("%s: rollback failed: %s", self.location, exc)
            raise

    def _insert(self, cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(row) for row in rows]
        if not rows:
            return
        marks = ", ".join("?" for _ in columns)
        query = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING"
        cursor.executemany(self._sql(query), rows)

    # -- migrations ----------------------------------------------------------------

    def migrate(self, migrations_dir: Path = MIGRATIONS_DIR) -> list[int]:
        """Apply the migrations the database lacks, each in its own transaction.
        Returns the versions applied (none when the database is up to date)."""
        if self.readonly:
            raise StoreError(f"{self.location}: opened read-only: cannot migrate")
        migrations = load_migrations(migrations_dir)
        with self._lock, self._guard("cannot read the schema version"):
            self._cursor().execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {row[0] for row in self._rows("SELECT version FROM schema_migrations")}
        done: list[int] = []
        for migration in pending_migrations(migrations, applied, self.location):
            with self._lock, self._guard(f"migration {migration.name} failed"):
                with self._transaction() as cursor:
                    # Another process may have applied it since we looked.
                    cursor.execute(
                        self._sql("SELECT 1 FROM schema_migrations WHERE version = ?"), (migration.version,)
                    )
                    if cursor.fetchall():
                        continue
                    self._execute_script(cursor, migration.script(self.dialect))
                    cursor.execute(
                        self._sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                        (migration.version, _now()),
                    )
            logger.info("%s: applied migration %s", self.location, migration.name)
            done.append(migration.version)
        return done

    def _check_schema(self, migrations_dir: Path) -> None:
        """For a read-only store: the schema must be the one these queries expect, as
        nothing may be migrated."""
        migrations = load_migrations(migrations_dir)
        with self._lock:
            try:
                applied = {row[0] for row in self._rows("SELECT version FROM schema_migrations")}
            except self.driver_errors as exc:
                raise StoreError(
                    f"{self.location} is not a newsgraph store ({exc}); create one with `newsgraph ingest`"
                ) from exc
        pending = pending_migrations(migrations, applied, self.location)
        if pending:
            raise StoreError(
                f"{self.location}: the store is at schema version {max(applied, default=0)} and this "
                f"newsgraph reads version {migrations[-1].version}; write to it once (`newsgraph ingest`) "
                "to upgrade it"
            )

    def schema_version(self) -> int:
        """The highest migration applied (0 for none)."""
        with self._lock, self._guard("cannot read the schema version"):
            return int(self._scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))

    # -- writing -------------------------------------------------------------------

    def save(self, analysis: Analysis) -> bool:
        article = analysis.article
        if self.readonly:
            raise StoreError(f"{self.location}: opened read-only: cannot save article {article.id}")
        _check_spans(analysis)
        with self._lock, self._guard(f"cannot save article {article.id}"), self._transaction() as cursor:
            cursor.execute(self._sql("SELECT 1 FROM articles WHERE id = ?"), (article.id,))
            if cursor.fetchall():
                logger.debug("%s: article %s is already stored", self.location, article.id)
                return False
            analysis = relink(analysis, self._stored_matches(cursor, analysis))
            statements = statements_for(analysis)
            self._write(cursor, analysis, statements)
            write_copies(self._insert, self._sql, cursor, article)
            write_search_docs(cursor, self._sql, article.id, self.dialect)
        logger.debug("%s: saved article %s (%d statements)", self.location, article.id, len(statements))
        return True

    def _stored_matches(self, cursor: Any, analysis: Analysis) -> dict[str, tuple[str, str]]:
        """Entities of ``analysis`` that are a stored entity spelled another way: id -> (stored id, name)."""
        mapping: dict[str, tuple[str, str]] = {}
        for entity in analysis.entities:
            key = match_key(entity.name, entity.type)
            if key is None:
                continue
            cursor.execute(self._sql("SELECT id, name FROM entities WHERE match_key = ? AND type = ?"), (key, entity.type))
            rows = cursor.fetchall()
            if any(row[0] == entity.id for row in rows):
                continue  # already stored under its own id
            alike = [row for row in rows if names_alike(row[1], entity.name)]
            if len(alike) == 1:
                mapping[entity.id] = (alike[0][0], alike[0][1])
        return mapping

    def _stored_event(self, cursor: Any, event: Any) -> str | None:
        """The id of an event another article reported that ``event`` reports again, if any."""
        if event.source is None and event.target is None:
            return None
        cursor.execute(
            self._sql("SELECT id, root, source, target, place, event_date FROM events "
                      "WHERE root = ? AND COALESCE(source, '') = ? AND COALESCE(target, '') = ?"),
            (event.root, event.source or "", event.target or ""),
        )
        key = (event.root, event.source, event.target, event.place, event.date)
        for row in cursor.fetchall():
            if row[0] != event.id and same_reported_event(key, tuple(row[1:])):
                return str(row[0])
        return None

    def _write(self, cursor: Any, analysis: Analysis, statements: list[Statement]) -> None:
        article = analysis.article
        self._insert(
            cursor,
            "articles",
            (*_ARTICLE_FIELDS, "analysed", "reason", "extractor", "version", "ingested_at"),
            [
                (
                    *(getattr(article, name) for name in _ARTICLE_FIELDS),
                    1 if analysis.analysed else 0,
                    analysis.reason,
                    analysis.extractor,
                    analysis.version,
                    _now(),
                )
            ],
        )
        self._insert(
            cursor,
            "sentences",
            ("article_id", "span_start", "span_end", "certainty"),
            ((article.id, s.start, s.end, getattr(s, "certainty", None)) for s in analysis.sentences),
        )
        write_claims(self._insert, cursor, analysis, self._stored_event)
        entities = analysis.entities
        self._insert(
            cursor,
            "entities",
            ("id", "name", "name_key", "type", "match_key"),
            ((e.id, e.name, _key(e.name), e.type, match_key(e.name, e.type)) for e in entities),
        )
        self._insert(
            cursor,
            "entity_aliases",
            ("entity_id", "alias", "alias_key"),
            ((e.id, alias, _key(alias)) for e in entities for alias in e.aliases),
        )
        self._insert(
            cursor, "article_entities", ("article_id", "entity_id"), ((article.id, e.id) for e in entities)
        )
        self._insert(
            cursor,
            "mentions",
            ("entity_id", "article_id", "span_start", "span_end", "text"),
            ((e.id, article.id, m.span.start, m.span.end, m.span.text) for e in entities for m in e.mentions),
        )
        self._insert(
            cursor,
            "roles",
            ("entity_id", "article_id", "role", "span_start", "span_end", "text"),
            (
                (e.id, article.id, r.role, r.span.start, r.span.end, r.span.text)
                for e in entities
                for r in e.roles
            ),
        )
        self._insert(
            cursor,
            "statements",
            (
                "id",
                "subject",
                "prop",
                "value",
                "article_id",
                "span_start",
                "span_end",
                "extractor",
                "version",
            ),
            (
                (s.id, s.subject, s.prop, s.value, s.article_id, s.start, s.end, s.extractor, s.version)
                for s in statements
            ),
        )

    # -- reading -------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._lock, self._guard("cannot read articles"):
            return bool(self._rows("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def article(self, article_id: str) -> Article:
        with self._lock, self._guard("cannot read articles"):
            rows = self._rows(
                f"SELECT {', '.join(_ARTICLE_FIELDS)} FROM articles WHERE id = ?", (article_id,)
            )
        if not rows:
            raise NotFound(f"no article with id {article_id!r}")
        return Article(**dict(zip(_ARTICLE_FIELDS, rows[0], strict=True)))

    def articles(self, limit: int = 100) -> list[ArticleSummary]:
        with self._lock, self._guard("cannot read articles"):
            rows = self._rows(
                """
                SELECT a.id, a.title, a.language, a.source, a.published, a.analysed, a.reason,
                       (SELECT COUNT(*) FROM article_entities ae WHERE ae.article_id = a.id)
                FROM articles a
                ORDER BY a.ingested_at DESC, a.id
                LIMIT ?
                """,
                (limit,),
            )
        return [
            ArticleSummary(
                id=r[0],
                title=r[1],
                language=r[2],
                source=r[3],
                published=r[4],
                analysed=bool(r[5]),
                reason=r[6],
                entity_count=int(r[7]),
            )
            for r in rows
        ]

    def entities(
        self, type: str | None = None, search: str | None = None, limit: int = 100
    ) -> list[EntitySummary]:
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("e.type = ?")
            params.append(type.strip().upper())
        if search and search.strip():
            pattern = _like_pattern(search)
            where.append(f"(e.name_key {_LIKE} OR {_ALIAS_MATCH.format(test=_LIKE)})")
            params += [pattern, pattern]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock, self._guard("cannot read entities"):
            rows = self._rows(
                f"SELECT {_ENTITY_COLUMNS} FROM entities e {clause} "
                "ORDER BY mention_count DESC, e.name, e.id LIMIT ?",
                (*params, limit),
            )
            return self._summaries(rows)

    def _summaries(self, rows: list[tuple[Any, ...]]) -> list[EntitySummary]:
        if not rows:
            return []
        ids = [row[0] for row in rows]
        marks = ", ".join("?" for _ in ids)
        aliases: dict[str, list[str]] = {entity_id: [] for entity_id in ids}
        for entity_id, alias in self._rows(
            f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks}) ORDER BY alias", ids
        ):
            aliases[entity_id].append(alias)
        roles: dict[str, list[str]] = {entity_id: [] for entity_id in ids}
        for entity_id, role in self._rows(
            f"SELECT entity_id, role FROM roles WHERE entity_id IN ({marks}) "
            "GROUP BY entity_id, role ORDER BY entity_id, COUNT(*) DESC, role",
            ids,
        ):
            roles[entity_id].append(role)
        return [
            EntitySummary(
                id=r[0],
                name=r[1],
                type=r[2],
                aliases=aliases[r[0]],
                roles=roles[r[0]],
                mention_count=int(r[3]),
                article_count=int(r[4]),
            )
            for r in rows
        ]

    def entity(self, name_or_id: str) -> EntityDetail:
        key = _key(name_or_id)
        alias_equal = _ALIAS_MATCH.format(test="= ?")
        with self._lock, self._guard("cannot read entities"):
            rows = self._rows(
                f"""
                SELECT {_ENTITY_COLUMNS} FROM entities e
                WHERE e.id IN (?, ?) OR e.name_key = ? OR {alias_equal}
                ORDER BY CASE WHEN e.id IN (?, ?) THEN 0 ELSE 1 END, mention_count DESC, e.name, e.id
                """,
                (name_or_id.strip(), key, key, key, name_or_id.strip(), key),
            )
            if not rows:
                raise NotFound(f"no entity with the id, name or alias {name_or_id!r}")
            best, *others = self._summaries(rows)
            return EntityDetail(
                id=best.id,
                name=best.name,
                type=best.type,
                aliases=best.aliases,
                roles=self._role_evidence(best.id),
                appearances=self._appearances(best.id),
                others=others,
            )

    def _role_evidence(self, entity_id: str) -> list[RoleEvidence]:
        rows = self._rows(
            """
            SELECT r.role, r.article_id, r.span_start, r.span_end, r.text
            FROM roles r JOIN articles a ON a.id = r.article_id
            WHERE r.entity_id = ?
            ORDER BY a.ingested_at, r.article_id, r.span_start, r.span_end, r.role
            """,
            (entity_id,),
        )
        return [RoleEvidence(*row) for row in rows]

    def _appearances(self, entity_id: str) -> list[Appearance]:
        # The sentence holding a mention is the last one starting at or before it,
        # provided it also covers the mention's end.
        rows = self._rows(
            """
            SELECT m.article_id, a.title, m.span_start, m.span_end, m.text,
                   s.span_start, substr(a.text, s.span_start + 1, s.span_end - s.span_start)
            FROM mentions m
            JOIN articles a ON a.id = m.article_id
            LEFT JOIN sentences s
              ON s.article_id = m.article_id
             AND s.span_end >= m.span_end
             AND s.span_start = (
                 SELECT MAX(s2.span_start) FROM sentences s2
                 WHERE s2.article_id = m.article_id AND s2.span_start <= m.span_start)
            WHERE m.entity_id = ?
            ORDER BY a.ingested_at, m.article_id, m.span_start, m.span_end
            """,
            (entity_id,),
        )
        appearances = []
        for article_id, title, start, end, text, sentence_start, sentence in rows:
            if sentence is None:
                sentence_start, sentence = self._guess_sentence(article_id, start, end)
            appearances.append(Appearance(article_id, title, start, end, text, sentence, sentence_start))
        return appearances

    def _guess_sentence(self, article_id: str, start: int, end: int) -> tuple[int, str]:
        window_start = max(0, start - CONTEXT_WINDOW)
        window = self._scalar(
            "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
            (window_start + 1, end + CONTEXT_WINDOW - window_start, article_id),
        )
        return surrounding_sentence(window or "", window_start, start, end)

    def statements(
        self, subject: str | None = None, prop: str | None = None, article_id: str | None = None
    ) -> list[Statement]:
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("subject", subject), ("prop", prop), ("article_id", article_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock, self._guard("cannot read statements"):
            rows = self._rows(
                "SELECT subject, prop, value, article_id, span_start, span_end, extractor, version "
                f"FROM statements {clause} "
                "ORDER BY article_id, COALESCE(span_start, -1), subject, prop, value, id",
                params,
            )
        return [Statement(*row) for row in rows]

    def quotes(self, by: str | None = None, about: str | None = None, limit: int = 100) -> list[QuoteRecord]:
        with self._lock, self._guard("cannot read quotes"):
            return quote_rows(self._rows, by=by, about=about, limit=limit)

    def quantities(self, about: str | None = None, limit: int = 100) -> list[QuantityRecord]:
        with self._lock, self._guard("cannot read quantities"):
            return quantity_rows(self._rows, about=about, limit=limit)

    def events(
        self, actor: str | None = None, code: str | None = None, since: str | None = None, limit: int = 100
    ) -> list[EventRecord]:
        with self._lock, self._guard("cannot read events"):
            return event_rows(self._rows, actor=actor, code=code, since=since, limit=limit)

    # -- whole-store reads (the queries live in walk.py) -----------------------------

    def search(
        self, text: str, kinds: tuple[str, ...] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        with self._lock, self._guard("cannot search"):
            return search(self._rows, self.dialect, text, kinds, limit, offset)

    def _run(self, action: str) -> walk.Run:
        def run(query: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
            with self._lock, self._guard(action):
                return self._rows(query, params)

        return run

    def iter_articles(self, batch: int = 100) -> Iterator[Article]:
        return walk.article_rows(self._run("cannot read articles"), _ARTICLE_FIELDS, batch)

    def iter_entities(self, batch: int = 500) -> Iterator[EntitySummary]:
        for page in walk.entity_pages(self._run("cannot read entities"), _ENTITY_COLUMNS, batch):
            with self._lock, self._guard("cannot read entities"):
                summaries = self._summaries(page)
            yield from summaries

    def iter_mentions(self, batch: int = 1000) -> Iterator[EntityMention]:
        return walk.mentions(self._run("cannot read mentions"), batch)

    def iter_roles(self, batch: int = 1000) -> Iterator[EntityRole]:
        return walk.roles(self._run("cannot read roles"), batch)

    def iter_statements(self, batch: int = 1000) -> Iterator[Statement]:
        return walk.statements(self._run("cannot read statements"), batch)

    def iter_events(self, batch: int = 500) -> Iterator[EventRecord]:
        for ids in walk.event_id_pages(self._run("cannot read events"), batch):
            with self._lock, self._guard("cannot read events"):
                found = event_rows(self._rows, actor=None, code=None, since=None, limit=len(ids), ids=ids)
            # The page's own (SQL) order, not Python's: iter_event_reports follows the same one.
            rank = {event_id: k for k, event_id in enumerate(ids)}
            yield from sorted(found, key=lambda record: rank[record.id])

    def iter_event_reports(self, batch: int = 1000) -> Iterator[EventReport]:
        return walk.event_reports(self._run("cannot read events"), batch)

    def iter_quote_links(self, batch: int = 1000) -> Iterator[QuoteLink]:
        return walk.quote_links(self._run("cannot read quotes"), batch)

    def stats(self) -> dict[str, int]:
        queries = {
            "articles": "SELECT COUNT(*) FROM articles",
            "analysed": "SELECT COUNT(*) FROM articles WHERE analysed = 1",
            "sentences": "SELECT COUNT(*) FROM sentences",
            "entities": "SELECT COUNT(*) FROM entities",
            "aliases": "SELECT COUNT(*) FROM entity_aliases",
            "mentions": "SELECT COUNT(*) FROM mentions",
            "roles": "SELECT COUNT(*) FROM roles",
            "statements": "SELECT COUNT(*) FROM statements",
            "quotes": "SELECT COUNT(*) FROM quotes",
            "quantities": "SELECT COUNT(*) FROM quantities",
            "events": "SELECT COUNT(*) FROM events",
        }
        with self._lock, self._guard("cannot read statistics"):
            return {name: int(self._scalar(query)) for name, query in queries.items()}

    def marks(self, article_id: str) -> list[Mark]:
        with self._lock, self._guard("cannot read the article's marks"):
            if not self._rows("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
                raise NotFound(f"no article with id {article_id!r}")
            return mark_rows(self._rows, article_id)

    def close(self) -> None:
        with self._lock:
            conn, self._conn = getattr(self, "_conn", None), None
            if conn is not None:
                with self._guard("cannot close the database"):
                    conn.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _check_spans(analysis: Analysis) -> None:
    """Refuse an analysis whose spans do not read what they claim: stored evidence
    that points at the wrong text would mislead every later reader."""
    problems = misread_spans(analysis)
    if problems:
        raise StoreError(f"article {analysis.article.id}: {problems[0]}")
