"""The CAMEO codebook as newsgraph reads it: codes, verb and noun trigger patterns.

Loaded once from ``data/cameo/*.tsv`` (see the header of each file for the source of its facts).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

__all__ = ["Codebook", "NounPattern", "VerbPattern", "codebook"]


@dataclass(frozen=True, slots=True)
class VerbPattern:
    lemma: str
    particle: str | None
    prep: str | None
    objects: frozenset[str]
    code: str

    @property
    def specificity(self) -> int:
        return 4 * bool(self.objects) + 2 * bool(self.prep) + bool(self.particle)


@dataclass(frozen=True, slots=True)
class NounPattern:
    lemma: str
    possessor: str | None  # "source" | "target"
    of: str | None
    code: str


@dataclass(frozen=True, slots=True)
class Codebook:
    """CAMEO codes with labels and PLOVER types, and the trigger patterns."""

    labels: dict[str, str]
    plover: dict[str, str]
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, NounPattern]

    def noun(self, token: Token) -> NounPattern | None:
        """The pattern of a noun, a compound's own first ("drone strike" before "strike")."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                found = self.nouns.get(f"{child.lemma_.lower()} {lemma}")
                if found is not None:
                    return found
        return self.nouns.get(lemma)


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("newsgraph.data.cameo").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The shipped CAMEO codebook (read once per process)."""
    labels, plover = {}, {}
    for row in _rows("codes.tsv"):
        labels[row["code"]] = row["label"]
        plover[row["code"]] = row["plover"]
    verbs: dict[str, list[VerbPattern]] = {}
    for row in _rows("verbs.tsv"):
        objects = _opt(row["object"])
        pattern = VerbPattern(
            row["lemma"], _opt(row["particle"]), _opt(row["prep"]),
            frozenset(objects.split("|")) if objects else frozenset(), row["code"],
        )
        verbs.setdefault(pattern.lemma, []).append(pattern)
    nouns = {
        row["lemma"]: NounPattern(row["lemma"], _opt(row["possessor"]), _opt(row["of"]), row["code"])
        for row in _rows("nouns.tsv")
    }
    ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in verbs.items()}
    return Codebook(labels, plover, ordered, nouns)
