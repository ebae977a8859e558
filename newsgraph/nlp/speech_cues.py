"""The attribution lexicons: speech verbs, learned cue frames, vague-source words and document nouns.

Read once from ``newsgraph/data/cues/*.tsv`` (tab-separated, ``#`` comment lines, one header row),
so users and maintainers extend the lists without touching code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.errors import ModelError

__all__ = ["CueVerb", "FRAMES", "document_nouns", "learned_cues", "speech_verbs", "unnamed_sources"]

log = logging.getLogger(__name__)

#: a verb's complement, as ``newsgraph.nlp.quotes.cue_frame`` reads it: what its content would be
FRAMES = ("ccomp", "xcomp", "dobj", "prep", "none")
#: a (lemma, frame) from attribution_cues.tsv counts as a cue when it headed a cue at least this
#: many times and in at least this share of its occurrences (chosen on a held-out part of train)
MIN_LEARNED_CUES = 3
MIN_LEARNED_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class CueVerb:
    lemma: str
    kind: str  # say | write | reveal | show | conjecture | mental | deny | ask
    certainty: str  # asserted | hedged | negated | question


def _rows(name: str) -> list[list[str]]:
    try:
        text = resources.files("newsgraph.data.cues").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"the attribution lexicon {name!r} is missing from the newsgraph package") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]  # the first row names the columns


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, CueVerb]:
    """Lemma -> cue verb."""
    verbs = {}
    for row in _rows("speech_verbs.tsv"):
        lemma, kind, certainty = (cell.strip() for cell in row[:3])
        verbs[lemma] = CueVerb(lemma, kind, certainty)
    log.debug("loaded %d speech verbs", len(verbs))
    return verbs


@lru_cache(maxsize=1)
def unnamed_sources() -> frozenset[str]:
    """Lower-case words that head a vague source phrase."""
    return frozenset(row[0].strip() for row in _rows("unnamed_sources.tsv"))


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Lemmas of nouns for documents that make claims."""
    return frozenset(row[0].strip() for row in _rows("document_nouns.tsv"))


@lru_cache(maxsize=1)
def learned_cues() -> dict[tuple[str, str], CueVerb]:
    """(lemma, frame) -> cue verb, for the verbs that annotated news marks as attribution cues."""
    cues = {}
    for row in _rows("attribution_cues.tsv"):
        lemma, frame, n_cues, n_seen = (cell.strip() for cell in row[:4])
        if frame not in FRAMES:
            raise ModelError(f"attribution_cues.tsv: unknown frame {frame!r} for {lemma!r}")
        if int(n_cues) >= MIN_LEARNED_CUES and int(n_cues) >= MIN_LEARNED_SHARE * int(n_seen):
            cues[(lemma, frame)] = CueVerb(lemma, "learned", "asserted")
    log.debug("loaded %d learned cue frames", len(cues))
    return cues
