"""Where the analysis runs: in this process, in N local worker processes, or on Ray actors.

Every engine takes a stream of articles and yields, in input order, one ``Analysis`` or one
``InputError`` per article; the caller (the one writer) saves them. Articles travel in chunks
bounded by characters, like ``Analyzer.analyze_many``'s batches (an article longer than a part
goes alone), and at most ``2 * workers`` chunks are in flight: memory follows the text in
flight, not the size of the corpus.

A worker that dies (killed, out of memory) takes its chunk with it and cannot be told apart
from a chunk that kills every worker it is given, so the engine raises ``WorkerLost`` and the
batch stops: what was saved stays saved, and the same command run again resumes after it.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from newsgraph.errors import EngineError, InputError, WorkerLost
from newsgraph.model import Analysis, Article

if TYPE_CHECKING:
    from newsgraph.facts.analysis import Analyzer

__all__ = ["ENGINES", "default_workers", "in_process", "local_workers", "ray_actors"]

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
Result = Analysis | InputError
H = TypeVar("H")
#: Articles per chunk sent to a worker: few, so that every worker has work on a small input and
#: results reach the writer steadily; ``nlp.pipe`` gains little from larger batches on CPU.
WORKER_BATCH = 4

#: the pipeline a local worker process loaded in its initializer
_analyzer: Analyzer | None = None


def default_workers() -> int:
    """The cores this process may use (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(articles: Iterable[Article], *, batch_chars: int, part_chars: int,
           batch_size: int = 16) -> Iterator[list[Article]]:
    """Group articles for one worker call: at most ``batch_size`` articles and, past the first,
    ``batch_chars`` characters; an article longer than ``part_chars`` goes alone."""
    pending: list[Article] = []
    size = 0
    for article in articles:
        chars = len(article.text)
        if pending and (chars > part_chars or size + chars > batch_chars):
            yield pending
            pending, size = [], 0
        pending.append(article)
        size += chars
        if chars > part_chars or len(pending) >= batch_size:
            yield pending
            pending, size = [], 0
    if pending:
        yield pending


def analyse_chunk(analyzer: Analyzer, articles: Sequence[Article]) -> list[Result]:
    """Analyse a chunk; when the batch fails, each article again alone, so that an analysis
    failure is that article's error, not its neighbours'."""
    try:
        return list(analyzer.analyze_many(articles, batch_size=max(1, len(articles))))
    except Exception:  # noqa: BLE001 - any crash of the pipeline is retried article by article
        log.warning("a batch of %d article(s) failed; analysing them one by one", len(articles), exc_info=True)
    results: list[Result] = []
    for article in articles:
        try:
            results.append(analyzer.analyze(article))
        except InputError as exc:
            results.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported as this article's error
            results.append(InputError(article.origin or article.id, f"analysis failed: {type(exc).__name__}: {exc}"))
    return results


def in_process(analyzer: Analyzer, articles: Iterable[Article], *, batch_chars: int) -> Iterator[Result]:
    """Today's path: one pipeline in this process."""
    for chunk in chunks(articles, batch_chars=batch_chars, part_chars=analyzer.part_chars):
        yield from analyse_chunk(analyzer, chunk)


def _in_order(chunked: Iterable[list[Article]], submit: Callable[[list[Article]], H],
              collect: Callable[[H], list[Result]], in_flight: int) -> Iterator[Result]:
    """Submit chunks, keeping at most ``in_flight`` of them out, and yield results in input order."""
    pending: deque[H] = deque()
    for chunk in chunked:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield from collect(pending.popleft())
    while pending:
        yield from collect(pending.popleft())


# -- local worker processes ------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    # A worker blocks on its queue forever if the parent is killed (kill -9): leave with it.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _init_worker(model: str, lexicons: tuple[str, ...], parent: int) -> None:
    global _analyzer
    from newsgraph.facts.analysis import Analyzer

    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _analyzer = Analyzer(model, lexicons=lexicons)


def _work(articles: list[Article]) -> list[Result]:
    assert _analyzer is not None, "the worker's initializer loads the pipeline"
    return analyse_chunk(_analyzer, articles)


def local_workers(articles: Iterable[Article], *, workers: int, model: str, lexicons: tuple[str, ...],
                  batch_chars: int, part_chars: int) -> Iterator[Result]:
    """Analyse in ``workers`` local processes (started with 'spawn': no fork of a loaded
    pipeline or an open store), each loading the pipeline once."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(model, lexicons, os.getpid()))

    def collect(future: Future[list[Result]]) -> list[Result]:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise WorkerLost("a worker process died (killed, or out of memory) with articles in flight") from exc

    try:
        yield from _in_order(chunks(articles, batch_chars=batch_chars, part_chars=part_chars,
                                    batch_size=WORKER_BATCH), lambda chunk: pool.submit(_work, chunk), collect, 2 * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- Ray -------------------------------------------------------------------------------------


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineError("--engine ray needs Ray: pip install 'newsgraph[ray]'") from exc
    return ray


class _RayWorker:
    """A Ray actor holding one loaded pipeline."""

    def __init__(self, model: str, lexicons: tuple[str, ...]) -> None:
        from newsgraph.facts.analysis import Analyzer

        self.analyzer = Analyzer(model, lexicons=lexicons)

    def analyse(self, articles: list[Article]) -> list[Result]:
        return analyse_chunk(self.analyzer, articles)


def ray_actors(articles: Iterable[Article], *, workers: int | None, address: str | None, model: str,
               lexicons: tuple[str, ...], batch_chars: int, part_chars: int) -> Iterator[Result]:
    """Analyse on ``workers`` Ray actors (default: one per CPU of the cluster). Joins the Ray
    instance already started in this process, else the cluster at ``address``, else a local one."""
    ray = _import_ray()
    started = not ray.is_initialized()
    if started:
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        except Exception as exc:  # noqa: BLE001 - Ray raises plain exceptions for an unreachable cluster
            raise EngineError(f"cannot start or join Ray at {address or 'a local instance'}: {exc}") from exc
    actors: list[Any] = []
    try:
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        # on a cluster, every node needs newsgraph and its pipeline installed: actors import it by name
        actor = ray.remote(num_cpus=1)(_RayWorker)
        actors = [actor.remote(model, lexicons) for _ in range(count)]
        turn = 0

        def submit(chunk: list[Article]) -> Any:
            nonlocal turn
            turn += 1
            return actors[turn % count].analyse.remote(chunk)

        def collect(ref: Any) -> list[Result]:
            try:
                return ray.get(ref)
            except ray.exceptions.RayActorError as exc:
                raise WorkerLost(f"a Ray worker died (killed, or out of memory) with articles in flight: {exc}") from exc

        yield from _in_order(chunks(articles, batch_chars=batch_chars, part_chars=part_chars,
                                    batch_size=WORKER_BATCH), submit, collect, 2 * count)
    finally:
        for handle in actors:  # also on an error: each actor holds a pipeline on a cluster we may share
            ray.kill(handle)
        if started:
            ray.shutdown()
