"""Where an event happened: the place its sentence says, else the article's own place, marked inferred.

The parse attaches a place to an event only when the place hangs off the trigger; reports of
attacks more often say where in another phrase of the sentence ("were killed in a car bombing in
Raqqa", "shelled villages south of Idlib", "in Aleppo's countryside", "the Syrian province of
Hama"). :class:`ArticlePlaces` reads those locative phrases off the text, geocodes them with the
gazetteer (towns, villages and provinces of the region included), and for an event whose sentence
names no place more precise than a country it gives the article's dateline or main place, with
``inferred`` set so a reader can tell a stated place from a guessed one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Entity
from newsgraph.nlp.gazetteer import Place, gazetteer

__all__ = ["ArticlePlaces", "FoundPlace", "geocode", "place_info"]

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: Entity types that veto a name as a place found by sound ("in Daesh" is no town, whatever a village is
#: called), and those that veto it even when spelled as a place (the NER often calls a place an ORG).
_NOT_PLACES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "NORP"})
_NOT_PLACES_SURELY = frozenset({"PERSON", "ARMED_GROUP"})
#: Types the NER gives places by mistake in stripped or Title Case text ("Aleppo" as a NORP): kept as
#: places where spelled as one, acronyms aside ("SANA", the news agency, is not Sanaa).
_MISTYPED = frozenset({"NORP", "ORG"})
_PRECISION_OF_KIND = {"city": "city", "town": "town", "country": "country", "admin1": "admin1"}
_SUBNATIONAL = frozenset({"city", "town", "admin1"})

_PARTICLE = r"(?:al|el|ar|as|ad|az|ez|ash|at|an|ed|es|um|umm|abu|bani|bin|ibn|beit|bayt|deir|tal|tell|kafr|ain|ras|jisr|khan)"
#: A written place name: Capitalised words, joined by hyphens, apostrophes and the particles of Arabic names.
_NAME = (
    rf"\b(?:{_PARTICLE}[- ])?[A-Z][\w'’‘`]*(?:-[\w'’‘`]+)*"
    rf"(?:[ -](?:{_PARTICLE}[- ])?[A-Z][\w'’‘`]*(?:-[\w'’‘`]+)*){{0,3}}"
)
_DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
#: Words between a locative word and the name: "in the northern rebel-held town of".
_MODIFIERS = rf"(?:(?:the|{_DIRECTION}|central|rural|besieged|[a-z]+-(?:held|controlled)|syrian|iraqi|nearby)\s+){{0,4}}"
_CUES = (
    r"\b(?:in|near|outside|inside|around|across|at|into|from|toward|towards|over|on)\s+" + _MODIFIERS,
    r"\b(?:outskirts|suburbs?|countryside|province|governorate|city|town|village|district|neighbou?rhood|"
    r"region|area|areas|vicinity|edge|outskirts)\s+of\s+" + _MODIFIERS,
    rf"\b{_DIRECTION}\s+of\s+" + _MODIFIERS,
    # force that lands on a place names where it happened: "shells hit Kafr Nabl", "jets pounded Douma"
    r"\b(?:hit|hits|struck|strikes|shelled|shells|bombed|bombarded|bombards|pounded|pounds|raided|stormed|"
    r"targeted|targets|besieged|rocked|rocks|shook|shakes)\s+" + _MODIFIERS,
)
_BEFORE_NAME = re.compile(r"(?:" + "|".join(_CUES) + r")$", re.IGNORECASE)
#: Words after a name that make it a place of the province's level or around it ("Hama countryside").
_AFTER_NAME = re.compile(
    r"^(?:['’]?s)?\s+(?:countryside|province|governorate|suburbs?|outskirts|city|town|village|district)\b",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(_NAME)
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")  # "SANA" the agency, "ISIS": not Sanaa nor a town
#: What follows a possessive whose apostrophe was dropped: a place word or another name ("Syrias Aleppo").
_OWNED = re.compile(r"\s+(?:[A-Z]|(?:countryside|province|governorate|suburbs?|outskirts)\b)")
#: Words after a name that make it the province around it: "Idlib countryside", "Aleppo's province".
_PROVINCE_WORD = re.compile(r"^(?:['’]?s)?\s+(?:countryside|province|governorate|rural)\b", re.IGNORECASE)
_MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
_LEADING = re.compile(r"^(?:(?:In|At|On|Near|Outside|Inside|Around|Across|From|Into|The)\s+)+(?=[A-Z])")
_DATELINE = re.compile(r"^\W*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})\s*(?:,|\(|-|–|—)")
_DATELINE_REACH = 200


@dataclass(frozen=True, slots=True)
class FoundPlace:
    """A place the text names at ``start:end`` (character offsets of the article)."""

    place: Place
    start: int
    end: int
    cued: bool  # named after a locative word or before "province", "countryside"...


def place_info(place: Place, mentioned: str | None = None, inferred: bool = False) -> dict[str, Any]:
    """The geocoding of an event's place, as the analysis gives it."""
    info: dict[str, Any] = {
        "name": place.name, "country": place.country, "admin1": place.admin1_name, "admin1_code": place.admin1,
        "latitude": place.latitude, "longitude": place.longitude,
        "precision": _PRECISION_OF_KIND.get(place.kind, "region"), "inferred": inferred,
    }
    if mentioned is not None and mentioned != place.name:
        info["mentioned"] = mentioned
    return info


