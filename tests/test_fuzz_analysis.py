"""The analysis of any text, random or crafted to be hard: an Analysis whose every span reads the
article, or one of our own errors, within a time budget. Marked ``model``: it runs the real pipeline."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import article_from_text
from newsgraph.model import Analysis
from newsgraph.model.evidence import misread_spans

pytestmark = pytest.mark.model

#: seconds of CPU one text of at most a few thousand characters may take (a few tenths in practice;
#: before the bounds, a sentence of two hundred speech cues took minutes)
BUDGET = 5.0

#: pieces the crafted texts are strung from: speech cues, quote marks of every kind, names, numbers,
#: other scripts, line breaks, and no full stop unless drawn
PIECES = (
    "He said ", "she told reporters ", "they claimed that ", "according to officials, ", "officials said",
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "the army of Iran ", "Qasem Soleimani ",
    "Soleimani ", "Hezbollah ", "Damascus ", "more than 4,000 fighters ", "on Monday ", "attacked ", "met ",
    ", ", "; ", ". ", "? ", "\n", "\n\n", "\u0642\u0627\u0633\u0645 \u0633\u0644\u064a\u0645\u0627\u0646\u064a ",
    "\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 ", "\u65b0\u95fb ", "x" * 300 + " ", "!!!", "...", "(", ")",
    "Mr. ", "U.S. ", "2024-03-10 ", "\t", "-- ",
)

crafted = st.lists(st.sampled_from(PIECES), min_size=1, max_size=400).map("".join)
noise = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=1500)
punctuation = st.text(st.sampled_from(".,;:!?\"'\u201c\u201d()[]-\u2014 \n"), min_size=1, max_size=1500)


def check(analyzer, text: str) -> None:
    try:
        # told it is English, so that every text reaches the analysis rather than the language check
        article = replace(article_from_text(text), language="en")
    except NewsgraphError:
        return
    started = time.process_time()
    try:
        result = analyzer.analyze(article)
    except NewsgraphError:
        return
    spent = time.process_time() - started
    assert isinstance(result, Analysis)
    assert misread_spans(result) == []
    assert spent < BUDGET, f"{spent:.1f} s of CPU for {len(text)} characters"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=crafted)
def test_crafted_texts(analyzer, text):
    check(analyzer, text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(noise, punctuation))
def test_random_text_and_bare_punctuation(analyzer, text):
    check(analyzer, text)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(10, 60), marks=st.lists(st.sampled_from('"\'\u201c\u2018\u00ab'), min_size=1, max_size=4))
def test_quotes_nested_deep(analyzer, depth, marks):
    opened = "".join(f"{'He' if k % 2 else 'She'} said {marks[k % len(marks)]}" for k in range(depth))
    check(analyzer, opened + "the talks failed" + "".join(reversed(marks)) * depth)
