"""Events: who did what to whom, when and where, coded in CAMEO and PLOVER."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.model.certainty import Certainty
from newsgraph.model.span import Span

__all__ = ["Event"]


@dataclass(slots=True)
class Event:
    """One event report. ``source``/``target``/``place`` are entity ids; ``start``/``end``
    cover the evidence (the trigger's clause) in the article text."""

    id: str
    code: str  # full CAMEO code, e.g. "042"
    root: str  # CAMEO root category, e.g. "04"
    plover: str  # PLOVER event type, e.g. "CONSULT"
    label: str  # readable name of the code
    source: str | None
    target: str | None
    source_code: str | None  # CAMEO actor code, e.g. "SYRSPY"
    target_code: str | None
    place: str | None
    date: str | None  # ISO date, as precise as known
    date_precision: str | None  # day | month | year | unknown
    start: int
    end: int
    text: str
    certainty: Certainty = Certainty.ASSERTED  # asserted, hedged, negated, hypothetical or alleged
    #: the accusation or claim event that alleges it (certainty alleged), else the quote that reports it
    reported_by: str | None = None
    trigger: Span | None = None
    #: geocoding: name, country, admin1 (the province's name), admin1_code, latitude, longitude,
    #: precision (town | city | admin1 | region | country) and inferred
    place_info: dict[str, Any] | None = None
    reports: list[Span] = field(default_factory=list)  # further mentions of the same event in the article
    #: the place is the article's (its dateline or main place), not one the event's sentence names
    place_inferred: bool = False

    def __post_init__(self) -> None:
        self.certainty = Certainty(self.certainty)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "code": self.code, "root": self.root, "plover": self.plover, "label": self.label,
            "source": self.source, "target": self.target, "source_code": self.source_code,
            "target_code": self.target_code, "place": self.place, "date": self.date,
            "date_precision": self.date_precision, "start": self.start, "end": self.end, "text": self.text,
            "certainty": self.certainty, "reported_by": self.reported_by,
            "trigger": self.trigger.to_dict() if self.trigger else None, "place_info": self.place_info,
            "place_inferred": self.place_inferred, "reports": [r.to_dict() for r in self.reports],
        }
