"""Concurrent use of one store: DuckDB allows one writing process per file, so a second `run`
and any reader fail while a run holds the store, each with one plain line and exit code 2,
never a traceback and never damage; the run itself goes on and stores everything once.

The writer is held at a known point without timing: one of its inputs is a named pipe
(FIFO), and opening a FIFO blocks until both ends are open. When our end opens, the run has
opened the store, committed its first batch and is waiting on the pipe; when we write the
pipe's article and close it, the run goes on to the end."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_crash_resume import (
    article_text,
    stored_ids,
    write_corpus,
    write_settings,
)
from tidings.errors import StoreError
from tidings.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 6

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


def _tidings(*args: str) -> list[str]:
    return [sys.executable, "-m", "tidings", *args]


def _open_writer_end(fifo: Path, *, timeout: float = 300) -> int:
    """Our end of `fifo`, once the run has opened its end (it is then waiting on it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: no reader yet
            if exc.errno != errno.ENXIO:
                raise
        time.sleep(0.05)
    raise AssertionError(f"the run never opened {fifo}")


def _held_run(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path, Path, int]:
    """A `tidings run` holding its store, stopped on a FIFO after its first committed batch."""
    folder = write_corpus(tmp_path / "news", articles=ARTICLES)
    # named to come after two articles (one batch of two committed), before the others
    fifo = folder / "a002-pipe.txt"
    os.mkfifo(fifo)
    settings = write_settings(tmp_path / "settings.yaml")
    db = tmp_path / "store.duckdb"
    run = subprocess.Popen(
        _tidings("run", str(folder), "--db", str(db), "--settings", str(settings), "--quiet"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return run, folder, db, fifo, _open_writer_end(fifo)


def _release(run: subprocess.Popen[str], end: int) -> tuple[str, str]:
    """Hand the run the pipe's article and let it finish."""
    os.set_blocking(end, True)
    os.write(end, article_text(ARTICLES).encode())
    os.close(end)
    return run.communicate(timeout=600)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_second_run_and_readers_fail_cleanly_while_a_run_writes(tmp_path: Path) -> None:
    run, folder, db, _, end = _held_run(tmp_path)
    in_use = rf"{re.escape(str(db))} is in use by another process \(PID {run.pid}\)"
    try:
        # a second writer: one line, exit 2, and it writes nothing
        second = subprocess.run(
            _tidings("run", str(folder), "--db", str(db), "--quiet"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert second.returncode == 2
        assert re.fullmatch(rf"tidings: {in_use}", _one_line(second.stderr))
        # a reader through the CLI: the same
        reader = subprocess.run(
            _tidings("events", "--db", str(db)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert reader.returncode == 2 and reader.stdout == ""
        assert re.fullmatch(rf"tidings: {in_use}", _one_line(reader.stderr))
        # a reader through the library (what the server does): a StoreError that says so
        with pytest.raises(StoreError, match=in_use):
            Store.open(db, read_only=True)
    finally:
        out, err = _release(run, end)
    assert run.returncode == 0, err
    assert out == ""
    assert err.splitlines()[-1].startswith(
        f"stored {ARTICLES + 1} new articles (0 already present)"
    ), err
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == ARTICLES + 1


def test_the_run_holds_the_store_from_start_to_end(tmp_path: Path) -> None:
    """The committed first batch is not visible to a reader while the run goes on: the file
    lock, not the transaction, is what a reader meets (docs/reliability.md)."""
    run, _, db, _, end = _held_run(tmp_path)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            Store.open(db, read_only=True)
        assert db.exists()
    finally:
        _release(run, end)
    assert run.returncode == 0
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == ARTICLES + 1


def test_two_runs_started_together_on_a_new_store(tmp_path: Path) -> None:
    """Neither waits: one stores everything, the other fails with one line; nothing twice."""
    folder = write_corpus(tmp_path / "news", articles=3)
    db = tmp_path / "store.duckdb"
    runs = [
        subprocess.Popen(
            _tidings("run", str(folder), "--db", str(db), "--quiet"),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes[0] == 0 or codes == [2, 2], results
    for code, out, err in results:
        assert out == "" and "Traceback" not in err
        if code == 2:
            assert _one_line(err).startswith("tidings: "), err
    if codes[0] == 0:
        ids = stored_ids(db)
        assert len(ids) == len(set(ids)) == 3


# Opens the store read-only (as `tidings serve` does) and holds it until stdin closes.
_READER = """
import sys
from tidings.store import Store
store = Store.open(sys.argv[1], read_only=True)
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


def test_a_run_fails_cleanly_while_a_reader_holds_the_store(tmp_path: Path) -> None:
    """DuckDB's lock is per process: a reader in another process (the server, read-only)
    keeps every writer out for as long as it holds the file open."""
    folder = write_corpus(tmp_path / "news", articles=2)
    db = tmp_path / "store.duckdb"
    with Store.open(db):
        pass  # an empty store, migrated
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(db)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
        run = subprocess.run(
            _tidings("run", str(folder), "--db", str(db), "--quiet"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        reader.communicate(input="", timeout=60)
    assert run.returncode == 2
    line = _one_line(run.stderr)
    assert re.fullmatch(
        rf"tidings: {re.escape(str(db))} is in use by another process \(PID {reader.pid}\)", line
    ), line
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 0
