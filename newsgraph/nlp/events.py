"""Event mentions read off the dependency parse: a trigger, its CAMEO code and its arguments.

Triggers are verbs ("met", "was killed by") and nouns ("the assassination of X", "his visit
to Damascus") found in ``data/cameo/verbs.tsv`` and ``nouns.tsv``. A light verb hands its
arguments to the noun it governs ("carried out an attack", "paid a visit"), and a verb of
happening lends its date and place to its subject ("the funeral was held in Homs").

Writes ``doc._.ng_events``: one ``EventMention`` per trigger, with character ranges of the
source and target phrases, the places and dates attached to the trigger, and whether it is
negated or hypothetical. Turning those into entities, actor codes and ISO dates is the job
of ``facts.events``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.cameo import Codebook, NounPattern, VerbPattern, codebook
from newsgraph.nlp.event_args import (
    _PLACE_LABELS,
    _SENDING,
    EventMention,
    _arg,
    _args,
    _objects,
    _pobjs,
    _subjects,
    _with_conjuncts,
    raised_by,
)
from newsgraph.nlp.extensions import doc_text, register_extensions

__all__ = ["SAYING", "EventLayer", "dateline_date", "find_events"]

log = logging.getLogger(__name__)

#: Verbs that carry a noun's event rather than one of their own.
_LIGHT = frozenset({
    "carry", "conduct", "launch", "stage", "mount", "pay", "make", "hold", "lead", "perform", "undertake",
    "begin", "start", "continue", "order", "organise", "organize", "plan", "execute", "commit", "wage",
})
#: Verbs whose subject is the event itself ("the funeral was held", "the attack took place").
_HAPPENING = frozenset({"hold", "take", "occur", "happen", "begin", "start", "end", "follow", "come"})
#: Heads whose complement has not happened (yet): "threatened to attack", "plans to visit".
_INTENT = frozenset({
    "threaten", "plan", "want", "intend", "hope", "seek", "try", "vow", "promise", "pledge", "prepare", "aim",
    "expect", "agree", "offer", "decide", "schedule", "propose", "wish", "attempt", "consider", "urge", "ask",
    "call", "refuse", "fail", "need", "would", "able",
})
_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "will", "shall", "must", "'ll", "wo", "ca"})
_TARGET_PREPS = ("with", "against", "to", "at", "on", "toward", "towards", "into")
_PLACE_PREPS = frozenset({
    "in", "at", "near", "outside", "inside", "around", "across", "within", "into", "to", "from", "over", "on", "between",
    "along", "off", "through",
})
_ENVOYS = frozenset({
    "envoy", "emissary", "delegation", "delegate", "representative", "minister", "official", "adviser", "advisor",
    "ambassador", "diplomat", "mission", "team", "negotiator", "chief", "head", "deputy", "aide", "secretary",
})
#: Prepositions that deny the clause they govern ("without consulting X").
_NEGATING_PREPS = frozenset({"without", "instead"})
#: Edges a place does not climb through to reach an event: it describes the subject, not the event.
_DATELINE_REACH = 600
_CLOSERS = "\"'”’)]» \n\t"
_ARGUMENT_MODIFIERS = frozenset({"nsubj", "nsubjpass", "appos", "poss"})
#: Clauses that share the time and place of the event they hang off ("attacked X, killing Y").
_DEPENDENT_CLAUSES = frozenset({"advcl", "xcomp", "conj"})


#: Marks and prepositions of a clause that dates another event by one still to come
#: ("a day before Sarkozy heads to Beijing", "before leaving for Beijing").
_NOT_YET = frozenset({"before", "until", "till"})
_PERFECT = frozenset({"has", "have", "had", "'s", "'ve", "'d"})
_PRESENT = frozenset({"VBZ", "VBP"})


def _background(verb: Token) -> bool:
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


def _match_verb(verb: Token, patterns: tuple[VerbPattern, ...]) -> VerbPattern | None:
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    # a passive verb's subject is its object ("evidence was presented")
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    objects = {o.lemma_.lower() for o in _with_conjuncts(_objects(verb) + passive)} | {o.lower_ for o in _objects(verb)}
    for pattern in patterns:  # most specific first
        if pattern.particle and pattern.particle not in particles:
            continue
        if pattern.prep and pattern.prep not in preps:
            continue
        if pattern.objects and not (pattern.objects & objects):
            continue
        return pattern
    return None


def _means(verb: Token, book: Codebook) -> list[Token]:
    """Nouns of force a verb's act was done "in" or "by" ("killed in an air strike")."""
    out = []
    for prep in ("in", "by"):
        for noun in _pobjs(verb, prep):
            pattern = book.noun(noun) if noun.pos_ == "NOUN" else None
            if pattern is not None and pattern.code[:2] in _FORCE:
                out.append(noun)
    return out


