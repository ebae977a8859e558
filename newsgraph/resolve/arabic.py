"""Arabic-script text (Arabic and Persian letters) to a plain Latin approximation.

The output is meant for matching and display hints, not for scholarly transliteration:
short vowels are not written in Arabic script, so ``romanize("محمد")`` gives ``"mhmd"``,
and the matching layer (:mod:`newsgraph.resolve.names`) compares consonant skeletons.
Characters outside the Arabic block pass through unchanged, so the function can be
applied to mixed English/Arabic text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["has_arabic", "romanize"]

logger = logging.getLogger(__name__)

_ARABIC_RUN = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06D5\u0750-\u077F]")

_ALLAH = "الله"
_ARTICLE = "ال"
_SERVANT = "عبد"
_WAW = "و"
_YA = ("ي", "ی")
_TA_MARBUTA = ("ة", "ۃ")
_HA = "ه"
# Letters that carry a long vowel after them: a waw or ya followed by one of these is a consonant.
_VOWEL_LETTERS = frozenset("اآأإىةۃ")
_SHORT_VOWELS = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u064b": "an", "\u064c": "un",
                 "\u064d": "in", "\u0670": "a"}
_SHADDA = "\u0651"
_TATWEEL = "\u0640"
_PUNCTUATION = {"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%", "\u066b": ".", "\u066c": ","}


@cache
def _table() -> dict[str, str]:
    text = resources.files("newsgraph").joinpath("data/names/arabic_latin.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        letter, latin, *_ = line.split("\t")
        table[letter] = latin
    return table


def has_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script letter."""
    return _ARABIC_LETTER.search(text) is not None


def romanize(text: str) -> str:
    """Replace every run of Arabic-script letters in ``text`` by a Latin approximation.

    ``romanize("بشار الأسد") == "bshar al-asd"``. Never raises; non-Arabic text is returned as is.
    """
    # NFKC folds presentation forms (ligatures such as lam-alif) back to plain letters.
    text = unicodedata.normalize("NFKC", text).replace(_TATWEEL, "")
    return _ARABIC_RUN.sub(lambda match: _romanize_word(match.group(0)), text)


def _romanize_word(word: str) -> str:
    if not _ARABIC_LETTER.search(word):
        return "".join(_SHORT_VOWELS.get(ch) or _other(ch) for ch in word)
    if word == _ALLAH:
        return "allah"
    if word.startswith(_ARTICLE) and len(word) > 3:
        return "al-" + _romanize_word(word[2:])
    # "Abd" is usually written joined to the divine name or to an article ("عبدالرحمن").
    if word.startswith(_SERVANT + _ARTICLE) and len(word) > 5:
        return "'abd " + _romanize_word(word[3:])
    if _ALLAH in word[1:]:
        head, _, tail = word.partition(_ALLAH)
        return _romanize_word(head) + "allah" + (_romanize_word(tail) if tail else "")
    return _letters(word)


def _other(ch: str) -> str:
    digit = unicodedata.digit(ch, None)
    if digit is not None:
        return str(digit)
    return _PUNCTUATION.get(ch, "")


def _letters(word: str) -> str:
    table = _table()
    out: list[str] = []
    last_consonant = ""
    n = len(word)
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in _SHORT_VOWELS:
            out.append(_SHORT_VOWELS[ch])
            continue
        if ch == _SHADDA:
            out.append(last_consonant)
            continue
        if ch == _WAW or ch in _YA:
            consonant = i == 0 or nxt in _VOWEL_LETTERS or nxt in _SHORT_VOWELS or nxt == _SHADDA
            if consonant:
                latin = "w" if ch == _WAW else "y"
            else:
                latin = "u" if ch == _WAW else "i"
        elif ch in _TA_MARBUTA:
            # Read as -at before a following letter (construct state), -a at the end.
            latin = "at" if nxt and _ARABIC_LETTER.match(nxt) else "a"
        elif ch == _HA and not nxt and out and out[-1] not in ("a", "i", "u", ""):
            latin = "ah"
        else:
            latin = table.get(ch) or _other(ch)
        out.append(latin)
        if latin and latin not in ("a", "i", "u"):
            last_consonant = latin
    return "".join(out)