def geocode(names: Iterable[str], country: str | None = None) -> dict[str, Any] | None:
    """Geocode the first of ``names`` the gazetteer knows ("Bab Amr", "Homs": Homs, precision city).

    ``mentioned`` keeps the first name when a later, larger place stood in for it."""
    names = list(names)
    for name in names:
        place = gazetteer().locate(name, country)
        if place is not None:
            return place_info(place, names[0])
    return None


def _trim(name: str) -> str:
    # "Aleppos countryside" (apostrophes stripped by the outlet) and "Aleppo's": the place is Aleppo
    return re.sub(r"(?:['’]s|['’])$", "", name)


class ArticlePlaces:
    """The places an article names, found once, looked up per event."""

    def __init__(self, text: str, entities: list[Entity], sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        spans = [(m.span.start, m.span.end, e.type) for e in entities for m in e.mentions]
        self._vetoed = [(s, e, t) for s, e, t in spans if t in _NOT_PLACES]
        self.found = self._find(spans)
        self.country = self._main_country()
        self.main = self._main_place()
        self._dateline_end = 0
        self.dateline = self._dateline()

    # -- finding -------------------------------------------------------------------------------------
    def _find(self, spans: list[tuple[int, int, str]]) -> list[FoundPlace]:
        """Places named after a locative word and place entities, by spelling; then, for what is left,
        by sound, but only in the article's main country ("Idleb" in Syria; no Iranian "Sari" for "Syrias")."""
        found: dict[tuple[int, int], FoundPlace] = {}
        unresolved: list[tuple[int, str, bool]] = []
        for begin, words in self._cued_names():
            if not self._resolve(begin, words, True, found, None):
                unresolved.append((begin, words, True))
        for start, end, type_ in spans:
            if any(s <= start < e for s, e in found):
                continue
            if type_ in _PLACE_TYPES:
                if not self._resolve(start, self.text[start:end], False, found, None):
                    unresolved.append((start, self.text[start:end], False))
            elif type_ in _MISTYPED and not self.text[start:end].isupper():
                self._resolve(start, self.text[start:end], False, found, None)
        country = _most_common_country(found.values())
        for key, f in list(found.items()):
            if country is not None and _foreign_alias(f.place, self.text[f.start : f.end], country):
                del found[key]
        if country is not None:
            for begin, words, cued in unresolved:
                if not any(s <= begin < e for s, e in found):
                    self._resolve(begin, words, cued, found, country)
        return sorted(found.values(), key=lambda f: f.start)

    def _cued_names(self) -> list[tuple[int, str]]:
        out = []
        for match in _CANDIDATE.finditer(self.text):
            before = self.text[max(0, match.start() - 80) : match.start()]
            after = self.text[match.end() : match.end() + 20]
            cued = bool(_BEFORE_NAME.search(before) or _AFTER_NAME.match(after))
            words, begin = match.group(0), match.start()
            lead = _LEADING.match(words)
            if lead:  # "In Aleppo" at the head of a sentence: the cue is capitalised, the name follows
                cued = cued or not lead.group(0).startswith("The")
                words, begin = words[lead.end():], begin + lead.end()
            if words and cued and not self._is_vetoed(begin, begin + len(words), _NOT_PLACES_SURELY):
                out.append((begin, words))
        return out

    def _resolve(self, begin: int, words: str, cued: bool, found: dict[tuple[int, int], FoundPlace],
                 country: str | None) -> bool:
        """Find the places in ``words`` (at ``begin``): the longest leading run of words that names one
        ("Khan Sheikhoun Idlib": Khan Sheikhoun), and after a country the place it holds ("Syrias Aleppo").
        ``country``: look up by sound too, keeping places of that country only."""
        gaz = gazetteer()
        parts = re.split(r"(?<=\S)(?= )", words)
        i, any_found, owner = 0, False, None
        while i < len(parts):
            offset = begin + len("".join(parts[:i])) + len(parts[i]) - len(parts[i].lstrip())
            for n in range(len(parts) - i, 0, -1):
                name = _trim("".join(parts[i : i + n]).strip())
                if name.lower() in _MONTHS_AND_DAYS or gaz.demonym_country(name) or _ACRONYM.match(name):
                    return any_found  # "in March", "across the Syrian province of": not this word
                place = self._lookup(gaz, name, country)
                if place is None and name.endswith("s") and len(name) > 4 and _OWNED.match(self.text, offset + len(name)):
                    name = name[:-1]  # "Aleppos countryside", "Syrias Aleppo": the outlet dropped the apostrophe
                    place = gaz.locate(name, by_sound=False)
                if place is not None and country is not None and self._is_vetoed(offset, offset + len(name)):
                    place = None
                if place is None or owner is not None and place.country != owner:
                    continue  # "in Syria Moscow AFP": a byline after the country, not a place in it
                province = _PROVINCE_WORD.match(self.text[offset + len(name) : offset + len(name) + 24])
                if province and place.kind != "admin1" and place.country and place.admin1:
                    place = gaz.province(place.country, place.admin1) or place  # "Idlib countryside"
                found[(offset, offset + len(name))] = FoundPlace(place, offset, offset + len(name), cued)
                any_found = True
                if place.kind != "country":
                    return True
                i, owner = i + n, place.country
                break
            else:
                return any_found
        return any_found

    @staticmethod
    def _lookup(gaz: Any, name: str, country: str | None) -> Place | None:
        if country is None:
            return gaz.locate(name, by_sound=False)
        place = gaz.locate(name, country)
        return place if place is not None and place.country == country else None

    def _is_vetoed(self, start: int, end: int, types: frozenset[str] = _NOT_PLACES) -> bool:
        return any(s <= start and end <= e and t in types for s, e, t in self._vetoed)

    def _main_country(self) -> str | None:
        return _most_common_country(self.found)

    def _main_place(self) -> Place | None:
        """The place below a country the article names most (in its main country), the first on a tie."""
        counts: Counter[Place] = Counter()
        first: dict[Place, int] = {}
        for f in self.found:
            if f.place.kind in _SUBNATIONAL and f.place.country == self.country:
                counts[f.place] += 1
                first.setdefault(f.place, f.start)
        if not counts:
            return None
        return max(counts, key=lambda p: (counts[p], -first[p]))

    def _dateline(self) -> Place | None:
        match = _DATELINE.match(self.text[:_DATELINE_REACH])
        if match is None:
            return None
        self._dateline_end = match.end(1)
        place = gazetteer().lookup(match.group(1).title())
        return place if place is not None and place.kind in _SUBNATIONAL else None

    # -- per event -----------------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> tuple[int, int]:
        at = bisect_right(self._starts, offset) - 1
        return self.sentences[at] if at >= 0 else (0, len(self.text))

    def stated(self, trigger: int, exclude: Sequence[tuple[int, int]] = ()) -> FoundPlace | None:
        """The place the trigger's sentence says the event happened in: the nearest one below a country
        named after a locative word ("in", "near", "south of", "X province"), else such a country. A place
        named bare is no statement of where: "Damascus denied" names the government."""
        start, end = self.sentence_of(trigger)
        here = [f for f in self.found if start <= f.start < end and f.cued
                and not any(s <= f.start < e for s, e in exclude)]
        for keep in (lambda f: f.place.kind in _SUBNATIONAL, lambda f: f.place.kind == "country"):
            chosen = [f for f in here if keep(f)]
            if chosen:
                return min(chosen, key=lambda f: abs(f.start - trigger))
        return None

    def inferred(self, country: str | None) -> Place | None:
        """The article's own place for an event in ``country`` (or in the article's main country): its
        dateline where it lies there, else the place it names most."""
        country = country or self.country
        for place in (self.dateline, self.main):
            if place is not None and (country is None or place.country == country):
                return place
        return None

    def place_of(self, trigger: int, parsed: list[tuple[int, int]], names: list[str],
                 exclude: Sequence[tuple[int, int]] = ()) -> tuple[dict[str, Any] | None, tuple[int, int] | None]:
        """The geocoded place of an event and the span of the text that names it: what the parse attached
        (``parsed`` spans, or ``names`` where the place is no span of the sentence), or a finer place its
        sentence states in the same province; else what its sentence states; refined or replaced by the
        article's own place when only a country is said (then the span is the country's, if any).
        ``exclude``: ranges whose places describe an actor, not the event ("Iran, an ally of the government
        in Damascus, condemned")."""
        chosen = self._parsed(parsed)
        stated = self.stated(trigger, exclude)
        if chosen is None and not parsed and names:
            info = geocode(names, self.country)
        else:
            info = None
        if chosen is not None and stated is not None and (_finer(stated.place, chosen.place) or (
                chosen.place.kind == "country" and stated.place.kind in _SUBNATIONAL
                and stated.place.country == chosen.place.country)):
            chosen = stated  # "in the Idlib countryside, in the town of Kafr Nabl": the town
        if chosen is None and info is None or info is not None and info["precision"] not in _SUBNATIONAL:
            chosen = stated if stated is not None and (info is None or stated.place.kind in _SUBNATIONAL) else None
        span = None
        if chosen is not None:
            info, span = place_info(chosen.place, self.text[chosen.start : chosen.end]), (chosen.start, chosen.end)
        if info is None or info["precision"] not in _SUBNATIONAL:
            place = self.inferred(info["country"] if info else None)
            if place is not None:
                said = info.get("mentioned", info["name"]) if info else None
                info = place_info(place, said, inferred=True)
        return info, span

    def _parsed(self, spans: list[tuple[int, int]]) -> FoundPlace | None:
        """The first place the parse attached that the text names (not the dateline's city)."""
        for start, end in spans:
            if start < self._dateline_end and self.text[start:end].isupper():
                continue  # "BEIRUT (AP) -": where the report was filed, not where it happened
            inside = [f for f in self.found if f.start < end and start < f.end]
            if inside:  # "Syrias Aleppo": the town, not the country that owns it
                return max(inside, key=lambda f: f.place.kind in _SUBNATIONAL)
        return None


def _foreign_alias(place: Place, written: str, country: str) -> bool:
    """A place abroad reached through one of its other names ("Bani" for Iran's Baneh) in an article about
    ``country``: more likely a quarter or a word of the story's own country that GeoNames does not hold."""
    if place.country == country or place.kind in ("country", "admin1"):
        return False
    return _fold(place.name) != _fold(written)


def _fold(name: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^a-z]", "", unidecode(name).lower())


def _most_common_country(found: Iterable[FoundPlace]) -> str | None:
    counts = Counter(f.place.country for f in found if f.place.country)
    return counts.most_common(1)[0][0] if counts else None


def _finer(place: Place, than: Place) -> bool:
    """Whether ``place`` lies in ``than``'s province and says more (a town in the province, or in its city's)."""
    if place.country != than.country or not place.admin1 or place.admin1 != than.admin1:
        return False
    rank = {"admin1": 0, "city": 1, "town": 2}
    return rank.get(place.kind, -1) > rank.get(than.kind, 9) or than.kind == "admin1" and place.kind != "admin1"
