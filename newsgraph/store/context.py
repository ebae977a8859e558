"""The sentence around a mention, for articles stored without sentence boundaries."""

from __future__ import annotations

__all__ = ["CONTEXT_WINDOW", "surrounding_sentence"]

#: How far either side of a mention to look for a sentence boundary.
CONTEXT_WINDOW = 200

_ENDS = ".!?\n"


def surrounding_sentence(window: str, window_start: int, start: int, end: int) -> tuple[int, str]:
    """Cut the sentence holding ``[start, end)`` out of ``window``, a stretch of the
    article's text beginning at offset ``window_start``. Returns the sentence's start
    offset in the article and its text, so ``text[offset:offset + len(sentence)]`` is
    the sentence. A crude guess (abbreviations end it early) that only serves when the
    pipeline gave no sentence boundaries."""
    lo, hi = start - window_start, end - window_start
    begin = max((window.rfind(mark, 0, lo) for mark in _ENDS), default=-1) + 1
    stops = [pos for pos in (window.find(mark, hi) for mark in _ENDS) if pos != -1]
    finish = min(stops) + 1 if stops else len(window)
    sentence = window[begin:finish]
    stripped = sentence.lstrip()
    begin += len(sentence) - len(stripped)
    return window_start + begin, stripped.rstrip()
