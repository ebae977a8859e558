"""End to end in headless Chromium (Debian's ``chromium`` driven by Playwright): every page,
the click path article -> entity -> evidence, filters and search, and proof that the script
and HTML payloads in the articles never run. Screenshots land in tests/artifacts/web/."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.payloads import IMG, SCRIPT, SVG

pytestmark = [pytest.mark.model, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _missing(reason: str) -> None:
    # In CI the browser is installed by .ci/run: its absence is a failure, not a skip.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(web_db: str) -> Iterator[str]:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    import uvicorn

    from newsgraph.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


class Watched:
    """A page that records every dialog and console error, and checks nothing ran."""

    def __init__(self, browser, base: str, **context) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.check()

    def check(self) -> None:
        page = self.page
        assert page.evaluate("typeof window.__pwned") == "undefined", page.url
        assert self.dialogs == [] and self.errors == [], page.url
        assert page.locator("p.error").count() == 0, page.locator("p.error").inner_text()
        # Only our own script, and none of the elements the payloads would make.
        assert page.locator("script").count() == 1, page.url
        assert page.locator("img, iframe, object").count() == 0, page.url
        assert page.locator("svg:not(#network)").count() == 0, page.url  # the network drawing is ours

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser, server) -> Iterator[Watched]:
    tab = Watched(browser, server, viewport={"width": 1280, "height": 900})
    yield tab
    tab.context.close()


def test_every_page_opens_and_nothing_runs(watched, server):
    import json
    from urllib.request import urlopen

    articles = json.load(urlopen(server + "/api/articles?limit=200"))["items"]
    entities = json.load(urlopen(server + "/api/entities?limit=200"))["items"]
    for name, path in [("overview", "/"), ("entities", "/entities"), ("articles", "/articles"),
                       ("quotes", "/quotes"), ("events", "/events"), ("numbers", "/numbers"),
                       ("search", "/search?q=Quds"), ("claims", "/claims"),
                       ("network", "/network")]:
        watched.open(path)
        watched.shot(name)
    for number, article in enumerate(articles):
        watched.open(f"/articles/{article['id']}")
        if number < 3 or "pwned" in (article["title"] or ""):
            watched.shot(f"article-{number}")
    for entity in entities[:20] + [e for e in entities if "pwned" in e["name"]]:
        watched.open(f"/entities/{entity['id']}")
    watched.shot("entity-payload")
    print(f"screenshots in {ARTIFACTS}")


def test_payloads_are_shown_as_text(watched, server):
    watched.open("/entities?q=pwned")
    cells = watched.page.locator("table tbody td:first-child").all_inner_texts()
    assert sorted(cells) == sorted([SCRIPT, SVG])
    watched.page.get_by_role("link", name=SVG).click()
    watched.check()
    assert watched.page.locator("h1").inner_text().startswith(SVG)
    assert watched.page.get_by_text(f"{IMG} stays").count() >= 1
    watched.page.get_by_role("link", name=f"{SVG} hand-made").first.click()
    watched.check()
    assert watched.page.locator("article.text").inner_text().startswith(f"The group {SVG} said")
    watched.shot("article-payload")


def test_article_to_entity_to_evidence(watched):
    watched.open("/articles")
    watched.page.locator("table tbody a", has_text="Quds Force").first.click()
    watched.check()
    highlight = watched.page.locator("article.text a.hl.k-entity").first
    name = highlight.inner_text()
    highlight.click()
    # The statements read there are marked, and lead to the entity.
    assert watched.page.locator("aside .mark.active").count() >= 1
    active = watched.page.locator("aside .mark.k-entity.active")
    assert active.count() == 1 and active.locator("strong").inner_text() == "entity"
    watched.shot("article-selected")
    active.first.locator("a[href^='/entities/']").click()
    watched.check()
    assert watched.page.locator("h1").inner_text().startswith(name) or name in watched.page.locator("main").inner_text()
    # Each appearance links back to the sentence it was read from.
    evidence = watched.page.locator("#appearances li").first
    sentence = evidence.locator("mark").inner_text()
    evidence.locator("a").click()
    watched.check()
    assert "/articles/" in watched.page.url and "#at-" in watched.page.url
    anchor = watched.page.url.split("#", 1)[1]
    assert watched.page.locator(f"[id='{anchor}']").inner_text().startswith(sentence[:1])


def test_filters_and_search(watched):
    watched.open("/entities")
    watched.page.select_option("select[name=type]", "PERSON")
    watched.page.get_by_role("button", name="Filter").click()
    watched.check()
    types = watched.page.locator("table tbody td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"PERSON"}
    watched.open("/entities?q=qadiri")
    watched.check()
    names = watched.page.locator("table tbody td:first-child").all_inner_texts()
    assert names and all("qadiri" in n.lower() for n in names)
    watched.shot("entities-search")
    watched.open("/events")
    watched.page.fill("input[name=code]", "19")
    watched.page.get_by_role("button", name="Filter").click()
    watched.check()
    codes = watched.page.locator("table tbody td:nth-child(2) code").all_inner_texts()
    assert codes and all(code.startswith("19") for code in codes)
    watched.shot("events-filtered")


def test_phone_layout_and_keyboard(browser, server):
    tab = Watched(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        tab.open("/")
        # Nothing wider than the screen but the tables, which scroll inside their own box.
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390
        tab.shot("phone-overview")
        tab.page.keyboard.press("Tab")
        assert tab.page.evaluate("document.activeElement.textContent") == "Skip to content"
        for _ in range(5):  # the brand, then the section links, in reading order
            tab.page.keyboard.press("Tab")
            if tab.page.evaluate("document.activeElement.textContent") == "Entities":
                break
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_url("**/entities")
        tab.check()
        tab.shot("phone-entities")
    finally:
        tab.context.close()


def test_search_box_payloads_stay_text_and_results_lead_to_the_article(watched):
    watched.open("/")
    watched.page.fill("#nav-q", SVG)
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url("**/search?q=*")
    watched.check()
    assert watched.page.locator("input[name=q]").first.input_value() == SVG
    snippets = watched.page.locator("ol.results .snippet").all_inner_texts()
    assert snippets and any(SVG in s for s in snippets)
    watched.shot("search-payload")
    watched.page.fill("#nav-q", "Quds Force")
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url("**/search?q=Quds*")
    watched.check()
    hit = watched.page.locator("ol.results li.k-article a").first
    hit.click()
    watched.check()
    assert "/articles/" in watched.page.url and "#at-" in watched.page.url
    anchor = watched.page.url.split("#", 1)[1]
    assert watched.page.locator(f"[id='{anchor}']").count() == 1
    assert "Quds" in watched.page.locator("article.text").inner_text()


def test_claims_evidence_leads_to_the_span_in_the_article(watched):
    watched.open("/claims")
    assert watched.page.locator("tr.corroborated").count() >= 1
    link = watched.page.locator("tr.corroborated .evidence-list a").first
    said = link.inner_text()
    link.click()
    watched.check()
    assert "/articles/" in watched.page.url and "#at-" in watched.page.url
    anchor = watched.page.url.split("#", 1)[1]
    assert watched.page.locator(f"[id='{anchor}']").count() == 1
    assert said[:20] in watched.page.locator("article.text").inner_text()


def test_network_draws_actors_and_a_click_opens_one(watched):
    watched.open("/network")
    nodes = watched.page.locator("svg#network a.node")
    assert nodes.count() >= 2 and watched.page.locator("svg#network line.edge").count() >= 1
    before = watched.page.get_attribute("svg#network", "viewBox")
    watched.page.get_by_role("button", name="Zoom in").click()
    assert watched.page.get_attribute("svg#network", "viewBox") != before
    watched.page.get_by_role("button", name="Reset view").click()
    watched.shot("network")
    node = nodes.first
    name = node.locator("text").text_content()
    node.locator("circle").click()
    watched.check()
    assert "/entities/" in watched.page.url
    assert watched.page.locator("h1").inner_text().startswith(name)