def _is_complement(verb: Token) -> bool:
    """An open or infinitival complement ("wants to attack", "wants Putin to attack", "pressured to help")."""
    return verb.dep_ == "xcomp" or verb.dep_ in ("ccomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _modality(verb: Token) -> tuple[bool, bool]:
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
        complement = _is_complement(token)
        if not (complement or token.dep_ == "conj") or token.head.i == token.i:
            break
        if complement and (token.head.lemma_.lower() in _INTENT or token.head.lower_ == "about"):
            hypothetical = True
        token, depth = token.head, depth + 1
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.lower_ == "about":
        hypothetical = True
    return negated, hypothetical


def _verb_event(verb: Token, pattern: VerbPattern, book: Codebook) -> EventMention:
    sources, passive_targets = _subjects(verb)
    targets = passive_targets or _objects(verb)
    code, lemma, pos, trigger = pattern.code, verb.lemma_.lower(), "VERB", verb
    sources = _event_subjects(sources, book)
    givers = [g for h in (verb, *_objects(verb)) for g in _pobjs(h, "from")] if lemma in _RECEIVING else []
    if givers and pattern.objects:
        # "received weapons from X": X gave them to the subject
        sources, targets = givers, sources
    if pattern.code[:2] in ("18", "19") and len(pattern.code) == 3 and pattern.code.endswith("0"):
        # "a drone strike killed X": the subject names the means, more precisely than the verb
        for source in _subjects(verb)[0]:
            noun = book.noun(source)
            if noun is not None and noun.code[:2] in ("18", "19", "20"):
                code = noun.code
    if code[:2] in _FORCE and passive_targets and not sources:
        # "were killed in an air strike by government forces": the means names the doer and the weapon
        for means in _means(verb, book):
            pattern_of = book.noun(means)
            sources = _noun_actors(means, pattern_of)[0] if pattern_of is not None else []
            if sources and pattern_of is not None:
                code = pattern_of.code if code.endswith("0") else code
                break
    if lemma in _SENDING and _is_envoy(_objects(verb)):
        # "sent Ali Mamlouk to Tehran": a visit by the sender, to where the envoy goes
        code, targets = "042", _pobjs(verb, "to") or _pobjs(verb, "for")
    # A light verb with a noun trigger as object codes the noun ("launched an attack on X").
    for obj in _objects(verb):
        noun = book.nouns.get(obj.lemma_.lower())
        if noun is not None and verb.lemma_.lower() in _LIGHT and pattern.specificity == 0:
            code, lemma, pos, trigger = noun.code, obj.lemma_.lower(), "NOUN", obj
            targets = _pobjs(obj, "on") + _pobjs(obj, "against") + _pobjs(obj, "of") + _pobjs(obj, "with")
            break
    if not targets:
        preps = ((pattern.prep,) if pattern.prep else ()) + _TARGET_PREPS
        for prep in preps:
            # "trained at Bab Amr" names a place; "fired at Russia" a target
            targets = [t for t in _pobjs(verb, prep) if prep == pattern.prep or t.ent_type_ not in ("FAC", "LOC")]
            if targets:
                break
    if not targets:
        # "threatened to attack Israel": the complement's object is the target
        for child in verb.children:
            if child.dep_ == "xcomp":
                targets = _objects(child)
                break
    if pos == "VERB" and code[:2] in _ABOUT_DEEDS:
        targets = _event_targets(targets, book)
    code = _protest_code(code, sources, targets)
    negated, hypothetical = _modality(verb)
    if code[:2] in _FORCE and not negated and verb.dep_ == "ccomp" and _told_as_coming(verb):
        code = "138"  # "said they will attack Iraq": force announced is force threatened
    elif code[:2] in _INTENT_TO and not negated and verb.dep_ == "ccomp" and verb.head.i < verb.i and _told_as_coming(
        verb, also_would=True
    ):  # told after its speaker ("X announced it would free Y"); "X will send aid, an official said" is the aid
        code = _INTENT_TO[code[:2]]  # "announced it would free prisoners": an intent, not yet the release
    if negated and code[:2] in _REFUSED and _will_not(verb):
        # "would not provide support to X": a refusal, told as such
        code, negated, hypothetical = _REFUSED[code[:2]], False, False
    mention = _mention(code, lemma, pos, trigger, sources, targets, negated, hypothetical)
    mention.alleged = _told_as_alleged(trigger)
    mention.mutual = lemma in _RECIPROCAL or any(o.lemma_.lower() in _RECIPROCAL for o in _objects(verb))
    if mention.targets:
        for prep in ((pattern.prep,) if pattern.prep else ()) + _TARGET_PREPS:
            # "restore ties with Gondor": the object's own "with" counts too
            alt = [t for h in (verb, *_objects(verb), *passive_targets) for t in _pobjs(h, prep)
                   if t.ent_type_ not in ("FAC", "LOC", "DATE")]
            if alt:
                mention.alt_targets = [_arg(t) for t in _with_conjuncts(alt)]
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
    if _RIOT.match(code) and any(t.lemma_.lower() in _PROTESTERS for t in _with_conjuncts(sources)):
        return "145"  # a crowd's violence, not its weapons: "demonstrators fired missiles" stays 194
    if code[:2] != "17" and any(t.lemma_.lower() in _PROTESTERS for t in _with_conjuncts(targets)):
        return "175"
    return code


#: Cooperation declined in advance ("will not meet X") -> the CAMEO rejection it amounts to.
_REFUSED = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "120"}
#: Verbs that report an act as alleged, not as fact ("claimed that ISIL had attacked Iraq").
_ALLEGING = frozenset({"claim", "allege", "accuse", "charge", "insist", "contend"})
#: Verbs that accuse whoever their clause is about, whatever the clause tells ("alleged that X knew").
_ACCUSING = frozenset({"allege", "accuse"})
#: Verbs of saying whose speaker, told before the act, alleges another's hostile act ("X said Y bombed Z").
SAYING = frozenset({"say", "state", "announce", "declare", "report", "tell", "add", "confirm", "write"})
#: Roots of acts that hold a deed against someone: accusations and arrests, jailings, charges.
_CHARGING = frozenset({"11", "17"})
_CONFLICT = frozenset({"14", "15", "16", "17", "18", "19", "20"})


