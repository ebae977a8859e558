"""Sentence starts at line breaks that end a sentence or a heading.

The parser decides sentence boundaries from the words alone, so a headline, a dateline and the
first sentence come out as one sentence. Set before the parser, these starts are kept by it.
A single line break inside running prose (hard-wrapped text) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.headings import is_heading

__all__ = ["mark_line_starts", "preset_sentence_starts"]

_ENDS_SENTENCE = frozenset(".!?:;\"”’)|")
_SHORT_LINE = 12  # words: a title, byline or dateline, not wrapped prose


def preset_sentence_starts(doc: Doc, starts: Iterable[int]) -> None:
    """Make the tokens at ``starts`` sentence starts, all at once: ``Token.is_sent_start``'s setter
    looks through the whole Doc for a parse on every call, so a Doc of thousands of lines set one
    token at a time costs the square of its length."""
    starts = list(starts)
    if not starts:
        return
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], values)


@Language.component("newsgraph_lines", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    starts = []
    line_start = 0  # token index where the current line began
    for token in doc:
        if not (token.is_space and "\n" in token.text) or token.i + 1 >= len(doc):
            continue
        following = doc[token.i + 1]
        line = doc[line_start : token.i]
        line_start = token.i + 1
        if not len(line):
            continue
        last = line[-1].text[-1:]
        if (
            "\n\n" in token.text
            or last in _ENDS_SENTENCE
            or len(line) <= _SHORT_LINE
            or is_heading(line.text)
        ):
            starts.append(following.i)
    preset_sentence_starts(doc, starts)
    return doc
