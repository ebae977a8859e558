"""Readable text for the terminal, rendered from the same dicts the JSON output prints."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

__all__ = [
    "render_analysis", "render_comparisons", "render_entity", "render_entity_list", "render_events",
    "render_quantities", "render_quotes",
]

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
    names = {e["id"]: e["name"] for e in data["entities"]}
    lines += _analysis_claims(data, names)
    return "\n".join(lines)


def _mark(certainty: str) -> str:
    """Nothing for an asserted claim; its label in brackets otherwise."""
    return "" if certainty == "asserted" else f" [{certainty}]"


def _short(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _said(parts: list[str | None]) -> str:
    """What a quote says, its parts joined by an ellipsis where the cue or source splits it."""
    return _short(" … ".join(p for p in parts if p))


def _analysis_claims(data: dict[str, Any], names: dict[str, str]) -> list[str]:
    lines: list[str] = []
    quotes = data.get("quotes") or []
    if quotes:
        lines.append("\nQUOTES")
        for q in quotes:
            who = names.get(q["speaker"] or "") or (q["source_span"] or {}).get("text") or "(unknown)"
            cue = (q["cue_span"] or {}).get("text", "")
            mark = _mark(q["certainty"])
            kind = "" if q["source_type"] == "named" else f" ({q['source_type']})"
            said = _said([p["text"] for p in q.get("content_parts") or []] or [(q["content_span"] or {}).get("text")])
            lines.append(f"  {who}{kind} {cue}{mark}: {said}")
    hedged = [s for s in data.get("sentences") or [] if s.get("certainty") not in (None, "asserted")]
    if hedged:
        lines.append("\nHEDGED, NEGATED AND QUESTIONS")
        for sentence in hedged:
            cues = ", ".join(c["text"] for c in sentence.get("cues", []))
            lines.append(f"  [{sentence['certainty']}: {cues}] {_short(sentence.get('text'))}")
    quantities = data.get("quantities") or []
    if quantities:
        lines.append("\nNUMBERS")
        for n in quantities:
            about = f" about {names[n['about']]}" if n.get("about") in names else ""
            source = f", claimed by {names[n['source']]}" if n.get("source") in names else ""
            mark = _mark(n["certainty"])
            lines.append(f"  {n['text']}{about}{source}{mark}")
    events = data.get("events") or []
    if events:
        lines.append("\nEVENTS")
        by_id = {e["id"]: e for e in events}
        speakers = {q["id"]: q.get("speaker") for q in data.get("quotes") or []}
        for e in events:
            if e.get("certainty") == "alleged" and e.get("reported_by"):
                # who alleges it: the source of the accusation or claim, or the speaker of the quote
                by = by_id.get(e["reported_by"])
                who = (by.get("source"), by.get("source_code")) if by else (speakers.get(e["reported_by"]), None)
                e = {**e, "alleged_by": names.get(who[0] or "") or who[1]}
            lines.append("  " + _event_line(e, names))
    return lines


def _event_line(e: dict[str, Any], names: dict[str, str]) -> str:
    source = e.get("source_name") or names.get(e.get("source") or "") or "?"
    target = e.get("target_name") or names.get(e.get("target") or "") or "-"
    place = e.get("place_name") or (e.get("place_info") or {}).get("name") or names.get(e.get("place") or "") or ""
    when = e.get("date") or "undated"
    mark = _mark(e["certainty"])
    if e["certainty"] == "alleged" and e.get("alleged_by"):
        mark = f" [alleged by {e['alleged_by']}]"
    province = e.get("admin1") or (e.get("place_info") or {}).get("admin1")
    if place and province and province != place:
        place = f"{place} ({province})"
    inferred = e.get("place_inferred") or (e.get("place_info") or {}).get("inferred")
    where = f" {'probably in' if inferred else 'in'} {place}" if place else ""
    reports = f"  ({e['reports']} reports in {e['articles']} articles)" if e.get("articles", 1) > 1 else ""
    return f"{when:<10} {e['code']:<4} {e.get('label') or ''}: {source} -> {target}{where}{mark}{reports}"


def render_quotes(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no quotes)"
    out = []
    for q in rows:
        who = q.get("speaker_name") or q.get("source") or "(unknown)"
        role = f", {q['speaker_role']}" if q.get("speaker_role") else ""
        mark = _mark(q["certainty"])
        said = _said(q.get("content_parts") or [q.get("content")])
        quote = "“" if q["direct"] and not said.startswith(("“", '"', "«", "'")) else ""  # marks not doubled
        out.append(f"{who}{role} ({q['source_type']}) {q.get('cue') or ''}{mark}: {quote}{said}")
        out.append(f"    in {q.get('article_title') or q['article_id']}")
    return "\n".join(out)


def render_quantities(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no numbers)"
    out = []
    for n in rows:
        about = n.get("about_name") or "?"
        source = n.get("source_name") or "unattributed"
        mark = _mark(n["certainty"])
        out.append(f"{about:<24} {n['text']:<32} {source}{mark}  ({n.get('article_title') or n['article_id']})")
    return "\n".join(out)


def render_comparisons(groups: list[dict[str, Any]]) -> str:
    if not groups:
        return "(no numbers to compare: claims need the same subject and the same counted noun)"
    out = []
    for group in groups:
        name = group["claims"][0].get("about_name") or group["about"]
        verdict = "CONFLICT" if group["conflicting"] else "consistent"
        out.append(f"{name} / {group['unit']}: {verdict}")
        for n in group["claims"]:
            source = n.get("source_name") or "unattributed"
            mark = _mark(n["certainty"])
            out.append(f"    {n['text']:<32} {source}{mark}  ({n.get('article_title') or n['article_id']})")
    return "\n".join(out)


def render_events(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no events)"
    return "\n".join(_event_line(e, {}) for e in rows)


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
    shown = set()
    for app in data["appearances"]:
        where = (app["article_id"], app["sentence_start"])
        if where in shown:  # two mentions in one sentence: show the sentence once
            continue
        shown.add(where)
        sentence = " ".join(app["sentence"].split())
        lines.append(f"    [{app.get('article_title') or app['article_id']}] {sentence}")
    if data.get("others"):
        lines.append("  also matching: " + ", ".join(f"{o['name']} ({o['type']})" for o in data["others"]))
    return "\n".join(lines)
