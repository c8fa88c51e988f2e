"""What `tidings fetch` remembers in the store (tables made by migration m010_fetch_state; see
docs/schema.md): per URL, the validators its server sent (ETag, Last-Modified: the next
request asks "changed since?") and the key of the feed entry that led to it (a page is asked
for again only when its entry changed); per round, its WARC file and whether the articles in
it are stored (a round killed before that is stored by the next one, from its WARC).

Each call opens the store for a short window, as `tidings run` does, so that readers in other
processes read between them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tidings.errors import StoreError
from tidings.store.lease import connect, duckdb_reason

FETCH_STATE_TABLE = """
CREATE TABLE fetch_state (
    url VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    etag VARCHAR,
    last_modified VARCHAR,
    item_key VARCHAR,
    status INTEGER NOT NULL,
    warc VARCHAR,
    fetched_at TIMESTAMP NOT NULL
)
"""
FETCH_ROUNDS_TABLE = """
CREATE TABLE fetch_rounds (
    warc VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    stored_at TIMESTAMP
)
"""

_UPSERT = """
INSERT OR REPLACE INTO fetch_state
    (url, kind, etag, last_modified, item_key, status, warc, fetched_at)
VALUES ($url, $kind, $etag, $last_modified, $item_key, $status, $warc, $fetched_at)
"""
_SELECT = """
SELECT url, kind, etag, last_modified, item_key, status, warc, fetched_at
FROM fetch_state WHERE url = $url
"""
_SELECT_MANY = """
SELECT url, kind, etag, last_modified, item_key, status, warc, fetched_at
FROM fetch_state WHERE url IN (SELECT unnest($urls::VARCHAR[]))
"""
_ADD_ROUND = "INSERT OR IGNORE INTO fetch_rounds (warc, started_at) VALUES ($warc, $now)"
_ROUND_STORED = "UPDATE fetch_rounds SET stored_at = $now WHERE warc = $warc"
_ROUNDS_NOT_STORED = "SELECT warc FROM fetch_rounds WHERE stored_at IS NULL ORDER BY started_at"


@dataclass(frozen=True, slots=True)
class UrlState:
    """What was remembered of one URL. `kind`: feed, sitemap, page; `warc`: the file its last
    full response was written to (None for a 304)."""

    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    item_key: str | None
    status: int
    warc: str | None
    fetched_at: datetime


class FetchState:
    """The fetch tables of the store at `path` (already created and migrated)."""

    def __init__(self, path: Path, *, wait: float) -> None:
        self.path = path
        self._wait = wait

    def get(self, url: str) -> UrlState | None:
        with self._connection(read_only=True) as connection:
            row = connection.execute(_SELECT, {"url": url}).fetchone()
        return None if row is None else UrlState(*row)

    def get_many(self, urls: list[str]) -> dict[str, UrlState]:
        """What is remembered of each of `urls` (those never fetched are left out): one
        window for a whole listing rather than one per entry."""
        if not urls:
            return {}
        with self._connection(read_only=True) as connection:
            rows = connection.execute(_SELECT_MANY, {"urls": urls}).fetchall()
        return {row[0]: UrlState(*row) for row in rows}

    def remember(self, state: UrlState) -> None:
        with self._connection() as connection:
            connection.execute(
                _UPSERT,
                {
                    "url": state.url,
                    "kind": state.kind,
                    "etag": state.etag,
                    "last_modified": state.last_modified,
                    "item_key": state.item_key,
                    "status": state.status,
                    "warc": state.warc,
                    "fetched_at": _naive_utc(state.fetched_at),
                },
            )

    def add_round(self, warc: str) -> None:
        with self._connection() as connection:
            connection.execute(_ADD_ROUND, {"warc": warc, "now": _naive_utc(datetime.now(UTC))})

    def round_stored(self, warc: str) -> None:
        with self._connection() as connection:
            connection.execute(_ROUND_STORED, {"warc": warc, "now": _naive_utc(datetime.now(UTC))})

    def rounds_not_stored(self) -> list[str]:
        with self._connection(read_only=True) as connection:
            return [row[0] for row in connection.execute(_ROUNDS_NOT_STORED).fetchall()]

    @contextmanager
    def _connection(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        connection = connect(self.path, read_only=read_only, wait=self._wait)
        try:
            yield connection
        except duckdb.Error as exc:
            raise StoreError(f"cannot use {self.path}: {duckdb_reason(exc)}") from exc
        finally:
            connection.close()


def create_fetch_tables(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(FETCH_STATE_TABLE)
    connection.execute(FETCH_ROUNDS_TABLE)


def _naive_utc(moment: datetime) -> datetime:
    """The store's TIMESTAMP columns are UTC without a zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)
