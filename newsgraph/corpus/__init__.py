"""The corpus view: which articles copy which, who corroborates what, where sources disagree.

Each view builds one dict (rendered as text by :mod:`newsgraph.render` or printed as JSON), from
the store's reads; nothing here writes.
"""

from newsgraph.corpus.contradict import contradictions
from newsgraph.corpus.corroborate import corroboration
from newsgraph.corpus.provenance import Provenance, publisher
from newsgraph.corpus.views import copies, corpus_stats

__all__ = ["Provenance", "contradictions", "copies", "corpus_stats", "corroboration", "publisher"]
