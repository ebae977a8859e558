"""Quotations and reported speech: who (source), how (cue), what (content), read off the parse.

The spans follow the attribution model of PARC/PolNeAR. Shapes covered:
- direct quotes, straight or curly, around the cue: ``"...," Ayoub said, "..."``, ``He said: “...”``,
  ``“...” Ayoub said.``, with the speaker in the sentence before or after the quotation;
- quoted paragraphs that continue the previous speaker's quotation;
- ``Name: “...”`` (the colon is the cue), also after a dash on the line ("... - Philip Bump: “...”"), and
  headline lines with no quotation marks ("Issa: Clinton's honesty is in question");
- passives with an agent ("the plan was rejected by 64 percent": the subject is what was rejected),
  one-word answers ("said no") and "Asked if ..., he said" (asked by no one named);
- indirect speech: a speech verb with a clause ("X said / warned / denied that ..."), the inverted
  ``..., he said.``, ``told X to ...``, ``denied the claims``;
- ``according to X, ...``;
- impersonal passives ("it was reported that ...") with no source;
- verbs outside the speech-verb list that annotated news uses as cues ("criticized the plan",
  "wants to leave", "called for talks") and noun cues ("the claim that ...", "criticism of ..."),
  accepted by the cue model (``newsgraph.nlp.attribution_model``); a speech verb in a frame the
  lexicon's rules miss ("said in") is accepted per lemma and frame from ``attribution_cues.tsv``;
- parenthetical cues ("Iran, he said, is ready") take the whole clause around them as content, and a
  quotation inside a reported clause ("said Clinton would “go more to center”") the whole clause.
The cue takes its auxiliaries and adverbs ("has also said"); attributions reported inside another
one's content are kept and marked ``nested``.

Where the attribution tagger's models are shipped (``newsgraph.nlp.attribution_tagger``), the rules'
attributions are its input: it adds the cues the rules miss, redraws sources and contents where it
finds the rules' reading far less likely, and a content that cuts a quotation takes all of it.

Writes ``doc._.ng_quotes``: raw ``QuoteSpan``s in character offsets. Deciding who the source is
(entity, vague source, document) is left to ``newsgraph.facts.quotes``, which sees the entities.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.attribution_model import CueModel, cue_model, noun_content
from newsgraph.nlp.attribution_tagger import (
    AttributionTagger,
    Marks,
    TaggedAttribution,
    TokenRange,
    attribution_tagger,
    span_head,
    token_range,
)
from newsgraph.nlp.extensions import doc_text, register_extensions
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.speech_cues import CueVerb, learned_cues, speech_verbs

__all__ = ["QuoteLayer", "QuoteSpan", "content_parts", "cue_frame", "find_quoted"]


Range = tuple[int, int]

#: ``''`` is the straight double quote of Penn Treebank-style and some wire copy
_QUOTE_MARKS = re.compile(r"''|[“”\"«»\n]")
_CLOSERS = {"“": "”", "«": "»", '"': '"', "''": "''"}
#: what may stand between a quotation and the words that attribute it
_GAP_BEFORE = re.compile(r"^[\s,;:—–-]*$")
_GAP_AFTER = re.compile(r"^[\s,;:—–-]*$")
_COLON_SOURCE = re.compile(r"^\s*:\s*$")
#: children of a cue verb that belong to the attribution, not to what is said
_CLAUSE_DEPS = {"nsubj", "nsubjpass", "agent", "dative", "prep", "npadvmod", "advmod", "prt", "aux", "auxpass",
                "neg", "dobj"}
#: verbs whose infinitive complement is what was said ("urged them to leave")
_XCOMP_CUES = {"urge", "warn", "promise", "pledge", "vow", "threaten", "ask", "call", "tell", "caution"}
_NOT_INSIDE_QUOTES = {"mental", "show"}
_RELATIVE = {"who", "which", "that"}
_CUE_AUX = {"aux", "auxpass", "neg", "advmod"}
#: later children of a verb that are not part of what a learned cue reports
_NOT_CONTENT = {"punct", "advcl", "cc", "conj", "parataxis", "npadvmod", "advmod"}
#: prepositions after a learned cue's object that still belong to what it reports ("endorsed Cruz
#: for president", "described him as a liar"); the rest set the scene ("in 2015", "on TV")
_SCENE_PREPS = {"at", "during", "after", "before", "since", "amid", "despite"}
#: one-word answers a speech verb reports ("said no")
_ANSWERS = {"yes", "no", "so"}
_MIN_LOOSE_WORDS = 3
#: a line break, with the spaces around it: a content's part never runs over one
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_COLON_LINE = re.compile(r"^([^\n:]{1,60}):[ \t]+([^\n]*[^\s])", re.MULTILINE)
_MAX_COLON_LINE_SOURCE = 4
_MAX_RUN_ON_GAP = 8  # words between a cue and the quotation that resumes after its sentence
_MAX_COLON_SOURCE = 8  # tokens before "Name:" on its line; longer lead-ins are prose, not a speaker label  # a quotation attributed only by its neighbours must be more than a scare-quoted phrase


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One attribution, in character offsets of the Doc's text.

    ``source`` is None for impersonal claims ("it was reported that"); the colon is the cue of
    ``Name: “...”``. ``parts`` are the pieces of what was said, in text order: while the rules
    work, the quotations of a direct quote split around its cue or running on over several
    paragraphs, or the two sides of a parenthetical cue (empty for a content in one piece); in the
    layer's output, every piece of the content with the cue, the source and paragraph breaks left
    out (see :func:`content_parts`), never empty. ``content`` spans them all."""

    content: Range
    parts: tuple[Range, ...]
    cue: Range | None  # None only while a running-on quotation waits to be joined to its speaker's
    source: Range | None
    source_head: int | None  # token index of the source phrase's head word
    direct: bool
    cue_lemma: str | None
    cue_certainty: str
    nested: bool = False  # the cue is inside what another attribution reports ("X said Y told him ...")


