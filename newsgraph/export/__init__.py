"""The store, written out for other tools: each format is one module with ``write(store, out)``.

    ftm         FollowTheMoney entities, one JSON object a line (Aleph / OpenAleph, the ``ftm`` tools)
    graphml     actors and their interactions as a graph (Gephi, yEd, networkx)
    gexf        the same graph in Gephi's own format, edges dated for its timeline
    events-csv  one row per event, GDELT / PLOVER-style columns
    jsonl       every statement with its provenance, one JSON object a line

Every format reads the store through its whole-store iterators, so the line formats stream
and only the graphs are held in memory. ``ftm``, ``graphml`` and ``gexf`` need the optional
packages of ``newsgraph[export]``; a missing one is an :class:`~newsgraph.errors.ExportError`.
"""

from newsgraph.export.registry import FORMATS, ExportFormat, export_store

__all__ = ["FORMATS", "ExportFormat", "export_store"]
