"""Fingerprints of article texts for duplicate detection.

A text is normalised (NFKC, case-folded, reduced to its words joined by single spaces, so that
curly and straight quotes, dashes, line breaks and other punctuation differences vanish), then
read as word `size`-grams. Each word is hashed once (CRC-32, a fast C routine, stable across
processes, unlike Python's `hash`); the n-grams are combined from the word hashes with numpy in
64-bit arithmetic and finished with the SplitMix64 mixer. The set of 64-bit shingle hashes is
what the exact Jaccard similarity is computed on; its low 32 bits feed the MinHash, built with
datasketch's own "affine32" permutations so that the sketches are ordinary datasketch sketches.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash
from numpy.typing import NDArray

_WORD = re.compile(r"\w+")
# The permutation seed of every sketch: sketches are comparable only under one seed.
SEED = 1
_SCHEME = "affine32"
# Multiplier that rolls word hashes into an n-gram hash (an odd 64-bit constant, the golden
# ratio's, so the map from one n-gram to the next is a bijection modulo 2^64).
_ROLL = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_LOW32 = np.uint64(0xFFFFFFFF)

Hashes = NDArray[np.uint64]


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    """What duplicate detection keeps of one text.

    `key` identifies the normalised text (exact duplicates share it); `words` counts its words;
    `shingles` is the sorted set of its shingle hashes (empty for an empty text).
    """

    key: str
    words: int
    shingles: Hashes


def normalise(text: str) -> str:
    """The words of `text`, case-folded, joined by single spaces (punctuation dropped)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def fingerprint(text: str, *, size: int) -> Fingerprint:
    """Normalise `text` and hash its word `size`-grams."""
    normal = normalise(text)
    words = normal.split()
    key = hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()
    return Fingerprint(key=key, words=len(words), shingles=shingle_hashes(words, size=size))


def shingle_hashes(words: list[str], *, size: int) -> Hashes:
    """The sorted, distinct 64-bit hashes of the word `size`-grams of `words`.

    A text shorter than `size` words is one shorter shingle; no words, no shingles.
    """
    if size < 1:
        raise ValueError(f"shingle size must be at least 1, got {size}")
    if not words:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter(
        (zlib.crc32(word.encode("utf-8")) for word in words), dtype=np.uint64, count=len(words)
    )
    span = min(size, len(words))
    count = len(words) - span + 1
    rolled = word_hashes[:count].copy()
    for offset in range(1, span):
        rolled = rolled * _ROLL + word_hashes[offset : offset + count]
    return np.unique(_splitmix(rolled))


def _splitmix(values: Hashes) -> Hashes:
    """SplitMix64's finaliser: spreads the rolled hashes over all 64 bits."""
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX2
    mixed: Hashes = values ^ (values >> np.uint64(31))
    return mixed


def jaccard(first: Hashes, second: Hashes) -> float:
    """Exact Jaccard similarity of two sorted sets of shingle hashes."""
    if first.size == 0 and second.size == 0:
        return 1.0
    shared = np.intersect1d(first, second, assume_unique=True).size
    return float(shared / (first.size + second.size - shared))


class Sketcher:
    """Makes datasketch MinHash sketches of shingle sets, `num_perm` permutations each.

    The permutations are drawn once (datasketch draws them from `SEED`) and shared; a sketch is
    computed in one numpy step over all shingles, exactly as `MinHash.update_batch` would, and
    kept as a `LeanMinHash` (`num_perm` 32-bit values).
    """

    def __init__(self, *, num_perm: int) -> None:
        self.num_perm = num_perm
        first, second = _permutations(num_perm)
        self._a: NDArray[np.uint32] = first
        self._b: NDArray[np.uint32] = second

    def sketch(self, shingles: Hashes) -> LeanMinHash:
        """The MinHash of a non-empty shingle set."""
        inputs = (shingles & _LOW32).astype(np.uint32)
        mixed = _fmix32(inputs).reshape(-1, 1)
        values = (mixed * self._a + self._b).min(axis=0)
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=_SCHEME)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """datasketch's affine32 permutation parameters for `num_perm` and `SEED`."""
    template = MinHash(num_perm=num_perm, seed=SEED, scheme=_SCHEME)
    first, second = template.permutations
    return np.asarray(first, dtype=np.uint32), np.asarray(second, dtype=np.uint32)


def _fmix32(values: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """MurmurHash3's 32-bit finaliser, the pre-mix datasketch applies before permuting."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    mixed: NDArray[np.uint32] = values ^ (values >> np.uint32(16))
    return mixed