#: Verbs whose "from" phrase names the giver of their object ("received weapons from X").
_RECEIVING = frozenset({"receive", "obtain", "get", "accept", "face"})
#: Acts both sides do even when the text names one as the subject ("held talks with X").
_RECIPROCAL = frozenset({"talk", "negotiate", "negotiation", "partnership"})
#: Heads whose complement is an intent of the subject's own ("seeks to", "pledged to").
#: Not "agree to" (a concession made) nor "prepare to" (an act under way).
_INTENDING = frozenset({
    "want", "plan", "intend", "hope", "seek", "vow", "promise", "pledge", "aim", "offer", "decide", "propose", "wish",
})
#: Cooperation announced as coming -> the CAMEO intent to do it (036, 032, 031, 033, 035).
_INTENT_TO = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}


def _told_as_coming(verb: Token, also_would: bool = False) -> bool:
    coming = ("will", "'ll", "shall", "would") if also_would else ("will", "'ll", "shall")
    return any(c.dep_ == "aux" and c.lower_ in coming for c in verb.children)


def _will_not(verb: Token) -> bool:
    children = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
    return bool(children & {"will", "would", "wo", "'ll"}) and bool(children & {"not", "n't", "never"})


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


def _is_envoy(objects: list[Token]) -> bool:
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in _ENVOYS for o in objects)


def _noun_actors(noun: Token, pattern: NounPattern) -> tuple[list[Token], list[Token]]:
    roles: dict[str, list[Token]] = {"source": [], "target": []}
    for child in noun.children:
        if child.dep_ == "poss" and pattern.possessor:
            roles[pattern.possessor].append(child)
        elif child.dep_ in ("compound", "amod") and child.ent_type_ and pattern.possessor:
            roles[pattern.possessor].append(child)
    if pattern.of:
        roles[pattern.of] += _pobjs(noun, "of")
    roles["source"] += _pobjs(noun, "by")
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


