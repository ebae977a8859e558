"""Certainty: is a sentence (or a claim inside it) asserted, hedged, negated or a question?

Rules over the dependency parse, with cue words from ``data/cues/hedges.tsv``:

- question: the text ends with "?" (also before closing quotes), so a question headline is
  never read as an assertion;
- hedged: a hedge cue inside the claim (a subordinate clause included: "he said they *may*
  have left" is a hedged claim), or one that governs it from outside ("it is *believed* that
  ..."), a conditional clause, a vague source as the subject of a reporting verb ("*some* say",
  "other *sources* report") or an impersonal reporting passive ("*it is said*");
- negated: a negation attached to the main predicate (or to its subject or object as "no"),
  or a denial verb as the main predicate. Negations inside subordinate clauses do not count,
  and "not only ... but also" is not a negation;
- asserted otherwise.

A hedge outranks a negation: "cannot be ruled out" and "may not" are hedged.

The component ``newsgraph_certainty`` writes ``doc._.ng_sentence_certainty``: one
``(sent_start_char, sent_end_char, label, cues)`` per sentence, cues as absolute char ranges.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ModelError
from newsgraph.nlp.extensions import doc_text, register_extensions

__all__ = [
    "ASSERTED", "HEDGED", "LABELS", "NEGATED", "QUESTION", "CueLexicon", "certainty_of", "continued_relative",
    "cue_lexicon",
    "sentence_certainty",
]

log = logging.getLogger(__name__)

ASSERTED, HEDGED, NEGATED, QUESTION = "asserted", "hedged", "negated", "question"
LABELS = (ASSERTED, HEDGED, NEGATED, QUESTION)

CharRange = tuple[int, int]

_KINDS = frozenset({"modal", "hedge", "complement", "condition", "weasel", "report", "negation", "denial", "not_negation"})
#: Contracted forms as the tokenizer splits them ("can't" -> "ca" "n't").
_NORMAL = {"n't": "not", "ca": "can", "wo": "will", "’t": "not"}
_CLOSERS = "\"'”’)]» \n\t"
#: Dependents that carry a negation or a hedge onto their head predicate.
_PREDICATE_MODS = frozenset({"neg", "aux", "auxpass", "advmod", "prt"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "expl"})
#: Dependents that make a perception or opinion verb epistemic ("seems to", "considered a threat").
_CLAUSE_COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "oprd", "attr"})


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue phrases by kind, indexed by their first word for a single left-to-right scan."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]]
    words: dict[str, frozenset[str]]  # kind -> single-word cues of that kind


def _norm(token: Token) -> str:
    low = token.lower_
    return _NORMAL.get(low, low)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Read ``data/cues/hedges.tsv`` (cached: one read per process)."""
    try:
        text = resources.files("newsgraph.data").joinpath("cues/hedges.tsv").read_text("utf-8")
    except OSError as exc:
        raise ModelError(f"cannot read the certainty cue list data/cues/hedges.tsv: {exc}") from exc
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    words: dict[str, set[str]] = defaultdict(set)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or fields[1] not in _KINDS:
            raise ModelError(f"data/cues/hedges.tsv line {number}: expected 'cue<TAB>kind<TAB>note', got {line!r}")
        phrase = tuple(_NORMAL.get(w, w) for w in fields[0].lower().split())
        by_first[phrase[0]].append((phrase, fields[1]))
        if len(phrase) == 1:
            words[fields[1]].add(phrase[0])
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest phrase first
    return CueLexicon(dict(by_first), {k: frozenset(v) for k, v in words.items()})


def _matches(word: str, token: Token) -> bool:
    return word == _norm(token) or word == token.lemma_.lower()


def _find_cues(tokens: Span, lexicon: CueLexicon) -> list[tuple[str, int, int]]:
    """Every cue phrase in ``tokens``: (kind, first token index, end token index), longest match first."""
    found: list[tuple[str, int, int]] = []
    doc = tokens.doc
    i, end = tokens.start, tokens.end
    while i < end:
        token = doc[i]
        norm, lemma = _norm(token), token.lemma_.lower()
        candidates = lexicon.by_first.get(norm, []) + (lexicon.by_first.get(lemma, []) if lemma != norm else [])
        best: tuple[str, int, int] | None = None
        for phrase, kind in candidates:
            n = len(phrase)
            if i + n <= end and all(_matches(w, doc[i + k]) for k, w in enumerate(phrase)):
                if best is None or n > best[2] - best[1]:
                    best = (kind, i, i + n)
        if best is not None:
            found.append(best)
            # a multiword cue hides the cues inside it ("no evidence" is not also a negation)
            i = best[2] if best[2] - best[1] > 1 else i + 1
        else:
            i += 1
    return found


