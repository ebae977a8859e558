"""Event mentions and their arguments, read off the dependency parse.

The functions here find the phrases that fill
its roles: subjects through passives, relative pronouns and control verbs, objects, prepositional
objects, and coordinated phrases that share their modifiers.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from newsgraph.nlp.events.mention import ArgSpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp", "parataxis", "mark"})
_REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_PERSONAL = frozenset({"he", "she", "they", "we", "it"})
_EMPTY_OBJECTS = frozenset({"it", "that", "this", "which", "what", "who", "whom"})
#: Verbs whose object, when a person or a delegation, makes a visit by the sender ("sent his envoy to Tehran").
SENDING = frozenset({"send", "dispatch"})
#: Heads of a "by" phrase that carries out a noun's action ("a delegation headed by X": X leads it).
_LEADING = frozenset({"head", "lead", "chair", "command", "represent"})


def _phrase_tokens(head: Token) -> list[Token]:
    # The head and its modifiers, without the clauses and lists hanging off it.
    out = [head]
    stack = [c for c in head.children if c.dep_ not in _CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "appos", "advcl", "punct"))
    return out


#: Modifiers that are the phrase's own words, whose names and roles code its actor.
_OWN_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "case", "nn"})
_OWN_PREPS = frozenset({"of", "from", "in"})


def _range(tokens: list[Token]) -> tuple[int, int]:
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def name_as_auxiliary(head: Token) -> Token | None:
    """A name the tagger read as an auxiliary right before ``head`` ("IS fighters": "IS" as "is"), where the
    lexicon or the recogniser made it a name."""
    doc = head.doc
    left = head.left_edge.i
    if left == 0:
        return None
    token = doc[left - 1]
    if token.pos_ == "AUX" and token.ent_type_ and token.is_upper and token.head.i == head.head.i:
        return token
    return None


def argument(head: Token) -> ArgSpan:
    tokens = _phrase_tokens(head)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = head.doc
    while first < last and (doc[first].is_punct or doc[first].lower_ in ("the", "a", "an")):
        first += 1
    if first > 0 and doc[first - 1].tag_ == "POS" and doc[first - 1].head.i == first - 2:
        # a possessor the parse left outside its phrase ("Iran's | Foreign Minister X") still codes it
        first = doc[first - 2].left_edge.i
    own = [(head.idx, head.idx + len(head))]
    own += [_range(list(c.subtree)) for c in head.children if c.dep_ in _OWN_MODIFIERS and c.i < head.i]
    if first < min(t.i for t in tokens):
        own.append((doc[first].idx, doc[min(t.i for t in tokens) - 1].idx))
    alias = name_as_auxiliary(head)
    if alias is not None and alias.i == first - 1:
        first -= 1
        own.append((alias.idx, alias.idx + len(alias)))
    # of an "of" phrase, its noun and that noun's own modifiers ("of Syria's intelligence service"), not the
    # phrases inside it ("a number of local forces in both Syria and Iraq")
    of = [_range([g, *(t for c in g.children if c.dep_ in _OWN_MODIFIERS and c.i < g.i for t in c.subtree)])
          for p in head.children if p.dep_ == "prep" and p.lower_ in _OWN_PREPS for g in p.children if g.dep_ == "pobj"]
    while last > first and doc[last].is_punct:
        last -= 1
    appos = []
    for child in head.children:
        if child.dep_ == "appos":
            sub = _phrase_tokens(child)
            appos.append((doc[min(t.i for t in sub)].idx, max(t.idx + len(t) for t in sub)))
        elif child.dep_ == "acl" and child.lemma_.lower() in _LEADING:
            # "a delegation headed by X" stands for X where the delegation itself names no actor
            for leader in (g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"):
                sub = _phrase_tokens(leader)
                appos.append((doc[min(t.i for t in sub)].idx, max(t.idx + len(t) for t in sub)))
    return ArgSpan(doc[first].idx, doc[last].idx + len(doc[last]), head.idx, head.idx + len(head), appos, own=own, of=of)


def with_conjuncts(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        stack = [head]
        while stack:
            token = stack.pop(0)
            if token not in out:
                out.append(token)
            # "the US, Russia, and Switzerland": the parse makes the middle of a list an apposition
            stack.extend(c for c in token.children if c.dep_ == "conj" or c.dep_ == "appos" and _listed(c))
    return out


_SHARED_LEFT = frozenset({"amod", "compound", "poss", "nmod"})
_SHARED_PREPS = frozenset({"in", "from", "of"})


def args(heads: list[Token], keep: Callable[[Token], bool]) -> list[ArgSpan]:
    """Argument spans of ``heads`` and their conjuncts; a conjunct without modifiers of its own shares
    those of the conjunct before it ("Syrian diplomats and officials") and after it ("lawmakers and
    officials in Gondor")."""
    out = []
    for head in heads:
        group = [t for t in with_conjuncts([head]) if keep(t)]
        for i, token in enumerate(group):
            arg = argument(token)
            if len(group) > 1 and token.pos_ == "NOUN":
                own = {c.dep_ for c in token.children}
                for other in group[:i][-1:] if not own & _SHARED_LEFT else ():
                    mods = [c for c in other.children if c.dep_ in _SHARED_LEFT and c.i < other.i]
                    arg.shared += [(m.left_edge.idx, m.idx + len(m)) for m in mods]
                has_prep = any(c.dep_ == "prep" and c.lower_ in _SHARED_PREPS for c in token.children)
                for other in (o for o in group if o.i != token.i and not has_prep):
                    preps = [c for c in other.children if c.dep_ == "prep" and c.lower_ in _SHARED_PREPS]
                    arg.shared += [(p.idx, p.right_edge.idx + len(p.right_edge)) for p in preps]
                    if preps:
                        break
            out.append(arg)
    return out


def _listed(appos: Token) -> bool:
    return appos.pos_ == "PROPN" and appos.head.pos_ == "PROPN" and any(c.dep_ == "conj" for c in appos.children)


def _relative_head(token: Token) -> Token:
    # "the militia which attacked": the militia, not "which".
    if token.lower_ in _REL_PRONOUNS and token.head.dep_ == "relcl":
        if token.lower_ == "who" and token.head.head.ent_type_ in PLACE_LABELS:
            return token  # "a source in Homs, who asked": the person, not the place (dropped as a pronoun)
        return token.head.head
    return token


def subjects(verb: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
    """(sources, passive targets) of a verb, inherited from the verb it is tied to where it has none."""
    sources = [_relative_head(c) for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    targets = [_relative_head(c) for c in verb.children if c.dep_ == "nsubjpass"]
    if not sources and not targets:
        # "IS attacked X": a name the tagger read as the auxiliary "is" is the subject
        sources = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.ent_type_ and c.is_upper]
    for child in verb.children:
        if child.dep_ == "agent":
            sources += [g for g in child.children if g.dep_ == "pobj"]
    if targets and not sources:
        for conj in verb.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in conj.children):
                sources += [g for c in conj.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    head = verb.head
    if sources and verb.dep_ == "ccomp" and all(s.lower_ in _PERSONAL for s in sources):
        # "Obama and Putin said they will attack": the speaker is who the pronoun stands for
        speakers = [c for c in head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]
        sources = speakers or sources
    if verb.dep_ == "conj" and depth <= 3 and (not sources or not targets):
        # "were recruited and trained by X": conjoined verbs share what one of them lacks
        head_sources, head_targets = subjects(head, depth + 1)
        if not targets and any(c.dep_ == "auxpass" for c in verb.children):
            # "civilians imprisoned for X were released by Putin": a passive verb's shared subject is
            # what it was done to, whatever role that subject plays for the verb before
            return sources, head_targets or head_sources
        passive = any(c.dep_ == "auxpass" for c in head.children) or verb.tag_ == "VBN"
        return sources or head_sources, targets or (head_targets if passive else [])
    if not (sources or targets) and (reporter := raised_by(verb)) is not None:
        # "Israeli jets are reported to have bombed X", "was quoted as warning X": the subject of the
        # reporting verb did the act; it is not what the act was done to
        return [_relative_head(c) for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")], []
    if sources or targets or depth > 3:
        return sources, targets
    if verb.dep_ == "acomp" or verb.dep_ in ("xcomp", "advcl") and verb.tag_ in ("VB", "VBG", ""):
        # "Arnor is about to restore": climb through "about" to the subject of "is"
        if (verb.dep_ == "xcomp" or head.lemma_.lower() in SENDING) and any(c.dep_ in ("dobj", "obj") for c in head.children):
            # "urged Bree to help": the object of the head does the helping
            return [c for c in head.children if c.dep_ in ("dobj", "obj")], []
        return subjects(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        objects = [c for c in head.head.children if c.dep_ in ("dobj", "obj")]
        if head.lower_ in ("for", "of") and objects:
            # "jailed a student for helping X", "accused X of shelling Y": the one jailed or accused did it
            return objects, []
        # "showed solidarity by sending X": the subject of "showed" sends
        return subjects(head.head, depth + 1)
    if verb.dep_ == "relcl":
        return [head], []
    if verb.dep_ == "acl":
        if verb.tag_ == "VB":  # "the US decision to assassinate": the decision's owner acts
            return [c for c in head.children if c.dep_ in ("poss", "compound") and c.ent_type_], []
        return ([head], []) if verb.tag_ == "VBG" else ([], [head])
    return [], []


#: Verbs that raise the subject of the act they report ("is said to have", "appears to have", "was quoted as").
_RAISING = frozenset({
    "report", "say", "believe", "think", "know", "understand", "allege", "rumour", "rumor", "suspect", "appear",
    "seem", "quote", "claim", "presume", "estimate", "describe", "cite", "see",
})


def raised_by(verb: Token) -> Token | None:
    """The reporting or raising verb whose subject is ``verb``'s ("reported" in "X is reported to have
    bombed", "quoted" in "X was quoted as warning"), if any."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in _RAISING and head.i != verb.i:
        return head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in _RAISING:
        return head.head
    return None


def objects_of(verb: Token) -> list[Token]:
    out = []
    for c in verb.children:
        if c.dep_ not in ("dobj", "obj", "dative", "iobj") or c.pos_ == "ADP" or c.lower_ in _EMPTY_OBJECTS:
            continue
        if any(g.tag_ == "POS" for g in c.children):
            # a possessor parsed as the object ("consulting Iran's minister X" split in two):
            # the phrase it owns, hanging off the verb right after it, is the object
            owned = [d for d in verb.children if d.i > c.i and d.dep_ in ("npadvmod", "appos", "attr", "oprd", "dobj")]
            c = owned[0] if owned else c
        if c not in out:
            out.append(c)
    return out


def pobjs(token: Token, prep: str) -> list[Token]:
    return [
        g for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ == prep
        for g in c.children if g.dep_ == "pobj"
    ]
