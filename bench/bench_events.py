"""Benchmark: CAMEO event coding against the PETRARCH validation records, and speed.

Reads ``../shared/data/events`` (skips when absent):
- ``petrarch2_unittest/PETR.UnitTest.records.xml`` with its invented actors, whose names and
  codes are read from ``PETR.Validate.actors.txt`` into the actor coder (input data, bench only);
- ``udpetrarch_english/PETR2_GSR_validation.xml``: real news sentences, coded with our own
  gazetteer, lexicon and role words only.

Prints precision and recall of the codings, lenient (the right CAMEO root, whatever the actor
codes) and strict (the right root with the right source and target codes), then the right full
code and the right root with the right countries, and the strict recall by family of roots (use
of force, accusations...); then words per second of the bare spaCy pipeline, of ours without and
with the event layer, and of the whole analysis.

A deed told as alleged by an accusation or claim that is coded itself ("X accused Y of shelling
Z": the accusation, 112) is not a coding: CAMEO codes the accusation in its place.

    .venv/bin/python bench/bench_events.py [--limit N] [--show] [--no-speed]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "events"
UNIT = DATA / "petrarch2_unittest" / "PETR.UnitTest.records.xml"
UNIT_ACTORS = DATA / "petrarch2_unittest" / "PETR.Validate.actors.txt"
GSR = DATA / "udpetrarch_english" / "PETR2_GSR_validation.xml"
SAMPLE = ROOT.parent / "shared" / "samples" / "soleimani-syria-analysis.txt"

Coding = tuple[str, str, str]  # (source code, target code, event code)


def read_records(path: Path) -> list[tuple[str, str, str, list[Coding]]]:
    """(id, date, text, expected codings) per <Sentence> block; blocks marked as errors are left out."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    records = []
    for block in re.split(r"(?=<Sentence\b)", raw)[1:]:
        head = re.match(r"<Sentence\b([^>]*)>", block)
        text = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not head or not text or re.search(r"<EventCoding[^>]*\berror\s*=", block):
            continue
        attrs = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', head.group(1)))
        codings = []
        for tag in re.findall(r"<EventCoding\b([^>]*)>", block):
            fields = dict(re.findall(r'(\w+)\s*=\s*["\']([^"\']*)["\']', tag))
            if "eventcode" in fields:
                codings.append((fields.get("sourcecode", ""), fields.get("targetcode", ""), fields["eventcode"]))
        sentence = " ".join(text.group(1).split())
        if sentence:
            records.append((attrs.get("id", ""), attrs.get("date", ""), sentence, codings))
    return records


def read_actor_names(path: Path) -> dict[str, str]:
    """Names -> codes from a PETRARCH actor dictionary ("NAME_WORDS [CODE]", "+ALIAS" lines after it)."""
    names: dict[str, str] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("<"):
            continue
        match = re.match(r"^(\+?)([^\[]+?)\s*(?:\[([^\]\s]+)[^\]]*\])?\s*$", line)
        if not match:
            continue
        alias, name, code = match.groups()
        name = name.replace("_", " ").strip().lower()
        if code and not code.startswith("~"):
            current = code.upper()
        elif not alias:
            current = None
        if current and name and current != "---":
            names.setdefault(name, current)
    return names


def _date(raw: str) -> str | None:
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if re.fullmatch(r"\d{8}", raw) else None


def predict(nlp, coder, records) -> list[list[Coding]]:  # type: ignore[no-untyped-def]
    from newsgraph.facts.entities import entities_from_doc
    from newsgraph.facts.events import events_from_doc
    from newsgraph.model import Article

    out = []
    docs = nlp.pipe([r[2] for r in records], batch_size=64)
    for (rid, date, text, _), doc in zip(records, docs, strict=True):
        article = Article(id=rid or text[:20], text=text, published=_date(date))
        events = events_from_doc(doc, entities_from_doc(doc), article, coder=coder)
        ids = {e.id for e in events}
        # A CAMEO coding names both actors: events with one actor unknown are not codings.
        out.append([
            (e.source_code, e.target_code, e.code) for e in events
            if e.certainty != "negated" and e.source_code and e.target_code
            and not (e.certainty == "alleged" and e.reported_by in ids)
        ])
    return out


def score(predicted: list[list[Coding]], expected: list[list[Coding]], key: Callable[[Coding], tuple]) -> tuple[float, float, int, int, int]:
    tp = n_pred = n_gold = 0
    for pred, gold in zip(predicted, expected, strict=True):
        p, g = Counter(map(key, pred)), Counter(map(key, gold))
        tp += sum((p & g).values())
        n_pred += len(pred)
        n_gold += len(gold)
    return (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0), tp, n_pred, n_gold


