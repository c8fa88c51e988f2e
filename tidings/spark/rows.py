"""Row-wise adapters over the store's column-wise row builders.

The store builds each batch as columns (one list per column, for DuckDB's unnest); Spark
wants rows. Every row here comes from the very builders `tidings run` uses
(`tidings/store/rows.py`, `quotes.py`, `layers.py`, `clusters.py`), transposed into the
column order of `tidings.spark.schemas.TABLES`, so the two stay equal by construction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from tidings.link import ClusterLink, EventCluster
from tidings.link.duplicates import DuplicateGroup
from tidings.parse.parsed import ParsedArticle
from tidings.runner.link_rows import cluster_row as store_cluster_row
from tidings.spark.schemas import column_names
from tidings.store.layers import LAYER_BUILDERS
from tidings.store.quotes import quote_columns
from tidings.store.rows import article_columns, document_columns

Row = tuple[Any, ...]

# Columns the store fills from a bound scalar rather than a list.
_SCALARS = {"first_seen": "now", "stored_at": "now"}


def transpose(table: str, columns: dict[str, Any]) -> list[Row]:
    """The rows of `columns` (a builder's output) in `table`'s column order."""
    names = column_names(table)
    lists = [None if name in _SCALARS else columns[name] for name in names]
    size = len(columns[names[0]])
    return [
        tuple(
            columns[_SCALARS[name]] if values is None else values[i]
            for name, values in zip(names, lists, strict=True)
        )
        for i in range(size)
    ]


def article_rows(
    parsed: ParsedArticle, record: dict[str, Any], *, now: datetime
) -> Iterator[tuple[str, Row]]:
    """(table, row) for every per-article table, from one extracted article. The article's
    `seq` is left at 0: it is the article's rank in the whole run, known only later."""
    article = parsed.article
    yield from (("documents", row) for row in
                transpose("documents", document_columns([article.document], now=now)))  # fmt: skip
    pair = [(article, record)]
    yield from (("articles", row) for row in
                transpose("articles", article_columns(pair, first_seq=0, now=now)))  # fmt: skip
    yield from (("quotes", row) for row in transpose("quotes", quote_columns(pair)))
    for table, build in LAYER_BUILDERS.items():
        yield from ((table, row) for row in transpose(table, build([(article.id, record)])))


def cluster_row(cluster: EventCluster, links: Sequence[ClusterLink]) -> Row:
    """The `event_clusters` row of one cluster; `links` those it takes part in."""
    row = store_cluster_row(cluster, links)  # the store's own row builder, reused as is
    return tuple(
        list(value) if isinstance(value, tuple) else value
        for value in (getattr(row, name) for name in column_names("event_clusters"))
    )


def member_rows(cluster: EventCluster) -> list[Row]:
    """The `cluster_members` rows of one cluster (as `replace_clusters` makes them)."""
    return [(cluster.id, member.event_id, member.article_id) for member in cluster.members]


def link_row(link: ClusterLink) -> Row:
    return (link.source_cluster, link.target_cluster, link.kind, link.evidence)


def duplicate_rows(group: DuplicateGroup) -> list[Row]:
    return [(group.id, article_id, group.exact) for article_id in group.members]
