"""Long articles in parts: cut at paragraph breaks, analysed one after another, merged.

spaCy's memory grows with the Doc (about 300 MB per 100,000 characters of parse), so an article
of a few megabytes parsed whole needs gigabytes. Cut into parts, only one part's Doc is alive at a
time and the merged Analysis holds plain objects. Every offset of a part is shifted by where the
part starts, so each span still reads ``article.text[start:end]``. Entities of the same name in two
parts are one entity (one type: the one most of their mentions had), and the names of all parts are
resolved together as within one article (a surname in one part joins the full name of another); an event told in two parts is
one event with the later telling as a report; quote ids, which hash offsets, are made again from
the shifted ones. What a part cannot see is lost: "he" at the start of a part has no antecedent,
and a name's type is decided from its part's evidence before the parts vote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from newsgraph.facts.entities import entity_id
from newsgraph.model import Analysis, Article
from newsgraph.model.claims import Quantity, Quote, Sentence
from newsgraph.model.entity import Entity, Mention, Role
from newsgraph.model.event import Event
from newsgraph.model.ids import make_id
from newsgraph.model.span import Span
from newsgraph.resolve.within import NameMention, resolve_names

__all__ = ["PART_CHARS", "PartsMerger", "merge_parts", "part_bounds"]

#: characters per part: a part's parse stays near 300 MB, and an article of ordinary length is one part
PART_CHARS = 100_000
#: where a part may end, best first: a paragraph break, a line break, a sentence's end, a space
_BREAKS = ("\n\n", "\n", ". ", " ")


def part_bounds(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of each part of ``text``: at most ``size`` characters, ending after the
    last paragraph break of its second half (else line break, sentence end, space)."""
    bounds = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in _BREAKS:
            at = text.rfind(mark, start + size // 2, end)
            if at >= 0:
                end = at + len(mark)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _span(span: Span | None, offset: int) -> Span | None:
    return None if span is None else Span(span.start + offset, span.end + offset, span.text)


class PartsMerger:
    """Collects the shifted parts; entity ids are settled once every part is in."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.entities: dict[tuple[str, str], Entity] = {}  # (name, type) -> entity, every part merged
        self.sentences: list[Sentence] = []
        self.quotes: list[Quote] = []
        self.quantities: list[Quantity] = []
        self.events: dict[str, Event] = {}

    def add(self, part: Analysis, offset: int) -> None:
        for entity in part.entities:
            shifted = [Mention(_span(m.span, offset)) for m in entity.mentions]
            roles = [Role(r.role, _span(r.span, offset)) for r in entity.roles]
            known = self.entities.get((entity.name, entity.type))
            if known is None:
                self.entities[(entity.name, entity.type)] = replace(
                    entity, aliases=list(entity.aliases), roles=roles, mentions=shifted)
            else:
                known.aliases += [a for a in entity.aliases if a not in known.aliases]
                known.roles += roles
                known.mentions += shifted
        for sentence in part.sentences:
            self.sentences.append(replace(sentence, start=sentence.start + offset, end=sentence.end + offset,
                                          cues=[_span(c, offset) for c in sentence.cues]))
        quote_ids = {}
        for quote in part.quotes:
            content, cue = _span(quote.content_span, offset), _span(quote.cue_span, offset)
            new_id = make_id("q", self.article.id, content.start if content else "", content.end if content else "",
                             cue.start if cue else "")
            quote_ids[quote.id] = new_id
            self.quotes.append(replace(quote, id=new_id, source_span=_span(quote.source_span, offset),
                                       cue_span=cue, content_span=content,
                                       content_parts=[_span(p, offset) for p in quote.content_parts]))
        for quote in self.quotes[len(self.quotes) - len(part.quotes):]:
            quote.parent = quote_ids.get(quote.parent, quote.parent) if quote.parent else None
        for quantity in part.quantities:
            self.quantities.append(replace(quantity, start=quantity.start + offset, end=quantity.end + offset,
                                           quote=quote_ids.get(quantity.quote) if quantity.quote else None))
        for event in part.events:
            shifted = replace(event, start=event.start + offset, end=event.end + offset,
                              trigger=_span(event.trigger, offset),
                              # an alleged deed is reported by a quote (renamed here) or by its accusation event (kept)
                              reported_by=quote_ids.get(event.reported_by, event.reported_by) if event.reported_by else None,
                              reports=[_span(r, offset) for r in event.reports])
            known_event = self.events.get(event.id)
            if known_event is None:
                self.events[event.id] = shifted
            else:  # the same event told again in a later part: one event, one more report
                known_event.reports += [Span(shifted.start, shifted.end, shifted.text), *shifted.reports]

    def _entities(self) -> tuple[list[Entity], dict[str, str]]:
        """One entity per name, typed as most of its mentions were; then the names of all parts
        resolved together as within one article ("Assad" in one part joins "Bashar al-Assad" of
        another); and old id -> kept id."""
        by_name: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            by_name.setdefault(entity.name, []).append(entity)
        named = []
        for group in by_name.values():
            votes = Counter({e.type: len(e.mentions) for e in group})
            kind = max(group, key=lambda e: votes[e.type]).type
            named.append((kind, group))
        clusters = resolve_names([NameMention(group[0].name, kind) for kind, group in named])
        kept, ids = [], {}
        for cluster in clusters:
            group = [e for k in cluster.members for e in named[k][1]]
            name = cluster.canonical if len(cluster.members) > 1 else group[0].name
            merged = Entity(id=entity_id(cluster.type, name), name=name, type=cluster.type)
            for entity in group:
                merged.aliases += [a for a in entity.aliases if a not in merged.aliases]
                merged.roles += entity.roles
                merged.mentions += entity.mentions
                ids[entity.id] = merged.id
            merged.mentions.sort(key=lambda m: m.span.start)
            merged.roles.sort(key=lambda r: r.span.start)
            kept.append(merged)
        kept.sort(key=lambda e: e.mentions[0].span.start)
        return kept, ids

    def analysis(self, extractor: str, version: str) -> Analysis:
        entities, ids = self._entities()

        def entity(old: str | None) -> str | None:
            return ids.get(old, old) if old else old

        for quote in self.quotes:
            quote.speaker = entity(quote.speaker)
        for quantity in self.quantities:
            quantity.about, quantity.source = entity(quantity.about), entity(quantity.source)
        for event in self.events.values():
            event.source, event.target, event.place = entity(event.source), entity(event.target), entity(event.place)
        return Analysis(article=self.article, entities=entities, sentences=self.sentences, quotes=self.quotes,
                        quantities=self.quantities, events=list(self.events.values()),
                        extractor=extractor, version=version)


def merge_parts(article: Article, parts: list[tuple[int, Analysis]], *, extractor: str, version: str) -> Analysis:
    """One Analysis of ``article`` from the analyses of its parts, each with where its text starts."""
    merger = PartsMerger(article)
    for offset, part in parts:
        merger.add(part, offset)
    return merger.analysis(extractor, version)
