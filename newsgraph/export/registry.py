"""Which export formats exist, and the one function that writes any of them.

The table names each format's module without importing it: the CLI lists the formats
for ``--help`` without loading followthemoney or networkx.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from newsgraph.errors import ExportError

if TYPE_CHECKING:  # the CLI imports this module for --help: the store stays unloaded until a command needs it
    from newsgraph.store.base import Store

__all__ = ["FORMATS", "ExportFormat", "export_store"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    module: str  # under newsgraph.export; it has ``write(store, out: BinaryIO) -> int``
    unit: str  # what ``write`` counts
    help: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("ftm", "ftm", "entities", "FollowTheMoney entities as JSON Lines (Aleph / OpenAleph)"),
        ExportFormat("graphml", "graphml", "nodes and edges", "actor graph as GraphML (Gephi, yEd, networkx)"),
        ExportFormat("gexf", "gexf", "nodes and edges", "actor graph as GEXF, edges dated (Gephi)"),
        ExportFormat("events-csv", "events_csv", "events", "events as CSV, GDELT / PLOVER-style columns"),
        ExportFormat("jsonl", "jsonl", "statements", "every statement with its provenance as JSON Lines"),
    )
}


def export_store(store: Store, fmt: str, out: BinaryIO) -> int:
    """Write the whole store to ``out`` (a binary stream, left open) in format ``fmt``.
    Returns how many items were written (:attr:`ExportFormat.unit`)."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"newsgraph.export.{spec.module}")
    count: int = module.write(store, out)
    logger.info("exported %d %s as %s", count, spec.unit, fmt)
    return count
