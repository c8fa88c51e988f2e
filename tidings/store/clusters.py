"""The link step's tables: event clusters (one per real-world event), their members, the links
between clusters (a threat and what followed, a response and the act it answers) and the
duplicate-article groups.

Clusters are a function of every article stored, so the link step replaces these tables as a
whole, in one transaction (`replace_clusters`); a reader sees the old clusters or the new ones,
never half of each. Each cluster's record (the line `tidings events --format jsonl` prints) is
kept whole in `event_clusters.record`, and the columns beside it are there to filter on.
`complete` (added by `m007_complete`) is true when one of the cluster's readings is complete;
the default outputs show those clusters only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from tidings.link import ClusterLink, EventCluster, LinkResult
from tidings.store.cluster_history import OLD_MEMBERS, record_history

CLUSTER_TABLES = ("event_clusters", "cluster_members", "cluster_links", "duplicate_groups")

CREATE_CLUSTER_TABLES = (
    """
    CREATE TABLE event_clusters (
        id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        source_id VARCHAR,
        source_country VARCHAR,
        target_id VARCHAR,
        target_country VARCHAR,
        date_value VARCHAR,
        date_precision VARCHAR,
        date_basis VARCHAR NOT NULL,
        location VARCHAR,
        articles INTEGER NOT NULL,
        outlets VARCHAR[] NOT NULL,
        first_report VARCHAR,
        last_report VARCHAR,
        discrepancies INTEGER NOT NULL,
        record JSON NOT NULL
    )
    """,
    """
    CREATE TABLE cluster_members (
        cluster_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        PRIMARY KEY (cluster_id, event_id)
    )
    """,
    """
    CREATE TABLE cluster_links (
        source_cluster VARCHAR NOT NULL,
        target_cluster VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        evidence VARCHAR
    )
    """,
    """
    CREATE TABLE duplicate_groups (
        group_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        exact BOOLEAN NOT NULL,
        PRIMARY KEY (group_id, article_id)
    )
    """,
    "CREATE INDEX event_clusters_date ON event_clusters (date_value)",
    "CREATE INDEX cluster_members_event ON cluster_members (event_id)",
)

_INSERT_CLUSTERS = """
INSERT INTO event_clusters
SELECT unnest($id::VARCHAR[]), unnest($type::VARCHAR[]), unnest($status::VARCHAR[]),
       unnest($source_id::VARCHAR[]), unnest($source_country::VARCHAR[]),
       unnest($target_id::VARCHAR[]), unnest($target_country::VARCHAR[]),
       unnest($date_value::VARCHAR[]), unnest($date_precision::VARCHAR[]),
       unnest($date_basis::VARCHAR[]), unnest($location::VARCHAR[]),
       unnest($articles::INTEGER[]), unnest($outlets::VARCHAR[][]),
       unnest($first_report::VARCHAR[]), unnest($last_report::VARCHAR[]),
       unnest($discrepancies::INTEGER[]), unnest($record::VARCHAR[])::JSON,
       unnest($complete::BOOLEAN[])
"""
_INSERT_MEMBERS = """
INSERT INTO cluster_members
SELECT unnest($cluster_id::VARCHAR[]), unnest($event_id::VARCHAR[]), unnest($article_id::VARCHAR[])
"""
_INSERT_LINKS = """
INSERT INTO cluster_links
SELECT unnest($source_cluster::VARCHAR[]), unnest($target_cluster::VARCHAR[]),
       unnest($kind::VARCHAR[]), unnest($evidence::VARCHAR[])
"""
_INSERT_DUPLICATES = """
INSERT INTO duplicate_groups
SELECT unnest($group_id::VARCHAR[]), unnest($article_id::VARCHAR[]), unnest($exact::BOOLEAN[])
"""

# Clusters an actor took part in: as source or target, by id, by country, or by part of a
# member's actor name. Dates are ISO strings at their own precision, so "2020" holds
# "2020-01-03" and a cluster dated "2020" passes `--since 2020-01`.
SELECT_CLUSTERS = """
SELECT record FROM event_clusters
WHERE ($actor IS NULL OR lower(source_id) = $actor OR lower(target_id) = $actor
       OR lower(source_country) = $actor OR lower(target_country) = $actor)
  AND ($since IS NULL OR date_value >= $since OR starts_with($since, date_value))
  AND ($type IS NULL OR type = $type)
  AND ($status IS NULL OR status = $status)
  AND ($complete IS NULL OR complete = $complete)
