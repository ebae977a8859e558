"""Doc -> quotes: the quote layer's attributions with their speaker decided and their evidence.

The speaker of each attribution is one of
- ``named``: the source phrase names an entity, or points to one ("he", "they", "who", "the
  analyst", "the minister": the nearest compatible entity mentioned before it);
- ``document``: the source is a report, study, statement...; its speaker is the entity that issued
  it where the phrase names one ("the Institute's report"), or the issuer of the report last cited;
- ``unnamed``: vague or withheld sources ("sources said", "analysts say", "it was reported"),
  kept and never pinned on a nearby name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.facts.entities import EntityIndex
from newsgraph.model import Certainty, Entity, Quote, Span, make_id
from newsgraph.nlp.annotations import Attribution
from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.speech_cues import document_nouns, unnamed_sources

__all__ = ["quotes_from_doc"]

log = logging.getLogger(__name__)

_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "NORP", "FAC"})
_GROUP_TYPES = frozenset({"ORG", "ARMED_GROUP", "GPE", "NORP"})
_PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
_GROUP_PRONOUNS = {"they", "we", "it"}
#: people who speak for an organisation: their words are the organisation's
_MOUTHPIECES = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "office", "ministry"}


@dataclass(frozen=True, slots=True)
class _Speaker:
    entity: Entity | None
    source_type: str
    role: str | None = None


class _Resolver:
    """Decides who a source phrase stands for, remembering the documents already cited."""

    def __init__(self, entities: list[Entity]) -> None:
        self.index = EntityIndex(entities)
        self.mentions = sorted(
            ((m.span.start, m.span.end, e) for e in entities for m in e.mentions), key=lambda t: t[0]
        )
        self.last_document: Entity | None = None

    def _before(self, char: int, types: frozenset[str]) -> Entity | None:
        """The entity of the nearest mention ending before ``char`` with one of ``types``."""
        best = None
        for start, end, entity in self.mentions:
            if start >= char:
                break
            if end <= char and entity.type in types:
                best = entity
        return best

    def _by_role(self, noun: str, char: int) -> tuple[Entity, str] | None:
        """The person mentioned last before ``char`` whose stated role contains ``noun``."""
        best = None
        for start, _end, entity in self.mentions:
            if start >= char:
                break
            if entity.type != "PERSON":
                continue
            for role in entity.roles:
                if noun in role.role.lower().split():
                    best = (entity, role.role)
        return best

    def speaker(self, quote: Attribution) -> _Speaker:
        head = quote.speaker
        if quote.source is None or head is None:
            return _Speaker(None, "unnamed")
        start, end = (head.start, head.end) if head.relative else quote.source
        word, lemma = head.lower, head.lemma
        named = self._containing(head.start, _SPEAKER_TYPES)
        if named is not None:
            return _Speaker(named, "named", _role_of(named, start, end))
        if word in _PERSON_PRONOUNS:
            return self._pointed(self._before(start, frozenset({"PERSON"})))
        if word in _GROUP_PRONOUNS:
            return self._pointed(self._before(start, _GROUP_TYPES))
        if lemma in document_nouns() and not head.plural:
            issuer = self.index.at(start, end, _SPEAKER_TYPES)
            if issuer is None:
                issuer = self._owner(head.owner, start)
            if issuer is None and head.determined:
                issuer = self.last_document
            if issuer is not None:
                self.last_document = issuer
            return _Speaker(issuer, "document")
        if word in unnamed_sources() or lemma in unnamed_sources():
            return _Speaker(None, "unnamed")
        person = self._apposed_person(head.apposed)
        if person is not None:
            return _Speaker(person, "named", _role_of(person, start, end) or head.text)
        if lemma in _MOUTHPIECES:
            body = self.index.at(start, end, _GROUP_TYPES)
            if body is not None:
                return _Speaker(body, "named", head.text)
        if head.determined:
            found = self._by_role(lemma, start)
            if found is not None:
                return _Speaker(found[0], "named", found[1])
        return _Speaker(None, "unnamed")

    def _owner(self, word: str | None, char: int) -> Entity | None:
        """The body a possessor word stands for ("the Institute's report"): the last entity named with it."""
        if word is None:
            return None
        best = None
        for start, _end, entity in self.mentions:
            if start >= char:
                break
            if entity.type in _GROUP_TYPES and word in entity.name.lower().split():
                best = entity
        return best

    def _containing(self, char: int, types: frozenset[str]) -> Entity | None:
        """The entity with a mention over the word at ``char`` ("Heras" of "Nicholas Heras")."""
        for start, end, entity in self.mentions:
            if start > char:
                break
            if char < end and entity.type in types:
                return entity
        return None

    def _apposed_person(self, apposed: tuple[int, ...]) -> Entity | None:
        """The person a role noun is in apposition with ("the Minister of Defense, Ali Ayoub")."""
        for char in apposed:
            person = self._containing(char, frozenset({"PERSON"}))
            if person is not None:
                return person
        return None

    @staticmethod
    def _pointed(entity: Entity | None) -> _Speaker:
        if entity is None:
            return _Speaker(None, "unnamed")
        return _Speaker(entity, "named", entity.roles[0].role if entity.roles else None)


def _role_of(entity: Entity, start: int, end: int) -> str | None:
    """The role the source phrase states, else the first the article gives the entity."""
    stated = [r for r in entity.roles if start <= r.span.start and r.span.end <= end]
    if stated:
        return max(stated, key=lambda r: len(r.role)).role  # the fullest of the roles the phrase gives
    return entity.roles[0].role if entity.roles else None


def _span(text: str, rng: tuple[int, int] | None) -> Span | None:
    return Span.of(text, *rng) if rng is not None else None


def quotes_from_doc(doc: Doc, entities: list[Entity], article_id: str) -> list[Quote]:
    """Read ``doc._.ng_quotes`` into Quotes, in text order, with speakers, certainty and nesting."""
    raw: list[Attribution] = doc._.ng_quotes or []
    resolver = _Resolver(entities)
    text = doc_text(doc)
    quotes: list[Quote] = []
    for item in raw:
        speaker = resolver.speaker(item)
        quotes.append(Quote(
            id=make_id("q", article_id, item.content[0], item.content[1], item.cue[0] if item.cue else ""),
            speaker=speaker.entity.id if speaker.entity is not None else None,
            source_type=speaker.source_type,
            direct=item.direct,
            certainty=Certainty(item.certainty),
            source_span=_span(text, item.source),
            cue_span=_span(text, item.cue),
            content_span=_span(text, item.content),
            speaker_role=speaker.role,
            content_parts=[Span.of(text, *part) for part in item.parts or (item.content,)],
        ))
    _nest(raw, quotes)
    log.debug("%d quotes in article %s", len(quotes), article_id)
    return quotes


def _nest(raw: list[Attribution], quotes: list[Quote]) -> None:
    """Give each attribution made inside another's content that one as ``parent`` (the tightest;
    of two as tight, the first)."""
    pieces = Intervals((piece, k) for k, item in enumerate(raw) for piece in (item.parts or (item.content,)))
    for k, (item, quote) in enumerate(zip(raw, quotes, strict=True)):
        anchor = item.cue or item.source
        if anchor is None:
            continue
        around = [(raw[j].content[1] - raw[j].content[0], j) for _, j in pieces.containing(*anchor) if j != k]
        if around:
            quote.parent = quotes[min(around)[1]].id
