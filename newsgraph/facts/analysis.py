"""Article -> Analysis: run the pipeline and read its annotations into plain data objects."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import __version__
from newsgraph.errors import InputError
from newsgraph.facts.claims import quantities_from_doc, sentences_from_doc
from newsgraph.facts.entities import entities_from_doc
from newsgraph.facts.events import events_from_doc
from newsgraph.facts.parts import PART_CHARS, PartsMerger, part_bounds
from newsgraph.facts.quotes import quotes_from_doc
from newsgraph.model import Analysis, Article
from newsgraph.nlp import DEFAULT_MODEL, load_pipeline

__all__ = ["Analyzer", "BATCH_CHARS", "MAX_CHARS", "SUPPORTED_LANGUAGES", "analysis_from_doc"]

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = frozenset({"en"})
#: Characters per article the analysis takes: any article the readers' default ``--max-bytes`` lets in.
#: Articles are parsed in parts (``PART_CHARS``), so memory does not grow with this, only time.
MAX_CHARS = 5 * 1024 * 1024
#: Characters of text in flight at once in a batch: its parse is what a batch's memory grows with.
BATCH_CHARS = PART_CHARS


def analysis_from_doc(article: Article, doc: Doc, *, extractor: str) -> Analysis:
    """Read an annotated Doc into an Analysis of ``article`` (whose text the Doc was made from)."""
    sentences = sentences_from_doc(doc)
    entities = entities_from_doc(doc)
    quotes = quotes_from_doc(doc, entities, article.id)
    return Analysis(
        article=article,
        entities=entities,
        sentences=sentences,
        quotes=quotes,
        quantities=quantities_from_doc(doc, entities, quotes),
        events=events_from_doc(doc, entities, article, quotes),
        extractor=extractor,
        version=__version__,
    )


class Analyzer:
    """Holds one loaded pipeline and analyses articles with it.

    An article longer than ``part_chars`` is analysed in parts cut at paragraph breaks and merged
    (see :mod:`newsgraph.facts.parts`), so that memory stays bounded whatever its length."""

    def __init__(self, model: str = DEFAULT_MODEL, *, lexicons: tuple[str, ...] = (), news_ner: bool = True,
                 part_chars: int = PART_CHARS):
        self.model = model
        self.nlp: Language = load_pipeline(model, news_ner=news_ner, lexicons=lexicons)
        self.extractor = f"newsgraph/{model}"
        self.part_chars = part_chars

    def _not_analysed(self, article: Article) -> Analysis | None:
        if article.language not in SUPPORTED_LANGUAGES:
            reason = f"language {article.language!r} is not supported (newsgraph analyses English)"
            return Analysis(article=article, analysed=False, reason=reason, extractor=self.extractor, version=__version__)
        if len(article.text) > MAX_CHARS:
            raise InputError(article.origin or article.id, f"text of {len(article.text):,} characters is over the analysis limit of {MAX_CHARS:,}")
        return None

    def analyze(self, article: Article) -> Analysis:
        """Analyse one article (an article in another language comes back as not analysed)."""
        skipped = self._not_analysed(article)
        if skipped is not None:
            return skipped
        return self._analyze(article)

    def _analyze(self, article: Article) -> Analysis:
        bounds = part_bounds(article.text, self.part_chars)
        if len(bounds) == 1:
            return analysis_from_doc(article, self.nlp(article.text), extractor=self.extractor)
        log.debug("analysing %s in %d parts", article.origin or article.id, len(bounds))
        merger = PartsMerger(article)
        for start, end in bounds:
            # the part keeps the article's id and metadata: ids and dates read as the whole article's
            part = replace(article, text=article.text[start:end])
            merger.add(analysis_from_doc(part, self.nlp(part.text), extractor=self.extractor), start)
        return merger.analysis(self.extractor, __version__)

    def analyze_many(self, articles: Iterable[Article], *, batch_chars: int = BATCH_CHARS,
                     batch_size: int = 16) -> Iterator[Analysis | InputError]:
        """Analyse a stream of articles, batching the English ones through ``nlp.pipe``.

        A batch holds at most ``batch_size`` articles and, past its first, ``batch_chars`` characters:
        memory follows the text in flight, not the number of articles. An article longer than a part
        goes alone, part by part. Results come in input order; an article that cannot be analysed
        yields its InputError."""
        pending: list[Article] = []
        pending_chars = 0

        def flush() -> Iterator[Analysis]:
            nonlocal pending_chars
            docs = self.nlp.pipe([a.text for a in pending], batch_size=max(1, len(pending)))
            for article, doc in zip(pending, docs, strict=True):
                yield analysis_from_doc(article, doc, extractor=self.extractor)
            pending.clear()
            pending_chars = 0

        for article in articles:
            try:
                skipped = self._not_analysed(article)
            except InputError as exc:
                yield from flush()
                yield exc
                continue
            if skipped is not None:
                yield from flush()
                yield skipped
                continue
            size = len(article.text)
            if size > self.part_chars:
                yield from flush()
                yield self._analyze(article)
                continue
            if pending and pending_chars + size > batch_chars:
                yield from flush()
            pending.append(article)
            pending_chars += size
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()