def find_quoted(text: str) -> list[Range]:
    """Character ranges of quotations, quote marks included, in text order.

    Straight quotes pair up in order; a quotation still open at the end of a paragraph ends there
    (news style leaves the closing mark off a quotation that runs on into the next paragraph)."""
    regions: list[Range] = []
    open_at: int | None = None
    closer = ""
    for match in _QUOTE_MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if open_at is not None:
                end = at  # where the text before the line break stops being space, without copying it
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                if end > open_at + 1:
                    regions.append((open_at, end))
                open_at = None
            continue
        if open_at is None:
            if mark in ("“", "«", '"', "''"):
                open_at, closer = at, _CLOSERS[mark]
            continue
        if mark == closer:
            regions.append((open_at, at + len(mark)))
            open_at = None
        elif mark in "“«":  # a new opening mark before the close: the earlier one was stray
            open_at, closer = at, _CLOSERS[mark]
    if open_at is not None and len(text.rstrip()) > open_at + 1:
        regions.append((open_at, len(text.rstrip())))
    return regions


def _trim(doc: Doc, first: int, last: int) -> Range | None:
    """Char range of tokens first..last (inclusive) without punctuation or spaces at the ends."""
    while first <= last and (doc[first].is_punct or doc[first].is_space) and not doc[first].is_quote:
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and not doc[last].is_quote:
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


class _Regions:
    """Quotation ranges with fast lookup by character."""

    def __init__(self, ranges: list[Range]) -> None:
        self.ranges = ranges
        self._starts = [r[0] for r in ranges]

    def overlapping(self, span: Range) -> list[Range]:
        """The ranges sharing a character with ``span``, in order (the ranges do not overlap)."""
        first = max(0, bisect.bisect_right(self._starts, span[0]) - 1)
        last = bisect.bisect_left(self._starts, span[1])
        return [r for r in self.ranges[first:last] if _overlaps(r, span)]

    def at(self, char: int) -> int | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.ranges[i][0] <= char < self.ranges[i][1]:
            return i
        return None


