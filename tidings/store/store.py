"""The DuckDB store: one file, migrated on open, written one transaction per batch.

Every DuckDB exception is turned into `StoreError` here, so nothing past this module needs to
know that DuckDB is underneath. A store object holds one connection and is meant for one
thread. DuckDB allows one process with the file open for writing or many read-only, never
both: a store is meant to be held briefly and closed (`tidings.store.lease`), and
`Store.open(..., wait=seconds)` waits that long for another process to let go.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import duckdb

from tidings.clean.article import Article
from tidings.errors import StoreError
from tidings.ingest.document import Document
from tidings.store.clusters import (
    LINKS_STALE,
    SELECT_CLUSTERS,
    ClusterCounts,
    cluster_filters,
    write_links,
)
from tidings.store.export import Exported, ExportFormat, export_store
from tidings.store.layers import insert_layers
from tidings.store.lease import connect, duckdb_reason
from tidings.store.link_reads import LinkReader
from tidings.store.link_rows import ArticleLinkRows, LinkUpdate, insert_rows
from tidings.store.migrations import MIGRATIONS
from tidings.store.quotes import (
    INSERT_QUOTES,
    SELECT_QUOTES,
    StoredQuote,
    quote_columns,
    quote_filters,
)
from tidings.store.rows import (
    ARTICLE_FIELDS,
    INSERT_ARTICLES,
    INSERT_DOCUMENTS,
    Batch,
    StoredArticle,
    article_columns,
    document_columns,
    unique_articles,
    unique_documents,
)

# Bytes 8-11 of every DuckDB database file. Checked before connecting because DuckDB would
# otherwise open some other databases (SQLite) through an extension and write our tables there.
_DUCKDB_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8

# Rows fetched at a time when streaming records, so a large store is never read whole.
_FETCH_ROWS = 1000

_EXISTING_DOCUMENTS = "SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]))"
_EXISTING_ARTICLES = "SELECT id FROM articles WHERE id IN (SELECT unnest($ids::VARCHAR[]))"
_LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM articles"
_DOCUMENTS_STORED_BEFORE = (
    "SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[])) "
    "AND first_seen < $before::TIMESTAMP"
)
_ARTICLES_OF_DOCUMENTS = (
    "SELECT document_id, count(*) FROM articles "
    "WHERE document_id IN (SELECT unnest($ids::VARCHAR[])) GROUP BY document_id"
)
_Result = TypeVar("_Result")

_TABLE_NAMES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'main' ORDER BY table_name"
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `Store.add` (or a sum of them) wrote."""

    documents_added: int = 0
    articles_added: int = 0
    articles_present: int = 0

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(
            documents_added=self.documents_added + other.documents_added,
            articles_added=self.articles_added + other.articles_added,
            articles_present=self.articles_present + other.articles_present,
        )


