"""One event for a verb and its coded complement ("threatened to attack X" is a threat of force), and the
appeal a wish for another's act makes."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.events.mention import EventMention
from newsgraph.nlp.events.modality import INTENT, is_complement, modality
from newsgraph.nlp.events.triggers import FORCE, INTENDING, INTENT_TO, LIGHT, new_mention

#: Heads that are the act themselves: "asked X to help" is an appeal, "refused to meet" a rejection.
_ACT_HEADS = frozenset({"02", "10", "12", "13"})
#: Heads that say less than their complement: "pledged to expel X" is the expulsion, told as intended.
_WEAK_HEADS = frozenset({"01", "03"})
#: Heads that, given someone else to do their complement, make it an appeal ("Obama wants Putin to attack X").
_WISHING = frozenset({"want", "wish"})
#: What an appeal asks for, by the root of the act asked (CAMEO 021-026).
_APPEAL_FOR = {"04": "026", "05": "022", "06": "021", "07": "023"}


def drop(events: list[EventMention], anchors: dict[int, int], dropped: set[int]) -> list[EventMention]:
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


def one_act_per_complement(doc: Doc, events: list[EventMention], anchors: dict[int, int]) -> set[int]:
    """One event for a verb and its coded complement ("threatened to attack X" is a threat of force,
    not a threat and an attack): the indexes of the events to drop."""
    dropped: set[int] = set()
    wishes: dict[int, int] = {}
    for token_i, index in anchors.items():
        token, event = doc[token_i], events[index]
        light = token.lemma_.lower() in LIGHT  # "vowed to wage war": the light verb carries its noun's event
        if not is_complement(token) or not light and (event.pos != "VERB" or event.trigger_start != token.idx):
            continue
        head_index = anchors.get(token.head.i)
        if head_index is None or head_index == index:
            if token.head.lemma_.lower() in _WISHING and _wished_of(token):
                events[index] = _wish(token, event)
                wishes[token.head.i] = index
            elif event.code[:2] in FORCE and token.head.lemma_.lower() in INTENT and not event.negated:
                event.code = "138"  # "wants to attack X": force held out, not used
            elif event.code[:2] in INTENT_TO and token.head.lemma_.lower() in INTENDING and not event.negated:
                event.code = INTENT_TO[event.code[:2]]  # "seeks to deepen ties": intent to cooperate (CAMEO 03)
            continue
        head = events[head_index]
        if head.code[:2] in _ACT_HEADS:
            if head.code[:2] == "13" and event.code[:2] in FORCE:
                head.code = "138"
            elif head.code == "020":
                head.code = _APPEAL_FOR.get(event.code[:2], head.code)  # "asked X to help Y": an appeal for aid
            dropped.add(index)
        elif head.code[:2] in _WEAK_HEADS:
            event.negated = event.negated or head.negated
            if event.code[:2] in INTENT_TO and token.head.lemma_.lower() in INTENDING and not event.negated:
                event.code = INTENT_TO[event.code[:2]]  # "pledged to send aid": intent to provide aid, 033
            elif event.code[:2] in FORCE and token.head.lemma_.lower() in INTENDING and not event.negated:
                event.code = "138"  # "vowed to wage war on X": force held out, not used
            dropped.add(head_index)
    anchors.update(wishes)
    return dropped


def _wished_of(complement: Token) -> list[Token]:
    """Who is to do a wished act, when not the one wishing ("wants Putin to attack": Putin)."""
    own = [c for c in complement.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return own or [c for c in complement.head.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("PROPN", "NOUN")]


def _wish(complement: Token, act: EventMention) -> EventMention:
    """The appeal a wish for another's act makes, from the one wishing to the one who is to act."""
    head = complement.head
    speakers = [c for c in head.children if c.dep_ == "nsubj"]
    code = _APPEAL_FOR.get(act.code[:2], "020")
    negated, hypothetical = modality(head)
    return new_mention(code, head.lemma_.lower(), "VERB", head, speakers, _wished_of(complement), negated, hypothetical)
