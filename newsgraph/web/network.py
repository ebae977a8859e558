"""The Network page's dict: actors as nodes, events and quotes between them as edges, laid out.

The same actors and edge kinds as the graph export (``export/graph.py``), built straight from
the store's reads because that module needs networkx, which the web extra does not install.
The layout is computed here, deterministically (a few hundred steps of a spring layout from a
circle), so the page is a plain SVG that needs no script to show; ``static/app.js`` only
pans and zooms it through its ``viewBox``.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from newsgraph.export.graph import ACTOR_TYPES, root_labels
from newsgraph.store import Store

__all__ = ["MAX_NODES", "SIZE", "network"]

#: The most actors drawn: the most mentioned among those with an edge.
MAX_NODES = 80
#: The drawing's width and height in SVG units.
SIZE = 1000
_STEPS = 120
_LABEL_ROOM = 130  # the right margin a label needs


def network(store: Store, *, type: str | None = None, family: str | None = None) -> dict[str, Any]:
    """Nodes and edges, filtered to actors of entity ``type`` and to edges of ``family`` (a CAMEO
    root such as ``19``, or ``quote``)."""
    actors = {e.id: e for e in store.iter_entities() if e.type in ACTOR_TYPES and (type is None or e.type == type)}
    labels = root_labels()
    weights: Counter[tuple[str, str, str]] = Counter()
    for event in store.iter_events():
        if family in (None, event.root):
            weights[(event.source or "", event.target or "", event.root)] += 1
    if family in (None, "quote"):
        for link in store.iter_quote_links():
            weights[(link.speaker, link.about, "quote")] += 1
    weights = Counter({k: w for k, w in weights.items() if k[0] in actors and k[1] in actors and k[0] != k[1]})
    linked = Counter[str]()
    for (source, target, _), weight in weights.items():
        linked[source] += weight
        linked[target] += weight
    chosen = sorted(linked, key=lambda i: (-actors[i].mention_count, i))[:MAX_NODES]
    keep = set(chosen)
    edges = [
        {"source": s, "target": t, "family": f, "label": "quoted about" if f == "quote" else labels.get(f, f),
         "weight": w}
        for (s, t, f), w in sorted(weights.items()) if s in keep and t in keep
    ]
    positions = _layout(chosen, [(e["source"], e["target"]) for e in edges])
    nodes = [
        {"id": i, "name": actors[i].name, "type": actors[i].type, "mentions": actors[i].mention_count,
         "x": round(positions[i][0], 1), "y": round(positions[i][1], 1),
         "r": round(4 + 3 * math.log1p(actors[i].mention_count), 1)}
        for i in chosen
    ]
    where = {n["id"]: n for n in nodes}
    for e in edges:
        e.update(x1=where[e["source"]]["x"], y1=where[e["source"]]["y"],
                 x2=where[e["target"]]["x"], y2=where[e["target"]]["y"])
    families = sorted({f for (_, _, f) in weights}, key=lambda f: (f == "quote", f))
    return {"nodes": nodes, "edges": edges, "size": SIZE, "filters": {"type": type, "family": family},
            "families": [{"code": f, "label": "quoted about" if f == "quote" else labels.get(f, f)} for f in families]}


def _layout(ids: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """A spring layout (Fruchterman-Reingold): linked actors pull together, all push apart."""
    n = len(ids)
    if n == 0:
        return {}
    centre, radius = SIZE / 2, SIZE * 0.4
    pos = {i: [centre + radius * math.cos(2 * math.pi * k / n), centre + radius * math.sin(2 * math.pi * k / n)]
           for k, i in enumerate(ids)}
    ideal = math.sqrt(SIZE * SIZE / n) * 0.6
    for step in range(_STEPS):
        heat = SIZE * 0.05 * (1 - step / _STEPS) + 1
        move = {i: [0.0, 0.0] for i in ids}
        for a in range(n):
            pa = pos[ids[a]]
            for b in range(a + 1, n):
                pb = pos[ids[b]]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                d2 = max(dx * dx + dy * dy, 0.01)
                push = ideal * ideal / d2
                move[ids[a]][0] += dx * push
                move[ids[a]][1] += dy * push
                move[ids[b]][0] -= dx * push
                move[ids[b]][1] -= dy * push
        for s, t in pairs:
            dx, dy = pos[s][0] - pos[t][0], pos[s][1] - pos[t][1]
            d = max(math.hypot(dx, dy), 0.1)
            pull = d / ideal
            move[s][0] -= dx * pull
            move[s][1] -= dy * pull
            move[t][0] += dx * pull
            move[t][1] += dy * pull
        for i in ids:
            dx, dy = move[i]
            d = max(math.hypot(dx, dy), 0.1)
            step_len = min(d, heat)
            pos[i][0] = min(SIZE - _LABEL_ROOM, max(20, pos[i][0] + dx / d * step_len))
            pos[i][1] = min(SIZE - 20, max(20, pos[i][1] + dy / d * step_len))
    return {i: (p[0], p[1]) for i, p in pos.items()}
