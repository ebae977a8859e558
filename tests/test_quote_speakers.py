"""facts/quotes without the trained pipeline: hand-made ``Attribution`` records on a tokenised Doc decide
who spoke, and carry the layer's certainty through."""

from __future__ import annotations

import spacy

from newsgraph.facts.quotes import quotes_from_doc
from newsgraph.model import Certainty, Entity, Mention, Span
from newsgraph.nlp.annotations import Attribution, SourceWord
from newsgraph.nlp.extensions import register_extensions

TEXT = (
    "Mira Sadek toured the port. She said the cranes were idle. "
    "The Harbour Council's survey found the berths empty. The survey said repairs may wait. "
    "Officials said the port would reopen. Tomas Brel, who chairs the council, said nothing changed."
)


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _entity(eid: str, name: str, kind: str, *words: tuple[str, int]) -> Entity:
    return Entity(eid, name, kind, mentions=[Mention(Span.of(TEXT, *_at(w, n))) for w, n in words])


def _word(word: str, nth: int = 0, *, lemma: str | None = None, determined: bool = False, owner: str | None = None,
          plural: bool = False, relative: bool = False) -> SourceWord:
    start, end = _at(word, nth)
    return SourceWord(start, end, word, word.lower(), lemma or word.lower(), plural, determined, owner, (), relative)


def _said(source: tuple[int, int], speaker: SourceWord, content: str, certainty: str = "asserted") -> Attribution:
    span = _at(content)
    cue = (source[1] + 1, source[1] + 5)
    return Attribution(span, (span,), cue, source, speaker, False, "say", certainty)


def _doc(records: list[Attribution]):  # noqa: ANN202
    register_extensions()
    doc = spacy.blank("en")(TEXT)
    doc._.ng_quotes = records
    return doc


def test_pronouns_documents_and_vague_sources_are_decided_from_records_alone() -> None:
    mira = _entity("p1", "Mira Sadek", "PERSON", ("Mira Sadek", 0))
    council = _entity("o1", "Harbour Council", "ORG", ("Harbour Council", 0))
    tomas = _entity("p2", "Tomas Brel", "PERSON", ("Tomas Brel", 0))
    survey = _at("The Harbour Council's survey")
    records = [
        _said(_at("She"), _word("She"), "the cranes were idle"),
        _said(survey, _word("survey", lemma="survey", determined=True, owner="council"), "the berths empty"),
        _said(_at("The survey"), _word("survey", 1, determined=True), "repairs may wait", certainty="hedged"),
        _said(_at("Officials"), _word("Officials", lemma="official", plural=True), "the port would reopen"),
        _said(_at("who"), _word("Tomas", relative=True), "nothing changed"),
    ]
    quotes = quotes_from_doc(_doc(records), [mira, council, tomas], "a1")
    assert [(q.speaker, q.source_type) for q in quotes] == [
        ("p1", "named"),  # "She": the person named last before
        ("o1", "document"),  # the survey's owner is the council named with it
        ("o1", "document"),  # "the survey": the document last cited
        (None, "unnamed"),
        ("p2", "named"),  # "who": the noun the relative clause is about
    ]
    assert quotes[2].certainty is Certainty.HEDGED and quotes[0].certainty is Certainty.ASSERTED
    for quote in quotes:
        for span in (quote.source_span, quote.cue_span, quote.content_span, *quote.content_parts):
            assert span is not None and TEXT[span.start : span.end] == span.text


def test_a_quote_without_a_source_word_is_unnamed() -> None:
    record = Attribution(_at("the port would reopen"), (_at("the port would reopen"),), None, None, None, False, None,
                         "asserted")
    (quote,) = quotes_from_doc(_doc([record]), [], "a1")
    assert quote.speaker is None and quote.source_type == "unnamed"
