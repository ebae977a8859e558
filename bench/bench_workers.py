"""Parallel ingest against bare spaCy with as many processes, on the same texts in the same run.

    .venv/bin/python bench/bench_workers.py [--docs N] [--repeat R] [--no-ray] [--no-postgres]

Texts: PolNeAR dev articles (../shared/data/attribution/polnear, news prose, ~600 words each), else
the bundled samples. Configurations, each in its own process (so that its memory is its own):

    bare-1, bare-2     spaCy ``nlp.pipe`` of the same pipeline, n_process 1 and 2
    workers-1/2        ``newsgraph ingest --workers 1/2`` into a fresh SQLite store (read, analyse, save)
    ray-2              ``--engine ray`` with 2 actors on a local Ray instance (when Ray is installed)

Times are end to end, pipeline loading and worker start included, as a user waits for them (for
Ray, the instance is started before the clock: a cluster is already there). Peak RSS per worker is
the largest child's (bare-2, workers-2) or the process's own (1 process); Ray's actors are not our
children and are not measured. Then the store's write rate: the analyses of the same texts saved
one transaction each into SQLite, and into PostgreSQL when tests/pg_server.py can start one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "data" / "attribution" / "polnear" / "data" / "dev" / "text"


def load_texts(docs: int, repeat: int = 1) -> list[str]:
    """``docs`` texts, each ``repeat`` times: a copy ends with a line of its own, so that it is a
    new article to the store (ids are hashes of the text), not one already present."""
    sys.path.insert(0, str(REPO))
    from newsgraph.ingest import iter_articles

    source = [POLNEAR] if POLNEAR.exists() else [REPO / "samples"]
    texts = [a.text for a in iter_articles(source) if not isinstance(a, Exception) and a.language == "en"]
    return [text + (f"\n\nCopy {copy}." if copy else "") for copy in range(repeat) for text in texts[:docs]]


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run_config(config: str, docs: int, repeat: int) -> dict[str, float | None]:
    texts = load_texts(docs, repeat)
    words = sum(len(t.split()) for t in texts)
    name, _, count = config.partition("-")
    processes = int(count)
    if name == "bare":
        import spacy

        from newsgraph.nlp import DEFAULT_MODEL

        start = time.perf_counter()
        nlp = spacy.load(DEFAULT_MODEL)
        for _doc in nlp.pipe(texts, batch_size=4, n_process=processes):
            pass
    else:
        from newsgraph.batch import ingest_paths

        folder = Path(tempfile.mkdtemp(prefix="bench-workers-"))
        for i, text in enumerate(texts):
            (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        engine = "ray" if name == "ray" else "local"
        if engine == "ray":
            import ray

            ray.init(num_cpus=processes, include_dashboard=False, log_to_driver=False)
        start = time.perf_counter()
        summary = ingest_paths([str(folder)], db=str(folder / "store.db"), workers=processes, engine=engine)
        assert summary.stored == len(texts) and not summary.failed, summary.describe()
    seconds = time.perf_counter() - start
    own, children = _peak_mb(resource.RUSAGE_SELF), _peak_mb(resource.RUSAGE_CHILDREN)
    per_worker = None if name == "ray" else (own if processes == 1 else children)
    return {"articles": len(texts), "words": words, "seconds": seconds, "per_worker_mb": per_worker,
            "writer_mb": own}


def write_rates(docs: int, postgres: bool) -> dict[str, float]:
    """Articles/s the store saves, one transaction each, the analyses made beforehand."""
    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest import article_from_text
    from newsgraph.store import open_store

    analyses = [a for a in Analyzer().analyze_many(article_from_text(t) for t in load_texts(docs))
                if not isinstance(a, Exception)]
    targets: dict[str, str] = {"sqlite": str(Path(tempfile.mkdtemp(prefix="bench-store-")) / "w.db")}
    server = None
    if postgres:
        sys.path.insert(0, str(REPO))
        try:
            from tests.pg_server import NoServer, start_server

            server = start_server(settings=())  # durable defaults: fsync and synchronous commits on
            targets["postgresql"] = server.url(server.create_database())
        except (ImportError, NoServer) as exc:
            print(f"PostgreSQL: not measured ({exc})", file=sys.stderr)
    rates = {}
    try:
        for backend, url in targets.items():
            with open_store(url) as store:
                start = time.perf_counter()
                for analysis in analyses:
                    store.save(analysis)
                rates[backend] = len(analyses) / (time.perf_counter() - start)
    finally:
        if server is not None:
            server.stop()
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100, help="texts to use (default 100; PolNeAR dev has 84)")
    parser.add_argument("--repeat", type=int, default=1, help="use each text this many times (default 1)")
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--writes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.config:
        print(json.dumps(run_config(args.config, args.docs, args.repeat)))
        return
    if args.writes:
        print(json.dumps(write_rates(args.docs, not args.no_postgres)))
        return
    configs = ["bare-1", "workers-1", "bare-2", "workers-2"]
    try:
        import ray  # noqa: F401

        if not args.no_ray:
            configs.append("ray-2")
    except ImportError:
        print("Ray is not installed: ray-2 not measured", file=sys.stderr)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    results = {}
    for config in configs:
        out = subprocess.run([sys.executable, __file__, "--config", config, "--docs", str(args.docs),
                              "--repeat", str(args.repeat)],
                             check=True, capture_output=True, text=True, env=env).stdout
        results[config] = json.loads(out.strip().splitlines()[-1])
    print(f"{'configuration':<12} {'articles':>8} {'words':>7} {'seconds':>8} {'articles/s':>10} {'words/s':>8} "
          f"{'MB/worker':>9}")
    for config, r in results.items():
        mb = f"{r['per_worker_mb']:.0f}" if r["per_worker_mb"] is not None else "-"
        print(f"{config:<12} {r['articles']:>8} {r['words']:>7} {r['seconds']:>8.1f} "
              f"{r['articles'] / r['seconds']:>10.2f} {r['words'] / r['seconds']:>8.0f} {mb:>9}")

    def rate(config: str) -> float:
        return results[config]["words"] / results[config]["seconds"]

    print(f"2 workers / 1 worker: {rate('workers-2') / rate('workers-1'):.2f}x "
          f"(bare spaCy 2 / 1 processes: {rate('bare-2') / rate('bare-1'):.2f}x)")
    print(f"newsgraph per process vs bare spaCy: {rate('workers-1') / rate('bare-1'):.0%} with 1, "
          f"{rate('workers-2') / rate('bare-2'):.0%} with 2")
    if "ray-2" in results:
        print(f"ray 2 actors / 2 local workers: {rate('ray-2') / rate('workers-2'):.2f}x")
    out = subprocess.run([sys.executable, __file__, "--writes", "--docs", str(args.docs)]
                         + (["--no-postgres"] if args.no_postgres else []),
                         check=True, capture_output=True, text=True, env=env)
    sys.stderr.write(out.stderr[-2000:] if "not measured" in out.stderr else "")
    writes = json.loads(out.stdout.strip().splitlines()[-1])
    one_worker = results["workers-1"]["articles"] / results["workers-1"]["seconds"]
    for backend, per_second in writes.items():
        print(f"store writes, {backend}: {per_second:.1f} articles/s = the output of "
              f"{per_second / one_worker:.0f} workers at the rate measured above")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
