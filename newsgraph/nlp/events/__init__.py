"""Event mentions read off the dependency parse: a trigger, its CAMEO code and its arguments.

Triggers are verbs ("met", "was killed by") and nouns ("the assassination of X", "his visit
to Damascus") found in ``data/cameo/verbs.tsv`` and ``nouns.tsv``. A light verb hands its
arguments to the noun it governs ("carried out an attack", "paid a visit"), and a verb of
happening lends its date and place to its subject ("the funeral was held in Homs").

Writes ``doc._.ng_events``: one ``EventMention`` per trigger, with character ranges of the
source and target phrases, the places and dates attached to the trigger, and whether it is
negated or hypothetical. Turning those into entities, actor codes and ISO dates is the job
of ``facts.events``.

The package: ``mention`` (the records), ``arguments`` (the phrases that fill an event's roles),
``modality`` (negated, hypothetical, alleged, background), ``triggers`` (verbs and nouns and their
CAMEO codes), ``allegations`` (acts told as alleged), ``complements`` (one event per verb and its
complement), ``placing`` (places, dates, evidence spans) and ``layer`` (the component).
"""

from __future__ import annotations

from newsgraph.nlp.events.allegations import SAYING
from newsgraph.nlp.events.arguments import name_as_auxiliary, raised_by
from newsgraph.nlp.events.layer import EventLayer, find_events, make_event_layer
from newsgraph.nlp.events.mention import ArgSpan, EventMention
from newsgraph.nlp.events.triggers import FORCE, dateline_date

__all__ = [
    "FORCE", "SAYING", "ArgSpan", "EventLayer", "EventMention", "dateline_date", "find_events", "make_event_layer",
    "name_as_auxiliary", "raised_by",
]
