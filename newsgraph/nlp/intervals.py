"""Character ranges searched by position, not scanned one by one.

Quotes are compared with quotes (is this cue inside that content? does this quotation overlap one
already claimed?). Done pair by pair, an article of a few thousand attributions costs millions of
comparisons. Sorted by start, with the running maximum of their ends, the ranges that overlap or
contain a query are found by a binary search and a walk back that stops as soon as no earlier
range reaches the query.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = ["Intervals"]

T = TypeVar("T")
Range = tuple[int, int]


class Intervals(Generic[T]):
    """Ranges, each with a value, fixed at construction. Ranges are ``(start, end)``, end exclusive."""

    def __init__(self, items: Iterable[tuple[Range, T]]) -> None:
        self._items = sorted(items, key=lambda item: item[0][0])
        self._starts = [item[0][0] for item in self._items]
        self._reach = list(accumulate((item[0][1] for item in self._items), max))

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[Range, T]]:
        """The items sharing a character with ``start..end``."""
        j = bisect.bisect_left(self._starts, end) - 1
        while j >= 0 and self._reach[j] > start:
            item = self._items[j]
            if item[0][1] > start:
                yield item
            j -= 1

    def containing(self, start: int, end: int) -> Iterator[tuple[Range, T]]:
        """The items whose range holds all of ``start..end``."""
        j = bisect.bisect_right(self._starts, start) - 1
        while j >= 0 and self._reach[j] >= end:
            item = self._items[j]
            if item[0][1] >= end:
                yield item
            j -= 1

    def any_overlapping(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None
