"""The places and dates an event is told with, and the evidence span of each event."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from newsgraph.nlp.events.arguments import PLACE_LABELS
from newsgraph.nlp.events.mention import EventMention
from newsgraph.nlp.events.triggers import PLACE_PREPS, is_dateline
from newsgraph.nlp.extensions import doc_text

_ARGUMENT_MODIFIERS = frozenset({"nsubj", "nsubjpass", "appos", "poss"})
#: Clauses that share the time and place of the event they hang off ("attacked X, killing Y").
_DEPENDENT_CLAUSES = frozenset({"advcl", "xcomp", "conj"})
_CLOSERS = "\"'”’)]» \n\t"


def _attach(doc: Doc, start: int, end: int, anchors: dict[int, int], through: frozenset[str] | None) -> int | None:
    """The event anchored at the first trigger above tokens start..end, climbing through phrases only."""
    token = doc[start:end].root
    crossed = through is None
    for _ in range(8):
        if token.i in anchors and token.i not in range(start, end):
            return anchors[token.i] if crossed else None
        if token.dep_ == "prep" and (through is None or token.lower_ in through):
            crossed = True
        if through is not None and token.dep_ in _ARGUMENT_MODIFIERS and token.i not in range(start, end):
            return None  # "Iran, an ally of the government in Damascus, condemned": Damascus places Iran's ally
        if token.head.i == token.i or (token.pos_ in ("VERB", "AUX") and token.i not in range(start, end)):
            return None
        token = token.head
    return None


def attach_places_and_dates(doc: Doc, events: list[EventMention], anchors: dict[int, int]) -> None:
    if not events:
        return
    for name in doc._.ng_names or []:
        if name.label not in PLACE_LABELS or name.token_start is None:
            continue
        index = _attach(doc, name.token_start, name.token_end, anchors, PLACE_PREPS)
        if index is not None:
            events[index].places.append((name.start, name.end))
    for ent in doc.ents:
        if ent.label_ == "DATE" and not (ent.start > 1 and is_dateline(doc[ent.start - 2])):
            index = _attach(doc, ent.start, ent.end, anchors, None)
            if index is not None:
                events[index].dates.append((ent.start_char, ent.end_char))
    triggers = {doc_i: index for doc_i, index in anchors.items() if events[index].trigger_start == doc[doc_i].idx}
    for token_i, index in triggers.items():
        token = doc[token_i]
        if token.dep_ not in _DEPENDENT_CLAUSES or token.pos_ != "VERB" or token.head.i not in triggers:
            continue
        # "attacked a convoy on Sunday, killing 14": the killing shares the attack's date and place
        event, head_event = events[index], events[triggers[token.head.i]]
        if head_event is event:
            continue
        if not event.dates:
            event.dates = list(head_event.dates)
        if not event.places:
            event.places = list(head_event.places)


def close_spans(doc: Doc, events: list[EventMention]) -> None:
    # The evidence runs from the first to the last word of the trigger, its arguments, places and dates,
    # kept inside the trigger's sentence.
    # Token.sent scans the doc each time: look the sentences up once.
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    starts = [s for s, _ in sentences]
    text = doc_text(doc) if sentences else ""
    for event in events:
        at = bisect_right(starts, event.trigger_start) - 1
        bounds = sentences[at] if at >= 0 else None
        edges = [(event.trigger_start, event.trigger_end)]
        edges += [(a.start, a.end) for a in event.sources + event.targets]
        edges += event.places + event.dates
        start = min(s for s, _ in edges)
        end = max(e for _, e in edges)
        if bounds is not None:
            start, end = max(start, bounds[0]), min(end, bounds[1])
            if text[bounds[0] : bounds[1]].rstrip(_CLOSERS).endswith("?"):
                event.hypothetical = True  # asked, not told: "Did Syria betray him?"
        event.start, event.end = start, end
