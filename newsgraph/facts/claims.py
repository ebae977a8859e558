"""Doc -> sentences with certainty, and numeric claims tied to what they count, who claims them and how surely.

``about`` is read off the parse, nearest evidence first: the counted noun's own modifiers
("Hezbollah fighters", "its soldiers", "fighters of the Guard"), then the subject of the clause
the number is claimed in ("the brigade has more than 4,000 soldiers"; "the number of its
men reached 6,000"), then the noun a relative clause hangs from. Pronouns ("its",
"their", "it") go to the noun their relative clause describes, else to the nearest earlier
group, organisation or country; a definite description ("the division") goes to the nearest
earlier entity whose name has that noun in it.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Token

from newsgraph.facts.entities import EntityIndex
from newsgraph.model import Entity, Quantity, Quote, Sentence, Span
from newsgraph.nlp.certainty import certainty_of, continued_relative, sentence_certainty
from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.quantities import QuantitySpan, find_quantities

__all__ = ["quantities_from_doc", "sentences_from_doc"]

log = logging.getLogger(__name__)

#: Types an "about" can have: what has members, soldiers, casualties or a budget.
_HOLDERS = frozenset({"ARMED_GROUP", "ORG", "NORP", "GPE", "PERSON", "FAC"})
_GROUP_PRONOUNS = frozenset({"its", "their", "it", "they", "them"})
#: Nouns that stand for a count of something else: "the number of its soldiers".
_MEASURE_NOUNS = frozenset({"number", "toll", "total", "count", "tally", "strength", "size", "figure", "estimate"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Prepositions whose object says where or when, not whose.
_PLACE_PREPS = frozenset({"in", "at", "on", "across", "near", "inside", "into", "during", "since", "from", "within"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def sentences_from_doc(doc: Doc) -> list[Sentence]:
    """The non-blank sentences of ``doc`` with their certainty and cue spans."""
    rows = doc._.ng_sentence_certainty if doc.has_extension("ng_sentence_certainty") else None
    if rows is None:
        rows = sentence_certainty(doc)
    text = doc_text(doc)
    sentences = []
    for start, end, label, cues in rows:
        # spaCy's sentences keep the line breaks after them; the sentence itself ends before
        end = start + len(text[start:end].rstrip())
        if end > start:
            sentences.append(Sentence(start, end, text[start:end], label, [Span.of(text, a, b) for a, b in cues]))
    return sentences


class _About:
    """Finds the entity a number is about."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.index = EntityIndex(entities)
        self.mentions = sorted(
            ((m.span.start, m.span.end, e) for e in entities if e.type in _HOLDERS for m in e.mentions),
            key=lambda t: t[0],
        )

    def _entity_in(self, token: Token) -> Entity | None:
        """The entity named in ``token``'s phrase, leaving out where/when prepositional phrases."""
        if token.lower_ in _GROUP_PRONOUNS:
            return self._antecedent(token)
        skip: set[int] = set()
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS or child.dep_ in ("relcl", "acl", "appos"):
                skip |= {t.i for t in child.subtree}
        words = [t for t in token.subtree if t.i not in skip]
        for t in words:
            if t.lower_ in _GROUP_PRONOUNS and t.dep_ == "poss":
                return self._antecedent(t)
        # contiguous runs only, head's run first: a skipped clause may name other entities
        runs: list[list[Token]] = []
        for t in words:
            if runs and runs[-1][-1].i == t.i - 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        runs.sort(key=lambda run: token not in run)
        found = None
        for run in runs:
            found = self.index.at(run[0].idx, run[-1].idx + len(run[-1].text), _HOLDERS)
            if found is not None:
                break
        if found is None and token.pos_ == "NOUN" and any(c.lower_ in _DETERMINERS for c in token.children):
            found = self._described(token)
        return found

    def _nearest_before(self, position: int, word: str | None = None, floor: int = 0) -> Entity | None:
        best = None
        text = self.text
        for start, end, entity in self.mentions:
            if end > position:
                break
            if start < floor:
                continue
            # the word may be in the name ("Quds Force" for "the force") or right after it ("Zainebiyoun brigade")
            after = text[end: end + 40].split(maxsplit=1)
            if word is None or word in entity.name.lower().split() or any(
                word in alias.lower().split() for alias in entity.aliases
            ) or (after and after[0].lower().strip(",.;:") == word):
                best = entity
        return best

    def _described(self, noun: Token) -> Entity | None:
        """'the division' -> the nearest earlier entity whose name contains 'division'."""
        return self._nearest_before(noun.idx, noun.lower_)

    def _antecedent(self, pronoun: Token) -> Entity | None:
        for ancestor in pronoun.ancestors:
            relative = continued_relative(ancestor)
            if relative is not None:
                found = self.index.at(relative.head.left_edge.idx, relative.head.idx + len(relative.head.text), _HOLDERS)
                if found is not None:
                    return found
            # "the division, which ... its soldiers": the noun the relative clause describes
            if ancestor.dep_ == "relcl" or ancestor.dep_ == "conj" and ancestor.head.dep_ == "relcl":
                head = ancestor.head if ancestor.dep_ == "relcl" else ancestor.head.head
                found = self.index.at(head.left_edge.idx, head.idx + len(head.text), _HOLDERS)
                if found is not None:
                    return found
            # "the division grew, and its soldiers ...": the subject of the clause this one is joined to
            if ancestor.dep_ == "conj" and ancestor.head.pos_ in ("VERB", "AUX"):
                subject = self._subject(ancestor.head)
                if subject is not None and subject.lower_ not in _GROUP_PRONOUNS:
                    found = self._entity_in(subject)
                    if found is not None:
                        return found
        # otherwise the nearest group or organisation in this or the last sentence, then anything
        sent = pronoun.sent
        floor = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else 0
        for entity in self._candidates_before(pronoun.idx, floor):
            if entity.type not in ("GPE", "LOC", "FAC"):
                return entity
        return self._nearest_before(pronoun.idx)

    def _candidates_before(self, position: int, floor: int) -> list[Entity]:
        found = [e for start, end, e in self.mentions if floor <= start and end <= position]
        return found[::-1]

    def _subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if verb.dep_ == "conj":  # "... and has 4,000 soldiers": the first verb's subject
            return self._subject(verb.head)
        return None

    def of(self, noun: Token) -> Entity | None:
        found = self._entity_in(noun) if noun.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") else None
        if found is not None:
            return found
        token = noun
        # climb from the counted noun to the verb of its clause: "has 4,000 soldiers", "reached 6,000 fighters"
        while token.dep_ in ("pobj", "prep", "nummod", "quantmod", "compound", "amod", "conj") and token.head.i != token.i:
            token = token.head
        verb = token.head if token.dep_ in ("dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos") else token
        if token.dep_ in _SUBJECT_DEPS:
            return None
        subject = self._subject(verb)
        if subject is not None:
            if subject.lemma_.lower() in _MEASURE_NOUNS:
                for child in subject.children:
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                return self._entity_in(obj)
            found = self._entity_in(subject)
            if found is not None:
                return found
        if verb.dep_ == "relcl":
            head = verb.head
            return self.index.at(head.left_edge.idx, head.idx + len(head.text), _HOLDERS)
        return None


