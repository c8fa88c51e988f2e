"""`tidings fetch` against a news site served on 127.0.0.1 (tests/fetch_site.py): robots.txt
obeyed (a disallowed page is never asked for), every allowed feed item stored once with the
feed's title and date, conditional requests on the rerun and nothing added, the WARC written
and replayed by `tidings run` into the same articles, each bad source one line while the rest
goes on, retries on 503, and a round killed before storing that loses and refetches nothing.
Every text here is invented."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.fetch_site import Route, Site, serve
from tidings.cli import app
from tidings.cli.fetch import parse_interval
from tidings.errors import StoreError
from tidings.fetch import round as fetch_round_module
from tidings.fetch.client import FetchOptions
from tidings.fetch.round import RoundSummary, fetch_round
from tidings.fetch.warc_writer import warc_folder
from tidings.settings import load_settings

ROBOTS = "User-agent: *\nDisallow: /private/\n"
STORIES = {
    "/news/raid.html": (
        "Harbourian troops raid rebel camp",
        "Harbourian troops attacked a rebel camp near the northern border on Monday, "
        "officials in the capital said.",
        "The defence ministry said ten fighters were detained during the operation.",
    ),
    "/news/talks.html": (
        "Ministers walk out of harbour talks",
        "Ministers of Coastland walked out of the harbour talks in Geneva on Tuesday after "
        "a dispute over fishing rights.",
        "A spokesman said the talks could resume next month.",
    ),
    "/private/memo.html": (
        "An internal memo",
        "This page is kept from crawlers by robots.txt and must never be requested.",
    ),
}
FEED_ITEMS = [
    ("Troops raid rebel camp", "/news/raid.html", "Mon, 02 Nov 2026 10:00:00 +0100"),
    ("Harbour talks collapse", "/news/talks.html", "Tue, 03 Nov 2026 09:30:00 GMT"),
    ("Memo", "/private/memo.html", "Tue, 03 Nov 2026 11:00:00 GMT"),
]


def news_site() -> Site:
    site = Site()
    site.routes["/robots.txt"] = Route(ROBOTS.encode(), content_type="text/plain")
    for path, (title, *paragraphs) in STORIES.items():
        site.page(path, title, *paragraphs)
    return site


def with_feed(site: Site, path: str = "/feed.xml") -> Site:
    site.rss(path, [(t, f"{site.url}{link}", date) for t, link, date in FEED_ITEMS])
    return site


def round_of(sources: list[str], db: Path, **options: Any) -> tuple[RoundSummary, list[str]]:
    lines: list[str] = []
    summary = fetch_round(
        sources,
        db=db,
        settings=load_settings(),
        options=FetchOptions(delay=0, timeout=5, backoff=0, **options),
        report=lambda item: lines.append(f"{item.path}: {item.reason}"),
    )
    return summary, lines


def articles(db: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    """(url, title, published, outlet) of every stored article, by URL."""
    with duckdb.connect(str(db), read_only=True) as connection:
        records = [
            json.loads(r[0]) for r in connection.execute("SELECT record FROM articles").fetchall()
        ]
    return sorted(
        (r["source"]["url"], r["title"], r["published"]["value"], r["source"].get("outlet"))
        for r in records
    )


def tidings(*args: str) -> Result:
    """The command, end to end but in this process (the parser's model is loaded once)."""
    return CliRunner().invoke(app, list(args))


# --- end to end, through the command (a real port) ------------------------------------


def test_fetch_command_stores_allowed_items_once_then_asks_conditionally(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        with_feed(site)
        first = tidings("fetch", f"{site.url}/feed.xml", "--db", str(db), "--delay", "0")
        assert first.exit_code == 0, first.output
        assert not any(path.startswith("/private/") for path in site.paths())
        assert site.paths() == ["/robots.txt", "/feed.xml", "/news/raid.html", "/news/talks.html"]
        assert "fetched 3, not modified 0, unchanged 0, disallowed 1, failed 0" in first.stderr
        assert "stored 2 new articles" in first.stderr
        stored = articles(db)
        assert [(title, published[:10]) for _url, title, published, _ in stored] == [
            ("Troops raid rebel camp", "2026-11-02"),
            ("Harbour talks collapse", "2026-11-03"),
        ]
        assert {outlet for *_, outlet in stored} == {"Harbour Times"}

        site.hits.clear()
        second = tidings("fetch", f"{site.url}/feed.xml", "--db", str(db), "--delay", "0")
        assert second.exit_code == 0, second.output
        assert site.paths() == ["/robots.txt", "/feed.xml"]  # pages not asked for again
        feed_request = site.hits[1].headers
        assert feed_request["if-none-match"] == site.routes["/feed.xml"].etag
        assert "if-modified-since" in feed_request
        assert "not modified 1, unchanged 0" in second.stderr
        assert "stored 0 new articles" in second.stderr
        assert articles(db) == stored
        assert site.hits[0].headers["user-agent"].startswith("Tidings/")

    # the WARC beside the store replays into the same articles
    (warc,) = warc_folder(db).iterdir()
    replayed = tmp_path / "replay.duckdb"
    result = tidings("run", str(warc), "--db", str(replayed), "-q")
    assert result.exit_code == 0, result.output
    assert articles(replayed) == stored


# --- through the library ----------------------------------------------------------------


def test_each_bad_source_is_one_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        with_feed(site)
        site.routes["/broken.xml"] = Route(
            b"<?xml version='1.0'?><rss><channel><item>", content_type="application/rss+xml"
        )
        site.routes["/html-feed.xml"] = Route(b"<!DOCTYPE html><html><body>Hi</body></html>")
        site.routes["/loop"] = Route(status=302, headers={"Location": "/loop2"})
        site.routes["/loop2"] = Route(status=302, headers={"Location": "/loop"})
        site.routes["/huge.xml"] = Route(b"<rss>" + b" " * 5000 + b"</rss>")
        listing = tmp_path / "sources.txt"
        listing.write_text(
            f"# my sources\n{site.url}/broken.xml\n{site.url}/html-feed.xml\n"
            f"{site.url}/missing.xml\n{site.url}/loop\n{site.url}/huge.xml\nnot a url\n\n"
            f"{site.url}/feed.xml\n",
            encoding="utf-8",
        )
        saved = tmp_path / "saved-feed.xml"
        saved.write_text("<?xml version='1.0'?>\n<rss>\n</rss>\n", encoding="utf-8")
        summary, lines = round_of(
            [str(listing), str(tmp_path / "nowhere.txt"), str(saved)], db, max_bytes=4000
        )
    assert lines == [
        f"{site.url}/broken.xml: broken XML (line 1, column 41)",
        f"{site.url}/html-feed.xml: HTML instead of a feed or sitemap",
        f"{site.url}/missing.xml: HTTP 404 Not Found",
        f"{site.url}/loop: redirect loop ({site.url}/loop -> {site.url}/loop2 -> {site.url}/loop)",
        f"{site.url}/huge.xml: larger than 4000 bytes (max_bytes)",
        f"{listing}:7: not an http(s) URL",
        f"{tmp_path / 'nowhere.txt'}: no such file, and not a URL",
        f"{saved}: markup, not a list of URLs (local files: tidings run)",
    ]
    assert (summary.failed, summary.disallowed, summary.articles_added) == (8, 1, 2)


def test_a_changed_feed_entry_is_asked_for_again_conditionally(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        with_feed(site)
        round_of([f"{site.url}/feed.xml"], db)
        FEED_CHANGED = [("Troops raid rebel camp (updated)", *FEED_ITEMS[0][1:]), *FEED_ITEMS[1:]]
        site.rss("/feed.xml", [(t, f"{site.url}{link}", d) for t, link, d in FEED_CHANGED])
        site.hits.clear()
        summary, lines = round_of([f"{site.url}/feed.xml"], db)
    assert lines == []
    assert site.paths() == ["/robots.txt", "/feed.xml", "/news/raid.html"]
    assert site.hits[2].headers["if-none-match"] == site.routes["/news/raid.html"].etag
    assert (summary.fetched, summary.not_modified, summary.unchanged) == (1, 1, 1)
    assert summary.articles_added == 0


def test_busy_server_is_asked_again_and_retry_after_is_honoured(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        site.routes["/news/raid.html"].first = [(503, {"Retry-After": "0"}), (429, {})]
        summary, lines = round_of([f"{site.url}/news/raid.html"], db)
    assert lines == [] and summary.fetched == 1 and summary.articles_added == 1
    assert site.paths() == ["/robots.txt", *["/news/raid.html"] * 3]


def test_a_round_killed_before_storing_loses_and_refetches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.duckdb"
    real_store = fetch_round_module.store_warcs

    def killed(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    with serve(news_site()) as site:
        with_feed(site)
        monkeypatch.setattr(fetch_round_module, "store_warcs", killed)
        with pytest.raises(KeyboardInterrupt):
            round_of([f"{site.url}/feed.xml"], db)
        monkeypatch.setattr(fetch_round_module, "store_warcs", real_store)
        site.hits.clear()
        summary, _ = round_of([f"{site.url}/feed.xml"], db)
    assert site.paths() == ["/robots.txt", "/feed.xml"]  # a 304, and no page again
    assert summary.articles_added == 2
    assert [title for _, title, _, _ in articles(db)] == [
        "Troops raid rebel camp",
        "Harbour talks collapse",
    ]


def test_a_sitemap_index_and_a_page_url(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        site.routes["/sitemap.xml"] = Route(
            (
                b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                b'sitemap/0.9"><sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>'
            ),
            content_type="application/xml",
        )
        site.routes["/sitemap-news.xml"] = Route(
            (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
                ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
                f"<loc>{site.url}/news/raid.html</loc><news:news><news:publication>"
                "<news:name>Harbour Daily</news:name></news:publication>"
                "<news:publication_date>2026-11-04</news:publication_date>"
                "<news:title>Raid on rebel camp</news:title></news:news></url>"
                f"<url><loc>{site.url}/private/memo.html</loc></url></urlset>"
            ).encode(),
            content_type="application/xml",
        )
        summary, lines = round_of([f"{site.url}/sitemap.xml", f"{site.url}/news/talks.html"], db)
    assert lines == []
    assert (summary.fetched, summary.disallowed, summary.articles_added) == (4, 1, 2)
    (from_sitemap, page) = articles(db)
    assert from_sitemap[1:] == ("Raid on rebel camp", "2026-11-04", "Harbour Daily")
    assert page[1:3] == ("Ministers walk out of harbour talks", None)  # the page says no date


def test_robots_unreachable_keeps_the_host_out(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        site.routes["/robots.txt"] = Route(status=500)
        summary, lines = round_of([f"{site.url}/news/raid.html"], db, retries=0)
    assert lines == [f"{site.url}/news/raid.html: robots.txt: HTTP 500; not fetched"]
    assert site.paths() == ["/robots.txt"]
    assert summary.failed == 1


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("2", 2)])
def test_every_takes_a_duration(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_a_feed_served_as_html_is_not_an_article_and_feeds_alone_are_not_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        with_feed(site)
        site.routes["/feed.xml"].content_type = "text/html"  # a server that says so
        summary, lines = round_of([f"{site.url}/feed.xml"], db)
        assert lines == [] and summary.rejected == 0 and summary.articles_added == 2
        # the feed changes (a new ETag) but lists the same entries: nothing to store
        site.routes["/feed.xml"].etag = '"v2"'
        stored: list[Any] = []
        monkeypatch.setattr(fetch_round_module, "store_warcs", lambda *a, **k: stored.append(a))
        summary, lines = round_of([f"{site.url}/feed.xml"], db)
    assert (summary.fetched, summary.unchanged, stored) == (1, 2, [])
    assert len(list(warc_folder(db).iterdir())) == 2  # the feed itself is archived


def test_a_second_fetch_on_the_same_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with fetch_round_module._fetch_lock(db), pytest.raises(StoreError, match="another tidings"):
        round_of(["http://127.0.0.1:9/feed.xml"], db)


def test_every_repeats_with_a_line_per_round_until_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rounds: list[float] = []

    def sleep(seconds: float) -> None:  # the wait between rounds; the second one is Ctrl-C
        rounds.append(seconds)
        if len(rounds) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(
        "tidings.cli.fetch.time", SimpleNamespace(sleep=sleep, monotonic=lambda: 0.0)
    )
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        with_feed(site)
        result = tidings(
            "fetch", f"{site.url}/feed.xml", "--db", str(db), "--delay", "0", "--every", "15m"
        )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert [line.split(":", 1)[0].split(" (")[0] for line in lines] == [
        "round 1",
        "round 2",
        "stopped after 2 rounds",
    ]
    assert "stored 2 new articles" in lines[0] and "not modified 1" in lines[1]
    assert rounds == [900.0, 900.0]


def test_a_page_without_article_text_is_one_line_naming_its_url(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    with serve(news_site()) as site:
        site.routes["/news/menu.html"] = Route(b"<html><body><ul><li>Home</li></ul></body></html>")
        summary, lines = round_of([f"{site.url}/news/menu.html"], db)
    (line,) = lines
    assert line.startswith(f"{site.url}/news/menu.html ({warc_folder(db)}/")
    assert line.endswith("#0): HTML has no main text")
    assert summary.rejected == 1
