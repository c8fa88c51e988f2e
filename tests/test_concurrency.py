"""Concurrent use of one store (docs/reliability.md, "Concurrent use"): a run holds the file
only for short windows, so the server and the CLI readers read while it writes and see the
batches committed so far; a busy server does not starve the run; a second run fails at once
with one line; and nothing is ever stored twice.

A run is held at a known point without timing: one of its inputs is a named pipe (FIFO), and
opening a FIFO blocks until both ends are open. The pipe comes after 16 articles, one chunk
of the stream (`chunking.CHUNK_DOCUMENTS`): a run with one worker parses and stores a whole
chunk before it reads the next, so when our end opens, the run has committed those 16 (eight
batches of two), has the store closed, and waits on the pipe. When we write the pipe's article
and close it, the run goes on to the end. One held run serves two tests: a second run is
refused while it waits, then the readers read and it is let go."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import tidings_in_process
from tests.test_crash_resume import article_text, stored_ids, write_corpus, write_settings
from tests.test_serve_api import running
from tidings.chunking import CHUNK_DOCUMENTS
from tidings.serve import create_app
from tidings.store import Store
from tidings.store.lease import writer_waiting

ROOT = Path(__file__).resolve().parents[1]
BEFORE_PIPE = CHUNK_DOCUMENTS  # articles committed when the run waits on the pipe
ARTICLES = BEFORE_PIPE + 2  # files a000 ... a017, and the pipe between a015 and a016

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


def _tidings(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "tidings", *map(str, args)]


def _call(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _tidings(*args), cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def _start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _tidings(*args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _until(condition: object, what: str, *, timeout: float = 300) -> None:
    """Poll `condition()` (a callable) until it is true."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.05)


class HeldRun:
    """A `tidings run` stopped on a FIFO after its first chunk (see the module's docstring)."""

    def __init__(self, tmp_path: Path) -> None:
        self.folder = write_corpus(tmp_path / "news", articles=ARTICLES)
        fifo = self.folder / f"a{BEFORE_PIPE:03d}-pipe.txt"
        os.mkfifo(fifo)
        self.settings = write_settings(tmp_path / "settings.yaml")
        self.db = tmp_path / "store.duckdb"
        self.process = _start(
            "run", self.folder, "--db", self.db, "--settings", self.settings, "--quiet"
        )
        self._end = -1

        def opened() -> bool:
            try:
                self._end = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:  # ENXIO: the run has not opened its end yet
                if exc.errno != errno.ENXIO:
                    raise
                return False
            return True

        _until(opened, "the run opened the pipe")

    def release(self) -> tuple[str, str]:
        """Hand the run the pipe's article and let it finish."""
        if self._end >= 0:
            os.set_blocking(self._end, True)
            os.write(self._end, article_text(ARTICLES).encode())
            os.close(self._end)
            self._end = -1
        out, err = self.process.communicate(timeout=600)
        assert self.process.returncode == 0, err
        assert out == ""
        stored = f"stored {ARTICLES + 1} new articles (0 already present)"
        assert err.splitlines()[-1].startswith(stored), err
        return out, err


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def _stored_once(db: Path, count: int) -> None:
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == count


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeldRun]:
    """One held run for the two tests below, in their order: the first leaves it waiting, the
    second lets it go (a run and a spaCy load fewer than a run each)."""
    run = HeldRun(tmp_path_factory.mktemp("held"))
    try:
        yield run
    finally:
        if run.process.poll() is None:
            run.release()
    _stored_once(run.db, ARTICLES + 1)


def test_a_second_run_fails_at_once_while_a_run_writes(held: HeldRun) -> None:
    assert held.process.poll() is None, "the held run has already been let go"
    second = _call("run", held.folder, "--db", held.db, "--quiet")
    assert second.returncode == 2
    # at once: no "gave up after" (it did not wait), and it names the first run
    in_use = rf"tidings: {re.escape(str(held.db))} is in use by another process"
    assert re.fullmatch(rf"{in_use} \(PID {held.process.pid}\)", _one_line(second.stderr))


