"""The actor graph (see :mod:`newsgraph.export.graph`) as GEXF, Gephi's own format.

Event edges whose dates are whole days also get GEXF's ``start`` and ``end``, so Gephi's
timeline can play them; a month or a year alone would need a format per edge, which GEXF
cannot say, and those edges stay undated (their ``first_date``/``last_date`` still tell).
"""

from __future__ import annotations

import re
from typing import BinaryIO

from newsgraph.export.common import require
from newsgraph.export.graph import build_graph
from newsgraph.store.base import Store

__all__ = ["write"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def write(store: Store, out: BinaryIO) -> int:
    nx = require("networkx", "gexf")
    graph = build_graph(store)
    for _, _, data in graph.edges(data=True):
        first, last = data.get("first_date", ""), data.get("last_date", "")
        if _DAY.match(first) and _DAY.match(last):
            data["start"], data["end"] = first, last
    nx.write_gexf(graph, out, encoding="utf-8")
    return int(graph.number_of_nodes() + graph.number_of_edges())
