"""Publication dates from metadata, as ISO 8601 strings.

Feeds and exports write dates many ways; ``Article.published`` holds one: ISO 8601,
only as precise as the input ("2024", "2024-03", "2024-03-12", or a full datetime).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["iso_date"]

_YEAR_OR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d/%m/%Y", "%Y/%m/%d")


def iso_date(value: str) -> str:
    """Return ``value`` as an ISO 8601 date or datetime; ValueError when it is not a date."""
    value = value.strip()
    if _YEAR_OR_MONTH.match(value):
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(value).isoformat()  # RFC 2822, as in RSS feeds
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"not a recognisable date: {value!r}") from exc
