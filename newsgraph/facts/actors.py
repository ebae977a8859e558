"""CAMEO-style actor codes: ISO-3 country plus role ("SYRSPY", "USA", "IRNMIL", "---GOV").

The country comes from the gazetteer (place names, demonyms), the lexicon (an organisation's
country) or a user-supplied name table; the role from the lexicon's sector or from role words
(``data/cameo/roles.tsv``), the highest-ranked word of the phrase winning, so "the head of the
Syrian intelligence service" is SYR + SPY rather than SYR + GOV.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from newsgraph.model import Entity
from newsgraph.nlp.gazetteer import gazetteer
from newsgraph.nlp.lexicon import LexiconEntry, load_lexicon

__all__ = ["ActorCoder", "known_people", "merge_codes", "organisation_codes", "role_words"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w'’.-]+")
_MAX_NGRAM = 5
#: Entity types whose name is itself a country or place.
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: Country codes CAMEO writes for international actors.
_INTERNATIONAL = "IGO"
#: A title written before a name: capitalised words, possessives, role words ("Iran's Foreign Minister").
_TITLE_WORD = re.compile(r"[\w'’.-]+$")
_TITLE_WINDOW = 80
_TITLE_WORDS = 6
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


def merge_codes(first: str | None, second: str | None) -> str | None:
    """One code from two readings of an actor: the first's country unless it has none, the first's role
    unless it has none ("---GOV" and "IRN" make "IRNGOV")."""
    if not first or not second:
        return first or second
    country = first[:3] if not first.startswith("---") else second[:3]
    role = first[3:] or second[3:]
    return country + role if not role.startswith(country) else country


def _title_before(text: str, start: int) -> str:
    """The title words right before a name, within its line ("Syrian President" before "Bashar al-Assad")."""
    window = text[max(0, start - _TITLE_WINDOW) : start]
    window = window.split("\n")[-1]
    words: list[str] = []
    rest = window.rstrip()
    while rest and len(words) < _TITLE_WORDS:
        match = _TITLE_WORD.search(rest)
        if not match or match.end() != len(rest):
            break
        word = match.group(0)
        if word.endswith(".") and not _INITIALS.fullmatch(word):
            break  # the end of the sentence before, not a title ("Hezbollah. As Soleimani")
        lowered = word.lower().replace("’", "'")
        if not (word[0].isupper() or lowered.endswith("'s") or lowered in role_words() or lowered == "of"):
            break
        words.insert(0, word)
        rest = rest[: match.start()].rstrip()
    while words and words[0].lower() == "of":
        words.pop(0)
    last = words[-1].lower() if words else ""
    if last not in role_words() and last.removesuffix("s") not in role_words():
        return ""  # a title ends in a role word ("Syrian President"); "Did Syrian Intelligence Betray" is no title
    return " ".join(words)


@lru_cache(maxsize=1)
def role_words() -> dict[str, tuple[str, int]]:
    """word (or ``sector:NAME``) -> (role code, rank), from ``data/cameo/roles.tsv``."""
    text = resources.files("newsgraph.data.cameo").joinpath("roles.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["word"]: (row["role"], int(row["rank"])) for row in csv.DictReader(lines, delimiter="\t")}


@lru_cache(maxsize=1)
def known_people() -> dict[str, str]:
    """Folded name -> code of well-known people, from ``data/cameo/people.tsv``."""
    text = resources.files("newsgraph.data.cameo").joinpath("people.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {_fold(row["name"]): row["code"] for row in csv.DictReader(lines, delimiter="\t")}


@lru_cache(maxsize=1)
def organisation_codes() -> dict[str, str]:
    """Folded name -> CAMEO code of international organisations, from ``data/cameo/organisations.tsv``."""
    text = resources.files("newsgraph.data.cameo").joinpath("organisations.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {_fold(row["name"]): row["code"] for row in csv.DictReader(lines, delimiter="\t")}


_DETERMINERS = frozenset({"the", "a", "an"})


def _inside_name(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` continues a capitalised name begun before it ("South | Carolina")."""
    return i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() not in _DETERMINERS


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").removesuffix("'s").split())


