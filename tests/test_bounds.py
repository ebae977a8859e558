"""Analysis in bounded time and memory: sentence length cap, span-tagger window, parts, batches."""

from __future__ import annotations

import time

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.facts.parts import part_bounds
from newsgraph.ingest import article_from_text
from newsgraph.model.evidence import misread_spans
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.lines import mark_line_starts
from newsgraph.nlp.long_sentences import MAX_SENTENCE, cut_long_runs

# -- pure -------------------------------------------------------------------------------------------

ranges = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


@given(items=st.lists(ranges, max_size=30), query=ranges)
def test_intervals_find_what_a_scan_finds(items, query):
    index = Intervals((r, k) for k, r in enumerate(items))
    a, b = query
    assert sorted(k for _, k in index.overlapping(a, b)) == [k for k, r in enumerate(items) if r[0] < b and a < r[1]]
    assert sorted(k for _, k in index.containing(a, b)) == [k for k, r in enumerate(items) if r[0] <= a and b <= r[1]]



def test_parts_end_at_paragraph_breaks_and_cover_the_text():
    paragraph = "Officials met in Damascus on Monday and talked about the road. " * 4
    text = "\n\n".join([paragraph] * 30)
    bounds = part_bounds(text, 2000)
    assert len(bounds) > 1
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(end - start <= 2000 for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])


def test_parts_of_text_without_breaks_are_cut_at_the_size():
    text = "x" * 5000
    assert part_bounds(text, 2000) == [(0, 2000), (2000, 4000), (4000, 5000)]
    assert part_bounds("short", 2000) == [(0, 5)]


def test_a_long_run_without_full_stops_is_cut_into_sentences():
    nlp = spacy.blank("en")
    doc = cut_long_runs(nlp("the army moved west and " * 200))
    starts = [t.i for t in doc if t.is_sent_start] + [len(doc)]
    assert all(b - a <= MAX_SENTENCE for a, b in zip(starts, starts[1:], strict=False))


def test_a_long_run_is_cut_where_a_sentence_ends():
    nlp = spacy.blank("en")
    sentence = "The envoy met the minister in Damascus on Monday and they talked for hours about the road . "
    doc = cut_long_runs(nlp(sentence * 20))
    cut = [t for t in doc if t.is_sent_start and t.i > 0]
    assert cut and all(doc[t.i - 1].text == "." and t.text == "The" for t in cut)


def test_thousands_of_lines_are_marked_in_linear_time():
    # 20,000 short lines: 21 s of CPU when each start was set alone (spaCy scans the Doc on each)
    doc = spacy.blank("en")("Short line\n" * 20000)
    started = time.process_time()
    mark_line_starts(doc)
    assert time.process_time() - started < 3
    assert sum(1 for token in doc if token.is_sent_start) == 20000


# -- with the pipeline ------------------------------------------------------------------------------

CUES = 'He said "the army of Iran moved west," she told reporters, and they claimed '


def _cpu(run):
    started = time.process_time()
    result = run()
    return result, time.process_time() - started


@pytest.mark.model
def test_a_sentence_of_many_speech_cues_takes_seconds_not_minutes(analyze):
    # 10,000 characters of cues in one run: 48 s before the bounds (their square grew with every cue)
    result, spent = _cpu(lambda: analyze((CUES * 140).strip()))
    assert misread_spans(result) == []
    assert len(result.quotes) > 100
    assert spent < 15


@pytest.mark.model
def test_quotes_nested_deep_take_seconds_not_minutes(analyze):
    # 5,000 characters: over 300 s before
    text = "He said \"she wrote that 'they told us \u201cthe officials said \u2018" * 80
    result, spent = _cpu(lambda: analyze(text))
    assert misread_spans(result) == []
    assert spent < 15


@pytest.mark.model
def test_no_sentence_is_longer_than_the_cap(analyzer):
    doc = analyzer.nlp("the militia of Syria answered from Homs and " * 150)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE
    assert sum(len(s) for s in doc.sents) == len(doc)  # cut, not dropped


@pytest.mark.model
def test_an_article_in_parts_reads_as_one(analyzer):
    from newsgraph.facts.analysis import Analyzer

    paragraphs = [
        "Defence Minister Samir Haddad visited Homs on Monday, the ministry said.",
        "The convoy carried food for 4,000 families, officials told reporters.",
    ] * 12 + ["Haddad said the road would reopen.", '"We will not stop," Haddad told the crowd in Homs.']
    article = article_from_text("\n\n".join(paragraphs))
    parted = Analyzer(part_chars=600).analyze(article)
    assert misread_spans(parted) == []
    people = [e for e in parted.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Samir Haddad"]  # the surname in a later part is the same person
    assert people[0].mentions[-1].span.start > 600
    assert len({q.id for q in parted.quotes}) == len(parted.quotes)
    assert {q.speaker for q in parted.quotes if q.speaker} <= {e.id for e in parted.entities}
    whole = analyzer.analyze(article)
    assert len(parted.sentences) == len(whole.sentences)
    assert [s.text for s in parted.sentences] == [s.text for s in whole.sentences]


@pytest.mark.model
def test_a_batch_holds_characters_not_articles(analyzer):
    from newsgraph.facts.analysis import Analyzer

    batches: list[int] = []
    real = analyzer.nlp

    class Counting:
        def __call__(self, text):
            batches.append(len(text))
            return real(text)

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            batches.append(sum(len(t) for t in texts))
            return real.pipe(texts, **kwargs)

    counted = Analyzer()
    counted.nlp = Counting()
    articles = [article_from_text(f"Officials in Homs said talks number {k} had failed. " * 8) for k in range(6)]
    results = list(counted.analyze_many(articles, batch_chars=1000))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert len(batches) > 1 and max(batches) <= 1000
    assert [r.to_dict() for r in results] == [analyzer.analyze(a).to_dict() for a in articles]


@pytest.mark.model
def test_an_alleged_deed_in_a_later_part_still_points_at_its_accusation():
    from newsgraph.facts.analysis import Analyzer

    paragraphs = ["Aid convoys reached the northern districts on Tuesday, local officials said."] * 10 + [
        "The health ministry accused the rebels of shelling a hospital in Idlib on 4 March 2024."]
    article = article_from_text("\n\n".join(paragraphs))
    parted = Analyzer(part_chars=400).analyze(article)
    assert misread_spans(parted) == []
    ids = {e.id for e in parted.events} | {q.id for q in parted.quotes}
    alleged = [e for e in parted.events if e.certainty == "alleged"]
    assert alleged and all(e.reported_by in ids for e in alleged)
