"""The entity and actor code at an event's argument phrase: the head's own mention first, then an
apposition's or a modifier's (never a patron's: "Iran-backed"), and for "he"/"she" the person named last before."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.facts.actors import ActorCoder, merge_codes, role_words
from newsgraph.facts.entities import EntityIndex
from newsgraph.model import Entity
from newsgraph.nlp.cameo import codebook
from newsgraph.nlp.events import ArgSpan
from newsgraph.nlp.extensions import doc_text

ACTOR_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "NORP", "LOC", "FAC"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUN_WINDOW = 600
#: Endings of a modifier that names who stands behind the actor, not the actor ("Iran-backed", "US-led").
_PATRON_SUFFIXES = ("-backed", "-led", "-linked", "-allied", "-affiliated", "-funded", "-supported", "-sponsored")
#: Beginnings of a modifier that names whom the actor is for or against ("anti-Assad", "pro-Russia").
_STANCE_PREFIXES = ("anti-", "pro-")
#: Heads that count or group the actor their "of" phrase names ("hundreds of UN troops", "members of X").
_PARTITIVE = frozenset({
    "hundreds", "thousands", "dozens", "scores", "tens", "millions", "number", "group", "members", "member",
    "some", "many", "most", "all", "several", "units", "unit", "contingent", "detachment", "battalion", "squad",
    "bunch", "band", "handful", "couple", "pair", "team", "crowd", "crowds", "delegation",
})


class Actors:
    """Entities at argument phrases: the head's own mention first, then an apposition's."""

    def __init__(self, doc: Doc, entities: list[Entity], coder: ActorCoder) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.index = EntityIndex(entities)
        self.coder = coder
        self.mentions = sorted(
            ((m.span.start, m.span.end, e) for e in entities for m in e.mentions), key=lambda t: t[0]
        )
        self._codes: dict[str, str | None] = {}

    def code(self, entity: Entity) -> str | None:
        if entity.id not in self._codes:
            self._codes[entity.id] = self.coder.code_person(entity, self.text)
        return self._codes[entity.id]

    def covering(self, start: int, end: int) -> Entity | None:
        found = self.covering_mention(start, end)
        return found[2] if found else None

    def covering_mention(self, start: int, end: int) -> tuple[int, int, Entity] | None:
        for m_start, m_end, entity in self.mentions:
            if m_start >= end:
                break
            if m_end > start and entity.type in ACTOR_TYPES:
                return m_start, m_end, entity
        return None

    def previous_person(self, before: int) -> Entity | None:
        # "he": a person named within a couple of sentences before; one who was the subject of a
        # clause beats one named in passing, then the one the article names most, then the latest
        best: tuple[bool, int, int] | None = None
        found = None
        for m_start, m_end, entity in self.mentions:
            if m_start >= before:
                break
            if entity.type != "PERSON" or before - m_start >= _PRONOUN_WINDOW:
                continue
            span = self.doc.char_span(m_start, m_end, alignment_mode="expand")
            dep = span.root.dep_ if span is not None else ""
            if dep == "compound":
                continue
            key = (dep in ("nsubj", "nsubjpass"), len(entity.mentions), m_start)
            if best is None or key > best:
                best, found = key, entity
        return found

    def _own_words(self, arg: ArgSpan, head: str) -> list[tuple[int, int]]:
        """The ranges that may code an argument: its head and own modifiers, and the "of" phrase of a
        role word ("the head of Syria's intelligence"); not a phrase deep inside it."""
        if not arg.own:
            return [(arg.start, arg.end)]
        ranges = sorted(arg.own)
        if _names_by_of(head):
            ranges += arg.of
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            # neighbours read as one stretch of text: "anti-aircraft" is one word, not "anti - aircraft"
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _modifier_entity(self, arg: ArgSpan) -> tuple[int, int, Entity] | None:
        # "Iraqi forces", "Islamic State fighters": the actor named in the phrase's own modifiers, the one
        # nearest the head ("the Al Qaeda-linked Somali group": Somali), then in a role word's "of" phrase
        # ("the mayor of the West Bank city of Nablus"); a patron ("Iran-backed") is not it
        before = sorted(arg.own, reverse=True)
        head = self.text[arg.head_start : arg.head_end]
        for start, end in before + (arg.of if _names_by_of(head) else []):
            words = self.text[max(0, start - 5) : end].lower()
            if (start, end) == (arg.head_start, arg.head_end) or words.endswith(_PATRON_SUFFIXES) or any(
                p in words for p in _STANCE_PREFIXES
            ):
                continue
            found = self.covering_mention(start, end)
            if found is not None:
                return found
        return None

    def resolve(self, arg: ArgSpan, deep: bool = True) -> tuple[str | None, str | None]:
        """(entity id, actor code) of an argument; ``deep``: a place deep inside the phrase may give the country."""
        head = self.text[arg.head_start : arg.head_end]
        found = self.covering_mention(arg.head_start, arg.head_end)
        ranges = self._own_words(arg, head)
        from_modifier = False
        named_apart = found is None and (head.lower() in _PRONOUNS or any(
            self.index.at(s, e, ACTOR_TYPES) for s, e in arg.appos))
        if found is None and not named_apart:
            # an apposition ("the minister, Ali Ayoub") names the actor better than a modifier ("Syrian")
            found = self._modifier_entity(arg)
            from_modifier = found is not None
        entity = found[2] if found else None
        words = [self.text[s:e] for s, e in ranges]
        if found is not None and not from_modifier:
            # the rest of the phrase speaks of the entity; its name is not a place ("Hassan")
            words = [self.text[s : max(s, min(e, found[0]))] + " " + self.text[min(e, max(s, found[1])) : e] for s, e in ranges]
        phrase = " ".join(words)
        if entity is None and head.lower() in _PRONOUNS:
            entity = self.previous_person(arg.head_start)
        for start, end in arg.appos if entity is None else ():
            entity = self.index.at(start, end, ACTOR_TYPES)
            if entity is not None:
                break
        code = self.code(entity) if entity is not None else None
        if entity is None and _is_event_word(head):
            return None, None  # "offered official condolences": an act, not an actor
        if from_modifier:
            # "Iraqi forces": the phrase's role on the modifier's country (IRQMIL), not the country alone
            code = merge_codes(self.coder.code_phrase(phrase), code)
        elif code is None or code.startswith("---"):
            # the phrase may say more than the entity ("Iran's foreign minister, X")
            code = merge_codes(code, self.coder.code_phrase(phrase))
        if deep and entity is None and arg.own and (code is None or code.startswith("---")):
            # "the refineries in Iran", "a court in Guyana": a place deep inside the phrase says whose
            # ground it is, its country and nothing more (no role, no entity)
            deep = self.coder.code_phrase(self.text[arg.start : arg.end])
            code = merge_codes(code, deep[:3] if deep and not deep.startswith("---") else None)
        if arg.shared and (code is None or code.startswith("---")):
            shared = self.coder.code_phrase(" ".join(self.text[s:e] for s, e in arg.shared))
            code = merge_codes(code, shared[:3] if shared and not shared.startswith("---") else None)
        return (entity.id if entity else None), code


def _names_by_of(head: str) -> bool:
    """Whether a head's "of" phrase names its actor: a role word or a count ("the head of X", "hundreds of X")."""
    lowered = head.lower()
    return lowered in role_words() or lowered.removesuffix("s") in role_words() or lowered in _PARTITIVE or head[:1].isdigit()


def _is_event_word(word: str) -> bool:
    nouns = codebook().nouns
    word = word.lower()
    return word in nouns or word.removesuffix("s") in nouns or word.removesuffix("es") in nouns
