"""The link step in blocks. Every event mention gets a block key, (type family, status group,
source country, target country, date bucket), and each block is linked on its own by
`link_events`. The store's link step (`tidings link`, and the incremental one after each run)
and Spark's both link this way, so a run that relinks only the blocks its new articles touch
gets exactly what a whole relink gets.

The date bucket is the article's publication date in buckets of `block_days` days, so every
mention of one article falls in one bucket. A mention that lacks a side's country follows a
mention of its own article with both countries that it fits, else goes to the shared block of
its family, status group and bucket (dyad ("", "")), where all such mentions meet; an actorless
mention ("the strike") follows the mention the link step would attach it to. What a block
cannot see (docs/spark.md): a mention without a full dyad joining another article's cluster of
a full dyad (which `score` refuses across articles anyway), and two reports of one event
published on either side of a bucket border.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tidings.clean.article import DateValue
from tidings.link.clusters import MAX_GAP_CHARS, UNKNOWN, EventCluster, actor_level, actor_score
from tidings.link.duplicates import find_duplicates
from tidings.link.events import (
    EventMention,
    LinkKnowledge,
    date_span,
    load_link_knowledge,
    mentions_from_record,
)
from tidings.link.responses import find_links
from tidings.link.stage import DEFAULT_WINDOW_DAYS, LinkResult, link_events

# Publication-date buckets of the store's event blocks, in days; 0: none. Dated buckets would
# keep a large store's blocks smaller, but an undated report (a plain-text file, a feed item
# without a date) falls in a bucket of its own and could never join its event's cluster, so
# the store blocks by family, status group and dyad only. Spark's job takes `--block-days`.
DEFAULT_BLOCK_DAYS = 0

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


def _tokens(mention: EventMention) -> list[tuple[str, str]]:
    """The values a mention's link keys are made of, side by side: its article, its actors
    and their countries."""
    sides = (
        ("source", mention.source_id),
        ("source country", mention.source_country),
        ("target", mention.target_id),
        ("target country", mention.target_country),
    )
    return [("article", mention.article_id), *((side, v) for side, v in sides if v)]


def touched_part(
    mentions: Sequence[EventMention], seeds: Sequence[bool]
) -> tuple[list[EventMention], list[EventMention]]:
    """A block's mentions split in two: those joined to a seed (`seeds`: a new mention) by a
    chain of shared values (`_tokens`), and the rest. The cluster builder finds a mention's
    candidates under keys made of its own values and lists a cluster under keys made of its
    members' values, so mentions that share no value, directly or through others, never see
    each other's clusters; and the builder keeps the order of its mentions and clusters
    within each part. So the first part linked alone gets the clusters a link of the whole
    block gives it, and the clusters of the rest are those they were."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(token: tuple[str, str]) -> tuple[str, str]:
        found = parent.setdefault(token, token)
        while parent[found] != found:
            found = parent[found]
        while token != found:
            parent[token], token = found, parent[token]
        return found

    for mention in mentions:
        first, *others = _tokens(mention)
        for token in others:
            parent[root(token)] = root(first)
    reached = {
        root(("article", m.article_id)) for m, seed in zip(mentions, seeds, strict=True) if seed
    }
    touched = [m for m in mentions if root(("article", m.article_id)) in reached]
    rest = [m for m in mentions if root(("article", m.article_id)) not in reached]
    return touched, rest


def block_name(key: BlockKey) -> str:
    """The block key as one string, as the store keeps it."""
    return "|".join(str(part) for part in key)


def block_key(name: str) -> BlockKey:
    """The block key of a `block_name`."""
    family, group, source, target, bucket = name.split("|")
    return family, group, source, target, int(bucket)


def link_block(mentions: Iterable[EventMention]) -> LinkResult:
    """One block linked: the link step itself, run on the block's mentions (without links:
    those are found among the clusters of every block)."""
    return link_events(mentions, window_days=DEFAULT_WINDOW_DAYS, with_links=False)


def cluster_block(mentions: Iterable[EventMention]) -> list[EventCluster]:
    """The clusters of one block."""
    return list(link_block(mentions).clusters)


def cluster_order(cluster: EventCluster) -> tuple[str, str]:
    """The order of `LinkResult.clusters` (date, then id), which the link finder relies on."""
    return (cluster.date_value or "9999", cluster.id)


def group_by_block(
    records: Iterable[dict[str, Any]],
    *,
    block_days: int = DEFAULT_BLOCK_DAYS,
    knowledge: LinkKnowledge | None = None,
) -> dict[BlockKey, list[EventMention]]:
    """The mentions of `records`, grouped by block. A record whose id came before is skipped:
    ids are hashes of the text, so it is the same story."""
    knowledge = knowledge or load_link_knowledge()
    blocks: dict[BlockKey, list[EventMention]] = {}
    seen: set[str] = set()
    for record in records:
        article_id = str(record.get("id"))
        if article_id in seen:
            continue
        seen.add(article_id)
        for key, mention in blocked_mentions(record, block_days=block_days, knowledge=knowledge):
            blocks.setdefault(key, []).append(mention)
    return blocks


def link_blocks(
    blocks: dict[BlockKey, list[EventMention]], *, knowledge: LinkKnowledge | None = None
) -> tuple[dict[BlockKey, tuple[EventCluster, ...]], dict[str, DateValue]]:
    """Each block's clusters, and the dates propagated to members that lacked one."""
    clusters: dict[BlockKey, tuple[EventCluster, ...]] = {}
    propagated: dict[str, DateValue] = {}
    for key in sorted(blocks):
        result = link_block(blocks[key])
        clusters[key] = result.clusters
        propagated.update(result.propagated)
    return clusters, propagated


def link_records(
    records: Iterable[dict[str, Any]],
    *,
    block_days: int = DEFAULT_BLOCK_DAYS,
    knowledge: LinkKnowledge | None = None,
) -> LinkResult:
    """The whole link step over contract records: their mentions linked block by block, the
    links among all the clusters, and the duplicate groups. A record whose id came before is
    skipped (the same story)."""
    knowledge = knowledge or load_link_knowledge()
    texts: dict[str, str] = {}
    kept: list[dict[str, Any]] = []
    for record in records:
        article_id = str(record.get("id"))
        if article_id not in texts:
            texts[article_id] = str(record.get("text") or "")
            kept.append(record)
    blocks = group_by_block(kept, block_days=block_days, knowledge=knowledge)
    by_block, propagated = link_blocks(blocks, knowledge=knowledge)
    clusters = sorted((c for found in by_block.values() for c in found), key=cluster_order)
    _, groups = find_duplicates(texts.items())
    links = find_links(clusters, knowledge)
    return LinkResult(tuple(clusters), tuple(links), propagated, tuple(groups))
