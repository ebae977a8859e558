"""Numeric claims for comparing across articles, tolls included.

The claim extractor gives a number a subject when the text ties one to it ("the Badr Organization's
10,000 fighters"); a toll rarely has one: "At least 56 people were killed in a stampede in Kerman".
Across articles such a toll is about the place where it happened, so a count of people with no
subject is read as a toll of that place when a toll word ("killed", "death toll", "wounding")
stands near it in its sentence: the nearest toll word says what it counts (deaths, wounded...),
the nearest place named in the sentence (a country is too wide) what it is about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import pycountry

__all__ = ["TOLL_CLASSES", "event_records", "is_country", "is_toll", "numeric_claims"]

#: What a toll counts (the classes of toll_cues.tsv, and unit_classes.tsv's casualties).
TOLL_CLASSES = frozenset({"deaths", "wounded", "missing", "displaced", "arrested", "casualties"})
#: Counted nouns that name no group: "56 people", "56 dead", a bare "56".
_GENERAL = frozenset({"", "people", "person", "killed", "dead", "victim", "casualty", "wounded", "injured"})
#: How far (in characters) a toll word may stand from the number it qualifies.
_NEAR = 40
_ALL = 1_000_000


@cache
def _table() -> list[tuple[str, str]]:
    text = resources.files("newsgraph.data.cues").joinpath("toll_cues.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [(word.strip(), kind.strip()) for word, kind in rows]


@cache
def _cues() -> dict[str, str]:
    return {word: kind for word, kind in _table() if kind != "counted"}


@cache
def _counted() -> frozenset[str]:
    return frozenset(word for word, kind in _table() if kind == "counted")


@cache
def _cue_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(map(re.escape, _cues()), key=len, reverse=True)) + r")\b", re.I)


def _toll_class(sentence: str, start: int, end: int) -> str | None:
    """The class of the toll word nearest the number at [start, end) of the sentence, if near enough."""
    best: tuple[int, str] | None = None
    for match in _cue_pattern().finditer(sentence):
        distance = max(match.start() - end, start - match.end(), 0)
        if distance <= _NEAR and (best is None or distance < best[0]):
            best = (distance, _cues()[match.group(1).lower()])
    return best[1] if best else None


def is_toll(unit: str) -> bool:
    """Whether a claim group's unit counts losses ("deaths", "deaths (civilian)", "wounded")."""
    return unit.split(" (", 1)[0] in TOLL_CLASSES


@cache
def is_country(name: str | None) -> bool:
    """Whether a place name is a country's: a war's toll in "Syria" is no toll of one incident."""
    if not name:
        return False
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def event_records(store: Any, about: str | None = None) -> list[Any]:
    """The store's events (merged across articles), ``about`` keeping those this entity id acts in."""
    return store.events(actor=about, limit=_ALL) if about else list(store.iter_events())


def numeric_claims(store: Any, about: str | None = None) -> list[Any]:
    """The store's numeric claims, tolls given their place as subject; ``about`` keeps those about
    this entity id."""
    contexts = store.claim_contexts()
    claims = []
    for claim in store.quantities(limit=_ALL):
        context = contexts.get(claim.id)
        if context is not None:
            claim = _as_toll(claim, context)
        if about is None or claim.about == about:
            claims.append(claim)
    return claims


def _as_toll(claim: Any, context: Any) -> Any:
    """The claim as a toll when a toll word qualifies it: "killing 120 fighters" counts losses,
    not a force's strength. A toll that names no subject is the toll of the nearest place."""
    noun = (claim.unit or "").lower()
    if noun and noun not in _counted():
        return claim  # a count of things that are not people ("3 houses") is no toll
    start, end = claim.start - context.sentence_start, claim.end - context.sentence_start
    kind = _toll_class(context.sentence, start, end)
    if kind is None:
        return claim
    # "9 children" and "58 people" count different groups: only counts of the same group compare.
    unit = kind if noun in _GENERAL else f"{kind} ({noun})"
    if claim.about is not None:
        # A country's toll sums a war, not one incident: compared with nothing.
        about = None if is_country(claim.about_name) else claim.about
        return replace(claim, unit=unit, about=about, about_name=claim.about_name if about else None)
    places = [p for p in context.places if not is_country(p[1])]
    if not places:
        return claim
    place = min(places, key=lambda p: abs(p[2] - start - context.sentence_start))
    return replace(claim, about=place[0], about_name=place[1], unit=unit)