class Store:
    """A Tidings store on one DuckDB file. Open it with `Store.open(path)`."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self._connection = connection
        self.path = path
        # Messages name the store as the user gave it (`tidings.duckdb`, `out/news.duckdb`).
        self._label = str(path)

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, read_only: bool = False, wait: float = 0
    ) -> Store:
        """Open (creating it unless `read_only`) the store at `path` and apply pending
        migrations. A read-only store must already be at this version's schema. While another
        process holds the file, try again for up to `wait` seconds (`lease.connect`); then
        `StoreBusy`, naming it."""
        store_path = Path(path)
        cls.check_path(store_path, read_only=read_only)
        connection = connect(store_path, read_only=read_only, wait=wait)
        store = cls(connection, store_path)
        try:
            store._migrate(read_only=read_only)
        except BaseException:
            connection.close()
            raise
        return store

    @staticmethod
    def check_path(path: Path, *, read_only: bool = False) -> None:
        """Raise StoreError if `path` cannot be a store (a folder, another kind of file, a
        missing file to read or a missing folder to create it in), without opening it."""
        _refuse_foreign_file(path, read_only=read_only)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def add(self, batch: Batch, *, link_rows: Sequence[ArticleLinkRows] = ()) -> AddResult:
        """Store a batch of parsed articles with their contract records, in one transaction;
        `link_rows`, the link inputs of some of them, are stored with the new ones.

        Documents are keyed by the sha256 of their raw bytes and articles by their content id,
        so what is already stored is left as it is and counted in `articles_present`.
        """
        if not batch:
            return AddResult()
        now = _utc_now()
        documents = unique_documents(batch)
        articles = unique_articles(batch)
        try:
            self._connection.execute("BEGIN TRANSACTION")
            try:
                documents_added, articles_added = self._insert(
                    documents, articles, now=now, link_rows=link_rows
                )
                self._connection.execute("COMMIT")
            except BaseException:
                # A failed COMMIT has already ended the transaction; keep its error, not ours.
                with contextlib.suppress(duckdb.Error):
                    self._connection.execute("ROLLBACK")
                raise
        except duckdb.Error as exc:
            raise StoreError(f"cannot write to {self._label}: {duckdb_reason(exc)}") from exc
        # Every article of the batch is either new or counted as present, including a second
        # copy within the batch itself (the same file named twice).
        return AddResult(
            documents_added=documents_added,
            articles_added=articles_added,
            articles_present=len(batch) - articles_added,
        )

    def stored_documents(self, ids: list[str], *, before: datetime) -> set[str]:
        """Which of these document ids (sha256 of the raw bytes) were stored before `before`
        (UTC, no zone): a run skips them without reading them again."""
        if not ids:
            return set()
        rows = self._fetch_all(_DOCUMENTS_STORED_BEFORE, {"ids": ids, "before": before})
        return {row[0] for row in rows}

    def articles_per_document(self, document_ids: list[str]) -> dict[str, int]:
        """How many stored articles came from each of these documents (absent: none)."""
        if not document_ids:
            return {}
        rows = self._fetch_all(_ARTICLES_OF_DOCUMENTS, {"ids": document_ids})
        return {row[0]: int(row[1]) for row in rows}

    def count(self, table: str) -> int:
        """Rows in `table` (one of `tables()`)."""
        if table not in self.tables():
            raise StoreError(f"{self._label} has no table named {table!r}")
        # A table name cannot be a bound parameter; it was checked against the catalogue above.
        row = self._fetch_one(f'SELECT count(*) FROM "{table}"')
        return int(row[0]) if row else 0

    def tables(self) -> list[str]:
        """Names of the store's tables, sorted."""
        return [row[0] for row in self._fetch_all(_TABLE_NAMES, {})]

    def columns(self, table: str) -> list[str]:
        """Names of `table`'s columns, in table order (empty if there is no such table)."""
        query = (
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position"
        )
        return [row[0] for row in self._fetch_all(query, {"table": table})]

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this store has recorded, oldest first."""
        return self._guarded(lambda: MIGRATIONS.applied(self._connection))

    def article_records(self) -> Iterator[dict[str, Any]]:
        """The stored contract records, in the order the articles were first stored."""
        for article in self.iter_articles():
            yield article.record

    def iter_articles(self) -> Iterator[StoredArticle]:
        """Every stored article, in the order they were first stored, read a block at a time."""
        # A cursor of its own, so that other calls on this store may run between two rows.
        cursor = self._guarded(self._connection.cursor)
        try:
            query = f"SELECT {ARTICLE_FIELDS} FROM articles ORDER BY seq"
            self._guarded(lambda: cursor.execute(query))
            while rows := self._guarded(lambda: cursor.fetchmany(_FETCH_ROWS)):
                for row in rows:
                    yield StoredArticle.from_row(row)
        finally:
            cursor.close()

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The stored article with this id, or None."""
        query = f"SELECT {ARTICLE_FIELDS} FROM articles WHERE id = $id"
        rows = self._fetch_all(query, {"id": article_id})
        return StoredArticle.from_row(rows[0]) if rows else None

    def quotes(self, *, speaker: str | None = None, since: str | None = None) -> list[StoredQuote]:
        """Stored quotes in the order their articles were stored: of a speaker (part of the
        name, any case, or the exact actor id) and dated on or after `since` (an ISO date;
        the statement's date, else the article's)."""
        rows = self._fetch_all(SELECT_QUOTES, quote_filters(speaker, since))
        return [StoredQuote.from_row(row) for row in rows]

    def write_links(self, update: LinkUpdate) -> ClusterCounts:
        """Write one link step's rows in one transaction (readers see the old clusters or the
        new ones); what the link tables hold afterwards."""

        def step() -> ClusterCounts:
            self._connection.execute("BEGIN TRANSACTION")
            try:
                counts = write_links(self._connection, update)
                self._connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    self._connection.execute("ROLLBACK")
                raise
            return counts

        return self._guarded(step, doing="link")

    def link_reader(self) -> LinkReader:
        """What the link step reads from this store: new articles, the articles and clusters
        of some blocks, duplicate candidates."""
        return LinkReader(self._connection, self._guarded)

    def links_stale(self) -> bool:
        """Are there stored articles the link tables were not built from?"""
        row = self._fetch_one(LINKS_STALE)
        return bool(row and row[0])

    def clusters(
        self,
        *,
        actor: str | None = None,
        since: str | None = None,
        event_type: str | None = None,
        status: str | None = None,
        complete: bool | None = True,
    ) -> list[dict[str, Any]]:
        """Stored event clusters, oldest first: of an actor (id or ISO3 country, as source or
        target), dated on or after `since`, of a PLOVER type and a status; complete ones only
        by default (`complete` False: partial ones only, None: both)."""
        filters = cluster_filters(actor, since, event_type, status, complete)
        rows = self._fetch_all(SELECT_CLUSTERS, filters)
        return [json.loads(row[0]) for row in rows]

    def export(
        self, out: Path, *, to: ExportFormat, include_partial: bool = False
    ) -> list[Exported]:
        """Write the store out: one file per table in folder `out` (Parquet, CSV), the
        articles' contract records as JSON lines, or the complete event clusters (all with
        `include_partial`) as GDELT or PLOVER, in file `out` (`-`: standard output)."""
        return self._guarded(
            lambda: export_store(self._connection, out, to=to, include_partial=include_partial),
            doing="export",
        )

    def _migrate(self, *, read_only: bool) -> None:
        name = self._label
        if read_only:
            pending = self._guarded(lambda: MIGRATIONS.pending(self._connection, store_name=name))
            if pending:
                raise StoreError(
                    f"{name} is from an older version of Tidings; "
                    "open it once for writing (e.g. with tidings run) to upgrade it"
                )
            return
        self._guarded(
            lambda: MIGRATIONS.apply(self._connection, store_name=name, now=_utc_now()),
            doing="migrate",
        )

    def _insert(
        self,
        documents: list[Document],
        articles: list[tuple[Article, dict[str, Any]]],
        *,
        now: datetime,
        link_rows: Sequence[ArticleLinkRows] = (),
    ) -> tuple[int, int]:
        """Insert what is not stored yet; return how many documents and articles that was."""
        known_documents = self._existing(_EXISTING_DOCUMENTS, [doc.sha256 for doc in documents])
        new_documents = [doc for doc in documents if doc.sha256 not in known_documents]
        known_articles = self._existing(_EXISTING_ARTICLES, [art.id for art, _ in articles])
        new_articles = [pair for pair in articles if pair[0].id not in known_articles]
        if new_documents:
            self._connection.execute(INSERT_DOCUMENTS, document_columns(new_documents, now=now))
        if new_articles:
            last = self._connection.execute(_LAST_SEQ).fetchone()
            first_seq = (int(last[0]) if last else 0) + 1
            columns = article_columns(new_articles, first_seq=first_seq, now=now)
            self._connection.execute(INSERT_ARTICLES, columns)
            quotes = quote_columns(new_articles)
            if quotes["article_id"]:
                self._connection.execute(INSERT_QUOTES, quotes)
            insert_layers(self._connection, [(art.id, record) for art, record in new_articles])
            _insert_link_rows(self._connection, link_rows, {art.id for art, _ in new_articles})
        return len(new_documents), len(new_articles)

    def _existing(self, query: str, ids: list[str]) -> set[str]:
        return {row[0] for row in self._connection.execute(query, {"ids": ids}).fetchall()}

    def _fetch_one(self, query: str) -> tuple[Any, ...] | None:
        return self._guarded(lambda: self._connection.execute(query).fetchone())

    def _fetch_all(self, query: str, parameters: dict[str, Any]) -> list[tuple[Any, ...]]:
        return self._guarded(lambda: self._connection.execute(query, parameters).fetchall())

    def _guarded(self, action: Callable[[], _Result], *, doing: str = "read") -> _Result:
        """Run `action`, turning a DuckDB failure into a StoreError that says what failed."""
        try:
            return action()
        except duckdb.Error as exc:
            raise StoreError(f"cannot {doing} {self._label}: {duckdb_reason(exc)}") from exc