def _told_force(noun: Token, pattern: NounPattern) -> bool:
    """Force named without a doer or a victim that the text still tells as having happened: a subject
    ("fighting continued around Aleppo") or a noun of the sentence with a place or date of its own
    ("an explosion in Raqqa on Monday"); the facts layer keeps it only where it is placed or dated."""
    if pattern.code[:2] not in _FORCE or noun.tag_ not in ("NN", "NNS"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by") and noun.head.head.pos_ == "VERB":
        return True  # the means of a death or a loss: "died in air strikes", "were wounded by shelling"
    return noun.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "prep" and c.lower_ in _PLACE_PREPS for c in noun.children)


def _noun_event(noun: Token, pattern: NounPattern) -> EventMention:
    sources, targets = _noun_actors(noun, pattern)
    roles = {"source": sources, "target": targets}
    for prep in ("against", "on", "with", "to"):
        # "talks with coalition partners", "war against the militias": a counterpart needs no name; the
        # actor coder decides whether the phrase names an actor at all
        roles["target"] += [t for t in _pobjs(noun, prep) if t.ent_type_ or t.pos_ in ("PROPN", "NOUN") and (
            prep in ("against", "with") or any(c.dep_ in ("amod", "compound") and c.ent_type_ for c in t.children))]
    # "did not attend the funeral" says nothing of the funeral; "the attack could happen" does
    negated, hypothetical = _modality(noun.head) if noun.dep_ in ("nsubjpass", "nsubj") else (False, False)
    mention = _mention(pattern.code, noun.lemma_.lower(), "NOUN", noun, roles["source"], roles["target"], negated, hypothetical)
    mention.alleged = _told_as_alleged(noun)
    mention.mutual = mention.lemma in _RECIPROCAL
    return mention


def _is_dateline(token: Token) -> bool:
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
        if ent.label_ == "DATE" and ent.start > 1 and _is_dateline(doc[ent.start - 2]):
            return ent.start_char, ent.end_char
    return None


def _mention(code: str, lemma: str, pos: str, trigger: Token, sources: list[Token], targets: list[Token],
             negated: bool, hypothetical: bool) -> EventMention:
    source_args = _args(sources, lambda t: (
        t.pos_ != "PRON" or t.lower_ in ("he", "she", "they", "him", "her", "them")) and not _is_dateline(t))
    target_args = _args(targets, lambda t: t.i != trigger.i and not _is_dateline(t))
    return EventMention(
        code, lemma, pos, trigger.idx, trigger.idx + len(trigger), trigger.idx, trigger.idx + len(trigger),
        source_args, target_args, negated=negated, hypothetical=hypothetical,
    )


def _attach(doc: Doc, start: int, end: int, anchors: dict[int, int], through: frozenset[str] | None) -> int | None:
    """The event anchored at the first trigger above tokens start..end, climbing through phrases only."""
    token = doc[start:end].root
    crossed = through is None
    for _ in range(8):
        if token.i in anchors and token.i not in range(start, end):
            return anchors[token.i] if crossed else None
        if token.dep_ == "prep" and (through is None or token.lower_ in through):
            crossed = True
        if through is not None and token.dep_ in _ARGUMENT_MODIFIERS and token.i not in range(start, end):
            return None  # "Iran, an ally of the government in Damascus, condemned": Damascus places Iran's ally
        if token.head.i == token.i or (token.pos_ in ("VERB", "AUX") and token.i not in range(start, end)):
            return None
        token = token.head
    return None


def find_events(doc: Doc) -> list[EventMention]:
    """Every event trigger of ``doc`` with its arguments, places and dates."""
    book = codebook()
    events: list[EventMention] = []
    anchors: dict[int, int] = {}  # token index -> event index: the trigger, its light verb, its happening verb
    consumed: set[int] = set()
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        if _background(token):
            continue
        pattern = _match_verb(token, book.verbs[lemma]) if lemma in book.verbs else None
        if pattern is None and lemma in _LIGHT:
            pattern = VerbPattern(lemma, None, None, frozenset(), "")
        if pattern is None:
            continue
        mention = _verb_event(token, pattern, book)
        if not mention.code:
            continue
        anchors[token.i] = len(events)
        if mention.pos == "NOUN":
            noun = doc.char_span(mention.trigger_start, mention.trigger_end)
            if noun is not None:
                consumed.add(noun.root.i)
                anchors[noun.root.i] = len(events)
        events.append(mention)
    for token in doc:
        if token.pos_ != "NOUN" or token.i in consumed:
            continue
        noun_pattern = book.noun(token)
        if noun_pattern is None:
            continue
        if token.dep_ == "nsubj" and token.head.i in anchors and noun_pattern.code[:2] in ("18", "19", "20"):
            continue  # told by the verb it is the subject of ("a strike killed X")
        if token.dep_ == "pobj" and token.head.head.i in anchors and token in _means(token.head.head, book):
            continue  # the means of the act it is told with ("killed in an air strike")
        mention = _noun_event(token, noun_pattern)
        if not (mention.sources or mention.targets) and not _told_force(token, noun_pattern):
            continue
        anchors[token.i] = len(events)
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _HAPPENING and token.head.i not in anchors:
            anchors[token.head.i] = len(events)
        events.append(mention)
    events = _drop(events, anchors, _allegations(doc, events, anchors) | _one_act_per_complement(doc, events, anchors))
    _attach_places_and_dates(doc, events, anchors)
    _close_spans(doc, events)
    return events + [_visit_of(doc, event) for event in events if event.code == "043" and _hosts_envoys(doc, event)]