class QuoteLayer:
    """The ``newsgraph_quotes`` component."""

    def __init__(self, model: CueModel | None = None, tagger: AttributionTagger | None = None,
                 use_tagger: bool = True) -> None:
        register_extensions()
        self.verbs = speech_verbs()
        self.learned = learned_cues()
        self.learned_lemmas = frozenset(lemma for lemma, _frame in self.learned)
        self.model = model if model is not None else cue_model()
        self.tagger = tagger if tagger is not None else attribution_tagger() if use_tagger else None

    def __call__(self, doc: Doc) -> Doc:
        regions = _Regions(find_quoted(doc_text(doc)))
        quotes = self.rule_quotes(doc, regions)
        if self.tagger is not None:
            quotes = self._tagged_quotes(self.tagger, doc, regions, quotes)
        doc._.ng_quotes = [replace(q, parts=content_parts(doc, q)) for q in quotes]
        return doc

    def marks(self, doc: Doc, quotes: list[QuoteSpan], regions: _Regions | None = None) -> Marks:
        """Per token: quoted or not, and its role in the rules' attributions (the taggers' input)."""
        regions = regions if regions is not None else _Regions(find_quoted(doc_text(doc)))
        quoted = [regions.at(token.idx) is not None for token in doc]
        role = [""] * len(doc)
        for name, pick in (("content", lambda q: q.content), ("source", lambda q: q.source), ("cue", lambda q: q.cue)):
            for quote in quotes:
                tokens = token_range(doc, pick(quote))
                if tokens is not None:
                    role[tokens[0]:tokens[1]] = [name] * (tokens[1] - tokens[0])
        return Marks(quoted=quoted, rule_role=role, lexicon=frozenset(self.verbs))

    @staticmethod
    def rule_spans(doc: Doc, quotes: list[QuoteSpan]) -> dict[TokenRange, tuple[TokenRange | None, TokenRange | None]]:
        """The rules' (source, content) for each of their outer cues, in tokens."""
        spans = {}
        for quote in quotes:
            cue = token_range(doc, quote.cue)
            if cue is not None and not quote.nested:
                spans[cue] = (token_range(doc, quote.source), token_range(doc, quote.content))
        return spans

    def _tagged_quotes(self, tagger: AttributionTagger, doc: Doc, regions: _Regions,
                       rules: list[QuoteSpan]) -> list[QuoteSpan]:
        """The tagger's attributions, plus the rules' where the tagger found nothing (nested ones,
        and those whose cue and content it left alone)."""
        rule_cues = Intervals((q.cue, k) for k, q in enumerate(rules) if q.cue is not None)
        tagged = [self._from_tagged(doc, t, regions, rules, rule_cues)
                  for t in tagger.tag(doc, self.marks(doc, rules, regions), self.rule_spans(doc, rules))]
        with_cue = [t for t in tagged if t.cue is not None]
        cues, contents = Intervals((t.cue, t) for t in with_cue), Intervals((t.content, t) for t in with_cue)
        kept = [q for q in rules if not (
            (q.cue is not None and cues.any_overlapping(*q.cue)) or (not q.nested and contents.any_overlapping(*q.content)))]
        # the tagger learned outer attributions only; a rule quote inside its content is nested
        marked = _mark_nested([replace(q, nested=False) for q in tagged + kept])
        return sorted(tagged + marked[len(tagged):], key=lambda q: q.content[0])

    def _from_tagged(self, doc: Doc, tagged: TaggedAttribution, regions: _Regions, rules: list[QuoteSpan],
                     rule_cues: Intervals[int]) -> QuoteSpan:
        def chars(tokens: TokenRange) -> Range:
            return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1])

        def whole(piece: Range) -> Range:  # a quotation is said whole: a content that cuts one takes all of it
            for quoted in regions.overlapping(piece):
                if not _inside(quoted, piece) and not quoted[0] <= cue[0] < quoted[1]:
                    piece = min(piece[0], quoted[0]), max(piece[1], quoted[1])
            return piece

        cue = chars(tagged.cue)
        content = whole(chars(tagged.content))
        source = chars(tagged.source) if tagged.source is not None else None
        head = span_head(doc, tagged.cue)
        lemma = head.lemma_.lower()
        first_rule = min((k for _, k in rule_cues.overlapping(*cue)), default=None)
        rule = rules[first_rule] if first_rule is not None else None
        certainty = rule.cue_certainty if rule is not None else (
            self.verbs[lemma].certainty if lemma in self.verbs else "asserted")
        if tagged.parts:
            parts = _joined_runs(doc_text(doc), [whole(chars(r)) for r in tagged.parts], (cue, source))
        else:  # the rules' content stands, and with it their pieces
            kept = rule.parts if rule is not None and rule.content == content else ()
            parts = tuple(p for p in kept if _inside(p, content))
        quote = QuoteSpan(
            content=content, parts=parts if len(parts) > 1 else (), cue=cue, source=source,
            source_head=span_head(doc, tagged.source).i if tagged.source is not None else None,
            direct=False, cue_lemma=lemma, cue_certainty=certainty,
        )
        # direct when quotations make up most of what was said (the cue between two of them does not count)
        said = content_parts(doc, quote)
        quoted = sum(r[1] - r[0] for p in said for r in regions.overlapping(p) if _inside(r, p))
        return replace(quote, direct=quoted * 2 >= sum(p[1] - p[0] for p in said))

    def rule_quotes(self, doc: Doc, regions: _Regions) -> list[QuoteSpan]:
        """The attributions the hand-written rules and the cue model find."""
        quotes: list[QuoteSpan] = []
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                found = _according_to(doc, token)
            elif token.pos_ == "NOUN":
                found = self._noun_cue(doc, token, regions)
            else:
                if token.pos_ != "VERB":
                    continue
                lemma = token.lemma_.lower()
                verb = self.verbs.get(lemma)
                if verb is not None and verb.kind in _NOT_INSIDE_QUOTES and regions.at(token.idx) is not None:
                    continue  # "I think", "polls show" inside a quotation are the speaker's turns of phrase
                found = _attribute(doc, token, verb, regions) if verb is not None else None
                if found is None and verb is not None and lemma in self.learned_lemmas:  # "said in"
                    learned = self.learned.get((lemma, cue_frame(token)))
                    found = _attribute(doc, token, learned, regions) if learned is not None else None
                elif verb is None and self.model.is_cue(token, regions.at(token.idx) is not None):
                    # "criticized the plan", "wants to leave": the cue model's call
                    found = _attribute(doc, token, CueVerb(lemma, "learned", "asserted"), regions)
            if found is not None:
                quotes.append(found)
        quotes = _nearest_cue_only(quotes)
        quotes += _loose_quotations(doc, regions, quotes)
        quotes += _colon_lines(doc, regions, quotes)
        quotes.sort(key=lambda q: q.content[0])
        return _mark_nested(_link_continuations(doc_text(doc), quotes))


    def _noun_cue(self, doc: Doc, noun: Token, regions: _Regions) -> QuoteSpan | None:
        """``the claim that ...``, ``criticism of ...``, ``X's statement that ...``: a noun cue, its
        complement as content and its possessor, if any, as source."""
        content_head = noun_content(noun)
        if content_head is None or not self.model.is_noun_cue(noun, content_head, regions.at(noun.idx) is not None):
            return None
        content = _subtree_range(doc, content_head, exclude=noun)
        if content is None:
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        source = _trim(doc, owners[0].left_edge.i, owners[0].i) if owners else None
        if source is not None and source[1] > noun.idx:
            source = None
        return QuoteSpan(
            content=content, parts=(), cue=(noun.idx, noun.idx + len(noun)), source=source,
            source_head=owners[0].i if source is not None else None, direct=False, cue_lemma=noun.lemma_.lower(),
            cue_certainty="asserted",
        )


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The source of a cue verb and whether the verb is impersonal ("it was said", "was reported")."""
    passive = False
    for child in verb.children:
        if child.dep_ == "agent":  # "was rejected by 64 percent": the agent, wherever it stands
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], False
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head, False  # "Mamlouk, who told reporters ...": the noun the clause is about
            return child, False
        if child.dep_ == "nsubjpass":
            return None, True  # "it was reported that", "he was quoted": no speaker named here
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return (objects[0] if objects else None), False
        if child.dep_ == "auxpass":
            passive = True
    if passive or (verb.tag_ == "VBN" and verb.dep_ == "advcl"):  # "Asked about it, she said ...": asked by someone
        return None, True
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):  # "a statement saying ..."
        return verb.head, False
    if depth < 2 and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    return None, False


def _source_range(doc: Doc, head: Token, verb: Token, regions: _Regions) -> Range | None:
    if verb.dep_ == "relcl" and head.i == verb.head.i:
        first, last = head.left_edge.i, head.i  # the noun the relative clause hangs on, without the clause
    else:
        first, last = head.left_edge.i, head.right_edge.i
    # parse errors can pull the quotation or the verb into the subject: keep the part around the head
    for i in range(head.i - 1, first - 1, -1):
        if regions.at(doc[i].idx) is not None or i == verb.i:
            first = i + 1
            break
    for i in range(head.i + 1, last + 1):
        if regions.at(doc[i].idx) is not None or i == verb.i:
            last = i - 1
            break
    return _trim(doc, first, last)


def _cue_range(doc: Doc, verb: Token, joined: Token | None = None) -> Range:
    end = verb.idx + len(verb) if joined is None else joined.idx + len(joined)
    first = verb.i
    while first > 0 and doc[first - 1].head.i == verb.i and doc[first - 1].dep_ in _CUE_AUX:
        first -= 1  # "has said", "will discuss": annotators take the auxiliaries with the verb
    if first < verb.i:
        return doc[first].idx, end
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:  # "pointed out"
            end = child.idx + len(child)
    return verb.idx, end


def cue_frame(verb: Token) -> str:
    """What a verb's content would be, read off its children: a clause (``ccomp``), an infinitive
    (``xcomp``), a direct object (``dobj``), a prepositional object (``prep``: "called for X") or
    nothing (``none``). Shared with scripts/derive_attribution_cues.py, which counts cues per frame."""
    deps = {child.dep_ for child in verb.children}
    for frame in ("ccomp", "xcomp", "dobj"):
        if frame in deps:
            return frame
    if any(c.dep_ == "prep" and c.i > verb.i and any(g.dep_ == "pobj" for g in c.children) for c in verb.children):
        return "prep"
    return "none"


def _learned_content(verb: Token, frame: str) -> tuple[Token, Token | None] | None:
    """The head of a learned cue's content and, for ``prep``, the preposition that joins the cue."""
    for child in verb.children:
        if frame == "prep" and child.dep_ == "prep" and child.i > verb.i:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0], child
        elif child.dep_ == frame:
            return child, None
    return None


