"""The link step over a store: whole (`tidings link`, and the first link of a store) or
incremental (after each run and each `POST /ingest`).

Both link block by block (`tidings.link.blocks`). The incremental step reads the articles
stored since the last link, finds the blocks their mentions fall in, reads the stored mentions
of those blocks (`link_mentions`, m011: each mention pickled once, when its article is first
linked, so no stored record is read and parsed again) and relinks those blocks only; a block is
linked from all its mentions whatever the order they came in, so it gets what a whole relink
gets. Duplicates are found by the join of `tidings.link.duplicate_bands` against the stored
text keys and LSH bands, which finds what the whole finder finds.

Cluster ids: a cluster keeps its id while its membership holds. When the link step replaces
clusters, each new cluster takes the id of the oldest (first stored report) of the old
clusters whose reports it mostly holds; so a merge keeps the older id, and the ids that
vanish are recorded with their successor (`cluster_id_history`, m009). Both steps name
clusters this way, so a whole relink of a store gives the ids the incremental steps gave.

Threat and response links are found for the clusters of the relinked blocks, against the
hostile acts of every other block (read as columns, `acts_against`); the links out of other
clusters are kept (their targets renamed when ids change). `tidings link` finds them all again.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
)
from tidings.link.duplicate_bands import duplicate_groups, text_fingerprint
from tidings.link.duplicates import DEFAULT_SHINGLE, DEFAULT_THRESHOLD, DuplicateGroup
from tidings.link.events import EventMention, LinkKnowledge, load_link_knowledge
from tidings.link.fingerprints import Hashes, fingerprint, jaccard
from tidings.link.responses import find_links
from tidings.runner.link_rows import cluster_rows, duplicate_rows, link_rows, member_rows
from tidings.store.link_reads import LinkReader, PreparedText, StoredAct, StoredMember
from tidings.store.link_rows import (
    BandRow,
    ClusterBlockRow,
    LinkUpdate,
    MentionRow,
    TextKeyRow,
)


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
    fingerprints = [f for f in (_fingerprint(r) for r in records) if f is not None]
    duplicates = _groups({f.article_id: f for f in fingerprints}, fingerprints, [])
    return LinkUpdate(
        through=last,
        whole=True,
        clusters=cluster_rows(clusters, links),
        members=member_rows(clusters),
        cluster_blocks=_cluster_blocks(named),
        links=link_rows(links),
        duplicates=duplicate_rows(duplicates),
        mentions=_mention_rows(blocks),
        text_keys=[f.key_row for f in fingerprints] + _empty_keys(records, fingerprints),
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
    from their records."""
    knowledge = load_link_knowledge()
    unprepared = reader.unprepared_after(through)
    fresh = group_by_block(unprepared, block_days=block_days, knowledge=knowledge)
    by_name: dict[str, list[EventMention]] = {}
    for key, mentions in fresh.items():
        by_name.setdefault(block_name(key), []).extend(mentions)
    for name, stored in reader.prepared_mentions_after(through):
        by_name.setdefault(name, []).append(pickle.loads(stored))
    names = sorted(by_name)
    for name, stored in reader.mentions_of_blocks(names, through):
        by_name[name].append(pickle.loads(stored))
    blocks = {block_key(name): mentions for name, mentions in by_name.items()}
    old = reader.members(names)
    named, renamed, clusters = _clusters_of(blocks, old, knowledge)
    links = _links_of(clusters, reader, old, knowledge)
    computed = [f for f in (_fingerprint(r) for r in unprepared) if f is not None]
    prepared = [_prepared_print(text) for text in reader.prepared_texts_after(through)]
    groups, replaced = _new_duplicates([*computed, *(p for p in prepared if p)], reader)
    return LinkUpdate(
        through=last,
        whole=False,
        clusters=cluster_rows(clusters, links),
        members=member_rows(clusters),
        cluster_blocks=_cluster_blocks(named),
        links=link_rows(links),
        duplicates=duplicate_rows(groups),
        mentions=_mention_rows(fresh),
        text_keys=[f.key_row for f in computed] + _empty_keys(unprepared, computed),
        bands=[band for f in computed for band in f.band_rows],
        blocks=names,
        relinked=sorted({m.cluster_id for m in old} | {c.id for c in clusters}),
        renamed=renamed,
        groups=replaced,
    )


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


def _stand_in(act: StoredAct) -> EventCluster:
    """A stored cluster of another block as the link finder sees a possible target (its
    members are not read: only the relinked clusters are sources)."""
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
        members=(),
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
        key: [replace(c, id=name[c.id]) if c.id in name else c for c in cs]
        for key, cs in found.items()
    }
    return named, renamed


