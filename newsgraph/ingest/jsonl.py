"""JSON Lines: one article per line, as a JSON object.

Fields: ``text`` or ``html`` (one is required), and optionally ``title``, ``url``,
``published``, ``source``, ``author``. Blank lines are skipped. A bad line costs that
line only: it becomes an InputError naming ``file:line`` and the reading goes on.
The size limit applies to each line (each article), not to the file, so a large
export of small articles can be read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.build import article_from_text
from newsgraph.ingest.html import article_from_html
from newsgraph.model import Article

__all__ = ["METADATA_FIELDS", "article_from_record", "iter_jsonl"]

log = logging.getLogger(__name__)

METADATA_FIELDS = ("title", "url", "published", "source", "author")


def article_from_record(record: Any, origin: str) -> Article:
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
        return article_from_text(text, origin=origin, **meta)
    if html and html.strip():
        return article_from_html(html, origin=origin, **meta)
    raise InputError(origin, "no article text: needs a non-empty 'text' or 'html' field")


def iter_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for each non-blank line of ``path``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputError(
                    origin, f"line is {len(raw):,} bytes, over the limit of {max_bytes:,} (max_bytes)"
                )
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                yield InputError(origin, f"undecodable line: JSON Lines must be UTF-8 ({exc.reason})")
                continue
            except json.JSONDecodeError as exc:
                yield InputError(origin, f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            try:
                yield article_from_record(record, origin)
            except InputError as exc:
                yield exc