def _sentence_cues(sent: Span, lexicon: CueLexicon) -> list[tuple[str, int, int]]:
    """``_find_cues`` of a whole sentence, kept on the Doc: every quote and event of a sentence asks
    for them, and a sentence of a hundred quotes should not be read a hundred times."""
    cache = sent.doc.user_data.setdefault("ng_sentence_cues", {})
    key = (sent.start, sent.end)
    if key not in cache:
        cache[key] = _find_cues(sent, lexicon)
    return cache[key]


def _is_question(span: Span) -> CharRange | None:
    text = span.text.rstrip(_CLOSERS)
    if text.endswith("?"):
        at = span.start_char + len(text) - 1
        return (at, at + 1)
    return None


def _chars(doc: Doc, first: int, end: int) -> CharRange:
    return (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))


def _main_predicates(root: Token, report_verbs: frozenset[str], whole_sentence: bool) -> set[int]:
    """The predicate(s) whose negation negates the claim: the root, seen through a reporting verb."""
    main = {root.i}
    if whole_sentence and root.lemma_.lower() in report_verbs:
        main |= {c.i for c in root.children if c.dep_ == "ccomp"}
    # "he did not want to go": the negation sits on the verb governing an open complement
    for i in list(main):
        main |= {c.i for c in root.doc[i].children if c.dep_ == "xcomp"}
    return main


def _hedge_applies(kind: str, doc: Doc, first: int, end: int, report_verbs: frozenset[str]) -> bool:
    token = doc[first]
    if kind == "modal":
        return token.tag_ == "MD"
    if kind == "condition":
        return token.dep_ == "mark" or (token.lower_ == "whether")
    if kind == "weasel":
        head = doc[end - 1]
        # "some say", "other sources report", "many believe": a vague subject of a reporting verb
        return (
            head.dep_ == "nsubj" and head.head.lemma_.lower() in report_verbs and not head.ent_type_
            and not any(c.dep_ in ("poss", "compound") or c.ent_type_ for c in head.children)
        ) or (token.dep_ in ("amod", "det") and token.head.dep_ == "nsubj"
              and token.head.head.lemma_.lower() in report_verbs and not token.head.ent_type_)
    if kind == "complement":
        # "appears to be", "is considered a threat", "it seems that": not "appeared in Homs"
        return token.pos_ in ("VERB", "AUX") and (
            token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)
            or any(c.dep_ in _CLAUSE_COMPLEMENTS for c in token.children)
        )
    if kind == "hedge":
        # a month name or a proper noun is not a hedge ("Hope", "Believe")
        if end - first == 1 and token.pos_ == "PROPN":
            return False
        # "as soon as possible", "made possible": possibility of an act, not of the claim
        return not (token.lower_ == "possible" and first > 0 and (doc[first - 1].lower_ == "as" or token.head.lemma_ == "make"))
    return False


def _impersonal_report(token: Token, report_verbs: frozenset[str]) -> bool:
    """'it is said that', 'it was reported', 'X is said to': a passive reporting verb without its agent."""
    if token.lemma_.lower() not in report_verbs or token.tag_ != "VBN":
        return False
    children = list(token.children)
    if not any(c.dep_ == "auxpass" for c in children) or any(c.dep_ == "agent" for c in children):
        return False
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children) or any(
        c.dep_ == "xcomp" for c in children
    )


def continued_relative(verb: Token) -> Token | None:
    """The relative clause a coordinated clause really continues, where the parse joined it higher up.

    "the brigade, which is thought to be an offshoot and the number of its men had reached
    6,000" is often parsed with "reached" joined to the main verb; the clause right before the
    "and" is then a relative clause, and it is that clause the new one continues."""
    if verb.dep_ != "conj":
        return None
    i = verb.left_edge.i - 1
    doc = verb.doc
    while i > verb.head.i and (doc[i].dep_ == "cc" or doc[i].is_punct):
        i -= 1
    if i <= verb.head.i:
        return None
    for ancestor in (doc[i], *doc[i].ancestors):
        if ancestor.i == verb.head.i:
            return None
        if ancestor.dep_ == "relcl":
            return ancestor
    return None


def _governors(token: Token) -> list[Token]:
    """The words that govern ``token``'s clause, up to a relative clause: what a relative clause
    says of its noun ("the 16 cents it reported last year") is not under the doubt of the clause
    around that noun ("earnings will probably be lower than ...")."""
    found = []
    while token.dep_ != "relcl" and token.head.i != token.i:
        token = token.head
        found.append(token)
    return found


