"""Readable text for the terminal, rendered from the same dicts the JSON output prints."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

__all__ = ["render_analysis", "render_entity", "render_entity_list"]

#: Order in which entity types are listed in a summary.
TYPE_ORDER = ("PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE")


def _type_rank(kind: str) -> int:
    return TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER)


def render_analysis(data: dict[str, Any]) -> str:
    """A summary of one article's analysis: its entities by type, with roles and mention counts."""
    article = data["article"]
    lines = [f"# {article.get('title') or '(untitled)'}", f"  id {article['id']}"]
    meta = [f"{k} {article[k]}" for k in ("source", "published", "language", "origin") if article.get(k)]
    if meta:
        lines.append("  " + " | ".join(meta))
    if not data.get("analysed", True):
        lines.append(f"  not analysed: {data.get('reason')}")
        return "\n".join(lines)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in data["entities"]:
        by_type[entity["type"]].append(entity)
    for kind in sorted(by_type, key=_type_rank):
        lines.append(f"\n{kind}")
        for entity in sorted(by_type[kind], key=lambda e: -len(e["mentions"])):
            others = [a for a in entity["aliases"] if a != entity["name"]]
            line = f"  {entity['name']}  ({len(entity['mentions'])}x)"
            if others:
                line += "  aka " + ", ".join(others)
            lines.append(line)
            for role in dict.fromkeys(r["role"] for r in entity["roles"]):
                lines.append(f"      - {role}")
    if not by_type:
        lines.append("\n(no entities found)")
    return "\n".join(lines)


def render_entity_list(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no entities)"
    width = max(len(r["name"]) for r in rows)
    out = []
    for r in rows:
        roles = f"  [{'; '.join(r['roles'][:2])}]" if r.get("roles") else ""
        out.append(f"{r['name']:<{width}}  {r['type']:<11} {r['mention_count']:>4} mentions in {r['article_count']} article(s){roles}")
    return "\n".join(out)


def render_entity(data: dict[str, Any]) -> str:
    lines = [f"{data['name']}  ({data['type']})  id {data['id']}"]
    if len(data["aliases"]) > 1:
        lines.append("  aliases: " + ", ".join(data["aliases"]))
    if data["roles"]:
        lines.append("  roles:")
        for role in data["roles"]:
            lines.append(f"    - {role['role']}  [{role['article_id']} {role['start']}:{role['end']}]")
    lines.append(f"  appears {len(data['appearances'])} time(s):")
    for app in data["appearances"]:
        sentence = " ".join(app["sentence"].split())
        lines.append(f"    [{app.get('article_title') or app['article_id']}] {sentence}")
    if data.get("others"):
        lines.append("  also matching: " + ", ".join(f"{o['name']} ({o['type']})" for o in data["others"]))
    return "\n".join(lines)
