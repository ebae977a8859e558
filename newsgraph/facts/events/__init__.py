"""Doc -> events: the event layer's mentions as coded events with actors, dates, places.

The package: ``actors`` (entities and codes at argument phrases), ``drafts`` (one report with its actors,
place, date and certainty), ``merge`` (when two reports tell one event) and ``build`` (``events_from_doc``).
"""

from __future__ import annotations

from newsgraph.facts.events.actors import ACTOR_TYPES
from newsgraph.facts.events.build import events_from_doc
from newsgraph.facts.events.drafts import EventDraft
from newsgraph.facts.places import geocode

__all__ = ["ACTOR_TYPES", "EventDraft", "events_from_doc", "geocode"]
