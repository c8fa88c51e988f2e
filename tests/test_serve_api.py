"""`tidings serve`'s JSON API end to end: a real server (uvicorn, on a free local port) over a
store built from the project's examples by `tidings run`, asked over HTTP with httpx. The other
serve modules ask the app in process (`tests.conftest.in_process`); this one keeps the server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, copy_of
from tidings.cli import app as cli
from tidings.serve import create_app

SYR_STRIKE_OUTLETS = ["Harbourline Evening Post", "Tidewater Wire"]


def build_store(path: Path, *inputs: Path) -> Path:
    """A store made by `tidings run` over `inputs` (the examples when none)."""
    sources = [str(i) for i in inputs] or [str(EXAMPLES)]
    result = CliRunner().invoke(cli, ["run", *sources, "--db", str(path), "--quiet"])
    assert result.exit_code in (0, 1), result.stderr
    return path


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn in a background thread; yield its base URL. The server takes a
    socket already bound to a free port: a port only looked up and bound later could be taken
    in between by another test process (`pytest -n`)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def db(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(example_store, tmp_path_factory.mktemp("serve-api"))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=30) as http:
        yield http


def _get(client: httpx.Client, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _strike(client: httpx.Client) -> dict[str, Any]:
    found = _get(client, "/api/events", source="USA", target="SYR", type="ASSAULT")
    [strike] = [e for e in found["items"] if e["articles"] == 2]
    return strike  # type: ignore[no-any-return]


def test_the_syria_strike_is_one_event_from_two_outlets_with_the_missile_disagreement(
    client: httpx.Client,
) -> None:
    strike = _strike(client)
    assert strike["date_value"] == "2018-04-14"
    assert sorted(strike["outlets"]) == SYR_STRIKE_OUTLETS
    assert strike["discrepancies"] == 1
    assert strike["source_name"] == "United States" and strike["target_name"] == "Syria"
    event = _get(client, f"/api/events/{strike['id']}")
    [missiles] = event["discrepancies"]
    assert missiles["field"] == "missiles"
    by_outlet = {v["outlet"]: v["text"] for v in missiles["values"]}
    assert by_outlet == {
        "Harbourline Evening Post": "103 cruise missiles",
        "Tidewater Wire": "105 missiles",
    }
    assert sorted(m["outlet"] for m in event["members"]) == SYR_STRIKE_OUTLETS
    for member in event["members"]:
        article = _get(client, f"/api/articles/{member['article_id']}")
        evidence = article["text"][member["evidence_start"] : member["evidence_end"]]
        assert "missiles at Syria" in evidence
        assert "fired" in member["sentence"]


def test_event_filters_narrow_the_list(client: httpx.Client) -> None:
    every = _get(client, "/api/events", limit=200)  # complete events only
    assert every["total"] == len(every["items"]) >= 10
    assaults = _get(client, "/api/events", type="assault", limit=200)
    assert 0 < assaults["total"] < every["total"]
    assert {e["type"] for e in assaults["items"]} == {"ASSAULT"}
    russia = _get(client, "/api/events", actor="RUS", limit=200)["items"]
    assert russia and all(
        "RUS" in (e["source_id"], e["target_id"], e["source_country"], e["target_country"])
        for e in russia
    )
    october = _get(client, "/api/events", **{"from": "2022-10", "to": "2022-10"})["items"]
    assert october and all(e["date_value"].startswith("2022-10") for e in october)
    tidewater = _get(client, "/api/events", outlet="tidewater wire", limit=200)["items"]
    assert tidewater and all("Tidewater Wire" in e["outlets"] for e in tidewater)
    words = _get(client, "/api/events", q="105 MISSILES")["items"]
    assert _strike(client)["id"] in [e["id"] for e in words]
    assert all("105 missiles" in e["sentence"] for e in words)
    claimed = _get(client, "/api/events", status="claimed", limit=200)["items"]
    assert claimed and {e["status"] for e in claimed} == {"claimed"}


def test_a_dyad_one_way_and_both_ways(client: httpx.Client) -> None:
    one_way = _get(client, "/api/events", source="USA", target="SYR")["total"]
    reverse = _get(client, "/api/events", source="SYR", target="USA")["total"]
    both = _get(client, "/api/events", source="USA", target="SYR", both_directions=True)
    assert one_way >= 1
    assert both["total"] == one_way + reverse


def test_pages_are_bounded_and_consistent(client: httpx.Client) -> None:
    every = _get(client, "/api/events", limit=200)["items"]
    first = _get(client, "/api/events", limit=5, offset=0)
    second = _get(client, "/api/events", limit=5, offset=5)
    assert first["limit"] == 5 and first["offset"] == 0 and first["total"] == len(every)
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in every[:10]]
    newest = _get(client, "/api/events", order="desc", limit=1)["items"][0]
    assert newest["date_value"] is None or newest["date_value"] >= every[0]["date_value"]
    past_the_end = _get(client, "/api/events", offset=10_000)
    assert past_the_end["items"] == [] and past_the_end["total"] == len(every)
    for params in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"from": "last week"}):
        assert client.get("/api/events", params=params).status_code == 422, params
    assert client.get("/api/events", params={"q": "x" * 201}).status_code == 422


def test_unknown_ids_are_404(client: httpx.Client) -> None:
    for path in (
        "/api/events/c:0000000000000000",
        "/api/articles/no-such-article",
        "/api/actors/nobody",
        "/api/nothing-here",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "detail" in response.json()


def test_articles_list_and_one_article(client: httpx.Client) -> None:
    every = _get(client, "/api/articles", limit=200)
    assert every["total"] == 9
    tidewater = _get(client, "/api/articles", outlet="Tidewater Wire")["items"]
    assert [a["outlet"] for a in tidewater] == ["Tidewater Wire"]
    found = _get(client, "/api/articles", q="zaporizhzhia")["items"]
    assert found and all(a["id"] for a in found)
    article = _get(client, f"/api/articles/{tidewater[0]['id']}")
    assert article["title"].startswith("US, Britain and France strike Syria")
    assert {"SYR", "GBR", "FRA"} <= {e["id"] for e in article["entities"]}
    assert any(e["cluster_id"] for e in article["events"])
    feed = _get(client, "/api/articles/feed-un-vote")
    assert feed["url"] == "https://example.org/un-vote"


def test_actors_with_aliases_quotes_and_events(client: httpx.Client) -> None:
    actors = _get(client, "/api/actors", q="putin")["items"]
    assert [a["id"] for a in actors] == ["vladimir-putin"]
    putin = _get(client, "/api/actors/vladimir-putin")
    assert putin["kind"] == "person" and "Putin" in putin["aliases"]
    assert putin["events"] and putin["quotes"]
    assert all(q["speaker_id"] == "vladimir-putin" for q in putin["quotes"])
    people = _get(client, "/api/actors", kind="person", limit=200)["items"]
    assert people and {a["kind"] for a in people} == {"person"}


def test_quotes_by_speaker(client: httpx.Client) -> None:
    grossi = _get(client, "/api/quotes", speaker="grossi")["items"]
    assert grossi and all("Grossi" in q["speaker"] for q in grossi)
    direct = _get(client, "/api/quotes", kind="direct", limit=200)["items"]
    assert direct and {q["kind"] for q in direct} == {"direct"}


def test_stories_join_the_articles_that_report_the_same_event(client: httpx.Client) -> None:
    stories = _get(client, "/api/stories")
    strike = _strike(client)
    [story] = [s for s in stories["items"] if strike["id"] in s["clusters"]]
    assert sorted(a["outlet"] for a in story["articles"]) == SYR_STRIKE_OUTLETS
    assert "duplicate_groups" in stories


def test_timeline_counts_and_intensity(client: httpx.Client) -> None:
    months = _get(client, "/api/timeline", source="USA", target="SYR", period="month")
    april = {p["period"]: p for p in months["series"]}["2018-04"]
    assert april["events"] >= 1 and april["conflict"] >= 1
    assert april["goldstein_mean"] is not None and april["goldstein_mean"] < 0
    days = _get(client, "/api/timeline", actor="RUS", period="day")
    keys = [p["period"] for p in days["series"]]
    assert keys == sorted(keys) and all(len(k) == 10 for k in keys)
    weeks = _get(client, "/api/timeline", actor="RUS", period="week")
    assert all("-W" in p["period"] for p in weeks["series"])
    total = sum(p["events"] for p in weeks["series"]) + weeks["undated"]
    assert total == _get(client, "/api/events", actor="RUS")["total"]
    assert client.get("/api/timeline", params={"period": "hour"}).status_code == 422


def test_places_for_the_map(client: httpx.Client) -> None:
    places = _get(client, "/api/places")["items"]
    names = {p["name"] for p in places}
    assert "Syria" in names
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


def test_openapi_and_offline_docs(client: httpx.Client) -> None:
    schema = _get(client, "/openapi.json")
    assert {"/api/events", "/api/events/{cluster_id}", "/api/timeline"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/timeline" in docs.text
    assert "cdn" not in docs.text.lower()
    assert "/ingest" not in schema["paths"]


def test_events_are_complete_unless_asked_for_partial_ones(client: httpx.Client) -> None:
    complete = _get(client, "/api/events", limit=200)
    partial = _get(client, "/api/events", complete="false", limit=200)
    every = _get(client, "/api/events", complete="all", limit=200)
    assert complete["total"] and partial["total"], "the examples have both kinds"
    assert every["total"] == complete["total"] + partial["total"]
    assert {e["complete"] for e in complete["items"]} == {True}
    assert {e["complete"] for e in partial["items"]} == {False}
    assert _get(client, "/api/events", complete="true", limit=200) == complete
    places = sum(p["events"] for p in _get(client, "/api/places")["items"])
    assert sum(p["events"] for p in _get(client, "/api/places", complete="all")["items"]) >= places
    weeks = _get(client, "/api/timeline", period="week", complete="all")
    assert sum(p["events"] for p in weeks["series"]) + weeks["undated"] == every["total"]


def test_a_bad_complete_value_is_422_in_the_api_error_shape(client: httpx.Client) -> None:
    for path in ("/api/events", "/api/timeline", "/api/places", "/api/articles/feed-un-vote"):
        response = client.get(path, params={"complete": "maybe"})
        assert response.status_code == 422, path
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "complete"] and error["type"] == "enum"


def test_an_article_lists_its_complete_readings_unless_asked(client: httpx.Client) -> None:
    articles = _get(client, "/api/articles", limit=200)["items"]
    shown = 0
    for article in articles:
        every = _get(client, f"/api/articles/{article['id']}", complete="all")["events"]
        complete = _get(client, f"/api/articles/{article['id']}")["events"]
        assert complete == [e for e in every if e["complete"]]
        assert article["events"] == len(complete)  # the list counts complete events
        shown += len(every) - len(complete)
    assert shown, "some partial readings are kept with their evidence"
