"""Ingest files and folders into a store, one transaction per article."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from newsgraph.errors import InputError, NewsgraphError, StoreNotWritable
from newsgraph.model import Article

__all__ = ["IngestSummary", "ingest_paths"]

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What a run of ``ingest`` did."""

    read: int = 0
    stored: int = 0
    already: int = 0
    not_analysed: int = 0
    failed: int = 0
    entities: int = 0
    errors: list[str] = field(default_factory=list)
    #: Why the batch stopped before its end (the store took no more writes), else None.
    stopped: str | None = None

    def describe(self) -> str:
        parts = [f"{self.read} article(s) read", f"{self.stored} stored", f"{self.already} already in the store"]
        if self.not_analysed:
            parts.append(f"{self.not_analysed} stored but not analysed")
        parts.append(f"{self.failed} failed")
        summary = ", ".join(parts) + f"; {self.entities} entities found"
        return summary + (f"; stopped early: {self.stopped}" if self.stopped else "")


def ingest_paths(
    paths: Sequence[str],
    *,
    db: str | None = None,
    model: str | None = None,
    lexicons: Sequence[str] = (),
    max_bytes: int | None = None,
    progress: bool = False,
    on_error: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read ``paths`` into the store at ``db``. Bad inputs are reported through ``on_error``
    and counted; the rest of the batch goes on. Articles already stored are not analysed again.
    When the store takes no more writes (a full disk), the batch stops there: every later
    article would fail the same way."""
    from newsgraph.facts.analysis import MAX_CHARS, Analyzer
    from newsgraph.ingest import DEFAULT_MAX_BYTES, iter_articles
    from newsgraph.nlp import DEFAULT_MODEL
    from newsgraph.store import open_store

    summary = IngestSummary()

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)

    with open_store(db) as store:
        analyzer = Analyzer(model or DEFAULT_MODEL, lexicons=tuple(lexicons))

        def fresh() -> Iterator[Article]:
            limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
            for item in iter_articles(paths, max_bytes=limit, max_chars=MAX_CHARS):
                if isinstance(item, InputError):
                    fail(str(item))
                    continue
                summary.read += 1
                if store.has_article(item.id):
                    summary.already += 1
                    continue
                yield item

        results = analyzer.analyze_many(fresh())
        if progress:
            from tqdm import tqdm

            results = tqdm(results, desc="ingest", unit="article")
        for result in results:
            if isinstance(result, InputError):
                fail(str(result))
                continue
            try:
                if store.save(result):
                    summary.stored += 1
                    summary.entities += len(result.entities)
                    summary.not_analysed += 0 if result.analysed else 1
                else:
                    summary.already += 1
            except StoreNotWritable as exc:
                fail(f"{result.article.origin or result.article.id}: {exc}")
                summary.stopped = "the store takes no more writes (full disk or read-only file)"
                if on_error:
                    on_error(f"stopping: {summary.stopped}; once fixed, run the same command again "
                             "(articles already stored are skipped)")
                break
            except NewsgraphError as exc:
                fail(f"{result.article.origin or result.article.id}: {exc}")
    return summary
