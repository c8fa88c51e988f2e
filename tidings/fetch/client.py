"""Polite HTTP for `tidings fetch`: one request at a time, each host asked no more often than
the delay allows (or its robots.txt's Crawl-delay, when longer), robots.txt obeyed before any
other request to a host, a User-Agent that says who asks, timeouts, a cap on every body,
retries with backoff on 429 and 5xx (Retry-After honoured), redirects followed one hop at a
time (each hop is a request like any other: robots, delay) up to a limit, and conditional
requests (If-None-Match, If-Modified-Since) when validators are known.

Nothing here knows about feeds or the store: a URL and its validators in, a `Fetched` out, or
`FetchFailed` / `Disallowed` (library exceptions that name the URL and the reason)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from tidings import __version__
from tidings.errors import InputRejected
from tidings.fetch.robots import Robots, robots_url

USER_AGENT = f"Tidings/{__version__} (news event extraction; +https://pypi.org/project/tidings/)"
# The token robots.txt groups are matched against.
ROBOTS_AGENT = "Tidings"

# Statuses worth asking again: the server is busy or failed for a moment.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_MODIFIED = 304

# A Retry-After longer than this is not waited for: the URL fails for this round and the next
# round asks again; a fetch loop is not held for hours by one host.
LONGEST_RETRY_WAIT = 120.0


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely and how patiently to fetch. `delay`: seconds between two requests to one
    host; `timeout`: seconds to connect and between two reads, and a quarter of the time a
    whole response may take; `max_bytes`: the largest body read (the project's `max_bytes`);
    `retries`: further attempts after a 429, a 5xx or a network error, `backoff` seconds
    before the first and twice as long each time."""

    delay: float = 1.0
    timeout: float = 30.0
    max_bytes: int = 50_000_000
    retries: int = 3
    backoff: float = 2.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about the version it sent, for asking "changed since?" next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: `url` the one asked for, `final_url` where the redirects ended; `body` is
    empty for a 304. `headers` are the response's, as (name, value) pairs in order, less those
    that describe a transfer rather than the body (the body here is decoded)."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    http_version: str
    fetched_at: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED

    @property
    def validators(self) -> Validators:
        names = {name.lower(): value for name, value in self.headers}
        return Validators(names.get("etag"), names.get("last-modified"))

    @property
    def media_type(self) -> str | None:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value.split(";")[0].strip().lower() or None
        return None


class FetchFailed(InputRejected):
    """A URL could not be fetched (an HTTP error, a timeout, too large, a redirect loop)."""


