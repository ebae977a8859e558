"""The actor graph (see :mod:`newsgraph.export.graph`) as GraphML."""

from __future__ import annotations

from typing import BinaryIO

from newsgraph.export.common import require
from newsgraph.export.graph import build_graph
from newsgraph.store.base import Store

__all__ = ["write"]


def write(store: Store, out: BinaryIO) -> int:
    nx = require("networkx", "graphml")
    graph = build_graph(store)
    nx.write_graphml(graph, out, encoding="utf-8")
    return int(graph.number_of_nodes() + graph.number_of_edges())