def _quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The innermost quote whose content contains ``start:end`` in one of its parts (a number in the
    source or cue that splits a quotation is not claimed in it)."""
    best: Quote | None = None
    for quote in quotes:
        span = quote.content_span
        if span is not None and any(p.start <= start and end <= p.end for p in quote.content_parts):
            if best is None or best.content_span is None or span.end - span.start < best.content_span.end - best.content_span.start:
                best = quote
    return best


def quantities_from_doc(doc: Doc, entities: list[Entity], quotes: list[Quote]) -> list[Quantity]:
    """The numbers claimed in ``doc``, with what they are about, who claims them and how surely."""
    spans: list[QuantitySpan] | None = doc._.ng_quantities if doc.has_extension("ng_quantities") else None
    if spans is None:
        spans = find_quantities(doc)
    about = _About(doc, entities)
    text = doc_text(doc)
    out = []
    for q in spans:
        number = doc.char_span(q.number_start, q.number_end, alignment_mode="expand")
        noun = doc.char_span(q.noun_start, q.noun_start + 1, alignment_mode="expand") if q.noun_start >= 0 else None
        anchor = noun[0] if noun is not None and len(noun) else (number.root if number is not None else None)
        holder = about.of(anchor) if anchor is not None else None
        label = certainty_of(doc[anchor.i: anchor.i + 1])[0] if anchor is not None else "asserted"
        quote = _quote_at(quotes, q.start, q.end)
        out.append(Quantity(
            value=q.value, qualifier=q.qualifier, unit=q.unit, about=holder.id if holder else None,
            source=quote.speaker if quote else None, start=q.start, end=q.end, text=text[q.start:q.end],
            certainty=label, value_max=q.value_max, quote=quote.id if quote else None,
        ))
    return out
