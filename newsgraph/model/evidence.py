"""Every span an analysis holds, and whether each still reads what it claims.

The promise that ``article.text[start:end] == span.text`` holds for every span is checked
here in one place, by the store before it writes and by anyone who wants to."""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.model.analysis import Analysis
from newsgraph.model.span import Span

__all__ = ["iter_spans", "misread_spans"]


def iter_spans(analysis: Analysis) -> Iterator[tuple[str, Span]]:
    """``(what, span)`` for every span of the analysis: sentences, cues, quotes, numbers, events, entities."""
    for sentence in analysis.sentences:
        yield "sentence", Span(sentence.start, sentence.end, sentence.text)
        for cue in getattr(sentence, "cues", ()):  # a plain Span serves as a sentence too
            yield "certainty cue", cue
    for quote in analysis.quotes:
        for span in (quote.source_span, quote.cue_span, quote.content_span):
            if span is not None:
                yield f"quote {quote.id}", span
        for part in quote.content_parts:
            yield f"part of quote {quote.id}", part
    for quantity in analysis.quantities:
        yield "quantity", Span(quantity.start, quantity.end, quantity.text)
    for event in analysis.events:
        yield f"event {event.code}", Span(event.start, event.end, event.text)
        for report in event.reports:
            yield f"report of event {event.code}", report
    for entity in analysis.entities:
        for mention in entity.mentions:
            yield f"mention of {entity.name}", mention.span
        for role in entity.roles:
            yield f"role of {entity.name}", role.span


def misread_spans(analysis: Analysis) -> list[str]:
    """A description of each span whose offsets do not read its text (empty when all are right)."""
    text = analysis.article.text
    problems = []
    for what, span in iter_spans(analysis):
        actual = text[span.start : span.end]
        if span.start < 0 or span.end < span.start or actual != span.text:
            problems.append(f"{what} at {span.start}:{span.end} claims {span.text!r} but the text there is {actual!r}")
    return problems
