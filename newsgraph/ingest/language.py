"""Language detection: which language an article is written in.

py3langid ships its model, so nothing is downloaded. Its answers are good on running
prose and poor on names and headings, so the text is prepared first:

* only the letters of the document's dominant script are kept, so an English article
  quoting an Arabic name (or a French one quoting an English slogan) is judged on its
  body, not on the quotation;
* lines in Title Case (headlines, section headings) are lower-cased, because capital
  letters at every word make English look like Somali or Nigerian Pidgin;
* URLs, e-mail addresses and digits are removed: they carry no language;
* in a script with capital letters, the words written in lower case are the evidence when
  there are enough of them (``COMMON_WORD_LETTERS``): capitalised words are names, headings
  and table entries, and a sports-results page of Slavic club names or athletes' names is
  still English in its "beat", "points" and "seconds"; a French or German text keeps its
  articles, verbs and (German) lower-case words, so it is still judged as what it is;
* only the first 20,000 characters are read.

The answer is an ISO 639-1 code where the language has one ("en", "ar", "fa"); regional
varieties fold into their language (Egyptian Arabic -> "ar"); a language without a
two-letter code keeps the three-letter code the model uses.

Deciding on little evidence: English is the language newsgraph analyses, so when
English scores at least half as high as the winner it is chosen (a near tie on a short
text is far more often English than Pidgin or Breton). A text with fewer than
``SHORT_TEXT_LETTERS`` letters whose best guess is below ``MIN_CONFIDENCE`` gets the
usual language of its script ("en" for Latin, "ar" for Arabic, "ru" for Cyrillic...); so
does a text in a script with capitals whose lower-case words have fewer than 20 letters: a line
of names and numbers ("Hendrik Maas ( Netherlands ) beat Jonas Berg ( Sweden ) 6-4") is short
however long it is.
A text with no letters at all is "und" (undetermined).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter

__all__ = ["COMMON_WORD_LETTERS", "MIN_CONFIDENCE", "SHORT_TEXT_LETTERS", "UNDETERMINED", "detect_language"]

log = logging.getLogger(__name__)

#: Returned for a text without a single letter.
UNDETERMINED = "und"

#: Texts with fewer letters than this are "short": a weak guess falls back to the script's language.
SHORT_TEXT_LETTERS = 40

#: Letters of lower-case words from which on only those words are classified (see the module docstring).
COMMON_WORD_LETTERS = 40

# Fewer letters of lower-case words than this is a line of names, however long: weak evidence.
_FEW_COMMON_LETTERS = 20

#: Below this probability a short text's guess is not trusted.
MIN_CONFIDENCE = 0.7

# The preferred language wins when it scores at least this fraction of the winner.
_PREFERRED = "en"
_PREFER_RATIO = 0.5

# Regional varieties the model tells apart, folded into the language they belong to.
_FOLD = {
    "ary": "ar",
    "arz": "ar",
    "uzs": "uz",
    "yue": "zh",
    "wuu": "zh",
    "sdh": "ku",
    "gug": "gn",
    "kik": "ki",
}

# The language a script most often means, for short texts the model cannot place.
_SCRIPT_DEFAULT = {
    "LATIN": "en",
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "HEBREW": "he",
    "CJK": "zh",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "DEVANAGARI": "hi",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "THAI": "th",
}

# The language is decided on the start of the text: a few pages are plenty, and
# looking at every character of a very long file would only cost time.
_SAMPLE_CHARS = 20_000

_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\d+")
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    # Loaded once per process, on first use: reading the model takes about a second.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter, as the first word of its Unicode name."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _is_title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _prepare(text: str) -> tuple[str, str, int, int]:
    """Return (text to classify, dominant script, letters of that script, letters of evidence).

    In a script with capitals the evidence is the letters of the words in lower case (names say
    little about the language they are written in); in a script without, it is every letter."""
    text = _NOISE.sub(" ", text[:_SAMPLE_CHARS])
    scripts = Counter(_script(ch) for ch in text if ch.isalpha())
    if not scripts:
        return "", "", 0, 0
    script = scripts.most_common(1)[0][0]
    lines, common = [], []
    for line in text.split("\n"):
        kept = "".join(ch if not ch.isalpha() or _script(ch) == script else " " for ch in line)
        common += (w for w in _WORD.findall(kept) if w[0].islower())
        lines.append(kept.lower() if _is_title_case(kept) else kept)
    common_letters = sum(len(w) for w in common)
    if common_letters >= COMMON_WORD_LETTERS:
        return " ".join(common), script, scripts[script], common_letters
    cased = any(ch.isupper() for ch in text if _script(ch) == script)
    prepared = " ".join(" ".join(lines).split())
    return prepared, script, scripts[script], common_letters if cased else scripts[script]


def _to_iso(code: str) -> str:
    return _FOLD.get(code, code)


def detect_language(text: str) -> str:
    """Return the language of ``text`` as an ISO 639-1 code (see the module docstring)."""
    prepared, script, letters, evidence = _prepare(text)
    if not letters:
        return UNDETERMINED
    ranked: dict[str, float] = {}
    for code, score in _identifier().rank(prepared):
        # Folded varieties add up: Egyptian and Moroccan Arabic are both Arabic.
        iso = _to_iso(code)
        ranked[iso] = ranked.get(iso, 0.0) + score
    best, confidence = max(ranked.items(), key=lambda item: item[1])
    if best != _PREFERRED and ranked.get(_PREFERRED, 0.0) >= _PREFER_RATIO * confidence:
        log.debug("near tie between %s and %s: taking %s", best, _PREFERRED, _PREFERRED)
        return _PREFERRED
    if (letters < SHORT_TEXT_LETTERS or evidence < _FEW_COMMON_LETTERS) and confidence < MIN_CONFIDENCE:
        fallback = _SCRIPT_DEFAULT.get(script, best)
        log.debug("short text, weak guess %s (%.2f): taking %s", best, confidence, fallback)
        return fallback
    if best == "zxx":  # the model's "no linguistic content"
        return _SCRIPT_DEFAULT.get(script, UNDETERMINED)
    return best
