"""Latency of every web page and its API twin, and each page's weight, on the sample store.

    .venv/bin/python bench/bench_web.py [--db sample.db] [--requests 60]

Without --db the bundled samples are ingested into a temporary store first. A real uvicorn
server listens on a free loopback port in this process; each URL gets one warm-up request,
then --requests sequential requests on one keep-alive connection (as a browser makes them).
Weight is the page's bytes plus the style and script it links (all our own, no CDN), and
the number of requests that makes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _server(db: str) -> tuple[object, int]:
    import uvicorn

    from newsgraph.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


def _get(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return body


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing store (default: ingest samples/ into a temporary one)")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per URL")
    args = parser.parse_args()
    db = args.db
    if db is None:
        from newsgraph.batch import ingest_paths

        db = str(Path(tempfile.mkdtemp()) / "bench-web.db")
        ingest_paths([str(REPO / "samples")], db=db)
    server, port = _server(db)
    conn = http.client.HTTPConnection("127.0.0.1", port)
    articles = json.loads(_get(conn, "/api/articles?limit=200"))["items"]
    longest = max(articles, key=lambda a: a["entity_count"])["id"]
    entity = json.loads(_get(conn, "/api/entities?limit=1"))["items"][0]["id"]
    pages = {
        "overview": "/", "entities": "/entities", "entity": f"/entities/{entity}", "articles": "/articles",
        "article": f"/articles/{longest}", "quotes": "/quotes", "events": "/events", "numbers": "/numbers",
        "entities search": "/entities?q=al&type=PERSON", "events filter": "/events?code=19&since=2024-03",
        "search": "/search?q=Syria", "search quotes": "/search?q=said&kind=quote", "claims": "/claims",
        "network": "/network", "network fights": "/network?family=19",
    }
    print(f"{'page':<16} {'html p50':>9} {'p95':>7} {'api p50':>8} {'p95':>7} {'bytes':>8} {'requests':>8}")
    for name, path in pages.items():
        api = "/api/overview" if path == "/" else "/api" + path
        row = []
        for url in (path, api):
            _get(conn, url)
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                _get(conn, url)
                times.append((time.perf_counter() - start) * 1000)
            row += [_percentile(times, 50), _percentile(times, 95)]
        html = _get(conn, path).decode()
        assets = re.findall(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"', html)
        weight = len(html.encode()) + sum(len(_get(conn, asset)) for asset in assets)
        print(f"{name:<16} {row[0]:>7.1f}ms {row[1]:>5.1f}ms {row[2]:>6.1f}ms {row[3]:>5.1f}ms "
              f"{weight:>8,} {1 + len(assets):>8}")
    conn.close()
    server.should_exit = True  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
