"""Any failure while reading one input, as that input's InputError.

The readers raise InputError for every problem they foresee. Inputs are made by
anyone, so some fail in ways no reader foresaw: a parser recursing through a page
nested thousands deep, memory running out on one huge record, a library's own
ValueError on markup it does not understand. Such a failure is still about that one
input, so it is reported like the others, naming the input and the reason, and the
batch goes on. Interrupts (KeyboardInterrupt, SystemExit) are not caught: they are
not about the input.
"""

from __future__ import annotations

import logging

from newsgraph.errors import InputError

__all__ = ["over_analysis_limit", "reading_failed"]

log = logging.getLogger(__name__)


def reading_failed(origin: str, error: Exception) -> InputError:
    """The InputError for ``error``, raised while reading the input named ``origin``."""
    if isinstance(error, InputError):
        return error
    # The traceback is for whoever fixes the reader; the user gets the one line.
    log.debug("%s: unexpected failure while reading", origin, exc_info=error)
    if isinstance(error, RecursionError):
        reason = "nested too deeply to read"
    elif isinstance(error, MemoryError):
        reason = "too large to read: out of memory"
    elif isinstance(error, UnicodeError):
        reason = f"undecodable text: {error}"
    elif isinstance(error, OSError):
        reason = f"cannot be read: {error.strerror or error}"
    else:
        reason = f"cannot be read: {type(error).__name__}: {error}"
    return InputError(origin, reason)


def over_analysis_limit(origin: str, limit: int, chars: int | None = None) -> InputError:
    """The error for a text longer than the analysis takes (``newsgraph.facts.analysis.MAX_CHARS``);
    ``chars`` None when the text was refused on its size in bytes, before decoding."""
    size = f"more than {limit:,}" if chars is None else f"{chars:,}"
    return InputError(origin, f"text of {size} characters is over the analysis limit of {limit:,}")
