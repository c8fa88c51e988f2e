"""The link step's tables: event clusters (one per real-world event), their members, the links
between clusters (a threat and what followed, a response and the act it answers) and the
duplicate-article groups; and the tables that let a run relink only what its articles touch
(m011): each article's event mentions with the link block they fall in (as the link stage
pickles them: opaque bytes here), the block of each cluster, and each
article's text key and LSH bands for the duplicate test.

The link step writes its rows (`tidings.store.link_rows.LinkUpdate`) in one transaction
(`write_links`): all of them (`tidings link`) or only the blocks and groups a run touched; a
reader sees the old clusters or the new ones, never half of each. Each cluster's record (the
line `tidings events --format jsonl` prints) is kept whole in `event_clusters.record`, and the
columns beside it are there to filter on. `complete` (added by `m007_complete`) is true when
one of the cluster's readings is complete; the default outputs show those clusters only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from tidings.store.cluster_history import OLD_MEMBERS, Membership, record_history
from tidings.store.link_rows import LinkUpdate, insert_rows

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


LINK_STATE_TABLE = """
CREATE TABLE link_state (
    linked_through BIGINT NOT NULL,
    linked_at TIMESTAMP NOT NULL
)
"""
_SET_LINK_STATE = "INSERT INTO link_state VALUES ($through, current_timestamp)"
# The tables of migration m011 that let a run relink only the blocks its articles touch.
BLOCK_TABLES = ("cluster_blocks", "link_mentions", "article_text_keys", "article_bands")
CREATE_BLOCK_TABLES = (
    """
    CREATE TABLE link_mentions (
        block VARCHAR NOT NULL, article_id VARCHAR NOT NULL, mention BLOB NOT NULL
    )
    """,
    "CREATE TABLE cluster_blocks (cluster_id VARCHAR NOT NULL, block VARCHAR NOT NULL)",
    """
    CREATE TABLE article_text_keys (
        article_id VARCHAR NOT NULL, text_key VARCHAR NOT NULL, words INTEGER NOT NULL
    )
    """,
    "CREATE TABLE article_bands (band VARCHAR NOT NULL, article_id VARCHAR NOT NULL)",
    "CREATE INDEX link_mentions_block ON link_mentions (block)",
    "CREATE INDEX cluster_blocks_block ON cluster_blocks (block)",
    "CREATE INDEX article_text_keys_key ON article_text_keys (text_key)",
    "CREATE INDEX article_bands_band ON article_bands (band)",
)
_MEMBERS_OF = (
    "SELECT cluster_id, event_id, article_id FROM cluster_members "
    "WHERE cluster_id IN (SELECT unnest($ids::VARCHAR[]))"
)
_DELETE_CLUSTERS = (
    "DELETE FROM cluster_members WHERE cluster_id IN (SELECT unnest($ids::VARCHAR[]))",
    "DELETE FROM event_clusters WHERE id IN (SELECT unnest($ids::VARCHAR[]))",
    "DELETE FROM cluster_blocks WHERE cluster_id IN (SELECT unnest($ids::VARCHAR[]))",
)
_DELETE_LINKS_FROM = (
    "DELETE FROM cluster_links WHERE source_cluster IN (SELECT unnest($ids::VARCHAR[]))"
)
_RENAME_LINK_TARGETS = """
UPDATE cluster_links SET target_cluster = m.new_id
FROM (SELECT unnest($old::VARCHAR[]) AS old_id, unnest($new::VARCHAR[]) AS new_id) m
WHERE cluster_links.target_cluster = m.old_id
"""
_DELETE_DANGLING_LINKS = (
    "DELETE FROM cluster_links WHERE target_cluster NOT IN (SELECT id FROM event_clusters)"
)
_DELETE_GROUPS = "DELETE FROM duplicate_groups WHERE group_id IN (SELECT unnest($ids::VARCHAR[]))"
_COUNTS = """
SELECT (SELECT count(*) FROM event_clusters), (SELECT count(*) FROM cluster_members),
       (SELECT count(*) FROM cluster_links),
       (SELECT count(DISTINCT group_id) FROM duplicate_groups),
       (SELECT count(*) FROM event_clusters WHERE complete)
"""
# Are there articles the link tables were not built from (a run that died after its last
# batch and before the link step)?
LINKS_STALE = """
SELECT coalesce((SELECT max(seq) FROM articles), 0)
       > coalesce((SELECT max(linked_through) FROM link_state), 0)
"""


def write_links(connection: duckdb.DuckDBPyConnection, update: LinkUpdate) -> ClusterCounts:
    """Write one link step's rows (the caller holds the transaction): every link table
    replaced (`update.whole`) or only what the update names; record which articles the
    tables were built from, and the successors of the cluster ids that vanished."""
    connection.execute("DELETE FROM link_state")
    connection.execute(_SET_LINK_STATE, {"through": update.through})
    before = _old_members(connection, update)
    if update.whole:
        for table in (*CLUSTER_TABLES, *BLOCK_TABLES):
            connection.execute(f"DELETE FROM {table}")  # fixed names
    else:
        _delete_replaced(connection, update)
    insert_rows(connection, "event_clusters", update.clusters)
    insert_rows(connection, "cluster_members", update.members)
    insert_rows(connection, "cluster_blocks", update.cluster_blocks)
    insert_rows(connection, "cluster_links", update.links)
    insert_rows(connection, "duplicate_groups", update.duplicates)
    insert_rows(connection, "link_mentions", update.mentions)
    insert_rows(connection, "article_text_keys", update.text_keys)
    insert_rows(connection, "article_bands", update.bands)
    members = [(m.cluster_id, m.event_id, m.article_id) for m in update.members]
    record_history(connection, before, members)  # old ids answer with their successor
    return count_links(connection)


def _old_members(connection: duckdb.DuckDBPyConnection, update: LinkUpdate) -> list[Membership]:
    if update.whole:
        rows = connection.execute(OLD_MEMBERS).fetchall()
    else:
        rows = connection.execute(_MEMBERS_OF, {"ids": list(update.replaced)}).fetchall()
    return [(c, e, a) for c, e, a in rows]


def _delete_replaced(connection: duckdb.DuckDBPyConnection, update: LinkUpdate) -> None:
    for statement in _DELETE_CLUSTERS:
        connection.execute(statement, {"ids": list(update.replaced)})
    connection.execute(_DELETE_LINKS_FROM, {"ids": list(update.relinked)})
    if update.renamed:
        old, new = list(update.renamed), list(update.renamed.values())
        connection.execute(_RENAME_LINK_TARGETS, {"old": old, "new": new})
    connection.execute(_DELETE_DANGLING_LINKS)
    connection.execute(_DELETE_GROUPS, {"ids": list(update.groups)})


def count_links(connection: duckdb.DuckDBPyConnection) -> ClusterCounts:
    """What the link tables hold."""
    row = connection.execute(_COUNTS).fetchone()
    assert row is not None
    return ClusterCounts(*(int(value or 0) for value in row))


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
