"""Benchmark quotation and reported-speech attribution on PolNeAR.

Run from the repository root:  .venv/bin/python bench/bench_attribution.py [--split dev|train] [--limit N]

Scores the ``newsgraph_quotes`` component against PolNeAR's Source / Cue / Content spans:
- per role, precision / recall / F1 with exact matching (equal after trimming spaces and
  punctuation, quote marks included, at both ends) and with overlap (any shared character),
  each gold and each predicted span used at most once;
- whole attributions ("triple"): cue and content match, and the source matches (or both have none).
PolNeAR gives every word to one attribution, so attributions reported inside another's content
(``QuoteSpan.nested``) are left out of the scoring.
A discontinuous gold span counts as its envelope (first to last character) in these figures.
Contents are then also scored part by part ("content part"): every piece of every gold content
(``start end;start end`` in brat) against every part newsgraph gives a content (``QuoteSpan.parts``),
matched one to one as above; "split part" restricts that to contents in two parts or more, on both
sides. Where an article was annotated twice, the first annotation file (by name) is used.
Then the same predictions under citron's own protocol (``CitronScore``), which its published
56.7 exact / 83.2 overlap F1 on PARC 3.0 used; ``--agreement`` scores PolNeAR's two annotators
against each other where an article was annotated twice, the ceiling to read all this against.
Then words per second: the bare spaCy pipeline, newsgraph's pipeline without and with the quote
component, and the whole analysis (``Analyzer.analyze``).

Rules were tuned on train; dev is for reporting. Skips (exit 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT / ".." / "shared" / "data" / "attribution" / "polnear" / "data"

Range = tuple[int, int]
Triple = tuple[Range | None, Range | None, Range]  # source, cue, content
Parts = tuple[Range, ...]  # a content's pieces, in text order
_EDGE = " \t\n.,;:!?\"'“”‘’«»()[]—–-"


def read_ann(path: Path) -> list[Triple]:
    """The attributions of one brat standoff file, as (source, cue, content) envelopes."""
    return read_attributions(path)[0]


def read_attributions(path: Path) -> tuple[list[Triple], list[Parts]]:
    """The attributions of one brat standoff file, as (source, cue, content) envelopes, and the
    pieces of each content."""
    spans: dict[str, Range] = {}
    pieces_of: dict[str, Parts] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label_and_ranges = fields[1].split(" ", 1)
            pieces = [p.split() for p in label_and_ranges[1].split(";")]
            spans[fields[0]] = (int(pieces[0][0]), int(pieces[-1][1]))
            pieces_of[fields[0]] = tuple(sorted((int(p[0]), int(p[1])) for p in pieces))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(fields[1].split())
    triples, parts = [], []
    for args in events:
        roles = dict(arg.split(":", 1) for arg in args)
        if not any(key.startswith("Attribution") for key in roles) or "Content" not in roles:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        triples.append((source, cue, spans[roles["Content"]]))
        parts.append(pieces_of[roles["Content"]])
    return triples, parts


def load_split(split: str, limit: int | None) -> list[tuple[str, str, list[Triple], list[Parts]]]:
    """(name, text, gold attributions, their contents' pieces) per article of a PolNeAR split."""
    folder = POLNEAR / split
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        articles.append((text_path.stem, text_path.read_text(encoding="utf-8"), *read_attributions(anns[0])))
        if limit and len(articles) >= limit:
            break
    return articles


def _norm(text: str, rng: Range) -> Range:
    start, end = rng
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _same(text: str, a: Range | None, b: Range | None, exact: bool) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if exact:
        return _norm(text, a) == _norm(text, b)
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: list, pred: list, same: Callable[[object, object], bool]) -> int:
    """Greedy one-to-one matching: how many predictions find a gold item."""
    free = list(range(len(gold)))
    hits = 0
    for p in pred:
        for k, g in enumerate(free):
            if same(gold[g], p):
                hits += 1
                del free[k]
                break
    return hits