class Disallowed(InputRejected):
    """A URL that robots.txt keeps Tidings out of; it was not requested."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "disallowed by robots.txt (not fetched)")


# Headers of the transfer, not of the body: the body kept is decoded and whole.
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


@dataclass(slots=True)
class PoliteClient:
    """An HTTP client that is polite to every host it meets. Use it as a context manager.
    `transport` replaces the network (tests); `sleep` and `clock` replace time's."""

    options: FetchOptions = field(default_factory=FetchOptions)
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _client: httpx.Client | None = None
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, Robots] = field(default_factory=dict)

    def __enter__(self) -> PoliteClient:
        timeout = httpx.Timeout(self.options.timeout)
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=timeout,
            follow_redirects=False,  # followed here, so that each hop is polite
            transport=self.transport,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, validators: Validators | None = None) -> Fetched:
        """The response to GET `url` after its redirects; a 304 when `validators` still hold.
        Raises Disallowed (robots.txt, for the URL or a redirect's target; nothing is
        requested) or FetchFailed."""
        _check_scheme(url)
        seen = [url]
        current = url
        while True:
            robots = self._robots_for(current)
            if robots.unknown_because is not None:
                raise FetchFailed(url, f"robots.txt: {robots.unknown_because}; not fetched")
            if not robots.allows(current, ROBOTS_AGENT):
                raise Disallowed(current)
            fetched = self._request(current, validators, original=url)
            if fetched.status not in REDIRECT_STATUSES:
                return dataclasses.replace(fetched, url=url, final_url=current)
            location = next((v for k, v in fetched.headers if k.lower() == "location"), None)
            if not location:
                raise FetchFailed(url, f"HTTP {fetched.status} without a Location")
            current = urljoin(current, location)
            _check_scheme(current)
            if current in seen:
                raise FetchFailed(url, f"redirect loop ({' -> '.join([*seen, current])})")
            seen.append(current)
            if len(seen) > self.options.max_redirects + 1:
                raise FetchFailed(url, f"more than {self.options.max_redirects} redirects")

    def _robots_for(self, url: str) -> Robots:
        """The rules of `url`'s host, fetched once per client and host, politely."""
        where = robots_url(url)
        robots = self._robots.get(where)
        if robots is None:
            robots = self._fetch_robots(where)
            self._robots[where] = robots
        return robots

    def _fetch_robots(self, where: str) -> Robots:
        """robots.txt at `where`, its redirects followed (RFC 9309: at least five hops)."""
        current = where
        try:
            for _hop in range(self.options.max_redirects + 1):
                response = self._request(current, None, original=where, errors_raise=False)
                location = next((v for k, v in response.headers if k.lower() == "location"), "")
                if response.status not in REDIRECT_STATUSES or not location:
                    return Robots.from_response(response.status, response.body)
                current = urljoin(current, location)
                _check_scheme(current)
        except FetchFailed as exc:
            return Robots.unreachable(exc.reason)
        return Robots.unreachable("redirects too often")

    def _request(
        self,
        url: str,
        validators: Validators | None,
        *,
        original: str,
        errors_raise: bool = True,
    ) -> Fetched:
        """One URL asked for (no redirect followed), again after a 429, a 5xx or a network
        error, at most `retries` more times. An HTTP error raises FetchFailed naming
        `original` unless `errors_raise` is False (then it is returned, after the retries)."""
        wait = self.options.backoff
        attempt = 0
        while True:
            try:
                fetched = self._once(url, validators)
            except httpx.TransportError as exc:
                if attempt >= self.options.retries:
                    raise FetchFailed(original, _transport_reason(exc)) from exc
            else:
                if not errors_raise and (
                    fetched.status not in RETRY_STATUSES or attempt >= self.options.retries
                ):
                    return fetched
                if fetched.status not in RETRY_STATUSES:
                    if fetched.status >= 400:
                        raise FetchFailed(original, f"HTTP {fetched.status} {fetched.reason}")
                    return fetched
                asked = _retry_after(fetched)
                if asked is not None and asked > LONGEST_RETRY_WAIT:
                    raise FetchFailed(
                        original, f"HTTP {fetched.status} (retry after {asked:.0f} s)"
                    )
                if attempt >= self.options.retries:
                    raise FetchFailed(original, f"HTTP {fetched.status} {fetched.reason}")
                wait = max(wait, asked) if asked is not None else wait
            attempt += 1
            self.sleep(wait)
            wait *= 2

    def _once(self, url: str, validators: Validators | None) -> Fetched:
        assert self._client is not None, "PoliteClient is used as a context manager"
        host = urlsplit(url).netloc.lower()
        self._wait_for_turn(host, url)
        headers = _conditional_headers(validators)
        started = self.clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                body = self._read_capped(response, url, started)
                fetched = Fetched(
                    url=url,
                    final_url=url,
                    status=response.status_code,
                    reason=response.reason_phrase,
                    headers=[
                        (name, value)
                        for name, value in response.headers.items()
                        if name.lower() not in _TRANSFER_HEADERS
                    ],
                    body=body,
                    http_version=response.http_version,
                    fetched_at=datetime.now(UTC),
                )
        finally:
            self.requests += 1
            self._last_request[host] = self.clock()
        return fetched

    def _wait_for_turn(self, host: str, url: str) -> None:
        """Sleep until `host` was last asked `delay` seconds ago (or its Crawl-delay)."""
        last = self._last_request.get(host)
        if last is None:
            return
        delay = self.options.delay
        robots = self._robots.get(robots_url(url))
        if robots is not None:
            delay = max(delay, robots.crawl_delay(ROBOTS_AGENT))
        left = last + delay - self.clock()
        if left > 0:
            self.sleep(left)

    def _read_capped(self, response: httpx.Response, url: str, started: float) -> bytes:
        """The decoded body, refused past `max_bytes` (by its Content-Length at once) or
        when the whole response takes more than four timeouts (a server dripping bytes)."""
        cap = self.options.max_bytes
        if response.status_code in REDIRECT_STATUSES or response.status_code >= 400:
            return b""  # not read: only the status counts
        declared = response.headers.get("content-length", "")
        if (
            declared.isdigit()
            and int(declared) > cap
            and not response.headers.get("content-encoding")
        ):
            raise FetchFailed(url, f"larger than {cap} bytes (max_bytes)")
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchFailed(url, f"larger than {cap} bytes (max_bytes)")
            if self.clock() - started > 4 * self.options.timeout:
                raise FetchFailed(url, f"took longer than {4 * self.options.timeout:.0f} s")
            chunks.append(chunk)
        return b"".join(chunks)


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchFailed(url, "not an http(s) URL")


def _conditional_headers(validators: Validators | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _retry_after(fetched: Fetched) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    value = next((v for k, v in fetched.headers if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _transport_reason(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return "cannot connect"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server broke the HTTP protocol"
    return f"network error ({type(exc).__name__})"
