"""The pieces of what an attribution reports, as PolNeAR draws them."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.quotes.spans import QuoteSpan, Range, less, overlaps, trim_cut

#: a line break, with the spaces around it: a content's part never runs over one
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


def joined_runs(text: str, runs: list[Range], attribution: tuple[Range | None, ...]) -> tuple[Range, ...]:
    """The tagger's content runs as pieces: a gap that holds neither the cue, the source nor a
    paragraph break is a word the tagger dropped, not a break in what was said."""
    pieces: list[Range] = []
    for run in sorted(runs):
        if pieces and (run[0] <= pieces[-1][1] or not (
            "\n" in text[pieces[-1][1] : run[0]]
            or any(r is not None and overlaps((pieces[-1][1], run[0]), r) for r in attribution)
        )):
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], run[1]))
        else:
            pieces.append(run)
    return tuple(pieces)


def content_parts(doc: Doc, quote: QuoteSpan) -> tuple[Range, ...]:
    """The pieces of what ``quote`` reports, in text order: its pieces (or its whole content) less
    its own cue and source and broken at paragraph ends, as PolNeAR's annotators draw them. A part's
    end inside the content loses its punctuation and spaces as the rules trim a content (quote marks
    stay: they belong to a quotation); the first part starts and the last ends where the content
    does, unless the cue or source stands there. A content with no cue, source or paragraph break
    inside it has one part, equal to it."""
    text = doc_text(doc)
    start, end = quote.content
    holes = [r for r in (quote.cue, quote.source) if r is not None and overlaps(r, quote.content)]
    holes += [m.span() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    parts: list[Range] = []
    for piece in quote.parts or (quote.content,):
        for fragment in less(piece, holes):
            trimmed = trim_cut(doc, fragment, fragment[0] != start, fragment[1] != end)
            if trimmed is not None and any(ch.isalnum() for ch in text[trimmed[0] : trimmed[1]]):
                parts.append(trimmed)
    return tuple(parts) or (quote.content,)
