"""How an act is told: negated, hypothetical, coming, alleged, or as background to the news."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.events.arguments import raised_by

#: Heads whose complement has not happened (yet): "threatened to attack", "plans to visit".
INTENT = frozenset({
    "threaten", "plan", "want", "intend", "hope", "seek", "try", "vow", "promise", "pledge", "prepare", "aim",
    "expect", "agree", "offer", "decide", "schedule", "propose", "wish", "attempt", "consider", "urge", "ask",
    "call", "refuse", "fail", "need", "would", "able",
})
_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "will", "shall", "must", "'ll", "wo", "ca"})
#: Prepositions that deny the clause they govern ("without consulting X").
_NEGATING_PREPS = frozenset({"without", "instead"})
#: Marks and prepositions of a clause that dates another event by one still to come
#: ("a day before Sarkozy heads to Beijing", "before leaving for Beijing").
_NOT_YET = frozenset({"before", "until", "till"})
_PERFECT = frozenset({"has", "have", "had", "'s", "'ve", "'d"})
_PRESENT = frozenset({"VBZ", "VBP"})


def background(verb: Token) -> bool:
    """A clause told as background, not as the news: a relative clause in the perfect describing its noun
    ("the group that has seized parts of Iraq"), or a plan that only dates another event ("before leaving
    for Beijing", "comes a day before X heads to Beijing"). A past act that dates another ("four days after
    fighters killed 14 soldiers") is news and stays."""
    if verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in _PERFECT for c in verb.children):
        return True
    if verb.dep_ == "pcomp":
        return verb.head.lower_ in _NOT_YET  # a gerund: "before leaving"
    # a finite clause in the present, no auxiliary: "before X heads to Beijing", not "before X had met Y"
    return verb.tag_ in _PRESENT and not any(c.dep_ == "aux" for c in verb.children) and any(
        c.dep_ == "mark" and c.lower_ in _NOT_YET for c in verb.children
    )


def is_complement(verb: Token) -> bool:
    """An open or infinitival complement ("wants to attack", "wants Putin to attack", "pressured to help")."""
    return verb.dep_ == "xcomp" or verb.dep_ in ("ccomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def modality(verb: Token) -> tuple[bool, bool]:
    """(negated, hypothetical) for a verb, looking through the verbs it is the complement of."""
    negated = hypothetical = False
    token, depth = verb, 0
    while depth < 4:
        for child in token.children:
            if child.dep_ == "neg":
                negated = True
            elif child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
                hypothetical = True
            elif child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                hypothetical = True
        if token.dep_ == "pcomp" and token.head.lower_ in _NEGATING_PREPS:
            negated = True
        complement = is_complement(token)
        if not (complement or token.dep_ == "conj") or token.head.i == token.i:
            break
        if complement and (token.head.lemma_.lower() in INTENT or token.head.lower_ == "about"):
            hypothetical = True
        token, depth = token.head, depth + 1
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.lower_ == "about":
        hypothetical = True
    return negated, hypothetical


def told_as_coming(verb: Token, also_would: bool = False) -> bool:
    coming = ("will", "'ll", "shall", "would") if also_would else ("will", "'ll", "shall")
    return any(c.dep_ == "aux" and c.lower_ in coming for c in verb.children)


def will_not(verb: Token) -> bool:
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    return bool(children & {"will", "would", "wo", "'ll"}) and bool(children & {"not", "n't", "never"})


#: Adverbs that tell an act as alleged by someone else.
_REPORTEDLY = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
#: Reporting verbs that raise the doer of the act they report ("X is reported to have bombed Y").
_REPORTING = frozenset({"report", "say", "allege", "rumour", "rumor", "claim", "believe", "suspect"})
#: Adjectives that tell a noun's act as alleged ("the alleged shelling").
_ALLEGED = frozenset({"alleged", "reported", "purported", "suspected", "claimed"})


def told_as_alleged(trigger: Token) -> bool:
    """"Reportedly", "according to X", "is reported to have", "the alleged attack": told as alleged."""
    token = trigger
    for _ in range(3):
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in _REPORTEDLY or child.dep_ == "prep" and child.lower_ == "according":
                return True
            if token.pos_ == "NOUN" and child.dep_ == "amod" and child.lower_ in _ALLEGED:
                return True
        reporter = raised_by(token)
        if reporter is not None:
            return reporter.lemma_.lower() in _REPORTING
        if token.dep_ not in ("conj", "xcomp") or token.head.i == token.i:
            break
        token = token.head
    return False
