"""Triggers and their CAMEO codes: a verb or noun of ``data/cameo``, the light verb that hands over its
noun's event, and the code its arguments and modality make of it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.nlp.cameo import Codebook, NounPattern, VerbPattern
from newsgraph.nlp.events.arguments import (
    SENDING,
    args,
    argument,
    objects_of,
    pobjs,
    subjects,
    with_conjuncts,
)
from newsgraph.nlp.events.mention import EventMention
from newsgraph.nlp.events.modality import modality, told_as_alleged, told_as_coming, will_not

#: Verbs that carry a noun's event rather than one of their own.
LIGHT = frozenset({
    "carry", "conduct", "launch", "stage", "mount", "pay", "make", "hold", "lead", "perform", "undertake",
    "begin", "start", "continue", "order", "organise", "organize", "plan", "execute", "commit", "wage",
})
_TARGET_PREPS = ("with", "against", "to", "at", "on", "toward", "towards", "into")
PLACE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "around", "across", "within", "into", "to", "from", "over", "on", "between",
    "along", "off", "through",
})
_ENVOYS = frozenset({
    "envoy", "emissary", "delegation", "delegate", "representative", "minister", "official", "adviser", "advisor",
    "ambassador", "diplomat", "mission", "team", "negotiator", "chief", "head", "deputy", "aide", "secretary",
})
#: Edges a place does not climb through to reach an event: it describes the subject, not the event.
_DATELINE_REACH = 600
FORCE = frozenset({"18", "19", "20"})


def match_verb(verb: Token, patterns: tuple[VerbPattern, ...]) -> VerbPattern | None:
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    # a passive verb's subject is its object ("evidence was presented")
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    objects = {o.lemma_.lower() for o in with_conjuncts(objects_of(verb) + passive)} | {o.lower_ for o in objects_of(verb)}
    for pattern in patterns:  # most specific first
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.prep and pattern.prep not in preps:
            continue
        if pattern.objects and not (pattern.objects & objects):
            continue
        return pattern
    return None


def means_of(verb: Token, book: Codebook) -> list[Token]:
    """Nouns of force a verb's act was done "in" or "by" ("killed in an air strike")."""
    out = []
    for prep in ("in", "by"):
        for noun in pobjs(verb, prep):
            pattern = book.noun(noun) if noun.pos_ == "NOUN" else None
            if pattern is not None and pattern.code[:2] in FORCE:
                out.append(noun)
    return out


