"""Resolution across articles: the same person spelled differently in two articles is one entity.

Within an article, :mod:`newsgraph.resolve.within` groups mentions; entity ids then hash the
type and canonical name, so identical canonical names already meet in the store. This module
covers the rest: "Hasan Kadiri" in one outlet and "Hassan Qadiri" in another. A full name (two
parts or more) gets a match key from the phonetic keys of its parts; an entity whose key and
spelling agree with one stored entity takes that entity's id. Single names ("Assad") are never
linked across articles: which Assad an article means is the article's to say.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher

from unidecode import unidecode

from newsgraph.model import Analysis, Entity
from newsgraph.resolve.names import parse_name

__all__ = ["EVENT_DATE_WINDOW_DAYS", "dates_agree", "match_key", "names_alike", "relink", "same_reported_event"]

#: Two reports of one event may date it this many days apart ("on Monday" / "early this week").
EVENT_DATE_WINDOW_DAYS = 3

#: How alike each part of two spellings must look beyond sharing phonetic keys. Keys are coarse
#: on purpose (Hassan and Hussein share one), so the letters of every part must agree too:
#: Hasan/Hassan 0.91, Qasem/Qasim 0.8, Jawad/Javad 0.8, Mohammed/Muhammad 0.75, Hussein/Hassan 0.62.
_SIMILARITY = 0.7


def match_key(name: str, type_: str) -> str | None:
    """The key under which another article's entity may be the same one, or None (never linked)."""
    if type_ != "PERSON":
        return None
    parsed = parse_name(name)
    if len(parsed.parts) < 2 or parsed.descriptive:
        return None
    return " ".join(parsed.parts)


def _folded_parts(name: str) -> list[str]:
    return [unidecode(token).lower() for token in parse_name(name).tokens]


def names_alike(a: str, b: str) -> bool:
    """Whether two spellings look like one person's name, part by part ("Hasan Kadiri" ~ "Hassan Qadiri")."""
    first, second = _folded_parts(a), _folded_parts(b)
    return len(first) == len(second) and all(
        SequenceMatcher(None, x, y).ratio() >= _SIMILARITY for x, y in zip(first, second, strict=True)
    )


def relink(analysis: Analysis, mapping: dict[str, tuple[str, str]]) -> Analysis:
    """A copy of ``analysis`` whose entities ``old id -> (new id, stored name)`` take the stored
    entity's id and name; every reference (quotes, numbers, events) follows."""
    if not mapping:
        return analysis
    merged: dict[str, Entity] = {}
    for entity in analysis.entities:
        new_id, new_name = mapping.get(entity.id, (entity.id, entity.name))
        aliases = list(dict.fromkeys([*entity.aliases, entity.name] if new_name != entity.name else entity.aliases))
        moved = replace(entity, id=new_id, name=new_name, aliases=aliases)
        if new_id in merged:  # two of the article's entities turn out to be one stored entity
            kept = merged[new_id]
            kept.aliases = list(dict.fromkeys([*kept.aliases, *moved.aliases]))
            kept.roles = [*kept.roles, *moved.roles]
            kept.mentions = sorted([*kept.mentions, *moved.mentions], key=lambda m: m.span.start)
        else:
            merged[new_id] = moved

    def ref(entity_id: str | None) -> str | None:
        return mapping[entity_id][0] if entity_id in mapping else entity_id

    return replace(
        analysis,
        entities=list(merged.values()),
        quotes=[replace(q, speaker=ref(q.speaker)) for q in analysis.quotes],
        quantities=[replace(n, about=ref(n.about), source=ref(n.source)) for n in analysis.quantities],
        events=[replace(e, source=ref(e.source), target=ref(e.target), place=ref(e.place)) for e in analysis.events],
    )


def dates_agree(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates (of any precision: 2024, 2024-03, 2024-03-12) can be the same day
    within the window. An unknown date agrees with any date."""
    if not a or not b:
        return True
    if len(a) < 10 or len(b) < 10:  # year or month precision: the coarser must contain the finer
        shorter, longer = sorted((a, b), key=len)
        return longer.startswith(shorter)
    try:
        first, second = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    except ValueError:
        return a[:10] == b[:10]
    return abs((first - second).days) <= EVENT_DATE_WINDOW_DAYS


def same_reported_event(
    new: tuple[str, str | None, str | None, str | None, str | None],
    stored: tuple[str, str | None, str | None, str | None, str | None],
) -> bool:
    """Whether two reports, each ``(root code, source id, target id, place id, ISO date)``, tell of one
    event: the same code family, the same actors (at least one of them known), places and dates
    that do not disagree."""
    root, source, target, place, when = new
    s_root, s_source, s_target, s_place, s_when = stored
    if root != s_root or (source, target) != (s_source, s_target) or (source is None and target is None):
        return False
    if place and s_place and place != s_place:
        return False
    return dates_agree(when, s_when)
