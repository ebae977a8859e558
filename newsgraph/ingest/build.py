"""Building an Article from text: normalise, name it, tell its language.

This is where every reader ends: whatever the format, the article's text passes
through :func:`article_from_text`, so normalisation, ids and language are decided in
one place.
"""

from __future__ import annotations

import logging
import re

from newsgraph.errors import InputError
from newsgraph.ingest.dates import iso_date
from newsgraph.ingest.failures import over_analysis_limit
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.normalize import normalize_text
from newsgraph.model import Article, make_id

__all__ = ["TITLE_MAX_CHARS", "TITLE_MAX_WORDS", "article_from_text", "guess_title"]

log = logging.getLogger(__name__)

#: A first line longer than this is a paragraph, not a headline.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25

# Headlines do not end like sentences or lists; "?" and "!" are fine ("Did X betray Y?").
_NOT_HEADLINE_END = (".", ",", ";", ":")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_WEB_LINK = re.compile(r"^https?://[^\s/]", re.IGNORECASE)


def _clean(value: str | None) -> str | None:
    """Metadata is normalised like the text; blank values count as absent."""
    if value is None:
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def _link(value: str | None, origin: str | None) -> str | None:
    """A web address, or None: ``javascript:``, ``data:``, ``file:`` or relative values
    are no link to an article, and shown as links they could run code."""
    value = _clean(value)
    if value is None or _WEB_LINK.match(value):
        return value
    log.warning("%s: ignoring url %r: only http(s) links are kept", origin or "<text>", value[:80])
    return None


def _published(value: str | None, origin: str | None) -> str | None:
    """An ISO date, or None: a date that cannot be read is dropped (and logged), not
    guessed at, and does not cost the article."""
    value = _clean(value)
    if value is None:
        return None
    try:
        return iso_date(value)
    except ValueError:
        log.warning("%s: ignoring publication date %r: not a recognisable date", origin or "<text>", value)
        return None


def guess_title(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline, else None.

    A headline is short (at most ``TITLE_MAX_CHARS`` characters and ``TITLE_MAX_WORDS``
    words), has a letter, does not end with a period, comma or colon, and is followed
    by more text. A Markdown heading marker ("# ") is dropped from the title. The line
    stays in the text: only a copy becomes the title."""
    first, sep, rest = text.strip().partition("\n")
    first = _MARKDOWN_HEADING.sub("", first).strip()
    if not sep or not rest.strip() or not first:
        return None
    if len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS:
        return None
    if first.endswith(_NOT_HEADLINE_END) or not any(ch.isalpha() for ch in first):
        return None
    return first


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    author: str | None = None,
    origin: str | None = None,
    guess_headline: bool = False,
    max_chars: int | None = None,
) -> Article:
    """Make an Article from raw text and what is known about it.

    The text is normalised (see :mod:`newsgraph.ingest.normalize`); the id is a hash of
    the normalised text alone, so the same article read twice, from any file, gets the
    same id. ``published`` is turned into ISO 8601 (an unreadable date is dropped with a
    warning); a ``url`` that is not an http(s) address is dropped (with a warning). With
    ``guess_headline`` and no ``title``, a headline-like first line becomes the title (and
    stays in the text). Raises InputError, naming ``origin``, when nothing but whitespace
    is left, or when the text is longer than ``max_chars``: that is checked first, as
    normalising and language detection take long over a text the analysis would refuse."""
    if max_chars is not None and len(text) > max_chars:
        raise over_analysis_limit(origin or "<text>", max_chars, len(text))
    normalised = normalize_text(text)
    if not normalised:
        raise InputError(origin or "<text>", "empty: no text left after normalisation")
    title = _clean(title)
    if title is None and guess_headline:
        title = guess_title(normalised)
    article = Article(
        id=make_id("art", normalised),
        text=normalised,
        title=title,
        language=detect_language(normalised),
        source=_clean(source),
        published=_published(published, origin),
        url=_link(url, origin),
        author=_clean(author),
        origin=origin,
    )
    log.debug("article %s from %s (%s, %d chars)", article.id, origin, article.language, len(normalised))
    return article
