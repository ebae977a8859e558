"""Doc -> events: the event layer's mentions as coded events with actors, dates, places.

Each mention becomes a report; reports of the same event (same CAMEO root, actors and
place, dates within a few days of each other) are merged into one ``Event`` whose further
mentions are kept in ``reports``. Relative dates are resolved in reading order: "two days
later" counts from the last dated event told before it.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from spacy.tokens import Doc

from newsgraph.facts.actors import ActorCoder, merge_codes, role_words
from newsgraph.facts.entities import EntityIndex
from newsgraph.facts.places import ArticlePlaces, geocode
from newsgraph.model import Article, Entity, Event, Span, make_id
from newsgraph.nlp.cameo import codebook
from newsgraph.nlp.dates import UNKNOWN, DateValue, normalize_date, parse_anchor
from newsgraph.nlp.events import SAYING, ArgSpan, EventMention, dateline_date
from newsgraph.nlp.extensions import doc_text

__all__ = ["ACTOR_TYPES", "EventDraft", "events_from_doc", "geocode"]

log = logging.getLogger(__name__)

ACTOR_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "NORP", "LOC", "FAC"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_VISITS = frozenset({"042", "044"})
#: Roots where a list of subjects without an object acted on each other (meet, negotiate, fight).
_SYMMETRIC = frozenset({"04", "19"})
#: Acts that a list of subjects without an object did with each other ("X and Y met", "X and Y clashed").
_MUTUAL = frozenset({
    "meet", "meeting", "talk", "negotiate", "negotiation", "confer", "consult", "clash", "fight", "fighting",
    "battle", "skirmish",
})
_FORCE = frozenset({"18", "19", "20"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUN_WINDOW = 600
#: Endings of a modifier that names who stands behind the actor, not the actor ("Iran-backed", "US-led").
_PATRON_SUFFIXES = ("-backed", "-led", "-linked", "-allied", "-affiliated", "-funded", "-supported", "-sponsored")
#: Beginnings of a modifier that names whom the actor is for or against ("anti-Assad", "pro-Russia").
_STANCE_PREFIXES = ("anti-", "pro-")
#: Heads that count or group the actor their "of" phrase names ("hundreds of UN troops", "members of X").
_PARTITIVE = frozenset({
    "hundreds", "thousands", "dozens", "scores", "tens", "millions", "number", "group", "members", "member",
    "some", "many", "most", "all", "several", "units", "unit", "contingent", "detachment", "battalion", "squad",
    "bunch", "band", "handful", "couple", "pair", "team", "crowd", "crowds", "delegation",
})
#: Reports this many days apart may still tell one event (a date read from "last week" is approximate).
_DATE_WINDOW = timedelta(days=3)


@dataclass(slots=True)
class EventDraft:
    """One report before merging: the mention with its actors and date resolved."""

    mention: EventMention
    source: str | None
    target: str | None
    source_code: str | None
    target_code: str | None
    place: str | None
    place_info: dict[str, Any] | None
    date: DateValue
    certainty: str


class _Actors:
    """Entities at argument phrases: the head's own mention first, then an apposition's."""

    def __init__(self, doc: Doc, entities: list[Entity], coder: ActorCoder) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.index = EntityIndex(entities)
        self.coder = coder
        self.mentions = sorted(
            ((m.span.start, m.span.end, e) for e in entities for m in e.mentions), key=lambda t: t[0]
        )
        self._codes: dict[str, str | None] = {}

    def code(self, entity: Entity) -> str | None:
        if entity.id not in self._codes:
            self._codes[entity.id] = self.coder.code_person(entity, self.text)
        return self._codes[entity.id]

    def covering(self, start: int, end: int) -> Entity | None:
        found = self.covering_mention(start, end)
        return found[2] if found else None

    def covering_mention(self, start: int, end: int) -> tuple[int, int, Entity] | None:
        for m_start, m_end, entity in self.mentions:
            if m_start >= end:
                break
            if m_end > start and entity.type in ACTOR_TYPES:
                return m_start, m_end, entity
        return None

    def previous_person(self, before: int) -> Entity | None:
        # "he": a person named within a couple of sentences before; one who was the subject of a
        # clause beats one named in passing, then the one the article names most, then the latest
        best: tuple[bool, int, int] | None = None
        found = None
        for m_start, m_end, entity in self.mentions:
            if m_start >= before:
                break
            if entity.type != "PERSON" or before - m_start >= _PRONOUN_WINDOW:
                continue
            span = self.doc.char_span(m_start, m_end, alignment_mode="expand")
            dep = span.root.dep_ if span is not None else ""
            if dep == "compound":
                continue
            key = (dep in ("nsubj", "nsubjpass"), len(entity.mentions), m_start)
            if best is None or key > best:
                best, found = key, entity
        return found

    def _own_words(self, arg: ArgSpan, head: str) -> list[tuple[int, int]]:
        """The ranges that may code an argument: its head and own modifiers, and the "of" phrase of a
        role word ("the head of Syria's intelligence"); not a phrase deep inside it."""
        if not arg.own:
            return [(arg.start, arg.end)]
        ranges = sorted(arg.own)
        if _names_by_of(head):
            ranges += arg.of
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            # neighbours read as one stretch of text: "anti-aircraft" is one word, not "anti - aircraft"
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _modifier_entity(self, arg: ArgSpan) -> tuple[int, int, Entity] | None:
        # "Iraqi forces", "Islamic State fighters": the actor named in the phrase's own modifiers, the one
        # nearest the head ("the Al Qaeda-linked Somali group": Somali), then in a role word's "of" phrase
        # ("the mayor of the West Bank city of Nablus"); a patron ("Iran-backed") is not it
        before = sorted(arg.own, reverse=True)
        head = self.text[arg.head_start : arg.head_end]
        for start, end in before + (arg.of if _names_by_of(head) else []):
            words = self.text[max(0, start - 5) : end].lower()
            if (start, end) == (arg.head_start, arg.head_end) or words.endswith(_PATRON_SUFFIXES) or any(
                p in words for p in _STANCE_PREFIXES
            ):
                continue
            found = self.covering_mention(start, end)
            if found is not None:
                return found
        return None

    def resolve(self, arg: ArgSpan, deep: bool = True) -> tuple[str | None, str | None]:
        """(entity id, actor code) of an argument; ``deep``: a place deep inside the phrase may give the country."""
        head = self.text[arg.head_start : arg.head_end]
        found = self.covering_mention(arg.head_start, arg.head_end)
        ranges = self._own_words(arg, head)
        from_modifier = False
        named_apart = found is None and (head.lower() in _PRONOUNS or any(
            self.index.at(s, e, ACTOR_TYPES) for s, e in arg.appos))
        if found is None and not named_apart:
            # an apposition ("the minister, Ali Ayoub") names the actor better than a modifier ("Syrian")
            found = self._modifier_entity(arg)
            from_modifier = found is not None
        entity = found[2] if found else None
        words = [self.text[s:e] for s, e in ranges]
        if found is not None and not from_modifier:
            # the rest of the phrase speaks of the entity; its name is not a place ("Hassan")
            words = [self.text[s : max(s, min(e, found[0]))] + " " + self.text[min(e, max(s, found[1])) : e] for s, e in ranges]
        phrase = " ".join(words)
        if entity is None and head.lower() in _PRONOUNS:
            entity = self.previous_person(arg.head_start)
        for start, end in arg.appos if entity is None else ():
            entity = self.index.at(start, end, ACTOR_TYPES)
            if entity is not None:
                break
        code = self.code(entity) if entity is not None else None
        if entity is None and _is_event_word(head):
            return None, None  # "offered official condolences": an act, not an actor
        if from_modifier:
            # "Iraqi forces": the phrase's role on the modifier's country (IRQMIL), not the country alone
            code = merge_codes(self.coder.code_phrase(phrase), code)
        elif code is None or code.startswith("---"):
            # the phrase may say more than the entity ("Iran's foreign minister, X")
            code = merge_codes(code, self.coder.code_phrase(phrase))
        if deep and entity is None and arg.own and (code is None or code.startswith("---")):
            # "the refineries in Iran", "a court in Guyana": a place deep inside the phrase says whose
            # ground it is, its country and nothing more (no role, no entity)
            deep = self.coder.code_phrase(self.text[arg.start : arg.end])
            code = merge_codes(code, deep[:3] if deep and not deep.startswith("---") else None)
        if arg.shared and (code is None or code.startswith("---")):
            shared = self.coder.code_phrase(" ".join(self.text[s:e] for s, e in arg.shared))
            code = merge_codes(code, shared[:3] if shared and not shared.startswith("---") else None)
        return (entity.id if entity else None), code


def _names_by_of(head: str) -> bool:
    """Whether a head's "of" phrase names its actor: a role word or a count ("the head of X", "hundreds of X")."""
    lowered = head.lower()
    return lowered in role_words() or lowered.removesuffix("s") in role_words() or lowered in _PARTITIVE or head[:1].isdigit()