def _clause_child(verb: Token, cue: CueVerb) -> Token | None:
    deps = {child.dep_: child for child in verb.children}
    if "agent" in deps and "nsubjpass" in deps and "ccomp" not in deps:
        return deps["nsubjpass"]  # "the plan was rejected by 64 percent": what was rejected
    if cue.kind == "learned":
        found = _learned_content(verb, cue_frame(verb))
        return found[0] if found is not None else None
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    for child in verb.children:
        if child.dep_ == "xcomp" and verb.lemma_.lower() in _XCOMP_CUES and child.lemma_.lower() not in speech_verbs():
            return child
    if cue.kind in ("deny", "reveal") or any(c.dep_ == "oprd" for c in verb.children):
        for child in verb.children:
            if child.dep_ == "dobj":
                return child  # "denied the claims", "called him “a liar”"
    for child in verb.children:
        if child.i > verb.i and child.lower_ in _ANSWERS and child.dep_ in ("intj", "dobj", "attr", "advmod"):
            return child  # "said no"
        if cue.kind == "ask" and child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in child.children
        ):
            return child  # "Asked if he was bullied, ..."
    return None


def _attribute(doc: Doc, verb: Token, cue: CueVerb, regions: _Regions) -> QuoteSpan | None:
    """The attribution a speech verb heads, if it has something said."""
    source_tok, impersonal = _subject(verb)
    if source_tok is not None and regions.at(source_tok.idx) is not None and regions.at(verb.idx) is None:
        # the parse took the quotation for the subject: the speaker is the apposition after it
        named = [c for c in source_tok.children if c.dep_ == "appos" and c.i < verb.i and regions.at(c.idx) is None]
        source_tok = named[0] if named else source_tok
    source = _source_range(doc, source_tok, verb, regions) if source_tok is not None else None
    inside = regions.at(verb.idx)
    clause = _clause_child(verb, cue)
    joined = clause.head if clause is not None and clause.dep_ == "pobj" else None  # "called for": one cue

    # The words of the attribution itself: the verb, its source and its modifiers, outside quotations.
    own = [verb.i]
    for child in verb.children:
        if child.dep_ in _CLAUSE_DEPS and child is not clause and child is not joined:
            own += [t.i for t in child.subtree if regions.at(t.idx) == inside]
    if source is not None and (source_tok.head.i == verb.i or verb.dep_ in ("relcl", "acl")):
        # a source borrowed from the verb this one hangs on ("she said, adding, “...”") is not
        # next to this verb's quotation
        own += [t.i for t in doc[source_tok.left_edge.i : source_tok.right_edge.i + 1] if source[0] <= t.idx < source[1]]
    start, end = doc[min(own)].idx, doc[max(own)].idx + len(doc[max(own)])

    parts: list[Range] = []
    if inside is None:
        i = bisect.bisect_right(regions._starts, start) - 1
        if i >= 0 and regions.ranges[i][1] <= start and _GAP_BEFORE.match(doc_text(doc)[regions.ranges[i][1] : start]):
            parts.append(regions.ranges[i])
        j = bisect.bisect_left(regions._starts, end)
        if j < len(regions.ranges) and _GAP_AFTER.match(doc_text(doc)[end : regions.ranges[j][0]]):
            parts.append(regions.ranges[j])
        elif parts and j < len(regions.ranges) and _runs_on_after(doc_text(doc)[end : regions.ranges[j][0]]):
            parts.append(regions.ranges[j])  # “...,” she said. “...”: the quotation goes on after its cue
    clause_range = _subtree_range(doc, clause, exclude=verb) if clause is not None else None
    if clause_range is not None and (cue.kind == "learned" or clause.dep_ == "dobj") and clause.dep_ != "ccomp":
        clause_range = _to_clause_end(doc, verb, clause_range)
    elif clause_range is not None and clause.dep_ == "ccomp":
        more = [c for c in verb.children if c.dep_ == "conj" and c.i > clause.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        if more:  # "said that ... and that ...": both clauses were said
            clause_range = (clause_range[0], doc[more[-1].right_edge.i].idx + len(doc[more[-1].right_edge.i]))
    elif clause_range is not None and clause.dep_ == "xcomp":
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
        if objects:  # "urged people to seek shelter": the object is part of what was urged
            clause_range = (objects[0].left_edge.idx, clause_range[1])
    pieces: tuple[Range, ...] = ()
    parenthetical = verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i)
    if clause_range is None and parenthetical and source is not None:
        # "Iran is ready, he said" / "Iran, he said, is ready": what was said is the clause the cue hangs on
        pieces = _around(doc, verb)
        clause_range = (pieces[0][0], pieces[-1][1]) if pieces else None
        if parts and clause_range is not None and not any(_overlaps(clause_range, p) for p in parts):
            pieces, clause_range = (), None
    said: list[Range] = list(parts or pieces)  # where the reported words are, for the source check
    if parts and clause_range is not None and any(_overlaps(clause_range, p) for p in parts) and (
        clause_range[0] < parts[0][0] or clause_range[1] > parts[-1][1]
    ) and _overlaps(clause_range, (parts[0][0], parts[-1][1])) and not _inside(clause_range, parts[0]):
        # a quotation inside a reported clause ("said Clinton would have to “go more to center”"):
        # annotators take the whole clause
        content = (min(clause_range[0], parts[0][0]), max(clause_range[1], parts[-1][1]))
        parts, direct = [], False
    elif parts and (clause_range is None or any(_overlaps(clause_range, p) for p in parts)):
        content = (parts[0][0], parts[-1][1])
        direct = True
    elif clause_range is not None:
        content, parts = clause_range, list(pieces) if len(pieces) > 1 else []
        quoted = regions.at(content[0])
        # inside a quotation, a cue reports the quoted speaker's words about someone else: not direct
        direct = quoted is not None and regions.ranges[quoted][1] >= content[1] and inside is None
    else:
        return None
    if source is not None and any(_overlaps(source, p) for p in (said or parts or [content])):
        source, source_tok = None, None
    if source is None and not impersonal and source_tok is None and not parts:
        # no source, no quotation: a bare "said" in a fragment tells us nothing
        return None
    return QuoteSpan(
        content=content, parts=tuple(parts) if len(parts) > 1 else (), cue=_cue_range(doc, verb, joined), source=source,
        source_head=source_tok.i if source_tok is not None and source is not None else None,
        direct=direct, cue_lemma=cue.lemma, cue_certainty=cue.certainty,
    )


