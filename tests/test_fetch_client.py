"""The polite client, the listing reader and the WARC writer without a socket (an httpx
MockTransport, a clock that only moves when the client sleeps): the delay per host and
robots.txt's Crawl-delay, Retry-After, redirect limits, the body cap, feeds and sitemaps of
every dialect read into items, and a feed entry's metadata given back by the WARC reader.
Every text here is invented."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tidings.fetch.client import (
    Disallowed,
    Fetched,
    FetchFailed,
    FetchOptions,
    PoliteClient,
    Validators,
)
from tidings.fetch.sources import BadSource, Item, Listing, read_listing
from tidings.fetch.warc_writer import RoundArchive
from tidings.ingest import Document, iter_documents
from tidings.ingest.document import Hints
from tidings.settings import load_settings

Handler = Callable[[httpx.Request], httpx.Response]


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def client(handler: Handler, time: FakeTime | None = None, **options: Any) -> PoliteClient:
    time = time or FakeTime()
    return PoliteClient(
        FetchOptions(**options),
        transport=httpx.MockTransport(handler),
        sleep=time.sleep,
        clock=time.clock,
    )


def site(routes: dict[str, httpx.Response], seen: list[httpx.Request]) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return routes.get(request.url.path, httpx.Response(404))

    return handle


def test_each_host_is_asked_at_most_once_per_delay_or_its_crawl_delay() -> None:
    time, seen = FakeTime(), []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path != "/robots.txt":
            return httpx.Response(200, text="a page")
        if request.url.host == "slow.test":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\n")
        return httpx.Response(404)

    with client(handle, time, delay=2.0) as polite:
        polite.get("http://one.test/a")
        polite.get("http://one.test/b")
        polite.get("http://slow.test/a")  # another host: no wait for one.test's turn
        polite.get("http://slow.test/b")
    # one.test: robots.txt, /a 2 s later, /b 2 s later; slow.test: its Crawl-delay of 5 s
    assert time.slept == [2.0, 2.0, 5.0, 5.0]
    assert [r.url.host for r in seen] == ["one.test"] * 3 + ["slow.test"] * 3


def test_a_disallowed_url_is_never_requested_nor_a_redirect_into_it() -> None:
    seen: list[httpx.Request] = []
    routes = {
        "/robots.txt": httpx.Response(200, text="User-agent: Tidings\nDisallow: /private\n"),
        "/moved": httpx.Response(301, headers={"Location": "/private/x"}),
    }
    with client(site(routes, seen), delay=0) as polite:
        with pytest.raises(Disallowed):
            polite.get("http://one.test/private/y")
        with pytest.raises(Disallowed):
            polite.get("http://one.test/moved")
    assert [r.url.path for r in seen] == ["/robots.txt", "/moved"]


def test_conditional_headers_are_sent_and_a_304_is_returned() -> None:
    seen: list[httpx.Request] = []
    routes = {"/robots.txt": httpx.Response(404), "/feed": httpx.Response(304)}
    with client(site(routes, seen), delay=0) as polite:
        fetched = polite.get("http://one.test/feed", Validators('"v1"', "Mon, 02 Nov 2026"))
    assert fetched.not_modified
    assert seen[1].headers["If-None-Match"] == '"v1"'
    assert seen[1].headers["If-Modified-Since"] == "Mon, 02 Nov 2026"
    assert seen[1].headers["User-Agent"].startswith("Tidings/")


def test_retry_after_is_honoured_and_too_long_a_wait_is_a_failure() -> None:
    time, answers = (
        FakeTime(),
        [
            httpx.Response(503, headers={"Retry-After": "7"}),
            httpx.Response(200, text="ok"),
        ],
    )

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404) if request.url.path == "/robots.txt" else answers.pop(0)

    with client(handle, time, delay=0, backoff=1) as polite:
        assert polite.get("http://one.test/a").body == b"ok"
    assert time.slept == [7.0]

    def busy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "3600"})

    with client(busy, delay=0) as polite, pytest.raises(FetchFailed, match="retry after 3600 s"):
        polite.get("http://one.test/a")


def test_redirects_are_limited_and_bodies_capped() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/robots.txt":
            return httpx.Response(404)
        if path.startswith("/hop"):
            return httpx.Response(302, headers={"Location": f"/hop{int(path[4:]) + 1}"})
        return httpx.Response(
            200, content=gzip.compress(b"x" * 10_000), headers={"Content-Encoding": "gzip"}
        )

    with client(handle, delay=0, max_bytes=5000, max_redirects=3) as polite:
        with pytest.raises(FetchFailed, match="more than 3 redirects"):
            polite.get("http://one.test/hop1")
        # the cap counts decoded bytes: a small gzip body that unpacks large is refused
        with pytest.raises(FetchFailed, match="larger than 5000 bytes"):
            polite.get("http://one.test/big")


def test_a_host_that_cannot_be_reached_is_one_failure() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with client(refuse, delay=0, retries=1, backoff=0) as polite:
        with pytest.raises(FetchFailed, match=r"^http://one.test/a: robots.txt: cannot connect"):
            polite.get("http://one.test/a")
        with pytest.raises(FetchFailed, match="not an http"):
            polite.get("ftp://one.test/a")


# --- listings --------------------------------------------------------------------------------


def listing_of(
    body: str | bytes, url: str = "http://one.test/feed.xml", media: str = "application/xml"
) -> Listing | None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(
            200,
            content=body if isinstance(body, bytes) else body.encode(),
            headers={"Content-Type": media},
        )

    with client(handle, delay=0) as polite:
        return read_listing(polite.get(url), max_bytes=1_000_000)


def test_rss_2_items_with_dates_in_their_own_offset() -> None:
    listing = listing_of(
        "<rss version='2.0'><channel><title>Harbour Times</title>"
        "<item><title>Talks &amp; trade</title><link>/news/1</link>"
        "<pubDate>Mon, 02 Nov 2026 00:30:00 +0100</pubDate></item>"
        "<item><title>No link at all</title></item>"
        "<item><guid>http://one.test/news/2</guid></item></channel></rss>"
    )
    assert listing is not None and listing.kind == "feed"
    first, second = listing.items
    assert (first.url, first.title, first.published, first.outlet) == (
        "http://one.test/news/1",
        "Talks & trade",
        "2026-11-02T00:30:00+01:00",
        "Harbour Times",
    )
    assert second.url == "http://one.test/news/2" and second.title is None


def test_atom_and_rss_1_entries() -> None:
    atom = listing_of(
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Coast Wire</title><entry>"
        "<title type='html'>&lt;b&gt;Port&lt;/b&gt; reopens</title>"
        "<link rel='enclosure' href='/img.jpg'/><link href='http://one.test/a'/>"
        "<published>2026-11-05T08:00:00Z</published></entry></feed>"
    )
    assert atom is not None
    assert [(i.url, i.title, i.published, i.outlet) for i in atom.items] == [
        ("http://one.test/a", "Port reopens", "2026-11-05T08:00:00Z", "Coast Wire")
    ]
    rdf = listing_of(
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        "<channel><title>Bay Post</title></channel>"
        "<item rdf:about='http://one.test/b'><title>Ferry strike</title>"
        "<dc:date>2026-11-06</dc:date></item></rdf:RDF>"
    )
    assert rdf is not None
    assert [(i.url, i.published, i.outlet) for i in rdf.items] == [
        ("http://one.test/b", "2026-11-06", "Bay Post")
    ]


def test_a_changed_entry_has_another_key() -> None:
    feed = "<rss><channel><item><title>{}</title><link>/n</link></item></channel></rss>"
    one, two, again = (listing_of(feed.format(t)) for t in ("Talks", "Talks collapse", "Talks"))
    assert one and two and again
    assert one.items[0].key == again.items[0].key != two.items[0].key


def test_a_gzipped_sitemap_and_what_is_not_a_listing() -> None:
    sitemap = gzip.compress(
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>http://one.test/p</loc><lastmod>2026-11-07</lastmod></url></urlset>"
    )
    listing = listing_of(sitemap, url="http://one.test/sitemap.xml.gz")
    assert listing is not None and [(i.url, i.published) for i in listing.items] == [
        ("http://one.test/p", "2026-11-07")
    ]
    page = "<!DOCTYPE html><html><body><p>A page.</p></body></html>"
    assert listing_of(page, url="http://one.test/news/1", media="text/html") is None
    with pytest.raises(BadSource, match="HTML instead of a feed"):
        listing_of(page, url="http://one.test/rss", media="text/html")
    with pytest.raises(BadSource, match=r"not a feed or sitemap \(<catalog>\)"):
        listing_of("<catalog><book/></catalog>")
    bomb = (
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'>"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><rss>&b;</rss>"
    )
    with pytest.raises(BadSource, match="XML refused"):
        listing_of(bomb)


def test_html_where_a_feed_was_expected_names_the_feed_the_page_links_to() -> None:
    page = (
        "<!DOCTYPE html><html><head><link rel='alternate' type='application/rss+xml' "
        "href='/feeds/all.rss'></head><body>News</body></html>"
    )
    with pytest.raises(BadSource) as raised:
        listing_of(page, url="http://one.test/rss", media="text/html")
    assert raised.value.reason == (
        "HTML instead of a feed or sitemap (the page names a feed: http://one.test/feeds/all.rss)"
    )


def test_the_warc_gives_back_the_entry_as_written_and_skips_the_listing(tmp_path: Path) -> None:
    archive = RoundArchive(tmp_path / "warcs", on_create=lambda name: None)
    page = "<p>Ministers walked out of the talks in Genève on Tuesday, officials said.</p>"
    feed = "<rss><channel><item><link>http://one.test/a</link></item></channel></rss>"
    now = datetime.now(UTC)
    with archive:
        archive.write(
            Fetched(
                "http://one.test/f",
                "http://one.test/f",
                200,
                "OK",
                [("Content-Type", "text/html")],
                feed.encode(),
                "HTTP/1.1",
                now,
            ),
            listing="feed",
        )
        archive.write(
            Fetched(
                "http://one.test/a",
                "http://one.test/a",
                200,
                "OK",
                [("Content-Type", "text/html; charset=utf-8")],
                page.encode(),
                "HTTP/1.1",
                now,
            ),
            Item(
                "http://one.test/a",
                "Genève talks — “collapse”",
                "2026-11-02T00:30:00+01:00",
                "Le Temps",
            ),
        )
    assert archive.path is not None and archive.pages == 1
    (document,) = iter_documents([str(archive.path)], settings=load_settings().ingest)
    assert isinstance(document, Document)
    assert document.path == f"{archive.path}#1"
    assert document.hints == Hints(
        title="Genève talks — “collapse”",
        title_given=True,
        published="2026-11-02T00:30:00+01:00",
        outlet="Le Temps",
        url="http://one.test/a",
    )
    assert document.content == page
