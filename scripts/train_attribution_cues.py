"""Train the attribution cue model (``newsgraph/models/attribution/cue_weights.tsv``) on PolNeAR train.

Every verb outside the hand-written speech-verb list is one example: its features are
``newsgraph.nlp.attribution_model.verb_features``, its label whether an annotator marked it as the
head of an attribution cue. The model is an L2-regularised logistic regression fitted by full-batch
gradient descent (numpy only). Only feature weights are written: no text of the corpus.

    .venv/bin/python scripts/train_attribution_cues.py                      # ship: all of train
    .venv/bin/python scripts/train_attribution_cues.py --holdout 0.2 --tune # choose the threshold

``--holdout`` leaves the seeded share of train out (the split of scripts/derive_attribution_cues.py);
``--tune`` then scores the quote layer on it for several thresholds (whole-attribution exact F1).
The data is read from ../shared/data (relative to the repository root).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_attribution import POLNEAR, evaluate_docs, load_split  # noqa: E402
from derive_attribution_cues import cue_heads, holdout_names  # noqa: E402

from newsgraph.nlp.attribution_model import WEIGHTS, CueModel, noun_content, noun_features, verb_features  # noqa: E402
from newsgraph.nlp.quotes import find_quoted  # noqa: E402
from newsgraph.nlp.speech_cues import speech_verbs  # noqa: E402

log = logging.getLogger("train_attribution_cues")
SEED = 7
MIN_COUNT = 2  # features seen fewer times carry no weight
L2 = 3.0  # chosen on the held-out part of train (1.0: 44.4, 3.0: 44.5, 10.0: 43.6 triple exact F1)
STEPS = 400
HEADER = """\
# Attribution cue model: logistic-regression weights over parse features of a verb
# (newsgraph.nlp.attribution_model.verb_features). Trained by scripts/train_attribution_cues.py on the
# cue annotations of the PolNeAR 1.0 training split (Newell, Margolin & Ruths 2018; political news,
# 2016): feature weights only, no corpus text. The threshold was chosen on a seeded held-out part of train.
"""


def parse(articles: list, cache: Path | None) -> list[Doc]:
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline()
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    off = [p for p in nlp.pipe_names if p.startswith("newsgraph_") and p not in ("newsgraph_lines",)]
    with nlp.select_pipes(disable=off):
        docs = list(nlp.pipe(a[1] for a in articles))
    if cache is not None:
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def noun_heads(doc: Doc, gold: list) -> set[int]:
    """Token indices of the nouns that head a gold cue with no verb in it ("criticism of")."""
    heads = set()
    for _source, cue, _content in gold:
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue is not None else None
        if span is None or any(t.pos_ == "VERB" for t in span):
            continue
        nouns = [t for t in span if t.pos_ == "NOUN"]
        if nouns:
            heads.add(nouns[-1].i)
    return heads


def examples(docs: list[Doc], golds: list) -> tuple[list[list[str]], list[int]]:
    speech = speech_verbs()
    rows, labels = [], []
    for doc, gold in zip(docs, golds, strict=True):
        heads = cue_heads(doc, gold)
        quoted = find_quoted(doc.text)
        nouns = noun_heads(doc, gold)
        for token in doc:
            in_quote = any(s <= token.idx < e for s, e in quoted)
            if token.pos_ == "NOUN":
                content = noun_content(token)
                if content is not None:
                    rows.append(noun_features(token, content, in_quote))
                    labels.append(int(token.i in nouns))
                continue
            if token.pos_ != "VERB" or token.lemma_.lower() in speech:
                continue
            rows.append(verb_features(token, in_quote))
            labels.append(int(token.i in heads))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(names)}
    r_idx, c_idx = [], []
    for r, row in enumerate(rows):
        for name in row:
            if name in index:
                r_idx.append(r)
                c_idx.append(index[name])
    rr, cc = np.array(r_idx), np.array(c_idx)
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    g2 = np.full(len(names), 1e-8)
    for _step in range(STEPS):  # full-batch Adagrad
        z = np.bincount(rr, weights=w[cc], minlength=len(y))
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(cc, weights=(p - y)[rr], minlength=len(w)) + L2 * w
        g2 += grad**2
        w -= 0.5 * grad / np.sqrt(g2)
    log.info("%d examples (%d cues), %d features", len(y), int(y.sum()), len(names))
    return {n: float(v) for n, v in zip(names, w, strict=True) if abs(v) >= 1e-3}


def write(weights: dict[str, float], threshold: float, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write(f"# threshold\t{threshold}\n")
        for name in sorted(weights):
            out.write(f"{name}\t{weights[name]:.4f}\n")


def tune(model: CueModel, docs: list[Doc], articles: list, thresholds: list[float]) -> None:
    from newsgraph.nlp.quotes import QuoteLayer

    for threshold in thresholds:
        model.threshold = threshold
        layer = QuoteLayer(model, use_tagger=False)  # the cue model serves the rules, scored alone
        scores = evaluate_docs([layer(doc) for doc in docs], articles)
        p, r, f = scores["triple exact"].prf()
        _, _, fo = scores["triple overlap"].prf()
        log.info("threshold %.2f: triple exact P %.1f R %.1f F1 %.1f | overlap F1 %.1f",
                 threshold, 100 * p, 100 * r, 100 * f, 100 * fo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", type=float, default=0.0, help="share of train articles left out")
    parser.add_argument("--tune", action="store_true", help="score thresholds on the held-out articles")
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7],
                        help="thresholds that --tune scores")
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train split")
    parser.add_argument("--output", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (POLNEAR / "train").is_dir():
        log.error("PolNeAR train is absent at %s", POLNEAR / "train")
        return 1
    articles = load_split("train", None)
    docs = parse(articles, args.cache)
    left_out = holdout_names([a[0] for a in articles], args.holdout, SEED)
    fit_on = [(d, a) for d, a in zip(docs, articles, strict=True) if a[0] not in left_out]
    rows, labels = examples([d for d, _ in fit_on], [a[2] for _, a in fit_on])
    weights = fit(rows, labels)
    if args.tune:
        held = [(d, a) for d, a in zip(docs, articles, strict=True) if a[0] in left_out]
        tune(CueModel(weights, args.threshold), [d for d, _ in held], [a for _, a in held],
             args.thresholds)
        return 0
    write(weights, args.threshold, args.output)
    log.info("%d weights -> %s", len(weights), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
