"""JSON Lines: one article per line, as a JSON object.

Fields: ``text`` or ``html`` (one is required), and optionally ``title``, ``url``,
``published``, ``source``, ``author``. Blank lines are skipped. A bad line costs that
line only, whatever is wrong with it (nesting a thousand deep, a number of ten thousand
digits, a field of the wrong type): it becomes an InputError naming ``file:line`` and
the reading goes on. The size limit applies to each line (each article), not to the
file, so a large export of small articles can be read; a longer line is skipped
without being held in memory.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsgraph.errors import InputError
from newsgraph.ingest.build import article_from_text
from newsgraph.ingest.failures import reading_failed
from newsgraph.ingest.html import article_from_html
from newsgraph.model import Article

__all__ = ["METADATA_FIELDS", "article_from_record", "iter_jsonl"]

log = logging.getLogger(__name__)

# A line over the limit is skipped this many bytes at a time.
_SKIP_CHUNK = 1 << 20

METADATA_FIELDS = ("title", "url", "published", "source", "author")


def article_from_record(record: Any, origin: str, *, max_chars: int | None = None) -> Article:
    """One decoded JSON value -> Article; InputError naming ``origin`` when it is not one."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    meta: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(origin, f"field {name!r} must be a string, got {type(value).__name__}")
        meta[name] = value
    text, html = record.get("text"), record.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(origin, f"field {name!r} must be a string, got {type(value).__name__}")
    if text and text.strip():
        return article_from_text(text, origin=origin, max_chars=max_chars, **meta)
    if html and html.strip():
        return article_from_html(html, origin=origin, max_chars=max_chars, **meta)
    raise InputError(origin, "no article text: needs a non-empty 'text' or 'html' field")


def _decode_line(raw: bytes, origin: str, first: bool) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig" if first else "utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"undecodable line: JSON Lines must be UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise InputError(origin, "malformed JSON: nested too deeply") from exc
    except ValueError as exc:  # a number of more digits than Python converts
        raise InputError(origin, f"malformed JSON: {str(exc).split(';')[0]}") from exc


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(number, line) for each line, or (number, size) for a line over ``max_bytes``,
    which is skipped without being held whole."""
    number = 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        if len(raw) <= max_bytes:
            yield number, raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := handle.readline(_SKIP_CHUNK)):
            size += len(raw)
        yield number, size


def iter_jsonl(path: Path, *, max_bytes: int, max_chars: int | None = None) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for each non-blank line of ``path``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    with handle:
        lines = _lines(handle, max_bytes)
        while True:
            try:
                number, raw = next(lines)
            except StopIteration:
                return
            except Exception as exc:  # the file itself failed (an I/O error): nothing more to read
                yield reading_failed(str(path), exc)
                return
            origin = f"{path}:{number}"
            if isinstance(raw, int):
                yield InputError(origin, f"line is {raw:,} bytes, over the limit of {max_bytes:,} (max_bytes)")
                continue
            if not raw.strip():
                continue
            try:
                yield article_from_record(_decode_line(raw, origin, number == 1), origin, max_chars=max_chars)
            except Exception as exc:  # whatever it is, it is about this one line
                yield reading_failed(origin, exc)
