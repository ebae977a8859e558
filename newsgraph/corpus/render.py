"""Readable text for the corpus views, from the same dicts their JSON prints."""

from __future__ import annotations

from typing import Any

from newsgraph.render import _short

__all__ = ["render_contradictions", "render_copies", "render_corroboration", "render_stats"]


def _evidence(item: dict[str, Any]) -> str:
    who = item.get("asserted_by") or item.get("claimed_by")
    by = f" (said by {who})" if who else ""
    mark = f" [{item['certainty']}]" if item.get("certainty") not in (None, "asserted") else ""
    copy = f", a copy of {item['copy_of']}" if item.get("copy_of") else ""
    title = item.get("title") or item["article_id"]
    return f"      {item['publisher']}{by}{mark}: “{_short(item.get('text'), 140)}”  ({title}{copy})"


def render_contradictions(data: dict[str, Any]) -> str:
    rows = data["contradictions"]
    if not rows:
        return "(no contradictions between independent sources)"
    kinds = ", ".join(f"{count} {kind}" for kind, count in data["kinds"].items())
    lines = [f"{data['count']} contradiction(s): {kinds}"]
    for row in rows:
        if row["kind"] == "number":
            head = f"{row['about']} / {row['unit']}: the numbers cannot both hold"
        else:
            event = row["event"]
            what = f"{event.get('label') or event['code']}: {event.get('source') or '?'} -> {event.get('target') or '-'}"
            head = {"denial": "asserted and denied", "place": "different places",
                    "date": "different dates"}[row["kind"]] + f" for {what}"
        lines.append(f"  [{row['kind']}] {head}")
        lines += [_evidence(item) for item in row["evidence"]]
    return "\n".join(lines)


def render_corroboration(data: dict[str, Any]) -> str:
    lines = []
    if data["events"]:
        lines.append("EVENTS")
        for e in data["events"]:
            place = f" in {e['place']}" if e.get("place") else ""
            lines.append(f"  {e['independent_publishers']} publisher(s), {e['articles']} article(s): "
                         f"{e.get('label') or e['code']}: {e.get('source') or '?'} -> {e.get('target') or '-'}{place}"
                         f" {e.get('date') or ''}  [{', '.join(e['publishers'])}]")
            lines += [_evidence(item) for item in e["evidence"]]
    if data["claims"]:
        lines.append("NUMBERS")
        for c in data["claims"]:
            lines.append(f"  {c['independent_publishers']} publisher(s), {c['articles']} article(s): "
                         f"{c['about']} / {c['unit']}  [{', '.join(c['publishers'])}]")
            lines += [_evidence(item) for item in c["evidence"]]
    return "\n".join(lines) or "(nothing reported by more than one article)"


def render_copies(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no near-duplicate articles)"
    return "\n".join(
        f"{r['publisher']}: {r.get('title') or r['article_id']}\n"
        f"    copies {r['copy_of_publisher']}: {r.get('copy_of_title') or r['copy_of']}  (similarity {r['similarity']:.2f})"
        for r in rows
    )


def render_stats(data: dict[str, int]) -> str:
    width = max(len(k) for k in data)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in data.items())
