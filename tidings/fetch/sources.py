"""What a fetched SOURCE is, told by its content: an RSS (0.9x, 1.0, 2.0) or Atom feed, a
sitemap or a sitemap index (Google News tags read when present), or a page. A feed's or a
sitemap's entries become `Item`s: a page's URL and what the listing says of it (title, date,
outlet), which is passed on to the article as a JSON Lines record's keys would be.

XML is parsed with defusedxml (entity expansion and external references refused: a feed is
untrusted input). A listing that cannot be read is `BadSource`, a one-line reason."""

from __future__ import annotations

import hashlib
import html
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tidings.errors import InputRejected
from tidings.fetch.client import Fetched

ListingKind = Literal["feed", "sitemap", "sitemap index"]

# A URL whose name says it is a feed or a sitemap: an HTML answer there is an error, not a page.
LISTING_NAME = re.compile(
    r"\.(xml|rss|atom|rdf)(\.gz)?$|(^|[/._-])(feeds?|rss|atom|sitemap\w*)([/._-]|$)"
)
XML_MEDIA = re.compile(r"[/+]xml$")
HTML_MEDIA = frozenset({"text/html", "application/xhtml+xml"})
# Markup that is neither a feed nor a page: its tags, by local name, for the message.
FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
# How an HTML page starts (after white space and comments), told apart from broken XML.
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
GZIP_MAGIC = b"\x1f\x8b"
# A page's own pointer to its feed: <link rel="alternate" type="application/rss+xml" href=...>
FEED_LINK = re.compile(rb"<link\b[^>]*\btype=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.I)
HREF = re.compile(rb"\bhref=[\"']([^\"']+)[\"']", re.I)
SPACES = re.compile(r"\s+")
TAGS = re.compile(r"<[^>]+>")


class BadSource(InputRejected):
    """A source that answered but is not a readable feed, sitemap or page."""


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a listing: the page's URL and what the listing says of it. `key` changes
    when the entry does (a new title or date): then the page is asked for again."""

    url: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    """A feed's or a sitemap's entries; a sitemap index's sitemaps."""

    kind: ListingKind
    items: list[Item] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def says_listing(url: str) -> bool:
    """Whether `url`'s path names a feed or a sitemap (`/feed.xml`, `/rss`, `/sitemap_1`)."""
    return LISTING_NAME.search(urlsplit(url).path.lower()) is not None


def read_listing(fetched: Fetched, *, max_bytes: int) -> Listing | None:
    """The listing in a response, or None when it is a page. Raises BadSource."""
    url, body = fetched.url, fetched.body
    if body.startswith(GZIP_MAGIC):  # a sitemap.xml.gz
        body = _gunzip(url, body, max_bytes)
    media = fetched.media_type or ""
    expected = says_listing(url)
    try:
        root = fromstring(body)
    except DefusedXmlException as exc:
        raise BadSource(url, f"XML refused ({type(exc).__name__})") from exc
    except ParseError as exc:
        if media in HTML_MEDIA or HTML_START.match(body[:4096]):
            if expected:
                raise BadSource(url, _html_instead(body, fetched.final_url)) from exc
            return None
        if expected or XML_MEDIA.search(media) or body.lstrip().startswith(b"<"):
            line, column = exc.position
            raise BadSource(url, f"broken XML (line {line}, column {column})") from exc
        return None  # plain text: a page
    name = _local(root.tag)
    if name == "html":
        if expected:
            raise BadSource(url, _html_instead(body, fetched.final_url))
        return None
    base = fetched.final_url
    if name in FEED_ROOTS:
        return Listing("feed", items=list(_feed_items(root, base)))
    if name == "urlset":
        return Listing("sitemap", items=list(_sitemap_items(root, base)))
    if name == "sitemapindex":
        sitemaps = [_absolute(base, loc) for loc in _texts(root, "sitemap", "loc")]
        return Listing("sitemap index", sitemaps=[loc for loc in sitemaps if loc])
    raise BadSource(url, f"XML but not a feed or sitemap (<{name}>)")


def _html_instead(body: bytes, base: str) -> str:
    """Why a URL named as a feed is refused, with the feed its page names, if it names one."""
    link = FEED_LINK.search(body[:65536])
    href = HREF.search(link.group(0)) if link else None
    feed = (
        _absolute(base, html.unescape(href.group(1).decode("utf-8", "replace"))) if href else None
    )
    reason = "HTML instead of a feed or sitemap"
    return f"{reason} (the page names a feed: {feed})" if feed else reason


def _gunzip(url: str, body: bytes, max_bytes: int) -> bytes:
    """A gzipped body, decompressed, refused past `max_bytes` (a gzip bomb) or when broken."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise BadSource(url, "broken gzip") from exc
    if len(data) > max_bytes:
        raise BadSource(url, f"larger than {max_bytes} bytes unpacked (max_bytes)")
    return data


def _feed_items(root: Element, base: str) -> Iterator[Item]:
    """RSS 2.0 (`channel/item`), RSS 1.0 (`item` beside `channel`) and Atom (`entry`)."""
    channel = _child(root, "channel")
    head = channel if channel is not None else root
    outlet = _text(_child(head, "title"))
    entries = [e for e in root.iter() if _local(e.tag) in ("item", "entry")]
    for entry in entries:
        link = _entry_link(entry, base)
        if link is None:
            continue
        title = _text(_child(entry, "title"))
        published = _date(
            _text(_child(entry, "pubDate"))
            or _text(_child(entry, "published"))
            or _text(_child(entry, "date"))  # dc:date
            or _text(_child(entry, "updated"))
        )
        updated = _text(_child(entry, "updated")) or ""
        guid = _text(_child(entry, "guid")) or _text(_child(entry, "id")) or ""
        key = _key(link, title, published, updated, guid)
        yield Item(link, title=title, published=published, outlet=outlet, key=key)


def _entry_link(entry: Element, base: str) -> str | None:
    """An entry's page: Atom's alternate link, RSS's <link>, a permalink guid, rdf:about."""
    for link in (e for e in entry if _local(e.tag) == "link"):
        href = link.get("href")
        if href is not None:  # Atom
            if link.get("rel", "alternate") == "alternate":
                return _absolute(base, href)
            continue
        if link.text and link.text.strip():
            return _absolute(base, link.text)
    guid = _child(entry, "guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and guid.text:
        return _absolute(base, guid.text)
    about = next((v for k, v in entry.attrib.items() if _local(k) == "about"), None)
    return _absolute(base, about) if about else None


def _sitemap_items(root: Element, base: str) -> Iterator[Item]:
    for entry in (e for e in root if _local(e.tag) == "url"):
        loc = _absolute(base, _text(_child(entry, "loc")) or "")
        if not loc:
            continue
        lastmod = _text(_child(entry, "lastmod"))
        news = _child(entry, "news")  # Google News sitemap tags
        title = outlet = published = None
        if news is not None:
            title = _text(_child(news, "title"))
            published = _text(_child(news, "publication_date"))
            publication = _child(news, "publication")
            outlet = _text(_child(publication, "name")) if publication is not None else None
        published = _date(published or lastmod)
        yield Item(loc, title, published, outlet, key=_key(loc, title, published, lastmod or ""))


def _key(*parts: str | None) -> str:
    joined = "\x1f".join(part or "" for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def _date(raw: str | None) -> str | None:
    """An ISO 8601 date as it is; an RFC 822 date (RSS) as ISO 8601 with its own offset (the
    day is the outlet's: 00:30 +0100 stays that day, not the one before in UTC); else None."""
    if not raw:
        return None
    if re.match(r"\d{4}(-\d{2}){0,2}", raw):
        return raw
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    return when.isoformat()


def _absolute(base: str, href: str) -> str | None:
    url = urljoin(base, href.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _local(tag: object) -> str:
    """A tag's or attribute's name without its namespace ({http://...}item -> item)."""
    return str(tag).rpartition("}")[2]


def _child(element: Element, name: str) -> Element | None:
    return next((e for e in element if _local(e.tag) == name), None)


def _texts(root: Element, parent: str, name: str) -> Iterator[str]:
    for entry in (e for e in root if _local(e.tag) == parent):
        text = _text(_child(entry, name))
        if text:
            yield text


def _text(element: Element | None) -> str | None:
    """An element's text in one line, markup and entities of an HTML title resolved."""
    if element is None:
        return None
    text = "".join(element.itertext())
    if element.get("type") in ("html", "xhtml") or "<" in text:
        text = html.unescape(TAGS.sub(" ", text))
    text = SPACES.sub(" ", text).strip()
    return text or None