def _insert_link_rows(
    connection: duckdb.DuckDBPyConnection, rows: Sequence[ArticleLinkRows], new: set[str]
) -> None:
    # one article's rows once, however many copies the batch held: the first's, as for its own
    # row (`unique_articles`), whatever the batches (the last's were kept within one batch)
    first: dict[str, ArticleLinkRows] = {}
    for row in rows:
        if row.article_id in new:
            first.setdefault(row.article_id, row)
    kept = list(first.values())
    insert_rows(connection, "link_mentions", [m for row in kept for m in row.mentions])
    insert_rows(connection, "article_text_keys", [row.text_key for row in kept])
    insert_rows(connection, "article_bands", [b for row in kept for b in row.bands])


def _utc_now() -> datetime:
    """Now in UTC, without a zone: the store's TIMESTAMP columns are all UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def _refuse_foreign_file(path: Path, *, read_only: bool) -> None:
    """Say plainly why `path` cannot be a store, before DuckDB gets to say it less plainly."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a DuckDB database")
    if not path.exists():
        if read_only:
            raise StoreError(f"{path} does not exist")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
        return
    try:
        with path.open("rb") as file:
            header = file.read(_MAGIC_OFFSET + len(_DUCKDB_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or 'unknown error'}") from exc
    if header[_MAGIC_OFFSET:] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a DuckDB database")
