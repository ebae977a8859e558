"""Numeric claims: number reading without spaCy, then claims on the trained pipeline (marked ``model``)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsgraph.nlp.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["20,000"], (20000.0, None)),
        (["10", "thousand"], (10000.0, None)),
        (["two", "dozen"], (24.0, None)),
        (["a", "dozen"], (12.0, None)),
        (["1.5", "million"], (1_500_000.0, None)),
        (["twenty-five"], (25.0, None)),
        (["two", "hundred", "and", "fifty"], (250.0, None)),
        (["tens", "of", "thousands"], (20000.0, 90000.0)),
        (["hundreds"], (200.0, 900.0)),
        (["fighters"], None),
    ],
)
def test_parse_number(words: list[str], expected) -> None:
    assert parse_number(words) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["more", "than", "20,000", "fighters", "about", "tens", "of", "thousands",
                                 "between", "2,000", "and", "3,000", "$", "5", "million", "%", "in", "2015", "."]),
                min_size=1, max_size=14))
def test_quantity_spans_round_trip(words: list[str]) -> None:
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    for q in find_quantities(doc):
        assert 0 <= q.start <= q.number_start < q.number_end <= len(doc.text)
        assert q.start < q.end <= len(doc.text)
        assert doc.text[q.start:q.end].strip() == doc.text[q.start:q.end]


@pytest.mark.model
def test_quantities_with_holder_qualifier_and_certainty(analyze) -> None:
    analysis = analyze(
        "Tehran moved the Liwa Zainebiyoun brigade to Iraq. The Liwa Zainebiyoun brigade, which is thought to be an "
        "offshoot of the Quds Force in Iraq, expanded quickly, and the number of its men had climbed to 6,000 "
        "fighters. Other sources report that the brigade has more than 4,000 soldiers in Iraq alone. Between "
        "2,000 and 3,000 people fled in 2016, and tens of thousands of families left Brigade 313 on May 5."
    )
    text = analysis.article.text
    names = {e.id: e.name for e in analysis.entities}
    got = {q.text: q for q in analysis.quantities}
    assert all(text[q.start:q.end] == q.text for q in analysis.quantities)
    assert "2016" not in got and not any("313" in t or "May 5" in t for t in got)
    fighters = got["6,000 fighters"]
    assert (fighters.value, fighters.unit, fighters.qualifier) == (6000.0, "fighter", "exact")
    assert names.get(fighters.about) == "Liwa Zainebiyoun"
    soldiers = got["more than 4,000 soldiers"]
    assert soldiers.qualifier == "more than" and names.get(soldiers.about) == "Liwa Zainebiyoun"
    assert soldiers.source is None and soldiers.certainty == "hedged"
    fled = got["Between 2,000 and 3,000 people"]
    assert (fled.value, fled.value_max, fled.qualifier, fled.unit) == (2000.0, 3000.0, "range", "people")
    families = got["tens of thousands of families"]
    assert (families.value, families.value_max, families.unit) == (20000.0, 90000.0, "family")


@pytest.mark.model
def test_number_in_a_named_quote_has_its_speaker(analyze) -> None:
    analysis = analyze('"Hezbollah has lost about 1,200 fighters," said Hassan Nasrallah.')
    names = {e.id: e.name for e in analysis.entities}
    (q,) = analysis.quantities
    assert q.qualifier == "about" and q.unit == "fighter" and names.get(q.about) == "Hezbollah"
    if analysis.quotes:
        assert q.quote is not None and names.get(q.source) == "Hassan Nasrallah"


@pytest.mark.model
def test_a_number_in_the_words_that_split_a_quotation_is_not_claimed_in_it(analyze) -> None:
    text = '"We will hold the valley," the commander of 3,000 fighters said, "for as long as it takes."'
    analysis = analyze(text)
    [quote] = [q for q in analysis.quotes if len(q.content_parts) == 2]
    number = next(n for n in analysis.quantities if n.text.startswith("3,000"))
    assert quote.content_span.start < number.start < quote.content_span.end  # inside the envelope
    assert number.quote is None


@pytest.mark.model
def test_hedged_number_in_a_relative_clause_continued(analyze) -> None:
    analysis = analyze(
        "Tehran has recruited several local forces, such as the Zainebiyoun brigade, which is believed to be a pillar "
        "of its militias in Iraq and the number of its members had reached 12,000 fighters."
    )
    names = {e.id: e.name for e in analysis.entities}
    (q,) = [q for q in analysis.quantities if q.value == 12000]
    assert q.certainty == "hedged" and names.get(q.about) == "Liwa Zainebiyoun"


@pytest.mark.model
def test_sample_article_spans_round_trip(sample_analysis) -> None:
    text = sample_analysis.article.text
    assert sample_analysis.sentences
    for sentence in sample_analysis.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.certainty in ("asserted", "hedged", "negated", "question")
        assert all(text[c.start:c.end] == c.text for c in sentence.cues)
    for q in sample_analysis.quantities:
        assert text[q.start:q.end] == q.text


@pytest.mark.model
def test_a_number_whose_counted_noun_comes_first_still_has_its_evidence(analyze) -> None:
    # the counted noun ("voters") stands before the number it counts ("30,290 are Democrats")
    analysis = analyze(
        "The paper reports a few relevant facts: \u201cOf its 76,981 registered voters, according to data from the "
        "county office, 30,290 are Democrats, and 10,280 are Republican. I found it this week as both Haddad and "
        "Nasser \u2014 both candidates whom millions of people have trouble seeing in office \u2014 flirt with "
        "coming victories in Homs."
    )
    text = analysis.article.text
    assert analysis.quantities
    for q in analysis.quantities:
        assert q.start < q.end and text[q.start:q.end] == q.text
