"""Near-duplicate articles: MinHash signatures over word shingles, found through LSH bands.

A wire story reprinted by five sites is one source, not five. Each article gets a MinHash
signature: for each of :data:`PERMUTATIONS` hash functions, the smallest hash of its word
3-shingles. Two signatures agree in a position with probability equal to the Jaccard
similarity of the two shingle sets, so the share of agreeing positions estimates it.

To find an article's copies without comparing it with every stored article, the signature is
cut into :data:`BANDS` bands of :data:`ROWS` values; articles sharing one band's values exactly
land in the same bucket and become candidates. With 32 bands of 4 rows a pair of Jaccard 0.5
becomes a candidate 87% of the time, 0.7 more than 99.9%, 0.1 about 0.3%. Candidates are then
judged on the estimated similarity: a copy has Jaccard at least :data:`JACCARD` or, for a
reprint cut short, most of the shorter text contained in the longer one (:data:`CONTAINMENT`).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BANDS",
    "CONTAINMENT",
    "JACCARD",
    "PERMUTATIONS",
    "ROWS",
    "Signature",
    "band_keys",
    "is_copy",
    "signature",
    "similarity",
]

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
#: Fewer shingles than this say too little to call two articles copies.
MIN_SHINGLES = 8
#: Estimated Jaccard similarity from which two articles are copies.
JACCARD = 0.5
#: Share of the shorter article's shingles found in the longer one from which it is a (cut) copy.
CONTAINMENT = 0.8
#: Below this Jaccard estimate containment is not trusted: one chance agreement between a short
#: and a long signature already reads as much shared text.
_CONTAINMENT_FLOOR = 0.2

_PRIME = (1 << 32) - 5  # the largest prime below 2**32: every hash value fits 32 bits
# Fixed coefficients (from a seeded generator) so that signatures stored today match tomorrow's.
_rng = np.random.default_rng(20261205)
# a below 2**31 keeps a * x + b (x below 2**32) inside 64 bits.
_A = _rng.integers(1, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's MinHash values and how many distinct shingles it has (for containment)."""

    values: tuple[int, ...]
    shingles: int

    def encode(self) -> str:
        """The values as fixed-width hex, for a TEXT column."""
        return "".join(f"{v:08x}" for v in self.values)

    @classmethod
    def decode(cls, text: str, shingles: int) -> Signature:
        return cls(tuple(int(text[k : k + 8], 16) for k in range(0, len(text), 8)), shingles)


def _shingles(text: str) -> set[int]:
    # Case and punctuation are what reprints change most; the word sequence is what they keep.
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[k : k + SHINGLE]).encode()) for k in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature | None:
    """The MinHash signature of ``text``; None when the text is too short to judge."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    x = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    hashed = (_A[:, None] * x[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return Signature(tuple(int(v) for v in hashed.min(axis=1)), len(shingles))


def band_keys(sig: Signature) -> list[tuple[int, str]]:
    """(band, bucket) pairs: articles sharing any of them are candidate copies."""
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in sig.values[band * ROWS : (band + 1) * ROWS])
        keys.append((band, hashlib.blake2b(chunk.encode(), digest_size=8).hexdigest()))
    return keys


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller shingle set in the larger)."""
    agree = sum(1 for x, y in zip(a.values, b.values, strict=True) if x == y)
    jaccard = agree / len(a.values)
    # |A & B| = J * |A | B| = J * (|A| + |B|) / (1 + J)
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return jaccard, min(1.0, common / min(a.shingles, b.shingles))


def is_copy(a: Signature, b: Signature) -> tuple[bool, float]:
    """Whether the two articles are near-duplicates, and the estimated Jaccard similarity."""
    jaccard, contained = similarity(a, b)
    return jaccard >= JACCARD or (jaccard >= _CONTAINMENT_FLOOR and contained >= CONTAINMENT), jaccard
