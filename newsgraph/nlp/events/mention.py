"""The records the event layer writes: an ``EventMention`` per trigger, its arguments as ``ArgSpan``s."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ArgSpan:
    """An argument phrase: ``start``/``end`` cover the phrase, ``head_*`` its head word;
    ``appos`` holds the character ranges of appositions ("the minister, Ali Ayoub,")."""

    start: int
    end: int
    head_start: int
    head_end: int
    appos: list[tuple[int, int]] = field(default_factory=list)
    #: modifiers a coordinated noun shares with its neighbour ("Syrian" for "officials" in
    #: "Syrian diplomats and officials"): they name its country when it names none itself
    shared: list[tuple[int, int]] = field(default_factory=list)
    #: the head and its own modifiers ("Iraqi", "Russian military", "Iran's"): what may code the actor,
    #: unlike a phrase deep inside ("full control of the city's university" names no actor)
    own: list[tuple[int, int]] = field(default_factory=list)
    #: the head's own "of", "from" and "in" phrases, which code a role word ("the head of Syria's intelligence")
    of: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class EventMention:
    """One trigger with what the parse says about it. Offsets are characters of ``doc.text``."""

    code: str
    lemma: str
    pos: str  # VERB | NOUN
    trigger_start: int
    trigger_end: int
    start: int  # the clause that is the evidence
    end: int
    sources: list[ArgSpan] = field(default_factory=list)
    targets: list[ArgSpan] = field(default_factory=list)
    #: prepositional objects to fall back on when ``targets`` name no actor ("signed a protocol with X")
    alt_targets: list[ArgSpan] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)
    dates: list[tuple[int, int]] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    #: told as alleged, not asserted: accused of, claimed, "reportedly", "according to X", "X said Y bombed Z"
    alleged: bool = False
    #: the trigger (character range) of the accusation, claim or statement that alleges it, where coded
    reported_by: tuple[int, int] | None = None
    #: done by both sides, each the other's counterpart ("held talks with X")
    mutual: bool = False
    #: the certainty layer's label of the evidence clause (``start``..``end``), read once by the layer;
    #: left "asserted" where the mention is negated, hypothetical or alleged, which decide first
    clause_certainty: str = "asserted"
