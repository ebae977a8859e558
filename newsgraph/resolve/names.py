"""Personal names: titles, particles and script-independent phonetic keys.

Names of people from the Middle East reach English text in many spellings (Qasem, Qasim,
Kassem, Ghasem; Jawad, Javad) and sometimes in Arabic script. :func:`name_key` reduces one
name token to a consonant skeleton in which such variants collide: vowels are dropped
(Arabic script does not write short vowels, and Latin spellings disagree on them), and
consonants that transliterations confuse share one class (q/k/g/c, d/dh, v/w...).
:func:`same_name` compares whole names part by part with those keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from unidecode import unidecode

from newsgraph.resolve.arabic import has_arabic, romanize

__all__ = [
    "is_title",
    "ParsedName",
    "name_key",
    "parse_name",
    "same_name",
    "strip_possessive",
    "strip_title",
    "title_prefix_length",
]

_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"(?:['’ʼ]s|s['’ʼ])$", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[A-Z]\.?){1,3}$|^(?:[A-Z]\.-?){1,3}[A-Z]?\.?$")
_QUOTED = re.compile(r"^['\"‘“(].*['\"’”)]$")
_APOSTROPHES = "'’ʼʻʿʾ`´"
_VOWELS = frozenset("aeiouy")

# Two-letter spellings of one sound, tried before single letters (longest first).
_DIGRAPHS = (
    ("sch", "C"), ("tch", "C"), ("tsh", "C"),
    ("ch", "C"), ("sh", "C"), ("zh", "J"), ("kh", "K"), ("gh", "K"), ("dh", "D"),
    ("th", "T"), ("ph", "F"), ("ck", "K"), ("dj", "J"), ("qu", "K"),
)
# One class per letter; "V" marks a vowel, "W"/"Y" semivowels (kept only word-initially).
_LETTERS = {
    "a": "V", "e": "V", "i": "V", "o": "V", "u": "V",
    "b": "B", "p": "B", "d": "D", "f": "F", "g": "K", "h": "H", "j": "J", "k": "K",
    "q": "K", "l": "L", "m": "M", "n": "N", "r": "R", "s": "S", "t": "T", "v": "W",
    "w": "W", "x": "KS", "y": "Y", "z": "Z",
}
_SOUNDS = re.compile("|".join(graph for graph, _ in _DIGRAPHS) + "|.", re.DOTALL)
_DIGRAPH_CLASS = dict(reversed(_DIGRAPHS))  # the first of a spelling listed twice wins, as in the walk


@cache
def _particles() -> dict[str, str]:
    text = resources.files("newsgraph").joinpath("data/names/particles.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            form, kind = line.split("\t")[:2]
            table[form.strip()] = kind.strip()
    return table


def _title_key(token: str) -> str:
    token = "".join(ch for ch in token if unicodedata.category(ch) != "Cf")
    return token.lower().replace(".", "").strip(",")


def _is_modifier(token: str) -> bool:
    """A word that may stand before a title: "U.S.", "UN", "Iraqi", "Russian", "Lebanese"."""
    letters = "".join(ch for ch in token if ch.isalpha())
    if not letters or not letters[0].isupper():
        return False
    if "." in token or (letters.isupper() and len(letters) <= 4):
        return True
    lower = letters.lower()
    return lower.endswith(("ian", "ese", "ish")) or (lower.endswith("i") and len(lower) >= 5)


@cache
def _titles() -> dict[str, list[tuple[str, ...]]]:
    """Titles as token tuples, indexed by their first token, longest first."""
    text = resources.files("newsgraph").joinpath("data/names/titles.txt").read_text(encoding="utf-8")
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            tokens = tuple(_title_key(token) for token in line.split())
            by_first.setdefault(tokens[0], []).append(tokens)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    return by_first


@lru_cache(maxsize=65536)  # pure; every name of every article asks, most of them often
def title_prefix_length(name: str) -> int:
    """Characters taken by the leading title(s) of ``name`` with the spaces after them; 0 if none.

    ``name[title_prefix_length(name):]`` is the bare name, so callers can shift span offsets.
    A title is only stripped when some name is left after it.
    """
    matches = list(_TOKEN.finditer(name))
    keys = [_title_key(match.group(0)) for match in matches]
    titles = _titles()
    # Up to three modifiers may precede the title ("Iraqi Prime Minister", "U.S. Army General").
    start = 0
    while start < min(3, len(keys)) and keys[start] not in titles and _is_modifier(matches[start].group(0)):
        start += 1
    if start and keys[start:start + 1] and keys[start] not in titles:
        start = 0
    i = start
    while i < len(keys):
        step = 0
        for option in titles.get(keys[i], ()):
            if tuple(keys[i:i + len(option)]) == option:
                step = len(option)
                break
        if not step or i + step >= len(keys):
            break
        i += step
    return matches[i].start() if i > start else 0


@lru_cache(maxsize=65536)  # pure; asked of every name's words several times
def is_title(text: str) -> bool:
    """True when ``text`` is nothing but one or more titles ("Brigadier General", "President")."""
    keys = [_title_key(match.group(0)) for match in _TOKEN.finditer(text)]
    titles = _titles()
    i = 0
    while i < len(keys):
        step = next((len(o) for o in titles.get(keys[i], ()) if tuple(keys[i:i + len(o)]) == o), 0)
        if not step:
            return False
        i += step
    return bool(keys)


def strip_title(name: str) -> tuple[str, str | None]:
    """Split a leading title off a name: ``"Major General Ali Ayoub" -> ("Ali Ayoub", "Major General")``."""
    cut = title_prefix_length(name)
    if not cut:
        return name, None
    return name[cut:], name[:cut].rstrip()


def strip_possessive(text: str) -> str:
    """``"Assad's"`` -> ``"Assad"``; also the curly apostrophe and the plural ``"Kurds'"`` form."""
    stripped = text.rstrip()
    match = _POSSESSIVE.search(stripped)
    if not match:
        return stripped
    if match.group(0)[0] in _APOSTROPHES:
        return stripped[: match.start()]
    return stripped[:-1]


def _ascii_letters(token: str) -> str:
    if has_arabic(token):
        token = romanize(token)
    token = unidecode(unicodedata.normalize("NFC", token)).lower()
    return "".join(ch for ch in token if "a" <= ch <= "z" or ch == "-")


def _skeleton(letters: str) -> str:
    """Consonant-class skeleton of lowercase ASCII letters (hyphens already removed)."""
    # one regex walk, not a loop over every digraph at every letter: an alternation tries its
    # branches in order, as the table is read (this runs over every place name of the gazetteer)
    classes: list[str] = []
    n = len(letters)
    for match in _SOUNDS.finditer(letters):
        graph = match.group()
        if len(graph) > 1:
            classes.append(_DIGRAPH_CLASS[graph])
        elif graph == "c":
            end = match.end()
            classes.append("S" if end < n and letters[end] in "eiy" else "K")
        else:
            classes.append(_LETTERS.get(graph, ""))
    # A final h after a vowel is silent (Hamzah = Hamza, ta marbuta written -ah).
    if len(classes) >= 2 and classes[-1] == "H" and classes[-2] == "V":
        classes.pop()
    out: list[str] = []
    for position, cls in enumerate(classes):
        if cls in ("V", ""):
            continue
        if cls in ("W", "Y") and position > 0:
            continue
        if out and out[-1] == cls:
            continue
        out.append(cls)
    return "".join(out) or "V"


@lru_cache(maxsize=65536)
def name_key(token: str) -> str:
    """Phonetic skeleton of one name token, the same for its spellings in Latin or Arabic script.

    ``name_key("Soleimani") == name_key("Suleimani") == name_key("سليماني")``. The definite
    article is ignored (``"al-Assad"`` keys as ``"Assad"``, a bare ``"al"`` as ``""``); other
    particles get a lowercase marker (``"bin"``, ``"abu"``, ``"abd"``) so they never equal a name.
    """
    letters = _ascii_letters(token)
    particles = _particles()
    bare = letters.replace("-", "")
    kind = particles.get(bare) or particles.get(token.strip())
    if kind == "article":
        return ""
    if kind == "connector":
        return _skeleton(bare)
    if kind == "patronym":
        return "bin"
    if kind == "kunya":
        return "abu"
    if kind == "servant":
        return "abd"
    head, sep, rest = letters.partition("-")
    if sep and rest and particles.get(head) == "article":
        letters = rest
    elif sep and rest and particles.get(head) in ("servant", "kunya"):
        return name_key(head) + ":" + name_key(rest)
    letters = letters.replace("-", "")
    # "Abdulrahman" is "Abd al-Rahman" written as one word.
    servant = re.match(r"^abd(?:[aeiou]l|)(?=[a-z]{3,})", letters)
    if servant and letters != "abdul":
        return "abd:" + _skeleton(letters[servant.end():])
    return _skeleton(letters)


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A personal name taken apart: ``parts`` are the keys of its meaningful parts, in order."""

    text: str
    title: str | None
    parts: tuple[str, ...]
    tokens: tuple[str, ...]
    initials: tuple[str, ...]
    arabic: bool
    #: Latin text with lowercase words ("the head of the agency"): a description, not a name.
    descriptive: bool = False

    @property
    def compact(self) -> str:
        """All part keys run together, for names split differently ("Abd al-Rahman"/"Abdulrahman")."""
        return "".join(part.replace("abd:", "BD").replace("abu:", "B") for part in self.parts)


