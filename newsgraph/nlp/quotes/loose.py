"""Quotations no cue verb claims: ``Name: “...”``, headline lines ``Name: ...`` and paragraphs that run on
from the previous speaker's quotation."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.quotes.regions import Regions
from newsgraph.nlp.quotes.spans import QuoteSpan, trim

_COLON_SOURCE = re.compile(r"^\s*:\s*$")
#: a quotation attributed only by its neighbours must be more than a scare-quoted phrase
_MIN_LOOSE_WORDS = 3
_COLON_LINE = re.compile(r"^([^\n:]{1,60}):[ \t]+([^\n]*[^\s])", re.MULTILINE)
_MAX_COLON_LINE_SOURCE = 4
_MAX_COLON_SOURCE = 8  # tokens before "Name:" on its line; longer lead-ins are prose, not a speaker label


def loose_quotations(doc: Doc, regions: Regions, found: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations no verb claimed: ``Name: “...”`` and paragraphs continuing a quotation."""
    taken = Intervals((q.content, None) for q in found)
    loose: list[QuoteSpan] = []
    for region in regions.ranges:
        if taken.any_overlapping(*region):
            continue
        if len(doc_text(doc)[region[0] : region[1]].split()) < _MIN_LOOSE_WORDS:
            continue
        line_start = doc_text(doc).rfind("\n", 0, region[0]) + 1
        colon = doc_text(doc).rfind(":", line_start, region[0])
        if colon >= 0 and _COLON_SOURCE.match(doc_text(doc)[colon : region[0]]):
            span = _colon_speaker(doc, line_start, colon)
            if span is not None and _names_someone(span[-1]):
                head = span[-1]
                first = max(head.left_edge.i, span.start)
                source = trim(doc, first, head.i)
                if source is not None:
                    loose.append(QuoteSpan(region, (), (colon, colon + 1), source, head.i, True, None, "asserted"))
                    continue
        loose.append(QuoteSpan(region, (), None, None, None, True, None, "asserted"))  # kept if it continues one
    return loose


def colon_lines(doc: Doc, regions: Regions, found: list[QuoteSpan]) -> list[QuoteSpan]:
    """Headline-style lines ``Name: what they said`` with no quotation marks ("Issa: Clinton's
    honesty is in question"): the colon is the cue, the rest of the line the content."""
    text = doc_text(doc)
    lines: list[QuoteSpan] = []
    contents = Intervals((q.content, None) for q in found)
    for match in _COLON_LINE.finditer(text):
        colon, content = match.end(1), (match.start(2), match.end(2))
        if regions.at(colon) is not None or regions.at(content[0]) is not None or len(match.group(2).split()) < 3:
            continue
        if contents.any_overlapping(*content):
            continue
        span = doc.char_span(match.start(1), colon, alignment_mode="contract")
        if span is None or not 0 < len(span) <= _MAX_COLON_LINE_SOURCE or not _names_someone(span[-1]):
            continue
        if span[-1].ent_type_ in ("GPE", "DATE", "TIME"):  # datelines ("Washington: ...")
            continue
        source = trim(doc, span.start, span.end - 1)
        if source is not None:
            lines.append(QuoteSpan(content, (), (colon, colon + 1), source, span[-1].i, False, None, "asserted"))
    return lines


def _colon_speaker(doc: Doc, line_start: int, colon: int) -> Span | None:
    """The words before ``:`` that may name a speaker: the line's start, or what follows the last
    dash or full stop on the line ("... territory - Philip Bump: “...”"), or the named entity that
    ends the line ("doesn't surprise pollster Daron Shaw: “...”")."""
    span = doc.char_span(line_start, colon, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if len(span) <= _MAX_COLON_SOURCE:
        return span
    breaks = [t.i for t in span if t.text in ("-", "—", "–", ".", ";")]
    if breaks and 0 < span.end - breaks[-1] - 1 <= _MAX_COLON_SOURCE:
        return doc[breaks[-1] + 1 : span.end]
    last = span[-1]
    for ent in doc.ents:
        if ent.end == span.end and ent.label_ in ("PERSON", "ORG"):
            return doc[max(ent.start, last.left_edge.i) : ent.end]
    return None


def _runs_on(text: str, previous: QuoteSpan, quote: QuoteSpan) -> bool:
    """True when only the previous quotation's own attribution stands between it and ``quote``."""
    if not previous.direct or previous.source is None or previous.content[1] > quote.content[0]:
        return False
    gap = list(text[previous.content[1] : quote.content[0]])
    for rng in (previous.source, previous.cue):
        if rng is not None:
            for i in range(max(rng[0], previous.content[1]), min(rng[1], quote.content[0])):
                gap[i - previous.content[1]] = " "
    return not any(ch.isalnum() for ch in gap)


def _names_someone(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP") or (
        token.is_title and token.pos_ == "NOUN"
    )


def link_continuations(text: str, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Join a cue-less quotation to the direct quotation it runs on from; drop it if there is none."""
    kept: list[QuoteSpan] = []
    for quote in quotes:
        if quote.cue is not None:
            kept.append(quote)
            continue
        previous = kept[-1] if kept else None
        if previous is None or not _runs_on(text, previous, quote):
            continue
        kept[-1] = replace(
            previous, content=(previous.content[0], quote.content[1]),
            parts=(*(previous.parts or (previous.content,)), quote.content),
        )
    return kept
