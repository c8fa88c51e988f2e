"""What the link step writes, as typed rows: the store writes them and knows nothing of how
they were found (the runner turns the link stage's clusters into these rows).

Each row class is its table's column list, once: the field names are the column names, in
table order, and each field's `sql` metadata is the type its bound list is cast to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import duckdb


def _sql(kind: str) -> Any:
    return field(metadata={"sql": kind})


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """One `event_clusters` row; `record` is the cluster's JSON line as text."""

    id: str = _sql("VARCHAR")
    type: str = _sql("VARCHAR")
    status: str = _sql("VARCHAR")
    source_id: str | None = _sql("VARCHAR")
    source_country: str | None = _sql("VARCHAR")
    target_id: str | None = _sql("VARCHAR")
    target_country: str | None = _sql("VARCHAR")
    date_value: str | None = _sql("VARCHAR")
    date_precision: str | None = _sql("VARCHAR")
    date_basis: str = _sql("VARCHAR")
    location: str | None = _sql("VARCHAR")
    articles: int = _sql("INTEGER")
    outlets: tuple[str, ...] = _sql("VARCHAR[]")
    first_report: str | None = _sql("VARCHAR")
    last_report: str | None = _sql("VARCHAR")
    discrepancies: int = _sql("INTEGER")
    record: str = _sql("JSON")
    complete: bool = _sql("BOOLEAN")


@dataclass(frozen=True, slots=True)
class MemberRow:
    cluster_id: str = _sql("VARCHAR")
    event_id: str = _sql("VARCHAR")
    article_id: str = _sql("VARCHAR")


@dataclass(frozen=True, slots=True)
class LinkRow:
    source_cluster: str = _sql("VARCHAR")
    target_cluster: str = _sql("VARCHAR")
    kind: str = _sql("VARCHAR")
    evidence: str | None = _sql("VARCHAR")


@dataclass(frozen=True, slots=True)
class DuplicateRow:
    group_id: str = _sql("VARCHAR")
    article_id: str = _sql("VARCHAR")
    exact: bool = _sql("BOOLEAN")


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One event mention of an article in its link block (`link_mentions`, m011); `mention`
    is opaque to the store (the runner pickles the link stage's `EventMention`)."""

    block: str = _sql("VARCHAR")
    article_id: str = _sql("VARCHAR")
    mention: bytes = _sql("BLOB")


@dataclass(frozen=True, slots=True)
class ClusterBlockRow:
    """The link block a cluster was found in (`cluster_blocks`, m011)."""

    cluster_id: str = _sql("VARCHAR")
    block: str = _sql("VARCHAR")


@dataclass(frozen=True, slots=True)
class TextKeyRow:
    """An article's normalised-text key and word count (`article_text_keys`, m011)."""

    article_id: str = _sql("VARCHAR")
    text_key: str = _sql("VARCHAR")
    words: int = _sql("INTEGER")


@dataclass(frozen=True, slots=True)
class BandRow:
    """One MinHash LSH band value of an article's text (`article_bands`, m011)."""

    band: str = _sql("VARCHAR")
    article_id: str = _sql("VARCHAR")


@dataclass(frozen=True, slots=True)
class ArticleLinkRows:
    """One article's rows of the m011 tables, made where the article was extracted and
    stored with it (`Store.add`), so the link step after a run reads them instead of the
    article's record."""

    article_id: str
    mentions: tuple[MentionRow, ...]
    text_key: TextKeyRow
    bands: tuple[BandRow, ...]


@dataclass(frozen=True, slots=True)
class LinkUpdate:
    """One link step's writing. `whole`: every link table is replaced. Otherwise the clusters
    of `blocks` are replaced by `clusters`, the links out of `relinked` (old and new ids of
    those clusters) by `links`, links into a vanished id follow `renamed` (old id -> the id
    now holding its reports) or go, and the duplicate groups `groups` by `duplicates`; the
    article rows (`article_blocks`, `text_keys`, `bands`) are added. The stored clusters
    `replaced` go (with their members and blocks) and `clusters` come; the other stored
    clusters stay as they are. `through`: the last article `seq` linked."""

    through: int
    whole: bool
    clusters: Sequence[ClusterRow] = ()
    members: Sequence[MemberRow] = ()
    cluster_blocks: Sequence[ClusterBlockRow] = ()
    links: Sequence[LinkRow] = ()
    duplicates: Sequence[DuplicateRow] = ()
    mentions: Sequence[MentionRow] = ()
    text_keys: Sequence[TextKeyRow] = ()
    bands: Sequence[BandRow] = ()
    replaced: Sequence[str] = ()
    relinked: Sequence[str] = ()
    renamed: dict[str, str] = field(default_factory=dict)
    groups: Sequence[str] = ()


def insert_rows(connection: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Any]) -> None:
    """Insert dataclass rows of one class into `table` (a fixed name), one statement."""
    if not rows:
        return
    columns = fields(rows[0])
    selects = ", ".join(
        f"unnest(${c.name}::{c.metadata['sql']}[])" if c.metadata["sql"] != "JSON"
        else f"unnest(${c.name}::VARCHAR[])::JSON"
        for c in columns
    )  # fmt: skip
    names = ", ".join(c.name for c in columns)
    values = {c.name: [_bound(getattr(row, c.name)) for row in rows] for c in columns}
    connection.execute(f"INSERT INTO {table} ({names}) SELECT {selects}", values)


def _bound(value: Any) -> Any:
    """A tuple binds as a list (DuckDB would read a tuple as a struct)."""
    return list(value) if isinstance(value, tuple) else value
