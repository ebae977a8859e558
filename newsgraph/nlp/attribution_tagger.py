"""Learned attribution spans: two small CRFs over the parse, stacked on the quote rules.

The rules in ``newsgraph.nlp.quotes`` find most attributions but miss many cues that annotated
news counts ("found little unity on", "pointed out") and often draw a span's edge one word off
the annotators' ("that" opens a reported clause; a closing quote mark belongs to it). Two linear-chain
CRFs (python-crfsuite), trained on PolNeAR train by ``scripts/train_attribution_tagger.py``, fix that:

1. the *cue tagger* labels every token of a sentence ``B-CUE`` / ``I-CUE`` / ``O``, from the word,
   its parse, whether it is quoted, the speech-verb lexicon and what the rules made of it;
2. for each cue, the *span tagger* labels the tokens of the cue's sentence and its neighbours
   ``B-S`` / ``I-S`` (source), ``B-C`` / ``I-C`` (content) or ``O``, from where each token stands
   relative to the cue in the parse (inside its clausal complement, its subject, above it...) and
   from the rules' source and content for that cue.

Feature extraction lives here so that training and tagging read the parse the same way.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_TITLE, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from newsgraph.errors import ModelError

__all__ = [
    "CUE_MODEL", "SPAN_MODEL", "AttributionTagger", "bio_labels", "Marks", "TaggedAttribution",
    "attribution_tagger", "cue_sequence", "span_sequence", "span_head", "span_window", "token_bounds",
    "token_range",
]

log = logging.getLogger(__name__)

MODELS = Path(__file__).resolve().parent.parent / "models" / "attribution"
CUE_MODEL = MODELS / "cues.crfsuite"
SPAN_MODEL = MODELS / "spans.crfsuite"

TokenRange = tuple[int, int]  # token indices, end exclusive
#: the rules' content for a cue is kept when the span tagger gives its labelling at least this share
#: of the probability of its own best one (chosen on a held-out tenth of PolNeAR train: whole-attribution
#: exact F1 46.0 at 0.001, 46.8 at 0.01, 47.1 at 0.1, 46.7 at 0.3, 45.9 at 1)
RULE_SHARE = 0.1
Features = list[str]
#: tokens either side of a cue that the span tagger reads at most: every cue costs a bounded number of
#: feature rows, whatever the sentence (on PolNeAR dev no attribution reaches further; see BENCHMARKS.md)
SPAN_REACH = 80
#: feature rows the span tagger may read per token of a sentence, all its cues together: where cues
#: crowd a sentence (a crafted text of nothing but "he said"), each reads less of it (never under
#: ``MIN_REACH`` either side), so that a sentence costs a bounded multiple of its length
ROWS_PER_TOKEN = 16
MIN_REACH = 8


@dataclass(frozen=True, slots=True)
class Marks:
    """What the rest of the pipeline already knows about each token of a Doc."""

    quoted: Sequence[bool]  # inside a quotation, quote marks included
    rule_role: Sequence[str]  # "cue" | "source" | "content" | "" from the rule layer's attributions
    lexicon: frozenset[str]  # lemmas of the hand-written speech verbs


@dataclass(frozen=True, slots=True)
class TaggedAttribution:
    cue: TokenRange
    source: TokenRange | None
    content: TokenRange
    #: the content's runs of tokens as the span tagger labelled them, in order; empty where the
    #: rules' content stands (the rules know its pieces)
    parts: tuple[TokenRange, ...] = ()


def _bucket(n: int) -> str:
    n = abs(n)
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


class _Table:
    """A Doc's token attributes read once into lists (cached on the Doc): the taggers read every
    token of a sentence once per cue, and a Token object and its string lookups cost far more than
    a list index."""

    __slots__ = ("w", "l", "p", "t", "d", "pos", "lemma", "lower", "head", "children", "dep", "ent", "sent_start", "title")

    def __init__(self, doc: Doc) -> None:
        # one array read of the Doc, not a Token object per token: the strings come from their hashes
        rows = doc.to_array([LOWER, LEMMA, POS, DEP, TAG, ENT_TYPE, IS_TITLE, SENT_START]).tolist()
        store = doc.vocab.strings
        names: dict[int, str] = {0: ""}

        def text(key: int) -> str:
            if key not in names:
                names[key] = store[key]
            return names[key]

        lower = [text(r[0]) for r in rows]
        lemma = [text(r[1]).lower() for r in rows]
        pos = [text(r[2]) for r in rows]
        dep = [text(r[3]) for r in rows]
        tag = [text(r[4]) for r in rows]
        ent = [text(r[5]) for r in rows]
        title = [r[6] == 1 for r in rows]
        sent_start = [r[7] == 1 for r in rows]  # 1 starts a sentence; -1 (as unsigned) and 0 do not
        head = [i + h for i, h in enumerate(doc.to_array(HEAD).astype("int64").tolist())]
        self.lower, self.lemma, self.pos, self.dep, self.head = lower, lemma, pos, dep, head
        self.ent, self.sent_start, self.title = ent, sent_start, title
        self.w = ["w=" + x for x in lower]
        self.l = ["l=" + x for x in lemma]  # noqa: E741 - the feature's own letter
        self.p = ["p=" + x for x in pos]
        self.t = ["t=" + x for x in tag]
        self.d = ["d=" + x for x in dep]
        # a token's children in order of position, as Token.children gives them
        self.children: list[list[int]] = [[] for _ in doc]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)


def _table(doc: Doc) -> _Table:
    cached = doc.user_data.get("ng_token_table")
    if cached is None or len(cached.head) != len(doc):
        cached = doc.user_data["ng_token_table"] = _Table(doc)
    return cached


def _token_features(table: _Table, i: int, marks: Marks) -> Features:
    lemma = table.lemma[i]
    head = table.head[i]
    dep = table.dep
    features = [
        table.w[i], table.l[i], table.p[i], table.t[i], table.d[i],
        "hl=" + table.lemma[head], "hd=" + dep[i] + "/" + table.pos[head],
        "q=" + str(marks.quoted[i]), "r=" + marks.rule_role[i],
    ]
    if lemma in marks.lexicon:
        features.append("lex")
    if table.lemma[head] in marks.lexicon:
        features.append("hlex")
    children = table.children[i]
    for child in children:
        if dep[child] in ("nsubj", "nsubjpass"):
            features.append("subj=" + (table.ent[child] or table.pos[child]))
        elif dep[child] == "ccomp":
            features.extend("ccomp:" + table.lower[c] for c in table.children[child] if dep[c] == "mark")
    if table.sent_start[i]:
        features.append("s0")
    if table.title[i]:
        features.append("title")
    features.extend("k=" + dep[child] for child in children)
    return features


#: positions, in a token's feature row, of the features its neighbours copy at distance 1 and 2
#: (cue rows open with w l p t d hl hd q r; span rows with w l p d q ... rel ... rs rc, see below)
_CUE_NEAR, _CUE_FAR = (0, 2, 8, 4, 7), (0, 2, 7)


def _with_context(rows: list[Features], near: Sequence[int], far: Sequence[int]) -> list[Features]:
    """Each row with the chosen features of the tokens one and two places either side (the rows,
    made for this call, are extended in place)."""
    n = len(rows)
    before1 = [["-1" + row[k] for k in near] for row in rows]
    after1 = [["1" + row[k] for k in near] for row in rows]
    before2 = [["-2" + row[k] for k in far] for row in rows]
    after2 = [["2" + row[k] for k in far] for row in rows]
    for k, row in enumerate(rows):
        row += before1[k - 1] if k >= 1 else ["-1edge"]
        row += after1[k + 1] if k + 1 < n else ["1edge"]
        row += before2[k - 2] if k >= 2 else ["-2edge"]
        row += after2[k + 2] if k + 2 < n else ["2edge"]
    return rows


def cue_sequence(doc: Doc, start: int, end: int, marks: Marks) -> list[Features]:
    """Cue-tagger features for the tokens start..end (one sentence)."""
    table = _table(doc)
    rows = [_token_features(table, i, marks) for i in range(start, end)]
    if any(marks.quoted[start:end]):
        for row in rows:
            row.append("qsent")
    return _with_context(rows, _CUE_NEAR, _CUE_FAR)


def span_window(doc: Doc, cue: TokenRange, reach: int = SPAN_REACH) -> TokenRange:
    """The tokens the span tagger reads for a cue: its sentence and one sentence either side,
    at most ``reach`` tokens either side of the cue."""
    sentence = doc[cue[0]].sent
    start, end = sentence.start, sentence.end
    if start > 0:
        start = doc[start - 1].sent.start
    if end < len(doc):
        end = doc[end].sent.end
    return max(start, cue[0] - reach), min(end, cue[1] + reach)


def span_head(doc: Doc, tokens: TokenRange) -> Token:
    """The word of a token range that the rest hangs from (the first such word)."""
    for i in range(*tokens):
        if not tokens[0] <= doc[i].head.i < tokens[1] or doc[i].head.i == i:
            return doc[i]
    return doc[tokens[0]]


def _sentence_starts(doc: Doc) -> list[int]:
    """For every token, the index of its sentence's first token (cached on the Doc)."""
    cached = doc.user_data.get("ng_sentence_starts")
    if cached is None or len(cached) != len(doc):
        cached = [0] * len(doc)
        for sentence in doc.sents:
            cached[sentence.start:sentence.end] = [sentence.start] * len(sentence)
        doc.user_data["ng_sentence_starts"] = cached
    return cached