def _hosts_envoys(doc: Doc, event: EventMention) -> bool:
    trigger = doc.char_span(event.trigger_start, event.trigger_end)
    return trigger is not None and bool(event.targets) and _is_envoy(_objects(trigger.root))


def _visit_of(doc: Doc, host: EventMention) -> EventMention:
    """"X received ministers from Y" tells the ministers' visit to X as well as X's hosting them."""
    visit = replace(host, code="042", sources=list(host.targets), targets=list(host.sources), alt_targets=[])
    visit.places, visit.dates = list(host.places), list(host.dates)
    return visit


#: Heads that are the act themselves: "asked X to help" is an appeal, "refused to meet" a rejection.
_ACT_HEADS = frozenset({"02", "10", "12", "13"})
#: Heads that say less than their complement: "pledged to expel X" is the expulsion, told as intended.
_WEAK_HEADS = frozenset({"01", "03"})
_FORCE = frozenset({"18", "19", "20"})


def _allegations(doc: Doc, events: list[EventMention], anchors: dict[int, int]) -> set[int]:
    """A hostile act told as alleged is an accusation by the one alleging it ("X claimed that ISIL attacked
    Iraq", "X said that Y bombed Z": X accuses the doer), or a claim of responsibility when the speaker did
    it ("claimed they attacked"). Adds those events and keeps the deed as its own event, marked alleged
    and tied to the accusation. Returns the indexes of the deeds a jailing is for, which are only charged."""
    dropped: set[int] = set()
    for token in doc:
        if token.pos_ != "VERB":
            continue
        lemma, own = token.lemma_.lower(), anchors.get(token.i)
        if lemma in _ALLEGING or own is not None and events[own].code[:2] in _CHARGING:
            # "accused X of attacking Y", "jailed a student for helping militants": the deed is the charge
            deeds = [anchors[g.i] for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                     for g in c.children if g.dep_ == "pcomp" and g.i in anchors]
            for deed in (d for d in deeds if d != own):
                if own is not None and events[own].code[:2] == "11":
                    _allege(events[deed], events[own])
                else:
                    dropped.add(deed)
        if own is not None and events[own].code == "015":
            _claimed_deeds(token, events, anchors, own)
        if lemma not in _ALLEGING and lemma not in SAYING:
            continue
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            acts = [anchors[t.i] for t in _with_conjuncts([clause]) if t.i in anchors and t.pos_ == "VERB"]
            acts = [i for i in acts if events[i].code[:2] in _CONFLICT and not events[i].negated and i != own]
            if not acts and lemma in _ACCUSING and (own is None or not events[own].targets):
                # "a report alleged that France was aware of X": an accusation of whoever the clause is about
                accused = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
                speaker = [c for c in token.children if c.dep_ == "nsubj"]
                if accused and speaker:
                    claim = _mention("112", lemma, "VERB", token, speaker, accused, *_modality(token))
                    if own is None:
                        anchors[token.i] = len(events)
                        events.append(claim)
                        own = anchors[token.i]
                    else:
                        events[own].targets = claim.targets
                continue
            if not acts or lemma in SAYING and clause.i < token.i:
                continue  # "X bombed Y, officials said": the news, told with its source
            if own is not None and events[own].code[:2] != "01":
                for i in acts:  # "accused X of ...": coded by its own pattern
                    _allege(events[i], events[own])
                continue
            act = events[acts[0]]
            speaker = [c for c in token.children if c.dep_ == "nsubj"]
            claim = _mention("112", lemma, "VERB", token, speaker, [], *_modality(token))
            if own is not None:  # "X said": the statement becomes the accusation
                claim.sources, claim.negated, claim.hypothetical = events[own].sources, events[own].negated, events[own].hypothetical
            mine = {a.head_start for a in claim.sources} & {a.head_start for a in act.sources}
            if mine:
                claim.code, claim.targets, claim.alt_targets = "015", list(act.targets), list(act.alt_targets)
            else:
                claim.targets = list(act.sources)
            if own is None:
                anchors[token.i] = len(events)
                events.append(claim)
            else:
                events[own] = claim
            for i in acts:
                _allege(events[i], claim)
    return dropped