def _cluster_blocks(named: dict[BlockKey, list[EventCluster]]) -> list[ClusterBlockRow]:
    return [ClusterBlockRow(c.id, block_name(key)) for key, cs in named.items() for c in cs]


def _mention_rows(blocks: dict[BlockKey, list[EventMention]]) -> list[MentionRow]:
    return [
        MentionRow(block_name(key), m.article_id, pickle.dumps(m, protocol=pickle.HIGHEST_PROTOCOL))
        for key, mentions in blocks.items()
        for m in mentions
    ]


# --- duplicates -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fingerprint:
    article_id: str
    key: str
    words: int
    shingles: Hashes
    bands: tuple[str, ...]

    @property
    def key_row(self) -> TextKeyRow:
        return TextKeyRow(self.article_id, self.key, self.words)

    @property
    def band_rows(self) -> list[BandRow]:
        return [BandRow(band, self.article_id) for band in self.bands]


def _fingerprint(record: dict[str, Any]) -> _Fingerprint | None:
    found = text_fingerprint(str(record.get("id")), 0, str(record.get("text") or ""))
    if found is None:
        return None
    article_id, _, key, words, shingles, bands = found
    return _Fingerprint(article_id, key, words, shingles, tuple(bands))


def _prepared_print(text: PreparedText) -> _Fingerprint | None:
    """A new article's fingerprint from its stored key and bands (its shingles from its
    text, for the exact similarity of candidate pairs)."""
    if not text.words:
        return None
    shingles = fingerprint(text.text, size=DEFAULT_SHINGLE).shingles
    return _Fingerprint(text.article_id, text.text_key, text.words, shingles, text.bands)


def _empty_keys(records: list[dict[str, Any]], found: list[_Fingerprint]) -> list[TextKeyRow]:
    """Key rows of the texts without words: they mark the article as prepared too."""
    done = {f.article_id for f in found}
    return [TextKeyRow(str(r.get("id")), "", 0) for r in records if str(r.get("id")) not in done]


def _new_duplicates(
    ours: list[_Fingerprint], reader: LinkReader
) -> tuple[list[DuplicateGroup], list[str]]:
    """The duplicate groups the new articles (`ours`) form or join, and the ids of the stored
    groups they replace."""
    keys = sorted({f.key for f in ours})
    bands = sorted({b for f in ours for b in f.bands})
    stored = reader.duplicate_candidates(keys, bands)
    prints = {f.article_id: f for f in ours}
    for candidate in stored:
        if candidate.article_id not in prints:
            found = _fingerprint({"id": candidate.article_id, "text": candidate.text})
            if found is not None:
                prints[candidate.article_id] = found
    old_groups = reader.groups_of(sorted(prints))
    groups = _groups(prints, ours, old_groups)
    return groups, sorted({g for g, _, _ in old_groups})


def _groups(
    prints: dict[str, _Fingerprint],
    ours: list[_Fingerprint],
    old_groups: list[tuple[str, str, str]],
) -> list[DuplicateGroup]:
    """The groups of `prints` (the new articles `ours` and the stored ones they may pair
    with) and of the stored groups `old_groups` ((group, member, text key)) they touch."""
    key_of = {a: f.key for a, f in prints.items()}
    key_of.update({article: key for _, article, key in old_groups})
    classes: dict[str, list[str]] = {}
    for article, key in sorted(key_of.items()):
        classes.setdefault(key, []).append(article)
    near = _near_pairs(prints, ours)
    # the stored groups hold: each member is joined to its group's first member
    firsts = {g: a for g, a, _ in sorted(old_groups)}
    joined = [(key_of[firsts[g]], key_of[a]) for g, a, _ in old_groups]
    return duplicate_groups(classes.items(), [*near, *joined])


def _near_pairs(prints: dict[str, _Fingerprint], ours: list[_Fingerprint]) -> list[tuple[str, str]]:
    """Class-key pairs of a new article and another sharing an LSH band, similar enough."""
    by_band: dict[str, list[_Fingerprint]] = {}
    for found in prints.values():
        for band in found.bands:
            by_band.setdefault(band, []).append(found)
    pairs: set[tuple[str, str]] = set()
    for mine in ours:
        for band in mine.bands:
            for other in by_band.get(band, []):
                if other.key == mine.key or (mine.key, other.key) in pairs:
                    continue
                if jaccard(mine.shingles, other.shingles) >= DEFAULT_THRESHOLD:
                    pairs.add((mine.key, other.key))
    return sorted(pairs)
