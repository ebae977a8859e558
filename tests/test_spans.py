"""Every span newsgraph emits round-trips: ``article.text[start:end] == text``, as a property."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.model

FIRST = ["Ali", "Qasem", "Qasim", "Hassan", "Karim", "Lina", "Samir", "Bashar"]
LAST = ["Ayoub", "Mamlouk", "Soleimani", "Suleimani", "Haddad", "al-Assad", "Nasser", "Khoury"]
TITLE = ["", "President ", "Prime Minister ", "Major General ", "Foreign Minister "]
PLACE = ["Homs", "Damascus", "Tehran", "Beirut", "Aleppo", "Baghdad", "Idlib"]
GROUP = ["Hezbollah", "the Quds Force", "Daesh", "the SDF", "Liwa Fatemiyoun", "the IRGC"]
ARABIC = ["قاسم سليماني", "بشار الأسد", "علي مملوك"]
TEMPLATES = [
    "{title}{first} {last} met {first2} {last2} in {place} on Monday.",
    "{last} said the attack by {group} near {place} killed 20 soldiers.",
    "{first} {last}, the head of {group}, visited {place}.",
    "“We will not leave {place},” {last} told reporters.",
    "According to {title}{first2} {last2}, {group} has more than 10,000 fighters.",
    "It was believed that {last} had worked with {group} since 2011.",
    "{arabic}",
    "{First} {Last} Saved {Place} from the Fate of {Group}",
]


def _fill(draw: Any, template: str) -> str:
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    values = {
        "title": pick(TITLE), "first": pick(FIRST), "last": pick(LAST), "first2": pick(FIRST),
        "last2": pick(LAST), "place": pick(PLACE), "group": pick(GROUP), "arabic": pick(ARABIC),
    }
    values.update({k.capitalize(): v.title() for k, v in list(values.items())})
    return template.format(**values)


@st.composite
def articles(draw: Any) -> str:
    templates = draw(st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=6))
    separators = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "  "]), min_size=len(templates), max_size=len(templates)))
    return "".join(_fill(draw, t) + sep for t, sep in zip(templates, separators, strict=True)).strip() + "\n"


def spans_in(data: Any) -> list[dict[str, Any]]:
    """Every dict in the analysis that carries start, end and text."""
    found = []
    if isinstance(data, dict):
        if {"start", "end", "text"} <= data.keys() and isinstance(data["start"], int):
            found.append(data)
        for key, value in data.items():
            if key != "article":
                found += spans_in(value)
    elif isinstance(data, list):
        for item in data:
            found += spans_in(item)
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles())
def test_every_span_round_trips(analyze, text: str):
    analysis = analyze(text)
    data = analysis.to_dict()
    article_text = data["article"]["text"]
    spans = spans_in(data)
    assert spans or not analysis.analysed
    for span in spans:
        assert article_text[span["start"] : span["end"]] == span["text"], span
    for entity in data["entities"]:
        for role in entity["roles"]:
            assert article_text[role["start"] : role["end"]] == role["text"]


def test_sample_article_spans_round_trip(sample_analysis):
    from newsgraph.model.evidence import iter_spans, misread_spans

    data = sample_analysis.to_dict()
    for span in spans_in(data):
        assert data["article"]["text"][span["start"] : span["end"]] == span["text"]
    assert len(list(iter_spans(sample_analysis))) > 100
    assert misread_spans(sample_analysis) == []
