"""The REST API and the pages over a real SQLite store, through FastAPI's test client."""

from __future__ import annotations

import html
import re

import pytest

from tests.web.payloads import IMG, PAYLOADS, SCRIPT, SVG

pytestmark = pytest.mark.model

PAGES = ["/", "/entities", "/articles", "/quotes", "/events", "/numbers", "/claims", "/search?q=Homs", "/network"]


def _article_ids(client) -> list[str]:
    return [a["id"] for a in client.get("/api/articles", params={"limit": 200}).json()["items"]]


def _all_pages(client) -> list[str]:
    entities = client.get("/api/entities", params={"limit": 200}).json()["items"]
    return PAGES + [f"/articles/{i}" for i in _article_ids(client)] + [f"/entities/{e['id']}" for e in entities]


def test_every_page_and_its_api_answer(client):
    for path in _all_pages(client):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in page.headers["content-security-policy"]
        api = client.get("/api/overview" if path == "/" else "/api" + path)
        assert api.status_code == 200, path
        assert api.headers["content-type"] == "application/json"


def test_no_payload_reaches_a_page_as_markup(client):
    seen = 0
    for path in _all_pages(client):
        body = client.get(path).text
        for payload in PAYLOADS:
            assert payload not in body, (path, payload)
            seen += html.escape(payload, quote=True) in body or html.escape(payload, quote=False) in body
        # Our own script is the only one; no element the payloads would make exists.
        assert body.count("<script") == 1, path
        # The one SVG is the network drawing, ours.
        assert body.count("<svg") == (path == "/network") and "<img" not in body, path
    assert seen >= 10  # the payloads are shown, as text, on many pages


def test_the_api_returns_the_dict_the_page_renders(client):
    from tests.web.payloads import HAND_TEXT

    data = client.get("/api/entities", params={"type": "person", "limit": 5}).json()
    assert data["filters"]["type"] == "PERSON" and 0 < len(data["items"]) <= 5
    assert {e["type"] for e in data["items"]} == {"PERSON"}
    page = client.get("/entities", params={"type": "person", "limit": 5}).text
    names = [html.unescape(n) for n in re.findall(r'<td><a href="/entities/[^"]+">(.*?)</a></td>', page)]
    assert names == [e["name"] for e in data["items"]]

    article_id = next(a["id"] for a in client.get("/api/articles").json()["items"]
                      if a["title"] and a["title"].endswith("hand-made"))
    data = client.get(f"/api/articles/{article_id}").json()
    assert data["article"]["text"] == HAND_TEXT
    body = client.get(f"/articles/{article_id}").text
    shown = re.search(r'<article class="text"[^>]*>(.*?)</article>', body, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == data["article"]["text"]
    assert len(re.findall(r'class="hl ', shown)) == sum(1 for s in data["segments"] if s["marks"])
    for mark in data["marks"]:
        assert f'id="{mark["id"]}"' in body


def test_article_marks_read_what_they_point_at(client):
    kinds = set()
    for article_id in _article_ids(client):
        data = client.get(f"/api/articles/{article_id}").json()
        text = data["article"]["text"]
        assert "".join(s["text"] for s in data["segments"]) == text
        for mark in data["marks"]:
            kinds.add(mark["kind"])
            assert text[mark["start"] : mark["end"]] == mark["text"]
        marks = {m["id"]: m for m in data["marks"]}
        for segment in data["segments"]:
            for mark_id in segment["marks"]:
                assert marks[mark_id]["start"] <= segment["start"] < segment["end"] <= marks[mark_id]["end"]
    assert kinds == {"entity", "role", "quote", "event", "number", "certainty"}


def test_entity_profile_gathers_its_evidence(client):
    hand = client.get("/api/entities", params={"q": "svg onload"}).json()["items"]
    assert [e["name"] for e in hand] == [SVG]
    profile = client.get(f"/api/entities/{hand[0]['id']}").json()
    assert profile["entity"]["name"] == SVG
    assert [q["content_parts"] for q in profile["quotes_by"]] == [[f"{IMG} stays"]]
    assert profile["appearances"] and profile["appearances"][0]["text"] == SVG
    leader = client.get("/api/entities", params={"q": "pwned=1"}).json()["items"][0]
    profile = client.get(f"/api/entities/{leader['id']}").json()
    assert [r["role"] for r in profile["entity"]["roles"]] == [f"commander {IMG}"]
    assert [e["code"] for e in profile["events"]] == ["190"]
    assert SCRIPT in client.get("/api/numbers", params={"about": hand[0]["id"]}).json()["items"][0]["unit"]


def test_filters_and_pages(client):
    first = client.get("/api/entities", params={"limit": 3}).json()
    second = client.get("/api/entities", params={"limit": 3, "page": 2}).json()
    assert first["has_next"] and not first["has_prev"] and second["has_prev"]
    assert len(first["items"]) == 3 and not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    fights = client.get("/api/events", params={"code": "19", "limit": 200}).json()["items"]
    assert fights and all(e["code"].startswith("19") for e in fights)
    later = client.get("/api/events", params={"since": "2024-03-15", "limit": 200}).json()["items"]
    assert all((e["date"] or e["published"]) >= "2024-03-15" for e in later)
    # A form's empty fields filter nothing.
    blank = client.get("/api/events", params={"actor": "", "code": "", "since": "", "limit": 200}).json()
    assert blank["filters"] == {"actor": None, "code": None, "since": None}
    assert len(blank["items"]) == len(client.get("/api/events", params={"limit": 200}).json()["items"])
    quotes = client.get("/api/quotes", params={"by": SVG}).json()
    assert len(quotes["items"]) == 1 and quotes["filters"]["by"] == SVG


@pytest.mark.parametrize("path", ["/entities/ent-nothing", "/articles/art-nothing", "/events?actor=Nobody%20Atall",
                                  "/quotes?by=Nobody%20Atall"])
def test_unknown_ids_are_404(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "Not found" in page.text
    api = client.get("/api" + path)
    assert api.status_code == 404 and api.json()["error"].startswith("no ")


@pytest.mark.parametrize("query, status", [
    ("/events?limit=0", 422), ("/events?limit=201", 422), ("/events?page=0", 422), ("/events?page=x", 422),
    ("/events?code=abc", 422), ("/events?code=12345", 422), ("/events?since=yesterday", 422),
    ("/events?since=2024-13", 400), ("/events?since=2024-02-30", 400), ("/entities?limit=200&page=60", 400),
])
def test_bad_parameters_are_refused(client, query, status):
    assert client.get("/api" + query).status_code == status
    page = client.get(query)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")


def test_openapi_describes_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "newsgraph"
    assert {"/api/overview", "/api/entities", "/api/entities/{entity_id}", "/api/articles/{article_id}",
            "/api/quotes", "/api/events", "/api/numbers"} <= set(spec["paths"])
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 200


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fviews.py",
                                  "/static//etc/passwd", "/docs", "/redoc"])
