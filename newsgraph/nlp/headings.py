"""Find heading lines: titles and crossheads written in Title Case.

In a heading every word is capitalised, so the statistical NER reads "Soleimani Saved" or
"Fate" as names. Knowing which lines are headings lets the name layer demand evidence from
the body before it believes a heading's entities.

Other short capitalised lines are not headings, and their names stand on their own:
- data lines: a dateline ("LOS ANGELES 2025-03-02"), a result or a table row ("Hull 2
  Leeds 1") ends or starts with a number or holds two or more;
- bylines and credits: "By Sarah Jones", "Reporting by ...; Editing by ...";
- sentence-case lines such as photo captions ("Foreign Minister Ali Rezaei speaks to
  reporters in Tehran"): a Title Case heading leaves only small words ("of", "are") in lower case;
- a line's parts are judged apart ("Sample Weekly | 3 May 2025", "Postponed : Hull v Leeds"),
  and so are the items of a list ("Ian Hale, Tom Rix, Dean Ward");
- lines of names only ("Karim Haddad", "Lebanon at Jordan"): the name layer decides those,
  since it takes the recogniser's entities to know (see ``names_only``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["dateline_places", "find_headings", "is_heading", "names_only"]

_WORD = re.compile(r"(?<![\w’'\-])[^\W\d_][\w’'\-]*")  # "th" of "50th" is no word
_NUMBER = re.compile(r"(?<![\w.])\d[\d.,:/\-]*(?![\w])")
_ENDS_WITH_NUMBER = re.compile(r"(?<![\w.])\d[\d.,:/\-]*[\s.)\-]*$")
_CREDIT = re.compile(r"^\s*by\s|\b(?:reporting|editing|writing|photos?|photograph|compiled|additional reporting)\s+by\b",
                     re.IGNORECASE)
# "SAN ANTONIO 2025-04-11", "AMMAN , Jordan , May 3": a place, perhaps its region, then the date
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\d,()]*?)(?:\s*,\s*(?P<region>[^\W\d_][^\d,()]*?))?\s*,?\s*"
    r"(?:\d{4}-\d\d-\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:\s*,\s*\d{4})?)\s*$"
)
_MAX_WORDS = 25
# Words a Title Case heading may leave in lower case; any other word in lower case makes a sentence.
_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "after",
          "like", "as", "but", "nor", "over", "into", "about", "via", "vs", "v", "is", "are", "was", "were",
          "be", "been", "not", "so", "yet", "up", "off", "out", "than", "per"}
# A line's parts are judged apart: "Levant Weekly | 3 May 2025", "Postponed : Hull v Leeds",
# "Panama - Jorge Luis Valdes ( 50th )".
_PARTS = re.compile(r"\||:\s| - ")
_LIST_COMMAS = 2


def _data_line(line: str) -> bool:
    numbers = list(_NUMBER.finditer(line))
    return len(numbers) >= 2 or bool(_ENDS_WITH_NUMBER.search(line)) or bool(numbers and not line[: numbers[0].start()].strip())


def _capitalised(text: str) -> bool:
    return all(w[0].isupper() for w in _WORD.findall(text) if w.lower() not in _SMALL)


def is_heading(line: str) -> bool:
    """A short line without final punctuation whose content words are all capitalised, and that is
    not a data line or a credit (see the module docstring)."""
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
    if any(not w[0].isupper() for w in content):
        return False
    return not (_data_line(stripped) or _CREDIT.search(stripped))


def names_only(line: str, names: Iterable[tuple[int, int]]) -> bool:
    """Whether every content word of ``line`` lies inside one of ``names`` (offsets into the line)."""
    inside = list(names)
    content = [m for m in _WORD.finditer(line) if m.group().lower() not in _SMALL]
    return bool(content) and all(any(s <= m.start() and m.end() <= e for s, e in inside) for m in content)


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character ranges of the places that open datelines ("SAN ANTONIO" and "Texas" of
    "SAN ANTONIO , Texas 2025-04-11")."""
    ranges = []
    offset = 0
    for line in text.split("\n"):
        match = _DATELINE.match(line)
        if match:
            ranges += [(offset + match.start(g), offset + match.end(g)) for g in ("place", "region") if match.group(g)]
        offset += len(line) + 1
    return ranges


def find_headings(text: str) -> list[tuple[int, int]]:
    """Character ranges of the heading lines (or parts of lines) of ``text``. The last line is
    none: a heading heads something, so a text of one line is all body."""
    last_line = len(text.rstrip()) - len(text.rstrip().rsplit("\n", 1)[-1])
    ranges = []
    offset = 0
    for line in text.split("\n"):
        part_start = offset
        parts = _PARTS.split(line)
        items = [item for part in parts for item in part.split(",")]
        if len(items) > _LIST_COMMAS and all(_capitalised(item) for item in items):
            parts = items  # "Ian Hale, Tom Rix, Dean Ward": a list, judged item by item
        for part in parts:
            part_start = offset + line.index(part, part_start - offset)
            if is_heading(part):
                ranges.append((part_start, part_start + len(part)))
            part_start += len(part)
        offset += len(line) + 1
    return [(start, end) for start, end in ranges if start < last_line]
