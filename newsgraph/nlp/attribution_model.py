"""A small linear model that says whether a verb is an attribution cue, from its parse.

The hand-written speech verbs (``speech_verbs.tsv``) are always cues; for every other verb the
quote layer asks this model. Its features are read off the verb and its neighbours in the parse
(lemma, complement frame, dependency label, tag, subject type, children); its weights are learned
by ``scripts/train_attribution_cues.py`` (logistic regression on PolNeAR train) and shipped in
``newsgraph/models/attribution/cue_weights.tsv``.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.errors import ModelError

__all__ = ["CueModel", "WEIGHTS", "cue_model", "noun_content", "noun_features", "verb_features"]

log = logging.getLogger(__name__)

WEIGHTS = Path(__file__).resolve().parent.parent / "models" / "attribution" / "cue_weights.tsv"
_PERSONAL = {"i", "we", "you", "he", "she", "they"}


def _frame(verb: Token) -> str:
    from newsgraph.nlp.quotes import cue_frame  # the quote layer owns the frame definition

    return cue_frame(verb)


def _subject_kind(verb: Token) -> str:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _PERSONAL:
                return "person_pron"
            if child.ent_type_:
                return "ent_" + child.ent_type_
            return child.dep_ + "_" + child.pos_
    return "none"


def verb_features(verb: Token, in_quote: bool) -> list[str]:
    """The names of a verb's features; shared by the training script and the quote layer."""
    lemma = verb.lemma_.lower()
    frame = _frame(verb)
    subject = _subject_kind(verb)
    children = sorted({child.dep_ for child in verb.children})
    features = [
        "bias", "l=" + lemma, "f=" + frame, "lf=" + lemma + "|" + frame, "d=" + verb.dep_, "t=" + verb.tag_,
        "s=" + subject, "ls=" + lemma + "|" + subject, "fs=" + frame + "|" + subject, "q=" + str(in_quote),
        "ld=" + lemma + "|" + verb.dep_, "hp=" + verb.head.pos_,
    ]
    features += ["c=" + dep for dep in children]
    features += ["lc=" + lemma + "|" + dep for dep in children if dep in ("ccomp", "xcomp", "dobj", "prep", "neg", "aux")]
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i:
            features.append("lp=" + lemma + "|" + child.lower_)
            break
    return features


#: prepositions that join a noun cue to what is said ("criticism of the plan", "calls for talks")
_NOUN_PREPS = {"of", "for", "about", "on", "against", "over", "to"}


def noun_content(noun: Token) -> Token | None:
    """The head of what a noun cue reports: its clause ("the claim that ...") or its prepositional
    object ("criticism of the deal"); None when the noun has neither."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(g.lower_ == "that" for g in child.children):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.i == noun.i + 1 and child.lower_ in _NOUN_PREPS:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0]
    return None


def noun_features(noun: Token, content: Token, in_quote: bool) -> list[str]:
    """The names of a candidate noun cue's features (all prefixed ``n``, apart from the verb's)."""
    lemma = noun.lemma_.lower()
    link = content.head.lower_ if content.head.i != noun.i else content.dep_
    owner = any(child.dep_ == "poss" for child in noun.children)
    features = [
        "nbias", "nl=" + lemma, "nk=" + link, "nlk=" + lemma + "|" + link, "nd=" + noun.dep_, "nt=" + noun.tag_,
        "no=" + str(owner), "nq=" + str(in_quote), "nh=" + noun.head.lemma_.lower(), "nhd=" + noun.head.pos_,
    ]
    return features


class CueModel:
    """Feature weights and the acceptance threshold on the cue probability."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, verb: Token, in_quote: bool) -> float:
        score = sum(self.weights.get(f, 0.0) for f in verb_features(verb, in_quote))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_cue(self, verb: Token, in_quote: bool) -> bool:
        return self.probability(verb, in_quote) >= self.threshold

    def is_noun_cue(self, noun: Token, content: Token, in_quote: bool) -> bool:
        score = sum(self.weights.get(f, 0.0) for f in noun_features(noun, content, in_quote))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))) >= self.threshold


def read_weights(path: Path) -> CueModel:
    """Read a weights table: ``# threshold\\t<p>`` then ``feature\\tweight`` rows."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ModelError(f"the attribution cue model is missing: {path}") from exc
    weights: dict[str, float] = {}
    threshold = 0.5
    for line in lines:
        if line.startswith("# threshold\t"):
            threshold = float(line.split("\t")[1])
        elif line and not line.startswith("#"):
            name, value = line.rsplit("\t", 1)
            weights[name] = float(value)
    log.debug("loaded %d cue features, threshold %.2f", len(weights), threshold)
    return CueModel(weights, threshold)


@lru_cache(maxsize=1)
def cue_model() -> CueModel:
    """The shipped cue model."""
    return read_weights(WEIGHTS)
