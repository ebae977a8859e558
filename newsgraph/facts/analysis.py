"""Article -> Analysis: run the pipeline and read its annotations into plain data objects."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import __version__
from newsgraph.errors import InputError
from newsgraph.facts.claims import quantities_from_doc, sentences_from_doc
from newsgraph.facts.entities import entities_from_doc
from newsgraph.facts.events import events_from_doc
from newsgraph.facts.quotes import quotes_from_doc
from newsgraph.model import Analysis, Article
from newsgraph.nlp import DEFAULT_MODEL, load_pipeline

__all__ = ["Analyzer", "SUPPORTED_LANGUAGES", "analysis_from_doc"]

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = frozenset({"en"})
#: Characters per article the pipeline will take; spaCy needs about 1 GB per 100,000 chars of parse.
MAX_CHARS = 1_000_000


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
    """Holds one loaded pipeline and analyses articles with it."""

    def __init__(self, model: str = DEFAULT_MODEL, *, lexicons: tuple[str, ...] = (), news_ner: bool = True):
        self.model = model
        self.nlp: Language = load_pipeline(model, news_ner=news_ner, lexicons=lexicons)
        self.extractor = f"newsgraph/{model}"

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
        return analysis_from_doc(article, self.nlp(article.text), extractor=self.extractor)

    def analyze_many(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis | InputError]:
        """Analyse a stream of articles, batching the English ones through ``nlp.pipe``.

        Results come in input order; an article that cannot be analysed yields its InputError."""
        pending: list[Article] = []

        def flush() -> Iterator[Analysis]:
            docs = self.nlp.pipe([a.text for a in pending], batch_size=batch_size)
            for article, doc in zip(pending, docs, strict=True):
                yield analysis_from_doc(article, doc, extractor=self.extractor)
            pending.clear()

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
            pending.append(article)
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()
