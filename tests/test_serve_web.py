"""The web pages over a real server: they render, carry a strict Content-Security-Policy, show
an article's script payload as inert text, and the ingest route exists only with the flag and
a token."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from tests.conftest import copy_of, in_process
from tests.test_serve_api import build_store, running
from tidings.cli import app as cli
from tidings.serve import create_app

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = {
    "id": "hostile-1",
    "title": f"Shelling reported {SCRIPT}",
    "published": "2022-10-13",
    "outlet": "Evil Gazette",
    "url": "javascript:alert(1)",
    "text": (
        f"Russian forces shelled Kharkiv on Thursday, {IMG} regional officials said.\n"
        f"The governor said {SCRIPT} that two people were killed.\n"
        "Ukraine accused Russia of targeting civilians."
    ),
}
GOOD_TOKEN = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def db(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' store with the hostile record run into it (as one run of both would)."""
    folder = tmp_path_factory.mktemp("serve-web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return build_store(copy_of(example_store, folder), hostile)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with in_process(create_app(db)) as http:
        yield http


def _html(client: httpx.Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    return response.text


def _strike_id(client: httpx.Client) -> str:
    found = client.get("/api/events", params={"source": "USA", "target": "SYR"}).json()
    return str(next(e["id"] for e in found["items"] if e["articles"] == 2))


def test_every_page_renders_with_the_security_headers(client: httpx.Client) -> None:
    strike = quote(_strike_id(client), safe="")
    for path in (
        "/",
        "/?actor=RUS&type=ASSAULT",
        "/?from=2022-10&to=2022-10",
        f"/events/{strike}",
        f"/events/{strike}/compare",
        "/articles",
        "/articles/feed-un-vote",
        "/actors",
        "/actors/vladimir-putin",
        "/actors/RUS",
        "/dyad",
        "/dyad?source=RUS&target=UKR&period=week",
        "/map",
        "/stories",
        "/search?q=missiles",
        "/docs",
    ):
        page = _html(client, path)
        assert "<script>" not in page.replace('<script src="/static/app.js" defer></script>', "")
        assert " style=" not in page, path  # the policy refuses inline styles


def test_the_event_page_marks_the_evidence_and_the_comparison_shows_the_disagreement(
    client: httpx.Client,
) -> None:
    strike = quote(_strike_id(client), safe="")
    event = _html(client, f"/events/{strike}")
    assert '<mark data-mark="' in event
    assert "fired 105 missiles at Syria" in event and "fired 103 cruise missiles" in event
    compare = _html(client, f"/events/{strike}/compare")
    assert "105 missiles" in compare and "103 cruise missiles" in compare
    assert "Harbourline Evening Post" in compare and "Tidewater Wire" in compare
    listed = compare.split('class="disagreements"')[1].split("</ul>")[0]
    assert "missiles" in listed


def test_static_assets_are_local(client: httpx.Client) -> None:
    page = _html(client, "/")
    assert "http://" not in page.split("<main>")[0] and "https://" not in page.split("<main>")[0]
    for asset in ("/static/style.css", "/static/app.js"):
        response = client.get(asset)
        assert response.status_code == 200
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/../serve/app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


def test_an_article_with_a_script_payload_renders_inert(client: httpx.Client) -> None:
    page = _html(client, "/articles/hostile-1")
    for payload in (SCRIPT, IMG):
        assert payload not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page
    events = client.get("/api/articles/hostile-1").json()["events"]
    assert events, "the hostile article should give events to show"
    for cluster in {e["cluster_id"] for e in events if e["cluster_id"]}:
        shown = _html(client, f"/events/{quote(cluster, safe='')}")
        assert SCRIPT not in shown and IMG not in shown
    for path in ("/", "/search?q=onerror", "/articles", f"/search?q={quote(SCRIPT)}"):
        shown = _html(client, path)
        assert SCRIPT not in shown and IMG not in shown, path


def test_unknown_pages_are_404_pages(client: httpx.Client) -> None:
    for path in ("/events/c:nothing", "/articles/nothing", "/actors/nobody", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in response.headers


def test_no_ingest_route_without_the_flag(client: httpx.Client) -> None:
    response = client.post("/ingest", json=HOSTILE, headers={"Authorization": "Bearer x"})
    assert response.status_code in (404, 405)
    assert "/ingest" not in client.get("/openapi.json").json()["paths"]


def test_the_flag_without_a_token_refuses_to_start(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIDINGS_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 2
    assert "TIDINGS_TOKEN" in result.stderr


def test_ingest_with_the_token(db: Path, tmp_path: Path) -> None:
    writable = tmp_path / "ingest.duckdb"
    shutil.copy(db, writable)
    record = {
        "id": "ingested-1",
        "title": "Ministers meet in Geneva",
        "published": "2022-11-02",
        "outlet": "Lakeside Courier",
        "text": (
            "The foreign ministers of France and Germany met in Geneva on Tuesday to discuss "
            "the war in Ukraine and the winter that is coming for its power grid.\n"
            "France accused Russia of war crimes in Ukraine after the strikes on the energy "
            "network last month, the French minister told reporters after the meeting.\n"
            "The two ministers said they would send more air defence systems to Kyiv before the "
            "end of the year, and asked other European governments to do the same."
        ),
    }
    app = create_app(writable, ingest_token=GOOD_TOKEN)
    with running(app) as base, httpx.Client(base_url=base, timeout=120) as http:
        assert http.post("/ingest", json=record).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert http.post("/ingest", json=record, headers=wrong).status_code == 403
        right = {"Authorization": f"Bearer {GOOD_TOKEN}"}
        assert http.post("/ingest", content=b"[1, 2]", headers=right).status_code == 400
        assert http.post("/ingest", json={"id": "x"}, headers=right).status_code == 422
        stored = http.post("/ingest", json=record, headers=right)
        assert stored.status_code == 201, stored.text
        assert stored.json()["articles"] == ["ingested-1"] and stored.json()["added"] == 1
        again = http.post("/ingest", json=record, headers=right)
        assert again.status_code == 200 and again.json()["present"] == 1
        article = http.get("/api/articles/ingested-1").json()
        assert article["outlet"] == "Lakeside Courier" and article["events"]
        assert any(e["cluster_id"] for e in article["events"])


def test_the_timeline_shows_partial_readings_only_when_asked(client: httpx.Client) -> None:
    default = _html(client, "/")
    every = _html(client, "/?complete=all")
    partial = _html(client, "/?complete=false")
    assert "status-partial" not in default
    assert "status-partial" in every and "status-partial" in partial
    assert '<option value="all" selected>' in every
    bad = client.get("/?complete=maybe", headers={"accept": "text/html"})
    assert bad.status_code == 422 and "complete" in bad.text
