"""Bad inputs cost themselves only: every failure while reading one input is an InputError
naming it, and the inputs around it are read. No pipeline is needed here."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

import newsgraph.ingest.build as build
from newsgraph.errors import InputError
from newsgraph.ingest import article_from_html, iter_articles
from newsgraph.model import Article
from tests.test_ingest import write
from tests.test_store import _Unprivileged, readonly_folder  # noqa: F401  (a fixture)

BEFORE = "Defence Minister Karim Haddad visited Homs on Thursday and met the commanders of the army there."
AFTER = "Officials in Beirut said on Friday that the talks with Damascus would go on next month."


def kinds(results: list[Article | InputError]) -> list[str]:
    return [type(r).__name__ for r in results]


def errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


# -- JSON Lines: a line however strange costs that line ----------------------------------


def test_deeply_nested_json_line_is_one_bad_line(tmp_path: Path) -> None:
    deep_list = "[" * 1000 + "]" * 1000
    deep_field = json.dumps({"text": BEFORE})[:-1] + ', "extra": ' + "{\"a\": " * 5000 + "1" + "}" * 5000 + "}"
    path = write(
        tmp_path / "feed.jsonl",
        "\n".join([json.dumps({"text": BEFORE}), deep_list, deep_field, json.dumps({"text": AFTER})]) + "\n",
    )
    results = list(iter_articles([path]))
    assert kinds(results) == ["Article", "InputError", "InputError", "Article"]
    assert [e.source for e in errors(results)] == [f"{path}:2", f"{path}:3"]
    assert all("nested too deeply" in e.reason for e in errors(results))
    assert results[-1].text == AFTER  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": ' + "9" * 5000 + "}", "malformed JSON"),  # int() refuses so many digits
        ('{"text": NaN}', "must be a string"),
        ('{"text": 1e999999}', "must be a string"),
        ('{"text": "' + BEFORE + '", "url": ["x"]}', "'url' must be a string"),
        ("\"just a string\"", "JSON object"),
        ("null", "JSON object"),
    ],
)
def test_strange_json_values_are_one_bad_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path / "feed.jsonl", f'{json.dumps({"text": BEFORE})}\n{line}\n{json.dumps({"text": AFTER})}\n')
    results = list(iter_articles([path]))
    assert kinds(results) == ["Article", "InputError", "Article"]
    assert errors(results)[0].source == f"{path}:2" and reason in errors(results)[0].reason


def test_a_long_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    # Memory stays bounded by the limit: a line is never read past it.
    huge = json.dumps({"text": BEFORE + " x" * 50_000})
    path = write(tmp_path / "feed.jsonl", f"{huge}\n{json.dumps({'text': AFTER})}\n")
    results = list(iter_articles([path], max_bytes=10_000))
    assert kinds(results) == ["InputError", "Article"]
    assert errors(results)[0].source == f"{path}:1" and "over the limit of 10,000" in errors(results)[0].reason
    assert results[1].origin == f"{path}:2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "failure", [RecursionError("deep"), MemoryError(), ValueError("bad value"), UnicodeError("odd"), KeyError("k")]
)
def test_any_failure_while_reading_one_input_costs_that_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    real = build.normalize_text

    def normalize(text: str) -> str:
        if "Beirut" in text:
            raise failure
        return real(text)

    monkeypatch.setattr(build, "normalize_text", normalize)
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps({"text": t}) for t in (BEFORE, AFTER, BEFORE + " Again.")))
    page = write(tmp_path / "page.txt", AFTER)
    good = write(tmp_path / "good.txt", BEFORE)
    results = list(iter_articles([feed, page, good]))
    assert kinds(results) == ["Article", "InputError", "Article", "InputError", "Article"]
    assert [e.source for e in errors(results)] == [f"{feed}:2", str(page)]
    assert all(e.reason for e in errors(results))


# -- paths that cannot be read -------------------------------------------------------------


def test_unreadable_paths_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", BEFORE)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    feed_dir = tmp_path / "feed.jsonl"
    feed_dir.mkdir()  # a folder named like a file: walked, and here it is empty
    results = list(iter_articles([good, tmp_path / "missing.txt", fifo, feed_dir, "x" * 5000 + ".txt", good]))
    assert kinds(results) == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert [e.source for e in errors(results)][:2] == [str(tmp_path / "missing.txt"), str(fifo)]
    assert "name too long" in errors(results)[2].reason.lower()


def test_a_file_or_folder_without_read_permission_is_an_error(readonly_folder: Path) -> None:  # noqa: F811
    good = write(readonly_folder / "good.txt", AFTER)
    assert kinds(list(iter_articles([good]))) == ["Article"]  # as root: imports everything reading needs
    locked = write(readonly_folder / "locked.txt", BEFORE)
    locked.chmod(0)
    closed = readonly_folder / "closed"
    closed.mkdir()
    write(closed / "inside.txt", BEFORE)
    closed.chmod(0)
    with _Unprivileged():  # root reads whatever the mode
        results = list(iter_articles([locked, closed, good]))
    closed.chmod(0o700)
    assert kinds(results) == ["InputError", "InputError", "Article"]
    assert [e.source for e in errors(results)] == [str(locked), str(closed)]
    assert all("permission denied" in e.reason.lower() for e in errors(results))


# -- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [260, 3000, 100_000])
def test_deeply_nested_html_keeps_its_text(depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + f"<p>{BEFORE}</p><p>{AFTER}</p>" + "</div>" * depth + "</body></html>"
    article = article_from_html(html, origin="deep.html")
    assert BEFORE in article.text and AFTER in article.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<b>" * 50_000 + BEFORE,  # never closed
        "<html><body><p title='" + "x" * 1_000_000 + f"'>{BEFORE}</p></body></html>",
        "<html><body><p>" + BEFORE + "</p>\x00\x01\ud800<p>\udfff" + AFTER + "</p></body></html>",
    ],
)
def test_malformed_html_is_an_article_or_an_input_error(html: str) -> None:
    try:
        article = article_from_html(html, origin="odd.html")
    except InputError as exc:
        assert exc.source == "odd.html"
        return
    assert article.text.strip()


# -- links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:void(0)", "data:text/html,<b>x</b>", "file:///etc/passwd", "/world/1"]
)
def test_only_web_links_are_kept(tmp_path: Path, url: str, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": BEFORE, "url": url}) + "\n")
    with caplog.at_level(logging.WARNING):
        [article] = iter_articles([path])
    assert isinstance(article, Article) and article.url is None
    assert f"{path}:1" in caplog.text and "url" in caplog.text


def test_web_links_are_kept(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BEFORE, "url": "https://example.org/a"}), json.dumps({"text": AFTER, "url": "HTTP://example.org/b"})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines))
    assert [a.url for a in iter_articles([path])] == ["https://example.org/a", "HTTP://example.org/b"]  # type: ignore[union-attr]


# -- the analysis limit, checked before the costly steps -----------------------------------------


def test_text_over_the_analysis_limit_is_refused_before_normalisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = BEFORE * 100  # 9,600 characters
    paragraphs = "".join(f"<p>Report {n}: {BEFORE}</p>" for n in range(100))  # repeated ones are dropped
    page = f"<html><body><article>{paragraphs}</article></body></html>"
    inputs = [
        write(tmp_path / "big.txt", big),
        write(tmp_path / "big-utf16.txt", "\ufeff".encode("utf-16-le") + big.encode("utf-16-le")),
        write(tmp_path / "feed.jsonl", json.dumps({"text": big}) + "\n"),
        write(tmp_path / "page.html", page),
    ]
    calls: list[int] = []
    real = build.normalize_text
    monkeypatch.setattr(build, "normalize_text", lambda text: calls.append(len(text)) or real(text))
    results = list(iter_articles(inputs, max_chars=5_000))
    assert kinds(results) == ["InputError"] * 4
    for error in errors(results):
        assert "over the analysis limit of 5,000" in error.reason, error
    assert all(n <= 5_000 for n in calls), "a text over the limit was normalised"
    ok = list(iter_articles([inputs[0]], max_chars=10_000))
    assert kinds(ok) == ["Article"]
