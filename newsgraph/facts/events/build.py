"""Doc -> events: the event layer's mentions as coded events with actors, dates, places.

Each mention becomes a report; reports of the same event (same CAMEO root, actors and
place, dates within a few days of each other) are merged into one ``Event`` whose further
mentions are kept in ``reports``. Relative dates are resolved in reading order: "two days
later" counts from the last dated event told before it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from newsgraph.facts.actors import ActorCoder
from newsgraph.facts.events.actors import Actors
from newsgraph.facts.events.drafts import EventDraft, anchor, date_mentions, drafts_of
from newsgraph.facts.events.merge import headline_end, same_event
from newsgraph.facts.places import ArticlePlaces
from newsgraph.model import Article, Entity, Event, Span, make_id
from newsgraph.nlp.cameo import codebook
from newsgraph.nlp.dates import UNKNOWN, DateValue, normalize_date, parse_anchor
from newsgraph.nlp.events import EventMention, dateline_date


def _reported_by(start: int, end: int, quotes: list[Any]) -> str | None:
    for quote in quotes:
        span = getattr(quote, "content_span", None)
        if span is not None and span.start <= start and end <= span.end:
            return quote.id
    return None


def _event(article: Article, group: list[EventDraft], quotes: list[Any]) -> Event:
    book = codebook()
    # the report that names its actors best tells the event; the others are kept as reports
    best = max(range(len(group)), key=lambda i: (
        (group[i].source is not None) + (group[i].target is not None)
        + len((group[i].source_code or "").strip("-")) + len((group[i].target_code or "").strip("-")), -i,
    ))
    group = [group[best], *group[:best], *group[best + 1 :]]
    first = group[0]
    # the most specific code and the most precise date of all the reports
    code = max((d.mention.code for d in group), key=len)
    dated = [d.date for d in group if d.date.iso]
    date = max(dated, key=lambda v: len(v.iso or "")) if dated else UNKNOWN
    place = next((d for d in group if d.place or d.place_info), first)
    mention = first.mention
    text = article.text
    key = (first.source or first.source_code, first.target or first.target_code, code[:2], date.iso, place.place)
    return Event(
        id=make_id("evt", article.id, *key),
        code=code,
        root=code[:2],
        plover=book.plover.get(code, book.plover.get(code[:2], "OTHER")),
        label=book.labels.get(code, book.labels.get(code[:2], code)),
        source=first.source,
        target=first.target,
        source_code=first.source_code,
        target_code=first.target_code,
        place=place.place,
        date=date.iso,
        date_precision=date.precision,
        start=mention.start,
        end=mention.end,
        text=text[mention.start : mention.end],
        certainty=first.certainty,
        reported_by=_reported_by(mention.start, mention.end, quotes),
        trigger=Span.of(text, mention.trigger_start, mention.trigger_end),
        place_info=place.place_info,
        place_inferred=bool(place.place_info and place.place_info.get("inferred")),
        reports=[Span.of(text, d.mention.start, d.mention.end) for d in group[1:]],
    )


def events_from_doc(
    doc: Doc, entities: list[Entity], article: Article, quotes: list[Any] | None = None,
    coder: ActorCoder | None = None,
) -> list[Event]:
    """The events of ``doc`` (annotated by ``newsgraph_events``), with ``entities`` as actors and places.

    ``quotes`` (objects with ``id`` and ``content_span``) link each event to the quote that reports it."""
    mentions: list[EventMention] = doc._.ng_events or []
    if not mentions:
        return []
    actors = Actors(doc, entities, coder or _default_coder())
    published = parse_anchor(article.published)
    if published is None:
        # an article without a stated date is dated by its dateline ("DAMASCUS, 10 March 2024 -")
        found = dateline_date(doc)
        value = normalize_date(actors.text[found[0] : found[1]]) if found else UNKNOWN
        published = value.day if value.precision == "day" else None
    dated = date_mentions(doc, published)
    headline = headline_end(actors.text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    places = ArticlePlaces(actors.text, entities, sentences)
    previous: tuple[int, DateValue] | None = None
    groups: list[list[EventDraft]] = []
    for mention in sorted(mentions, key=lambda m: m.trigger_start):
        before = min((s for s, _ in mention.dates), default=mention.trigger_start)
        drafts = drafts_of(doc, mention, actors, places, published, anchor(dated, before, previous))
        for draft in drafts:
            if draft.date.iso is not None:
                previous = (mention.trigger_start, draft.date)
            # only events told as happened are merged with others: "could attack" is not "attacked"
            home = next((g for g in groups if g[0].certainty == draft.certainty and same_event(g[0], draft, headline)), None)
            if home is None or any(d.mention is draft.mention for d in home):
                groups.append([draft])
            else:
                home.append(draft)
    events = [_event(article, group, quotes or []) for group in groups]
    _link_allegations(groups, events)
    return events


def _link_allegations(groups: list[list[EventDraft]], events: list[Event]) -> None:
    """An alleged deed's ``reported_by`` is the accusation, claim or statement event that alleges it,
    where that was coded; otherwise the quote that reports it stays."""
    by_trigger = {
        (d.mention.trigger_start, d.mention.trigger_end): event.id for group, event in zip(groups, events, strict=True) for d in group
    }
    for group, event in zip(groups, events, strict=True):
        alleging = next((d.mention.reported_by for d in group if d.mention.reported_by), None)
        found = by_trigger.get(alleging) if alleging is not None else None
        if found is not None and found != event.id:
            event.reported_by = found


_CODER: ActorCoder | None = None


def _default_coder() -> ActorCoder:
    # built once: it indexes the lexicon and the gazetteer
    global _CODER
    if _CODER is None:
        _CODER = ActorCoder()
    return _CODER
