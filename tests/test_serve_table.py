"""The event table and the CSV lists: every list endpoint answers `?format=csv` with the JSON's
rows, the table sorts, counts facets, resolves an actor by name and downloads exactly its
filter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_of, in_process
from tidings.serve import create_app


@pytest.fixture(scope="module")
def client(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = copy_of(example_store, tmp_path_factory.mktemp("serve-table"))
    with in_process(create_app(db)) as http:
        yield http


def _csv(client: httpx.Client, path: str, **params: str) -> list[dict[str, str]]:
    response = client.get(path, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize(
    ("path", "key", "params"),
    [
        ("/api/events", "id", {"limit": "200", "sort": "reports", "order": "desc"}),
        ("/api/articles", "id", {"limit": "200"}),
        ("/api/actors", "id", {"limit": "200"}),
        ("/api/quotes", "text", {"limit": "200"}),
        ("/api/stories", "clusters", {}),
        ("/api/timeline", "period", {"period": "year"}),
        ("/api/places", "name", {}),
    ],
)
def test_every_list_answers_csv_with_the_json_rows_in_order(
    client: httpx.Client, path: str, key: str, params: dict[str, str]
) -> None:
    found = client.get(path, params=params).json()
    items = found.get("items", found.get("series"))
    rows = _csv(client, path, **params)
    assert items, path
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        if isinstance(item[key], str):
            assert row[key] == item[key], path


def test_an_empty_csv_still_has_its_header(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"q": "no such words here", "format": "csv"})
    assert response.text.splitlines()[0].startswith("id,type,status,")
    assert len(response.text.splitlines()) == 1


def test_sorting_on_a_column(client: httpx.Client) -> None:
    items = client.get("/api/events", params={"sort": "reports", "order": "desc"}).json()["items"]
    reports = [i["reports"] for i in items]
    assert reports == sorted(reports, reverse=True) and reports[0] > 1
    types = [i["type"] for i in client.get("/api/events", params={"sort": "type"}).json()["items"]]
    assert types == sorted(types)
    assert client.get("/api/events", params={"sort": "colour"}).status_code == 422


def test_facets_count_the_filter(client: httpx.Client) -> None:
    total = client.get("/api/events").json()["total"]
    facets = client.get("/api/event-facets").json()
    assert sum(v["count"] for v in facets["type"]) == total
    assert sum(v["count"] for v in facets["status"]) == total
    assert {"value", "count", "name"} <= set(facets["actor"][0])
    assault = client.get("/api/event-facets", params={"type": "ASSAULT"}).json()
    assert [v["value"] for v in assault["type"]] == ["ASSAULT"]


def test_an_actor_is_found_by_part_of_any_name(client: httpx.Client) -> None:
    found = client.get("/api/actor-suggestions", params={"q": "puti"}).json()["items"]
    assert found[0]["id"] == "vladimir-putin" and found[0]["name"] == "Vladimir Putin"
    assert client.get("/api/actor-suggestions", params={"q": ""}).status_code == 422
    page = client.get("/table", params={"actor_name": "Putin"})
    assert page.status_code == 200 and 'name="actor" value="vladimir-putin"' in page.text


def test_the_download_holds_exactly_the_filter(client: httpx.Client) -> None:
    params = {"type": "ASSAULT", "sort": "date", "order": "asc"}
    listed = client.get("/api/events", params={**params, "limit": "200"}).json()["items"]
    rows = _csv(client, "/api/events-download", **params)
    assert [r["id"] for r in rows] == [i["id"] for i in listed]
    lines = client.get("/api/events-download", params={**params, "format": "jsonl"}).text
    assert len(lines.splitlines()) == len(listed)
    gdelt = client.get("/api/events-download", params={**params, "format": "gdelt"}).text
    header, *body = gdelt.splitlines()
    assert header.startswith("GLOBALEVENTID\tSQLDATE") and len(body) == len(listed)
    assert all(line.split("\t")[28] == "19" for line in body)  # EventRootCode: assault


def test_the_table_page_sorts_and_links_its_downloads(client: httpx.Client) -> None:
    page = client.get("/table", params={"type": "ASSAULT", "sort": "reports", "order": "desc"})
    assert page.status_code == 200
    assert 'aria-sort="descending"' in page.text
    assert "/api/events-download?type=ASSAULT&amp;sort=reports&amp;order=desc&amp;format=csv" in (
        page.text
    )
    assert client.get("/table", params={"sort": "nope"}).status_code == 422