class Score:
    def __init__(self) -> None:
        self.hits = self.gold = self.pred = 0

    def add(self, hits: int, gold: int, pred: int) -> None:
        self.hits += hits
        self.gold += gold
        self.pred += pred

    def prf(self) -> tuple[float, float, float]:
        return _prf(self.hits, self.pred, self.gold)


def _tokens(doc, rng: Range | None) -> Range | None:
    """The token range covering a character range (citron counts spans in spaCy tokens)."""
    from newsgraph.nlp.attribution_tagger import token_range

    return token_range(doc, rng)


class CitronScore:
    """Citron's own protocol (its ``metrics.py``), so the figures compare with its 56.7 / 83.2.

    Spans are token ranges, compared untrimmed. A whole quote is exact when cue, source and
    content all have the same token range; a prediction is a hit when it matches any gold quote
    and a gold quote is missed when no prediction matches it (not one-to-one). Overlap is
    token-based: tokens shared between predicted and gold cue, source and content spans, summed
    over all pairs, against the summed predicted and gold lengths."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.shared = self.pred_len = self.gold_len = 0

    def add(self, doc, gold: list[Triple], pred: list[Triple]) -> None:
        gold_t = [tuple(_tokens(doc, r) for r in t) for t in gold]
        pred_t = [tuple(_tokens(doc, r) for r in t) for t in pred]
        self.tp += sum(1 for p in pred_t if p in gold_t)
        self.fp += sum(1 for p in pred_t if p not in gold_t)
        self.fn += sum(1 for g in gold_t if g not in pred_t)
        for p in pred_t:
            for g in gold_t:
                for a, b in zip(p, g, strict=True):
                    if a is not None and b is not None:
                        self.shared += max(0, min(a[1], b[1]) - max(a[0], b[0]))
        self.pred_len += sum(r[1] - r[0] for p in pred_t for r in p if r is not None)
        self.gold_len += sum(r[1] - r[0] for g in gold_t for r in g if r is not None)

    def exact(self) -> tuple[float, float, float]:
        return _prf(self.tp, self.tp + self.fp, self.tp + self.fn)

    def overlap(self) -> tuple[float, float, float]:
        return _prf(self.shared, self.pred_len, self.gold_len)


def _prf(hits: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predict(doc) -> list[Triple]:
    return [(q.source, q.cue, q.content) for q in doc._.ng_quotes or [] if not q.nested]


def predict_parts(doc) -> list[Parts]:
    """The pieces of each predicted content, in the order of :func:`predict`."""
    return [q.parts or (q.content,) for q in doc._.ng_quotes or [] if not q.nested]


def evaluate(nlp, articles, citron: CitronScore | None = None) -> dict[str, Score]:
    """Run ``nlp`` over the articles and score its attributions."""
    return evaluate_docs(nlp.pipe(a[1] for a in articles), articles, citron)


def evaluate_docs(docs, articles, citron: CitronScore | None = None) -> dict[str, Score]:
    """Score the attributions already in ``docs`` (one per article, in order)."""
    roles = ("source", "cue", "content", "triple", "content part", "split part")
    scores = {f"{role} {mode}": Score() for role in roles for mode in ("exact", "overlap")}
    for doc, article in zip(docs, articles, strict=True):
        text, gold = article[1], article[2]
        gold_parts: list[Parts] = article[3] if len(article) > 3 else [(t[2],) for t in gold]
        pred, pred_parts = predict(doc), predict_parts(doc)
        if citron is not None:
            citron.add(doc, gold, pred)
        for mode in ("exact", "overlap"):
            exact = mode == "exact"
            for k, role in enumerate(("source", "cue", "content")):
                g = [t[k] for t in gold if t[k] is not None]
                p = [t[k] for t in pred if t[k] is not None]
                same = partial(_same, text, exact=exact)
                scores[f"{role} {mode}"].add(_match(g, p, same), len(g), len(p))

            def whole(a: Triple, b: Triple, text: str = text, exact: bool = exact) -> bool:
                return all(_same(text, x, y, exact) for x, y in zip(a, b, strict=True))

            scores[f"triple {mode}"].add(_match(gold, pred, whole), len(gold), len(pred))
            for name, least in (("content part", 1), ("split part", 2)):
                g = [r for parts in gold_parts if len(parts) >= least for r in parts]
                p = [r for parts in pred_parts if len(parts) >= least for r in parts]
                scores[f"{name} {mode}"].add(_match(g, p, partial(_same, text, exact=exact)), len(g), len(p))
    return scores


def agreement(nlp, split: str) -> None:
    """How two PolNeAR annotators agree with each other, on the articles annotated twice: the
    ceiling any system's scores should be read against."""
    folder = POLNEAR / split
    scores = {role: Score() for role in ("source", "cue", "content", "triple")}
    citron = CitronScore()
    twice = 0
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if len(anns) < 2:
            continue
        twice += 1
        text = text_path.read_text(encoding="utf-8")
        first, second = read_ann(anns[0]), read_ann(anns[1])
        for k, role in enumerate(("source", "cue", "content")):
            a, b = [t[k] for t in first if t[k]], [t[k] for t in second if t[k]]
            scores[role].add(_match(a, b, partial(_same, text, exact=True)), len(a), len(b))

        def whole(x: Triple, y: Triple, text: str = text) -> bool:
            return all(_same(text, p, q, True) for p, q in zip(x, y, strict=True))

        scores["triple"].add(_match(first, second, whole), len(first), len(second))
        citron.add(nlp.make_doc(text), first, second)
    figures = ", ".join(f"{role} {100 * score.prf()[2]:.1f}" for role, score in scores.items())
    print(f"annotator agreement on {twice} {split} articles annotated twice, exact F1: {figures}; "
          f"citron's protocol {100 * citron.exact()[2]:.1f} exact / {100 * citron.overlap()[2]:.1f} overlap")


