"""Numbers claimed about the same thing: grouped, and conflicts told from consistent claims."""

from __future__ import annotations

import math

from newsgraph.facts.disputes import claim_range, compare_claims
from newsgraph.model import Quantity


def claim(value: float, qualifier: str | None, unit: str = "soldier", about: str = "ent-unit") -> Quantity:
    return Quantity(value, qualifier, unit, about, None, 0, 1, "x")


def test_ranges_follow_the_qualifier():
    assert claim_range(claim(10000, "more than")) == (10000, math.inf)
    assert claim_range(claim(500, "up to")) == (0.0, 500)
    low, high = claim_range(claim(3000, "about"))
    assert low < 3000 < high


def test_different_exact_counts_conflict_and_compatible_ones_do_not():
    found = compare_claims([claim(14, None), claim(18, None), claim(20000, None, unit="fighter"),
                            claim(10000, "more than", unit="fighter")])
    assert [c.conflicting for c in found] == [True]  # soldiers and fighters count the same strength
    assert {c.value for c in found[0].claims} == {14, 18, 20000, 10000}
    apart = compare_claims([claim(14, None), claim(18, None), claim(20000, None, unit="refugee"),
                            claim(10000, "more than", unit="refugee")])
    assert [(c.unit, c.conflicting) for c in apart] == [("strength", True), ("displaced", False)]


def test_claims_about_different_things_are_not_compared():
    assert compare_claims([claim(14, None, about="ent-a"), claim(18, None, about="ent-b")]) == []
    assert compare_claims([claim(14, None, about=None), claim(18, None, about=None)]) == []  # type: ignore[arg-type]


def test_soldiers_and_fighters_of_one_unit_are_compared():
    found = compare_claims([claim(20000, None, unit="fighter"), claim(10000, "more than", unit="soldier")])
    assert len(found) == 1 and found[0].unit == "strength" and not found[0].conflicting
