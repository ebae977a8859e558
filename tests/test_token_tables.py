"""The per-Doc tables the hot loops read instead of Token objects must say what the Tokens say."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attribution_tagger import _table, token_range
from newsgraph.resolve.names import _skeleton

TEXT = (
    "BEIRUT (Wire) - The militia said on Tuesday that its fighters had shelled two villages near Homs.\n\n"
    '"We will not withdraw," a commander told reporters, adding that Iran\'s advisers remained. '
    "Did the ministry deny it? Officials in Damascus declined to comment."
)


@pytest.mark.model
def test_token_table_matches_the_tokens(analyzer):
    doc = analyzer.nlp(TEXT)
    table = _table(doc)
    for token in doc:
        i = token.i
        assert (table.lower[i], table.lemma[i], table.pos[i], table.dep[i]) == (
            token.lower_, token.lemma_.lower(), token.pos_, token.dep_)
        assert (table.t[i], table.ent[i], table.head[i]) == ("t=" + token.tag_, token.ent_type_, token.head.i)
        assert (table.title[i], table.sent_start[i]) == (token.is_title, bool(token.is_sent_start))
        assert table.children[i] == [c.i for c in token.children]


@pytest.mark.model
def test_token_range_covers_the_characters_without_spaces(analyzer):
    doc = analyzer.nlp(TEXT)
    start = TEXT.index("its fighters")
    end = start + len("its fighters")
    assert token_range(doc, (start, end)) == _tokens_at(doc, start, end)
    assert token_range(doc, (start + 1, end - 1)) == _tokens_at(doc, start, end)  # partly covered tokens count
    paragraph = TEXT.index("\n\n")
    assert token_range(doc, (paragraph, paragraph + 2)) is None  # spaces only
    assert token_range(doc, None) is None


def _tokens_at(doc, start: int, end: int) -> tuple[int, int]:
    inside = [t.i for t in doc if t.idx < end and t.idx + len(t) > start and not t.is_space]
    return inside[0], inside[-1] + 1


@pytest.mark.parametrize(("spelling", "other"), [
    ("schami", "shami"), ("tchad", "chad"), ("qusayr", "kusayr"), ("cecil", "sesil"), ("khalid", "ghalid"),
])
def test_skeleton_reads_digraphs_before_letters(spelling, other):
    assert _skeleton(spelling) == _skeleton(other)


def test_skeleton_soft_and_hard_c():
    assert _skeleton("cira") == _skeleton("sira")
    assert _skeleton("cara") == _skeleton("kara")
    assert _skeleton("") == "V"
