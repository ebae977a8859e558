"""The reader's segments and the store's marks, without the trained pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import NotFound
from newsgraph.store import open_store
from newsgraph.web.highlight import segments
from tests.web.payloads import HAND_TEXT, hand_made_analysis


@st.composite
def text_and_marks(draw):
    text = draw(st.text(min_size=0, max_size=60))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=12))
    kinds = ("entity", "quote", "event", "number", "certainty")
    marks = [{"id": f"m{k}", "kind": kinds[k % 5], "start": min(a, b), "end": max(a, b)}
             for k, (a, b) in enumerate(spans)]
    return text, marks


@given(text_and_marks())
def test_segments_cover_the_text_and_carry_exactly_their_marks(case):
    text, marks = case
    cut = segments(text, marks)
    assert "".join(s["text"] for s in cut) == text
    assert all(text[s["start"] : s["end"]] == s["text"] and s["start"] < s["end"] for s in cut)
    for segment in cut:
        expected = {m["id"] for m in marks if m["start"] <= segment["start"] and segment["end"] <= m["end"]
                    and m["start"] < m["end"]}
        assert set(segment["marks"]) == expected
        if expected:
            lengths = {m["id"]: m["end"] - m["start"] for m in marks}
            assert lengths[segment["target"]] == min(lengths[i] for i in expected)
        else:
            assert segment["target"] is None


def test_marks_read_every_kind_at_its_span(tmp_path: Path):
    analysis = hand_made_analysis()
    with open_store(str(tmp_path / "m.db")) as store:
        store.save(analysis)
        marks = store.marks(analysis.article.id)
        with pytest.raises(NotFound):
            store.marks("art-unknown")
    assert {m.kind for m in marks} == {"entity", "role", "quote", "event", "number", "certainty"}
    assert [(m.start, m.end) for m in marks] == sorted(((m.start, m.end) for m in marks),
                                                       key=lambda span: (span[0], -span[1]))
    by_kind = {m.kind: m for m in marks}
    assert by_kind["quote"].entity_id == analysis.entities[0].id
    assert HAND_TEXT[by_kind["quote"].start : by_kind["quote"].end].endswith("stays")
    assert by_kind["event"].entity_name == analysis.entities[1].name
    assert by_kind["certainty"].certainty == "hedged"
