"""Benchmark: where the attack happened and how many died, on FA-KES dev (real Syrian-war reports).

Reads ``../shared/data/news/fakes/dev.jsonl`` (skips when absent): 384 articles from 15 outlets, each
annotated by crowd workers with the governorate of the attack (``gold.location``) and its dead
(``gold.nb_civilians`` + ``gold.nb_noncivilians``). Every article goes through the public entry point,
``Analyzer.analyze_many`` on the articles ``newsgraph ingest`` reads from the file, and is scored on what
``newsgraph analyze --format json`` gives:

- placed (any): the share of articles with a violent event (CAMEO roots 18 assault, 19 fight, 20 mass
  violence; 14 protest and 15 force posture are not attacks) placed in the annotated governorate, by the
  place's name or the name of its ``place_info`` admin1 (a bare GeoNames code such as "12" does not count);
- placed (strict): the same for one event per article: the violent event whose sentence holds the death
  toll, else the first violent event;
- toll found: among articles whose toll is over zero, the share with a numeric claim equal to the toll, or
  to the civilian or the non-civilian count (a range counts when it holds one of them);
- events placed: the share of violent events (and of all events) with a geocoded place, and how many of
  those places are inferred (the article's dateline or main place, ``place_inferred``).

Governorates are compared by a folded key over the spellings the press uses ("Idleb", "Deir Ezzor",
"Rif Dimashq"); FA-KES files the Damascus countryside under "damascus", so Rif Dimashq counts as Damascus.

    .venv/bin/python bench/bench_places.py [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "news" / "fakes" / "dev.jsonl"
VIOLENT = frozenset({"18", "19", "20"})

#: FA-KES governorate label -> the spellings and GeoNames admin1 codes (SY) that name it.
GOVERNORATES: dict[str, tuple[str, ...]] = {
    "aleppo": ("aleppo", "halab"),
    "damascus": ("damascus", "dimashq", "rif dimashq", "rif dimashq governorate", "damascus countryside",
                 "rural damascus", "damascus suburbs", "reef damascus"),
    "idlib": ("idlib", "idleb", "edlib"),
    "deir ezzor": ("deir ez zor", "deir ezzor", "deir el zor", "deir al zour", "deir az zor", "dayr az zawr",
                   "deir ezzour", "deir al zor", "deir zor"),
    "raqqa": ("raqqa", "raqqah", "rakka", "ar raqqah", "al raqqah"),
    "homs": ("homs", "hims"),
    "hasakeh": ("hasakeh", "hasakah", "hasaka", "al hasakah", "al hasakeh", "hassakeh", "al hasaka"),
    "hama": ("hama", "hamah"),
    "daraa": ("daraa", "dar'a", "deraa", "dara"),
    "lattakia": ("lattakia", "latakia", "al ladhiqiyah", "ladhiqiyah"),
    "quneitra": ("quneitra", "al qunaytirah", "qunaytirah"),
    "tartous": ("tartous", "tartus", "tartus governorate"),
}


def fold(name: str) -> str:
    """Lower case ASCII without the article, apostrophes or hyphens: "Deir ez-Zor" -> "deir ez zor"."""
    from unidecode import unidecode

    key = unidecode(name).lower().replace("-", " ").replace("'", "").replace("’", "")
    key = re.sub(r"\b(governorate|province|muhafazat)\b", "", key)
    key = re.sub(r"^(al|el|ar|as|ad|ad|the) ", "", re.sub(r"\s+", " ", key).strip())
    return key


_VARIANTS = {label: {fold(v) for v in names} for label, names in GOVERNORATES.items()}


def place_names(event: dict[str, Any]) -> set[str]:
    """The folded names an event's place answers to: its own name, its admin1's name and code."""
    info = event.get("place_info") or {}
    names = {info.get("name"), info.get("mentioned"), info.get("admin1"), info.get("admin1_name")}
    if (info.get("country") or "SYR") != "SYR":
        return set()
    return {fold(str(n)) for n in names if n}


def in_governorate(event: dict[str, Any], label: str) -> bool:
    return bool(place_names(event) & _VARIANTS[label])


def toll_of(gold: dict[str, str]) -> tuple[int, set[int]]:
    """(total dead, the counts an article may state it as)."""
    civilians, others = int(gold["nb_civilians"] or 0), int(gold["nb_noncivilians"] or 0)
    return civilians + others, {n for n in (civilians + others, civilians, others) if n > 0}


def _states(quantity: dict[str, Any], counts: set[int]) -> bool:
    low, high = quantity["value"], quantity.get("value_max")
    if high is None:
        return int(low) == low and int(low) in counts
    return any(low <= n <= high for n in counts)


def score_article(analysis: dict[str, Any], gold: dict[str, str]) -> dict[str, Any]:
    """What one article scores: placed (any), placed (strict), toll stated, and the event counts."""
    label = gold["location"]
    violent = [e for e in analysis["events"] if e["root"] in VIOLENT]
    total, counts = toll_of(gold)
    tolls = [q for q in analysis["quantities"] if _states(q, counts)]
    strict = violent[0] if violent else None
    for quantity in tolls:
        holding = [e for e in violent if e["start"] <= quantity["start"] and quantity["end"] <= e["end"]]
        sentence = next((s for s in analysis["sentences"] if s["start"] <= quantity["start"] < s["end"]), None)
        if not holding and sentence is not None:
            holding = [e for e in violent if sentence["start"] <= e["start"] < sentence["end"]]
        if holding:
            strict = holding[0]
            break
    return {
        "placed_any": any(in_governorate(e, label) for e in violent),
        "placed_stated": any(in_governorate(e, label) and not e.get("place_inferred") for e in violent),
        "placed_strict": strict is not None and in_governorate(strict, label),
        "has_violent": bool(violent),
        "toll": total > 0,
        "toll_found": total > 0 and bool(tolls),
        "violent": len(violent),
        "violent_placed": sum(1 for e in violent if e.get("place_info")),
        "events": len(analysis["events"]),
        "events_placed": sum(1 for e in analysis["events"] if e.get("place_info")),
        "inferred": sum(1 for e in violent if e.get("place_inferred")),
    }


def summarise(scores: list[dict[str, Any]]) -> dict[str, float]:
    n = len(scores)
    tolls = [s for s in scores if s["toll"]]
    violent = sum(s["violent"] for s in scores)
    events = sum(s["events"] for s in scores)
    return {
        "articles": n,
        "with_violent_event": sum(s["has_violent"] for s in scores) / n,
        "placed_any": sum(s["placed_any"] for s in scores) / n,
        "placed_strict": sum(s["placed_strict"] for s in scores) / n,
        "placed_stated": sum(s["placed_stated"] for s in scores) / n,
        "toll_articles": len(tolls),
        "toll_found": sum(s["toll_found"] for s in tolls) / max(1, len(tolls)),
        "violent_events": violent,
        "violent_with_place": sum(s["violent_placed"] for s in scores) / max(1, violent),
        "violent_place_inferred": sum(s["inferred"] for s in scores) / max(1, violent),
        "events_with_place": sum(s["events_placed"] for s in scores) / max(1, events),
    }


def read_gold(path: Path = DEV) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyse(path: Path, limit: int | None, analyzer: Any = None) -> Iterable[tuple[dict[str, Any], int]]:
    """(analysis as JSON, line index) for the first ``limit`` articles of ``path``, read as ``ingest`` reads them."""
    from itertools import islice

    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest.jsonl import iter_jsonl

    analyzer = analyzer or Analyzer()
    articles = islice(iter_jsonl(path, max_bytes=10_000_000), limit)
    for index, result in enumerate(analyzer.analyze_many(articles)):
        if isinstance(result, Exception):
            raise result
        yield result.to_dict(), index


def evaluate(path: Path = DEV, limit: int | None = None, analyzer: Any = None,
             show: int = 0, dump: Path | None = None) -> dict[str, float]:
    records = read_gold(path)
    scores = []
    out = dump.open("w", encoding="utf-8") if dump else None
    for analysis, index in analyse(path, limit, analyzer):
        if out is not None:
            out.write(json.dumps(analysis) + "\n")
        gold = records[index]["gold"]
        score = score_article(analysis, gold)
        scores.append(score)
        if show and not score["placed_strict"]:
            show -= 1
            violent = [e for e in analysis["events"] if e["root"] in VIOLENT]
            print(f"--- {records[index]['id']} gold={gold['location']}: {records[index]['title']}")
            for event in violent[:4]:
                info = event.get("place_info") or {}
                print(f"    {event['code']} {event['text'][:90]!r} -> {info.get('name')} / {info.get('admin1')}{' (inferred)' if info.get('inferred') else ''}")
    if out is not None:
        out.close()
    return summarise(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print N articles whose strict event is misplaced")
    parser.add_argument("--dump", type=Path, default=None, help="write each analysis (JSON Lines) to this file")
    args = parser.parse_args(argv)
    if not DEV.exists():
        print(f"skipped: {DEV} is not here")
        return 0
    began = time.perf_counter()
    summary = evaluate(DEV, args.limit, show=args.show, dump=args.dump)
    print(f"FA-KES dev, {summary['articles']} articles ({time.perf_counter() - began:.0f} s)")
    print(f"  articles with a violent event (CAMEO 18-20)          {summary['with_violent_event']:.3f}")
    print(f"  violent event placed in the governorate (any)        {summary['placed_any']:.3f}")
    print(f"  violent event placed in the governorate (strict)     {summary['placed_strict']:.3f}")
    print(f"    (any, by a place the text states, not inferred)    {summary['placed_stated']:.3f}")
    print(f"  death toll found as a numeric claim ({summary['toll_articles']} articles)   {summary['toll_found']:.3f}")
    print(f"  violent events with a place ({summary['violent_events']})                {summary['violent_with_place']:.3f}")
    print(f"    of which inferred (dateline / main place)          {summary['violent_place_inferred']:.3f}")
    print(f"  events with a place                                  {summary['events_with_place']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
