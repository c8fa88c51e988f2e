"""WARC archives (read with warcio): HTML and plain-text captures become Documents named
`file.warc.gz#N`, N counting every record of the file from 0. Requests, metadata, revisits,
images, scripts and error pages are skipped without a word; an archive that cannot be parsed
gives one rejection and ends there."""

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


class BrokenRecord(Exception):
    """A record that warcio parsed but that cannot be right; the message ends the reason."""


@dataclass(frozen=True, slots=True)
class Capture:
    """What one record holds, once warcio has parsed it: `payload` is None when it is larger
    than the limit."""

    content_format: ContentFormat
    charset: str | None
    url: str | None
    payload: bytes | None


def warc_documents(
    origin: str, data: bytes, *, max_bytes: int
) -> Iterator[Document | InputRejected]:
    """One Document per HTML or text capture of a WARC file (already decompressed or not)."""
    if not data.startswith(ARCHIVE_MAGIC):  # warcio would read almost any text as ARC
        yield InputRejected(origin, "WARC: not a WARC file")
        return
    records = ArchiveIterator(io.BytesIO(data))
    index = 0
    while True:
        try:
            record = next(records, None)
            capture = None if record is None else _capture(record, max_bytes)
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
    return Capture(content_format, charset, url, payload)


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
        hints=Hints(url=capture.url),
    )
