"""HTML pages -> Article: the main text and its metadata, without the page around it.

trafilatura finds the article body and drops navigation, footers, comments and
share buttons; it also reads the title, author, date and site name from the page's
meta tags. The article text is the extracted body (trafilatura keeps the page's
headline when it is part of the body); the title is kept separately as metadata.
"""

from __future__ import annotations

import logging
import warnings

from newsgraph.errors import InputError
from newsgraph.ingest.build import article_from_text
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
) -> Article:
    """Extract the article in an HTML page.

    ``source`` (the site name), ``published`` (an ISO date), ``title`` and ``author``
    come from the page; values passed here win over the page's own. Raises InputError,
    naming ``origin``, when the page holds no extractable text."""
    name = origin or url or "<html>"
    if not html.strip():
        raise InputError(name, "empty HTML")
    try:
        doc = _extract(html, url)
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise InputError(name, f"HTML could not be parsed: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError(name, "HTML has no extractable article text")
    return article_from_text(
        doc.text,
        title=title or doc.title,
        url=url or doc.url,
        published=published or doc.date,
        source=source or doc.sitename or doc.hostname,
        author=author or doc.author,
        origin=origin,
    )
