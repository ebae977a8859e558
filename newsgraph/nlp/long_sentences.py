"""Sentence starts preset in runs of words too long to be one sentence.

Everything after the parser walks sentences: the parse tree of one, the cues of one, the
attribution tagger's window around one. A text without full stops (a list, a transcript, a
crafted input) gives the parser a "sentence" of thousands of words and each of those walks
grows with its square. So before the parser, any run of more than ``MAX_SENTENCE`` tokens without
a preset start is cut, as few times as needed, where a sentence most likely ends: after a full
stop before a capitalised word, else after a semicolon or colon, else after a comma, else at the
limit itself. Nothing is dropped; the over-long sentence becomes several. Ordinary prose is cut
only where its sentences end anyway, so the parser keeps the same sentences there.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.lines import preset_sentence_starts

__all__ = ["MAX_SENTENCE", "cut_long_runs"]

#: tokens in one sentence at most (a long sentence of news prose has 60-80)
MAX_SENTENCE = 200

_STOPS = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)]")
_SOFT = ((frozenset(";:"), 1), (frozenset(","), 2))


def _rank(doc: Doc, i: int) -> int:
    """How good token ``i`` is as a sentence start: 0 best, 3 no reason at all."""
    before, token = doc[i - 1], doc[i]
    if token.is_space:
        return 3
    last = before.text
    k = i - 1
    while last in _CLOSERS and k > max(0, i - 3):  # a full stop inside a closing quote still ends the sentence
        k -= 1
        last = doc[k].text
    if last[-1:] in _STOPS and (token.is_title or token.is_upper or not token.is_alpha):
        return 0
    for marks, rank in _SOFT:
        if before.text in marks:
            return rank
    return 3


def _best_start(doc: Doc, first: int, limit: int) -> int:
    """The start to preset for a run that begins at ``first``: the best-ranked token after
    ``first`` and at most ``limit`` tokens on, the latest of equals (fewest cuts)."""
    best, best_rank = limit, 3
    for i in range(limit, first, -1):
        rank = _rank(doc, i)
        if rank < best_rank:
            best, best_rank = i, rank
            if rank == 0:
                break
    return best


@Language.component("newsgraph_long_sentences", assigns=["token.is_sent_start"])
def cut_long_runs(doc: Doc) -> Doc:
    cuts = []
    first = 0  # where the current run without a preset start began
    i = 1
    while i < len(doc):
        token: Token = doc[i]
        if token.is_sent_start:
            first = i
        elif i - first >= MAX_SENTENCE:
            start = _best_start(doc, first, i)
            cuts.append(start)
            first = start
            i = start
        i += 1
    preset_sentence_starts(doc, cuts)
    return doc