class ActorCoder:
    """Codes entities and noun phrases.

    ``extra_names`` maps a name (any case) to a code of its own, country and optional role
    ("gondor": "GON", "hamas gunmen": "PSEHMSMIL"); it is looked up before the gazetteer."""

    def __init__(self, extra_names: Mapping[str, str] | None = None, lexicons: tuple[str, ...] = ()) -> None:
        self._extra = {**organisation_codes(), **{_fold(k): v for k, v in (extra_names or {}).items()}}
        self._roles = role_words()
        self._lexicon: dict[str, LexiconEntry] = {}
        for entry in load_lexicon(lexicons):
            for name in entry.names:
                self._lexicon[_fold(name.removeprefix("the ").removeprefix("The "))] = entry
        self._gaz = gazetteer()
        self._people = known_people()

    def _entry_code(self, entry: LexiconEntry) -> tuple[str | None, tuple[str, int] | None]:
        role = self._roles.get(f"sector:{entry.sector}") if entry.sector else None
        country = entry.country or (_INTERNATIONAL if entry.sector == "international" else None)
        if role is not None and role[0] == country:
            role = None  # "IGO", not "IGOIGO"
        return country, role

    def _country_of(self, name: str, whole: bool = True) -> str | None:
        """The country of a place name or demonym; a city or region only where ``name`` is a whole
        name, not the tail of a longer one ("Carolina" in "South Carolina", "York" in "New York")."""
        place = self._gaz.lookup(name)
        if place is not None and place.country and (whole or place.kind == "country"):
            return place.country
        return self._gaz.demonym_country(name)

    def code_phrase(self, text: str) -> str | None:
        """The code of a noun phrase ("the Syrian Minister of Defense" -> "SYRGOV"), or None."""
        words = _WORD.findall(text.replace("’", "'"))
        country: str | None = None
        own: str | None = None  # a full code from the user's table
        role: tuple[str, int] | None = None
        i = 0
        while i < len(words):
            matched = 0
            for n in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
                gram = _fold(" ".join(words[i : i + n]))
                if not gram or gram in ("the", "a", "an", "of", "and"):
                    continue
                if gram in self._extra:
                    own = own or self._extra[gram]
                    matched = n
                    break
                entry = self._lexicon.get(gram)
                if entry is not None and (n > 1 or words[i][0].isupper()):
                    entry_country, entry_role = self._entry_code(entry)
                    country = country or entry_country
                    if entry_role and (role is None or entry_role[1] > role[1]):
                        role = entry_role
                    matched = n
                    break
                if words[i][0].isupper():
                    found = self._country_of(gram, whole=not _inside_name(words, i))
                    if found:
                        country = country or found
                        matched = n
                        break
            if not matched:
                lowered = words[i].lower()
                found_role = self._roles.get(lowered) or self._roles.get(lowered.removesuffix("s"))
                if found_role and (role is None or found_role[1] > role[1]):
                    role = found_role
                matched = 1
            i += matched
        if own is not None:
            if role and not own.endswith(role[0]) and (len(own) == 3 or own.startswith(_INTERNATIONAL) and len(own) <= 9):
                return own + role[0]  # "UN troops": IGOUNO + MIL
            return own
        if country is None and role is None:
            return None
        if role is not None and role[0] == country:
            role = None
        return (country or "---") + (role[0] if role else "")

    def code_entity(self, entity: Entity) -> str | None:
        """The code of an entity from its type, name, lexicon entry and the roles said of it."""
        folded = _fold(entity.name)
        if folded in self._extra:
            return self._extra[folded]
        if entity.type in _PLACE_TYPES:
            return self._country_of(entity.name)
        entry = self._lexicon.get(folded)
        if entry is not None:
            country, role = self._entry_code(entry)
            return ((country or "---") + (role[0] if role else "")) if (country or role) else None
        if entity.type == "PERSON":
            codes = [self.code_phrase(r.role) for r in entity.roles]
            codes = [c for c in codes if c]
            # the role that names a country and a role beats a bare "---GOV"
            codes.sort(key=lambda c: (c.startswith("---"), -len(c)))
            return codes[0] if codes else None
        return self.code_phrase(entity.name)

    def code_person(self, entity: Entity, text: str) -> str | None:
        """The code of an entity, for a person completed from the titles written before its mentions
        ("Iran's Foreign Minister Jawad Zarif" gives IRN to a "Foreign Minister" without a country)."""
        code = self.code_entity(entity)
        if entity.type != "PERSON" or (code is not None and not code.startswith("---")):
            return code
        for mention in entity.mentions:
            title = _title_before(text, mention.span.start)
            found = self.code_phrase(title) if title else None
            if found is not None and not found.startswith("---"):
                return merge_codes(code, found)
            code = merge_codes(code, found)
        # what the article leaves unsaid of a well-known person, the people table fills ("Putin": RUSGOV)
        for name in (entity.name, *(m.span.text for m in entity.mentions)):
            known = self._people.get(_fold(name))
            if known is not None:
                return merge_codes(code, known)
        return code
