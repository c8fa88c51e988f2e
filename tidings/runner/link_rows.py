"""The link stage's output as the store's rows (`tidings.store.link_rows`): the one place a
cluster becomes its `event_clusters` row and its JSON line, so the store need not know the
link stage and the link stage need not know the store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from tidings.link import ClusterLink, DuplicateGroup, EventCluster
from tidings.link.events import EventMention
from tidings.link.prepared import PreparedLink
from tidings.store.link_rows import (
    ArticleLinkRows,
    BandRow,
    ClusterRow,
    DuplicateRow,
    LinkRow,
    MemberRow,
    MentionRow,
    TextKeyRow,
)


def _member(member: EventMention) -> dict[str, Any]:
    return {
        "id": member.article_id,
        "event_id": member.event_id,
        "source": {"path": member.path},
        "outlet": member.outlet,
        "published": member.published,
        "evidence": {"span": list(member.evidence), "sentence": member.sentence},
        "complete": member.complete,
    }


def cluster_record(cluster: EventCluster, links: Sequence[ClusterLink]) -> dict[str, Any]:
    """The line `tidings events --format jsonl` prints for one cluster: the cluster, its
    articles (each with its evidence) and the links it takes part in."""
    record = cluster.to_json()
    members = record.pop("members")
    by_event = {m.event_id: m for m in cluster.members}
    record["articles"] = [_member(by_event[m["event_id"]]) for m in members]
    record["links"] = [
        link.to_json() for link in links if cluster.id in (link.source_cluster, link.target_cluster)
    ]
    return record


def cluster_row(cluster: EventCluster, links: Sequence[ClusterLink]) -> ClusterRow:
    """The `event_clusters` row of one cluster; `links` those it takes part in."""
    return ClusterRow(
        id=cluster.id,
        type=cluster.type,
        status=cluster.status,
        source_id=cluster.source_id,
        source_country=cluster.source_country,
        target_id=cluster.target_id,
        target_country=cluster.target_country,
        date_value=cluster.date_value,
        date_precision=cluster.date_precision,
        date_basis=cluster.date_basis,
        location=cluster.location,
        articles=len(cluster.articles),
        outlets=cluster.outlets,
        first_report=cluster.first_report,
        last_report=cluster.last_report,
        discrepancies=len(cluster.discrepancies),
        record=json.dumps(cluster_record(cluster, links), ensure_ascii=False),
        complete=cluster.complete,
    )


def cluster_rows(
    clusters: Iterable[EventCluster], links: Sequence[ClusterLink]
) -> list[ClusterRow]:
    by_cluster: dict[str, list[ClusterLink]] = {}
    for link in links:
        by_cluster.setdefault(link.source_cluster, []).append(link)
        by_cluster.setdefault(link.target_cluster, []).append(link)
    return [cluster_row(c, by_cluster.get(c.id, [])) for c in clusters]


def member_rows(clusters: Iterable[EventCluster]) -> list[MemberRow]:
    return [MemberRow(c.id, m.event_id, m.article_id) for c in clusters for m in c.members]


def link_rows(links: Iterable[ClusterLink]) -> list[LinkRow]:
    return [LinkRow(k.source_cluster, k.target_cluster, k.kind, k.evidence) for k in links]


def duplicate_rows(groups: Iterable[DuplicateGroup]) -> list[DuplicateRow]:
    return [DuplicateRow(g.id, article, g.exact) for g in groups for article in g.members]


def article_link_rows(prepared: PreparedLink) -> ArticleLinkRows:
    """The rows an article's link inputs are stored as, with the article."""
    article = prepared.article_id
    return ArticleLinkRows(
        article_id=article,
        mentions=tuple(MentionRow(block, article, blob) for block, blob in prepared.mentions),
        text_key=TextKeyRow(article, prepared.text_key, prepared.words),
        bands=tuple(BandRow(band, article) for band in prepared.bands),
    )
