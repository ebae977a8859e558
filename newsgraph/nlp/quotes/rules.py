"""The hand-written attribution rules: a cue verb (or ``according to``), its source and what it reports,
read off the parse."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.quotes.regions import Regions
from newsgraph.nlp.quotes.spans import (
    RELATIVE_PRONOUNS,
    QuoteSpan,
    Range,
    overlaps,
    subtree_range,
    trim,
    within,
)
from newsgraph.nlp.speech_cues import CueVerb, speech_verbs

#: what may stand between a quotation and the words that attribute it
_GAP_BEFORE = re.compile(r"^[\s,;:—–-]*$")
_GAP_AFTER = re.compile(r"^[\s,;:—–-]*$")
#: children of a cue verb that belong to the attribution, not to what is said
_CLAUSE_DEPS = {"nsubj", "nsubjpass", "agent", "dative", "prep", "npadvmod", "advmod", "prt", "aux", "auxpass",
                "neg", "dobj"}
#: verbs whose infinitive complement is what was said ("urged them to leave")
_XCOMP_CUES = {"urge", "warn", "promise", "pledge", "vow", "threaten", "ask", "call", "tell", "caution"}
NOT_INSIDE_QUOTES = {"mental", "show"}
_CUE_AUX = {"aux", "auxpass", "neg", "advmod"}
#: later children of a verb that are not part of what a learned cue reports
_NOT_CONTENT = {"punct", "advcl", "cc", "conj", "parataxis", "npadvmod", "advmod"}
#: prepositions after a learned cue's object that still belong to what it reports ("endorsed Cruz
#: for president", "described him as a liar"); the rest set the scene ("in 2015", "on TV")
_SCENE_PREPS = {"at", "during", "after", "before", "since", "amid", "despite"}
#: one-word answers a speech verb reports ("said no")
_ANSWERS = {"yes", "no", "so"}
_MAX_RUN_ON_GAP = 8  # words between a cue and the quotation that resumes after its sentence


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
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
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


def _source_range(doc: Doc, head: Token, verb: Token, regions: Regions) -> Range | None:
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
    return trim(doc, first, last)


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


def attribute(doc: Doc, verb: Token, cue: CueVerb, regions: Regions) -> QuoteSpan | None:
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
    clause_range = subtree_range(doc, clause, exclude=verb) if clause is not None else None
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
        if parts and clause_range is not None and not any(overlaps(clause_range, p) for p in parts):
            pieces, clause_range = (), None
    said: list[Range] = list(parts or pieces)  # where the reported words are, for the source check
    if parts and clause_range is not None and any(overlaps(clause_range, p) for p in parts) and (
        clause_range[0] < parts[0][0] or clause_range[1] > parts[-1][1]
    ) and overlaps(clause_range, (parts[0][0], parts[-1][1])) and not within(clause_range, parts[0]):
        # a quotation inside a reported clause ("said Clinton would have to “go more to center”"):
        # annotators take the whole clause
        content = (min(clause_range[0], parts[0][0]), max(clause_range[1], parts[-1][1]))
        parts, direct = [], False
    elif parts and (clause_range is None or any(overlaps(clause_range, p) for p in parts)):
        content = (parts[0][0], parts[-1][1])
        direct = True
    elif clause_range is not None:
        content, parts = clause_range, list(pieces) if len(pieces) > 1 else []
        quoted = regions.at(content[0])
        # inside a quotation, a cue reports the quoted speaker's words about someone else: not direct
        direct = quoted is not None and regions.ranges[quoted][1] >= content[1] and inside is None
    else:
        return None
    if source is not None and any(overlaps(source, p) for p in (said or parts or [content])):
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
    stretched = trim(doc, verb.i + 1, last)
    return (content[0], stretched[1]) if stretched is not None else content


def _around(doc: Doc, verb: Token) -> tuple[Range, ...]:
    """The pieces of the clause a parenthetical cue hangs on, before it and, where the clause goes
    on ("Iran, he said, is ready"), after it."""
    head = verb.head
    own_first, own_last = verb.left_edge.i, verb.right_edge.i
    before = trim(doc, head.left_edge.i, own_first - 1)
    if before is None:
        return ()
    after = trim(doc, own_last + 1, head.right_edge.i) if head.right_edge.i > own_last else None
    return (before, after) if after is not None else (before,)


def _runs_on_after(gap: str) -> bool:
    """True when ``gap`` ends the cue's sentence and the next one opens with the quotation."""
    return "\n" not in gap and len(gap.split()) <= _MAX_RUN_ON_GAP and gap.rstrip().endswith((".", ":"))


def according_to(doc: Doc, according: Token) -> QuoteSpan | None:
    """``according to X, ...``: X is the source, the clause the phrase modifies is the content."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    source = trim(doc, obj.left_edge.i, obj.right_edge.i)
    phrase_first, phrase_last = according.i, obj.right_edge.i
    sentence = according.sent
    clause = according.head if according.head.i != according.i else sentence.root
    first, last = clause.left_edge.i, clause.right_edge.i
    if phrase_first - first <= last - phrase_last:  # the phrase opens the clause: content follows it
        content = trim(doc, phrase_last + 1, last)
    else:
        content = trim(doc, first, phrase_first - 1)
    if source is None or content is None:
        return None
    return QuoteSpan(
        content=content, parts=(), cue=(according.idx, to.idx + len(to)), source=source, source_head=obj.i,
        direct=False, cue_lemma="according to", cue_certainty="asserted",
    )
