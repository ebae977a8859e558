"""The corpus in the store: near-duplicate signatures and copies, and the reads that
corroboration and contradiction need (who published each article, which articles copy which).

The SQL store calls :func:`write_copies` inside its save transaction, after the article row is
written; :class:`CorpusReads` is mixed into the SQL store for the read side. The decisions
(what is a copy, what counts as a publisher) live in ``resolve.duplicates`` and ``corpus``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Article
from newsgraph.resolve.duplicates import Signature, band_keys, is_copy, signature
from newsgraph.store.base import EventReport, _Record
from newsgraph.store.claims import chunks, placeholders
from newsgraph.store.walk import EVENT_REPORTS

__all__ = ["ArticleSource", "ClaimContext", "CopyLink", "CorpusReads", "claim_contexts", "write_copies"]

Insert = Callable[[Any, str, Sequence[str], Any], None]
Sql = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class ArticleSource(_Record):
    """Where an article comes from, and the stored article it copies (if any)."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    copy_of: str | None
    similarity: float | None


@dataclass(frozen=True, slots=True)
class CopyLink(_Record):
    """An article found to near-duplicate one stored before it."""

    article_id: str
    copy_of: str
    similarity: float


def write_copies(insert: Insert, sql: Sql, cursor: Any, article: Article) -> CopyLink | None:
    """Store the article's signature and LSH buckets and, when it near-duplicates stored
    articles, a link to the earliest of them. Runs inside the caller's save transaction."""
    sig = signature(article.text)
    if sig is None:
        return None
    keys = band_keys(sig)
    link = _earliest_copy(sql, cursor, article.id, sig, keys)
    insert(cursor, "article_signatures", ("article_id", "shingles", "signature"),
           [(article.id, sig.shingles, sig.encode())])
    insert(cursor, "lsh_buckets", ("band", "bucket", "article_id"), [(band, bucket, article.id) for band, bucket in keys])
    if link is not None:
        insert(cursor, "article_copies", ("article_id", "copy_of", "similarity"),
               [(link.article_id, link.copy_of, link.similarity)])
    return link


def _earliest_copy(sql: Sql, cursor: Any, article_id: str, sig: Signature,
                   keys: list[tuple[int, str]]) -> CopyLink | None:
    where = " OR ".join("(band = ? AND bucket = ?)" for _ in keys)
    cursor.execute(sql(f"SELECT DISTINCT article_id FROM lsh_buckets WHERE {where}"),
                   [value for key in keys for value in key])
    candidates = [row[0] for row in cursor.fetchall() if row[0] != article_id]
    found: list[tuple[str, str, float]] = []
    for chunk in chunks(candidates):
        cursor.execute(sql(
            "SELECT s.article_id, s.shingles, s.signature, a.ingested_at FROM article_signatures s "
            f"JOIN articles a ON a.id = s.article_id WHERE s.article_id IN ({placeholders(chunk)})"), chunk)
        for other, shingles, encoded, ingested_at in cursor.fetchall():
            copy, jaccard = is_copy(sig, Signature.decode(encoded, int(shingles)))
            if copy:
                found.append((ingested_at, other, jaccard))
    if not found:
        return None
    _, original, jaccard = min(found)
    return CopyLink(article_id, original, round(jaccard, 3))


class CorpusReads:
    """Reads over the whole corpus, mixed into the SQL store (which supplies ``_rows``,
    ``_lock`` and ``_guard``)."""

    _rows: Callable[..., list[tuple[Any, ...]]]
    _lock: Any
    _guard: Callable[[str], Any]

    def article_sources(self, ids: Iterable[str] | None = None) -> dict[str, ArticleSource]:
        """Every article's (or these articles') origin, with its copy link, by id."""
        query = (
            "SELECT a.id, a.title, a.source, a.url, a.published, c.copy_of, c.similarity "
            "FROM articles a LEFT JOIN article_copies c ON c.article_id = a.id"
        )
        rows: list[tuple[Any, ...]] = []
        with self._lock, self._guard("cannot read articles"):
            if ids is None:
                rows = self._rows(query + " ORDER BY a.ingested_at, a.id")
            else:
                for chunk in chunks(sorted(set(ids))):
                    rows += self._rows(query + f" WHERE a.id IN ({placeholders(chunk)}) ORDER BY a.id", chunk)
        return {row[0]: ArticleSource(*row) for row in rows}

    def copy_links(self) -> list[CopyLink]:
        """Every article that copies an earlier one, by similarity (closest copies first)."""
        with self._lock, self._guard("cannot read copies"):
            rows = self._rows("SELECT article_id, copy_of, similarity FROM article_copies "
                              "ORDER BY similarity DESC, article_id")
        return [CopyLink(row[0], row[1], float(row[2])) for row in rows]

    def claim_contexts(self) -> dict[str, ClaimContext]:
        """The sentence and places around each numeric claim, by claim id."""
        with self._lock, self._guard("cannot read quantities"):
            return claim_contexts(self._rows)

    def reports_of(self, event_ids: Iterable[str]) -> list[EventReport]:
        """Every article's report of these events, with the reported span's text."""
        found: list[EventReport] = []
        with self._lock, self._guard("cannot read events"):
            for chunk in chunks(sorted(set(event_ids))):
                found += [EventReport(*row) for row in self._rows(
                    f"{EVENT_REPORTS} "
                    f"WHERE r.event_id IN ({placeholders(chunk)}) ORDER BY r.event_id, r.article_id, r.span_start",
                    chunk)]
        return found


@dataclass(frozen=True, slots=True)
class ClaimContext(_Record):
    """The sentence around a numeric claim, and the places it names."""

    quantity_id: str
    sentence_start: int
    sentence: str
    places: list[tuple[str, str, int, int]]  # entity id, name, start, end


def claim_contexts(rows: Callable[..., list[tuple[Any, ...]]]) -> dict[str, ClaimContext]:
    """For every numeric claim, its sentence and the places named in it."""
    found: dict[str, ClaimContext] = {}
    for qid, s_start, sentence, entity_id, name, m_start, m_end in rows(
        "SELECT n.id, s.span_start, substr(a.text, s.span_start + 1, s.span_end - s.span_start), "
        "e.id, e.name, m.span_start, m.span_end "
        "FROM quantities n JOIN articles a ON a.id = n.article_id "
        "JOIN sentences s ON s.article_id = n.article_id AND s.span_start <= n.span_start AND s.span_end >= n.span_end "
        "LEFT JOIN mentions m ON m.article_id = n.article_id AND m.span_start >= s.span_start "
        "AND m.span_end <= s.span_end "
        "LEFT JOIN entities e ON e.id = m.entity_id AND e.type IN ('GPE', 'LOC', 'FAC') "
        # Every mention column: places starting together (a market and its town) come out in
        # one order on every backend (NULLS FIRST: SQLite's order, where PostgreSQL's is last).
        "ORDER BY n.id, m.span_start NULLS FIRST, m.span_end NULLS FIRST, m.entity_id NULLS FIRST", ()):
        context = found.setdefault(qid, ClaimContext(qid, int(s_start), sentence, []))
        if entity_id is not None:
            context.places.append((entity_id, name, int(m_start), int(m_end)))
    return found
