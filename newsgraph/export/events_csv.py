"""Events as CSV, one row per event, with GDELT / PLOVER-style columns (streamed).

Columns: the event's date and its precision; each actor's entity id, name and CAMEO actor
code; the CAMEO code, root and label, GDELT's quad class and the PLOVER type; the place with
its coordinates; certainty and who reported it; how many reports and articles the event has;
and the evidence: the first reporting article, ``start``/``end`` and the ``evidence`` text,
which is ``article.text[start:end]``. Fields an event record has beyond these (a newer store
may hold more) follow under their own names, so nothing the store knows is dropped.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import chain
from typing import Any, BinaryIO

from newsgraph.export.common import text_output
from newsgraph.store.base import Store

__all__ = ["COLUMNS", "quad_class", "write"]

#: column -> the event record field it comes from (None: derived here).
_FROM_RECORD: dict[str, str | None] = {
    "event_id": "id",
    "date": "date",
    "date_precision": "date_precision",
    "source_id": "source",
    "source_name": "source_name",
    "source_code": "source_code",
    "target_id": "target",
    "target_name": "target_name",
    "target_code": "target_code",
    "cameo_code": "code",
    "cameo_root": "root",
    "cameo_label": "label",
    "quad_class": None,
    "plover": "plover",
    "place_id": "place",
    "place_name": "place_name",
    "latitude": "latitude",
    "longitude": "longitude",
    "certainty": "certainty",
    "reported_by": "reported_by",
    "reports": "reports",
    "articles": "articles",
    "article_id": "article_id",
    "article_title": "article_title",
    "published": "published",
    "start": "start",
    "end": "end",
    "evidence": "text",
}

COLUMNS = tuple(_FROM_RECORD)

# GDELT's four classes over the CAMEO roots: verbal cooperation (01-05), material
# cooperation (06-08), verbal conflict (09-13), material conflict (14-20).
_QUAD_UPPER_ROOTS = ((5, 1), (8, 2), (13, 3), (20, 4))


def quad_class(root: str | None) -> int | None:
    """GDELT's quad class of a CAMEO root code ("04" -> 1), None when it is not one."""
    if not root or not root.isdigit():
        return None
    number = int(root)
    if number < 1:
        return None
    return next((quad for upper, quad in _QUAD_UPPER_ROOTS if number <= upper), None)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def _row(data: dict[str, Any], extras: list[str]) -> list[Any]:
    row = [quad_class(data.get("root")) if field is None else data.get(field) for field in _FROM_RECORD.values()]
    row += [data.get(name) for name in extras]
    return [_cell(value) for value in row]


def write(store: Store, out: BinaryIO) -> int:
    records: Iterator[Any] = store.iter_events()
    first = next(records, None)
    known = {field for field in _FROM_RECORD.values() if field}
    extras = [name for name in first.to_dict() if name not in known] if first is not None else []
    count = 0
    with text_output(out, newline="") as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow([*COLUMNS, *extras])
        for record in chain([first] if first is not None else [], records):
            writer.writerow(_row(record.to_dict(), extras))
            count += 1
    return count
