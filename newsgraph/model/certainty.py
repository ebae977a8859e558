"""How surely the article tells a sentence, a claim, a number or an event: one vocabulary for all of them."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Certainty"]


class Certainty(StrEnum):
    """A ``StrEnum``, so a member compares equal to, and serialises (JSON, SQLite, PostgreSQL) as, its value:
    the strings the schema (``schema/analysis.schema.json``) and stores already hold."""

    ASSERTED = "asserted"
    HEDGED = "hedged"  # "may", "reportedly", "it is believed"
    NEGATED = "negated"  # "did not", "denied"
    QUESTION = "question"  # asked, not told (sentences and quotes)
    HYPOTHETICAL = "hypothetical"  # "could attack", "if they attack"; an event in a question
    ALLEGED = "alleged"  # an event told as someone's allegation: "accused X of shelling"
