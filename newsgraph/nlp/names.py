"""The name layer: turn spaCy's entity guesses into name mentions with one type per name.

Runs after the statistical NER. It
- trims determiners and possessives off entity spans ("the", "’s"),
- decides one type per name from the evidence of the whole article (votes of the NER over
  body mentions, the lexicon, the gazetteer, surnames of full names), so "Soleimani" is a
  PERSON at every mention,
- distrusts Title Case headings: a heading's entity is kept only where the body confirms it,
  else cut down to the part the body confirms ("Soleimani Saved" -> "Soleimani"),
- finds the other mentions of each decided name that the NER missed,
- finds Arabic-script writings of names the article also gives in Latin script.

It writes ``doc._.ng_names`` (see ``extensions``) and leaves ``doc.ents`` alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.nlp.extensions import doc_text, register_extensions
from newsgraph.nlp.gazetteer import gazetteer
from newsgraph.nlp.headings import dateline_places, find_headings, names_only

__all__ = ["NAME_LABELS", "NameSpan", "name_key"]

#: Entity labels that become entities (numbers, times and money belong to the claims layer).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "LAW", "PRODUCT",
     "WORK_OF_ART", "LANGUAGE"}
)
#: Labels whose other, untagged mentions we go and find.
_PROPAGATE = frozenset({"PERSON", "ORG", "ARMED_GROUP", "GPE", "LOC", "FAC", "NORP"})
_LEADING = {"the", "a", "an", "The", "A", "An"}
#: Prepositions of place that spaCy's stop words leave out; capitalised, they open a line ("Near Mosul, ...").
_PREPOSITIONS = frozenset({"near", "outside", "inside", "beyond", "along", "within", "across"})
_POSSESSIVE = {"'s", "’s", "'", "’"}
_ARABIC_WORD = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")
_LEXICON_WEIGHT = 1000.0
#: What the gazetteer adds to a reading: less than one mention's vote, so it only settles a tie.
_TIE_BREAK = 0.5
#: One-word names of these types may be a capitalised common noun ("Institute", "Medal").
_COMMON_WORD_RISK = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG"})
#: Arabic name particles that the tokenizer splits from the name they belong to ("al-Assad").
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "at", "an", "ud", "ul"})
#: How alike a heading's word and a body name must look, beyond sharing a phonetic key.
_HEADING_SIMILARITY = 0.7
#: ... and how alike a lone word and a person's surname, to make the word that person.
_SURNAME_SIMILARITY = 0.8


@dataclass(slots=True)
class NameSpan:
    """One mention of a name. ``canonical`` is set when the lexicon knows the name."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None
    heading: bool = False
    token_start: int | None = None
    token_end: int | None = None


def name_key(text: str) -> str:
    """The form two mentions must share to be the same name (case and apostrophes folded)."""
    text = text.replace("’", "'")
    if text.endswith("'s"):
        text = text[:-2]
    return " ".join(text.lower().split())