def _relations(head: Token, cue: TokenRange, starts: list[int]) -> tuple[dict[int, tuple[str, str]], str]:
    """Where each token of the head's tree stands from the cue's head in the parse, and whether it
    opens ("L") or closes ("R") the phrase that puts it there; and the relation of a token outside
    that tree. One walk over the tree per cue, not one walk up from every token, so a cue costs the
    size of its sentence and not that times the depth of the parse."""
    relations: dict[int, tuple[str, str]] = {}
    for child in head.children:  # below the cue: under which of its children?
        left, right = child.left_edge.i, child.right_edge.i
        for token in child.subtree:
            relations[token.i] = ("sub:" + child.dep_, "L" if token.i == left else "R" if token.i == right else "")
    branch = head  # the ancestor of the head (or the head) below ``up``
    for up in head.ancestors:
        relations[up.i] = ("anc:" + ("head" if up.i == head.head.i else "far"), "")
        for child in up.children:
            if child.i != branch.i:
                for token in child.subtree:
                    relations[token.i] = ("side:" + branch.dep_, "")
        branch = up
    for i in range(*cue):
        relations[i] = ("cue", "")
    return relations, "side:" + branch.dep_


#: span rows open with w l p d q side dist sent rel rel+side q+side rs rc cue cuedep p+side edge cue+rel
_SPAN_NEAR, _SPAN_FAR = (0, 2, 3, 8, 11, 12, 4, 16), (0, 2, 8)


