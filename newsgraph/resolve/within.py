"""Within one article, group the mentions that name the same entity.

People are matched part by part on phonetic keys (:mod:`newsgraph.resolve.names`): full
names first, then partial ones ("Assad", "Mr Ellwood", "بشار الأسد") attach to the single
full name they fit. Ambiguity is resolved by doing nothing: "Ali" with two Alis in the
article stays on its own, because a wrong merge corrupts every fact attached to it while
a missed merge only leaves two entries. Other types merge only on equal normalised text
or equal variant keys.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from unidecode import unidecode

from newsgraph.resolve.arabic import has_arabic
from newsgraph.resolve.names import ParsedName, name_key, parse_name, strip_possessive

__all__ = ["NameCluster", "NameMention", "resolve_names"]

logger = logging.getLogger(__name__)

_PERSON = "PERSON"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PUNCT = re.compile(r"[.,'’ʼ\"“”()\[\]]")
# Variant keys shorter than this are too unspecific to merge different spellings on.
_MIN_VARIANT_KEY = 4


@dataclass(frozen=True, slots=True)
class NameMention:
    """One name as written in the article, with its already-decided entity type."""

    text: str
    type: str


@dataclass(slots=True)
class NameCluster:
    """Mentions (indices into the input) that name one entity; ``canonical`` is its fullest name."""

    canonical: str
    type: str
    members: list[int] = field(default_factory=list)


@dataclass(slots=True)
class _Person:
    parts: tuple[str, ...]
    members: list[int]


def resolve_names(mentions: Sequence[NameMention]) -> list[NameCluster]:
    """Partition ``mentions`` into clusters, one per entity; every index is in exactly one cluster.

    Clusters come out in the order of their first mention; members are in input order.
    """
    by_type: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_type.setdefault(mention.type, []).append(index)
    clusters: list[NameCluster] = []
    for entity_type, indices in by_type.items():
        groups = _people(mentions, indices) if entity_type == _PERSON else _others(mentions, indices)
        for members in groups:
            members.sort()
            clusters.append(NameCluster(_canonical(mentions, members, entity_type), entity_type, members))
    clusters.sort(key=lambda cluster: cluster.members[0])
    logger.debug("resolved %d mentions into %d clusters", len(mentions), len(clusters))
    return clusters


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    remaining = iter(long)
    return all(part in remaining for part in short)


def _people(mentions: Sequence[NameMention], indices: list[int]) -> list[list[int]]:
    parsed = {index: parse_name(mentions[index].text) for index in indices}
    groups: list[list[int]] = []
    people: list[_Person] = []
    by_parts: dict[tuple[str, ...], _Person] = {}
    by_compact: dict[str, _Person] = {}
    unnamed: dict[str, list[int]] = {}

    def new_person(index: int, name: ParsedName) -> None:
        person = _Person(name.parts, [index])
        people.append(person)
        groups.append(person.members)
        by_parts[name.parts] = person
        by_compact.setdefault(name.compact, person)

    # Fullest names first, Latin before Arabic script, so later partial names find them.
    full = sorted((i for i in indices if len(parsed[i].parts) >= 2 and not parsed[i].descriptive),
                  key=lambda i: (-len(parsed[i].parts), parsed[i].arabic, -len(parsed[i].text), i))
    for index in full:
        name = parsed[index]
        person = by_parts.get(name.parts) or by_compact.get(name.compact)
        if person is None:
            # "Bashar Assad" for "Bashar Hafez al-Assad": same first and last part, nothing contradicting.
            fits = [p for p in people if p.parts[0] == name.parts[0] and p.parts[-1] == name.parts[-1]
                    and _is_subsequence(name.parts, p.parts)]
            person = fits[0] if len(fits) == 1 else None
        if person is None:
            new_person(index, name)
        else:
            person.members.append(index)

    singles: dict[str, list[int]] = {}
    for index in indices:
        name = parsed[index]
        if len(name.parts) >= 2 and not name.descriptive:
            continue
        if not name.parts or name.descriptive:
            # Only a title ("the President") or a description: group identical wording only.
            unnamed.setdefault(_normalise(name.text), []).append(index)
            continue
        key = name.parts[0]
        person = by_compact.get(name.compact) if len(name.compact) >= _MIN_VARIANT_KEY else None
        if person is None:
            surname = [p for p in people if p.parts[-1] == key]
            # A lone part is a surname or a first name; a middle name alone is too weak a cue.
            given = [p for p in people if p.parts[0] == key]
            if len(surname) == 1:
                person = surname[0]
            elif not surname and len(given) == 1:
                person = given[0]
            elif surname or given:
                groups.append([index])  # ambiguous: several people carry this name
                continue
        if person is None:
            singles.setdefault(key, []).append(index)
        else:
            person.members.append(index)
    groups.extend(singles.values())
    groups.extend(unnamed.values())
    return groups


def _normalise(text: str) -> str:
    text = strip_possessive(" ".join(text.split()))
    text = _LEADING_THE.sub("", text)
    if not has_arabic(text):
        text = unidecode(text)
    return " ".join(_PUNCT.sub("", text).lower().split())


def _variant_key(text: str) -> str:
    keys = [name_key(token) for token in _normalise(text).split()]
    return "".join(key.replace("abd:", "BD").replace("abu:", "B") for key in keys if key)


def _others(mentions: Sequence[NameMention], indices: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    by_text: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for index in indices:
        text = _normalise(mentions[index].text)
        key = _variant_key(mentions[index].text)
        group = by_text.get(text)
        if group is None and len(key) >= _MIN_VARIANT_KEY:
            group = by_key.get(key)
        if group is None:
            group = []
            groups.append(group)
        group.append(index)
        by_text.setdefault(text, group)
        if len(key) >= _MIN_VARIANT_KEY:
            by_key.setdefault(key, group)
    return groups


def _canonical(mentions: Sequence[NameMention], members: list[int], entity_type: str) -> str:
    def clean(index: int) -> str:
        text = mentions[index].text
        if entity_type == _PERSON:
            return parse_name(text).text
        return _LEADING_THE.sub("", strip_possessive(" ".join(text.split())))

    def rank(index: int) -> tuple[bool, int, bool, int, int]:
        text = clean(index)
        parts = len(parse_name(text).parts) if entity_type == _PERSON else 0
        # a dateline's "DAMASCUS" is the same place as "Damascus", but not how to name it
        shouting = len(text) > 4 and text.isupper()
        return (not has_arabic(text), parts, not shouting, len(text), -index)

    return clean(max(members, key=rank))
