"""The published JSON Schema describes what `analyze --format json` really prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.ingest import iter_articles

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schema" / "analysis.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_bundled_samples_follow_the_schema(analyzer, validator):
    articles = [a for a in iter_articles([REPO / "samples"]) if not isinstance(a, Exception)]
    assert len(articles) >= 5
    for analysis in analyzer.analyze_many(articles):
        errors = sorted(validator.iter_errors(analysis.to_dict()), key=str)
        assert not errors, errors[0]


def test_the_real_article_follows_the_schema(sample_analysis, validator):
    data = sample_analysis.to_dict()
    assert data["quotes"] and data["events"] and data["quantities"]
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[0]