def span_sequence(doc: Doc, cue: TokenRange, window: TokenRange, marks: Marks,
                  rule: tuple[TokenRange | None, TokenRange | None] = (None, None)) -> list[Features]:
    """Span-tagger features for the tokens of ``window``, relative to one cue.

    ``rule`` is the (source, content) the rule layer found for this cue, if any."""
    head = span_head(doc, cue)
    starts = _sentence_starts(doc)
    table = _table(doc)
    relations, elsewhere = _relations(head, cue, starts)
    cue_lemma = head.lemma_.lower()
    cue_feature, cuedep_feature = "cue=" + cue_lemma, "cuedep=" + head.dep_
    head_start = starts[head.i]
    rule_source, rule_content = rule
    rows = []
    for i in range(*window):
        side = "in" if cue[0] <= i < cue[1] else "before" if i < cue[0] else "after"
        distance = cue[0] - i if side == "before" else i - cue[1] + 1 if side == "after" else 0
        relation, edge = relations.get(i, (elsewhere, ""))
        if relation.startswith("side:") and starts[i] != head_start:
            relation += ":othersent"
        sentence = "same" if starts[i] == head_start else "prev" if i < cue[0] else "next"
        in_source = rule_source is not None and rule_source[0] <= i < rule_source[1]
        in_content = rule_content is not None and rule_content[0] <= i < rule_content[1]
        quoted = str(marks.quoted[i])
        rows.append([
            table.w[i], table.l[i], table.p[i], table.d[i],
            "q=" + quoted, "side=" + side, "dist=" + _bucket(distance), "sent=" + sentence,
            "rel=" + relation, "rel+side=" + relation + "/" + side, "q+side=" + quoted + side,
            "rs=" + str(in_source), "rc=" + str(in_content), cue_feature,
            cuedep_feature, "p+side=" + table.pos[i] + side, "edge=" + edge, "cue+rel=" + cue_lemma + "/" + relation,
            *_edges("rs", rule_source, i), *_edges("rc", rule_content, i),
        ])
    return _with_context(rows, _SPAN_NEAR, _SPAN_FAR)


