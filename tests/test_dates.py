"""Date normalisation: pure Python, no spaCy."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.nlp.dates import PRECISIONS, UNKNOWN, DateValue, normalize_date, parse_anchor

PUBLISHED = "2020-01-08"  # a Wednesday
PREVIOUS = DateValue("2012-03-01", "day")


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("3 January 2020", "2020-01-03", "day"),
        ("January 3, 2020", "2020-01-03", "day"),
        ("Jan. 3, 2020", "2020-01-03", "day"),
        ("2020-01-03", "2020-01-03", "day"),
        ("January 2020", "2020-01", "month"),
        ("in 2011", "2011", "year"),
        ("the 1990s", "1990", "decade"),
        ("January 3", "2020-01-03", "day"),
        ("March", "2019-03", "month"),  # a month after the publication date reads as last year's
        ("yesterday", "2020-01-07", "day"),
        ("today", "2020-01-08", "day"),
        ("on Monday", "2020-01-06", "day"),
        ("Wednesday", "2020-01-08", "day"),
        ("last week", "2019-12-30", "week"),
        ("last month", "2019-12", "month"),
        ("last year", "2019", "year"),
        ("three days ago", "2020-01-05", "day"),
        ("two days later", "2012-03-03", "day"),
        ("a few days later", "2012-03-04", "approximate"),
        ("the next day", "2012-03-02", "day"),
        ("a week later", "2012-03-08", "day"),
    ],
)
def test_normalize(text: str, iso: str, precision: str) -> None:
    value = normalize_date(text, published=PUBLISHED, previous=PREVIOUS)
    assert (value.iso, value.precision) == (iso, precision)


def test_relative_without_anchor_is_unknown() -> None:
    assert normalize_date("two days later") == UNKNOWN
    assert normalize_date("yesterday") == UNKNOWN
    assert normalize_date("the other day", published=PUBLISHED) == UNKNOWN


def test_later_keeps_a_coarse_anchor_coarse() -> None:
    value = normalize_date("two days later", previous=DateValue("2011", "year"))
    assert value.precision == "year" and value.iso == "2011"


def test_parse_anchor() -> None:
    assert parse_anchor("2020-01-08T10:00:00+00:00") == date(2020, 1, 8)
    assert parse_anchor("yesterday") is None
    assert parse_anchor(None) is None


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 40))
def test_offsets_count_from_the_anchor(anchor: date, days: int) -> None:
    value = normalize_date(f"{days} days ago", published=anchor)
    assert value.iso == (anchor - timedelta(days=days)).isoformat()
    later = normalize_date(f"{days} days later", previous=DateValue(anchor.isoformat(), "day"))
    assert later.iso == (anchor + timedelta(days=days)).isoformat()


@given(st.text(max_size=40), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_any_text_gives_a_known_precision(text: str, anchor: date) -> None:
    value = normalize_date(text, published=anchor)
    assert value.precision in PRECISIONS
    assert (value.iso is None) == (value.precision == "unknown")
