"""The curated lexicon of organisations and armed groups, as an entity-ruler component.

Entries live in ``data/lexicon/*.json`` (see the README there); users add files of their own.
Matches set ``ent.ent_id_`` to the canonical name, so every alias resolves to one entity.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ModelError

__all__ = ["LexiconEntry", "add_lexicon", "load_lexicon"]

log = logging.getLogger(__name__)

_TYPES = {"ARMED_GROUP", "ORG"}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    name: str
    type: str
    aliases: tuple[str, ...]
    country: str | None = None
    sector: str | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _parse(items: Any, origin: str) -> list[LexiconEntry]:
    if not isinstance(items, list):
        raise ModelError(f"lexicon {origin}: expected a JSON list of entries")
    entries = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not item.get("name"):
            raise ModelError(f"lexicon {origin}: entry {number} has no name")
        kind = item.get("type", "ORG")
        if kind not in _TYPES:
            raise ModelError(f"lexicon {origin}: entry {item['name']!r} has type {kind!r}, expected one of {sorted(_TYPES)}")
        entries.append(
            LexiconEntry(
                item["name"], kind, tuple(item.get("aliases", ())), item.get("country"), item.get("sector"),
                item.get("note"),
            )
        )
    return entries


def _user_paths(paths: Iterable[str | Path]) -> list[Path]:
    extra = [p for p in os.environ.get("NEWSGRAPH_LEXICON", "").split(os.pathsep) if p]
    found: list[Path] = []
    for raw in [*paths, *extra]:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            found.append(path)
        else:
            raise ModelError(f"lexicon {path}: no such file or folder")
    return found


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> tuple[LexiconEntry, ...]:
    """The shipped lexicon plus the user's files (``extra`` and ``$NEWSGRAPH_LEXICON``)."""
    entries: list[LexiconEntry] = []
    folder = resources.files("newsgraph.data.lexicon")
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".json"):
            entries += _parse(json.loads(item.read_text(encoding="utf-8")), item.name)
    for path in _user_paths(extra):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"lexicon {path}: cannot read it ({exc})") from exc
        entries += _parse(data, str(path))
    return tuple(entries)


def _pattern(nlp: Language, alias: str) -> str | list[dict[str, str]]:
    """A phrase pattern (matched on lower case, fast) or, for acronyms, a case-sensitive token pattern:
    "AQ" is not "aq"."""
    alias = alias.removeprefix("the ").removeprefix("The ")
    if alias.isupper() or len(alias) <= 3:
        return [{"ORTH": tok.text} for tok in nlp.make_doc(alias)]
    return alias


def add_lexicon(nlp: Language, *, before: str, extra: tuple[str, ...] = ()) -> None:
    """Add the lexicon as an entity ruler before ``before`` (so statistical NER respects it)."""
    ruler = nlp.add_pipe(
        "entity_ruler", name="newsgraph_lexicon", before=before, config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
    )
    patterns = []
    for entry in load_lexicon(extra):
        # an alias written with a straight apostrophe is also printed with a curly one ("Da’esh")
        names = [form for name in entry.names for form in (name, name.replace("'", "’"), name.replace("’", "'"))]
        for alias in dict.fromkeys(names):
            patterns.append({"label": entry.type, "pattern": _pattern(nlp, alias), "id": entry.name})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    log.debug("lexicon: %d patterns", len(patterns))
    stop_words = nlp.Defaults.stop_words
    words = sorted({a for e in load_lexicon(extra) for a in e.names if a.isupper() and a.lower() in stop_words})
    if words:
        nlp.add_pipe("newsgraph_lexicon_guard", after="newsgraph_lexicon", config={"words": words})


class LexiconGuard:
    """Drops a lexicon match that is an English word in capitals ("IS" for the Islamic State) where it is
    the word: inside a line written in capitals ("WHY THE WAR IS NOT OVER") or as the auxiliary of a
    verb whose subject comes before it ("the truce IS holding"). "IS fighters attacked", "from IS" stay."""

    def __init__(self, words: list[str]) -> None:
        self.words = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if not any(ent.text in self.words for ent in doc.ents):
            return doc
        doc.ents = [ent for ent in doc.ents if ent.text not in self.words or not _is_the_word(ent)]
        return doc


def _is_the_word(ent: Span) -> bool:
    token = ent.root
    doc = token.doc
    line = [t for t in doc[max(0, token.i - 4) : token.i + 5] if t.is_alpha and t.i != token.i and "\n" not in t.text]
    if line and all(t.is_upper for t in line):
        return True  # a shouted heading: every word around it is in capitals
    if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass", "ROOT", "cop"):
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < token.i for c in token.head.children)
    return False


@Language.factory("newsgraph_lexicon_guard", default_config={"words": []})
def make_lexicon_guard(nlp: Language, name: str, words: list[str]) -> LexiconGuard:
    return LexiconGuard(words)
