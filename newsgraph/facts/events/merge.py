"""When two reports tell one event: the same CAMEO root, compatible actors, place and dates within a few days."""

from __future__ import annotations

from datetime import timedelta

from newsgraph.facts.events.drafts import FORCE, EventDraft

#: Roots where a list of subjects without an object acted on each other (meet, negotiate, fight).
_SYMMETRIC = frozenset({"04", "19"})
#: Reports this many days apart may still tell one event (a date read from "last week" is approximate).
_DATE_WINDOW = timedelta(days=3)


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
    return a.mention.code[:2] in FORCE and overlap and same_source and _compatible(a.target_code, b.target_code)


def headline_end(text: str) -> int:
    """Where the headline ends: the first line, where it reads as a title (no closing full stop)."""
    first = text.split("\n", 1)[0]
    return len(first) if "\n" in text and first.strip() and not first.rstrip().endswith((".", ":")) else 0


def same_event(a: EventDraft, b: EventDraft, headline: int = 0) -> bool:
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