def test_no_path_reaches_other_files(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "def create_app" not in response.text and "root:" not in response.text


def test_search_finds_articles_entities_and_quotes_with_spans(client):
    hits = client.get("/api/search", params={"q": "Quds Force", "limit": 50}).json()
    kinds = {h["kind"] for h in hits["items"]}
    assert {"article", "entity"} <= kinds and hits["filters"] == {"q": "Quds Force", "kind": None}
    for hit in hits["items"]:
        if hit["kind"] == "article":
            text = client.get(f"/api/articles/{hit['id']}").json()["article"]["text"]
            assert text[hit["start"]:hit["end"]].casefold() in ("quds", "force")
            assert hit["anchor"] <= hit["start"]
    only = client.get("/api/search", params={"q": "Quds", "kind": "entity"}).json()["items"]
    assert only and {h["kind"] for h in only} == {"entity"}
    page = client.get("/search", params={"q": "Quds"})
    assert page.status_code == 200 and "/entities/" in page.text


def test_search_takes_any_text_and_pages(client):
    for text in [SVG, '"', "AND(", "*", "'; DROP TABLE articles; --"]:
        assert client.get("/api/search", params={"q": text}).status_code == 200
        assert SVG not in client.get("/search", params={"q": text}).text
    found = client.get("/api/search", params={"q": SVG}).json()["items"]
    assert found
    everything = client.get("/api/search", params={"q": "the", "limit": 200}).json()["items"]
    first = client.get("/api/search", params={"q": "the", "limit": 2}).json()
    second = client.get("/api/search", params={"q": "the", "limit": 2, "page": 2}).json()
    assert first["has_next"] and second["has_prev"]
    assert [(h["kind"], h["id"]) for h in first["items"] + second["items"]] == [
        (h["kind"], h["id"]) for h in everything[:4]
    ]
    assert client.get("/api/search", params={"q": "x", "kind": "tweet"}).status_code == 422
    assert client.get("/api/search").json()["items"] == []


def test_claims_page_links_each_evidence_to_its_reader_segment(client):
    data = client.get("/api/claims", params={"limit": 200}).json()
    rows = data["corroborated_events"] + data["corroborated_claims"]
    assert rows and all(row["articles"] >= 2 and row["independent_publishers"] >= 1 for row in rows)
    for row in rows:
        assert len(row["evidence"]) >= 2
        for e in row["evidence"]:
            reader = client.get(f"/articles/{e['article_id']}").text
            assert f'id="at-{e["anchor"]}"' in reader and e["anchor"] <= e["start"]
    first = client.get("/api/claims", params={"limit": 1}).json()
    assert first["has_next"] and len(first["corroborated_events"]) == 1
    second = client.get("/api/claims", params={"limit": 1, "page": 2}).json()
    assert second["corroborated_events"][0]["id"] != first["corroborated_events"][0]["id"]
    assert client.get("/api/claims", params={"about": "Nobody Atall"}).status_code == 404


def test_network_nodes_edges_and_filters(client):
    data = client.get("/api/network").json()
    ids = {n["id"] for n in data["nodes"]}
    assert data["nodes"] and data["edges"]
    assert all(e["source"] in ids and e["target"] in ids and e["source"] != e["target"] for e in data["edges"])
    assert all(0 <= n["x"] <= data["size"] and 0 <= n["y"] <= data["size"] for n in data["nodes"])
    fights = client.get("/api/network", params={"family": "19"}).json()
    assert fights["edges"] and {e["family"] for e in fights["edges"]} == {"19"}
    people = client.get("/api/network", params={"type": "person"}).json()
    assert people["filters"]["type"] == "PERSON" and {n["type"] for n in people["nodes"]} <= {"PERSON"}
    assert client.get("/api/network", params={"family": "<svg>"}).status_code == 422
    page = client.get("/network").text
    assert page.count("<circle") == len(data["nodes"]) and '<svg id="network"' in page
    assert client.get("/api/network").json() == data  # the layout is deterministic
