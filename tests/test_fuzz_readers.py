"""Random and hostile input thrown at the readers, checking only their contract.

Whatever the bytes, reading yields an Article with text or our own InputError naming
the input, never another exception, and within a time budget per example (a reader
that recursed, blew up or went quadratic on some input would break one of these).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest import article_from_html, iter_articles
from newsgraph.model import Article

# Generous for a shared, busy machine: what it catches is a hang or a blow-up, not a slow day.
BUDGET = settings(
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

WORDS = st.sampled_from(
    "the army said on Tuesday that talks with officials in Damascus would go on after an attack near Homs".split()
    + ["Ḥizballah", "قاسم", "é", "\u200c", "\ufeff", "&amp;", "&#0;", "&#x110000;", "&bogus;", "\x00", "\r\n", "\ud800"]
)
TAGS = st.sampled_from(["div", "p", "span", "article", "b", "table", "td", "li", "script", "style", "head", "svg"])
BROKEN = st.sampled_from(
    ["<", ">", "</", "<p", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE", "<?xml version='1.0' encoding='latin-1'?>",
     "<meta charset='utf-16'>", "<html", "</html>", "<body>", "<br/>", "</div></div>", "<a href=\"javascript:x\">"]
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """HTML: deep nesting, broken tags, huge attributes, stray binary, entities."""
    depth = draw(st.one_of(st.integers(0, 20), st.integers(200, 3000)))
    tag = draw(TAGS)
    attribute = "x" * draw(st.one_of(st.just(0), st.integers(10_000, 200_000)))
    body = draw(st.lists(st.one_of(WORDS, BROKEN, st.text(max_size=20)), max_size=60))
    text = " ".join(body)
    closed = draw(st.booleans())
    return (
        draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>", "\ufeff<html>"]))
        + f"<{tag}>" * depth
        + f"<p title='{attribute}'>"
        + text
        + (f"</p>{f'</{tag}>' * depth}" if closed else "")
    )


@st.composite
def nested_json(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 3000))
    if draw(st.booleans()):
        return "[" * depth + "]" * depth
    return '{"text": ' + '{"a": ' * depth + '"x"' + "}" * depth + "}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ("text", "html", "title", "url", "published", "source", "author")


@st.composite
def records(draw: st.DrawFn) -> str:
    """A JSON object whose every field may be of the wrong type."""
    record = {name: draw(st.one_of(JSON_VALUES, st.text(max_size=200), pages())) for name in
              draw(st.lists(st.sampled_from(FIELDS), max_size=7, unique=True))}
    return json.dumps(record, allow_nan=True)


JSON_LINES = st.one_of(
    records(),
    nested_json(),
    st.builds(lambda n: '{"text": ' + "9" * n + "}", st.integers(4000, 20_000)),
    st.sampled_from(['{"text": NaN}', '{"text": Infinity}', '{"text": 1e999999}', "null", "[]", '"text"', "{", "}"]),
    JSON_VALUES.map(lambda v: json.dumps(v, allow_nan=True)),
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.one_of(JSON_LINES.map(str.encode), st.binary(max_size=200)), min_size=1, max_size=6))
    if draw(st.booleans()):
        lines.append(b'{"text": "' + b"\xff\xfe\xc3(" + b' invalid UTF-8"}')
    return b"\n".join(line.replace(b"\n", b" ") for line in lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    return text.encode(encoding, "replace" if encoding == "cp1252" else "surrogatepass")


ANY_FILE = st.one_of(
    st.binary(max_size=4096),
    st.builds(_encode, st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1252"])),
    pages().map(lambda page: page.encode("utf-8", "surrogatepass")),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(results: Iterator[Article | InputError], path: Path) -> None:
    for result in results:
        if isinstance(result, InputError):
            assert result.source.startswith(str(path)) and result.reason, result
        else:
            assert isinstance(result, Article)
            assert result.text.strip(), result
            assert result.url is None or result.url.lower().startswith(("http://", "https://"))


@settings(BUDGET, max_examples=60)
@given(data=ANY_FILE, suffix=st.sampled_from([".txt", ".html", ".md", ".article", ""]))
def test_any_file_is_an_article_or_an_input_error(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    check(iter_articles([path], max_bytes=1_000_000, max_chars=100_000), path)


@settings(BUDGET, max_examples=60)
@given(data=jsonl_files())
def test_any_json_lines_file_is_articles_or_input_errors(folder: Path, data: bytes) -> None:
    path = folder / "feed.jsonl"
    path.write_bytes(data)
    check(iter_articles([path], max_bytes=1_000_000, max_chars=100_000), path)


@settings(BUDGET, max_examples=40)
@given(page=pages())
def test_any_page_is_an_article_or_an_input_error(page: str) -> None:
    try:
        article = article_from_html(page, origin="page.html", max_chars=100_000)
    except InputError as exc:
        assert exc.source == "page.html" and exc.reason
        return
    assert article.text.strip()
