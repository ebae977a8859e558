"""Names to entities: title stripping, transliteration-proof name keys, within-article resolution."""

from newsgraph.resolve.arabic import has_arabic, romanize
from newsgraph.resolve.names import (
    ParsedName,
    is_title,
    name_key,
    parse_name,
    same_name,
    strip_possessive,
    strip_title,
    title_prefix_length,
)
from newsgraph.resolve.within import NameCluster, NameMention, resolve_names

__all__ = [
    "NameCluster",
    "NameMention",
    "ParsedName",
    "has_arabic",
    "is_title",
    "name_key",
    "parse_name",
    "resolve_names",
    "romanize",
    "same_name",
    "strip_possessive",
    "strip_title",
    "title_prefix_length",
]