def _edges(name: str, span: TokenRange | None, i: int) -> Features:
    """Whether a token opens or closes the rules' span."""
    if span is None:
        return []
    return [name + "B"] * (i == span[0]) + [name + "E"] * (i == span[1] - 1)


def _runs(labels: Sequence[str], role: str) -> list[TokenRange]:
    """Token ranges (within the sequence) labelled ``B-role`` / ``I-role``."""
    runs: list[TokenRange] = []
    start = None
    for k, label in enumerate([*labels, "O"]):
        inside = label.endswith("-" + role)
        if start is not None and (not inside or label.startswith("B-")):
            runs.append((start, k))
            start = None
        if inside and start is None:
            start = k
    return runs


class AttributionTagger:
    """Cue and span CRFs, loaded from their model files."""

    def __init__(self, cue_model: Path = CUE_MODEL, span_model: Path = SPAN_MODEL) -> None:
        try:
            import pycrfsuite
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ModelError("the attribution tagger needs python-crfsuite") from exc
        for path in (cue_model, span_model):
            if not path.is_file():
                raise ModelError(f"the attribution tagger model {path} is missing")
        self._cues = pycrfsuite.Tagger()
        self._cues.open(str(cue_model))
        self._spans = pycrfsuite.Tagger()
        self._spans.open(str(span_model))

    def cues(self, doc: Doc, marks: Marks) -> list[TokenRange]:
        found = []
        for sentence in doc.sents:
            labels = self._cues.tag(cue_sequence(doc, sentence.start, sentence.end, marks))
            found.extend((sentence.start + a, sentence.start + b) for a, b in _runs(labels, "CUE"))
        return found

    def spans(self, doc: Doc, cue: TokenRange, marks: Marks,
              rule: tuple[TokenRange | None, TokenRange | None] = (None, None),
              reach: int = SPAN_REACH) -> TaggedAttribution | None:
        """The source and content of one cue. Where the rules gave a content, it stands unless the
        span tagger finds it far less likely than its own reading (``RULE_SHARE``)."""
        window = span_window(doc, cue, reach)
        self._spans.set(span_sequence(doc, cue, window, marks, rule))
        labels = self._spans.tag()
        contents = _runs(labels, "C")
        content = (window[0] + contents[0][0], window[0] + contents[-1][1]) if contents else None
        sources = _runs(labels, "S")
        source = None
        if sources:
            nearest = min(sources, key=lambda r: min(abs(window[0] + r[0] - cue[1]), abs(window[0] + r[1] - cue[0])))
            source = (window[0] + nearest[0], window[0] + nearest[1])
        rule_source, rule_content = rule
        if rule_content is not None and rule_content != content:
            rule_labels = bio_labels(window, ((rule_content, "C"), (rule_source, "S")))
            if self._spans.probability(rule_labels) >= RULE_SHARE * self._spans.probability(labels):
                content = rule_content
        if source is None and content == rule_content:
            source = rule_source
        if content is None:
            return None
        parts = () if content == rule_content else tuple((window[0] + a, window[0] + b) for a, b in contents)
        return TaggedAttribution(cue=cue, source=source, content=content, parts=parts)

    def tag(self, doc: Doc, marks: Marks,
            rules: dict[TokenRange, tuple[TokenRange | None, TokenRange | None]]) -> list[TaggedAttribution]:
        """Every attribution found: the rules' cues (``rules`` maps each to its source and
        content) and the cue tagger's where they overlap none of those."""
        covered = {i for cue in rules for i in range(*cue)}  # a set, not a scan of every rule cue per cue
        cues = list(rules) + [c for c in self.cues(doc, marks) if covered.isdisjoint(range(*c))]
        starts = _sentence_starts(doc)
        per_sentence = Counter(starts[cue[0]] for cue in cues)
        found = []
        for cue in cues:
            sentence = doc[cue[0]].sent
            share = ROWS_PER_TOKEN * len(sentence) // (2 * per_sentence[sentence.start])
            reach = max(MIN_REACH, min(SPAN_REACH, share))
            tagged = self.spans(doc, cue, marks, rules.get(cue, (None, None)), reach)
            if tagged is not None:
                found.append(tagged)
        return found


