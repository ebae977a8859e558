"""Date expressions -> ISO dates with a stated precision.

Absolute dates ("3 January 2020", "January 2020", "2012") keep the precision they are
written with. Relative ones are resolved against an anchor: "yesterday", "last week" or
"on Monday" against the article's publication date, "two days later" or "the next day"
against the previous dated event. What cannot be resolved comes back with ``iso=None``
and precision "unknown", never as a guess.

Precisions: day | week | month | year | decade | approximate | unknown ("approximate" is a
day-level date from a vague count: "a few days later").
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateValue", "PRECISIONS", "UNKNOWN", "normalize_date", "parse_anchor"]

log = logging.getLogger(__name__)

PRECISIONS = ("day", "week", "month", "year", "decade", "approximate", "unknown")


@dataclass(frozen=True, slots=True)
class DateValue:
    """``iso`` is YYYY-MM-DD, YYYY-MM or YYYY as precise as ``precision``; ``relative`` says an anchor was used."""

    iso: str | None
    precision: str
    relative: bool = False

    @property
    def day(self) -> date | None:
        """The date itself (first day of the month or year for coarser values)."""
        if self.iso is None:
            return None
        parts = [int(p) for p in self.iso.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


UNKNOWN = DateValue(None, "unknown")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
_VAGUE = {"a few": 3, "few": 3, "several": 4, "some": 3}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_ABSOLUTE = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b"),
    re.compile(r"\b(?P<decade>\d{3}0)s\b"),
    re.compile(rf"\b{_YEAR}\b"),
    re.compile(rf"(?:^|\b(?:in|since|until|by|early|late|mid|last|next|this)\s+){_MONTH}$"),
]
_COUNT = r"(?P<count>\d+|" + "|".join(sorted([*_NUMBERS, *_VAGUE], key=len, reverse=True)) + r")"
_OFFSET = re.compile(rf"\b{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|earlier|before|ago|afterwards)\b")
_UNIT_ONLY = re.compile(r"\b(?:a|one)?\s*(?P<unit>day|week|month|year)\s+(?P<dir>later|after|earlier|before|ago)\b")
_NEXT_DAY = re.compile(r"\bthe\s+(?P<which>next|following|previous|preceding|same)\s+(?P<unit>day|week|month|year|morning|evening|night)\b")
_DEICTIC = re.compile(r"\b(?P<which>last|this|next|past|coming)\s+(?P<unit>week|month|year|weekend)\b")
_WEEKDAY = re.compile(r"\b(?:(?P<which>last|next|this)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b")


def parse_anchor(value: str | None) -> date | None:
    """The date part of an ISO date or datetime string (an article's ``published``), or None."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _iso(day: date, precision: str) -> str:
    if precision in ("year", "decade"):
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(day: date, unit: str, amount: int) -> date:
    if unit == "month":
        return _add_months(day, amount)
    if unit == "year":
        return _add_months(day, 12 * amount)
    return day + timedelta(days=_UNIT_DAYS[unit] * amount)


def _absolute(text: str, anchor: date | None) -> DateValue | None:
    for pattern in _ABSOLUTE:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("decade"):
            return DateValue(groups["decade"], "decade")
        year = int(groups["year"]) if groups.get("year") else None
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get((groups.get("month") or "").lower())
        day = int(groups["day"]) if groups.get("day") else None
        relative = year is None
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
        if month is None:
            return DateValue(f"{year:04d}", "year")
        try:
            value = date(year, month, day or 1)
        except ValueError:
            continue
        # "On 3 March" in an article of February reads as last year's March: news reports the past.
        if relative and anchor is not None and value > anchor + timedelta(days=7):
            value = value.replace(year=year - 1) if not (month == 2 and (day or 1) == 29) else value
        precision = "day" if day else "month"
        return DateValue(_iso(value, precision), precision, relative)
    return None


def _count(word: str) -> tuple[int, bool]:
    word = word.lower()
    if word.isdigit():
        return int(word), True
    if word in _VAGUE:
        return _VAGUE[word], False
    return _NUMBERS.get(word, 1), True


def _offset(text: str, published: date | None, previous: DateValue | None) -> DateValue | None:
    match = _OFFSET.search(text) or _UNIT_ONLY.search(text)
    if match:
        exact = True
        amount = 1
        if "count" in match.groupdict() and match.groupdict().get("count"):
            amount, exact = _count(match["count"])
        unit, direction = match["unit"], match["dir"]
        sign = 1 if direction in ("later", "after", "afterwards") else -1
        base = published if direction == "ago" else (previous.day if previous and previous.iso else None)
        if base is None:
            return None
        precision = "day" if unit in ("day", "week") else unit
        if not exact:
            precision = "approximate" if unit == "day" else ("month" if unit == "week" else "year")
        elif direction != "ago" and previous is not None and previous.precision in ("month", "year", "decade"):
            precision = previous.precision if _rank(previous.precision) > _rank(precision) else precision
        return DateValue(_iso(_shift(base, unit, sign * amount), precision), precision, True)
    match = _NEXT_DAY.search(text)
    if match:
        if previous is None or previous.iso is None:
            return None
        unit = match["unit"] if match["unit"] in _UNIT_DAYS else "day"
        sign = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[match["which"]]
        precision = previous.precision if _rank(previous.precision) > _rank(unit) else ("day" if unit == "week" else unit)
        return DateValue(_iso(_shift(previous.day, unit, sign), precision), precision, True)  # type: ignore[arg-type]
    return None


def _rank(precision: str) -> int:
    return {"day": 0, "approximate": 1, "week": 1, "month": 2, "year": 3, "decade": 4}.get(precision, 5)


def _deictic(text: str, published: date | None) -> DateValue | None:
    if published is None:
        return None
    if re.search(r"\b(?:yesterday|last night)\b", text):
        return DateValue((published - timedelta(days=1)).isoformat(), "day", True)
    if re.search(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", text):
        return DateValue(published.isoformat(), "day", True)
    if re.search(r"\btomorrow\b", text):
        return DateValue((published + timedelta(days=1)).isoformat(), "day", True)
    match = _DEICTIC.search(text)
    if match:
        unit = "week" if match["unit"] == "weekend" else match["unit"]
        sign = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[match["which"]]
        day = _shift(published, unit, sign)
        if unit == "week":  # the Monday of that week stands for it
            day -= timedelta(days=day.weekday())
        return DateValue(_iso(day, unit), unit, True)
    match = _WEEKDAY.search(text)
    if match:
        target = _WEEKDAYS[match["weekday"]]
        if match["which"] == "next":
            days = (target - published.weekday()) % 7 or 7
            return DateValue((published + timedelta(days=days)).isoformat(), "day", True)
        # A bare weekday in news is the most recent one, up to a week back.
        days = (published.weekday() - target) % 7
        if match["which"] == "last" and days == 0:
            days = 7
        return DateValue((published - timedelta(days=days)).isoformat(), "day", True)
    return None


def normalize_date(
    text: str, *, published: date | str | None = None, previous: DateValue | None = None
) -> DateValue:
    """Read a date expression.

    ``published`` (the article's date) anchors deictic expressions ("yesterday", "on Monday",
    "last week"); ``previous`` (the date of the event told before) anchors sequence expressions
    ("two days later", "the next day"). Returns ``UNKNOWN`` when the text cannot be resolved."""
    anchor = parse_anchor(published) if isinstance(published, str) else published
    lowered = " ".join(text.lower().replace("’", "'").split())
    for reader in (
        lambda: _offset(lowered, anchor, previous),
        lambda: _absolute(lowered, anchor),
        lambda: _deictic(lowered, anchor),
    ):
        value = reader()
        if value is not None:
            return value
    log.debug("date %r not resolved", text)
    return UNKNOWN
