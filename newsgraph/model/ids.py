"""Stable ids: short hashes of the fields that make a thing what it is.

Hashing the key fields (not counting rows) makes every write idempotent: the same
article or fact read twice gets the same id and lands on the same row.
"""

from __future__ import annotations

import hashlib

__all__ = ["make_id"]


def make_id(prefix: str, *parts: object, length: int = 16) -> str:
    """Return ``prefix-<hex>`` where the hex digest covers every part, in order."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\x1f")  # unit separator: ("ab", "c") and ("a", "bc") differ
    return f"{prefix}-{digest.hexdigest()[:length]}"
