"""The server's hold on the store: one `Store` (which checks the schema, or migrates it when
writable) and one DuckDB connection for the server's own read queries.

DuckDB shares one database instance between connections of one process that open the same file
with the same configuration, so the reader connection sees exactly what the `Store` writes.
Read-only by default: the file is opened `read_only`, so other processes may read it too and
nothing the server does can change it. Only in ingest mode is it opened for writing, and then
this process holds DuckDB's single-writer lock on the file for as long as it runs (a
`tidings run` on the same file waits for the server to stop).

Every request takes a cursor of its own (DuckDB cursors may be used from different threads);
writes go through the `Store`, one at a time under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import StoreError
from tidings.store import Store

# The same configuration as the Store's connection: the instance is shared only when the
# configurations agree, and no extension is ever downloaded (the server works offline).
_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
}


class Reader:
    """Read queries over one store, with bound parameters only."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        self.path = path
        self.writable = writable
        self.store = Store.open(path, read_only=not writable)
        try:
            self._connection = duckdb.connect(str(path), read_only=not writable, config=_CONFIG)
        except duckdb.Error as exc:
            self.store.close()
            raise StoreError(f"cannot open {path}: {exc}") from exc
        self.write_lock = threading.Lock()

    def close(self) -> None:
        self._connection.close()
        self.store.close()

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Every row of `sql` as a dict of column name to value."""
        cursor = self._connection.cursor()
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
