"""Duplicate articles found by a join instead of an index: the same test as
`tidings.link.find_duplicates`. Exact copies are grouped by their normalised-text key; texts of
`MIN_WORDS` words or more are bucketed by their MinHash LSH band values (the bands and rows of
`index_bands`, i.e. the buckets of the datasketch index), every pair sharing a bucket is
verified by the exact Jaccard similarity of the shingle sets, and the groups are the connected
components. This finds exactly the pairs the local index does, whatever the order or the
borders of the batches: Spark's link step and the store's incremental one both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from tidings.link.duplicates import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE,
    DEFAULT_THRESHOLD,
    MIN_WORDS,
    DuplicateGroup,
    index_bands,
)
from tidings.link.fingerprints import Hashes, Sketcher, fingerprint, jaccard


@lru_cache(maxsize=1)
def _sketcher() -> Sketcher:
    return Sketcher(num_perm=DEFAULT_NUM_PERM)


def text_fingerprint(
    article_id: str, seq: int, text: str
) -> tuple[str, int, str, int, Hashes, list[str]] | None:
    """(id, seq, exact key, words, shingles, LSH band keys) of one article; None for a text
    without words (the local finder skips it). Texts under `MIN_WORDS` words get no bands."""
    found = fingerprint(text, size=DEFAULT_SHINGLE)
    if found.words == 0:
        return None
    bands: list[str] = []
    if found.words >= MIN_WORDS:
        values = _sketcher().sketch(found.shingles).hashvalues
        count, rows = index_bands(DEFAULT_THRESHOLD, DEFAULT_NUM_PERM)
        bands = [f"{b}:{values[b * rows : (b + 1) * rows].tobytes().hex()}" for b in range(count)]
    return article_id, seq, found.key, found.words, found.shingles, bands


def candidate_pairs(members: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Every pair of the articles sharing one LSH bucket, each as (smaller id, larger id)."""
    ids = sorted(set(members))
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            yield first, second


def near_enough(first: Hashes, second: Hashes) -> bool:
    return jaccard(first, second) >= DEFAULT_THRESHOLD


def duplicate_groups(
    classes: Iterable[tuple[str, Sequence[str]]], near: Iterable[tuple[str, str]]
) -> list[DuplicateGroup]:
    """Groups from the exact-text classes ((key, member ids)) that matter and the verified near
    pairs of class keys, as `DuplicateFinder.groups` makes them."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(first: str, second: str) -> None:
        for item in (first, second):
            parent.setdefault(item, item)
        a, b = find(first), find(second)
        if a != b:
            parent[max(a, b)] = min(a, b)

    members = {key: list(ids) for key, ids in classes}
    class_of = {article: key for key, ids in members.items() for article in ids}
    for ids in members.values():
        for other in ids[1:]:
            union(ids[0], other)
    for first_key, second_key in near:
        union(members[first_key][0], members[second_key][0])
    components: dict[str, list[str]] = {}
    for article in parent:
        components.setdefault(find(article), []).append(article)
    groups = []
    for found in components.values():
        ordered = tuple(sorted(found))
        keys = {class_of[article] for article in ordered}
        groups.append(DuplicateGroup("dup:" + ordered[0], ordered, exact=len(keys) == 1))
    return sorted(groups, key=lambda group: group.id)