def _to_clause_end(doc: Doc, verb: Token, content: Range) -> Range:
    """Stretch an object's range over the verb's later complements ("endorsed Cruz for president")."""
    ends = [c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ not in _NOT_CONTENT
            and (c.dep_ != "prep" or c.lower_ not in _SCENE_PREPS)]
    last = max(ends, default=-1)
    if last < 0 or doc[last].idx + len(doc[last]) <= content[1]:
        return content
    stretched = _trim(doc, verb.i + 1, last)
    return (content[0], stretched[1]) if stretched is not None else content


def _around(doc: Doc, verb: Token) -> tuple[Range, ...]:
    """The pieces of the clause a parenthetical cue hangs on, before it and, where the clause goes
    on ("Iran, he said, is ready"), after it."""
    head = verb.head
    own_first, own_last = verb.left_edge.i, verb.right_edge.i
    before = _trim(doc, head.left_edge.i, own_first - 1)
    if before is None:
        return ()
    after = _trim(doc, own_last + 1, head.right_edge.i) if head.right_edge.i > own_last else None
    return (before, after) if after is not None else (before,)


def _joined_runs(text: str, runs: list[Range], attribution: tuple[Range | None, ...]) -> tuple[Range, ...]:
    """The tagger's content runs as pieces: a gap that holds neither the cue, the source nor a
    paragraph break is a word the tagger dropped, not a break in what was said."""
    pieces: list[Range] = []
    for run in sorted(runs):
        if pieces and (run[0] <= pieces[-1][1] or not (
            "\n" in text[pieces[-1][1] : run[0]]
            or any(r is not None and _overlaps((pieces[-1][1], run[0]), r) for r in attribution)
        )):
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], run[1]))
        else:
            pieces.append(run)
    return tuple(pieces)


