"""One report of an event before merging: the mention with its actors, place, date and certainty resolved."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsgraph.facts.events.actors import Actors
from newsgraph.facts.places import ArticlePlaces
from newsgraph.model import Certainty
from newsgraph.nlp.dates import UNKNOWN, DateValue, normalize_date
from newsgraph.nlp.events import FORCE, SAYING, EventMention

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_VISITS = frozenset({"042", "044"})
#: Acts that a list of subjects without an object did with each other ("X and Y met", "X and Y clashed").
_MUTUAL = frozenset({
    "meet", "meeting", "talk", "negotiate", "negotiation", "confer", "consult", "clash", "fight", "fighting",
    "battle", "skirmish",
})


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
    certainty: Certainty


#: The certainty layer's label of an event's clause -> the event's; a question asks whether the event
#: happened: it is not told as fact
_OF_CLAUSE = {"hedged": Certainty.HEDGED, "negated": Certainty.NEGATED, "question": Certainty.HYPOTHETICAL}


def _certainty(mention: EventMention) -> Certainty:
    if mention.negated:
        return Certainty.NEGATED
    if mention.hypothetical:
        return Certainty.HYPOTHETICAL
    if mention.alleged:
        return Certainty.ALLEGED  # told as someone's allegation: "accused X of shelling", "reportedly", "according to"
    return _OF_CLAUSE.get(mention.clause_certainty, Certainty.ASSERTED)


def date_mentions(doc: Doc, published: Any) -> list[tuple[int, DateValue]]:
    """(end, value) of every date the article writes that reads without an earlier event ("in 2011",
    "on Monday"), in reading order: a later "two days later" counts from the nearest of them."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            value = normalize_date(ent.text, published=published)
            if value.iso is not None:
                out.append((ent.end_char, value))
    return out


def anchor(dated: list[tuple[int, DateValue]], before: int, previous: tuple[int, DateValue] | None) -> DateValue | None:
    """The date told last before ``before``: a date mention or the previous dated event."""
    at = bisect_right([end for end, _ in dated], before) - 1
    written = dated[at] if at >= 0 else None
    if previous is None or (written is not None and written[0] > previous[0]):
        return written[1] if written else None
    return previous[1]


def drafts_of(doc: Doc, mention: EventMention, actors: Actors, places: ArticlePlaces, published: Any,
           previous: DateValue | None) -> list[EventDraft]:
    text = actors.text
    sources = [actors.resolve(a) for a in mention.sources] or [(None, None)]
    targets = [actors.resolve(a, deep=not mention.alt_targets) for a in mention.targets]
    if not any(entity or code and not code.startswith("---") for entity, code in targets) and mention.alt_targets:
        # "ties with Gondor's government", "military ties with Gondor": the prepositional object names the
        # actor the object does not
        alt = [actors.resolve(a) for a in mention.alt_targets]
        targets = alt if any(entity or code for entity, code in alt) else targets
    if mention.alt_targets and not any(entity or code for entity, code in targets):
        targets = [actors.resolve(a) for a in mention.targets]  # deep after all (without alt_targets it was)
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
    certainty = _certainty(mention)
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
    return mention.code[:2] in FORCE and not mention.negated and (
        bool(place_info and not place_info.get("inferred")) or date.iso is not None
    )
