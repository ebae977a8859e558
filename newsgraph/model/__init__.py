"""Plain typed data objects: no I/O, no spaCy."""

from newsgraph.model.analysis import Analysis
from newsgraph.model.article import Article
from newsgraph.model.certainty import Certainty
from newsgraph.model.claims import Quantity, Quote, Sentence
from newsgraph.model.entity import Entity, Mention, Role
from newsgraph.model.event import Event
from newsgraph.model.ids import make_id
from newsgraph.model.span import Span
from newsgraph.model.statement import Statement

__all__ = [
    "Analysis", "Article", "Certainty", "Entity", "Event", "Mention", "Quantity", "Quote", "Role", "Sentence", "Span",
    "Statement", "make_id",
]