def _claimed_deeds(verb: Token, events: list[EventMention], anchors: dict[int, int], own: int) -> None:
    """"X claimed responsibility for the attack on Y": the attack is X's by X's own claim, alleged; the
    claim's target is the attack's."""
    claim = events[own]
    for head in (verb, *_objects(verb)):
        for noun in _pobjs(head, "for"):
            deed_index = anchors.get(noun.i)
            if deed_index is None or deed_index == own or events[deed_index].code[:2] not in _CONFLICT:
                continue
            deed = events[deed_index]
            deed.sources = deed.sources or list(claim.sources)
            if deed.targets:
                claim.targets = list(deed.targets)
            _allege(deed, claim)


def _allege(deed: EventMention, claim: EventMention) -> None:
    deed.alleged = True
    deed.reported_by = (claim.trigger_start, claim.trigger_end)


#: Adverbs that tell an act as alleged by someone else.
_REPORTEDLY = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
#: Reporting verbs that raise the doer of the act they report ("X is reported to have bombed Y").
_REPORTING = frozenset({"report", "say", "allege", "rumour", "rumor", "claim", "believe", "suspect"})
#: Adjectives that tell a noun's act as alleged ("the alleged shelling").
_ALLEGED = frozenset({"alleged", "reported", "purported", "suspected", "claimed"})


def _told_as_alleged(trigger: Token) -> bool:
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


def _drop(events: list[EventMention], anchors: dict[int, int], dropped: set[int]) -> list[EventMention]:
    """``events`` without the ``dropped`` indexes; ``anchors`` is renumbered to the events kept."""
    if not dropped:
        return events
    renumber, kept = {}, []
    for index, event in enumerate(events):
        if index not in dropped:
            renumber[index] = len(kept)
            kept.append(event)
    for token_i in list(anchors):
        if anchors[token_i] in renumber:
            anchors[token_i] = renumber[anchors[token_i]]
        else:
            del anchors[token_i]
    return kept


def _one_act_per_complement(doc: Doc, events: list[EventMention], anchors: dict[int, int]) -> set[int]:
    """One event for a verb and its coded complement ("threatened to attack X" is a threat of force,
    not a threat and an attack): the indexes of the events to drop."""
    dropped: set[int] = set()
    wishes: dict[int, int] = {}
    for token_i, index in anchors.items():
        token, event = doc[token_i], events[index]
        light = token.lemma_.lower() in _LIGHT  # "vowed to wage war": the light verb carries its noun's event
        if not _is_complement(token) or not light and (event.pos != "VERB" or event.trigger_start != token.idx):
            continue
        head_index = anchors.get(token.head.i)
        if head_index is None or head_index == index:
            if token.head.lemma_.lower() in _WISHING and _wished_of(token):
                events[index] = _wish(token, event)
                wishes[token.head.i] = index
            elif event.code[:2] in _FORCE and token.head.lemma_.lower() in _INTENT and not event.negated:
                event.code = "138"  # "wants to attack X": force held out, not used
            elif event.code[:2] in _INTENT_TO and token.head.lemma_.lower() in _INTENDING and not event.negated:
                event.code = _INTENT_TO[event.code[:2]]  # "seeks to deepen ties": intent to cooperate (CAMEO 03)
            continue
        head = events[head_index]
        if head.code[:2] in _ACT_HEADS:
            if head.code[:2] == "13" and event.code[:2] in _FORCE:
                head.code = "138"
            elif head.code == "020":
                head.code = _APPEAL_FOR.get(event.code[:2], head.code)  # "asked X to help Y": an appeal for aid
            dropped.add(index)
        elif head.code[:2] in _WEAK_HEADS:
            event.negated = event.negated or head.negated
            if event.code[:2] in _INTENT_TO and token.head.lemma_.lower() in _INTENDING and not event.negated:
                event.code = _INTENT_TO[event.code[:2]]  # "pledged to send aid": intent to provide aid, 033
            elif event.code[:2] in _FORCE and token.head.lemma_.lower() in _INTENDING and not event.negated:
                event.code = "138"  # "vowed to wage war on X": force held out, not used
            dropped.add(head_index)
    anchors.update(wishes)
    return dropped


