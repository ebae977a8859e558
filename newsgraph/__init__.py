"""newsgraph: read news articles as evidence.

Articles go in; entities, roles, quotes, claims and events come out, each pointing at
the exact character span of the article it was read from.
"""

from newsgraph.errors import InputError, NewsgraphError, StoreError
from newsgraph.model import Analysis, Article, Entity, Mention, Role, Span

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "InputError",
    "Mention",
    "NewsgraphError",
    "Role",
    "Span",
    "StoreError",
    "__version__",
]
