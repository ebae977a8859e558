"""Text normalisation, done once when an article comes in.

Every character offset newsgraph emits points into the text this module returns, so
nothing downstream may change the text again. The steps:

1. drop lone surrogates (they cannot be encoded, so they could never be stored);
2. repair mojibake and broken encodings with ftfy ("cafÃ©" -> "café");
3. drop control characters other than newline and tab (NUL, escape codes, stray BOMs);
4. turn every line ending (CR LF, CR, U+2028, U+0085...) into "\\n";
5. Unicode NFC, so "é" is one code point whatever produced it;
6. trim whitespace at both ends of the document (not of each line).

The steps repeat until the text stops changing (a repair can expose another), so
``normalize_text(normalize_text(t)) == normalize_text(t)``.
"""

from __future__ import annotations

import logging
import re
import unicodedata

import ftfy

__all__ = ["normalize_text"]

log = logging.getLogger(__name__)

# Curly quotes stay curly: they tell an opening quote from a closing one, which quote
# extraction needs. HTML entities are left alone: plain text may legitimately contain
# "&amp;", and unescaping would make normalisation depend on how many times it ran.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, normalization="NFC")

_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\u0085\x0b\x0c]")

# Passes until the text is stable; in practice one or two.
_MAX_PASSES = 4


def _drop_unwanted(text: str) -> str:
    """Remove surrogates and control characters except newline and tab.

    Format characters (category Cf: zero-width joiners, direction marks) are kept:
    Persian and Arabic spelling depends on them. The byte-order mark is the exception,
    it is an encoding artefact, never content."""
    return "".join(
        ch for ch in text if ch in "\n\t" or (unicodedata.category(ch) not in ("Cc", "Cs") and ch != "\ufeff")
    )


def _one_pass(text: str) -> str:
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    text = _LINE_BREAKS.sub("\n", text)
    text = ftfy.fix_text(text, _FTFY)
    text = _LINE_BREAKS.sub("\n", text)
    text = _drop_unwanted(text)
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def normalize_text(text: str) -> str:
    """Return the normalised form of ``text`` (see the module docstring)."""
    for _ in range(_MAX_PASSES):
        fixed = _one_pass(text)
        if fixed == text:
            return fixed
        text = fixed
    log.debug("normalisation still changing after %d passes", _MAX_PASSES)
    return text