KEYS: dict[str, Callable[[Coding], tuple]] = {
    "root (lenient)": lambda c: (c[2][:2],),
    "root+source+target (strict)": lambda c: (c[2][:2], c[0], c[1]),
    "full code": lambda c: (c[2],),
    "root+countries": lambda c: (c[2][:2], c[0][:3], c[1][:3]),
}
LENIENT, STRICT = "root (lenient)", "root+source+target (strict)"
#: Families of roots whose strict recall is printed on its own.
FAMILIES = {
    "statements, appeals (01-02)": ("01", "02"),
    "cooperation (03-09)": ("03", "04", "05", "06", "07", "08", "09"),
    "accusations (11)": ("11",),
    "rejections, threats, protests (10, 12-17)": ("10", "12", "13", "14", "15", "16", "17"),
    "use of force (18-20)": ("18", "19", "20"),
}


def family_recall(predicted: list[list[Coding]], expected: list[list[Coding]], roots: tuple[str, ...]) -> tuple[int, int]:
    """(right, expected) strict codings among the expected ones whose root is in ``roots``."""
    key = KEYS[STRICT]
    right = total = 0
    for pred, gold in zip(predicted, expected, strict=True):
        gold = [c for c in gold if c[2][:2] in roots]
        right += sum((Counter(map(key, pred)) & Counter(map(key, gold))).values())
        total += len(gold)
    return right, total


def show(records, predicted: list[list[Coding]]) -> None:  # type: ignore[no-untyped-def]
    """Each sentence whose codings differ from the expected ones, with both."""
    for (rid, _, text, gold), pred in zip(records, predicted, strict=True):
        if sorted(pred) != sorted(gold):
            print(f"\n[{rid}] {text}\n    gold: {gold}\n    ours: {pred}")


def report(name: str, predicted: list[list[Coding]], expected: list[list[Coding]]) -> None:
    print(f"\n{name}: {len(expected)} sentences, {sum(map(len, expected))} expected codings")
    print(f"  {'match':<28} {'precision':>9} {'recall':>7} {'F1':>6}   tp/pred/gold")
    for label, key in KEYS.items():
        p, r, tp, n_pred, n_gold = score(predicted, expected, key)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {label:<28} {p:9.3f} {r:7.3f} {f1:6.3f}   {tp}/{n_pred}/{n_gold}")
    print("  strict recall by family:")
    for label, roots in FAMILIES.items():
        right, total = family_recall(predicted, expected, roots)
        if total:
            print(f"    {label:<42} {right}/{total}")


def words_per_second(run: Callable[[], None], words: int) -> float:
    start = time.perf_counter()
    run()
    return words / (time.perf_counter() - start)


def speed(texts: list[str]) -> None:
    import spacy

    from newsgraph.facts.analysis import analysis_from_doc
    from newsgraph.model import Article
    from newsgraph.nlp import DEFAULT_MODEL, load_pipeline

    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(DEFAULT_MODEL)
    ours = load_pipeline(news_ner=True) if _has_news_ner() else load_pipeline(news_ner=False)
    list(bare.pipe(texts[:5]))  # warm up both
    list(ours.pipe(texts[:5]))
    results = {"bare spaCy": words_per_second(lambda: list(bare.pipe(texts)), words)}
    with ours.select_pipes(disable=["newsgraph_events"]):
        results["newsgraph, no events"] = words_per_second(lambda: list(ours.pipe(texts)), words)
    results["newsgraph"] = words_per_second(lambda: list(ours.pipe(texts)), words)

    def whole() -> None:
        for i, doc in enumerate(ours.pipe(texts)):
            analysis_from_doc(Article(id=str(i), text=texts[i]), doc, extractor="bench")

    results["whole analysis"] = words_per_second(whole, words)
    print(f"\nspeed over {words:,} words (one process)")
    for label, wps in results.items():
        print(f"  {label:<22} {wps:8.0f} words/s  ({wps / results['bare spaCy']:.2f} of bare)")


def _has_news_ner() -> bool:
    try:
        from newsgraph.nlp import load_pipeline
        from newsgraph.nlp.news_ner import add_news_ner  # noqa: F401

        load_pipeline(news_ner=True)
        return True
    except Exception:  # the trained model may not be there yet: measure without it
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences per record file (default: all)")
    parser.add_argument("--show", action="store_true", help="print the sentences whose codings differ")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    sys.path.insert(0, str(ROOT))
    from newsgraph.facts.actors import ActorCoder
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline(news_ner=_has_news_ner())
    texts: list[str] = []
    for name, path, actors in (("PETRARCH-2 unit tests", UNIT, UNIT_ACTORS), ("PETR-2 GSR validation", GSR, None)):
        if not path.is_file():
            print(f"{name}: skipped ({path} is absent)")
            continue
        records = read_records(path)[: args.limit]
        coder = ActorCoder(read_actor_names(actors) if actors and actors.is_file() else None)
        predicted = predict(nlp, coder, records)
        if args.show:
            show(records, predicted)
        report(name, predicted, [r[3] for r in records])
        texts += [r[2] for r in records]
    print("  (reference: an independent review found GDELT's event codes about 81% right)")
    if SAMPLE.is_file():
        texts.append(SAMPLE.read_text(encoding="utf-8"))
    if texts and not args.no_speed:
        speed(texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
