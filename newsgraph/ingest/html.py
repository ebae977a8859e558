"""HTML pages -> Article: the main text and its metadata, without the page around it.

trafilatura finds the article body and drops navigation, footers, comments and
share buttons; it also reads the title, author, date and site name from the page's
meta tags. The article text is the extracted body (trafilatura keeps the page's
headline when it is part of the body); the title is kept separately as metadata.

A page the HTML parser gives up on (nested deeper than libxml2 goes, or markup that
makes trafilatura fail) is read by :mod:`newsgraph.ingest.page_text` instead: all
its visible text, boilerplate included, rather than none.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.build import article_from_text
from newsgraph.ingest.page_text import parser_gave_up, visible_text
from newsgraph.model import Article

__all__ = ["article_from_html"]

log = logging.getLogger(__name__)


def _extract(html: str, url: str | None):  # type: ignore[no-untyped-def]
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    with warnings.catch_warnings():
        # lxml warns about its own element truth-testing inside trafilatura.
        warnings.simplefilter("ignore", FutureWarning)
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
        )


def article_from_html(
    html: str,
    *,
    origin: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    author: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """Extract the article in an HTML page.

    ``source`` (the site name), ``published`` (an ISO date), ``title`` and ``author``
    come from the page; values passed here win over the page's own. Raises InputError,
    naming ``origin``, when the page holds no extractable text, or extracted text
    longer than ``max_chars``."""
    name = origin or url or "<html>"
    if not html.strip():
        raise InputError(name, "empty HTML")
    try:
        doc = _extract(html, url)
        failure = None
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        doc, failure = None, exc
    if doc is None or not (doc.text or "").strip():
        return _fallback(html, name, failure, origin=origin, url=url, title=title, published=published,
                         source=source, author=author, max_chars=max_chars)
    return article_from_text(
        doc.text,
        title=title or doc.title,
        url=url or doc.url,
        published=published or doc.date,
        source=source or doc.sitename or doc.hostname,
        author=author or doc.author,
        origin=origin,
        max_chars=max_chars,
    )


def _fallback(html: str, name: str, failure: Exception | None, **meta: Any) -> Article:
    """The page's whole visible text, when the parser gave up on it; else the reason it has none."""
    if failure is None and not parser_gave_up(html):
        raise InputError(name, "HTML has no extractable article text")
    text = visible_text(html)
    if not text:
        reason = f"could not be parsed: {failure}" if failure is not None else "has no text"
        raise InputError(name, f"HTML {reason}")
    why = f"extraction failed ({type(failure).__name__})" if failure else "the parser gave up on it (too deep)"
    log.warning("%s: %s: keeping all the page's visible text, boilerplate included", name, why)
    return article_from_text(text, **meta)