ORDER BY coalesce(date_value, '9999'), id
"""


@dataclass(frozen=True, slots=True)
class ClusterCounts:
    """What the link step wrote."""

    clusters: int
    members: int
    links: int
    duplicate_groups: int
    complete: int = 0  # clusters one of whose readings is complete


def create_cluster_tables(connection: duckdb.DuckDBPyConnection) -> None:
    for statement in CREATE_CLUSTER_TABLES:
        connection.execute(statement)


def _member(member: Any) -> dict[str, Any]:
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


def _columns(rows: list[tuple[Any, ...]], names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def _cluster_rows(result: LinkResult) -> dict[str, list[Any]]:
    by_cluster: dict[str, list[ClusterLink]] = {}
    for link in result.links:
        by_cluster.setdefault(link.source_cluster, []).append(link)
        by_cluster.setdefault(link.target_cluster, []).append(link)
    rows = [
        (
            c.id,
            c.type,
            c.status,
            c.source_id,
            c.source_country,
            c.target_id,
            c.target_country,
            c.date_value,
            c.date_precision,
            c.date_basis,
            c.location,
            len({m.article_id for m in c.members}),
            list(c.outlets),
            c.first_report,
            c.last_report,
            len(c.discrepancies),
            json.dumps(cluster_record(c, by_cluster.get(c.id, [])), ensure_ascii=False),
            c.complete,
        )
        for c in result.clusters
    ]
    names = [
        "id",
        "type",
        "status",
        "source_id",
        "source_country",
        "target_id",
        "target_country",
        "date_value",
        "date_precision",
        "date_basis",
        "location",
        "articles",
        "outlets",
        "first_report",
        "last_report",
        "discrepancies",
        "record",
        "complete",
    ]
    return _columns(rows, names)


LINK_STATE_TABLE = """
CREATE TABLE link_state (
    linked_through BIGINT NOT NULL,
    linked_at TIMESTAMP NOT NULL
)
"""
_SET_LINK_STATE = (
    "INSERT INTO link_state SELECT coalesce(max(seq), 0), current_timestamp FROM articles"
)
# Are there articles the link tables were not built from (a run that died after its last
# batch and before the link step)?
LINKS_STALE = """
SELECT coalesce((SELECT max(seq) FROM articles), 0)
       > coalesce((SELECT max(linked_through) FROM link_state), 0)
"""


def replace_clusters(connection: duckdb.DuckDBPyConnection, result: LinkResult) -> ClusterCounts:
    """Replace the link tables with `result` and record which articles they were built from
    (the caller holds the transaction)."""
    connection.execute("DELETE FROM link_state")
    connection.execute(_SET_LINK_STATE)
    before = [(c, e, a) for c, e, a in connection.execute(OLD_MEMBERS).fetchall()]
    for table in CLUSTER_TABLES:
        connection.execute(f"DELETE FROM {table}")  # a fixed name from CLUSTER_TABLES
    members = [(c.id, m.event_id, m.article_id) for c in result.clusters for m in c.members]
    links = [(k.source_cluster, k.target_cluster, k.kind, k.evidence) for k in result.links]
    duplicates = [(g.id, a, g.exact) for g in result.duplicates for a in g.members]
    if result.clusters:
        connection.execute(_INSERT_CLUSTERS, _cluster_rows(result))
        connection.execute(
            _INSERT_MEMBERS, _columns(members, ("cluster_id", "event_id", "article_id"))
        )
    record_history(connection, before, members)  # old ids answer with their successor
    if links:
        names = ("source_cluster", "target_cluster", "kind", "evidence")
        connection.execute(_INSERT_LINKS, _columns(links, names))
    if duplicates:
        connection.execute(
            _INSERT_DUPLICATES, _columns(duplicates, ("group_id", "article_id", "exact"))
        )
    complete = sum(c.complete for c in result.clusters)
    return ClusterCounts(
        len(result.clusters), len(members), len(links), len(result.duplicates), complete
    )


def cluster_filters(
    actor: str | None,
    since: str | None,
    event_type: str | None,
    status: str | None,
    complete: bool | None = True,
) -> dict[str, Any]:
    """Bound parameters of `SELECT_CLUSTERS` (never string-built SQL); `complete` None keeps
    complete and partial clusters."""
    return {
        "actor": actor.strip().lower() if actor else None,
        "since": since,
        "type": event_type.upper() if event_type else None,
        "status": status,
        "complete": complete,
    }