def _is_event_word(word: str) -> bool:
    nouns = codebook().nouns
    word = word.lower()
    return word in nouns or word.removesuffix("s") in nouns or word.removesuffix("es") in nouns


def _certainty(doc: Doc, mention: EventMention) -> str:
    if mention.negated:
        return "negated"
    if mention.hypothetical:
        return "hypothetical"
    if mention.alleged:
        return "alleged"  # told as someone's allegation: "accused X of shelling", "reportedly", "according to"
    try:  # written by the certainty layer; events work without it
        from newsgraph.nlp.certainty import certainty_of
    except ImportError:
        return "asserted"
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return "asserted"
    label, _ = certainty_of(span)
    # a question asks whether the event happened: it is not told as fact
    return {"hedged": "hedged", "negated": "negated", "question": "hypothetical"}.get(label, "asserted")


def _date_mentions(doc: Doc, published: Any) -> list[tuple[int, DateValue]]:
    """(end, value) of every date the article writes that reads without an earlier event ("in 2011",
    "on Monday"), in reading order: a later "two days later" counts from the nearest of them."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            value = normalize_date(ent.text, published=published)
            if value.iso is not None:
                out.append((ent.end_char, value))
    return out


def _anchor(dated: list[tuple[int, DateValue]], before: int, previous: tuple[int, DateValue] | None) -> DateValue | None:
    """The date told last before ``before``: a date mention or the previous dated event."""
    at = bisect_right([end for end, _ in dated], before) - 1
    written = dated[at] if at >= 0 else None
    if previous is None or (written is not None and written[0] > previous[0]):
        return written[1] if written else None
    return previous[1]


def _draft(doc: Doc, mention: EventMention, actors: _Actors, places: ArticlePlaces, published: Any,
           previous: DateValue | None) -> list[EventDraft]:
    text = actors.text
    sources = [actors.resolve(a) for a in mention.sources] or [(None, None)]
    targets = [actors.resolve(a, deep=not mention.alt_targets) for a in mention.targets]
    if not any(entity or code and not code.startswith("---") for entity, code in targets) and mention.alt_targets:
        # "ties with Gondor's government", "military ties with Gondor": the prepositional object names the
        # actor the object does not
        alt = [actors.resolve(a) for a in mention.alt_targets]
        targets = alt if any(entity or code for entity, code in alt) else targets
    if not any(entity or code for entity, code in targets):
        targets = [actors.resolve(a) for a in mention.targets]
    targets = [t for t in targets if t[0] or t[1]]
    if not targets and (mention.lemma in _MUTUAL or mention.mutual) and len(sources) > 1:
        targets = list(sources)  # "the US, Russia and Switzerland met": each met the others
    # "X and Y attacked": allies listed together act together; they do not attack each other
    targets = targets or [(None, None)]
    date = UNKNOWN
    for start, end in mention.dates:
        date = normalize_date(text[start:end], published=published, previous=previous)
        if date.iso is not None:
            break
    place_id, spans, names = None, list(mention.places), [text[s:e] for s, e in mention.places]
    for start, end in mention.places:
        found = actors.index.at(start, end, _PLACE_TYPES)
        if found is not None:
            place_id = found.id
            break
    if place_id is None and mention.code in _VISITS:
        # a visit's destination is where it happened ("visited Tehran"); "Iran's minister" is no place
        for arg in mention.targets:
            if text[arg.head_end : arg.head_end + 2] in ("'s", "’s"):
                continue
            found = actors.covering(arg.head_start, arg.head_end)
            if found is not None and found.type in _PLACE_TYPES:
                place_id, spans, names = found.id, [], [found.name]
                break
    # places inside the doer's phrase or an apposition say where an actor is, not where the event was
    described = [(a.start, a.end) for a in mention.sources]
    described += [r for a in mention.sources + mention.targets for r in a.appos]
    place_info, named = places.place_of(mention.trigger_start, spans, names, described)
    if named is not None:
        # the place its sentence states may be another than the parse's: the entity is the one named there
        found = actors.index.at(*named, _PLACE_TYPES)
        place_id = found.id if found is not None else place_id if spans and named in spans else None
    certainty = _certainty(doc, mention)
    drafts = []
    seen: set[tuple[str | None, str | None]] = set()
    for source, source_code in sources:
        for target, target_code in targets:
            if source is None and source_code is None and target is None and target_code is None:
                if _agentless(mention, place_info, date):
                    victims = _VICTIMS_CODE if _victims(text, mention) else None
                    drafts.append(EventDraft(mention, None, None, None, victims, place_id, place_info, date, certainty))
                continue
            pair = (source or source_code, target or target_code)
            if pair in seen:
                continue  # "Syrian diplomats and officials met X": one coding, not two
            seen.add(pair)
            # "Georgian demonstrators ... the Georgian government": one country named, two actors
            if source is not None and source == target and source_code == target_code or source is None and target is None and source_code == target_code:
                continue
            if mention.code == "010" and target is None and target_code is None:
                continue  # "X said": a quote, which the quotes layer keeps
            if mention.code in ("112", "015") and mention.lemma in SAYING and source is None and source_code is None:
                continue  # "one of the stories says that X seized Y": no accuser; the deed stays, alleged
            drafts.append(EventDraft(mention, source, target, source_code, target_code, place_id, place_info, date, certainty))
    if mention.mutual:
        # "X held talks with Y": Y negotiated with X as much as X with Y
        for draft in list(drafts):
            pair = (draft.target or draft.target_code, draft.source or draft.source_code)
            if None in pair or pair in seen:
                continue
            seen.add(pair)
            drafts.append(EventDraft(mention, draft.target, draft.source, draft.target_code, draft.source_code,
                                     place_id, place_info, date, certainty))
    return drafts


#: Words for the people force is used on when the text names no one who used it ("dozens of people were
#: killed", "five women and a child died"): civilians, as CAMEO codes them. Where a doer is named, the
#: codebook's own role words decide, as before.
_VICTIM_WORDS = frozenset({"people", "person", "persons", "women", "woman", "children", "child", "residents",
                           "villagers", "civilian", "civilians", "family", "families"})
_VICTIMS_CODE = "---CVL"


def _victims(text: str, mention: EventMention) -> bool:
    return any(text[a.head_start : a.head_end].lower() in _VICTIM_WORDS for a in mention.targets)


def _agentless(mention: EventMention, place_info: dict[str, Any] | None, date: DateValue) -> bool:
    """Force told without a doer or a coded victim is still news when the text says where or when
    ("a car bomb exploded in Raqqa on Monday"); without either it says too little to keep."""
    return mention.code[:2] in _FORCE and not mention.negated and (
        bool(place_info and not place_info.get("inferred")) or date.iso is not None
    )


def _compatible(a: str | None, b: str | None) -> bool:
    """Two actor codes that may name one actor: equal, one unknown, or one a country-less "---MIL" of the other."""
    if a is None or b is None or a == b:
        return True
    if a.startswith("---") or b.startswith("---"):
        return a[3:] == b[3:] or not a[3:] or not b[3:]
    return a.startswith(b) or b.startswith(a)


def _same_actors(a: EventDraft, b: EventDraft) -> bool:
    if a.source and b.source and a.source != b.source or a.target and b.target and a.target != b.target:
        return False
    return _compatible(a.source_code, b.source_code) and _compatible(a.target_code, b.target_code)


def _loosely_same(a: EventDraft, b: EventDraft, headline: int) -> bool:
    """Reports that tell one event in other words: a headline and the body ("Commander Meets Minister",
    "the minister met the commander"), or one use of force and its result in the same sentence
    ("attacked a convoy, killing 14 soldiers")."""
    if a.mention is b.mention or a.mention.code[:2] != b.mention.code[:2]:
        return False
    if a.mention.start < headline or b.mention.start < headline:
        if a.mention.code != b.mention.code:
            return False  # a headline's "meets" is the body's meeting, not the visit around it
        if _same_actors(a, b):
            return True
        swapped = EventDraft(b.mention, b.target, b.source, b.target_code, b.source_code, b.place, b.place_info, b.date, b.certainty)
        return a.mention.code[:2] in _SYMMETRIC and _same_actors(a, swapped)
    overlap = a.mention.start < b.mention.end and b.mention.start < a.mention.end
    same_source = (a.source or a.source_code) is not None and (a.source, a.source_code) == (b.source, b.source_code)
    return a.mention.code[:2] in _FORCE and overlap and same_source and _compatible(a.target_code, b.target_code)


def _headline_end(text: str) -> int:
    """Where the headline ends: the first line, where it reads as a title (no closing full stop)."""
    first = text.split("\n", 1)[0]
    return len(first) if "\n" in text and first.strip() and not first.rstrip().endswith((".", ":")) else 0


def _same_event(a: EventDraft, b: EventDraft, headline: int = 0) -> bool:
    if a.mention.code[:2] != b.mention.code[:2]:
        return False
    if (a.source or a.source_code) != (b.source or b.source_code) or (a.target or a.target_code) != (b.target or b.target_code) or not (
        _compatible(a.source_code, b.source_code) and _compatible(a.target_code, b.target_code)
    ):  # one country named for two actors ("Georgian demonstrators", "the Georgian government") is two actors
        return _loosely_same(a, b, headline) and _dates_agree(a, b)
    return _place_and_date_agree(a, b)


def _dates_agree(a: EventDraft, b: EventDraft) -> bool:
    if a.date.day and b.date.day:
        return abs(a.date.day - b.date.day) <= _DATE_WINDOW
    return True


def _place_and_date_agree(a: EventDraft, b: EventDraft) -> bool:
    if a.place and b.place and a.place != b.place:
        return False
    if a.date.day and b.date.day:
        return abs(a.date.day - b.date.day) <= _DATE_WINDOW
    return True


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
    actors = _Actors(doc, entities, coder or _default_coder())
    published = parse_anchor(article.published)
    if published is None:
        # an article without a stated date is dated by its dateline ("DAMASCUS, 10 March 2024 -")
        found = dateline_date(doc)
        value = normalize_date(actors.text[found[0] : found[1]]) if found else UNKNOWN
        published = value.day if value.precision == "day" else None
    dated = _date_mentions(doc, published)
    headline = _headline_end(actors.text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    places = ArticlePlaces(actors.text, entities, sentences)
    previous: tuple[int, DateValue] | None = None
    groups: list[list[EventDraft]] = []
    for mention in sorted(mentions, key=lambda m: m.trigger_start):
        before = min((s for s, _ in mention.dates), default=mention.trigger_start)
        drafts = _draft(doc, mention, actors, places, published, _anchor(dated, before, previous))
        for draft in drafts:
            if draft.date.iso is not None:
                previous = (mention.trigger_start, draft.date)
            # only events told as happened are merged with others: "could attack" is not "attacked"
            home = next((g for g in groups if g[0].certainty == draft.certainty and _same_event(g[0], draft, headline)), None)
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
