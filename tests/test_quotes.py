"""Quotations and reported claims: quote-mark pairing, lexicons, and the real pipeline on hand-written text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model.claims import CERTAINTIES, SOURCE_TYPES
from newsgraph.nlp.quotes import QuoteSpan, content_parts, find_quoted
from newsgraph.nlp.speech_cues import document_nouns, speech_verbs, unnamed_sources

# -- pure -------------------------------------------------------------------------------------------


def test_find_quoted_pairs_straight_and_curly_marks():
    text = 'He said "we go" and “they stay” today.'
    assert [text[s:e] for s, e in find_quoted(text)] == ['"we go"', "“they stay”"]


def test_find_quoted_ends_an_open_quotation_at_the_paragraph_end():
    text = "“First paragraph runs on\n“and closes here.” Done."
    assert [text[s:e] for s, e in find_quoted(text)] == ["“First paragraph runs on", "“and closes here.”"]


@given(st.text(alphabet=st.sampled_from(list('ab "“”«»\n,.')), max_size=80))
def test_find_quoted_ranges_are_ordered_and_inside_the_text(text):
    ranges = find_quoted(text)
    previous_end = 0
    for start, end in ranges:
        assert previous_end <= start < end <= len(text)
        assert text[start] in '"“«'
        previous_end = end


def _quote(text: str, content: str, parts: tuple[str, ...] = (), cue: str | None = None, source: str | None = None):
    def at(piece: str) -> tuple[int, int]:
        return text.index(piece), text.index(piece) + len(piece)

    return QuoteSpan(content=at(content), parts=tuple(at(p) for p in parts), cue=at(cue) if cue else None,
                     source=at(source) if source else None, source_head=None, direct=False, cue_lemma=None,
                     cue_certainty="asserted")


def _parts(text: str, quote: QuoteSpan) -> list[str]:
    import spacy

    return [text[s:e] for s, e in content_parts(spacy.blank("en")(text), quote)]


def test_a_content_in_one_piece_is_its_one_part():
    text = "The ministry said that the army will withdraw."
    assert _parts(text, _quote(text, "that the army will withdraw", cue="said", source="The ministry")) == [
        "that the army will withdraw"]


def test_the_cue_and_source_inside_a_content_cut_it_and_the_cut_ends_lose_their_commas():
    text = "The army, the ministry said, will withdraw by Friday."
    quote = _quote(text, "The army, the ministry said, will withdraw by Friday", cue="said", source="the ministry")
    assert _parts(text, quote) == ["The army", "will withdraw by Friday"]


def test_quotations_keep_their_marks_and_a_paragraph_break_splits_a_part():
    text = '"We stay," he said. "The siege\nis over."'
    quote = _quote(text, text, parts=('"We stay,"', '"The siege\nis over."'), cue="said", source="he")
    assert _parts(text, quote) == ['"We stay,"', '"The siege', 'is over."']


def test_a_content_that_is_all_cue_keeps_its_envelope():
    text = "He said so."
    assert _parts(text, _quote(text, "said", cue="said")) == ["said"]


def test_lexicons_load_with_known_labels():
    verbs = speech_verbs()
    assert verbs["deny"].certainty == "negated"
    assert verbs["suggest"].certainty == "hedged"
    assert verbs["say"].certainty == "asserted"
    assert {v.certainty for v in verbs.values()} <= set(CERTAINTIES)
    assert "sources" in unnamed_sources()
    assert "report" in document_nouns()


# -- with the trained pipeline ------------------------------------------------------------------------


def _only(analysis, cue: str):
    found = [q for q in analysis.quotes if q.cue_span is not None and q.cue_span.text == cue]
    assert len(found) == 1, [q.to_dict() for q in analysis.quotes]
    return found[0]


def _name(analysis, entity_id):
    entity = analysis.entity(entity_id) if entity_id else None
    return entity.name if entity else None


@pytest.mark.model
def test_split_direct_quote_around_the_cue(analyze):
    a = analyze('"We will not leave Syria," Ali Ayoub said on Monday, "and we will keep fighting."')
    quote = _only(a, "said")
    assert quote.direct and quote.source_type == "named"
    assert _name(a, quote.speaker) == "Ali Ayoub"
    assert quote.content_span.text.startswith('"We will not') and quote.content_span.text.endswith('fighting."')
    assert [p.text for p in quote.content_parts] == ['"We will not leave Syria,"', '"and we will keep fighting."']


@pytest.mark.model
def test_speaker_before_a_colon_and_a_running_on_quotation(analyze):
    a = analyze("Analyst Rawan Roujoli says: “He was a war criminal. He planned the sieges.” “Nobody doubts it.”")
    quote = _only(a, "says")
    assert quote.direct and _name(a, quote.speaker) == "Rawan Roujoli"
    assert quote.content_span.text.endswith("“Nobody doubts it.”")  # the quotation runs on


@pytest.mark.model
def test_indirect_speech_with_pronoun_resolved(analyze):
    a = analyze("Hassan Nasrallah spoke in Beirut on Friday. He warned that Israel would pay a heavy price.")
    quote = _only(a, "warned")
    assert not quote.direct
    assert quote.content_span.text == "that Israel would pay a heavy price"
    assert quote.source_span.text == "He" and _name(a, quote.speaker) == "Hassan Nasrallah"


@pytest.mark.model
def test_according_to(analyze):
    a = analyze("According to Nicholas Heras, Qasim Soleimani saved the government in Damascus.")
    quote = _only(a, "According to")
    assert quote.source_span.text == "Nicholas Heras"
    assert quote.content_span.text == "Qasim Soleimani saved the government in Damascus"


@pytest.mark.model
@pytest.mark.parametrize("sentence, cue", [
    ("Other sources report that the brigade has 4,000 men in Iraq.", "report"),
    ("It was reported that the general had died in Baghdad.", "was reported"),  # auxiliaries belong to the cue, as in PolNeAR
    ("Analysts say that Tehran wants a corridor to the sea.", "say"),
])
def test_vague_sources_are_kept_unnamed(analyze, sentence, cue):
    quote = _only(analyze("Bashar al-Assad stayed in Damascus. " + sentence), cue)
    assert quote.source_type == "unnamed" and quote.speaker is None


@pytest.mark.model
def test_documents_and_nested_attribution(analyze):
    a = analyze("The report says that Ali Mamlouk told officers that the army would withdraw.")
    outer, inner = _only(a, "says"), _only(a, "told")
    assert outer.source_type == "document"
    assert inner.parent == outer.id and _name(a, inner.speaker) == "Ali Mamlouk"


@pytest.mark.model
def test_denial_is_negated_and_speculation_hedged(analyze):
    a = analyze("Iran denied that its troops were in Homs. Western officials suggested that they had left.")
    assert _only(a, "denied").certainty == "negated"
    assert _only(a, "suggested").certainty == "hedged"


@pytest.mark.model
def test_role_noun_resolved_to_the_person_holding_the_role(analyze):
    a = analyze("Defense Minister Ali Ayoub visited Homs in 2011. The minister said that the battle had begun.")
    quote = _only(a, "said")
    assert _name(a, quote.speaker) == "Ali Ayoub" and quote.speaker_role and "Minister" in quote.speaker_role


_SPEAKERS = ["Ali Ayoub", "He", "The report", "Sources", "Hezbollah", "The analyst"]
_CUES = ["said", "warned", "denied", "claimed", "revealed"]
_CLAIMS = ["the army left Aleppo", "Iran sent 10,000 fighters", "talks would resume in Geneva"]


@st.composite
def _articles(draw):
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        speaker, cue, claim = draw(st.sampled_from(_SPEAKERS)), draw(st.sampled_from(_CUES)), draw(st.sampled_from(_CLAIMS))
        shape = draw(st.integers(0, 3))
        sentences.append([
            f"{speaker} {cue} that {claim}.",
            f'"{claim.capitalize()}," {speaker.lower() if speaker == "He" else speaker} {cue}.',
            f"According to {speaker}, {claim}.",
            f"{speaker} {cue}: “{claim.capitalize()}.” “It is true.”",
        ][shape])
    return draw(st.sampled_from([" ", "\n\n"])).join(sentences)


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_articles())
def test_every_quote_span_is_the_article_text(analyze, text):
    analysis = analyze(text)
    article_text = analysis.article.text
    for quote in analysis.quotes:
        assert quote.source_type in SOURCE_TYPES and quote.certainty in CERTAINTIES
        for span in (quote.source_span, quote.cue_span, quote.content_span, *quote.content_parts):
            if span is not None:
                assert article_text[span.start : span.end] == span.text and span.text.strip()
        assert quote.parent is None or quote.parent in {q.id for q in analysis.quotes}
        _check_parts(quote)


def _check_parts(quote) -> None:
    """Parts lie in the content, in text order, apart from each other and from the cue and source."""
    parts, content = quote.content_parts, quote.content_span
    assert parts and content is not None
    assert content.start <= parts[0].start and parts[-1].end <= content.end
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.end < after.start and "\n" not in before.text
    for other in (quote.cue_span, quote.source_span):
        if other is not None:
            assert not any(p.start < other.end and other.start < p.end for p in parts), (other, parts)


def test_find_quoted_reads_doubled_apostrophes_as_quote_marks():
    text = "''We stay,'' he said."
    assert [text[s:e] for s, e in find_quoted(text)] == ["''We stay,''"]


def test_learned_cue_table_loads_with_known_frames():
    from newsgraph.nlp.speech_cues import FRAMES, learned_cues

    cues = learned_cues()
    assert cues and {frame for _lemma, frame in cues} <= set(FRAMES)
    assert ("criticize", "dobj") in cues


@pytest.mark.model
def test_quotation_resumes_after_its_cue_sentence_and_aux_joins_the_cue(analyze):
    analysis = analyze('"We will not leave," Ayoub has said. "This is our land."')
    quote = _only(analysis, "has said")
    assert quote.content_span.text == '"We will not leave," Ayoub has said. "This is our land."'


@pytest.mark.model
def test_learned_cue_with_an_object_is_an_attribution(analyze):
    analysis = analyze("Hamas criticized the decision to close the crossing.")
    quote = _only(analysis, "criticized")
    assert quote.content_span.text == "the decision to close the crossing"


def test_cue_model_loads_with_a_threshold_and_weights():
    from newsgraph.nlp.attribution_model import cue_model

    model = cue_model()
    assert 0.0 < model.threshold < 1.0
    assert "bias" in model.weights and "nbias" in model.weights


@pytest.mark.model
def test_mixed_quotation_takes_the_whole_reported_clause(analyze):
    a = analyze('The senator said that Clinton would have to "go more to the center" before the vote.')
    quote = _only(a, "said")
    assert quote.content_span.text.startswith("that Clinton would have to")
    assert '"go more to the center"' in quote.content_span.text


@pytest.mark.model
def test_parenthetical_cue_takes_the_clause_around_it(analyze):
    a = analyze("Many of the closures, he said, have involved public and private courses.")
    quote = _only(a, "said")
    assert quote.source_span.text == "he"
    assert quote.content_span.text == "Many of the closures, he said, have involved public and private courses"
    assert [p.text for p in quote.content_parts] == ["Many of the closures", "have involved public and private courses"]


@pytest.mark.model
def test_verb_outside_the_speech_list_decided_by_the_cue_model(analyze):
    a = analyze("Senator Warren criticized the trade agreement on Tuesday.")
    quote = _only(a, "criticized")
    assert quote.source_span.text == "Senator Warren" and "the trade agreement" in quote.content_span.text


@pytest.mark.model
def test_each_cue_of_said_adding_takes_its_own_quotation(analyze):
    a = analyze("“We have had a city in trouble,” she said, adding, “I will tell you, it is bad.”")
    assert _only(a, "said").content_span.text == "“We have had a city in trouble,”"
    assert _only(a, "adding").content_span.text == "“I will tell you, it is bad.”"


@pytest.mark.model
def test_a_quotation_that_runs_on_into_the_next_paragraph_is_one_quote_in_two_parts(analyze):
    a = analyze("“We will hold the line,” Haddad said.\n\n“Nobody will cross it.”")
    quote = _only(a, "said")
    assert [p.text for p in quote.content_parts] == ["“We will hold the line,”", "“Nobody will cross it.”"]
    _check_parts(quote)


@pytest.mark.model
def test_parenthetical_cue_before_a_quotation_keeps_its_source(analyze):
    a = analyze("That, the commission said, “would be helpful in avoiding uncertainty.”")
    quote = _only(a, "said")
    assert quote.source_span.text == "the commission"
    assert quote.content_span.text.startswith("That, the commission said, “would")


@pytest.mark.model
def test_one_word_answer_and_an_impersonal_question(analyze):
    a = analyze("Asked if he was ever bullied, the Republican presidential candidate said no.")
    assert _only(a, "said").content_span.text == "no"
    asked = _only(a, "Asked")
    assert asked.source_span is None and asked.content_span.text == "if he was ever bullied"


@pytest.mark.model
def test_passive_with_an_agent_reports_the_subject(analyze):
    a = analyze("This proposal was rejected by 64 percent of the electorate.")
    quote = _only(a, "was rejected")
    assert quote.source_span.text == "64 percent of the electorate"
    assert quote.content_span.text == "This proposal"


@pytest.mark.model
def test_headline_line_with_a_colon_cue(analyze):
    a = analyze("Senator Issa: Clinton has a problem with honesty\n\nThe senator spoke on Monday.")
    quote = _only(a, ":")
    assert quote.source_span.text == "Senator Issa" and quote.content_span.text == "Clinton has a problem with honesty"


@pytest.mark.model
def test_relative_pronoun_source_resolves_to_the_noun_it_refers_to(analyze):
    a = analyze("The study was led by Lina Haddad, a researcher in Amman, who says that the militia doubled in size.")
    quote = _only(a, "says")
    assert quote.source_type == "named" and _name(a, quote.speaker) == "Lina Haddad"
