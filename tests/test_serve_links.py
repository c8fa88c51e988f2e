"""Event links that last: when another report joins a cluster (its id, a hash of its reports,
changes), the old id answers with a redirect to the cluster that holds its reports now."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import httpx
import pytest

from tests.conftest import EXAMPLES
from tests.test_serve_api import build_store, running
from tidings.serve import create_app
from tidings.store.cluster_history import successors

STRIKE = {"source": "USA", "target": "SYR", "type": "ASSAULT", "complete": "all"}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """A store of one report of the Syria strike, relinked after the second report came in:
    the client, and the strike's id before the second report."""
    db = tmp_path_factory.mktemp("links") / "news.duckdb"
    build_store(db, EXAMPLES / "harbourline-syria-strikes.txt")
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as http:
        [first] = http.get("/api/events", params=STRIKE).json()["items"]
    build_store(db, EXAMPLES / "tidewater-syria-strikes.txt")
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http, first["id"]


def test_an_old_event_id_redirects_to_the_cluster_holding_its_reports(
    grown: tuple[httpx.Client, str],
) -> None:
    client, old_id = grown
    [now] = client.get("/api/events", params=STRIKE).json()["items"]
    assert now["id"] != old_id and now["articles"] == 2
    for path, target in (
        (f"/api/events/{old_id}", f"/api/events/{now['id']}"),
        (f"/events/{old_id}", f"/events/{now['id']}"),
        (f"/events/{old_id}/compare", f"/events/{now['id']}/compare"),
    ):
        moved = client.get(path)
        assert moved.status_code == 308, path
        assert unquote(moved.headers["location"]) == target
        assert client.get(path, follow_redirects=True).status_code == 200
    assert client.get("/api/events/c:0000000000000000").status_code == 404


def test_successors_follow_most_reports_and_skip_ids_still_current() -> None:
    old = [("c:a", "e1", "a1"), ("c:a", "e2", "a2"), ("c:a", "e3", "a3"), ("c:b", "e4", "a4")]
    new = [("c:x", "e1", "a1"), ("c:y", "e2", "a2"), ("c:y", "e3", "a3"), ("c:b", "e4", "a4")]
    assert successors(old, new) == {"c:a": "c:y"}  # split: the larger part; c:b is unchanged
    merged = [("c:m", "e1", "a1"), ("c:m", "e2", "a2"), ("c:m", "e3", "a3"), ("c:m", "e4", "a4")]
    assert successors(old, merged) == {"c:a": "c:m", "c:b": "c:m"}
    assert successors(old, []) == {}  # reports gone: no successor
