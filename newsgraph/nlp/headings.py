"""Find heading lines: titles and crossheads written in Title Case.

In a heading every word is capitalised, so the statistical NER reads "Soleimani Saved" or
"Fate" as names. Knowing which lines are headings lets the name layer demand evidence from
the body before it believes a heading's entities.
"""

from __future__ import annotations

import re

__all__ = ["find_headings", "is_heading"]

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_MAX_WORDS = 25
_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "after",
          "like", "as", "but", "nor", "over", "into", "about", "via", "vs"}


def is_heading(line: str) -> bool:
    """A short line without final punctuation whose content words are (nearly) all capitalised."""
    stripped = line.strip()
    if not stripped or stripped[-1] in ".:;,\"”" or "\n" in stripped:
        return False
    words = _WORD.findall(stripped)
    latin = [w for w in words if w[0].isascii()]
    if not latin or len(words) > _MAX_WORDS:
        return False
    content = [w for w in latin if w.lower() not in _SMALL]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def find_headings(text: str) -> list[tuple[int, int]]:
    """Character ranges of the heading lines of ``text``."""
    ranges = []
    offset = 0
    for line in text.split("\n"):
        if is_heading(line):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges
