"""Taking turns on a store file: short leases with retries, and the locks that keep it fair.

DuckDB lets one process hold a file for writing or any number of processes hold it read-only,
never both, and a second process is refused at once ("Conflicting lock"), never queued. So
every Tidings process holds the file only as long as it needs it (a run: one chunk's lookup,
one batch, the link step; the server: the requests in flight) and retries an open that meets
"in use" (`connect`), with backoff and jitter, until its wait is spent; then it fails with
`StoreBusy`, one sentence naming the holder.

Two small lock files beside the store (`flock`, so the kernel releases them when a process
dies, however it dies) make that fair and safe:

- `STORE.run.lock`, held by a run (or an ingesting server) for its whole length: a second
  writer of that kind fails at once with the holder's PID (`run_lock`) instead of
  interleaving its batches with the first.
- `STORE.write.lock`, held by a writer from the moment it asks for the file until it has it:
  readers do not open the file while it is held (`writer_waiting`), so a steady stream of
  readers cannot keep a waiting writer out; it gets in as soon as the readers already in
  finish.

Both files hold the PID of their holder (for the message) and are left in place: deleting a
lock file that another process may have just opened would let two processes hold "it".
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb

from tidings.errors import StoreError

# No extension is ever downloaded: the store needs only what ships inside the duckdb wheel
# (JSON, Parquet), and a download would hang or fail offline. Every connection of a process to
# one file must use the same configuration, or DuckDB refuses the second.
CONNECTION_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
}

# Backoff between two tries of a busy store: short at first (a batch commits in tens of ms),
# growing to a quarter second so that a long wait does not spin.
FIRST_DELAY = 0.02
LONGEST_DELAY = 0.25

RUN_LOCK_SUFFIX = ".run.lock"
WRITE_LOCK_SUFFIX = ".write.lock"

# DuckDB names the process that holds a store's lock: "... is held in /usr/bin/python (PID 42)".
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
# The category DuckDB puts before each message: "IO Error: ", "Invalid Input Error: ".
_DUCKDB_CATEGORY = re.compile(r"^[A-Z][A-Za-z ]*? Error: ")

_Result = TypeVar("_Result")


class StoreBusy(StoreError):
    """Another process holds the store (or a lock beside it), and the wait for it is over:
    "news.duckdb is in use by another process (PID 42); gave up after 120 s"."""

    def __init__(self, path: Path, pid: int | None, *, waited: float = 0) -> None:
        holder = f" (PID {pid})" if pid else ""
        gave_up = f"; gave up after {waited:g} s" if waited > 0 else ""
        super().__init__(f"{path} is in use by another process{holder}{gave_up}")
        self.path = path
        self.pid = pid
        self.waited = waited


def retry_while_busy(
    attempt: Callable[[], _Result],
    *,
    wait: float,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> _Result:
    """`attempt()`, tried again while it raises `StoreBusy`, until `wait` seconds have passed;
    then its last `StoreBusy`, saying how long it waited. Delays double from FIRST_DELAY to
    LONGEST_DELAY, each drawn at random from its upper half, so that processes that met
    at one moment do not come back at one moment."""
    deadline = clock() + wait
    delay = FIRST_DELAY
    while True:
        try:
            return attempt()
        except StoreBusy as exc:
            left = deadline - clock()
            if left <= 0:
                if wait <= 0:
                    raise
                raise StoreBusy(exc.path, exc.pid, waited=wait) from exc
            sleep(min(left, random.uniform(delay / 2, delay)))
            delay = min(delay * 2, LONGEST_DELAY)


def connect(path: Path, *, read_only: bool, wait: float = 0) -> duckdb.DuckDBPyConnection:
    """A connection to the file at `path`, retried for `wait` seconds while another process
    holds it. A writer announces itself while it waits (`STORE.write.lock`), and a reader does
    not open the file while a writer is announced."""
    if read_only:
        return retry_while_busy(lambda: _connect_reader(path), wait=wait)
    started = time.monotonic()
    with _announced_writer(path, wait=wait):
        left = max(0.0, wait - (time.monotonic() - started))
        try:
            return retry_while_busy(lambda: _connect_once(path, read_only=False), wait=left)
        except StoreBusy as exc:
            if wait <= 0:
                raise
            # the message gives the whole wait, announcing included
            raise StoreBusy(path, exc.pid, waited=wait) from exc


def writer_waiting(path: Path) -> int | None:
    """The PID of a writer waiting for (or just opening) the store, else None. Readers never
    create the lock file: a store on a read-only medium is read without one."""
    try:
        descriptor = os.open(_lock_path(path, WRITE_LOCK_SUFFIX), os.O_RDONLY)
    except OSError:
        return None
    try:
        if _try_flock(descriptor, fcntl.LOCK_SH):
            return None
        return _pid_in(descriptor) or 0
    finally:
        os.close(descriptor)  # closing also drops the shared lock just taken


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold `STORE.run.lock` for the block: a second holder fails at once with `StoreBusy`
    naming the first one's PID. The kernel drops the lock when the process ends, even by
    SIGKILL, so it never outlives its run."""
    descriptor = _open_lock_file(_lock_path(path, RUN_LOCK_SUFFIX))
    try:
        if not _try_flock(descriptor, fcntl.LOCK_EX):
            raise StoreBusy(path, _holder_pid(descriptor))
        _write_pid(descriptor)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)


