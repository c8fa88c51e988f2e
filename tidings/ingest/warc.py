"""WARC archives (read with warcio): HTML and plain-text captures become Documents named
`file.warc.gz#N`, N counting every record of the file from 0. Requests, metadata, revisits,
images, scripts and error pages are skipped without a word; an archive that cannot be parsed
gives one rejection and ends there. The archive is read as a stream, record by record, so
that a crawl of any size takes the memory of one record."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from tidings.errors import InputRejected
from tidings.fetch.record_headers import (
    LISTING_HEADER,
    OUTLET_HEADER,
    PUBLISHED_HEADER,
    TITLE_HEADER,
)
from tidings.ingest.compression import GzipDamage
from tidings.ingest.decode import decode_text
from tidings.ingest.document import ContentFormat, Document, Hints
from tidings.ingest.sniff import WARC_MAGIC, looks_like_html, start_as_text
from tidings.ingest.sources import read_capped

# Media types read as articles, by the format they are read in.
MEDIA_FORMATS: dict[str, ContentFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}

# Records that carry a capture's own bytes. `response` has HTTP headers in front of them;
# `resource` and `conversion` (e.g. text extracted from a PDF) have none.
HTTP_CAPTURE = "response"
PLAIN_CAPTURES = frozenset({"resource", "conversion"})


# How an archive starts: a WARC record, or the ARC file header that warcio also reads.
ARCHIVE_MAGIC = (WARC_MAGIC, b"filedesc://")

# Bytes of one record's headers (WARC and HTTP, and the blank lines before them) read before
# the record is refused. warcio reads headers line by line with no limit, so without this a
# line that never ends (a gzip bomb of one repeated byte, say) would be read into memory
# whole. Real headers are a few kB; web servers refuse requests with more than 8 to 64 kB.
MAX_HEADER_BYTES = 1 << 20


class BrokenRecord(Exception):
    """A record that warcio parsed but that cannot be right; the message ends the reason."""


@dataclass(frozen=True, slots=True)
class Capture:
    """What one record holds, once warcio has parsed it: `payload` is None when it is larger
    than the limit."""

    content_format: ContentFormat
    charset: str | None
    hints: Hints
    payload: bytes | None


def warc_documents(
    origin: str, stream: io.BufferedReader[Any], *, max_bytes: int
) -> Iterator[Document | InputRejected]:
    """One Document per HTML or text capture of a WARC stream (already decompressed or not).
    GzipDamage and OSError from `stream` are raised: they are the file's, not a record's."""
    start = stream.peek()
    if not start.strip():
        yield InputRejected(origin, "empty file")
        return
    if not start.startswith(ARCHIVE_MAGIC):  # warcio would read almost any text as ARC
        yield InputRejected(origin, "WARC: not a WARC file")
        return
    records = ArchiveIterator(stream)
    # warcio writes a three-line warning to standard error when a record is not followed by a
    # blank line (a wrong Content-Length), then reads on; standard error is for one line per
    # rejected input, so the warning is made empty (it is this object's format string).
    records.INC_RECORD = ""
    budget = HeaderBudget(records.reader)
    index = 0
    while True:
        try:
            budget.reset()
            record = next(records, None)
            capture = None if record is None else _capture(record, max_bytes)
        except (GzipDamage, OSError):
            raise
        # warcio parses untrusted bytes with parsers that document no set of exceptions;
        # whatever they raise means this archive is broken from here on.
        except Exception as exc:
            yield InputRejected(origin, _broken_reason(index, exc))
            return
        if record is None:
            return
        if capture is not None:
            item = _document(f"{origin}#{index}", capture, max_bytes=max_bytes)
            if item is not None:
                yield item
        index += 1


class HeaderBudget:
    """Holds warcio's line reading to MAX_HEADER_BYTES per record. It takes the place of the
    `readline` and `read` of warcio's reader (the object that all of warcio's parsing reads
    through): headers are read with `readline`, payloads with `read`, so a `read` (or a new
    record) starts the count again."""

    def __init__(self, reader: Any) -> None:
        self._readline = reader.readline
        self._read = reader.read
        self._used = 0
        reader.readline = self.readline
        reader.read = self.read

    def reset(self) -> None:
        self._used = 0

    def readline(self, length: int | None = None) -> bytes:
        room = MAX_HEADER_BYTES + 1 - self._used
        line: bytes = self._readline(room if length is None else min(length, room))
        self._used += len(line)
        if self._used > MAX_HEADER_BYTES:
            raise BrokenRecord(f"has headers longer than {MAX_HEADER_BYTES} bytes")
        return line

    def read(self, length: int | None = None) -> bytes:
        self._used = 0
        data: bytes = self._read(length)
        return data


def _broken_reason(index: int, exc: Exception) -> str:
    if isinstance(exc, BrokenRecord):
        return f"WARC: record {index} {exc}"
    if isinstance(exc, ArchiveLoadFailed | StatusAndHeadersParserException):
        return f"WARC: record {index} has invalid headers"
    return f"WARC: record {index} is broken"


def _capture(record: Any, max_bytes: int) -> Capture | None:
    """The article-like content of a record, or None for a record that holds none."""
    if record.rec_type is None:
        raise BrokenRecord("has invalid headers")
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_headers.get_header(LISTING_HEADER):
        return None  # a feed or sitemap `tidings fetch` archived: its pages are records too
    if record.rec_type == HTTP_CAPTURE:
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return None  # not HTTP (dns:), or a redirect or error page rather than an article
        media_type, charset = _parse_content_type(http.get_header("Content-Type"))
    elif record.rec_type in PLAIN_CAPTURES:
        media_type, charset = _parse_content_type(record.rec_headers.get_header("Content-Type"))
    else:
        return None
    content_format = MEDIA_FORMATS.get(media_type) if media_type else None
    if media_type and content_format is None:
        return None
    payload = read_capped(record.content_stream(), max_bytes)
    if payload is not None and _cut_short(record):
        raise BrokenRecord("is truncated")
    if content_format is None:  # no Content-Type at all: only HTML is recognised by content
        if payload is not None and not looks_like_html(start_as_text(payload)):
            return None
        content_format = "html"
    return Capture(content_format, charset, _hints(record, url), payload)


def _hints(record: Any, url: str | None) -> Hints:
    """The capture's URL, and what `tidings fetch` archived of the feed entry that listed it
    (its record headers, `tidings.fetch.record_headers`)."""
    title = record.rec_headers.get_header(TITLE_HEADER)
    return Hints(
        title=title,
        title_given=title is not None,
        published=record.rec_headers.get_header(PUBLISHED_HEADER),
        outlet=record.rec_headers.get_header(OUTLET_HEADER),
        url=url,
    )


def _cut_short(record: Any) -> bool:
    """The archive ended before the record's Content-Length did. (Bytes left unread after the
    payload, such as a chunked body's trailer, are not a truncation.)"""
    left = getattr(record.raw_stream, "limit", 0)
    return isinstance(left, int) and left > 0 and record.raw_stream.read(1) == b""


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """'text/html; charset="UTF-8"' -> ('text/html', 'UTF-8')."""
    if not value:
        return None, None
    media_type, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        key, _, found = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _document(where: str, capture: Capture, *, max_bytes: int) -> Document | InputRejected | None:
    if capture.payload is None:
        return InputRejected(where, f"larger than {max_bytes} bytes (max_bytes)")
    if not capture.payload.strip():
        return None  # an empty body (a 204, a HEAD) is not an input worth reporting
    decoded = decode_text(
        capture.payload,
        origin=where,
        declared=capture.charset,
        html=capture.content_format == "html",
    )
    if isinstance(decoded, InputRejected):
        return decoded
    if not decoded.text.strip():
        return None
    return Document(
        path=where,
        format=capture.content_format,
        content=decoded.text,
        sha256=hashlib.sha256(capture.payload).hexdigest(),
        encoding=decoded.encoding,
        hints=capture.hints,
    )
