"""The link step over a store: whole (`tidings link`, and the first link of a store) or
incremental (after each run and each `POST /ingest`).

Both link block by block (`tidings.link.blocks`). The incremental step reads the articles
stored since the last link, finds the blocks their mentions fall in, reads the stored mentions
of those blocks (`link_mentions`, m011: each mention pickled once, when its article is first
linked, so no stored record is read and parsed again) and relinks, of each, the part its new
mentions reach through shared values (`touched_part`): the other parts could not meet them, and
their clusters stay as stored. A block is linked from all its mentions whatever the order they
came in, so it gets what a whole relink gets; and of the relinked clusters only those that
changed (reports, id or links) are written again. Duplicates (`runner.link_duplicates`) are
found by the join of `tidings.link.duplicate_bands` against the stored text keys and LSH bands,
which finds what the whole finder finds.

Cluster ids: a cluster keeps its id while its membership holds. When the link step replaces
clusters, each new cluster takes the id of the oldest (first stored report) of the old
clusters whose reports it mostly holds; so a merge keeps the older id, and the ids that
vanish are recorded with their successor (`cluster_id_history`, m009). Both steps name
clusters this way, so a whole relink of a store gives the ids the incremental steps gave.

Threat and response links are found for the clusters of the relinked blocks, against the
hostile acts of every other block (read as columns, `acts_against`); the links out of other
clusters are kept (their targets renamed when ids change). `tidings link` finds them all again.
The stored clusters of a relinked block's untouched parts are seen as the finder would see them
relinked (`_seen_by_links`), so the links are those a relink of the whole blocks finds.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tidings.link import ClusterLink, EventCluster
from tidings.link.blocks import (
    DEFAULT_BLOCK_DAYS,
    BlockKey,
    block_key,
    block_name,
    cluster_order,
    group_by_block,
    link_blocks,
    touched_part,
)
from tidings.link.events import EventMention, LinkKnowledge, load_link_knowledge, real_date
from tidings.link.responses import find_links, link_families
from tidings.link.stage import member_order, rebuilt_cluster
from tidings.runner.link_duplicates import (
    article_fingerprint,
    article_groups,
    empty_keys,
    new_duplicates,
    prepared_fingerprint,
)
from tidings.runner.link_rows import cluster_rows, duplicate_rows, link_rows, member_rows
from tidings.store.link_reads import LinkReader, StoredAct, StoredMember
from tidings.store.link_rows import ClusterBlockRow, LinkUpdate, MentionRow


def plan_links(
    reader: LinkReader, *, whole: bool, block_days: int = DEFAULT_BLOCK_DAYS
) -> LinkUpdate | None:
    """What the link step writes: everything (`whole`, or a store never linked), else the
    blocks and groups touched by the articles stored since the last link; None when there
    are none. `block_days`: the date buckets of the blocks (one value per store: a whole link
    is needed to change it)."""
    through = reader.linked_through()
    last = reader.last_seq()
    if through is None or whole:
        records = [record for _, record in reader.records_after(0)]
        return _whole(records, reader.members(None), last, block_days)
    if through >= last:
        return None
    return _incremental(reader, through, last, block_days)


# --- whole ------------------------------------------------------------------------------------


def _whole(
    records: list[dict[str, Any]], old: list[StoredMember], last: int, block_days: int
) -> LinkUpdate:
    knowledge = load_link_knowledge()
    blocks = group_by_block(records, block_days=block_days, knowledge=knowledge)
    named, _, clusters = _clusters_of(blocks, old, knowledge)
    links = find_links(clusters, knowledge)
    fingerprints = [f for f in (article_fingerprint(r) for r in records) if f is not None]
    duplicates = article_groups({f.article_id: f for f in fingerprints}, fingerprints, [])
    return LinkUpdate(
        through=last,
        whole=True,
        clusters=cluster_rows(clusters, links),
        members=member_rows(clusters),
        cluster_blocks=_cluster_blocks(named),
        links=link_rows(links),
        duplicates=duplicate_rows(duplicates),
        mentions=_mention_rows(blocks),
        text_keys=[f.key_row for f in fingerprints] + empty_keys(records, fingerprints),
        bands=[band for f in fingerprints for band in f.band_rows],
    )


def _clusters_of(
    blocks: dict[BlockKey, list[EventMention]],
    old: Sequence[StoredMember],
    knowledge: LinkKnowledge,
) -> tuple[dict[BlockKey, list[EventCluster]], dict[str, str], list[EventCluster]]:
    """The blocks' clusters, named after the old clusters they mostly hold (`inherit_ids`):
    by block, the ids renamed, and all of them in the order the store lists them."""
    found, _ = link_blocks(blocks, knowledge=knowledge)
    named, renamed = inherit_ids(found, old)
    clusters = sorted((c for cs in named.values() for c in cs), key=cluster_order)
    return named, renamed, clusters


# --- incremental ------------------------------------------------------------------------------


def _incremental(reader: LinkReader, through: int, last: int, block_days: int) -> LinkUpdate:
    """The articles stored after `through` linked into the blocks they touch. Their mentions
    and fingerprints come from the rows stored with them (a run's workers made them), else
    from their records. Of each block, only the part its new mentions can reach is relinked
    (`touched_part`); the clusters of the rest stay as stored."""
    knowledge = load_link_knowledge()
    unprepared = reader.unprepared_after(through)
    fresh = group_by_block(unprepared, block_days=block_days, knowledge=knowledge)
    by_name: dict[str, list[EventMention]] = {}
    for key, mentions in fresh.items():
        by_name.setdefault(block_name(key), []).extend(mentions)
    for name, stored in reader.prepared_mentions_after(through):
        by_name.setdefault(name, []).append(pickle.loads(stored))
    new_articles = {m.article_id for mentions in by_name.values() for m in mentions}
    names = sorted(by_name)
    for name, stored in reader.mentions_of_blocks(names, through):
        by_name[name].append(pickle.loads(stored))
    old = reader.members(names)
    blocks, standing = _split(by_name, new_articles, old)
    resting = {c for parts in standing.values() for c in parts}
    named, renamed, clusters = _clusters_of(
        blocks, [m for m in old if m.cluster_id not in resting], knowledge
    )
    left = _stored_clusters(_seen_by_links(named, standing, knowledge), reader)
    everything = [*clusters, *(c for cs in left.values() for c in cs)]
    links = _links_of(everything, reader, old, knowledge)
    seen = {c.id for c in everything}
    kept = (resting - seen) | _unchanged(everything, links, old, reader, knowledge)
    for key, cs in left.items():
        for cluster in cs:
            if cluster.id not in kept:  # left as it was, but its links changed: written again
                again = rebuilt_cluster(cluster.members, knowledge)
                named.setdefault(key, []).append(replace(again, id=cluster.id))
    changed = sorted(
        (c for cs in named.values() for c in cs if c.id not in kept), key=cluster_order
    )
    computed = [f for f in (article_fingerprint(r) for r in unprepared) if f is not None]
    prepared = [prepared_fingerprint(text) for text in reader.prepared_texts_after(through)]
    groups, replaced = new_duplicates([*computed, *(p for p in prepared if p)], reader)
    return LinkUpdate(
        through=last,
        whole=False,
        clusters=cluster_rows(changed, links),
        members=member_rows(changed),
        cluster_blocks=_cluster_blocks(named, kept),
        links=link_rows(links),
        duplicates=duplicate_rows(groups),
        mentions=_mention_rows(fresh),
        text_keys=[f.key_row for f in computed] + empty_keys(unprepared, computed),
        bands=[band for f in computed for band in f.band_rows],
        replaced=sorted({m.cluster_id for m in old} - kept),
        relinked=sorted(seen | ({m.cluster_id for m in old} - resting)),
        renamed=renamed,
        groups=replaced,
    )


def _split(
    by_name: dict[str, list[EventMention]], new_articles: set[str], old: list[StoredMember]
) -> tuple[dict[BlockKey, list[EventMention]], dict[BlockKey, dict[str, list[EventMention]]]]:
    """Of each block, the mentions to relink (those a new mention can reach) and the stored
    clusters of the rest with their mentions. A stored cluster lies in one part (parts only
    merge as mentions come); should the tables say otherwise, the whole block is relinked."""
    cluster_of = {(m.event_id, m.article_id): m.cluster_id for m in old}
    sizes = Counter(m.cluster_id for m in old)
    blocks: dict[BlockKey, list[EventMention]] = {}
    standing: dict[BlockKey, dict[str, list[EventMention]]] = {}
    for name, mentions in by_name.items():
        seeds = [
            m.article_id in new_articles or (m.event_id, m.article_id) not in cluster_of
            for m in mentions
        ]
        relink, rest = touched_part(mentions, seeds)
        parts: dict[str, list[EventMention]] = {}
        for mention in rest:
            parts.setdefault(cluster_of[(mention.event_id, mention.article_id)], []).append(mention)
        if any(len(members) != sizes[c] for c, members in parts.items()):
            relink, parts = mentions, {}
        blocks[block_key(name)] = relink
        if parts:
            standing[block_key(name)] = parts
    return blocks, standing


def _seen_by_links(
    named: dict[BlockKey, list[EventCluster]],
    standing: dict[BlockKey, dict[str, list[EventMention]]],
    knowledge: LinkKnowledge,
) -> dict[BlockKey, dict[str, list[EventMention]]]:
    """The stored clusters left as they were that the link finder sees again, as it would in
    a relink of their whole blocks: those of the families of threats and acts (links leave
    and reach them only), and those of other families that lend it something: a member in
    the sentence of an `answers_follow` cue of one of these (it may be the event named after
    the cue), or a real date and an article in common with one of these (the latest date its
    article reports). The others take part in no link, before or now."""
    families = link_families(knowledge)
    seen = {key: parts for key, parts in standing.items() if key[0] in families}
    linked = [m for key, cs in named.items() if key[0] in families for c in cs for m in c.members]
    linked += [m for parts in seen.values() for ms in parts.values() for m in ms]
    articles = {m.article_id for m in linked}
    cue: dict[str, bool] = {}
    cued = {
        (m.article_id, m.sentence)
        for m in linked
        if cue.setdefault(m.sentence, bool(knowledge.answers_follow.search(m.sentence)))
    }
    for key, parts in standing.items():
        if key[0] in families:
            continue
        lending = {
            c: ms
            for c, ms in parts.items()
            if any((m.article_id, m.sentence) in cued for m in ms)
            or (
                any(m.article_id in articles for m in ms)
                and any(real_date(m) is not None for m in ms)
            )
        }
        if lending:
            seen[key] = lending
    return seen


def _stored_clusters(
    standing: dict[BlockKey, dict[str, list[EventMention]]], reader: LinkReader
) -> dict[BlockKey, list[EventCluster]]:
    """The stored clusters a relink leaves as they were, as the link finder sees them: their
    columns, and their members in the order of a cluster's."""
    members = {c: ms for parts in standing.values() for c, ms in parts.items()}
    acts = {act.id: act for act in reader.clusters_by_id(sorted(members))}
    return {
        key: [
            _stand_in(acts[c], tuple(sorted(members[c], key=member_order))) for c in sorted(parts)
        ]
        for key, parts in standing.items()
    }


def _unchanged(
    clusters: list[EventCluster],
    links: list[ClusterLink],
    old: list[StoredMember],
    reader: LinkReader,
    knowledge: LinkKnowledge,
) -> set[str]:
    """The relinked clusters whose stored rows stay as they are: the same id, the same
    reports (a cluster is a function of its reports) and the same links in its record (none
    outside `link_families`). A grown block holds mostly such clusters; only the others are
    written again."""
    before: dict[str, set[tuple[str, str]]] = {}
    for member in old:
        before.setdefault(member.cluster_id, set()).add((member.event_id, member.article_id))
    same = [
        c.id
        for c in clusters
        if before.get(c.id) == {(m.event_id, m.article_id) for m in c.members}
    ]
    ours: dict[str, list[dict[str, str | None]]] = {}
    for link in links:  # as `cluster_rows` gives each record its links
        ours.setdefault(link.source_cluster, []).append(link.to_json())
        ours.setdefault(link.target_cluster, []).append(link.to_json())
    families = link_families(knowledge)
    linkable = {c.id for c in clusters if knowledge.family(c.type) in families}
    stored = reader.record_links(sorted(linkable.intersection(same)))
    return {c for c in same if stored.get(c, []) == ours.get(c, [])}


def _links_of(
    clusters: list[EventCluster],
    reader: LinkReader,
    old: list[StoredMember],
    knowledge: LinkKnowledge,
) -> list[ClusterLink]:
    """The links out of the relinked clusters, against every stored hostile act."""
    countries = {
        country
        for c in clusters
        for country in (
            c.source_country,
            c.target_country,
            *(m.said_by_country for m in c.members),
        )
        if country
    }
    skip = sorted({m.cluster_id for m in old} | {c.id for c in clusters})
    acts = [_stand_in(act) for act in reader.acts_against(sorted(countries), skip)]
    ours = {c.id for c in clusters}
    everything = sorted([*clusters, *acts], key=cluster_order)
    return [k for k in find_links(everything, knowledge) if k.source_cluster in ours]


def _stand_in(act: StoredAct, members: tuple[EventMention, ...] = ()) -> EventCluster:
    """A stored cluster as the link finder sees it: a possible target of another block (no
    members: only the clusters of the relinked blocks are sources), or one of a relinked
    block left as it was, with its `members`."""
    return EventCluster(
        id=act.id,
        type=act.type,
        status=act.status,
        source_id=act.source_id,
        source_country=act.source_country,
        target_id=act.target_id,
        target_country=act.target_country,
        date_value=act.date_value,
        date_precision=act.date_precision,
        date_basis=act.date_basis,
        location=None,
        location_country=None,
        lat=None,
        lon=None,
        members=members,
        outlets=(),
        first_report=act.first_report,
        last_report=act.last_report,
        discrepancies=(),
    )


# --- cluster ids ------------------------------------------------------------------------------


def inherit_ids(
    found: dict[BlockKey, tuple[EventCluster, ...]], old: Sequence[StoredMember]
) -> tuple[dict[BlockKey, list[EventCluster]], dict[str, str]]:
    """The clusters renamed after the old clusters they continue, and each old id that did
    not live on with the id now holding most of its reports. Each old cluster's heir is the
    new cluster holding most of its reports (the smallest id on a tie); a new cluster takes
    the id of the oldest of the clusters it is heir to (first stored report, then id)."""
    holder = {
        (m.event_id, m.article_id): c.id for cs in found.values() for c in cs for m in c.members
    }
    shared: dict[str, Counter[str]] = {}
    age: dict[str, tuple[int, str]] = {}
    for member in old:
        age[member.cluster_id] = (member.first_seq, member.cluster_id)
        now = holder.get((member.event_id, member.article_id))
        if now is not None:
            shared.setdefault(member.cluster_id, Counter())[now] += 1
    heirs = {o: min(n, key=lambda c: (-n[c], c)) for o, n in shared.items()}
    predecessors: dict[str, list[str]] = {}
    for o, n in heirs.items():
        predecessors.setdefault(n, []).append(o)
    name = {n: min(olds, key=lambda o: age[o]) for n, olds in predecessors.items()}
    renamed = {o: name[n] for o, n in heirs.items() if name[n] != o}
    named = {
        key: [replace(c, id=name[c.id]) if name.get(c.id, c.id) != c.id else c for c in cs]
        for key, cs in found.items()
    }
    return named, renamed


def _cluster_blocks(
    named: dict[BlockKey, list[EventCluster]], kept: set[str] | None = None
) -> list[ClusterBlockRow]:
    return [
        ClusterBlockRow(c.id, block_name(key))
        for key, cs in named.items()
        for c in cs
        if not kept or c.id not in kept
    ]


def _mention_rows(blocks: dict[BlockKey, list[EventMention]]) -> list[MentionRow]:
    return [
        MentionRow(block_name(key), m.article_id, pickle.dumps(m, protocol=pickle.HIGHEST_PROTOCOL))
        for key, mentions in blocks.items()
        for m in mentions
    ]
