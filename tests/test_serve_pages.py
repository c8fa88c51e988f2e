"""What the pages show an analyst: honest charts (a real time axis, no padding, a broken line
across gaps), the most reported dyad by default, and on the event page the CAMEO code, names
for ids, a flag when reports disagree on the status, and quotes in single marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_of, in_process
from tidings.serve import create_app
from tidings.serve.charts import series_chart
from tidings.serve.pages import bare_quote, readable_id


@pytest.fixture(scope="module")
def client(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = copy_of(example_store, tmp_path_factory.mktemp("serve-pages"))
    with in_process(create_app(db)) as http:
        yield http


def _point(period: str, start: str, end: str, mean: float | None) -> dict[str, object]:
    return {
        "period": period,
        "start": start,
        "end": end,
        "events": 1,
        "reports": 1,
        "conflict": 1,
        "cooperation": 0,
        "goldstein_mean": mean,
    }


def test_the_chart_axis_is_real_time_and_the_line_breaks_at_gaps() -> None:
    chart = series_chart(
        [
            _point("1989-10", "1989-10-01", "1989-11-01", -2.0),
            _point("1989-11", "1989-11-01", "1989-12-01", -4.0),
            _point("2025-04", "2025-04-01", "2025-05-01", 3.0),
        ]
    )
    xs = [bar["x"] for bar in chart.bars]
    assert xs[1] - xs[0] < 5 < xs[2] - xs[1]  # 35 years apart, not one slot
    assert chart.line.count("M") == 2  # two runs: Oct-Nov 1989, then April 2025 alone


def test_the_timeline_lists_only_periods_with_events(client: httpx.Client) -> None:
    years = client.get("/api/timeline", params={"period": "year"}).json()["series"]
    assert all(point["events"] > 0 for point in years)
    assert all(point["start"] < point["end"] for point in years)
    months = client.get("/api/timeline", params={"period": "month"}).json()["series"]
    assert [p["period"] for p in months] == sorted(p["period"] for p in months)


def test_the_default_dyad_is_the_most_reported_pair(client: httpx.Client) -> None:
    events = client.get("/api/events", params={"limit": 200}).json()["items"]
    reports: dict[frozenset[str], int] = {}
    for event in events:
        if event["source_id"] and event["target_id"] and event["source_id"] != event["target_id"]:
            pair = frozenset((event["source_id"], event["target_id"]))
            reports[pair] = reports.get(pair, 0) + event["reports"]
    best = max(reports.values())
    page = client.get("/dyad").text
    shown = set(re.findall(r'<h1>Dyad: <a class="actor" href="/actors/([^"]+)"', page))
    shown |= set(re.findall(r'⇄</span> <a class="actor" href="/actors/([^"]+)"', page))
    assert reports[frozenset(shown)] == best


def test_the_event_page_shows_cameo_names_and_a_status_disagreement(
    client: httpx.Client,
) -> None:
    [strike] = client.get(
        "/api/events", params={"source": "USA", "target": "SYR", "type": "ASSAULT"}
    ).json()["items"]
    page = client.get(f"/events/{strike['id']}").text
    assert '<code class="cameo">190</code>' in page
    statuses = {m["status"] for m in client.get(f"/api/events/{strike['id']}").json()["members"]}
    assert ("reports disagree" in page) == (len(statuses) > 1)
    assert "said by u:" not in page


def test_quotes_lose_their_own_marks_and_ids_read_as_words() -> None:
    assert bare_quote('"The sides agreed to talk."') == "The sides agreed to talk."
    assert bare_quote("“We will not yield”") == "We will not yield"
    assert bare_quote("plain words") == "plain words"
    assert readable_id("u:defence-ministry") == "Defence ministry"
    assert readable_id("RUS") == "RUS"