def verb_event(verb: Token, pattern: VerbPattern, book: Codebook) -> EventMention:
    sources, passive_targets = subjects(verb)
    targets = passive_targets or objects_of(verb)
    code, lemma, pos, trigger = pattern.code, verb.lemma_.lower(), "VERB", verb
    sources = _event_subjects(sources, book)
    givers = [g for h in (verb, *objects_of(verb)) for g in pobjs(h, "from")] if lemma in _RECEIVING else []
    if givers and pattern.objects:
        # "received weapons from X": X gave them to the subject
        sources, targets = givers, sources
    if pattern.code[:2] in ("18", "19") and len(pattern.code) == 3 and pattern.code.endswith("0"):
        # "a drone strike killed X": the subject names the means, more precisely than the verb
        for source in subjects(verb)[0]:
            noun = book.noun(source)
            if noun is not None and noun.code[:2] in FORCE:
                code = noun.code
    if code[:2] in FORCE and passive_targets and not sources:
        # "were killed in an air strike by government forces": the means names the doer and the weapon
        for means in means_of(verb, book):
            pattern_of = book.noun(means)
            sources = _noun_actors(means, pattern_of)[0] if pattern_of is not None else []
            if sources and pattern_of is not None:
                code = pattern_of.code if code.endswith("0") else code
                break
    if lemma in SENDING and is_envoy(objects_of(verb)):
        # "sent Ali Mamlouk to Tehran": a visit by the sender, to where the envoy goes
        code, targets = "042", pobjs(verb, "to") or pobjs(verb, "for")
    # A light verb with a noun trigger as object codes the noun ("launched an attack on X").
    for obj in objects_of(verb):
        noun = book.nouns.get(obj.lemma_.lower())
        if noun is not None and verb.lemma_.lower() in LIGHT and pattern.specificity == 0:
            code, lemma, pos, trigger = noun.code, obj.lemma_.lower(), "NOUN", obj
            targets = pobjs(obj, "on") + pobjs(obj, "against") + pobjs(obj, "of") + pobjs(obj, "with")
            break
    if not targets:
        preps = ((pattern.prep,) if pattern.prep else ()) + _TARGET_PREPS
        for prep in preps:
            # "trained at Bab Amr" names a place; "fired at Russia" a target
            targets = [t for t in pobjs(verb, prep) if prep == pattern.prep or t.ent_type_ not in ("FAC", "LOC")]
            if targets:
                break
    if not targets:
        # "threatened to attack Israel": the complement's object is the target
        for child in verb.children:
            if child.dep_ == "xcomp":
                targets = objects_of(child)
                break
    if pos == "VERB" and code[:2] in _ABOUT_DEEDS:
        targets = _event_targets(targets, book)
    code = _protest_code(code, sources, targets)
    negated, hypothetical = modality(verb)
    if code[:2] in FORCE and not negated and verb.dep_ == "ccomp" and told_as_coming(verb):
        code = "138"  # "said they will attack Iraq": force announced is force threatened
    elif code[:2] in INTENT_TO and not negated and verb.dep_ == "ccomp" and verb.head.i < verb.i and told_as_coming(
        verb, also_would=True
    ):  # told after its speaker ("X announced it would free Y"); "X will send aid, an official said" is the aid
        code = INTENT_TO[code[:2]]  # "announced it would free prisoners": an intent, not yet the release
    if negated and code[:2] in _REFUSED and will_not(verb):
        # "would not provide support to X": a refusal, told as such
        code, negated, hypothetical = _REFUSED[code[:2]], False, False
    mention = new_mention(code, lemma, pos, trigger, sources, targets, negated, hypothetical)
    mention.alleged = told_as_alleged(trigger)
    mention.mutual = lemma in _RECIPROCAL or any(o.lemma_.lower() in _RECIPROCAL for o in objects_of(verb))
    if mention.targets:
        for prep in ((pattern.prep,) if pattern.prep else ()) + _TARGET_PREPS:
            # "restore ties with Gondor": the object's own "with" counts too
            alt = [t for h in (verb, *objects_of(verb), *passive_targets) for t in pobjs(h, prep)
                   if t.ent_type_ not in ("FAC", "LOC", "DATE")]
            if alt:
                mention.alt_targets = [argument(t) for t in with_conjuncts(alt)]
                break
    return mention


#: Heads of a crowd in protest, for the CAMEO codes of protest turned violent and of its repression.
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob"})
#: Codes a crowd's violence reads as, unspecified force or damage (not a named weapon or tactic).
_RIOT = re.compile(r"171|180$|190$")


def _protest_code(code: str, sources: list[Token], targets: list[Token]) -> str:
    """Violence by protesters is a riot (145: "the protester demolished the building"); force used
    against them is repression (175: "forces clashed with rioters")."""
    if not (code[:2] in ("18", "19") or code.startswith("171")):
        return code
    if _RIOT.match(code) and any(t.lemma_.lower() in _PROTESTERS for t in with_conjuncts(sources)):
        return "145"  # a crowd's violence, not its weapons: "demonstrators fired missiles" stays 194
    if code[:2] != "17" and any(t.lemma_.lower() in _PROTESTERS for t in with_conjuncts(targets)):
        return "175"
    return code


#: Cooperation declined in advance ("will not meet X") -> the CAMEO rejection it amounts to.
_REFUSED = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "120"}
#: Verbs whose "from" phrase names the giver of their object ("received weapons from X").
_RECEIVING = frozenset({"receive", "obtain", "get", "accept", "face"})
#: Acts both sides do even when the text names one as the subject ("held talks with X").
_RECIPROCAL = frozenset({"talk", "negotiate", "negotiation", "partnership"})
#: Heads whose complement is an intent of the subject's own ("seeks to", "pledged to").
#: Not "agree to" (a concession made) nor "prepare to" (an act under way).
INTENDING = frozenset({
    "want", "plan", "intend", "hope", "seek", "vow", "promise", "pledge", "aim", "offer", "decide", "propose", "wish",
})
#: Cooperation announced as coming -> the CAMEO intent to do it (036, 032, 031, 033, 035).
INTENT_TO = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
#: Roots whose target is who did a deed (praise, criticise, reject, threaten over it).
_ABOUT_DEEDS = frozenset({"01", "02", "05", "10", "11", "12", "13", "16"})


def _event_targets(targets: list[Token], book: Codebook) -> list[Token]:
    """Targets that are events stand for who did them ("condemned an attack by X": X), where told."""
    out = []
    for target in targets:
        noun = book.noun(target) if target.pos_ == "NOUN" else None
        doers = _noun_actors(target, noun)[0] if noun is not None else []
        out += doers or [target]
    return out


