"""The read-only server's one connection to the store, held only while requests need it.

DuckDB lets a process hold a file read-only only while no other process holds it for writing,
so a server that kept its connection open would keep every `tidings run` out. Instead the
connection is opened when a request first needs it, shared by every request in flight, and
closed as soon as none is in flight. Under a steady stream of requests there is never such a
moment, so the connection is also drained: no new request takes it (they wait) once a writer
has announced itself (`lease.writer_waiting`) or once it has been held `hold` seconds; the
requests in flight finish, it closes, and the next request opens it again, through the
announcement, so a waiting writer goes first. Opening waits up to `wait` seconds for a writer
to let go; past that the request fails with `StoreBusy` (the app answers 503).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb

from tidings.errors import StoreError
from tidings.store.lease import StoreBusy, connect, writer_waiting


class SharedConnection:
    """A read-only connection lent to requests (`acquire`, then `release` once each)."""

    def __init__(self, path: Path, *, wait: float, hold: float) -> None:
        self._path = path
        self._wait = wait
        self._hold = hold
        self._changed = threading.Condition()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._opened_at = 0.0
        self._draining = False
        self._opening = False
        self._closed = False
        # who held the store when the last open gave up, for the requests that waited on it
        self._holder: int | None = None

    def acquire(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened if need be; waits while it drains or another request opens
        it, up to the read wait in all."""
        deadline = time.monotonic() + self._wait
        with self._changed:
            while True:
                if self._closed:
                    raise StoreError(f"{self._path}: the server is shutting down")
                if self._connection is not None and not self._draining:
                    if not self._due_to_drain():
                        self._users += 1
                        return self._connection
                    self._draining = True
                elif self._connection is None and not self._opening:
                    self._opening = True
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise self._gave_up()
                self._changed.wait(left)
        return self._open(deadline)

    def release(self) -> None:
        """One request is done with the connection; the last one out closes it."""
        with self._changed:
            self._users -= 1
            if self._users == 0:
                self._close_locked()

    def close(self) -> None:
        """At shutdown: no request takes the connection any more; it closes when idle."""
        with self._changed:
            self._closed = True
            if self._users == 0:
                self._close_locked()

    def _open(self, deadline: float) -> duckdb.DuckDBPyConnection:
        # Outside the condition's lock: the retries sleep, and releases must not wait on them.
        try:
            connection = connect(
                self._path, read_only=True, wait=max(0.0, deadline - time.monotonic())
            )
        except StoreBusy as exc:
            with self._changed:
                self._opening = False
                self._holder = exc.pid
                self._changed.notify_all()
            raise StoreBusy(self._path, exc.pid, waited=self._wait) from exc
        except BaseException:
            with self._changed:
                self._opening = False
                self._changed.notify_all()
            raise
        with self._changed:
            self._opening = False
            self._connection = connection
            self._opened_at = time.monotonic()
            self._users += 1
            self._changed.notify_all()
        return connection

    def _due_to_drain(self) -> bool:
        held = time.monotonic() - self._opened_at
        return held >= self._hold or writer_waiting(self._path) is not None

    def _close_locked(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._draining = False
        self._changed.notify_all()

    def _gave_up(self) -> StoreBusy:
        return StoreBusy(self._path, self._holder, waited=self._wait)