#: Heads that, given someone else to do their complement, make it an appeal ("Obama wants Putin to attack X").
_WISHING = frozenset({"want", "wish"})
#: What an appeal asks for, by the root of the act asked (CAMEO 021-026).
_APPEAL_FOR = {"04": "026", "05": "022", "06": "021", "07": "023"}


def _wished_of(complement: Token) -> list[Token]:
    """Who is to do a wished act, when not the one wishing ("wants Putin to attack": Putin)."""
    own = [c for c in complement.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return own or [c for c in complement.head.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("PROPN", "NOUN")]


def _wish(complement: Token, act: EventMention) -> EventMention:
    """The appeal a wish for another's act makes, from the one wishing to the one who is to act."""
    head = complement.head
    speakers = [c for c in head.children if c.dep_ == "nsubj"]
    code = _APPEAL_FOR.get(act.code[:2], "020")
    negated, hypothetical = _modality(head)
    return _mention(code, head.lemma_.lower(), "VERB", head, speakers, _wished_of(complement), negated, hypothetical)


def _attach_places_and_dates(doc: Doc, events: list[EventMention], anchors: dict[int, int]) -> None:
    if not events:
        return
    for name in doc._.ng_names or []:
        if name.label not in _PLACE_LABELS or name.token_start is None:
            continue
        index = _attach(doc, name.token_start, name.token_end, anchors, _PLACE_PREPS)
        if index is not None:
            events[index].places.append((name.start, name.end))
    for ent in doc.ents:
        if ent.label_ == "DATE" and not (ent.start > 1 and _is_dateline(doc[ent.start - 2])):
            index = _attach(doc, ent.start, ent.end, anchors, None)
            if index is not None:
                events[index].dates.append((ent.start_char, ent.end_char))
    triggers = {doc_i: index for doc_i, index in anchors.items() if events[index].trigger_start == doc[doc_i].idx}
    for token_i, index in triggers.items():
        token = doc[token_i]
        if token.dep_ not in _DEPENDENT_CLAUSES or token.pos_ != "VERB" or token.head.i not in triggers:
            continue
        # "attacked a convoy on Sunday, killing 14": the killing shares the attack's date and place
        event, head_event = events[index], events[triggers[token.head.i]]
        if head_event is event:
            continue
        if not event.dates:
            event.dates = list(head_event.dates)
        if not event.places:
            event.places = list(head_event.places)


def _close_spans(doc: Doc, events: list[EventMention]) -> None:
    # The evidence runs from the first to the last word of the trigger, its arguments, places and dates,
    # kept inside the trigger's sentence.
    # Token.sent scans the doc each time: look the sentences up once.
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    starts = [s for s, _ in sentences]
    text = doc_text(doc) if sentences else ""
    for event in events:
        at = bisect_right(starts, event.trigger_start) - 1
        bounds = sentences[at] if at >= 0 else None
        edges = [(event.trigger_start, event.trigger_end)]
        edges += [(a.start, a.end) for a in event.sources + event.targets]
        edges += event.places + event.dates
        start = min(s for s, _ in edges)
        end = max(e for _, e in edges)
        if bounds is not None:
            start, end = max(start, bounds[0]), min(end, bounds[1])
            if text[bounds[0] : bounds[1]].rstrip(_CLOSERS).endswith("?"):
                event.hypothetical = True  # asked, not told: "Did Syria betray him?"
        event.start, event.end = start, end


class EventLayer:
    """The ``newsgraph_events`` component."""

    def __init__(self) -> None:
        register_extensions()
        codebook()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = find_events(doc)
        return doc


@Language.factory(
    "newsgraph_events",
    requires=["doc._.ng_names", "token.dep", "token.lemma", "token.pos", "doc.ents"],
    assigns=["doc._.ng_events"],
)
def make_event_layer(nlp: Language, name: str) -> EventLayer:
    return EventLayer()
