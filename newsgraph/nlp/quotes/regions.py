"""Quotations in the text: where quotation marks open and close, and a lookup by character."""

from __future__ import annotations

import bisect
import re

from newsgraph.nlp.quotes.spans import Range, overlaps

#: ``''`` is the straight double quote of Penn Treebank-style and some wire copy
_QUOTE_MARKS = re.compile(r"''|[“”\"«»\n]")
_CLOSERS = {"“": "”", "«": "»", '"': '"', "''": "''"}


def find_quoted(text: str) -> list[Range]:
    """Character ranges of quotations, quote marks included, in text order.

    Straight quotes pair up in order; a quotation still open at the end of a paragraph ends there
    (news style leaves the closing mark off a quotation that runs on into the next paragraph)."""
    regions: list[Range] = []
    open_at: int | None = None
    closer = ""
    for match in _QUOTE_MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if open_at is not None:
                end = at  # where the text before the line break stops being space, without copying it
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                if end > open_at + 1:
                    regions.append((open_at, end))
                open_at = None
            continue
        if open_at is None:
            if mark in ("“", "«", '"', "''"):
                open_at, closer = at, _CLOSERS[mark]
            continue
        if mark == closer:
            regions.append((open_at, at + len(mark)))
            open_at = None
        elif mark in "“«":  # a new opening mark before the close: the earlier one was stray
            open_at, closer = at, _CLOSERS[mark]
    if open_at is not None and len(text.rstrip()) > open_at + 1:
        regions.append((open_at, len(text.rstrip())))
    return regions


class Regions:
    """Quotation ranges with fast lookup by character."""

    def __init__(self, ranges: list[Range]) -> None:
        self.ranges = ranges
        self._starts = [r[0] for r in ranges]

    def overlapping(self, span: Range) -> list[Range]:
        """The ranges sharing a character with ``span``, in order (the ranges do not overlap)."""
        first = max(0, bisect.bisect_right(self._starts, span[0]) - 1)
        last = bisect.bisect_left(self._starts, span[1])
        return [r for r in self.ranges[first:last] if overlaps(r, span)]

    def at(self, char: int) -> int | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.ranges[i][0] <= char < self.ranges[i][1]:
            return i
        return None
