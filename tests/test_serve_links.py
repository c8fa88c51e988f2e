"""Event links that last. A cluster keeps its id when another report joins it; when clusters
merge, the ids that go are recorded with the cluster that holds their reports now, and an old id
answers with a redirect there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import duckdb
import httpx
import pytest

from tests.conftest import EXAMPLES, copy_of, in_process
from tests.test_serve_api import build_store
from tidings.serve import create_app
from tidings.store.cluster_history import OLD_MEMBERS, record_history, successors

STRIKE = {"source": "USA", "target": "SYR", "type": "ASSAULT", "complete": "all"}
RETIRED = "c:00000000000000a1"  # an invented id that a merge retired


def merged_store(example_store: Path, folder: Path) -> tuple[Path, str]:
    """A copy of the examples' store in which the Syria strike's cluster absorbed an older
    cluster (`RETIRED`), recorded as the link step records a merge; the copy and the strike's
    id."""
    db = copy_of(example_store, folder)
    with duckdb.connect(str(db)) as connection:
        [(strike,)] = connection.execute(
            "SELECT id FROM event_clusters WHERE source_id = 'USA' AND target_id = 'SYR' "
            "AND type = 'ASSAULT'"
        ).fetchall()
        now = [(str(c), str(e), str(a)) for c, e, a in connection.execute(OLD_MEMBERS).fetchall()]
        before = [(RETIRED if c == strike else c, e, a) for c, e, a in now]
        assert record_history(connection, before, now) == 1
    return db, strike


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """A store of one report of the Syria strike, linked again after the second report came
    in: the client, and the strike's id before the second report."""
    db = tmp_path_factory.mktemp("links") / "news.duckdb"
    build_store(db, EXAMPLES / "harbourline-syria-strikes.txt")
    with in_process(create_app(db)) as http:
        [first] = http.get("/api/events", params=STRIKE).json()["items"]
    build_store(db, EXAMPLES / "tidewater-syria-strikes.txt")
    with in_process(create_app(db)) as http:
        yield http, first["id"]


@pytest.fixture(scope="module")
def merged(
    example_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[httpx.Client, str]]:
    db, strike = merged_store(example_store, tmp_path_factory.mktemp("merged"))
    with in_process(create_app(db)) as http:
        yield http, strike


def test_a_cluster_keeps_its_id_when_another_report_joins_it(
    grown: tuple[httpx.Client, str],
) -> None:
    client, old_id = grown
    [now] = client.get("/api/events", params=STRIKE).json()["items"]
    assert now["id"] == old_id and now["articles"] == 2
    assert client.get(f"/api/events/{old_id}").status_code == 200


def test_an_id_retired_by_a_merge_redirects_to_the_cluster_holding_its_reports(
    merged: tuple[httpx.Client, str],
) -> None:
    client, strike = merged
    [now] = client.get("/api/events", params=STRIKE).json()["items"]
    assert now["id"] == strike and now["articles"] == 2
    for path, target in (
        (f"/api/events/{RETIRED}", f"/api/events/{strike}"),
        (f"/events/{RETIRED}", f"/events/{strike}"),
        (f"/events/{RETIRED}/compare", f"/events/{strike}/compare"),
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