def words_per_second(run: Callable[[str], object], texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    began = time.perf_counter()
    for text in texts:
        run(text)
    return words / (time.perf_counter() - began)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--no-speed", action="store_true", help="skip the words/second measurements")
    parser.add_argument("--agreement", action="store_true",
                        help="also score PolNeAR's annotators against each other (train and dev)")
    args = parser.parse_args(argv)
    if not (POLNEAR / args.split).is_dir():
        print(f"skipped: {POLNEAR / args.split} is absent")
        return 0

    import spacy

    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest import article_from_text
    from newsgraph.nlp import DEFAULT_MODEL

    articles = load_split(args.split, args.limit)
    analyzer = Analyzer()
    nlp = analyzer.nlp
    citron = CitronScore()
    scores = evaluate(nlp, articles, citron)
    n_gold = sum(len(a[2]) for a in articles)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold attributions")
    print(f"{'':20}{'P':>7}{'R':>7}{'F1':>7}   (gold / predicted)")
    for name, score in scores.items():
        p, r, f = score.prf()
        print(f"{name:20}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}   ({score.gold} / {score.pred})")
    print("citron's protocol (token spans, untrimmed; overlap = shared tokens of all three spans):")
    for name, (p, r, f) in (("quote exact", citron.exact()), ("quote overlap", citron.overlap())):
        print(f"{name:20}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}")
    print("reference: BBC citron on PARC 3.0, 56.7 exact / 83.2 overlap F1 (citron's protocol)")
    if args.agreement:
        for split in ("train", "dev"):
            agreement(nlp, split)

    if not args.no_speed:
        texts = [a[1] for a in articles]
        bare = spacy.load(DEFAULT_MODEL)
        bare_wps = words_per_second(bare, texts)
        with nlp.select_pipes(disable=["newsgraph_quotes"]):
            without = words_per_second(nlp, texts)
        with_quotes = words_per_second(nlp, texts)
        prepared = {t: article_from_text(t) for t in texts}
        whole = words_per_second(lambda t: analyzer.analyze(prepared[t]), texts)
        print(f"words/second: bare spaCy {bare_wps:,.0f} | newsgraph pipeline without quotes {without:,.0f}"
              f" | with quotes {with_quotes:,.0f} | whole analysis {whole:,.0f} ({100 * whole / bare_wps:.0f}% of bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
