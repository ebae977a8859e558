"""Facts: an analysis turned into statements, each with its evidence (pure functions)."""

from newsgraph.facts.statements import statements_for

__all__ = ["statements_for"]
