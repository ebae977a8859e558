"""The Claims page over a store that holds contradictions (tests/test_corpus.py's articles): both
evidences side by side, each with its publisher and a link to the reader at its span."""

from __future__ import annotations

import pytest

from tests.test_corpus import analyses, store_path  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus_client(store_path):  # noqa: F811
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    with TestClient(create_app(str(store_path))) as client:
        yield client


def test_contradictions_show_both_sides_with_publishers_and_spans(corpus_client):
    data = corpus_client.get("/api/claims").json()
    assert data["contradiction_count"] >= 2 and {"number", "denial"} <= set(data["kinds"])
    for row in data["contradictions"]:
        a, b = row["evidence"]
        assert a["publisher"] != b["publisher"]
        for e in (a, b):
            text = corpus_client.get(f"/api/articles/{e['article_id']}").json()["article"]["text"]
            assert text[e["start"]:e["end"]] == e["text"]
    page = corpus_client.get("/claims").text
    assert page.count('class="side"') == 2 * len(data["contradictions"])
    for row in data["contradictions"]:
        for e in row["evidence"]:
            assert f'/articles/{e["article_id"]}#at-{e["anchor"]}' in page
    douma = corpus_client.get("/api/claims", params={"about": "Douma"}).json()
    assert 0 < douma["contradiction_count"] <= data["contradiction_count"]
