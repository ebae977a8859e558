"""Shared fixtures. Tests that need the trained spaCy pipeline are marked ``model``; those
that need a PostgreSQL server are marked ``postgres`` and get one from ``pg_url``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_ARTICLE = SHARED / "samples" / "soleimani-syria-analysis.txt"

# `newsgraph ingest` runs one worker per core by default: tests of its other behaviour analyse in
# process (a worker loads the pipeline in seconds); tests/test_workers.py asks for workers itself.
os.environ.setdefault("NEWSGRAPH_WORKERS", "1")


@pytest.fixture(scope="session")
def analyzer():
    """One loaded pipeline for the whole run (loading takes seconds)."""
    from newsgraph.facts.analysis import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def analyze(analyzer):
    """Analyse a text as an article: ``analyze("...")`` -> Analysis."""
    from newsgraph.ingest import article_from_text

    def run(text: str, **meta):
        return analyzer.analyze(article_from_text(text, **meta))

    return run


@pytest.fixture(scope="session")
def sample_article_path() -> Path:
    if not SAMPLE_ARTICLE.exists():
        pytest.skip("../shared/samples is not here")
    return SAMPLE_ARTICLE


@pytest.fixture(scope="session")
def sample_analysis(analyzer, sample_article_path):
    from newsgraph.ingest import read_article

    return analyzer.analyze(read_article(sample_article_path))


def by_name(analysis, name: str):
    """The entity called ``name`` or having it as an alias (fails the test when absent)."""
    for entity in analysis.entities:
        if entity.name == name or name in entity.aliases:
            return entity
    raise AssertionError(f"no entity {name!r} in {[e.name for e in analysis.entities]}")


def _no_postgres(reason: str) -> None:
    """Skip, except in CI: there a PostgreSQL test that cannot run is a failure, so that CI
    cannot pass without testing the PostgreSQL backend."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A throwaway PostgreSQL server for the whole run (see tests/pg_server.py)."""
    from tests.pg_server import NoServer, find_binaries, start_server

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_postgres("psycopg is not installed (pip install 'newsgraph[postgres]')")
    if find_binaries() is None:
        _no_postgres("PostgreSQL is not installed (apt-get install postgresql)")
    try:
        server = start_server()
    except NoServer as exc:
        pytest.fail(f"PostgreSQL is installed but no server could be started: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """The URL of a new empty database on the test server, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)
