"""Anything in -> Article: plain text, HTML, JSON Lines, folders.

Every article's text is normalised once (:mod:`newsgraph.ingest.normalize`); its id is
a hash of that text and its language is detected (:mod:`newsgraph.ingest.language`).

    read_article(path)           one file, one article; raises InputError
    iter_articles(paths)         files, folders, JSON Lines; yields Article | InputError
    article_from_text(text)      raw text and metadata -> Article
    article_from_html(html)      a web page -> Article (main text and metadata)
"""

from newsgraph.ingest.build import article_from_text, guess_title
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.normalize import normalize_text
from newsgraph.ingest.readers import DEFAULT_MAX_BYTES, iter_articles, read_article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "article_from_html",
    "article_from_text",
    "detect_language",
    "guess_title",
    "iter_articles",
    "normalize_text",
    "read_article",
]
