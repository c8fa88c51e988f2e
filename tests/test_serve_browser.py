"""The web app in a real browser: Debian's chromium, driven by Playwright (no browser is
downloaded). Load the timeline, click through to the Syria strike, and see its evidence
highlighted in the article text; filter, sort and download the event table, pick an actor by
part of its name, open an old event link after a merge, and fit the pages to 400 px. Skips
when /usr/bin/chromium is not installed (`make test` installs it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_of
from tests.test_serve_api import running
from tests.test_serve_links import RETIRED, merged_store
from tidings.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no browser at {CHROMIUM} (apt-get install chromium; `make test` does it)",
)


@pytest.fixture(scope="module")
def base(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = copy_of(example_store, tmp_path_factory.mktemp("serve-browser"))
    with running(create_app(db)) as url:
        yield url


def test_timeline_to_event_with_the_evidence_highlighted(base: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page()
            refused: list[str] = []
            page.on(
                "console",
                lambda message: (
                    refused.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.goto(base + "/", wait_until="networkidle")
            assert page.title().startswith("Timeline")
            # the strike both outlets reported: the card that flags their disagreement
            card = page.locator("li.event-card", has=page.locator(".flag"))
            card.filter(has_text="fired 105 missiles at Syria").locator("a.sentence").click()
            page.wait_for_url("**/events/**")
            mark = page.locator(".report .excerpt mark").first
            mark.wait_for(state="visible")
            assert "missiles at Syria" in mark.inner_text()
            background = mark.evaluate("node => getComputedStyle(node).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
            assert page.locator(".report").count() == 2
            page.locator("a.button", has_text="Compare").click()
            page.wait_for_url("**/compare")
            assert page.locator("article.column").count() == 2
            assert page.locator(".claim", has_text="103 cruise missiles").count() >= 1
            assert not refused, refused
        finally:
            browser.close()


def test_the_table_filters_sorts_downloads_and_picks_an_actor_by_name(base: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(base + "/table", wait_until="networkidle")
            assert page.title().startswith("Events table")
            # filter: a select applies at once
            page.select_option("select[name=type]", "ASSAULT")
            page.wait_for_url("**type=ASSAULT**")
            types = page.locator("table.events-table tbody tr td:nth-child(2)").all_inner_texts()
            assert types and {t.strip() for t in types} == {"ASSAULT"}
            # sort on the number of reports, most first
            page.locator("table.events-table th a", has_text="Reports").click()
            page.wait_for_url("**sort=reports**")
            cells = page.locator("table.events-table tbody td:nth-child(8)").all_inner_texts()
            counts = [int(c) for c in cells]
            assert counts == sorted(counts, reverse=True)
            # the CSV download holds exactly the filter, in the table's order
            with page.expect_download() as download:
                page.locator(".downloads a", has_text="CSV").click()
            rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
            listed = httpx.get(
                base + "/api/events",
                params={"type": "ASSAULT", "sort": "reports", "order": "desc", "limit": 200},
            ).json()["items"]
            assert [r["id"] for r in rows] == [e["id"] for e in listed]
            assert len(rows) == len(cells)
            # an actor picked by typing part of a name filters on its id (every type: the
            # examples' assaults are Russia's and the US's, Mr Putin's acts are words)
            page.select_option("select[name=type]", "")
            page.wait_for_url(lambda url: "type=ASSAULT" not in url)
            page.locator("input[data-suggest=actor]").press_sequentially("puti", delay=40)
            page.locator("button.suggestion", has_text="Vladimir Putin").click()
            page.wait_for_url("**actor=vladimir-putin**")
            assert page.locator("input[name=actor]").input_value() == "vladimir-putin"
            sides = page.locator("table.events-table tbody tr").all_inner_texts()
            assert sides and all("Vladimir Putin" in row for row in sides)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def grown(
    example_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The examples' store after a merge retired an older id of the Syria strike: the base URL
    and the retired id."""
    db, _ = merged_store(example_store, tmp_path_factory.mktemp("serve-browser-links"))
    with running(create_app(db)) as url:
        yield url, RETIRED


def test_an_old_event_link_opens_the_event_after_a_merge(grown: tuple[str, str]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    base_url, old_id = grown
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page()
            response = page.goto(f"{base_url}/events/{old_id}", wait_until="networkidle")
            assert response is not None and response.ok
            assert old_id.removeprefix("c:") not in page.url
            assert page.locator(".report").count() == 2  # both outlets' reports
        finally:
            browser.close()


def test_the_event_page_fits_a_400_px_screen(base: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    strike = {"source": "USA", "target": "SYR", "type": "ASSAULT"}
    [event] = httpx.get(base + "/api/events", params=strike).json()["items"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 400, "height": 860})
            for path in (f"/events/{event['id']}", "/table"):
                page.goto(base + path, wait_until="networkidle")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, (path, overflow)
        finally:
            browser.close()


def test_the_timeline_actor_field_takes_a_name_and_filters_on_the_id(base: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    [putin] = httpx.get(base + "/api/actor-suggestions", params={"q": "putin"}).json()["items"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page()
            page.goto(base + "/", wait_until="networkidle")
            page.locator("input[name=actor]").press_sequentially("Putin", delay=40)
            page.locator("button.suggestion").first.click()
            page.wait_for_url(f"**actor={putin['id']}**")
            assert page.locator("input[name=actor]").input_value() == putin["id"]
        finally:
            browser.close()
