"""Shared fixtures. Tests that need the trained spaCy pipeline are marked ``model``."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_ARTICLE = SHARED / "samples" / "soleimani-syria-analysis.txt"


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
