"""The attribution record the quote layer writes, and the character-range arithmetic its rules share."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.nlp.attribution_tagger import token_range

Range = tuple[int, int]

#: Relative pronouns: "X, who says ..." names X as the source.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One attribution, in character offsets of the Doc's text.

    ``source`` is None for impersonal claims ("it was reported that"); the colon is the cue of
    ``Name: “...”``. ``parts`` are the pieces of what was said, in text order: while the rules
    work, the quotations of a direct quote split around its cue or running on over several
    paragraphs, or the two sides of a parenthetical cue (empty for a content in one piece); in the
    layer's output, every piece of the content with the cue, the source and paragraph breaks left
    out (see :func:`content_parts`), never empty. ``content`` spans them all."""

    content: Range
    parts: tuple[Range, ...]
    cue: Range | None  # None only while a running-on quotation waits to be joined to its speaker's
    source: Range | None
    source_head: int | None  # token index of the source phrase's head word
    direct: bool
    cue_lemma: str | None
    cue_certainty: str
    nested: bool = False  # the cue is inside what another attribution reports ("X said Y told him ...")


def overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def within(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def less(piece: Range, holes: list[Range]) -> list[Range]:
    """``piece`` with the holes taken out."""
    fragments = [piece]
    for hole in holes:
        fragments = [f for s, e in fragments for f in ((s, min(e, hole[0])), (max(s, hole[1]), e)) if f[0] < f[1]]
    return fragments


def trim(doc: Doc, first: int, last: int) -> Range | None:
    """Char range of tokens first..last (inclusive) without punctuation or spaces at the ends."""
    while first <= last and (doc[first].is_punct or doc[first].is_space) and not doc[first].is_quote:
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and not doc[last].is_quote:
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def trim_cut(doc: Doc, chars: Range, left: bool, right: bool) -> Range | None:
    """``chars`` without the punctuation and spaces at the ends named (``left``, ``right``)."""
    tokens = token_range(doc, chars)
    if tokens is None:
        return None
    first, last = tokens[0], tokens[1] - 1
    trimmed = trim(doc, first, last)
    if trimmed is None:
        return None
    return (max(trimmed[0], chars[0]) if left else chars[0]), (min(trimmed[1], chars[1]) if right else chars[1])


def subtree_range(doc: Doc, head: Token, exclude: Token) -> Range | None:
    tokens = [t.i for t in head.subtree if t.i != exclude.i]
    if not tokens:
        return None
    first, last = min(tokens), max(tokens)
    if first <= exclude.i <= last:  # the clause wraps round the cue: keep the side the clause head is on
        first, last = (exclude.i + 1, last) if head.i > exclude.i else (first, exclude.i - 1)
    return trim(doc, first, last)
