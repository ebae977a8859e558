"""The typed records nlp/ components write to ``doc._`` (declared in ``extensions.py``) for facts/ to read.

A record holds character offsets and the few readings of the parse that facts/ decides on, never a
spaCy token: facts/ can then be tested with hand-made records, without the trained pipeline. So far
the quote layer writes records (``Attribution``); names, roles, events and quantities still hand
facts/ their own span types (see the report in the issue for what is left).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Attribution", "CharRange", "SourceWord"]

CharRange = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SourceWord:
    """The head word of an attribution's source phrase, with what deciding the speaker reads of its parse.

    For a relative pronoun ("Mackey, who says ..."), the noun the relative clause is about, and
    ``relative`` set: that word, not the source phrase, then stands for the speaker."""

    start: int
    end: int
    text: str
    lower: str
    lemma: str  # lower-cased
    plural: bool  # a plural noun ("reports"): not one document
    determined: bool  # "the", "this" or "that" before it: it points back ("the report", "the analyst")
    owner: str | None  # a noun possessor, lower-cased ("the Institute's report": "institute")
    apposed: tuple[int, ...]  # start offsets of the words in apposition with it ("the Minister, Ali Ayoub")
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as ``doc._.ng_quotes`` holds it: who (source), how (cue), what (content).

    ``parts`` are the pieces of what was said (never empty); ``certainty`` is decided once, by the
    layer: the cue's own (a denial, a guess, a question), else the content's wording."""

    content: CharRange
    parts: tuple[CharRange, ...]
    cue: CharRange | None
    source: CharRange | None
    speaker: SourceWord | None  # None when no source phrase is named
    direct: bool
    cue_lemma: str | None
    certainty: str
    nested: bool = False
