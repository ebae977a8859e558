"""The learned attribution tagger: its label helpers, its features, and the shipped models in the real pipeline."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attribution_tagger import (
    CUE_MODEL,
    SPAN_MODEL,
    AttributionTagger,
    _runs,
    bio_labels,
    span_window,
    token_range,
)

# -- pure -------------------------------------------------------------------------------------------


def test_bio_labels_clip_to_the_window_and_runs_read_them_back():
    labels = bio_labels((10, 20), (((8, 13), "C"), ((15, 17), "S"), (None, "S")))
    assert labels == ["B-C", "I-C", "I-C", "O", "O", "B-S", "I-S", "O", "O", "O"]
    assert _runs(labels, "C") == [(0, 3)]
    assert _runs(labels, "S") == [(5, 7)]


def test_runs_split_at_a_new_begin_label():
    assert _runs(["B-CUE", "B-CUE", "I-CUE", "O", "I-CUE"], "CUE") == [(0, 1), (1, 3), (4, 5)]


# -- with the pipeline ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


@pytest.mark.model
def test_token_range_covers_partial_tokens_and_skips_spaces(nlp):
    doc = nlp("The minister said   that talks would resume.")
    said = doc.text.index("said")
    assert token_range(doc, (said + 1, said + 3)) == (2, 3)
    assert token_range(doc, (said + 4, said + 7)) is None  # spaces only
    assert token_range(doc, None) is None


@pytest.mark.model
def test_span_window_is_the_cue_sentence_and_one_either_side(nlp):
    doc = nlp("Talks failed. The envoy said they would resume. Nobody agreed. Rain fell.")
    sentences = list(doc.sents)
    said = next(t.i for t in doc if t.lower_ == "said")
    assert span_window(doc, (said, said + 1)) == (sentences[0].start, sentences[2].end)


@pytest.mark.model
@pytest.mark.skipif(not (CUE_MODEL.is_file() and SPAN_MODEL.is_file()), reason="tagger models not shipped")
def test_the_pipeline_uses_the_shipped_tagger(nlp):
    assert isinstance(nlp.get_pipe("newsgraph_quotes").tagger, AttributionTagger)


@pytest.mark.model
def test_rules_alone_when_the_tagger_is_off(nlp):
    from newsgraph.nlp.quotes import QuoteLayer

    layer = QuoteLayer(use_tagger=False)
    assert layer.tagger is None
    with nlp.select_pipes(disable=["newsgraph_quotes"]):
        doc = layer(nlp("The envoy said the talks would resume."))
    assert [q.cue_lemma for q in doc._.ng_quotes] == ["say"]


@pytest.mark.model
def test_a_content_that_cuts_a_quotation_takes_all_of_it(analyze):
    text = ('The governor said the plan was “a disaster for the farmers who grow wheat and barley in the valley” '
            'on Tuesday.')
    analysis = analyze(text)
    for quote in analysis.quotes:
        content = quote.content_span
        quotation = (text.index("“"), text.index("”") + 1)
        if content.start < quotation[1] and quotation[0] < content.end:
            assert content.start <= quotation[0] and quotation[1] <= content.end


@pytest.mark.model
def test_tagged_quotes_round_trip_and_keep_a_cue_and_content(analyze):
    text = ("Lawmakers pointed out that the budget had not passed. The senator, speaking on radio, "
            "rejected the charge. “We will not back down,” she told reporters, adding that the vote "
            "would come soon. Officials in Baghdad found little to like in the proposal.")
    analysis = analyze(text)
    assert analysis.quotes
    for quote in analysis.quotes:
        for span in (quote.source_span, quote.cue_span, quote.content_span):
            if span is not None:
                assert text[span.start:span.end] == span.text
        assert quote.content_span is not None


def test_tagger_runs_split_only_where_the_cue_source_or_a_paragraph_break_stands():
    from newsgraph.nlp.quotes.parts import joined_runs

    text = "The army, the ministry said, will not withdraw.\nIt will stay."
    at = {w: (text.index(w), text.index(w) + len(w)) for w in ("The army", "the ministry", "said", "will", "withdraw",
                                                              "It will stay")}
    cue, source = at["said"], at["the ministry"]
    # a word the tagger left out ("not") does not split what was said; the cue and source do
    runs = [at["The army"], at["will"], at["withdraw"]]
    assert joined_runs(text, runs, (cue, source)) == ((at["The army"][0], at["The army"][1]),
                                                      (at["will"][0], at["withdraw"][1]))
    assert joined_runs(text, [at["withdraw"], at["It will stay"]], (cue, None)) == (at["withdraw"], at["It will stay"])


@pytest.mark.model
def test_a_tagged_content_around_its_cue_comes_in_parts(analyze):
    text = ("“The talks are over,” the envoy told reporters in Geneva on Sunday, “and nobody will reopen them.” "
            "The army, the ministry said, will withdraw from the border by Friday.")
    analysis = analyze(text)
    split = [q for q in analysis.quotes if len(q.content_parts) > 1]
    assert len(split) == 2, [q.to_dict() for q in analysis.quotes]
    for quote in split:
        for part in quote.content_parts:
            assert text[part.start:part.end] == part.text
            for other in (quote.cue_span, quote.source_span):
                assert other is None or not (part.start < other.end and other.start < part.end)
    assert [p.text for p in split[0].content_parts] == ["“The talks are over,”", "“and nobody will reopen them.”"]
    assert split[0].direct  # the words between the two quotations do not make it indirect
    assert split[1].content_parts[0].text == "The army" and not split[1].direct


@pytest.mark.model
def test_the_tagger_content_runs_become_the_parts_less_their_commas(nlp):
    from newsgraph.nlp.attribution_tagger import TaggedAttribution
    from newsgraph.nlp.intervals import Intervals
    from newsgraph.nlp.quotes import content_parts, find_quoted
    from newsgraph.nlp.quotes.regions import Regions

    layer = nlp.get_pipe("newsgraph_quotes")
    doc = nlp("The army, the ministry said, will withdraw by Friday.")
    words = [t.text for t in doc]
    said = words.index("said")
    # the runs as the span tagger may label them: commas inside, cue and source outside
    tagged = TaggedAttribution(cue=(said, said + 1), source=(said - 2, said), content=(0, len(doc) - 1),
                               parts=((0, 3), (said + 1, len(doc) - 1)))
    quote = layer._from_tagged(doc, tagged, Regions(find_quoted(doc.text)), [], Intervals([]))
    assert doc.text[quote.content[0]:quote.content[1]] == "The army, the ministry said, will withdraw by Friday"
    assert [doc.text[s:e] for s, e in content_parts(doc, quote)] == ["The army", "will withdraw by Friday"]
