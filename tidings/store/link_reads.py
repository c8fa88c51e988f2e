"""What the link step reads from a store: the articles not linked yet, the stored mentions and
clusters of the blocks those touch, the duplicate candidates of their texts. Each read is a
query on the indexed tables of m011, so a run reads what its articles touch, not the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb

_Result = TypeVar("_Result")
Guard = Callable[..., Any]

_FETCH_ROWS = 1000
_LINKED_THROUGH = "SELECT max(linked_through) FROM link_state"
_LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM articles"
_RECORDS_AFTER = "SELECT seq, record FROM articles WHERE seq > $after ORDER BY seq"
_MENTIONS_OF_BLOCKS = """
SELECT m.block, m.mention FROM link_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.block IN (SELECT unnest($blocks::VARCHAR[])) AND a.seq <= $through
"""
# Articles stored after a seq without their link inputs (stored by other means than a run).
_UNPREPARED_AFTER = """
SELECT seq, record FROM articles
WHERE seq > $after AND id NOT IN (SELECT article_id FROM article_text_keys) ORDER BY seq
"""
_PREPARED_MENTIONS_AFTER = """
SELECT m.block, m.mention FROM link_mentions m JOIN articles a ON a.id = m.article_id
WHERE a.seq > $after
"""
_PREPARED_TEXTS_AFTER = """
SELECT k.article_id, k.text_key, k.words, a.text,
       (SELECT list(b.band) FROM article_bands b WHERE b.article_id = k.article_id)
FROM article_text_keys k JOIN articles a ON a.id = k.article_id
WHERE a.seq > $after
"""
# Each cluster's members, with the first `seq` of its articles (its age: the older keeps its
# id when clusters merge).
_MEMBERS = """
SELECT m.cluster_id, m.event_id, m.article_id,
       min(a.seq) OVER (PARTITION BY m.cluster_id) AS first_seq
FROM cluster_members m JOIN articles a ON a.id = m.article_id
"""
_MEMBERS_OF_BLOCKS = f"""
{_MEMBERS}
JOIN cluster_blocks b ON b.cluster_id = m.cluster_id
WHERE b.block IN (SELECT unnest($blocks::VARCHAR[]))
"""
# Hostile acts of other blocks that a new cluster may answer or fulfil a threat with.
_ACTS_AGAINST = """
SELECT id, type, status, source_id, source_country, target_id, target_country, date_value,
       date_precision, date_basis, first_report, last_report
FROM event_clusters
WHERE target_country IN (SELECT unnest($countries::VARCHAR[]))
  AND NOT id IN (SELECT unnest($skip::VARCHAR[]))
"""
_CLUSTERS_BY_ID = """
SELECT id, type, status, source_id, source_country, target_id, target_country, date_value,
       date_precision, date_basis, first_report, last_report
FROM event_clusters WHERE id IN (SELECT unnest($ids::VARCHAR[]))
"""
_RECORD_LINKS = """
SELECT id, CAST(record->'links' AS VARCHAR) FROM event_clusters
WHERE id IN (SELECT unnest($ids::VARCHAR[]))
"""
_CANDIDATES = """
SELECT DISTINCT k.article_id, k.text_key, a.text FROM article_text_keys k
JOIN articles a ON a.id = k.article_id
WHERE k.text_key IN (SELECT unnest($keys::VARCHAR[]))
   OR k.article_id IN (SELECT article_id FROM article_bands
                       WHERE band IN (SELECT unnest($bands::VARCHAR[])))
"""
_GROUPS_OF = """
SELECT g.group_id, g.article_id, k.text_key FROM duplicate_groups g
JOIN article_text_keys k ON k.article_id = g.article_id
WHERE g.group_id IN (SELECT group_id FROM duplicate_groups
                     WHERE article_id IN (SELECT unnest($ids::VARCHAR[])))
