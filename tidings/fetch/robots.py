"""robots.txt, read with the standard library's parser, and what its HTTP status means
(RFC 9309): a 2xx is the rules; a 4xx means there are none (fetch anything); a 5xx or no answer
at all means the site cannot say, so nothing of it is fetched this time."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

# RFC 9309: a crawler must read at least the first 500 KiB of a robots.txt; more is ignored.
ROBOTS_MAX_BYTES = 500 * 1024


def robots_url(url: str) -> str:
    """Where the robots.txt governing `url` is."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


@dataclass(frozen=True, slots=True)
class Robots:
    """The rules of one host. `parser` is None when every path is allowed (`allow_all`) or
    none is; `unknown_because` says why none is when the rules could not be had."""

    parser: RobotFileParser | None
    allow_all: bool
    unknown_because: str | None = None

    @classmethod
    def from_response(cls, status: int, body: bytes) -> Robots:
        if 200 <= status < 300:
            parser = RobotFileParser()
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            return cls(parser, allow_all=False)
        if 400 <= status < 500:
            return cls(None, allow_all=True)
        return cls.unreachable(f"HTTP {status}")

    @classmethod
    def unreachable(cls, reason: str) -> Robots:
        return cls(None, allow_all=False, unknown_because=reason)

    def allows(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float:
        """The Crawl-delay the rules ask of `agent`, 0 when they ask none."""
        if self.parser is None:
            return 0.0
        try:
            delay = self.parser.crawl_delay(agent)
        except (TypeError, ValueError):
            return 0.0
        return float(delay) if delay else 0.0