def certainty_of(span: Span) -> tuple[str, list[CharRange]]:
    """The certainty label of the claim in ``span`` and the char ranges of the cues that decide it.

    ``span`` is a sentence or a part of one (a quote's content, a clause). Cues outside it count
    when they govern it: the ancestors of its root in its sentence and their modifiers."""
    if not span.text.strip():
        return ASSERTED, []
    question = _is_question(span)
    if question is not None:
        return QUESTION, [question]
    lexicon = cue_lexicon()
    doc = span.doc
    report_verbs = lexicon.words.get("report", frozenset())
    root = span.root
    sent = root.sent
    whole = span.start <= sent.start and span.end >= sent.end
    scope = set(range(span.start, span.end))
    if not whole:
        # a claim smaller than its sentence also takes the cues of what governs it
        scope |= {c.i for c in root.children if c.dep_ in _PREDICATE_MODS or c.dep_ == "mark"}
        governors = _governors(root)
        for token in (root, *governors):
            relative = continued_relative(token)
            if relative is not None:
                governors += [relative, *_governors(relative)]
        for ancestor in governors:
            scope.add(ancestor.i)
            scope |= {c.i for c in ancestor.children if c.dep_ in _PREDICATE_MODS or c.dep_ == "mark"}
            # "some say [that ...]": a vague subject of a governing reporting verb weakens the claim
            if ancestor.lemma_.lower() in report_verbs:
                for subject in ancestor.children:
                    if subject.dep_ == "nsubj":
                        scope.add(subject.i)
                        scope |= {c.i for c in subject.children if c.dep_ in ("amod", "det")}
    cues = [c for c in (_sentence_cues(sent, lexicon) if not whole else _find_cues(span, lexicon)) if c[1] in scope]

    hedges: list[CharRange] = []
    for kind, first, end in cues:
        if _hedge_applies(kind, doc, first, end, report_verbs):
            hedges.append(_chars(doc, first, end))
    for i in scope:
        if _impersonal_report(doc[i], report_verbs):
            hedges.append(_chars(doc, i, i + 1))
    if hedges:
        return HEDGED, sorted(set(hedges))

    main = _main_predicates(root, report_verbs, whole)
    blocked = set()
    for kind, first, end in cues:
        if kind == "not_negation":
            blocked |= set(range(first, end))
    negations: list[CharRange] = []
    for kind, first, end in cues:
        if first in blocked:
            continue
        token = doc[first]
        if kind == "negation":
            head = token.head
            on_main = head.i in main and token.dep_ in ("neg", "advmod", "det", "preconj", "cc")
            on_argument = (token.dep_ in ("det", "neg") and head.dep_ in _ARGUMENT_DEPS and head.head.i in main) or (
                token.dep_ in _ARGUMENT_DEPS and head.i in main
            )
            if (on_main or on_argument):
                negations.append(_chars(doc, first, end))
        elif kind == "denial" and first in main:
            negations.append(_chars(doc, first, end))
    if negations:
        return NEGATED, sorted(set(negations))
    return ASSERTED, []


def sentence_certainty(doc: Doc) -> list[tuple[int, int, str, list[CharRange]]]:
    """Certainty of every sentence of a parsed ``doc``."""
    out = []
    for sent in doc.sents:
        for part in _lines_ending_in_question(sent):
            label, cues = certainty_of(part)
            out.append((part.start_char, part.end_char, label, cues))
    return out


def _lines_ending_in_question(sent: Span) -> list[Span]:
    """Split off question lines the sentence splitter ran into the next line (question headlines)."""
    doc = sent.doc
    text = doc_text(doc)[sent.start_char:sent.end_char]
    if "?" not in text:  # most sentences: no token to walk
        return [doc[sent.start:sent.end]] if text.strip() else []
    parts, start = [], sent.start
    for token in sent[:-1]:
        nxt = doc[token.i + 1]
        if token.text == "?" and ("\n" in token.whitespace_ or nxt.is_space and "\n" in nxt.text):
            parts.append(doc[start: token.i + 1])
            start = token.i + 1
            while start < sent.end and doc[start].is_space:
                start += 1
    if start < sent.end:
        parts.append(doc[start: sent.end])
    return [p for p in parts if p.text.strip()]


@Language.factory(
    "newsgraph_certainty",
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents"],
    assigns=["doc._.ng_sentence_certainty"],
)
def make_certainty(nlp: Language, name: str) -> CertaintyComponent:
    register_extensions()
    cue_lexicon()  # fail at pipeline build time, not on the first article
    return CertaintyComponent()


class CertaintyComponent:
    """Writes ``doc._.ng_sentence_certainty``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_sentence_certainty = sentence_certainty(doc)
        return doc