"""


@dataclass(frozen=True, slots=True)
class StoredMember:
    cluster_id: str
    event_id: str
    article_id: str
    first_seq: int


@dataclass(frozen=True, slots=True)
class StoredAct:
    """The columns of a stored cluster that the threat and response links read."""

    id: str
    type: str
    status: str
    source_id: str | None
    source_country: str | None
    target_id: str | None
    target_country: str | None
    date_value: str | None
    date_precision: str | None
    date_basis: str
    first_report: str | None
    last_report: str | None


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A new article's stored text key and LSH bands, with its text."""

    article_id: str
    text_key: str
    words: int
    text: str
    bands: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that may be a duplicate of a new one: its text key and text."""

    article_id: str
    text_key: str
    text: str


class LinkReader:
    """Reads for the link step on one store connection; `guard` turns DuckDB errors into
    `StoreError` (`Store._guarded`)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, guard: Guard) -> None:
        self._connection = connection
        self._guard = guard

    def linked_through(self) -> int | None:
        """The last article `seq` the link tables were built from; None: never linked (or
        the store was upgraded since, and the next link step rebuilds them whole)."""
        row = self._one(_LINKED_THROUGH, {})
        return None if row is None or row[0] is None else int(row[0])

    def last_seq(self) -> int:
        row = self._one(_LAST_SEQ, {})
        return int(row[0]) if row else 0

    def records_after(self, seq: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """(seq, contract record) of every article stored after `seq`, a block at a time."""
        cursor = self._guard(self._connection.cursor)
        try:
            self._guard(lambda: cursor.execute(_RECORDS_AFTER, {"after": seq}))
            while rows := self._guard(lambda: cursor.fetchmany(_FETCH_ROWS)):
                for found, record in rows:
                    yield int(found), json.loads(record)
        finally:
            cursor.close()

    def mentions_of_blocks(self, blocks: Sequence[str], through: int) -> list[tuple[str, bytes]]:
        """(block, mention as stored) of the mentions in `blocks` of the articles up to `seq`
        `through`."""
        rows = self._all(_MENTIONS_OF_BLOCKS, {"blocks": list(blocks), "through": through})
        return [(block, bytes(mention)) for block, mention in rows]

    def unprepared_after(self, seq: int) -> list[dict[str, Any]]:
        """The records of the articles stored after `seq` without their link inputs."""
        return [json.loads(record) for _, record in self._all(_UNPREPARED_AFTER, {"after": seq})]

    def prepared_mentions_after(self, seq: int) -> list[tuple[str, bytes]]:
        """(block, mention as stored) of the articles stored after `seq` with their inputs."""
        rows = self._all(_PREPARED_MENTIONS_AFTER, {"after": seq})
        return [(block, bytes(mention)) for block, mention in rows]

    def prepared_texts_after(self, seq: int) -> list[PreparedText]:
        """The text keys, bands and texts of the articles stored after `seq` with their
        link inputs."""
        rows = self._all(_PREPARED_TEXTS_AFTER, {"after": seq})
        return [PreparedText(a, k, int(w), t, tuple(b or ())) for a, k, w, t, b in rows]

    def members(self, blocks: Sequence[str] | None) -> list[StoredMember]:
        """The members of the clusters of `blocks` (None: of every cluster)."""
        if blocks is None:
            rows = self._all(_MEMBERS, {})
        else:
            rows = self._all(_MEMBERS_OF_BLOCKS, {"blocks": list(blocks)})
        return [StoredMember(c, e, a, int(s)) for c, e, a, s in rows]

    def acts_against(self, countries: Sequence[str], skip: Sequence[str]) -> list[StoredAct]:
        """Clusters whose target is one of `countries`, but those of `skip`."""
        rows = self._all(_ACTS_AGAINST, {"countries": list(countries), "skip": list(skip)})
        return [StoredAct(*row) for row in rows]

    def clusters_by_id(self, cluster_ids: Sequence[str]) -> list[StoredAct]:
        """The link columns of these stored clusters."""
        return [StoredAct(*row) for row in self._all(_CLUSTERS_BY_ID, {"ids": list(cluster_ids)})]

    def record_links(self, cluster_ids: Sequence[str]) -> dict[str, list[Any]]:
        """The links each of these stored clusters' records lists, by cluster id."""
        rows = self._all(_RECORD_LINKS, {"ids": list(cluster_ids)})
        return {cluster: json.loads(links) if links else [] for cluster, links in rows}

    def duplicate_candidates(self, keys: Sequence[str], bands: Sequence[str]) -> list[Candidate]:
        """Stored articles with one of these text keys or sharing one of these LSH bands."""
        rows = self._all(_CANDIDATES, {"keys": list(keys), "bands": list(bands)})
        return [Candidate(*row) for row in rows]

    def groups_of(self, article_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(group id, member, member's text key) of every group holding one of the articles."""
        return [(g, a, k) for g, a, k in self._all(_GROUPS_OF, {"ids": list(article_ids)})]

    def _one(self, query: str, parameters: dict[str, Any]) -> Any:
        return self._guard(lambda: self._connection.execute(query, parameters).fetchone())

    def _all(self, query: str, parameters: dict[str, Any]) -> list[Any]:
        return self._guard(lambda: self._connection.execute(query, parameters).fetchall())  # type: ignore[no-any-return]
