"""The quote layer's output: each ``QuoteSpan`` as an ``Attribution`` record, with the source's head word
read off the parse and the certainty decided, so that facts/ never needs the Doc's tokens."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.annotations import Attribution, SourceWord
from newsgraph.nlp.certainty import ASSERTED, certainty_of
from newsgraph.nlp.quotes.spans import RELATIVE_PRONOUNS, QuoteSpan

__all__ = ["attribution"]

_POINTING = frozenset({"the", "this", "that"})


def attribution(doc: Doc, quote: QuoteSpan) -> Attribution:
    speaker = None
    if quote.source is not None and quote.source_head is not None:
        speaker = source_word(doc[quote.source_head])
    return Attribution(
        content=quote.content, parts=quote.parts, cue=quote.cue, source=quote.source, speaker=speaker,
        direct=quote.direct, cue_lemma=quote.cue_lemma, certainty=_certainty(doc, quote), nested=quote.nested,
    )


def source_word(head: Token) -> SourceWord:
    relative = head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl"
    if relative:  # "Mackey, who says ...": the speaker is the noun the relative clause is about
        head = head.head.head
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    apposed = [other.idx for other in [*head.children, head.head] if (
        (other.dep_ == "appos" and other.head.i == head.i) or (head.dep_ == "appos" and other.i == head.head.i))]
    return SourceWord(
        start=head.idx, end=head.idx + len(head), text=head.text, lower=head.lower_, lemma=head.lemma_.lower(),
        plural=head.tag_ in ("NNS", "NNPS"), determined=any(t.lower_ in _POINTING for t in head.lefts),
        owner=owners[0].lower_ if owners else None, apposed=tuple(apposed), relative=relative,
    )


def _certainty(doc: Doc, quote: QuoteSpan) -> str:
    """The cue's own certainty (a denial, a guess, a question) else the content's wording."""
    if quote.cue_certainty != ASSERTED:
        return quote.cue_certainty
    span = doc.char_span(*quote.content, alignment_mode="expand")
    if span is None or not len(span):
        return quote.cue_certainty
    label, _cues = certainty_of(span)
    return label
