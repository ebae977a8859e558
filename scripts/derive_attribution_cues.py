"""Derive the attribution cue table (``newsgraph/data/cues/attribution_cues.tsv``) from PolNeAR train.

For every verb in the training articles it records the verb's lemma and frame (``ccomp``, ``xcomp``,
``dobj``, ``prep`` or ``none``, see ``newsgraph.nlp.quotes.cue_frame``) and whether an annotator
marked it as the head of an attribution cue. The table keeps, per (lemma, frame), how many times it
was a cue and how many times it occurred; the quote layer accepts a verb outside the hand-written
speech-verb list when its (lemma, frame) was a cue often enough. Only these counts are written:
no text of the corpus goes into the table.

    .venv/bin/python scripts/derive_attribution_cues.py
    .venv/bin/python scripts/derive_attribution_cues.py --holdout 0.2 --output /tmp/cues.tsv

``--holdout`` leaves a seeded share of the articles out (for tuning the acceptance thresholds on
them). The data is read from ../shared/data (relative to the repository root).
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_attribution import POLNEAR, Triple, load_split  # noqa: E402

from newsgraph.nlp.quotes import cue_frame  # noqa: E402

log = logging.getLogger("derive_attribution_cues")
OUTPUT = ROOT / "newsgraph" / "data" / "cues" / "attribution_cues.tsv"
MIN_CUES = 3  # rarer (lemma, frame) pairs say more about one article than about the language
HEADER = """\
# Attribution cues learned from data: how often a verb with a given lemma and frame heads an
# attribution cue. Derived by scripts/derive_attribution_cues.py from the cue annotations of the
# PolNeAR 1.0 training split (Newell, Margolin & Ruths 2018; political news, 2016): counts only,
# no corpus text. frame: the verb's complement as newsgraph.nlp.quotes.cue_frame reads the parse.
# Columns: lemma, frame, cues (times it headed a cue), occurrences (times it occurred as a verb).
lemma\tframe\tcues\toccurrences
"""


def holdout_names(names: list[str], share: float, seed: int = 7) -> set[str]:
    """The seeded share of article names kept out of the counts."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return set(order[: int(len(order) * share)])


def cue_heads(doc: Doc, gold: list[Triple]) -> set[int]:
    """Token indices of the verbs that head a gold cue."""
    heads = set()
    for _source, cue, _content in gold:
        if cue is None:
            continue
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if span is None:
            continue
        verbs = [t for t in span if t.pos_ == "VERB"]
        if verbs:
            heads.add(verbs[0].i)
    return heads


def count(docs: Iterable[tuple[Doc, list[Triple]]]) -> tuple[Counter, Counter]:
    """(cues, occurrences) per (lemma, frame)."""
    cues: Counter = Counter()
    seen: Counter = Counter()
    for doc, gold in docs:
        heads = cue_heads(doc, gold)
        for token in doc:
            if token.pos_ != "VERB":
                continue
            key = (token.lemma_.lower(), cue_frame(token))
            seen[key] += 1
            if token.i in heads:
                cues[key] += 1
    return cues, seen


def write_table(cues: Counter, seen: Counter, output: Path) -> int:
    rows = sorted((k for k, n in cues.items() if n >= MIN_CUES), key=lambda k: (k[0], k[1]))
    with output.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for lemma, frame in rows:
            out.write(f"{lemma}\t{frame}\t{cues[(lemma, frame)]}\t{seen[(lemma, frame)]}\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", type=float, default=0.0, help="share of train articles left out")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (POLNEAR / "train").is_dir():
        log.error("PolNeAR train is absent at %s", POLNEAR / "train")
        return 1
    from newsgraph.nlp import load_pipeline

    articles = load_split("train", None)
    left_out = holdout_names([a[0] for a in articles], args.holdout)
    articles = [a for a in articles if a[0] not in left_out]
    nlp = load_pipeline()
    off = [p for p in nlp.pipe_names if p.startswith("newsgraph_") and p not in ("newsgraph_lines",)]
    with nlp.select_pipes(disable=off):
        docs = nlp.pipe(a[1] for a in articles)
        cues, seen = count(zip(docs, (a[2] for a in articles), strict=True))
    n = write_table(cues, seen, args.output)
    log.info("%d articles, %d (lemma, frame) rows -> %s", len(articles), n, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