@lru_cache(maxsize=16384)
def parse_name(name: str) -> ParsedName:
    """Strip possessive and title, then key each part; bound particles join the next part."""
    text = strip_possessive(" ".join("".join(ch for ch in name if unicodedata.category(ch) != "Cf").split()))
    if text[:4].lower() == "the ":
        text = text[4:]
    text, title = strip_title(text)
    if has_arabic(text):
        words = romanize(text).split()
    else:
        words = text.split()
    parts: list[str] = []
    tokens: list[str] = []
    initials: list[str] = []
    pending = ""
    descriptive = False
    particles = _particles()
    for index, word in enumerate(words):
        if _QUOTED.match(word):
            continue  # a nickname in quotes ("J.D.") is not part of the formal name
        word = word.strip(",;:()\"“”")
        if not any(ch.isalpha() for ch in word):
            continue  # "1860" of a club's name has no sound to match "III" or anything else
        if _INITIAL.match(word) and len(words) > 1:
            initials.append(word.replace(".", "").replace("-", "")[:1].upper())
            continue
        kind = particles.get(word.lower().split("-")[0])
        if word[:1].islower() and not kind and not has_arabic(text):
            descriptive = True
        if kind == "connector" and index > 0 and word.islower():
            continue
        key = name_key(word)
        if not key:
            continue
        if key == "bin":
            if index == 0:
                key = _skeleton(_ascii_letters(word))  # "Ben Wallace": a given name, not "son of"
            else:
                continue
        if key in ("abu", "abd"):
            pending = key
            continue
        if pending:
            key = pending + ":" + key
            pending = ""
        parts.append(key)
        tokens.append(word)
    if pending:
        parts.append(pending)
        tokens.append(words[-1])
    return ParsedName(text, title, tuple(parts), tuple(tokens), tuple(initials), has_arabic(text), descriptive)


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` name the same person in different spellings or scripts.

    Titles, possessives, the article al-, patronymic particles and initials are ignored;
    every remaining part must match in order (so "Ali Ayoub" is not "Ali Mamlouk" and
    "Assad" alone is not "Bashar al-Assad": partial names are for the resolver to decide).
    """
    first, second = parse_name(a), parse_name(b)
    if not first.parts or not second.parts:
        return False
    if first.parts == second.parts:
        return True
    return len(first.compact) >= 4 and first.compact == second.compact
