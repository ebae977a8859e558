"""Every custom attribute newsgraph writes on a spaCy Doc, declared in one place.

Components write only these; readers (facts/) read only these and the standard
annotations, so the contract between the two halves is this file.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["doc_text", "register_extensions"]

#: name -> what it holds
EXTENSIONS: dict[str, str] = {
    # list[NameSpan]: every name mention, char-offset based (Arabic-script names need not be token-aligned)
    "ng_names": "name mentions with their decided type",
    # list[RoleSpan]: titles and appositions said of a person mention
    "ng_roles": "role statements with their evidence span",
    # list[tuple[int, int]]: character ranges of title-case heading lines
    "ng_headings": "heading lines",
    # list[EventMention]: event triggers with CAMEO code, argument, place and date char ranges, see nlp/events/
    "ng_events": "event mentions from the dependency parse",
    # list[Attribution] (nlp/annotations.py): source, cue, content char ranges, source word, certainty
    "ng_quotes": "quotations and reported claims",
    # list[tuple[int, int, str, list[tuple[int, int]]]]: (sent start, sent end, certainty label, cue char ranges)
    "ng_sentence_certainty": "certainty of every sentence with its cues",
    # list[QuantitySpan]: numbers claimed, with qualifier, counted noun and char span
    "ng_quantities": "numeric claims",
}


def register_extensions() -> None:
    """Declare the Doc attributes (idempotent: safe to call from every component factory)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy rebuilds it from every token on each access,
    which made it the most expensive line of several components."""
    cached = doc.user_data.get("newsgraph_text")
    if cached is None:
        cached = doc.user_data["newsgraph_text"] = doc.text
    return cached
