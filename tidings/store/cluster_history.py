"""Cluster ids that last. A cluster's id is a hash of its reports, so it changes when a new
report joins the cluster, or when clusters merge or split on a relink; a link an analyst saved
must keep working. Each time the link step replaces the clusters, every id that disappears is
recorded with the cluster now holding most of its reports (`cluster_id_history`), and older
records that pointed to a vanished id are moved on to its successor, so one lookup answers
for any id ever shown. An id whose reports are all gone keeps its last successor."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import duckdb

HISTORY_TABLE = """
CREATE TABLE cluster_id_history (
    old_id VARCHAR PRIMARY KEY,
    current_id VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
)
"""
OLD_MEMBERS = "SELECT cluster_id, event_id, article_id FROM cluster_members"
CURRENT_ID = "SELECT current_id FROM cluster_id_history WHERE old_id = $id"

# (cluster id, event id, article id)
Membership = tuple[str, str, str]


def successors(old: Iterable[Membership], new: Iterable[Membership]) -> dict[str, str]:
    """For each old cluster id that is no longer a cluster, the new cluster holding most of
    its reports (the smallest id on a tie, so a relink records the same answer)."""
    holder = {(event, article): cluster for cluster, event, article in new}
    current = set(holder.values())
    shared: dict[str, Counter[str]] = {}
    for cluster, event, article in old:
        if cluster in current:
            continue
        now = holder.get((event, article))
        if now is not None:
            shared.setdefault(cluster, Counter())[now] += 1
    return {
        cluster: min(counts, key=lambda c: (-counts[c], c)) for cluster, counts in shared.items()
    }


def record_history(
    connection: duckdb.DuckDBPyConnection, old: list[Membership], new: list[Membership]
) -> int:
    """Record the successors of the ids that vanished (the caller holds the transaction);
    returns how many ids were recorded."""
    moved = successors(old, new)
    current = sorted({cluster for cluster, _, _ in new})
    # an id that is a cluster again (a split undone) answers for itself
    connection.execute(
        "DELETE FROM cluster_id_history WHERE old_id IN (SELECT unnest($ids::VARCHAR[]))",
        {"ids": current},
    )
    if not moved:
        return 0
    old_ids, new_ids = list(moved), [moved[k] for k in moved]
    connection.execute(
        """
        UPDATE cluster_id_history SET current_id = m.new_id
        FROM (SELECT unnest($old::VARCHAR[]) AS old_id, unnest($new::VARCHAR[]) AS new_id) m
        WHERE cluster_id_history.current_id = m.old_id
        """,
        {"old": old_ids, "new": new_ids},
    )
    connection.execute(
        """
        INSERT OR REPLACE INTO cluster_id_history
        SELECT unnest($old::VARCHAR[]), unnest($new::VARCHAR[]), current_timestamp
        """,
        {"old": old_ids, "new": new_ids},
    )
    return len(moved)
