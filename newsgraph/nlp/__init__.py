"""Article -> annotated spaCy Doc. One module per component; `pipeline.load_pipeline` assembles them."""

from newsgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
