"""The cross-article step in blocks: what runs inside Spark tasks for the event clusters and
the duplicate groups, and the small driver-side finish of each.

**Event clusters.** Each event mention gets a block key, the link step's own blocking
(`tidings/link/clusters.py`) made into a partition: (type family, status group, source
country, target country, date bucket). The date bucket is the article's publication date in
buckets of `block_days` days, so every mention of one article falls in one bucket. A mention
that lacks a side's country follows a mention of its own article with both countries that it
fits, else goes to the shared block of its family, status group and bucket (dyad ("", "")),
where all such mentions meet; an actorless mention ("the strike") follows the mention the link
step would attach it to. Each block is then linked by `tidings.link.link_events`, unchanged.
What a block cannot see (docs/spark.md): a mention without a full dyad joining another
article's cluster of a full dyad, and two reports of one event published on either side of a
bucket border.

**Duplicates.** The same test as `tidings.link.find_duplicates`, as a join: exact copies are
grouped by their normalised-text key; texts of `MIN_WORDS` words or more are bucketed by their
MinHash LSH band values (the bands and rows of `index_bands`, i.e. the buckets of the
datasketch index), every pair sharing a bucket is verified by the exact Jaccard similarity of
the shingle sets, and the groups are the connected components. This finds exactly the pairs
the local index does, whatever the block borders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from tidings.link import EventCluster, EventMention, link_events, load_link_knowledge
from tidings.link.clusters import MAX_GAP_CHARS, UNKNOWN, actor_level, actor_score
from tidings.link.duplicates import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE,
    DEFAULT_THRESHOLD,
    MIN_WORDS,
    DuplicateGroup,
    index_bands,
)
from tidings.link.events import LinkKnowledge, date_span, mentions_from_record
from tidings.link.fingerprints import Hashes, Sketcher, fingerprint, jaccard
from tidings.link.stage import DEFAULT_WINDOW_DAYS

# (family, status group, source country, target country, date bucket); "" for no country.
BlockKey = tuple[str, str, str, str, int]
NO_BUCKET = -1
# The block of the mentions without a full dyad.
SHARED = ("", "")


def _bucket(record: dict[str, Any], block_days: int) -> int:
    if block_days <= 0:
        return 0
    published = (record.get("published") or {}).get("value")
    span = date_span(published, None, "publication") if isinstance(published, str) else None
    return span.first // block_days if span is not None else NO_BUCKET


def _unknown(mention: EventMention) -> bool:
    return (
        actor_level(mention.source_id, mention.source_country) == UNKNOWN
        and actor_level(mention.target_id, mention.target_country) == UNKNOWN
    )


def _same_trigger(first: EventMention, second: EventMention) -> bool:
    return bool(first.trigger and first.trigger.lower() == (second.trigger or "").lower())


def _compatible(first: EventMention, second: EventMention) -> bool:
    """Whether the link step could put the two in one cluster as far as the actors go."""
    return (
        actor_score(
            (first.source_id, first.source_country), (second.source_id, second.source_country)
        )
        is not None
        and actor_score(
            (first.target_id, first.target_country), (second.target_id, second.target_country)
        )
        is not None
    )


def _dyads(mentions: Sequence[EventMention], knowledge: LinkKnowledge) -> list[tuple[str, str]]:
    """The (source, target) country pair of the block each mention of one article goes to;
    ("", "") is the shared block of the mentions that lack a country.

    A mention with both countries goes to its own dyad. One with a country or an actor missing
    follows the nearest mention of its article, family and status group that has both
    countries and whose actors it fits; failing that, it goes to the shared block, where it
    meets every mention of its family, status group and bucket that lacks a country, as the
    link step's partial-dyad and actor keys would let it. An actorless mention follows the
    mention the link step would attach it to (the nearest earlier one of its article, same
    trigger first, within `MAX_GAP_CHARS`)."""
    kinds = [(knowledge.family(m.type), knowledge.group(m.status)) for m in mentions]
    dyads: list[tuple[str, str] | None] = [None] * len(mentions)
    partial: list[int] = []
    for i, m in enumerate(mentions):
        if m.source_country and m.target_country:
            dyads[i] = (m.source_country, m.target_country)
        elif not _unknown(m):
            partial.append(i)
    for i in partial:
        m = mentions[i]
        fits = [
            (abs(o.evidence[0] - m.evidence[0]), j)
            for j, o in enumerate(mentions)
            if kinds[j] == kinds[i] and o.source_country and o.target_country and _compatible(m, o)
        ]
        dyads[i] = dyads[min(fits)[1]] if fits else SHARED
    # Actorless mentions in text order, so that one can follow another that followed a third.
    for i in sorted(range(len(mentions)), key=lambda k: mentions[k].evidence):
        m = mentions[i]
        if dyads[i] is not None:
            continue
        best_rank: tuple[bool, int] | None = None
        chosen = SHARED
        for j, o in enumerate(mentions):
            gap = m.evidence[0] - o.evidence[0]
            found = dyads[j]
            if j == i or kinds[j] != kinds[i] or found is None or not 0 <= gap <= MAX_GAP_CHARS:
                continue
            rank = (_same_trigger(o, m), -gap)
            if best_rank is None or rank > best_rank:
                best_rank, chosen = rank, found
        dyads[i] = chosen
    return [dyad or SHARED for dyad in dyads]


def blocked_mentions(
    record: dict[str, Any], *, block_days: int, knowledge: LinkKnowledge | None = None
) -> list[tuple[BlockKey, EventMention]]:
    """The event mentions of one contract record, each with its block key."""
    knowledge = knowledge or load_link_knowledge()
    mentions = mentions_from_record(record, knowledge=knowledge)
    bucket = _bucket(record, block_days)
    return [
        ((knowledge.family(m.type), knowledge.group(m.status), dyad[0], dyad[1], bucket), m)
        for m, dyad in zip(mentions, _dyads(mentions, knowledge), strict=True)
    ]


def cluster_block(mentions: Iterable[EventMention]) -> list[EventCluster]:
    """The clusters of one block: the link step itself, run on the block's mentions."""
    return list(link_events(mentions, window_days=DEFAULT_WINDOW_DAYS).clusters)


def cluster_order(cluster: EventCluster) -> tuple[str, str]:
    """The order of `LinkResult.clusters` (date, then id), which the link finder relies on."""
    return (cluster.date_value or "9999", cluster.id)


# --- duplicates ------------------------------------------------------------------------------


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
