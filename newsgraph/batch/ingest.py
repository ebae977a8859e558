"""Ingest files and folders into a store, one transaction per article."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import EngineError, InputError, NewsgraphError, StoreNotWritable, WorkerLost
from newsgraph.model import Analysis, Article

if TYPE_CHECKING:
    from newsgraph.store import Store

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
    #: Why each article stored but not analysed was not (its language, mostly).
    not_analysed_reasons: list[str] = field(default_factory=list)
    #: Why the batch stopped before its end (the store took no more writes), else None.
    stopped: str | None = None

    def describe(self) -> str:
        parts = [f"{self.read} article(s) read", f"{self.stored} stored", f"{self.already} already in the store"]
        if self.not_analysed:
            parts.append(f"{self.not_analysed} stored but not analysed")
        parts.append(f"{self.failed} failed")
        summary = ", ".join(parts) + f"; {self.entities} entities found"
        return summary + (f"; stopped early: {self.stopped}" if self.stopped else "")

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (``--report``)."""
        return {
            "read": self.read,
            "analysed": self.stored - self.not_analysed,
            "already_present": self.already,
            "not_analysed": self.not_analysed,
            "not_analysed_reasons": self.not_analysed_reasons,
            "failed": self.failed,
            "errors": self.errors,
            "entities": self.entities,
            "stopped": self.stopped,
        }

    def write_report(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def ingest_paths(
    paths: Sequence[str],
    *,
    db: str | None = None,
    model: str | None = None,
    lexicons: Sequence[str] = (),
    max_bytes: int | None = None,
    progress: bool = False,
    on_error: Callable[[str], None] | None = None,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
) -> IngestSummary:
    """Read ``paths`` into the store at ``db``. Bad inputs are reported through ``on_error``
    and counted; the rest of the batch goes on. Articles already stored are not analysed again.
    When the store takes no more writes (a full disk), the batch stops there: every later
    article would fail the same way.

    ``workers`` > 1 analyses in that many local processes; ``engine="ray"`` on Ray actors
    (``workers`` of them, default one per CPU of the cluster at ``address``). Either way this
    process reads the inputs, checks the store and is its one writer, saving each article in
    its own transaction, in input order. A worker that dies stops the batch (``stopped``):
    every article saved before stays saved, whole, and running the same ingest again resumes."""
    from newsgraph.batch import engines
    from newsgraph.facts.analysis import BATCH_CHARS, MAX_CHARS, Analyzer
    from newsgraph.facts.parts import PART_CHARS
    from newsgraph.ingest import DEFAULT_MAX_BYTES, iter_articles
    from newsgraph.nlp import DEFAULT_MODEL
    from newsgraph.store import open_store

    summary = IngestSummary()

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)

    if engine not in engines.ENGINES:
        raise EngineError(f"unknown engine {engine!r}: one of {', '.join(engines.ENGINES)}")
    model = model or DEFAULT_MODEL
    with open_store(db) as store:
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

        analysed: Generator[Analysis | InputError, None, None]
        if engine == "ray":
            analysed = engines.ray_actors(fresh(), workers=workers if workers > 0 else None, address=address,
                                         model=model, lexicons=tuple(lexicons), batch_chars=BATCH_CHARS,
                                         part_chars=PART_CHARS)
        elif workers > 1:
            analysed = engines.local_workers(fresh(), workers=workers, model=model, lexicons=tuple(lexicons),
                                            batch_chars=BATCH_CHARS, part_chars=PART_CHARS)
        else:
            analysed = engines.in_process(Analyzer(model, lexicons=tuple(lexicons)), fresh(), batch_chars=BATCH_CHARS)
        results = analysed
        if progress:
            from tqdm import tqdm

            results = tqdm(results, desc="ingest", unit="article")
        try:
            _save_all(store, results, summary, fail, on_error)
        except WorkerLost as exc:
            summary.stopped = f"{exc}; articles stored so far are whole and kept"
            if on_error:
                on_error(f"stopping: {summary.stopped}; run the same command again to resume "
                         "(articles already stored are skipped)")
        finally:
            analysed.close()  # stops the engine's workers now, also when the writer stopped early
    return summary


def _save_all(store: Store, results: Iterator[Analysis | InputError], summary: IngestSummary,
              fail: Callable[[str], None], on_error: Callable[[str], None] | None) -> None:
    """The one writer: save each result in its own transaction, counting what happened."""
    for result in results:
        if isinstance(result, InputError):
            fail(str(result))
            continue
        try:
            if store.save(result):
                summary.stored += 1
                summary.entities += len(result.entities)
                if not result.analysed:
                    summary.not_analysed += 1
                    summary.not_analysed_reasons.append(f"{result.article.origin or result.article.id}: {result.reason}")
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
