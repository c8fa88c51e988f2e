"""The web app in a real browser: Debian's chromium, driven by Playwright (no browser is
downloaded). Load the timeline, click through to the Syria strike, and see its evidence
highlighted in the article text. Skips when /usr/bin/chromium is not installed (`make test`
installs it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_serve_api import build_store, running
from tidings.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no browser at {CHROMIUM} (apt-get install chromium; `make test` does it)",
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("serve-browser") / "news.duckdb")
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