def bio_labels(window: TokenRange, spans: Iterable[tuple[TokenRange | None, str]]) -> list[str]:
    """BIO labels of the window's tokens for the given (span, role) pairs."""
    labels = ["O"] * (window[1] - window[0])
    for span, role in spans:
        if span is None:
            continue
        first, last = max(span[0], window[0]), min(span[1], window[1])
        for i in range(first, last):
            labels[i - window[0]] = ("B-" if i == first else "I-") + role
    return labels


@lru_cache(maxsize=1)
def attribution_tagger() -> AttributionTagger | None:
    """The shipped tagger, or None when its model files are absent (the rules then stand alone)."""
    if not (CUE_MODEL.is_file() and SPAN_MODEL.is_file()):
        log.warning("attribution tagger models not found in %s; quote rules only", MODELS)
        return None
    return AttributionTagger()


def token_range(doc: Doc, chars: tuple[int, int] | None) -> TokenRange | None:
    """The tokens covering a character range (spaces left out), or None."""
    if chars is None:
        return None
    start, end = chars
    starts, ends, spaces = token_bounds(doc)
    first = last = None
    k = max(0, bisect.bisect_right(starts, start) - 1)
    while k < len(starts) and starts[k] < end:
        if ends[k] > start and not spaces[k]:
            if first is None:
                first = k
            last = k
        k += 1
    return None if first is None or last is None else (first, last + 1)


def token_bounds(doc: Doc) -> tuple[list[int], list[int], list[bool]]:
    """Each token's first and end character and whether it is space (cached on the Doc): every
    quote asks for the tokens of its cue, source and content, and a Token costs more than an index."""
    cached = doc.user_data.get("ng_token_bounds")
    if cached is None or len(cached[0]) != len(doc):
        starts, ends, spaces = [], [], []
        for token in doc:
            starts.append(token.idx)
            ends.append(token.idx + len(token))
            spaces.append(token.is_space)
        cached = doc.user_data["ng_token_bounds"] = (starts, ends, spaces)
    return cached
