"""Taking turns on a store file (`tidings.store.lease`): retries with backoff until the wait is
spent, then one clean `StoreBusy`; the run lock; a writer's announcement keeping readers out.

The retry loop is driven by a fake clock and a fake sleep; the rest uses real files, and a real
second process where DuckDB's own lock is what is met."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.store_holder import REPO, held_by_another_process
from tidings.errors import StoreError
from tidings.store import Store, StoreBusy, lease, run_lock
from tidings.store.lease import (
    FIRST_DELAY,
    LONGEST_DELAY,
    connect,
    retry_while_busy,
    writer_waiting,
)


class FakeTime:
    """A clock that moves only when slept on, and the sleeps asked for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def busy_times(times: int, path: Path = Path("news.duckdb")) -> Callable[[], str]:
    """An attempt that finds the store busy `times` times, then gets it."""
    left = [times]

    def attempt() -> str:
        if left[0] > 0:
            left[0] -= 1
            raise StoreBusy(path, 42)
        return "opened"

    return attempt


def test_a_busy_store_is_tried_again_until_it_opens() -> None:
    fake = FakeTime()
    result = retry_while_busy(busy_times(6), wait=120, sleep=fake.sleep, clock=fake.clock)
    assert result == "opened"
    assert len(fake.slept) == 6
    # each delay in the upper half of its step; steps double from 20 ms to at most 250 ms
    steps = [min(FIRST_DELAY * 2**n, LONGEST_DELAY) for n in range(6)]
    for slept, step in zip(fake.slept, steps, strict=True):
        assert step / 2 <= slept <= step


def test_the_wait_spent_is_one_clean_store_busy_naming_the_holder() -> None:
    fake = FakeTime()
    with pytest.raises(StoreBusy) as raised:
        retry_while_busy(busy_times(10_000), wait=3, sleep=fake.sleep, clock=fake.clock)
    assert (
        str(raised.value) == "news.duckdb is in use by another process (PID 42); gave up after 3 s"
    )
    assert isinstance(raised.value, StoreError)
    assert raised.value.pid == 42
    assert fake.now == pytest.approx(3)  # never sleeps past the wait
    assert max(fake.slept) <= LONGEST_DELAY


def test_no_wait_is_one_try() -> None:
    fake = FakeTime()
    with pytest.raises(StoreBusy, match=r"^news\.duckdb is in use by another process \(PID 42\)$"):
        retry_while_busy(busy_times(1), wait=0, sleep=fake.sleep, clock=fake.clock)
    assert fake.slept == []


def test_other_errors_are_not_retried() -> None:
    calls = []

    def broken() -> None:
        calls.append(1)
        raise StoreError("news.duckdb is not a DuckDB database")

    with pytest.raises(StoreError, match="not a DuckDB database"):
        retry_while_busy(broken, wait=60)
    assert calls == [1]


def test_a_store_held_past_the_wait_fails_with_the_holders_pid(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    with held_by_another_process(path), pytest.raises(StoreBusy) as raised:
        Store.open(path, read_only=True, wait=0.3)
    message = str(raised.value)
    assert re.fullmatch(
        rf"{re.escape(str(path))} is in use by another process \(PID \d+\); gave up after 0\.3 s",
        message,
    )
    assert raised.value.pid != os.getpid()


def test_an_open_waits_for_the_holder_to_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.duckdb"
    refused = threading.Event()
    original = lease._connect_once

    def counting(store: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return original(store, read_only=read_only)
        except StoreBusy:
            refused.set()
            raise

    monkeypatch.setattr(lease, "_connect_once", counting)
    opened: list[Store] = []
    with held_by_another_process(path):
        waiter = threading.Thread(target=lambda: opened.append(Store.open(path, wait=300)))
        waiter.start()
        assert refused.wait(timeout=300), "the open never met the holder"
    # the holder is gone: the waiting open gets the store
    waiter.join(timeout=300)
    assert len(opened) == 1
    with opened[0] as store:
        assert "articles" in store.tables()


def test_a_second_run_lock_fails_at_once_with_the_pid(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    with run_lock(path):
        assert (tmp_path / "news.duckdb.run.lock").read_text().strip() == str(os.getpid())
        with pytest.raises(StoreBusy) as raised, run_lock(path):
            pass
        assert str(raised.value) == f"{path} is in use by another process (PID {os.getpid()})"
    with run_lock(path):  # released at the end of the block
        pass
    assert (tmp_path / "news.duckdb.run.lock").read_text() == ""


_LOCK_AND_WAIT = """
import sys
from pathlib import Path
from tidings.store import run_lock
with run_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_the_run_lock_goes_with_a_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c", _LOCK_AND_WAIT, str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusy, match=rf"\(PID {child.pid}\)"), run_lock(path):
            pass
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    with run_lock(path):  # the kernel dropped it: nothing stale is left to clear
        pass


def test_readers_stay_out_while_a_writer_is_announced(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    Store.open(path).close()
    assert writer_waiting(path) is None
    with lease._announced_writer(path, wait=0):
        assert writer_waiting(path) == os.getpid()
        with pytest.raises(StoreBusy, match=rf"\(PID {os.getpid()}\)"):
            connect(path, read_only=True, wait=0)
    assert writer_waiting(path) is None
    connect(path, read_only=True).close()


def test_a_reader_needs_no_lock_file(tmp_path: Path) -> None:
    """A store on a read-only medium: readers never create the lock files."""
    path = tmp_path / "news.duckdb"
    Store.open(path).close()
    (tmp_path / "news.duckdb.write.lock").unlink()
    with Store.open(path, read_only=True, wait=1) as store:
        assert store.count("articles") == 0
    assert not (tmp_path / "news.duckdb.write.lock").exists()
