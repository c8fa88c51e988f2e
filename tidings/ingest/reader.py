"""The ingest stage: paths in, Documents out, and a rejection (yielded, never raised) for
each input that cannot be read, so that one bad file never stops a batch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from tidings.errors import InputRejected
from tidings.ingest.compression import gunzip_capped, is_gzip
from tidings.ingest.decode import decode_text
from tidings.ingest.document import Document
from tidings.ingest.jsonl import jsonl_documents
from tidings.ingest.sniff import sniff_format
from tidings.ingest.sources import iter_inputs, read_source
from tidings.ingest.warc import warc_documents
from tidings.settings import IngestSettings

GZIP_SUFFIX = ".gz"

# Bytes looked at before stripping a whole input to see whether it is blank: almost every
# input has a non-blank byte early, and stripping 50 MB just to learn that costs a copy.
BLANK_CHECK_BYTES = 1024


def iter_documents(
    sources: Iterable[str], *, settings: IngestSettings, stdin: BinaryIO | None = None
) -> Iterator[Document | InputRejected]:
    """Every Document in `sources` (files, folders walked recursively, `-` for standard
    input), in order, with an InputRejected in place of each input that cannot be read."""
    for path in iter_inputs(sources):
        yield from read_input(path, settings=settings, stdin=stdin)


def read_input(
    path: str, *, settings: IngestSettings, stdin: BinaryIO | None = None
) -> Iterator[Document | InputRejected]:
    """The Documents of one input (a file or `-`; JSONL and WARC files hold several)."""
    data = read_source(path, limit=settings.max_bytes, stdin=stdin)
    if isinstance(data, InputRejected):
        yield data
        return
    yield from documents_from_bytes(path, data, settings=settings)


def documents_from_bytes(
    origin: str, data: bytes, *, settings: IngestSettings
) -> Iterator[Document | InputRejected]:
    """The Documents in the bytes of one input; `origin` names it and its extension counts."""
    name = origin[: -len(GZIP_SUFFIX)] if origin.lower().endswith(GZIP_SUFFIX) else origin
    damage = None
    if is_gzip(data):
        unpacked = gunzip_capped(data, origin=origin, limit=settings.max_bytes)
        if isinstance(unpacked, InputRejected):
            yield unpacked
            return
        data, damage = unpacked.data, unpacked.damage
    # Only a WARC file is read up to the damage: its complete gzip members are whole records.
    input_format = sniff_format(name, data) if data else None
    if damage is not None and input_format != "warc":
        yield InputRejected(origin, damage)
        return
    if _is_blank(data):
        yield InputRejected(origin, "empty file")
    elif input_format == "warc":
        yield from warc_documents(origin, data, max_bytes=settings.max_bytes)
        if damage is not None:
            yield InputRejected(origin, damage)
    elif input_format == "jsonl":
        yield from jsonl_documents(origin, data, max_record_bytes=settings.max_record_bytes)
    else:
        yield _single_document(origin, data, html=input_format == "html")


def _is_blank(data: bytes) -> bool:
    return not data[:BLANK_CHECK_BYTES].strip() and not data.strip()


def _single_document(origin: str, data: bytes, *, html: bool) -> Document | InputRejected:
    decoded = decode_text(data, origin=origin, html=html)
    if isinstance(decoded, InputRejected):
        return decoded
    if not decoded.text.strip():  # white space in UTF-16, say
        return InputRejected(origin, "empty file")
    return Document(
        path=origin,
        format="html" if html else "text",
        content=decoded.text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
    )
