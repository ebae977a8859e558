"""FollowTheMoney entities, one JSON object a line: load them into Aleph / OpenAleph
(``alephclient write-entities``) or work on them with the ``ftm`` tools.

What becomes what:

- an article is an ``Article`` (FtM's Document for "a piece of media"): title, body text,
  language, publication date, outlet (``publisher``), author, URL;
- people are ``Person`` (roles as ``position``), organisations and armed groups are
  ``Organization``, places (countries, cities, regions, sites) are ``Address``, with the
  coordinates the geocoder gave an event there;
- each entity named in an article is a ``Mention`` of it in that ``Article`` (the names the
  article uses) and a ``Documentation`` linking article and entity whose ``recordId`` lists
  every span, ``article:start:end``; a role said of an entity is a ``Documentation`` with
  that ``role``, its span and its text as ``summary``;
- an event is an ``Event`` with its date, place, actors (``organizer`` the source,
  ``involved`` both), every article that reports it as ``proof`` and each report's span as
  ``recordId`` (the first is the one whose text is the ``summary``); CAMEO and PLOVER codes
  are ``keywords``.

FtM ties only people and organisations to Mentions and Events (their range is LegalEntity):
a place or nationality acting in an event is named in ``namesMentioned`` instead. Entity
types FtM has no schema for (dates, laws...) are left out. Ids are newsgraph's own, so an
export run twice, or after more articles, gives the same id to the same thing.

Streaming: entities and events are written as they are read; only the ids of the
entities written (to know which schema each has) and the coordinates of event places are
kept in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any, BinaryIO, TextIO

from newsgraph.export.common import events_with_reports, require, span_ref, text_output, tight_span
from newsgraph.model import make_id
from newsgraph.store.base import EntityMention, EntityRole, EventReport, Store

__all__ = ["SCHEMATA", "write"]

#: newsgraph entity type -> FtM schema.
SCHEMATA = {
    "PERSON": "Person",
    "ORG": "Organization",
    "ARMED_GROUP": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FAC": "Address",
}
_LEGAL = frozenset({"Person", "Organization"})


class _Writer:
    def __init__(self, text: TextIO) -> None:
        self.model = require("followthemoney", "ftm").model
        self.text = text
        self.count = 0

    def make(self, schema: str, entity_id: str, **properties: Any) -> Any:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        for prop, values in properties.items():
            for value in values if isinstance(values, list | tuple) else [values]:
                if value is not None and value != "":
                    proxy.add(prop, str(value))
        return proxy

    def emit(self, proxy: Any) -> None:
        self.text.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        self.count += 1


def write(store: Store, out: BinaryIO) -> int:
    with text_output(out) as text:
        writer = _Writer(text)
        for article in store.iter_articles():
            writer.emit(writer.make(
                "Article", article.id, title=article.title, bodyText=article.text, language=article.language,
                publishedAt=article.published, publisher=article.source, author=article.author,
                sourceUrl=article.url,
            ))
        coordinates = _place_coordinates(store.iter_events())
        schemata: dict[str, str] = {}
        for entity in store.iter_entities():
            schema = SCHEMATA.get(entity.type)
            if schema is None:
                continue
            schemata[entity.id] = schema
            properties: dict[str, Any] = {"name": entity.name, "alias": entity.aliases}
            if schema == "Person":
                properties["position"] = entity.roles
            elif entity.type == "ARMED_GROUP":
                properties["classification"] = "armed group"
            elif schema == "Address":
                properties["full"] = entity.name
                properties["latitude"], properties["longitude"] = coordinates.get(entity.id, (None, None))
            writer.emit(writer.make(schema, entity.id, **properties))
        _mentions(writer, store.iter_mentions(), schemata)
        _roles(writer, store.iter_roles(), schemata)
        for event, reports in events_with_reports(store):
            writer.emit(_event(writer, event, reports, schemata))
    return writer.count


def _place_coordinates(events: Iterable[Any]) -> dict[str, tuple[float, float]]:
    return {
        e.place: (e.latitude, e.longitude)
        for e in events
        if e.place and e.latitude is not None and e.longitude is not None
    }


def _by_entity_and_article(rows: Iterator[Any], schemata: dict[str, str]) -> Iterator[tuple[str, str, list[Any]]]:
    # The store yields rows ordered by entity then article, so each group is contiguous.
    for (entity_id, article_id), group in groupby(rows, key=lambda r: (r.entity_id, r.article_id)):
        if entity_id in schemata:
            yield entity_id, article_id, list(group)


def _mentions(writer: _Writer, rows: Iterator[EntityMention], schemata: dict[str, str]) -> None:
    for entity_id, article_id, mentions in _by_entity_and_article(rows, schemata):
        schema = schemata[entity_id]
        writer.emit(writer.make(
            "Mention", make_id("ftm-mention", entity_id, article_id), document=article_id,
            resolved=entity_id if schema in _LEGAL else None, name=list(dict.fromkeys(m.text for m in mentions)),
            detectedSchema=schema,
        ))
        writer.emit(writer.make(
            "Documentation", make_id("ftm-doc", entity_id, article_id), document=article_id, entity=entity_id,
            role="mentioned", recordId=[span_ref(article_id, m.start, m.end) for m in mentions],
        ))


def _roles(writer: _Writer, rows: Iterator[EntityRole], schemata: dict[str, str]) -> None:
    for entity_id, article_id, roles in _by_entity_and_article(rows, schemata):
        for role in roles:
            start, end, text = tight_span(role.start, role.end, role.text)
            writer.emit(writer.make(
                "Documentation", make_id("ftm-role", entity_id, article_id, role.role, role.start, role.end),
                document=article_id, entity=entity_id, role=role.role,
                recordId=span_ref(article_id, start, end), summary=text,
            ))


def _event(writer: _Writer, event: Any, reports: list[EventReport], schemata: dict[str, str]) -> Any:
    legal = [a for a in (event.source, event.target) if a and schemata.get(a) in _LEGAL]
    others = [name for actor, name in ((event.source, event.source_name), (event.target, event.target_name))
              if actor and actor not in legal and name]
    start, end, text = tight_span(event.start, event.end, event.text)
    # Every article that reports the event is its proof; each report's span is a recordId.
    spans = [(event.article_id, start, end)]
    spans += [(r.article_id, *tight_span(r.start, r.end, r.text)[:2]) for r in reports]
    spans = list(dict.fromkeys(spans))
    # "Consult (A → B)"; an arrow with one side empty still says which side is known.
    actors = f"{event.source_name or ''} \u2192 {event.target_name or ''}".strip()
    return writer.make(
        "Event", event.id, name=f"{event.label} ({actors})" if actors != "\u2192" else event.label,
        date=event.date, summary=text, location=event.place_name,
        addressEntity=event.place if schemata.get(event.place or "") == "Address" else None,
        organizer=event.source if event.source in legal else None, involved=legal, namesMentioned=others,
        proof=list(dict.fromkeys(article for article, _, _ in spans)),
        recordId=[span_ref(*span) for span in spans],
        keywords=[f"CAMEO {event.code}", f"CAMEO root {event.root}", f"PLOVER {event.plover}" if event.plover else None],
        description="; ".join(f"{name}: {value}" for name, value in (
            ("certainty", event.certainty), ("date precision", event.date_precision),
            ("reported by quote", event.reported_by)) if value),
    )
