"""The ingest stage: paths in, Documents out, and a rejection (yielded, never raised) for
each input that cannot be read, so that one bad file never stops a batch.

A single document (a page, a text) is read whole, under `max_bytes`. A container (JSON
Lines, CSV, WARC; gzipped or not; told by its name, or by its first bytes when the name says
nothing) is streamed record by record: it may be of any size, and each record is capped on
its own (`max_record_bytes` a JSONL line or a CSV field, `max_bytes` a WARC payload). A
Parquet file is read row group by row group from disk; from standard input or gzip it is
read whole first (Parquet needs to seek), under `max_bytes`."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from tidings.errors import InputRejected
from tidings.ingest.compression import (
    GunzipStream,
    GzipDamage,
    gunzip_capped,
    gunzip_start,
    is_gzip,
)
from tidings.ingest.decode import decode_text
from tidings.ingest.document import Document
from tidings.ingest.jsonl import jsonl_documents
from tidings.ingest.sniff import InputFormat, name_format, sniff_format
from tidings.ingest.sources import (
    STDIN,
    OpenInput,
    PrefixedStream,
    describe_os_error,
    iter_inputs,
    open_source,
    read_head,
    read_rest,
    read_source,
)
from tidings.ingest.table import csv_documents, parquet_documents
from tidings.ingest.warc import warc_documents
from tidings.settings import IngestSettings

GZIP_SUFFIX = ".gz"

# Formats read record by record, and those a name can give that are read whole.
CONTAINER_FORMATS: frozenset[InputFormat | None] = frozenset(
    {"warc", "jsonl", "csv", "tsv", "parquet"}
)
# Column separators of the delimited tables.
DELIMITERS = {"csv": ",", "tsv": "\t"}
SINGLE_FORMATS: frozenset[InputFormat | None] = frozenset({"html", "text"})

# Bytes read from the start of an input whose name says nothing, to tell a container from a
# single document. The first line of a JSON Lines file must be whole within them to be
# recognised; a record is one news article, a few kB to a few hundred.
HEAD_BYTES = 1 << 20

# Buffer of the stream a container is read through: what the container readers look at to
# judge the file as a whole (a WARC at all? binary?), and the size of each read below them.
STREAM_BUFFER_BYTES = 1 << 16

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
    """The Documents of one input (a file or `-`; JSONL, CSV, Parquet and WARC files hold
    several). With `settings.clean` off, each document that does not say whether it is clean
    (a record's `clean`) is marked to be taken as it is."""
    items = _read_input(path, settings=settings, stdin=stdin)
    if settings.clean:
        yield from items
        return
    for item in items:
        if isinstance(item, Document) and item.clean is None:
            item = dataclasses.replace(item, clean=False)
        yield item


def _read_input(
    path: str, *, settings: IngestSettings, stdin: BinaryIO | None = None
) -> Iterator[Document | InputRejected]:
    if path != STDIN and name_format(_without_gzip_suffix(path)) in SINGLE_FORMATS:
        # Named as one document: refused from its size alone when too large, never opened.
        data = read_source(path, limit=settings.max_bytes)
        yield from _whole_input(path, data, settings=settings)
        return
    opened = open_source(path, stdin=stdin)
    if isinstance(opened, InputRejected):
        yield opened
        return
    try:
        yield from _read_opened(path, opened, settings=settings)
    finally:
        if opened.owned:
            opened.stream.close()


def _read_opened(
    path: str, opened: OpenInput, *, settings: IngestSettings
) -> Iterator[Document | InputRejected]:
    """An input named as a container or not named at all: streamed if it is a container,
    else read whole like any single document."""
    try:
        head = read_head(opened.stream, HEAD_BYTES)
    except OSError as exc:
        yield InputRejected(path, describe_os_error(exc))
        return
    gzipped = is_gzip(head)
    start = gunzip_start(head, limit=HEAD_BYTES) if gzipped else head
    input_format = sniff_format(_without_gzip_suffix(path), start)
    del start
    if input_format not in CONTAINER_FORMATS:
        data = read_rest(path, head, opened, limit=settings.max_bytes)
        yield from _whole_input(path, data, settings=settings)
        return
    if input_format == "parquet" and not gzipped and opened.size is not None:
        opened.stream.seek(0)  # a regular file: Parquet reads its footer first
        yield from parquet_documents(path, opened.stream)
        return
    if input_format == "parquet":
        data = read_rest(path, head, opened, limit=settings.max_bytes)
        yield from _whole_input(path, data, settings=settings)
        return
    raw = PrefixedStream(head, opened.stream)
    del head  # `raw` lets go of it once it has been read
    stream = io.BufferedReader(GunzipStream(raw) if gzipped else raw, STREAM_BUFFER_BYTES)
    yield from _container_documents(path, stream, input_format, settings=settings)


def _whole_input(
    path: str, data: bytes | InputRejected, *, settings: IngestSettings
) -> Iterator[Document | InputRejected]:
    if isinstance(data, InputRejected):
        yield data
    else:
        yield from documents_from_bytes(path, data, settings=settings)


def _container_documents(
    origin: str,
    stream: io.BufferedReader[Any],
    input_format: InputFormat,
    *,
    settings: IngestSettings,
) -> Iterator[Document | InputRejected]:
    """The records of a JSONL or WARC stream, and a rejection for damage to the file found
    on the way (after the records before it)."""
    if input_format == "warc":
        items = warc_documents(origin, stream, max_bytes=settings.max_bytes)
    elif input_format == "csv" or input_format == "tsv":
        delimiter = DELIMITERS[input_format]
        cap = settings.max_record_bytes
        items = csv_documents(origin, stream, delimiter=delimiter, max_record_bytes=cap)
    else:
        items = jsonl_documents(origin, stream, max_record_bytes=settings.max_record_bytes)
    try:
        yield from items
        stream.peek()  # at the end of file, one more read raises for damage (GunzipStream)
    except GzipDamage as exc:
        yield InputRejected(origin, str(exc))
    except OSError as exc:
        yield InputRejected(origin, describe_os_error(exc))


def documents_from_bytes(
    origin: str, data: bytes, *, settings: IngestSettings
) -> Iterator[Document | InputRejected]:
    """The Documents in the bytes of one input; `origin` names it and its extension counts."""
    damage = None
    if is_gzip(data):
        unpacked = gunzip_capped(data, origin=origin, limit=settings.max_bytes)
        if isinstance(unpacked, InputRejected):
            yield unpacked
            return
        data, damage = unpacked.data, unpacked.damage
    # A container is read up to the damage: its complete gzip members hold whole records.
    input_format = sniff_format(_without_gzip_suffix(origin), data) if data else None
    if damage is not None and input_format not in CONTAINER_FORMATS:
        yield InputRejected(origin, damage)
        return
    if _is_blank(data):
        yield InputRejected(origin, "empty file")
    elif input_format == "parquet":
        yield from parquet_documents(origin, data)
        if damage is not None:
            yield InputRejected(origin, damage)
    elif input_format is not None and input_format in CONTAINER_FORMATS:
        stream = io.BufferedReader(PrefixedStream(data), STREAM_BUFFER_BYTES)
        yield from _container_documents(origin, stream, input_format, settings=settings)
        if damage is not None:
            yield InputRejected(origin, damage)
    else:
        yield _single_document(origin, data, html=input_format == "html")


def _without_gzip_suffix(origin: str) -> str:
    return origin[: -len(GZIP_SUFFIX)] if origin.lower().endswith(GZIP_SUFFIX) else origin


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