def open_failure(path: Path, exc: duckdb.Error) -> StoreError:
    """One sentence for a failed connect: `StoreBusy` when another process holds the file."""
    message = str(exc)
    if "lock" in message.lower():
        holder = _LOCK_HOLDER.search(message)
        return StoreBusy(path, int(holder.group(1)) if holder else None)
    if "not a valid DuckDB database" in message:
        return StoreError(f"{path} is not a DuckDB database")
    return StoreError(f"cannot open {path}: {duckdb_reason(exc)}")


def duckdb_reason(exc: duckdb.Error) -> str:
    """DuckDB's message without its category prefix ("IO Error: ") or trailing help links."""
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    return _DUCKDB_CATEGORY.sub("", lines[0], count=1)


def _connect_reader(path: Path) -> duckdb.DuckDBPyConnection:
    waiting = writer_waiting(path)
    if waiting is not None:
        raise StoreBusy(path, waiting)
    return _connect_once(path, read_only=True)


def _connect_once(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only, config=CONNECTION_CONFIG)
    except duckdb.Error as exc:
        raise open_failure(path, exc) from exc


@contextlib.contextmanager
def _announced_writer(path: Path, *, wait: float) -> Iterator[None]:
    """Hold `STORE.write.lock` while the block opens the store: readers stay out meanwhile.
    Two writers announce one after the other (the lock is held for an open, not a write)."""
    descriptor = _open_lock_file(_lock_path(path, WRITE_LOCK_SUFFIX))
    try:

        def announce() -> None:
            if not _try_flock(descriptor, fcntl.LOCK_EX):
                raise StoreBusy(path, _holder_pid(descriptor))

        retry_while_busy(announce, wait=wait)
        _write_pid(descriptor)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)


def _lock_path(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _open_lock_file(lock: Path) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        reason = exc.strerror or "unknown error"
        raise StoreError(f"cannot create lock file {lock}: {reason}") from exc


def _try_flock(descriptor: int, kind: int) -> bool:
    try:
        fcntl.flock(descriptor, kind | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _write_pid(descriptor: int) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)


def _holder_pid(descriptor: int) -> int | None:
    """The PID in a lock file held by another process. The holder writes it just after it
    takes the lock, so an empty file is read again for a moment before giving up on it."""
    for _ in range(20):
        pid = _pid_in(descriptor)
        if pid:
            return pid
        time.sleep(0.005)
    return None


def _pid_in(descriptor: int) -> int | None:
    text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None
