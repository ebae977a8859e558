"""Acts told as alleged: the accusation (or claim of responsibility) by whoever alleges them, and the deed
kept as an event of its own, marked alleged and tied to the accusation."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.events.arguments import objects_of, pobjs, with_conjuncts
from newsgraph.nlp.events.mention import EventMention
from newsgraph.nlp.events.modality import modality
from newsgraph.nlp.events.triggers import new_mention

#: Verbs that report an act as alleged, not as fact ("claimed that ISIL had attacked Iraq").
_ALLEGING = frozenset({"claim", "allege", "accuse", "charge", "insist", "contend"})
#: Verbs that accuse whoever their clause is about, whatever the clause tells ("alleged that X knew").
_ACCUSING = frozenset({"allege", "accuse"})
#: Verbs of saying whose speaker, told before the act, alleges another's hostile act ("X said Y bombed Z").
SAYING = frozenset({"say", "state", "announce", "declare", "report", "tell", "add", "confirm", "write"})
#: Roots of acts that hold a deed against someone: accusations and arrests, jailings, charges.
_CHARGING = frozenset({"11", "17"})
_CONFLICT = frozenset({"14", "15", "16", "17", "18", "19", "20"})


def allegations(doc: Doc, events: list[EventMention], anchors: dict[int, int],
                verbs: list[int] | None = None) -> set[int]:
    """A hostile act told as alleged is an accusation by the one alleging it ("X claimed that ISIL attacked
    Iraq", "X said that Y bombed Z": X accuses the doer), or a claim of responsibility when the speaker did
    it ("claimed they attacked"). Adds those events and keeps the deed as its own event, marked alleged
    and tied to the accusation. Returns the indexes of the deeds a jailing is for, which are only charged."""
    dropped: set[int] = set()
    for token in (doc[i] for i in verbs) if verbs is not None else doc:
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
            acts = [anchors[t.i] for t in with_conjuncts([clause]) if t.i in anchors and t.pos_ == "VERB"]
            acts = [i for i in acts if events[i].code[:2] in _CONFLICT and not events[i].negated and i != own]
            if not acts and lemma in _ACCUSING and (own is None or not events[own].targets):
                # "a report alleged that France was aware of X": an accusation of whoever the clause is about
                accused = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
                speaker = [c for c in token.children if c.dep_ == "nsubj"]
                if accused and speaker:
                    claim = new_mention("112", lemma, "VERB", token, speaker, accused, *modality(token))
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
            claim = new_mention("112", lemma, "VERB", token, speaker, [], *modality(token))
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
    for head in (verb, *objects_of(verb)):
        for noun in pobjs(head, "for"):
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
