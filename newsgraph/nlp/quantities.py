"""Quantities: numbers the article claims ("more than 4,000 soldiers"), with qualifier and counted noun.

Reads the tokens and the parse of each sentence. A quantity is a run of number tokens (digits,
number words, "10 thousand", "two dozen", "tens of thousands"), with
- its qualifier, from the words right before it (``data/cues/quantity_qualifiers.tsv``), or
  ``range`` for "between 2,000 and 3,000", "2,000 to 3,000", "2,000-3,000";
- its unit: the noun it counts (lemma: "fighters" -> "fighter"), "percent", or a currency code.

Vague round plurals become ranges of two to nine of the named size: "dozens" 24-108,
"hundreds" 200-900, "thousands" 2,000-9,000, "tens of thousands" 20,000-90,000,
"hundreds of thousands" 200,000-900,000; their qualifier is ``range``.

Not quantities: dates and years, times, ordinals, and numbers that are part of a name
("Brigade 313", "Resolution 2254").

Writes ``doc._.ng_quantities``: a list of ``QuantitySpan`` in text order.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ModelError
from newsgraph.nlp.extensions import register_extensions

__all__ = ["QuantitySpan", "find_quantities", "parse_number"]

log = logging.getLogger(__name__)

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
#: "tens of thousands": plural scale words read as two to nine of that size.
_VAGUE = {"dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,.]*)[-–](\d[\d,.]*)$")
_SUFFIX = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_NOT_QUANTITY = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "FAC", "LAW", "PRODUCT", "WORK_OF_ART",
                           "EVENT", "ARMED_GROUP"})
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_CURRENCY_NOUNS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "rial": "IRR", "toman": "IRR", "lira": "lira",
                   "pound sterling": "GBP", "dinar": "dinar", "riyal": "riyal", "dirham": "dirham"}
_PERCENT = {"%", "percent", "per cent", "pct"}
_RANGE_JOINERS = {"to", "-", "–", "and"}


@dataclass(frozen=True, slots=True)
class QuantitySpan:
    """A claimed number. ``start:end`` covers qualifier, number and counted noun where adjacent;
    ``noun_start`` is the char start of the counted noun's token (-1 when none)."""

    start: int
    end: int
    value: float
    value_max: float | None
    qualifier: str
    unit: str | None
    number_start: int
    number_end: int
    noun_start: int = -1


@lru_cache(maxsize=1)
def _qualifiers() -> dict[tuple[str, ...], str]:
    try:
        text = resources.files("newsgraph.data").joinpath("cues/quantity_qualifiers.tsv").read_text("utf-8")
    except OSError as exc:
        raise ModelError(f"cannot read data/cues/quantity_qualifiers.tsv: {exc}") from exc
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, qualifier = line.split("\t")[:2]
            out[tuple(phrase.lower().split())] = qualifier
    return out


def _word_value(word: str) -> float | None:
    word = word.lower().replace("-", " ")
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    for suffix, scale in _SUFFIX.items():
        if word.endswith(suffix) and _DIGITS.match(word[: -len(suffix)]):
            return float(word[: -len(suffix)].replace(",", "")) * scale
    parts = word.split()
    if parts and all(p in _UNITS or p in _TENS for p in parts):
        return float(sum(_UNITS.get(p, 0) + _TENS.get(p, 0) for p in parts))
    return None


def parse_number(words: list[str]) -> tuple[float, float | None] | None:
    """Value (and upper bound for vague plurals) of number words: ["10", "thousand"] -> (10000.0, None).

    None when the words are not a number this module reads."""
    words = [w.lower() for w in words if w.lower() not in ("of", "a", "an", "and")]
    if not words:
        return None
    if words[0] in _VAGUE:
        low, high = 2.0 * _VAGUE[words[0]], 9.0 * _VAGUE[words[0]]
        for w in words[1:]:
            scale = _VAGUE.get(w) or _SCALES.get(w)
            if scale is None:
                return None
            low, high = low * scale, high * scale
        return low, high
    total, current, seen = 0.0, None, False
    for w in words:
        value = _word_value(w)
        if value is not None:
            current = (current or 0.0) + value
            seen = True
        elif w in _SCALES:
            current = (current or 1.0) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, None
            seen = True
        elif w in _VAGUE and seen:
            return None
        else:
            return None
    return (total + (current or 0.0), None) if seen else None


def _is_number_word(token: Token) -> bool:
    return _is_number_text(token.lower_)


@lru_cache(maxsize=65536)  # asked of every token of every article; the answer depends on the word only
def _is_number_text(low: str) -> bool:
    return bool(
        _DIGITS.match(low) or low in _UNITS or low in _TENS or low in _SCALES or low in _VAGUE
        or "-" in low and all(p in _UNITS or p in _TENS for p in low.split("-"))
        or any(low.endswith(s) and _DIGITS.match(low[: -len(s)]) for s in _SUFFIX)
    )


def _number_run(sent: Span, i: int) -> int:
    """End (exclusive) of the number run starting at token ``i``."""
    doc = sent.doc
    j = i + 1
    while j < sent.end:
        low = doc[j].lower_
        if _is_number_word(doc[j]) and (low in _SCALES or low in _VAGUE or doc[j - 1].lower_ in _TENS
                                        or doc[j - 1].lower_ in _SCALES):
            j += 1
        elif low == "of" and doc[j - 1].lower_ in _VAGUE and j + 1 < sent.end and doc[j + 1].lower_ in _VAGUE:
            j += 2  # "tens of thousands"
        elif low == "and" and doc[j - 1].lower_ == "hundred" and j + 1 < sent.end and _is_number_word(doc[j + 1]):
            j += 2  # "two hundred and fifty"
        else:
            break
    return j


