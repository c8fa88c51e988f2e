"""A small news site for the fetch tests, served on 127.0.0.1 by http.server in a thread: pages,
feeds, sitemaps and robots.txt as the test sets them, ETag and Last-Modified answered with a
304 when they still hold, and every request recorded (path and headers) so that a test can
say what was asked for and how. Every text here is invented."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 02 Nov 2026 08:00:00 GMT"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = LAST_MODIFIED
    # statuses answered first, one per request, before the route itself (a 503, then a 200)
    first: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def page(self, path: str, title: str, *paragraphs: str) -> None:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = (
            f"<!DOCTYPE html><html><head><title>{title} | Harbour Times</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Harbour Times</footer></body></html>"
        )
        self.routes[path] = Route(html.encode("utf-8"), etag=f'"{abs(hash(html))}"')

    def rss(
        self, path: str, items: list[tuple[str, str, str]], *, title: str = "Harbour Times"
    ) -> None:
        """A feed of (title, link, pubDate) items."""
        entries = "".join(
            f"<item><title>{t}</title><link>{link}</link><pubDate>{date}</pubDate>"
            f"<guid>{link}</guid></item>"
            for t, link, date in items
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{self.url}/</link>{entries}</channel></rss>"
        )
        self.routes[path] = Route(
            xml.encode("utf-8"), content_type="application/rss+xml", etag=f'"{abs(hash(xml))}"'
        )


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        site = self.site
        site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = site.routes.get(self.path)
        if route is None:
            self._answer(404, b"not here", {"Content-Type": "text/plain"})
            return
        if route.first:
            status, headers = route.first.pop(0)
            self._answer(status, b"busy", headers)
            return
        validators = {}
        if route.etag:
            validators["ETag"] = route.etag
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        if route.status == 200 and (
            (route.etag and self.headers.get("If-None-Match") == route.etag)
            or (
                not route.etag
                and route.last_modified
                and self.headers.get("If-Modified-Since") == route.last_modified
            )
        ):
            self._answer(304, b"", validators)
            return
        self._answer(
            route.status,
            route.body,
            {"Content-Type": route.content_type, **validators, **route.headers},
        )

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the test reads `site.hits`


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