def _trim(span: SpacySpan) -> SpacySpan | None:
    from newsgraph.resolve import is_title, title_prefix_length

    doc = span.doc
    text = doc_text(doc)  # slices of the Doc's text, not Span.text, which joins its tokens anew
    if "\n" in text[span.start_char:span.end_char]:  # a name never runs across lines; this is two headings run together
        return None
    start, end = _extend_particles(span)
    while start < end and (doc[start].text in _LEADING or doc[start].is_punct):
        start += 1
    # "As Soleimani", "When Assad", "Near Mosul": a capitalised word opening a sentence or a line
    # is not part of the name when it is a function word or a preposition
    while end - start > 1 and _opens(doc[start]) and (
        doc[start].lower_ in STOP_WORDS or doc[start].lower_ in _PREPOSITIONS or doc[start].pos_ == "ADP"
    ):
        start += 1
    if start < end and span.label_ == "PERSON":
        # "President Bashar al-Assad": the title is a role, not part of the name
        cut = title_prefix_length(_span_text(doc, text, start, end))
        if cut:
            first = doc[start].idx + cut
            while start < end and doc[start].idx < first:
                start += 1
    if start < end and is_title(_span_text(doc, text, start, end)):
        return None
    if start >= 2 and doc[start - 1].lower_ == "of" and is_title(doc[start - 2].text):
        return None  # the portfolio of "Minister of Defense", not an organisation
    if start < end and span.label_ in _PROPAGATE and doc[start].text[:1].islower() and doc[start].lower_ not in _PARTICLES:
        return None  # "anti" of "anti-Assad": names are capitalised
    if end < len(doc) and is_title(_span_text(doc, text, start, end + 1)):  # "Defence" of "Defence Minister"
        return None
    # A trailing "and", "of", "the" is cut; a capitalised word the tagger calls a preposition
    # ("BEIRUT" in a capitalised dateline) is the name itself.
    while end > start and (
        doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
        or (doc[end - 1].pos_ in ("CCONJ", "ADP", "DET") and doc[end - 1].lower_ in STOP_WORDS)
    ):
        end -= 1
    # "Mladost ( L": a name does not run into a bracket it does not close
    chars = text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])] if start < end else ""
    opened = None if "(" not in chars and "[" not in chars else next(
        (i for i in range(start, end) if doc[i].text in ("(", "[")), None)
    if opened is not None and not any(doc[i].text in (")", "]") for i in range(opened, end)):
        end = opened
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    if start >= end or (end - start == 1 and doc[start].lower_ in _PARTICLES):
        return None
    trimmed = SpacySpan(doc, start, end, label=span.label_, span_id=span.ent_id_)
    if _ARABIC_WORD.search(text[trimmed.start_char:trimmed.end_char]):  # the English NER cannot read Arabic script: see _arabic_names
        return None
    return trimmed


def _span_text(doc: Doc, text: str, start: int, end: int) -> str:
    """``doc[start:end].text`` as a slice of the Doc's text, without a Span and its join."""
    if start >= end:
        return ""
    last = doc[end - 1]
    return text[doc[start].idx:last.idx + len(last)]


def _opens(token: Token) -> bool:
    """Whether the token opens a sentence or a line (spaces before it aside)."""
    if token.is_sent_start:
        return True
    i = token.i - 1
    while i >= 0 and token.doc[i].is_space:
        if "\n" in token.doc[i].text:
            return True
        i -= 1
    return i < 0 or token.doc[i].text in (".", "!", "?", ":", ";") or "\n" in token.doc[i].whitespace_


def _after_title(span: SpacySpan) -> bool:
    """Whether a title stands right before the span ("General Hamid Farahani")."""
    from newsgraph.resolve import is_title

    doc = span.doc
    return span.start > 0 and doc[span.start - 1].is_title and is_title(doc[span.start - 1].text)


def _precedes_place(span: SpacySpan, places: set[str]) -> bool:
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("in", "near", "outside"):
        return False
    nxt = doc[span.end + 1]
    return bool(nxt.ent_type_) and nxt.ent_iob_ == "B" and name_key(nxt.text) in places


def _looks_alike(a: str, b: str, threshold: float = _HEADING_SIMILARITY) -> bool:
    """Spelling variants look alike ("qaddafi"/"gaddafi"); words that only share consonant classes do not."""
    return SequenceMatcher(None, a, b).ratio() >= threshold


def _extend_particles(span: SpacySpan) -> tuple[int, int]:
    """Grow a span over Arabic name particles the tokenizer split off: "Bashar al" + "-" + "Assad",
    "-Zahraa" preceded by "al"."""
    doc = span.doc
    start, end = span.start, span.end
    if end + 1 < len(doc) and doc[end - 1].lower_ in _PARTICLES and doc[end].text == "-" and doc[end + 1].is_title:
        end += 2
    elif end < len(doc) and doc[end - 1].text == "-" and doc[end - 2].lower_ in _PARTICLES and doc[end].is_title:
        end += 1
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _PARTICLES:
        start -= 2
    return start, end


