"""The server's shared read-only connection (`tidings.serve.sharing`): opened when a request
needs it, shared by the requests in flight, closed when none is, drained for a writer, and a
clean `StoreBusy` when a writer keeps the store past the read wait, which the app answers
with 503 and Retry-After."""

from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.store_holder import held_by_another_process
from tests.test_serve_api import running
from tidings.serve import create_app
from tidings.serve.sharing import SharedConnection
from tidings.settings import ServeSettings, load_settings
from tidings.store import Store, StoreBusy, lease


@pytest.fixture
def path(tmp_path: Path) -> Path:
    store = tmp_path / "news.duckdb"
    Store.open(store).close()
    return store


def _closed(path: Path) -> bool:
    """No read-only instance of `path` is alive in this process: a writable connection, with
    another configuration, may then be opened (DuckDB refuses it while one is)."""
    try:
        duckdb.connect(str(path), config=lease.CONNECTION_CONFIG).close()
    except duckdb.Error:
        return False
    return True


def test_requests_in_flight_share_one_connection_closed_after_the_last(path: Path) -> None:
    shared = SharedConnection(path, wait=5, hold=60)
    first = shared.acquire()
    second = shared.acquire()
    assert first is second
    shared.release()
    assert first.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    shared.release()
    assert _closed(path)
    # and the next request opens it again
    third = shared.acquire()
    assert third.execute("SELECT 1").fetchone() == (1,)
    shared.release()


def test_a_connection_held_past_the_hold_time_drains_before_new_requests(path: Path) -> None:
    shared = SharedConnection(path, wait=30, hold=0)  # every new request finds it due
    first = shared.acquire()
    got: list[duckdb.DuckDBPyConnection] = []
    waiting = threading.Thread(target=lambda: got.append(shared.acquire()))
    waiting.start()
    waiting.join(timeout=0.5)
    assert waiting.is_alive() and not got  # held back while the first is in flight
    shared.release()  # the last one out closes it; the waiting request opens a new one
    waiting.join(timeout=30)
    assert len(got) == 1 and got[0] is not first
    shared.release()


def test_a_waiting_writer_drains_the_connection(path: Path) -> None:
    shared = SharedConnection(path, wait=30, hold=3600)
    shared.acquire()  # a request in flight when the writer comes
    opened = threading.Event()

    def request() -> None:
        shared.acquire()
        opened.set()

    with lease._announced_writer(path, wait=0):
        thread = threading.Thread(target=request)
        thread.start()
        assert not opened.wait(timeout=0.5)  # a new request is held back...
        shared.release()  # ...the one in flight ends, and the connection closes
        assert _closed(path)  # the writer could open the file now
        assert not opened.is_set()  # and no reader reopens it while it is announced
    assert opened.wait(timeout=30)  # the writer gone, the request gets the store
    thread.join()
    shared.release()
    assert _closed(path)


def test_a_writer_holding_past_the_read_wait_is_a_clean_store_busy(path: Path) -> None:
    shared = SharedConnection(path, wait=0.3, hold=60)
    with held_by_another_process(path), pytest.raises(StoreBusy) as raised:
        shared.acquire()
    assert re.fullmatch(
        rf"{re.escape(str(path))} is in use by another process \(PID \d+\); gave up after 0\.3 s",
        str(raised.value),
    )
    connection = shared.acquire()  # the holder is gone
    shared.release()
    assert connection is not None


def test_shutdown_closes_when_the_last_request_is_done(path: Path) -> None:
    shared = SharedConnection(path, wait=5, hold=60)
    shared.acquire()
    shared.close()
    assert not _closed(path)
    shared.release()
    assert _closed(path)


def test_the_app_answers_503_with_retry_after_while_a_writer_keeps_the_store(path: Path) -> None:
    """One line, in JSON for the API and in the error page for the web app; never a
    traceback; and the server answers again once the writer lets go."""
    settings = dataclasses.replace(load_settings(None), serve=ServeSettings(read_wait_seconds=1))
    app = create_app(path, settings=settings)
    with running(app) as base, httpx.Client(base_url=base, timeout=60) as http:
        with held_by_another_process(path):
            api = http.get("/api/articles")
            page = http.get("/articles")
        assert http.get("/api/articles").json()["total"] == 0
    busy = rf"{re.escape(str(path))} is in use by another process \(PID \d+\); gave up after 1 s"
    assert api.status_code == 503 and api.headers["retry-after"] == "5"
    assert re.fullmatch(busy, api.json()["detail"])
    assert page.status_code == 503 and page.headers["retry-after"] == "5"
    assert re.search(busy, page.text) and "Traceback" not in page.text