def is_envoy(objects: list[Token]) -> bool:
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in _ENVOYS for o in objects)


def _noun_actors(noun: Token, pattern: NounPattern) -> tuple[list[Token], list[Token]]:
    roles: dict[str, list[Token]] = {"source": [], "target": []}
    for child in noun.children:
        if child.dep_ == "poss" and pattern.possessor:
            roles[pattern.possessor].append(child)
        elif child.dep_ in ("compound", "amod") and child.ent_type_ and pattern.possessor:
            roles[pattern.possessor].append(child)
    if pattern.of:
        roles[pattern.of] += pobjs(noun, "of")
    roles["source"] += pobjs(noun, "by")
    return roles["source"], roles["target"]


def _event_subjects(sources: list[Token], book: Codebook) -> list[Token]:
    """Subjects that are themselves events give way to their actors ("a US strike killed X": the US)."""
    out = []
    for source in sources:
        noun = book.noun(source) if source.pos_ == "NOUN" else None
        if noun is None:
            out.append(source)
            continue
        out += _noun_actors(source, NounPattern(noun.lemma, "source", None, noun.code))[0]
    return out


def told_force(noun: Token, pattern: NounPattern) -> bool:
    """Force named without a doer or a victim that the text still tells as having happened: a subject
    ("fighting continued around Aleppo") or a noun of the sentence with a place or date of its own
    ("an explosion in Raqqa on Monday"); the facts layer keeps it only where it is placed or dated."""
    if pattern.code[:2] not in FORCE or noun.tag_ not in ("NN", "NNS"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by") and noun.head.head.pos_ == "VERB":
        return True  # the means of a death or a loss: "died in air strikes", "were wounded by shelling"
    return noun.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "prep" and c.lower_ in PLACE_PREPS for c in noun.children)


def noun_event(noun: Token, pattern: NounPattern) -> EventMention:
    sources, targets = _noun_actors(noun, pattern)
    roles = {"source": sources, "target": targets}
    for prep in ("against", "on", "with", "to"):
        # "talks with coalition partners", "war against the militias": a counterpart needs no name; the
        # actor coder decides whether the phrase names an actor at all
        roles["target"] += [t for t in pobjs(noun, prep) if t.ent_type_ or t.pos_ in ("PROPN", "NOUN") and (
            prep in ("against", "with") or any(c.dep_ in ("amod", "compound") and c.ent_type_ for c in t.children))]
    # "did not attend the funeral" says nothing of the funeral; "the attack could happen" does
    negated, hypothetical = modality(noun.head) if noun.dep_ in ("nsubjpass", "nsubj") else (False, False)
    mention = new_mention(pattern.code, noun.lemma_.lower(), "NOUN", noun, roles["source"], roles["target"], negated, hypothetical)
    mention.alleged = told_as_alleged(noun)
    mention.mutual = mention.lemma in _RECIPROCAL
    return mention


def is_dateline(token: Token) -> bool:
    # "DAMASCUS, 10 March 2024 - Fighters attacked": the place the report was filed from, not an actor
    doc = token.doc
    return token.is_upper and len(token) > 1 and token.i + 1 < len(doc) and doc[token.i + 1].text in (",", "-", "–", "—") and (
        token.i == 0 or token.is_sent_start or doc[token.i - 1].text in ("\n", "\n\n") or doc[token.i - 1].is_space
    )


def dateline_date(doc: Doc) -> tuple[int, int] | None:
    """The character range of the date in the article's dateline ("DAMASCUS, 10 March 2024 -"), if any."""
    for ent in doc.ents:
        if ent.start_char > _DATELINE_REACH:
            break
        if ent.label_ == "DATE" and ent.start > 1 and is_dateline(doc[ent.start - 2]):
            return ent.start_char, ent.end_char
    return None


def new_mention(code: str, lemma: str, pos: str, trigger: Token, sources: list[Token], targets: list[Token],
             negated: bool, hypothetical: bool) -> EventMention:
    source_args = args(sources, lambda t: (
        t.pos_ != "PRON" or t.lower_ in ("he", "she", "they", "him", "her", "them")) and not is_dateline(t))
    target_args = args(targets, lambda t: t.i != trigger.i and not is_dateline(t))
    return EventMention(
        code, lemma, pos, trigger.idx, trigger.idx + len(trigger), trigger.idx, trigger.idx + len(trigger),
        source_args, target_args, negated=negated, hypothetical=hypothetical,
    )
