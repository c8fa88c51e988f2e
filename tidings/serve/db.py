"""The server's hold on the store, and the per-request `Reader` that the queries use.

Read-only (the default): the schema is checked once at start, then the file is held only while
requests need it (`SharedConnection`: opened lazily, shared by the requests in flight, closed
when none is, and drained for a waiting writer), so that `tidings run` writes the same store
while the server answers; each request sees what the run had committed when it started
reading, and a request that cannot get the file within `serve.read_wait_seconds` fails with
`StoreBusy` (the app answers 503 with Retry-After).

Ingest mode (`writable`): the server is itself a writer and holds the file, and the run lock
beside it, for as long as it runs, as one writer must; a `tidings run` on the same store then
fails at once with one line, and readers in other processes wait and give up cleanly.

DuckDB shares one database instance between connections of one process that open the same file
with the same configuration, so in ingest mode the read connection sees exactly what the
`Store` writes. Every query takes a cursor of its own (DuckDB cursors may be used from
different threads); writes go through the `Store`, one at a time under `write_lock`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import StoreError
from tidings.serve.sharing import SharedConnection
from tidings.settings import ServeSettings
from tidings.store import Store, run_lock
from tidings.store.lease import connect


class StoreAccess:
    """The app's access to one store: `reader()` for each request, `store` in ingest mode."""

    def __init__(
        self, path: Path, *, writable: bool, settings: ServeSettings, lock_wait: float
    ) -> None:
        self.path = path
        self.writable = writable
        self.write_lock = threading.Lock()
        self._held = contextlib.ExitStack()
        self._shared: SharedConnection | None = None
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._store: Store | None = None
        if not writable:
            # the schema once, at start; later opens are plain read-only connections
            Store.open(path, read_only=True, wait=settings.read_wait_seconds).close()
            self._shared = SharedConnection(
                path, wait=settings.read_wait_seconds, hold=settings.read_hold_ms / 1000
            )
            return
        try:
            Store.check_path(path)
            self._held.enter_context(run_lock(path))
            self._store = self._held.enter_context(Store.open(path, wait=lock_wait))
            self._connection = connect(path, read_only=False)
            self._held.callback(self._connection.close)
        except BaseException:
            self._held.close()
            raise

    @property
    def store(self) -> Store:
        """The writable store (ingest mode only)."""
        if self._store is None:
            raise StoreError(f"{self.path} is served read-only")
        return self._store

    @contextlib.contextmanager
    def reader(self) -> Iterator[Reader]:
        """A reader for one request; in read-only mode it borrows the shared connection at
        its first query and gives it back here, at the end of the request."""
        reader = Reader(self.path, self._shared, self._connection)
        try:
            yield reader
        finally:
            reader.done()

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
        self._held.close()


class Reader:
    """Read queries over the store for one request, with bound parameters only."""

    def __init__(
        self,
        path: Path,
        shared: SharedConnection | None,
        connection: duckdb.DuckDBPyConnection | None,
    ) -> None:
        self.path = path
        self._shared = shared
        self._connection = connection
        self._borrowed = False

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Every row of `sql` as a dict of column name to value."""
        cursor = self._cursor()
        try:
            cursor.execute(sql, dict(params or {}))
            names = [column[0] for column in cursor.description or []]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {self.path}: {str(exc).splitlines()[0]}") from exc
        finally:
            cursor.close()

    def row(self, sql: str, params: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def done(self) -> None:
        """The request is over: give the shared connection back if it was borrowed."""
        shared, self._shared = self._shared, None
        if self._borrowed and shared is not None:
            self._borrowed = False
            self._connection = None
            shared.release()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            if self._shared is None:
                raise StoreError(f"{self.path}: this request is over")
            self._connection = self._shared.acquire()
            self._borrowed = True
        try:
            return self._connection.cursor()
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {self.path}: {str(exc).splitlines()[0]}") from exc
