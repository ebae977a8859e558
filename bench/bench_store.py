"""Store backends: SQLite against PostgreSQL on the same analyses, in the same run.

    .venv/bin/python bench/bench_store.py [--articles N] [--repeat R] [--pg URL]

Articles: the bundled sample corpus and, if ../shared/data is present, the first N PolNeAR dev
texts. Each is analysed once (not timed); then the same analyses are saved into a new SQLite file
and into a new PostgreSQL database, timing each ``Store.save`` (one transaction per article).
Then each read is timed R times on both: ``entities()``, ``entity(name)`` (what ``show`` reads)
for the most named entities, ``quotes()`` and ``events()``.

PostgreSQL: a throwaway server started like the tests' (tests/pg_server.py) with
``synchronous_commit=off``, which promises what SQLite's WAL with ``synchronous=NORMAL`` does (a
crash may lose the last commits, never corrupt the database); or ``--pg URL``, an empty database
of your own (its tables are created; drop them after). Both run on this machine, so PostgreSQL
pays a round trip per statement over a unix socket that SQLite does not. Bare spaCy's time per
article on the same texts is printed for scale (the CPU is shared).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = REPO.parent / "shared" / "data" / "attribution" / "polnear" / "data" / "dev" / "text"
sys.path.insert(0, str(REPO))


def load_articles(limit: int) -> list[Any]:
    from newsgraph.ingest import iter_articles

    paths: list[Path] = [REPO / "samples"]
    if POLNEAR_DEV.is_dir():
        paths += sorted(POLNEAR_DEV.glob("*.txt"))[:limit]
    else:
        print(f"({POLNEAR_DEV} is absent: the sample corpus only)")
    return [a for a in iter_articles([str(p) for p in paths]) if not isinstance(a, Exception)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_saves(store: Any, analyses: list[Any]) -> list[float]:
    times = []
    for analysis in analyses:
        start = time.perf_counter()
        assert store.save(analysis)
        times.append(time.perf_counter() - start)
    return times


def time_reads(store: Any, repeat: int, names: list[str]) -> dict[str, list[float]]:
    reads: dict[str, Callable[[], Any]] = {
        "entities": lambda: store.entities(),
        "show": lambda: [store.entity(name) for name in names],
        "quotes": lambda: store.quotes(),
        "events": lambda: store.events(),
    }
    times: dict[str, list[float]] = {}
    for label, read in reads.items():
        read()  # warm caches on both sides
        times[label] = []
        for _ in range(repeat):
            start = time.perf_counter()
            read()
            times[label].append((time.perf_counter() - start) / (len(names) if label == "show" else 1))
    return times


def bare_spacy_ms(texts: list[str]) -> float:
    import spacy

    from newsgraph.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    list(nlp.pipe(texts[:2]))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    return (time.perf_counter() - start) / len(texts) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40, help="PolNeAR dev texts to add (default 40)")
    parser.add_argument("--repeat", type=int, default=30, help="times each read is timed (default 30)")
    parser.add_argument("--pg", help="an empty PostgreSQL database to use instead of a throwaway server")
    args = parser.parse_args()

    from newsgraph.facts.analysis import Analyzer
    from newsgraph.store.postgres import PostgresStore
    from newsgraph.store.sqlite import SQLiteStore

    articles = load_articles(args.articles)
    analyzer = Analyzer()
    analyses = [analyzer.analyze(article) for article in articles]
    chars = sum(len(a.text) for a in articles)
    print(f"{len(analyses)} articles, {chars / len(articles):,.0f} characters each on average")

    server = None
    if args.pg:
        pg_url = args.pg
    else:
        from tests.pg_server import NoServer, start_server

        try:
            server = start_server(settings=("-c", "synchronous_commit=off"))
        except NoServer as exc:
            print(f"no PostgreSQL server: {exc}")
            return 0
        pg_url = server.url(server.create_database("bench"))
    results: dict[str, tuple[list[float], dict[str, list[float]]]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for label, opener in (
                ("SQLite", lambda: SQLiteStore(Path(folder) / "bench.db")),
                ("PostgreSQL", lambda: PostgresStore(pg_url)),
            ):
                with opener() as store:
                    saves = time_saves(store, analyses)
                    names = [e.name for e in store.entities(limit=10)]
                    results[label] = (saves, time_reads(store, args.repeat, names))
    finally:
        if server is not None:
            server.stop()
    spacy_ms = bare_spacy_ms([a.text for a in articles])

    print(f"\nms per call (p50 / p95); save: one article, {len(analyses)} saved; reads: {args.repeat} times each")
    print(f"{'':<22}{'SQLite':>18}{'PostgreSQL':>18}{'PG / SQLite (p50)':>20}")
    rows = [("save (per article)", results["SQLite"][0], results["PostgreSQL"][0])]
    rows += [(f"{read}()" if read != "show" else "entity(name) [show]", results["SQLite"][1][read],
              results["PostgreSQL"][1][read]) for read in ("entities", "show", "quotes", "events")]
    for label, lite, pg in rows:
        cells = [f"{percentile(t, 0.5) * 1000:7.2f} / {percentile(t, 0.95) * 1000:7.2f}" for t in (lite, pg)]
        ratio = statistics.median(pg) / statistics.median(lite)
        print(f"{label:<22}{cells[0]:>18}{cells[1]:>18}{ratio:>19.2f}x")
    for label, (saves, _) in results.items():
        print(f"{label}: all saves {sum(saves):.2f} s; mean save = {statistics.mean(saves) * 1000 / spacy_ms:.1%} "
              f"of bare spaCy's {spacy_ms:.0f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