def content_parts(doc: Doc, quote: QuoteSpan) -> tuple[Range, ...]:
    """The pieces of what ``quote`` reports, in text order: its pieces (or its whole content) less
    its own cue and source and broken at paragraph ends, as PolNeAR's annotators draw them. A part's
    end inside the content loses its punctuation and spaces as the rules trim a content (quote marks
    stay: they belong to a quotation); the first part starts and the last ends where the content
    does, unless the cue or source stands there. A content with no cue, source or paragraph break
    inside it has one part, equal to it."""
    text = doc_text(doc)
    start, end = quote.content
    holes = [r for r in (quote.cue, quote.source) if r is not None and _overlaps(r, quote.content)]
    holes += [m.span() for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    parts: list[Range] = []
    for piece in quote.parts or (quote.content,):
        for fragment in _less(piece, holes):
            trimmed = _trim_cut(doc, fragment, fragment[0] != start, fragment[1] != end)
            if trimmed is not None and any(ch.isalnum() for ch in text[trimmed[0] : trimmed[1]]):
                parts.append(trimmed)
    return tuple(parts) or (quote.content,)


def _less(piece: Range, holes: list[Range]) -> list[Range]:
    """``piece`` with the holes taken out."""
    fragments = [piece]
    for hole in holes:
        fragments = [f for s, e in fragments for f in ((s, min(e, hole[0])), (max(s, hole[1]), e)) if f[0] < f[1]]
    return fragments


def _trim_cut(doc: Doc, chars: Range, left: bool, right: bool) -> Range | None:
    """``chars`` without the punctuation and spaces at the ends named (``left``, ``right``)."""
    tokens = token_range(doc, chars)
    if tokens is None:
        return None
    first, last = tokens[0], tokens[1] - 1
    trimmed = _trim(doc, first, last)
    if trimmed is None:
        return None
    return (max(trimmed[0], chars[0]) if left else chars[0]), (min(trimmed[1], chars[1]) if right else chars[1])


def _runs_on_after(gap: str) -> bool:
    """True when ``gap`` ends the cue's sentence and the next one opens with the quotation."""
    return "\n" not in gap and len(gap.split()) <= _MAX_RUN_ON_GAP and gap.rstrip().endswith((".", ":"))


def _subtree_range(doc: Doc, head: Token, exclude: Token) -> Range | None:
    tokens = [t.i for t in head.subtree if t.i != exclude.i]
    if not tokens:
        return None
    first, last = min(tokens), max(tokens)
    if first <= exclude.i <= last:  # the clause wraps round the cue: keep the side the clause head is on
        first, last = (exclude.i + 1, last) if head.i > exclude.i else (first, exclude.i - 1)
    return _trim(doc, first, last)


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _according_to(doc: Doc, according: Token) -> QuoteSpan | None:
    """``according to X, ...``: X is the source, the clause the phrase modifies is the content."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    source = _trim(doc, obj.left_edge.i, obj.right_edge.i)
    phrase_first, phrase_last = according.i, obj.right_edge.i
    sentence = according.sent
    clause = according.head if according.head.i != according.i else sentence.root
    first, last = clause.left_edge.i, clause.right_edge.i
    if phrase_first - first <= last - phrase_last:  # the phrase opens the clause: content follows it
        content = _trim(doc, phrase_last + 1, last)
    else:
        content = _trim(doc, first, phrase_first - 1)
    if source is None or content is None:
        return None
    return QuoteSpan(
        content=content, parts=(), cue=(according.idx, to.idx + len(to)), source=source, source_head=obj.i,
        direct=False, cue_lemma="according to", cue_certainty="asserted",
    )


def _distance(quote: QuoteSpan) -> int:
    assert quote.cue is not None
    cue_start, cue_end = quote.cue
    return min(abs(cue_start - e) if cue_start >= e else abs(s - cue_end) for s, e in quote.parts or (quote.content,))


def _nearest_cue_only(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """One quotation, one cue: where two verbs claim the same quotation, the nearer one says it."""
    direct = sorted((q for q in quotes if q.direct and q.cue is not None), key=_distance)
    claimed: list[Range] = []  # sorted and disjoint (a piece is claimed only if it overlaps none), so
    dropped: set[int] = set()  # the only claimed range that can overlap a piece is the last starting before its end
    for quote in direct:
        pieces = quote.parts or (quote.content,)
        if any(_claimed(p, claimed) for p in pieces):
            dropped.add(id(quote))
        else:
            for piece in pieces:
                bisect.insort(claimed, piece)
    return [q for q in quotes if id(q) not in dropped]


def _claimed(piece: Range, claimed: list[Range]) -> bool:
    k = bisect.bisect_left(claimed, (piece[1],))
    return any(_overlaps(piece, c) for c in claimed[max(0, k - 2):k])


def _loose_quotations(doc: Doc, regions: _Regions, found: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations no verb claimed: ``Name: “...”`` and paragraphs continuing a quotation."""
    taken = Intervals((q.content, None) for q in found)
    loose: list[QuoteSpan] = []
    for region in regions.ranges:
        if taken.any_overlapping(*region):
            continue
        if len(doc_text(doc)[region[0] : region[1]].split()) < _MIN_LOOSE_WORDS:
            continue
        line_start = doc_text(doc).rfind("\n", 0, region[0]) + 1
        colon = doc_text(doc).rfind(":", line_start, region[0])
        if colon >= 0 and _COLON_SOURCE.match(doc_text(doc)[colon : region[0]]):
            span = _colon_speaker(doc, line_start, colon)
            if span is not None and _names_someone(span[-1]):
                head = span[-1]
                first = max(head.left_edge.i, span.start)
                source = _trim(doc, first, head.i)
                if source is not None:
                    loose.append(QuoteSpan(region, (), (colon, colon + 1), source, head.i, True, None, "asserted"))
                    continue
        loose.append(QuoteSpan(region, (), None, None, None, True, None, "asserted"))  # kept if it continues one
    return loose


def _colon_lines(doc: Doc, regions: _Regions, found: list[QuoteSpan]) -> list[QuoteSpan]:
    """Headline-style lines ``Name: what they said`` with no quotation marks ("Issa: Clinton's
    honesty is in question"): the colon is the cue, the rest of the line the content."""
    text = doc_text(doc)
    lines: list[QuoteSpan] = []
    contents = Intervals((q.content, None) for q in found)
    for match in _COLON_LINE.finditer(text):
        colon, content = match.end(1), (match.start(2), match.end(2))
        if regions.at(colon) is not None or regions.at(content[0]) is not None or len(match.group(2).split()) < 3:
            continue
        if contents.any_overlapping(*content):
            continue
        span = doc.char_span(match.start(1), colon, alignment_mode="contract")
        if span is None or not 0 < len(span) <= _MAX_COLON_LINE_SOURCE or not _names_someone(span[-1]):
            continue
        if span[-1].ent_type_ in ("GPE", "DATE", "TIME"):  # datelines ("Washington: ...")
            continue
        source = _trim(doc, span.start, span.end - 1)
        if source is not None:
            lines.append(QuoteSpan(content, (), (colon, colon + 1), source, span[-1].i, False, None, "asserted"))
    return lines


def _colon_speaker(doc: Doc, line_start: int, colon: int) -> Span | None:
    """The words before ``:`` that may name a speaker: the line's start, or what follows the last
    dash or full stop on the line ("... territory - Philip Bump: “...”"), or the named entity that
    ends the line ("doesn't surprise pollster Daron Shaw: “...”")."""
    span = doc.char_span(line_start, colon, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if len(span) <= _MAX_COLON_SOURCE:
        return span
    breaks = [t.i for t in span if t.text in ("-", "—", "–", ".", ";")]
    if breaks and 0 < span.end - breaks[-1] - 1 <= _MAX_COLON_SOURCE:
        return doc[breaks[-1] + 1 : span.end]
    last = span[-1]
    for ent in doc.ents:
        if ent.end == span.end and ent.label_ in ("PERSON", "ORG"):
            return doc[max(ent.start, last.left_edge.i) : ent.end]
    return None


def _runs_on(text: str, previous: QuoteSpan, quote: QuoteSpan) -> bool:
    """True when only the previous quotation's own attribution stands between it and ``quote``."""
    if not previous.direct or previous.source is None or previous.content[1] > quote.content[0]:
        return False
    gap = list(text[previous.content[1] : quote.content[0]])
    for rng in (previous.source, previous.cue):
        if rng is not None:
            for i in range(max(rng[0], previous.content[1]), min(rng[1], quote.content[0])):
                gap[i - previous.content[1]] = " "
    return not any(ch.isalnum() for ch in gap)


def _names_someone(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP") or (
        token.is_title and token.pos_ == "NOUN"
    )


def _link_continuations(text: str, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Join a cue-less quotation to the direct quotation it runs on from; drop it if there is none."""
    kept: list[QuoteSpan] = []
    for quote in quotes:
        if quote.cue is not None:
            kept.append(quote)
            continue
        previous = kept[-1] if kept else None
        if previous is None or not _runs_on(text, previous, quote):
            continue
        kept[-1] = replace(
            previous, content=(previous.content[0], quote.content[1]),
            parts=(*(previous.parts or (previous.content,)), quote.content),
        )
    return kept


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _mark_nested(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Mark the attributions reported inside another one's content (PolNeAR's annotators, giving
    every word to one attribution, keep only the outer)."""
    contents = Intervals((q.content, k) for k, q in enumerate(quotes) if q.cue is not None)
    marked = []
    for k, quote in enumerate(quotes):
        nested = quote.cue is not None and any(
            j != k and not _inside(quotes[j].cue, quote.content) for _, j in contents.containing(*quote.cue)
        )
        marked.append(replace(quote, nested=True) if nested else quote)
    return marked


@Language.factory("newsgraph_quotes", requires=["token.dep", "token.lemma", "token.pos"], assigns=["doc._.ng_quotes"])
def make_quote_layer(nlp: Language, name: str) -> QuoteLayer:
    return QuoteLayer()
