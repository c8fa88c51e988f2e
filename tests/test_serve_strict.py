"""What the server refuses and what it never gives away: impossible filters are 422 in the one
error shape, an id holding "/" is routable, a foreign Host header is 400, responses are
gzipped and validated (ETag, 304), and no response or export names an absolute path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, in_process
from tests.test_serve_api import build_store
from tidings.cli import app as cli
from tidings.serve import create_app

SLASHED_ID = "https://example.org/news/2024/harbour-talks"
_SLASHED_ARTICLE = {
    "id": SLASHED_ID,
    "title": "Envoys meet in Portmere",
    "published": "2024-03-05",
    "outlet": "Invented Gazette",
    "url": SLASHED_ID,
    "text": "PORTMERE (Invented Gazette) - France and Germany signed a trade agreement in "
    "Portmere on Tuesday, officials said.\n\nThe agreement lowers tariffs on machinery.",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus an article whose id is a URL, in a folder of the test's own."""
    folder = tmp_path_factory.mktemp("strict-inputs") / "news"
    shutil.copytree(EXAMPLES, folder)
    (folder / "slashed.jsonl").write_text(json.dumps(_SLASHED_ARTICLE) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("strict-store") / "news.duckdb", inputs)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with in_process(create_app(db)) as http:
        yield http


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/events", "from", "2025-13-45"),
        ("/api/events", "from", "2025-02-30"),
        ("/api/events", "to", "2025-00"),
        ("/api/events", "from", "last week"),
        ("/api/events", "type", "NOPE"),
        ("/api/events", "status", "zzz"),
        ("/api/timeline", "type", "NOPE"),
        ("/api/timeline", "period", "decade"),
        ("/api/places", "status", "zzz"),
        ("/api/articles", "from", "2024-02-30"),
        ("/api/quotes", "kind", "bogus"),
        ("/api/actors", "kind", "wizard"),
        ("/api/quotes", "from", "2024-99"),
    ],
)
def test_an_impossible_filter_is_422_in_the_one_error_shape(
    client: httpx.Client, path: str, name: str, value: str
) -> None:
    response = client.get(path, params={name: value})
    assert response.status_code == 422, (path, name, value, response.text)
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", name]
    assert set(error) == {"loc", "msg", "type"}


def test_a_range_that_ends_before_it_starts_is_422(client: httpx.Client) -> None:
    for path in ("/api/events", "/api/timeline", "/table"):
        response = client.get(path, params={"from": "2024-02", "to": "2024-01-31"})
        assert response.status_code == 422, path
    [error] = client.get("/api/events", params={"from": "2024-02", "to": "2024-01"}).json()[
        "detail"
    ]
    assert error["loc"] == ["query", "to"] and error["type"] == "value_error"
    assert client.get("/api/events", params={"from": "2024-02", "to": "2024"}).status_code == 200


def test_possible_filters_still_answer(client: httpx.Client) -> None:
    for params in (
        {"from": "2024-02-29", "to": "2025"},
        {"type": "assault", "status": "OCCURRED"},
        {"type": "", "status": ""},
    ):
        assert client.get("/api/events", params=params).status_code == 200, params
    assert client.get("/api/quotes", params={"kind": "direct"}).status_code == 200
    assert client.get("/", params={"from": "2025-02-30"}).status_code == 422


def test_an_id_holding_a_slash_is_routable(client: httpx.Client) -> None:
    encoded = quote(SLASHED_ID, safe="")
    found = client.get(f"/api/articles/{encoded}")
    assert found.status_code == 200, found.text
    assert found.json()["id"] == SLASHED_ID
    page = client.get(f"/articles/{encoded}")
    assert page.status_code == 200 and "Envoys meet in Portmere" in page.text
    assert client.get("/api/articles/" + quote("https://example.org/none", safe="")).is_error


def test_a_foreign_host_header_is_refused(client: httpx.Client) -> None:
    for path in ("/", "/api/events"):
        assert client.get(path, headers={"Host": "attacker.example"}).status_code == 400
        assert client.get(path, headers={"Host": "localhost"}).status_code == 200


