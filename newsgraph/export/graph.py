"""The actor graph both graph formats write: built in memory with networkx.

Nodes are the entities that can act or be acted on (people, organisations, armed groups,
places, nationalities), with their type, aliases, roles and mention counts. Edges are the
interactions the store holds, from actor to actor, one edge per kind of interaction:

- ``event`` edges, one per CAMEO root family ("Consult", "Fight"...), weighted by the
  number of events, dated by their first and last date;
- ``quote`` edges from a speaker to each entity their quotes name in what was said.

Every edge keeps its evidence: the ids of the articles and the ``article:start:end``
spans it was read from. GraphML and GEXF take no lists, so lists are joined with spaces
(ids and spans hold none) and names with "; ".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.export.common import events_with_reports, require, span_ref
from newsgraph.store.base import Store

__all__ = ["ACTOR_TYPES", "build_graph", "root_labels"]

#: Entity types that become nodes.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FAC", "NORP"})


@lru_cache(maxsize=1)
def root_labels() -> dict[str, str]:
    """CAMEO root code -> label, from the shipped codebook (roots are its two-digit codes).
    Read here rather than through ``nlp.cameo``, which would load spaCy for an export."""
    text = resources.files("newsgraph.data.cameo").joinpath("codes.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["code"]: row["label"] for row in csv.DictReader(lines, delimiter="\t") if len(row["code"]) == 2}


@dataclass
class _Edge:
    """One edge while it is built: the interactions of one kind between two actors."""

    attrs: dict[str, Any]
    count: int = 0
    dates: set[str] = field(default_factory=set)
    articles: dict[str, None] = field(default_factory=dict)  # ordered set
    evidence: dict[str, None] = field(default_factory=dict)
    codes: dict[str, None] = field(default_factory=dict)
    certainty: dict[str, int] = field(default_factory=dict)

    def add(self, spans: list[tuple[str, int | None, int | None]], certainty: str | None,
            date: str | None = None, code: str | None = None) -> None:
        """One interaction more, read at ``spans`` (article, start, end): an event several
        articles report counts once and keeps every report as evidence."""
        self.count += 1
        for article_id, start, end in spans:
            self.articles[article_id] = None
            self.evidence[span_ref(article_id, start, end)] = None
        if date:
            self.dates.add(date)
        if code:
            self.codes[code] = None
        if certainty:
            self.certainty[certainty] = self.certainty.get(certainty, 0) + 1

    def data(self) -> dict[str, Any]:
        data = dict(self.attrs, weight=self.count, articles=" ".join(self.articles),
                    evidence=" ".join(self.evidence),
                    certainty="; ".join(f"{name} {n}" for name, n in sorted(self.certainty.items())))
        if self.codes:
            data["cameo_codes"] = " ".join(sorted(self.codes))
        if self.dates:
            data["first_date"], data["last_date"] = min(self.dates), max(self.dates)
        return data


def build_graph(store: Store) -> Any:
    """The actor graph of the whole store: a networkx ``MultiDiGraph`` keyed by edge kind."""
    nx = require("networkx", "graph")
    graph = nx.MultiDiGraph(name="newsgraph actors")
    for entity in store.iter_entities():
        if entity.type not in ACTOR_TYPES:
            continue
        graph.add_node(entity.id, label=entity.name, type=entity.type, aliases="; ".join(entity.aliases),
                       roles="; ".join(entity.roles), mentions=entity.mention_count,
                       articles=entity.article_count)
    edges: dict[tuple[str, str, str], _Edge] = {}

    def edge(source: str | None, target: str | None, key: str, attrs: dict[str, Any]) -> _Edge | None:
        # An interaction needs two known actors; one with itself would only loop.
        if not source or not target or source == target or source not in graph or target not in graph:
            return None
        # The key is the edge's id in both files: GEXF and Gephi want it unique in the whole graph.
        edge_id = (source, target, f"{key}:{source}:{target}")
        found = edges.get(edge_id)
        if found is None:
            found = edges[edge_id] = _Edge(attrs)
        return found

    labels = root_labels()
    for event, reports in events_with_reports(store):
        attrs = {"kind": "event", "label": labels.get(event.root, event.root), "cameo_root": event.root,
                 "plover": event.plover or ""}
        found = edge(event.source, event.target, f"event-{event.root}", attrs)
        if found is not None:
            date = event.date or (event.published or "")[:10] or None
            spans = [(event.article_id, event.start, event.end), *((r.article_id, r.start, r.end) for r in reports)]
            found.add(spans, event.certainty, date, event.code)
    for link in store.iter_quote_links():
        found = edge(link.speaker, link.about, "quote", {"kind": "quote", "label": "quoted about"})
        if found is not None:
            found.add([(link.article_id, link.start, link.end)], link.certainty)
    for (source, target, key), built in edges.items():
        graph.add_edge(source, target, key=key, **built.data())
    return graph