def _name_lines_dropped(doc: Doc, headings: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The headings that are not lines of names only ("Karim Haddad", "Lebanon at Jordan", "May 17 v
    Hull"): in those the recogniser found a name or a date in every capitalised word, so no common
    word is left to mistake for one."""
    text = doc_text(doc)
    kept = []
    for start, end in headings:
        names = [(e.start_char - start, e.end_char - start) for e in doc.ents
                 if start <= e.start_char and e.end_char <= end]
        if not names_only(text[start:end], names):
            kept.append((start, end))
    return kept


def _in_heading(start: int, end: int, headings: list[tuple[int, int]]) -> bool:
    return any(h_start <= start and end <= h_end for h_start, h_end in headings)


class NameLayer:
    """The ``newsgraph_names`` component."""

    def __init__(self) -> None:
        register_extensions()
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        headings = _name_lines_dropped(doc, find_headings(doc_text(doc)))
        doc._.ng_headings = headings
        spans = [t for t in (_trim(e) for e in doc.ents if e.label_ in NAME_LABELS) if t is not None]
        spans = self._drop_common_words(doc, spans)
        body = [s for s in spans if not _in_heading(s.start_char, s.end_char, headings)]
        head = [s for s in spans if _in_heading(s.start_char, s.end_char, headings)]
        labels = self._decide_labels(body, set(dateline_places(doc_text(doc))))
        names = [self._name(s, labels) for s in body]
        names += self._confirm_headings(doc, head, labels)
        names += self._find_missed(doc, names, labels)
        names += _arabic_names(doc, names)
        names.sort(key=lambda n: (n.start, -n.end))
        for name in names:
            name.heading = _in_heading(name.start, name.end, headings)
        doc._.ng_names = _drop_overlaps(names)
        return doc

    def _drop_common_words(self, doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
        """Drop one-word "names" that are common nouns capitalised as part of a longer title
        ("The Institute's report", "the Hero's Medal"): the article writes the word in lower case
        elsewhere, or puts "a" before it, or "the" before it and a possessive after, or it follows
        another name's possessive."""
        lowered = {t.lemma_.lower() for t in doc if t.is_lower and t.is_alpha}
        surnames = {s[-1].lower_ for s in spans if len(s) > 1 and s.label_ == "PERSON"}
        kept = []
        for span in spans:
            if len(span) != 1 or span.label_ not in _COMMON_WORD_RISK or span.ent_id_:
                kept.append(span)
                continue
            token = span[0]
            before = doc[span.start - 1] if span.start > 0 else None
            after = doc[span.end] if span.end < len(doc) else None
            common = (
                token.lower_ in lowered
                or token.lemma_.lower() in lowered
                # "a VBIED", "an Institute": a name takes no indefinite article
                or (before is not None and before.lower_ in ("a", "an"))
                # "The Institute's report": "the" before and a possessive after; "the Fed said",
                # "the KDP" are names with an article
                or (before is not None and before.lower_ == "the" and after is not None and after.text in _POSSESSIVE)
                or (before is not None and before.text in _POSSESSIVE and before.i > 0 and doc[before.i - 1].is_title)
            )
            if common and token.lower_ not in surnames and self.gazetteer.lookup(token.text) is None:
                continue
            kept.append(span)
        return kept

    # -- deciding one type per name ---------------------------------------------------------
    def _decide_labels(self, spans: list[SpacySpan], datelines: set[tuple[int, int]]) -> dict[str, str]:
        from newsgraph.resolve import same_name

        votes: dict[str, Counter[str]] = defaultdict(Counter)
        surfaces: dict[str, str] = {}
        for span in spans:
            key = name_key(span.text)
            surfaces.setdefault(key, span.text)
            votes[key][span.label_] += _LEXICON_WEIGHT if span.ent_id_ else 1.0
        # the last words of a person's full name: "Kyi" and "Suu Kyi" of "Aung San Suu Kyi"
        surnames = {" ".join(key.split()[i:]) for key, v in votes.items() if v.most_common(1)[0][0] == "PERSON"
                    for i in range(1, len(key.split()))}
        singles = {key for key, v in votes.items() if " " not in key and v.most_common(1)[0][0] == "PERSON"}
        titled = Counter(name_key(s.text) for s in spans if _after_title(s))
        places = {name_key(s.text) for s in spans if s.label_ in ("GPE", "LOC")}
        before_place = Counter(name_key(s.text) for s in spans if _precedes_place(s, places))
        # a dateline names the place the story was filed from
        dated = Counter(name_key(s.text) for s in spans if (s.start_char, s.end_char) in datelines)
        for key, counter in votes.items():
            total = sum(counter.values())
            top_label, top_votes = counter.most_common(1)[0]
            if top_votes >= _LEXICON_WEIGHT:
                continue
            if top_label not in _PROPAGATE and not surfaces[key][:1].isupper():
                continue  # a date such as "last December" or "11 years in Boston" is no name to retype
            # A city or a country also names a team, a club or a government, so against a reading as
            # an organisation the gazetteer only breaks ties ("Leeds" the club named once stays one);
            # against any other reading ("Raqqah" taken for a person) it outvotes the recogniser, and a
            # region, a river or a sea names nothing else.
            place = self.gazetteer.lookup(surfaces[key])
            strong = max(2.0, total / 2) + _TIE_BREAK
            if place is not None and place.kind in ("country", "city"):
                counter["GPE"] += _TIE_BREAK if counter["ORG"] or counter["ARMED_GROUP"] else strong
            elif place is not None:
                counter["LOC"] += strong
            if self.gazetteer.demonym_country(surfaces[key]):
                counter["NORP"] += _TIE_BREAK
            # a surname spelled another way ("Suleimani") must look like it, and not be a known place
            # ("Russia" is not "Rousseau")
            if key in surnames or (" " not in key and place is None and any(
                    same_name(key, s) and _looks_alike(key, s, _SURNAME_SIMILARITY) for s in surnames)):
                # the article names this person in full: their surname alone is them, whatever the NER said
                counter["PERSON"] += total + 1
            if titled[key] or (" " in key and key.split()[-1] in singles):
                counter["PERSON"] += max(2.0, total / 2) + titled[key]
            if before_place[key]:  # "Bab Amr in Homs": a place named by the place it lies in
                counter["LOC"] += 1.5 * before_place[key]
            if dated[key]:
                counter["GPE"] += 1.5 * dated[key]
        return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}

    def _name(self, span: SpacySpan, labels: dict[str, str]) -> NameSpan:
        label = labels.get(name_key(span.text), span.label_)
        return NameSpan(span.start_char, span.end_char, span.text, label, span.ent_id_ or None,
                        token_start=span.start, token_end=span.end)

    # -- headings -----------------------------------------------------------------------------
    def _confirm_headings(self, doc: Doc, spans: list[SpacySpan], labels: dict[str, str]) -> list[NameSpan]:
        confirmed = []
        for span in spans:
            if span.ent_id_ or name_key(span.text) in labels:
                label = labels.get(name_key(span.text), span.label_)
                confirmed.append(NameSpan(span.start_char, span.end_char, span.text, label, span.ent_id_ or None,
                                          token_start=span.start, token_end=span.end))
                continue
            confirmed += self._known_parts(doc, span, labels)
        return confirmed

    def _known_parts(self, doc: Doc, span: SpacySpan, labels: dict[str, str]) -> list[NameSpan]:
        """The longest sub-spans of a heading entity that the body names, or spells another way."""
        from newsgraph.resolve import same_name

        found: list[NameSpan] = []
        i = span.start
        while i < span.end:
            for j in range(span.end, i, -1):
                part = _trim(doc[i:j])
                if part is None or part.start != i or not part.text[:1].isupper():
                    continue
                key = name_key(part.text)
                label = labels.get(key)
                if label is None:
                    label = next(
                        (lab for k, lab in labels.items()
                         if lab == "PERSON" and same_name(k, key) and _looks_alike(k, key)), None
                    )
                if label is not None:
                    found.append(NameSpan(part.start_char, part.end_char, part.text, label,
                                          token_start=part.start, token_end=part.end))
                    i = j - 1
                    break
            i += 1
        return found

    # -- mentions the NER missed --------------------------------------------------------------
    def _find_missed(self, doc: Doc, names: list[NameSpan], labels: dict[str, str]) -> list[NameSpan]:
        taken = [False] * (len(doc_text(doc)) + 1)
        for name in names:
            for k in range(name.start, name.end):
                taken[k] = True
        matcher = PhraseMatcher(doc.vocab, attr="ORTH")
        surfaces = {
            n.text: n for n in names
            if n.label in _PROPAGATE and len(n.text) >= 3 and n.text[:1].isupper() and n.token_start is not None
        }
        for text, name in surfaces.items():
            matcher.add(text, [_pattern_doc(doc, name.token_start, name.token_end)])
        # A person named in full is later called by the surname alone ("Ayoub later told ...").
        surnames: dict[str, NameSpan] = {}
        for name in names:
            if name.label == "PERSON" and name.token_start is not None and name.token_end - name.token_start > 1:
                last = doc[name.token_end - 1]
                if len(last.text) >= 3 and last.is_title and last.text not in surfaces:
                    surnames.setdefault(last.text, name)
        for text in surnames:
            matcher.add(text, [_pattern_doc(doc, surnames[text].token_end - 1, surnames[text].token_end)])
        found = []
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            if any(taken[span.start_char:span.end_char]):
                continue
            # A name inside a longer capitalised phrase is part of another name ("Homs Street").
            if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start and doc[end].text not in _POSSESSIVE:
                continue
            key = doc.vocab.strings[match_id]
            if key in surfaces:
                model = surfaces[key]
            elif span[0].pos_ == "PROPN":  # a surname must read as a name here, not as a word
                model = surnames[key]
            else:
                continue
            found.append(NameSpan(span.start_char, span.end_char, span.text, model.label,
                                  model.canonical if key in surfaces else None, token_start=start, token_end=end))
            for k in range(span.start_char, span.end_char):
                taken[k] = True
        return found


def _pattern_doc(doc: Doc, start: int, end: int) -> Doc:
    # Matching on ORTH needs only the words; Span.as_doc would copy every annotation.
    return Doc(doc.vocab, words=[t.text for t in doc[start:end]])


def _arabic_names(doc: Doc, names: list[NameSpan]) -> list[NameSpan]:
    """Arabic-script words that write a name the article also gives in Latin script."""
    text_all = doc_text(doc)
    words = [(m.start(), m.end()) for m in _ARABIC_WORD.finditer(text_all)]
    if not words:
        return []
    from newsgraph.resolve import same_name

    latin: dict[str, NameSpan] = {}
    for name in names:
        if name.label in ("PERSON", "GPE", "ORG", "ARMED_GROUP") and not _ARABIC_WORD.search(name.text):
            latin.setdefault(name.text, name)
    found: list[NameSpan] = []
    i = 0
    while i < len(words):
        match = None
        for n in (4, 3, 2, 1):
            group = words[i : i + n]
            if len(group) < n or any(text_all[a[1] : b[0]].strip() for a, b in zip(group, group[1:], strict=False)):
                continue
            for skip in (0, 1):  # a leading "و" is the conjunction "and" written onto the name
                start = group[0][0] + skip
                if skip and text_all[group[0][0]] != "و" or group[0][1] - start < 2:
                    continue
                text = text_all[start : group[-1][1]]
                for surface, name in latin.items():
                    if len(surface.split()) == n and same_name(text, surface):
                        match = NameSpan(start, group[-1][1], text, name.label, name.canonical)
                        break
                if match:
                    break
            if match:
                found.append(match)
                i += n
                break
        else:
            i += 1
    return found


def _drop_overlaps(names: Iterable[NameSpan]) -> list[NameSpan]:
    kept: list[NameSpan] = []
    for name in names:  # sorted by start, longest first
        if kept and name.start < kept[-1].end:
            continue
        kept.append(name)
    return kept


@Language.factory("newsgraph_names", requires=["doc.ents"], assigns=["doc._.ng_names", "doc._.ng_headings"])
def make_name_layer(nlp: Language, name: str) -> NameLayer:
    return NameLayer()