def test_an_allowed_host_is_served(db: Path) -> None:
    app = create_app(db, allowed_hosts=["tidings.lan"])
    with in_process(app) as http:
        assert http.get("/api/events", headers={"Host": "tidings.lan"}).status_code == 200
        assert http.get("/api/events", headers={"Host": "other.lan"}).status_code == 400


def test_large_responses_are_gzipped_and_small_ones_not(client: httpx.Client) -> None:
    large = client.get("/api/events", params={"limit": 200}, headers={"Accept-Encoding": "gzip"})
    assert large.headers.get("content-encoding") == "gzip"
    assert large.json()["items"], "httpx decodes the body"
    small = client.get("/api/events", params={"type": "AID", "limit": 1})
    assert len(small.content) > 1024 or "content-encoding" not in small.headers


def test_etag_and_304_and_cache_control(client: httpx.Client) -> None:
    for path in ("/api/events", "/", "/api/actors"):
        first = client.get(path)
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", path
        assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    static = client.get("/static/style.css")
    assert "max-age" in static.headers["cache-control"] and static.headers.get("etag")


def _api_responses(client: httpx.Client) -> Iterator[tuple[str, str]]:
    """Every list endpoint, and every item of the lists that has a page of its own."""
    lists = ("/api/events", "/api/articles", "/api/actors", "/api/quotes", "/api/stories")
    for path in (*lists, "/api/timeline", "/api/places"):
        response = client.get(path, params={"limit": 200} if path in lists else {})
        assert response.status_code == 200, path
        yield path, response.text
    for kind, key in (("events", "id"), ("articles", "id"), ("actors", "id")):
        listed = client.get(f"/api/{kind}", params={"limit": 200, "complete": "all"})
        params = {"complete": "all"} if kind == "events" else {}
        for item in listed.json()["items"]:
            path = f"/api/{kind}/{quote(str(item[key]), safe='')}"
            yield path, client.get(path, params={} if kind == "events" else params).text


def test_no_api_response_names_an_absolute_path(
    client: httpx.Client, inputs: Path, db: Path
) -> None:
    secrets = {str(inputs.resolve()), str(db.parent.resolve()), str(inputs.parent.resolve())}
    seen = 0
    for path, text in _api_responses(client):
        for secret in secrets:
            assert secret not in text, f"{path} names {secret}"
        seen += 1
    assert seen > 20
    article = client.get("/api/articles/feed-un-vote").json()
    assert article["path"] == "feed.jsonl:1"  # the file relative to the input root, and the line


def _export_texts(db: Path, out: Path) -> Iterator[tuple[str, str]]:
    for to in ("gdelt", "plover", "jsonl"):
        target = out / f"all.{to}"
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--to", to, str(target)])
        assert result.exit_code == 0, result.output
        yield to, target.read_text(encoding="utf-8")
    for to in ("csv", "parquet"):
        folder = out / to
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--to", to, str(folder)])
        assert result.exit_code == 0, result.output
        for table in sorted(folder.iterdir()):
            if to == "csv":
                yield table.name, table.read_text(encoding="utf-8")
            else:  # parquet is compressed: read it back as text
                with duckdb.connect() as connection:
                    read = "SELECT * FROM read_parquet($path)"
                    rows = connection.execute(read, {"path": str(table)}).fetchall()
                yield table.name, json.dumps(rows, default=str)


def test_no_export_names_an_absolute_path(inputs: Path, db: Path, tmp_path: Path) -> None:
    secrets = {str(inputs.resolve()), str(inputs.parent.resolve())}
    names: list[str] = []
    for name, text in _export_texts(db, tmp_path):
        for secret in secrets:
            assert secret not in text, f"{name} names {secret}"
        names.append(name)
    assert "documents.csv" in names and "documents.parquet" in names
    documents = (tmp_path / "csv" / "documents.csv").read_text(encoding="utf-8")
    assert "slashed.jsonl" in documents
