"""What every format module needs: the optional packages, imported when used, and text
written onto the caller's binary stream."""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any, BinaryIO, TextIO

from newsgraph.errors import ExportError
from newsgraph.store.base import EventReport, Store

__all__ = ["events_with_reports", "require", "span_ref", "text_output", "tight_span"]


def require(package: str, fmt: str) -> ModuleType:
    """The optional ``package`` a format needs, or an error that says how to install it."""
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        raise ExportError(
            f"the {fmt} export needs the {package!r} package ({exc}): pip install 'newsgraph[export]'"
        ) from exc


@contextmanager
def text_output(out: BinaryIO, newline: str | None = "\n") -> Iterator[TextIO]:
    """``out`` as UTF-8 text; the caller's stream is flushed and left open."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline=newline, write_through=True)
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def span_ref(article_id: str, start: int | None, end: int | None) -> str:
    """Evidence as one string, ``article:start:end``, where a format has no fields for a span."""
    return f"{article_id}:{start}:{end}" if start is not None else article_id


def tight_span(start: int, end: int, text: str) -> tuple[int, int, str]:
    """The span without the white space at its ends. Formats that strip their values (FtM's
    text) would otherwise hold a text that its own offsets no longer read."""
    stripped = text.strip()
    if not stripped:
        return start, end, text
    lead = len(text) - len(text.lstrip())
    return start + lead, start + lead + len(stripped), stripped


def events_with_reports(store: Store) -> Iterator[tuple[Any, list[EventReport]]]:
    """Each event record with every article's report of it. Both reads come in event id order,
    so one pass over each pairs them without holding either."""
    reports = store.iter_event_reports()
    pending = next(reports, None)
    for event in store.iter_events():
        found = []
        while pending is not None and pending.event_id == event.id:
            found.append(pending)
            pending = next(reports, None)
        yield event, found
