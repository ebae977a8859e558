"""Roles: what the article says a person is, read off the dependency parse.

Three shapes cover most of news prose:
- a title before the name:   "Prime Minister Karim Haddad", "Iran's Foreign Minister Hamid Farahani"
- an apposition after it:    "Samir Nasser, the head of the Air Force Intelligence Directorate,"
- the name as apposition:    "The Iraqi Minister of the Interior, Lieutenant General Karim Haddad, ..."

Writes ``doc._.ng_roles``: one ``RoleSpan`` per role statement, tied to the person mention
by its character start, with the role's own span as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.extensions import register_extensions
from newsgraph.resolve import has_arabic

__all__ = ["RoleSpan"]

_PREFIX_DEPS = {"compound", "amod", "nmod", "poss", "case", "punct"}
_DETERMINERS = {"the", "a", "an"}
#: Entity types that make an apposition a second name, not a role ("Damascus, Syria").
_NAME_TYPES = {"PERSON", "GPE", "LOC", "FAC", "DATE", "CARDINAL"}


@dataclass(frozen=True, slots=True)
class RoleSpan:
    person_start: int  # char start of the person mention the role is said of
    role: str
    start: int
    end: int


def _role_from_tokens(doc: Doc, first: int, last: int) -> tuple[str, int, int] | None:
    """Trim determiners and punctuation off tokens first..last (inclusive) and return the role."""
    while first <= last and (doc[first].lower_ in _DETERMINERS or doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    last = _without_place_adjunct(doc, first, last)
    if first > last:
        return None
    span = doc[first : last + 1]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in span) or len(span) > 25:
        return None
    if has_arabic(span.text) or "\n" in span.text:  # a name written in another script, or a heading
        return None
    return span.text, span.start_char, span.end_char


def _without_place_adjunct(doc: Doc, first: int, last: int) -> int:
    """Cut ", in Damascus" off the end of a role: after a comma, a place phrase tells where the
    sentence's event happened, not what the person is ("a commander ..., in Damascus")."""
    if doc[last].ent_type_ not in ("GPE", "LOC", "FAC"):
        return last
    i = last
    while i > first and doc[i - 1].ent_type_ == doc[last].ent_type_ and doc[i - 1].ent_iob_ != "O":
        i -= 1
    if i - 2 >= first and doc[i - 1].dep_ == "prep" and doc[i - 2].text == ",":
        return i - 3
    if i - 3 >= first and doc[i - 1].lower_ == "the" and doc[i - 2].dep_ == "prep" and doc[i - 3].text == ",":
        return i - 4
    return last


def _title_prefix(doc: Doc, start: int, end: int) -> tuple[str, int, int] | None:
    head_range = set(range(start, end))
    j = start - 1
    first = start
    while j >= 0 and doc[j].dep_ in _PREFIX_DEPS and (doc[j].head.i in head_range) and not doc[j].is_sent_end:
        if doc[j].dep_ == "punct" and doc[j].text not in "-":
            break
        if doc[j].ent_type_ in ("PERSON", "DATE"):
            break
        head_range.add(j)
        first = j
        j -= 1
    if first == start:
        return None
    # A title is capitalised ("Prime Minister"); "the powerful" is not a role.
    if not any(doc[k].is_title and doc[k].pos_ in ("NOUN", "PROPN") for k in range(first, start)):
        return None
    return _role_from_tokens(doc, first, start - 1)


def _is_role_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in _NAME_TYPES


def _apposition_after(doc: Doc, head: Token) -> list[tuple[str, int, int]]:
    roles = []
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and _is_role_noun(child):
            tokens = [t.i for t in child.subtree]
            found = _role_from_tokens(doc, min(tokens), max(tokens))
            if found:
                roles.append(found)
    return roles


def _apposition_before(doc: Doc, head: Token, start: int) -> tuple[str, int, int] | None:
    if head.dep_ != "appos" or head.head.i >= start or not _is_role_noun(head.head):
        return None
    noun = head.head
    tokens = [t.i for t in noun.subtree if t.i < head.left_edge.i]
    # stop before the comma that opens the apposition
    return _role_from_tokens(doc, min(tokens), max(tokens)) if tokens else None


class RoleLayer:
    """The ``newsgraph_roles`` component."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        roles: list[RoleSpan] = []
        for name in doc._.ng_names or []:
            if name.label != "PERSON" or name.token_start is None or name.heading:
                continue
            start, end = name.token_start, name.token_end
            head = doc[start:end].root
            found = [_title_prefix(doc, start, end), _apposition_before(doc, head, start)]
            found += _apposition_after(doc, head)
            for item in found:
                if item is not None:
                    roles.append(RoleSpan(name.start, *item))
        doc._.ng_roles = roles
        return doc


@Language.factory("newsgraph_roles", requires=["doc._.ng_names", "token.dep"], assigns=["doc._.ng_roles"])
def make_role_layer(nlp: Language, name: str) -> RoleLayer:
    return RoleLayer()