def _qualifier_before(doc: Doc, i: int, floor: int) -> tuple[str, int]:
    table = _qualifiers()
    for n in (4, 3, 2, 1):
        if i - n < floor:
            continue
        phrase = tuple(t.lower_ for t in doc[i - n: i])
        if phrase in table:
            return table[phrase], i - n
    return "exact", i


def _counted_noun(doc: Doc, first: int, last: int) -> Token | None:
    """The noun the number at tokens first..last counts: "20,000 fighters", "thousands of fighters"."""
    number = doc[last]
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    head = number.head
    for token in (number, *doc[first:last]):
        if token.dep_ in ("nummod", "quantmod", "compound", "amod") and token.head.pos_ in ("NOUN", "ADJ") \
                and token.head.i > last:
            return token.head
    if head.pos_ in ("NOUN",) and head.i > last and number.dep_ in ("nummod", "amod", "compound", "det"):
        return head
    # "20,000 dead", "500 wounded": a number followed by a nominal adjective or participle
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "ADJ") or nxt.tag_ == "VBN") and (
        nxt.head.i == last or number.head.i == nxt.i
    ):
        return nxt
    return None


def _unit_of(doc: Doc, first: int, last: int, noun: Token | None) -> tuple[str | None, int]:
    """(unit, end token) of the number at first..last."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in _PERCENT or nxt.lower_ == "per" and last + 2 < len(doc)
                            and doc[last + 2].lower_ == "cent"):
        return "percent", last + (3 if nxt.lower_ == "per" else 2)
    if first > 0 and doc[first - 1].lower_ in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[doc[first - 1].lower_], last + 1
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in _CURRENCY_NOUNS:
            return _CURRENCY_NOUNS[lemma], noun.i + 1
        return lemma, (noun.i + 1 if noun.i - last <= 4 else last + 1)
    return None, last + 1


def _looks_like_year(value: float, text: str, noun: Token | None) -> bool:
    return noun is None and value.is_integer() and 1800 <= value <= 2100 and "," not in text


def _part_of_name(doc: Doc, first: int, last: int) -> bool:
    if any(t.ent_type_ in _NOT_QUANTITY for t in doc[first: last + 1]):
        return True
    number = doc[last]
    # "Brigade 313", "Division 4": a number attached to a proper noun before it
    if number.head.pos_ == "PROPN" and number.head.i < first and number.dep_ in ("nummod", "appos", "compound"):
        return True
    return first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == number.i \
        and doc[first - 1].dep_ == "compound"


def find_quantities(doc: Doc) -> list[QuantitySpan]:
    """Every claimed number of a parsed ``doc``."""
    out: list[QuantitySpan] = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            token = doc[i]
            match = _DIGIT_RANGE.match(token.text)
            if not (_is_number_word(token) or match) or (token.lower_ in _SCALES and token.lower_ != "dozen"):
                i += 1
                continue
            first = i - 1 if i > sent.start and doc[i - 1].lower_ in ("a", "an") and token.lower_ in ("dozen", "hundred", "thousand", "million") else i
            end = _number_run(sent, i)
            last = end - 1
            value_max: float | None = None
            if match:
                low, high = _word_value(match.group(1)), _word_value(match.group(2))
                parsed = (low, high) if low is not None and high is not None else None
            else:
                parsed = parse_number([t.text for t in doc[first:end]])
            if parsed is None or _part_of_name(doc, first, last):
                i = end
                continue
            value, value_max = parsed
            if value == 1 and value_max is None and end - first == 1 and token.lower_ == "one":
                i = end  # "one of the", "on the one hand": a pronoun more often than a count
                continue
            qualifier, q_start = _qualifier_before(doc, first, sent.start)
            if value_max is not None:
                qualifier = "range"
            # "between 2,000 and 3,000", "2,000 to 3,000"
            if end + 1 < sent.end and doc[end].lower_ in _RANGE_JOINERS and _is_number_word(doc[end + 1]) and (
                doc[end].lower_ != "and" or (first > sent.start and doc[first - 1].lower_ == "between")
            ):
                end2 = _number_run(sent, end + 1)
                upper = parse_number([t.text for t in doc[end + 1: end2]])
                if upper is not None and upper[0] >= value:
                    value_max, qualifier, last, end = upper[0], "range", end2 - 1, end2
                    if first > sent.start and doc[first - 1].lower_ == "between":
                        q_start = first - 1
            noun = _counted_noun(doc, first, last)
            number_text = doc[first:end].text
            if _looks_like_year(value, number_text, noun) and value_max is None:
                i = end
                continue
            unit, span_end = _unit_of(doc, first, last, noun)
            # the evidence always covers the number itself, even where the counted noun comes before it
            span_end = max(span_end, end)
            if first > sent.start and doc[first - 1].lower_ in _CURRENCY_SYMBOLS and q_start == first:
                q_start = first - 1
            start_char = doc[q_start].idx
            end_char = doc[span_end - 1].idx + len(doc[span_end - 1].text)
            out.append(QuantitySpan(
                start=start_char, end=end_char, value=value, value_max=value_max, qualifier=qualifier, unit=unit,
                number_start=doc[first].idx, number_end=doc[last].idx + len(doc[last].text),
                noun_start=noun.idx if noun is not None else -1,
            ))
            i = max(end, span_end)
    return out


@Language.factory(
    "newsgraph_quantities",
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.ng_quantities"],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    register_extensions()
    _qualifiers()  # fail at pipeline build time, not on the first article
    return QuantitiesComponent()


class QuantitiesComponent:
    """Writes ``doc._.ng_quantities``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quantities = find_quantities(doc)
        return doc