def test_readers_and_the_server_read_while_a_run_writes(held: HeldRun) -> None:
    assert held.process.poll() is None, "the held run has already been let go"
    # the CLI (here, in this process: the run is the other process): no clusters yet (the
    # link step comes last), the committed articles there
    events = tidings_in_process("events", "--db", str(held.db))
    assert events.returncode == 0, events.stderr
    assert events.stdout == b"" and _one_line(events.stderr.decode()) == "0 events"
    exported = tidings_in_process("export", "-", "--to", "jsonl", "--db", str(held.db))
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == BEFORE_PIPE
    # the server, started during the run, and still up when it ends
    with running(create_app(held.db)) as base, httpx.Client(base_url=base) as http:
        assert http.get("/api/articles").json()["total"] == BEFORE_PIPE
        assert http.get("/api/events").json()["total"] == 0
        assert http.get("/").status_code == 200
        held.release()
        assert http.get("/api/articles").json()["total"] == ARTICLES + 1
        events_after = http.get("/api/events").json()
        assert events_after["total"] > 0  # the link step's clusters
        cluster = events_after["items"][0]["id"]
        assert http.get(f"/api/events/{cluster}").status_code == 200
    _stored_once(held.db, ARTICLES + 1)


def test_a_server_under_steady_load_does_not_starve_a_run(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news", articles=12)
    settings = write_settings(tmp_path / "settings.yaml")  # a write window every two articles
    db = tmp_path / "store.duckdb"
    Store.open(db).close()  # the server starts on an empty store
    statuses: Counter[int] = Counter()
    stop = threading.Event()

    def steady(paths: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            while not stop.is_set():
                for path in paths:
                    statuses[http.get(path).status_code] += 1

    with running(create_app(db)) as base:
        clients = [
            threading.Thread(target=steady, args=(paths,))
            for paths in (["/api/articles", "/api/events"], ["/api/timeline", "/"]) * 2
        ]
        for client in clients:
            client.start()
        try:
            _until(lambda: statuses.total() >= 20, "the server answered under load")
            started = time.monotonic()
            run = _call("run", folder, "--db", db, "--settings", settings, "--quiet")
            took = time.monotonic() - started
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=120)
    assert run.returncode == 0, run.stderr
    assert took < 600
    assert set(statuses) <= {200, 503} and statuses[200] > 0, statuses
    _stored_once(db, 12)


def test_two_runs_started_together_on_a_new_store(tmp_path: Path) -> None:
    """One stores everything, the other fails with one line naming it; nothing twice."""
    folder = write_corpus(tmp_path / "news", articles=3)
    db = tmp_path / "store.duckdb"
    runs = [_start("run", folder, "--db", db, "--quiet") for _ in range(2)]
    results = [(run.pid, run.wait(timeout=600), *run.communicate()) for run in runs]
    assert sorted(code for _, code, _, _ in results) == [0, 2], results
    (winner,) = [pid for pid, code, _, _ in results if code == 0]
    for _, code, out, err in results:
        assert out == ""
        if code == 2:
            line = _one_line(err)
            assert line == f"tidings: {db} is in use by another process (PID {winner})", line
    _stored_once(db, 3)


# Opens the store read-only (a reader in another process) and holds it until stdin closes.
_READER = """
import sys
from tidings.store import Store
store = Store.open(sys.argv[1], read_only=True)
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


def _reader(db: Path) -> subprocess.Popen[str]:
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(db)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
    return reader


def test_a_run_waits_for_a_reader_to_let_go(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news", articles=2)
    db = tmp_path / "store.duckdb"
    Store.open(db).close()
    reader = _reader(db)
    try:
        run = _start("run", folder, "--db", db, "--quiet")
        # the run announces itself while it waits for the file: then the reader lets go
        _until(lambda: writer_waiting(db) == run.pid, "the run waits for the store")
    finally:
        reader.communicate(input="", timeout=60)
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    _stored_once(db, 2)


def test_a_run_gives_up_cleanly_on_a_reader_that_holds_past_the_wait(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news", articles=2)
    settings = tmp_path / "settings.yaml"
    settings.write_text("store:\n  lock_wait_seconds: 1\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    Store.open(db).close()
    reader = _reader(db)
    try:
        run = _call("run", folder, "--db", db, "--settings", settings, "--quiet")
    finally:
        reader.communicate(input="", timeout=60)
    assert run.returncode == 2
    expected = f"tidings: {db} is in use by another process (PID {reader.pid}); gave up after 1 s"
    assert _one_line(run.stderr) == expected
    _stored_once(db, 0)


def test_a_run_fails_at_once_against_an_ingesting_server(tmp_path: Path) -> None:
    """The ingesting server is a writer for as long as it runs: it holds the run lock."""
    folder = write_corpus(tmp_path / "news", articles=1)
    db = tmp_path / "store.duckdb"
    app = create_app(db, ingest_token="s3cret")
    try:
        run = _call("run", folder, "--db", db, "--quiet")
    finally:
        app.state.access.close()
    assert run.returncode == 2
    assert (
        _one_line(run.stderr) == f"tidings: {db} is in use by another process (PID {os.getpid()})"
    )
    _stored_once(db, 0)
