"""Where sources disagree: numbers claimed about the same thing, side by side.

Claims are grouped by what they are about and what they count ("Badr Organization", "fighter"). A
group with two claims or more is a comparison; it is a conflict when the ranges the claims allow
cannot all hold at once ("14 soldiers" against "18 soldiers"), and consistent when they can
("6,000 fighters" and "more than 4,000 soldiers" of one unit both allow 6,000).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

__all__ = ["Comparison", "claim_range", "compare_claims", "unit_class"]

#: How far "about" and "nearly" may stray from the number they qualify.
_ROUGHLY = 0.15


class Claim(Protocol):
    value: float
    value_max: float | None
    qualifier: str | None
    unit: str | None
    about: str | None


def claim_range(claim: Claim) -> tuple[float, float]:
    """The values a claim allows: "more than 10,000" -> (10000, inf), "about 3,000" -> (2550, 3450)."""
    low, high = claim.value, claim.value_max if claim.value_max is not None else claim.value
    qualifier = (claim.qualifier or "exact").lower()
    if qualifier in ("more than", "at least"):
        return low, math.inf
    if qualifier in ("less than", "at most", "up to"):
        return 0.0, high
    if qualifier == "nearly":
        return low * (1 - _ROUGHLY), high
    if qualifier == "about":
        return low * (1 - _ROUGHLY), high * (1 + _ROUGHLY)
    return low, high


@dataclass(frozen=True, slots=True)
class Comparison:
    about: str
    unit: str
    claims: list[Any]
    conflicting: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about, "unit": self.unit, "conflicting": self.conflicting,
            "claims": [c.to_dict() if hasattr(c, "to_dict") else c for c in self.claims],
        }


@cache
def _unit_classes() -> dict[str, str]:
    text = resources.files("newsgraph.data.cues").joinpath("unit_classes.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {unit.strip(): kind.strip() for unit, kind in rows}


def unit_class(unit: str) -> str:
    """What a counted noun measures: "soldier" and "fighter" both count a force's "strength"."""
    return _unit_classes().get(unit.lower(), unit.lower())


def compare_claims(claims: Iterable[Claim]) -> list[Comparison]:
    """Groups of two or more claims about the same entity and kind of count, conflicts first."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.about and claim.unit:
            groups[claim.about, unit_class(claim.unit)].append(claim)
    comparisons = []
    for (about, unit), members in groups.items():
        if len(members) < 2:
            continue
        ranges = [claim_range(c) for c in members]
        conflicting = max(low for low, _ in ranges) > min(high for _, high in ranges)
        comparisons.append(Comparison(about, unit, members, conflicting))
    comparisons.sort(key=lambda c: (not c.conflicting, c.about, c.unit))
    return comparisons
