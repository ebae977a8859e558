"""Claims: quotations and reported speech, sentence certainty, and numbers claimed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.model.certainty import Certainty
from newsgraph.model.span import Span

__all__ = ["CERTAINTIES", "SOURCE_TYPES", "Quantity", "Quote", "Sentence"]

#: How sure a sentence or claim is, as written (an event may also be hypothetical or alleged).
CERTAINTIES = (Certainty.ASSERTED, Certainty.HEDGED, Certainty.NEGATED, Certainty.QUESTION)
#: Who a quote is attributed to: a named entity, an unnamed/vague source, or a document or institution.
SOURCE_TYPES = ("named", "unnamed", "document")


def _span(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


@dataclass(slots=True)
class Sentence:
    """A sentence of the article with its certainty and the cue words that decide it."""

    start: int
    end: int
    text: str
    certainty: Certainty = Certainty.ASSERTED
    cues: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.certainty = Certainty(self.certainty)  # a label from the certainty layer, checked here

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text, "certainty": self.certainty,
            "cues": [c.to_dict() for c in self.cues],
        }


@dataclass(slots=True)
class Quote:
    """A quotation or reported claim: who (source), how (cue), what (content).

    ``speaker`` is the entity id of the source where the text names or points to one.
    ``content_span`` is the envelope of what was said, from its first word to its last, and may hold
    the cue and source (``"We will not leave," he said, "until the job is done."``);
    ``content_parts`` are the pieces of it that were said, in text order, apart from each other and
    from the cue and source. A content in one piece has one part, equal to ``content_span``."""

    id: str
    speaker: str | None
    source_type: str
    direct: bool
    certainty: Certainty
    source_span: Span | None
    cue_span: Span | None
    content_span: Span | None
    #: role or affiliation of the speaker as stated in the article, if any
    speaker_role: str | None = None
    #: id of the quote this one is reported inside ("the report says that X said ...")
    parent: str | None = None
    content_parts: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.certainty = Certainty(self.certainty)
        if not self.content_parts and self.content_span is not None:  # a content in one piece
            self.content_parts = [self.content_span]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "speaker": self.speaker, "source_type": self.source_type, "direct": self.direct,
            "certainty": self.certainty, "source_span": _span(self.source_span), "cue_span": _span(self.cue_span),
            "content_span": _span(self.content_span), "content_parts": [p.to_dict() for p in self.content_parts],
            "speaker_role": self.speaker_role, "parent": self.parent,
        }


@dataclass(slots=True)
class Quantity:
    """A number claimed in the article: "more than 4,000 soldiers"."""

    value: float
    qualifier: str | None  # exact | more than | less than | about | nearly | up to | at least | range
    unit: str | None  # what is counted: fighters, soldiers, dead, ...
    about: str | None  # entity id of what the number is about
    source: str | None  # entity id of who claims it
    start: int
    end: int
    text: str
    certainty: Certainty = Certainty.ASSERTED
    value_max: float | None = None  # upper bound of a range
    quote: str | None = None  # id of the quote the number is claimed in

    def __post_init__(self) -> None:
        self.certainty = Certainty(self.certainty)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value, "value_max": self.value_max, "qualifier": self.qualifier, "unit": self.unit,
            "about": self.about, "source": self.source, "start": self.start, "end": self.end, "text": self.text,
            "certainty": self.certainty, "quote": self.quote,
        }
