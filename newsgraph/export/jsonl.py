"""Every statement with its provenance, one JSON object a line (streamed).

A line is :meth:`~newsgraph.model.Statement.to_dict`, the stored statement unchanged:
its id, subject, prop, value, the article and span it was read from (``start``/``end``
null for article metadata such as the title), and the extractor and version that read it.
"""

from __future__ import annotations

import json
from typing import BinaryIO

from newsgraph.export.common import text_output
from newsgraph.store.base import Store

__all__ = ["write"]


def write(store: Store, out: BinaryIO) -> int:
    count = 0
    with text_output(out) as text:
        for statement in store.iter_statements():
            text.write(json.dumps(statement.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count
