"""The ``newsgraph_events`` component: every trigger of a Doc with its arguments, places and dates."""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc

from newsgraph.nlp.cameo import VerbPattern, codebook
from newsgraph.nlp.certainty import certainty_of
from newsgraph.nlp.events.allegations import allegations
from newsgraph.nlp.events.arguments import objects_of
from newsgraph.nlp.events.complements import drop, one_act_per_complement
from newsgraph.nlp.events.mention import EventMention
from newsgraph.nlp.events.modality import background
from newsgraph.nlp.events.placing import attach_places_and_dates, close_spans
from newsgraph.nlp.events.triggers import (
    FORCE,
    LIGHT,
    is_envoy,
    match_verb,
    means_of,
    noun_event,
    told_force,
    verb_event,
)
from newsgraph.nlp.extensions import register_extensions

#: Verbs whose subject is the event itself ("the funeral was held", "the attack took place").
_HAPPENING = frozenset({"hold", "take", "occur", "happen", "begin", "start", "end", "follow", "come"})


def find_events(doc: Doc) -> list[EventMention]:
    """Every event trigger of ``doc`` with its arguments, places and dates."""
    book = codebook()
    events: list[EventMention] = []
    anchors: dict[int, int] = {}  # token index -> event index: the trigger, its light verb, its happening verb
    consumed: set[int] = set()
    # one read of the tags: the walks below want only the verbs or only the nouns
    tags = doc.to_array(POS).tolist()
    verbs = [i for i, tag in enumerate(tags) if tag == VERB]
    for token in (doc[i] for i in verbs):
        lemma = token.lemma_.lower()
        if background(token):
            continue
        pattern = match_verb(token, book.verbs[lemma]) if lemma in book.verbs else None
        if pattern is None and lemma in LIGHT:
            pattern = VerbPattern(lemma, None, None, frozenset(), "")
        if pattern is None:
            continue
        mention = verb_event(token, pattern, book)
        if not mention.code:
            continue
        anchors[token.i] = len(events)
        if mention.pos == "NOUN":
            noun = doc.char_span(mention.trigger_start, mention.trigger_end)
            if noun is not None:
                consumed.add(noun.root.i)
                anchors[noun.root.i] = len(events)
        events.append(mention)
    for token in (doc[i] for i, tag in enumerate(tags) if tag == NOUN):
        if token.i in consumed:
            continue
        noun_pattern = book.noun(token)
        if noun_pattern is None:
            continue
        if token.dep_ == "nsubj" and token.head.i in anchors and noun_pattern.code[:2] in FORCE:
            continue  # told by the verb it is the subject of ("a strike killed X")
        if token.dep_ == "pobj" and token.head.head.i in anchors and token in means_of(token.head.head, book):
            continue  # the means of the act it is told with ("killed in an air strike")
        mention = noun_event(token, noun_pattern)
        if not (mention.sources or mention.targets) and not told_force(token, noun_pattern):
            continue
        anchors[token.i] = len(events)
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _HAPPENING and token.head.i not in anchors:
            anchors[token.head.i] = len(events)
        events.append(mention)
    events = drop(events, anchors, allegations(doc, events, anchors, verbs) | one_act_per_complement(doc, events, anchors))
    attach_places_and_dates(doc, events, anchors)
    close_spans(doc, events)
    _read_certainty(doc, events)
    return events + [_visit_of(doc, event) for event in events if event.code == "043" and _hosts_envoys(doc, event)]


def _read_certainty(doc: Doc, events: list[EventMention]) -> None:
    for event in events:
        if not (event.negated or event.hypothetical or event.alleged):
            span = doc.char_span(event.start, event.end, alignment_mode="expand")
            if span is not None:
                event.clause_certainty = certainty_of(span)[0]


def _hosts_envoys(doc: Doc, event: EventMention) -> bool:
    trigger = doc.char_span(event.trigger_start, event.trigger_end)
    return trigger is not None and bool(event.targets) and is_envoy(objects_of(trigger.root))


def _visit_of(doc: Doc, host: EventMention) -> EventMention:
    """"X received ministers from Y" tells the ministers' visit to X as well as X's hosting them."""
    visit = replace(host, code="042", sources=list(host.targets), targets=list(host.sources), alt_targets=[])
    visit.places, visit.dates = list(host.places), list(host.dates)
    return visit


class EventLayer:
    """The ``newsgraph_events`` component."""

    def __init__(self) -> None:
        register_extensions()
        codebook()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = find_events(doc)
        return doc


@Language.factory(
    "newsgraph_events",
    requires=["doc._.ng_names", "token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.ng_events"],
)
def make_event_layer(nlp: Language, name: str) -> EventLayer:
    return EventLayer()
