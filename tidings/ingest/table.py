"""CSV and Parquet: one article per row, in columns named like a JSON Lines record's keys
(`text` or `html`, and optionally `id`, `title`, `published`, `outlet`, `url`, `clean`; any
other column is ignored, names are matched without regard to case). Both are read row by row,
so a table of any size takes the memory of one row (CSV) or one row group's batch (Parquet).

A row is named `file.csv:N`, N the line it starts on (the header is line 1, as a spreadsheet
counts rows), or `file.parquet:N`, N counting rows from 1. A row without text is one rejection
and the others go on; a file with neither a `text` nor an `html` column is one rejection.

An empty cell is no value: an empty `title` lets the title be looked for in the text, as a
JSON Lines record without the key does. `clean` reads true/false, yes/no, 1/0.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, BinaryIO

from tidings.errors import InputRejected
from tidings.ingest.decode import guess_legacy_encoding
from tidings.ingest.document import Document
from tidings.ingest.record import RECORD_KEYS, record_document
from tidings.ingest.sniff import binary_reason, byte_order_mark

# Rows of a Parquet file converted to Python at a time.
PARQUET_BATCH_ROWS = 256

CLEAN_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def csv_documents(
    origin: str, stream: io.BufferedReader[Any], *, delimiter: str, max_record_bytes: int
) -> Iterator[Document | InputRejected]:
    """One Document per row of a CSV (or tab-separated) stream, one rejection per bad row.
    The encoding is told from the start of the file (what `stream` has buffered)."""
    head = stream.peek()
    codec = _csv_codec(head)
    if codec is None:
        yield InputRejected(origin, binary_reason(head) or "not text in any known encoding")
        return
    # A field may hold a whole page of HTML: as large as a JSON Lines record may be. The limit
    # is the csv module's own (one per process); it is only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), max_record_bytes))
    text = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
    try:
        yield from _csv_rows(origin, csv.reader(text, delimiter=delimiter))
    finally:
        text.detach()  # the stream is the reader's to close, not the wrapper's


def _csv_rows(origin: str, reader: Any) -> Iterator[Document | InputRejected]:
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield InputRejected(origin, f"not CSV ({exc})")
        return
    if header is None:
        yield InputRejected(origin, "empty file")
        return
    columns = _columns(header)
    if isinstance(columns, str):
        yield InputRejected(origin, columns)
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputRejected(f"{origin}:{line}", f"not CSV ({exc})")
            continue
        if any(cell.strip() for cell in row):
            values = {key: row[i] if i < len(row) else "" for key, i in columns.items()}
            yield _row_document(f"{origin}:{line}", _from_text_cells(values))


def parquet_documents(origin: str, source: BinaryIO | bytes) -> Iterator[Document | InputRejected]:
    """One Document per row of a Parquet file (a seekable file, or its bytes), one rejection
    per bad row; a file Parquet cannot read is one rejection, after the rows before the
    damage."""
    # imported when a Parquet file comes: 0.25 s that no other input should pay
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(pa.BufferReader(source) if isinstance(source, bytes) else source)
        columns = _columns(table.schema_arrow.names)
    except (pa.ArrowException, OSError) as exc:
        yield InputRejected(origin, f"not a Parquet file ({_first_line(exc)})")
        return
    if isinstance(columns, str):
        yield InputRejected(origin, columns)
        return
    names = table.schema_arrow.names
    wanted = {names[i]: key for key, i in columns.items()}
    number = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=list(wanted)):
            for row in batch.to_pylist():
                number += 1
                values = {wanted[name]: value for name, value in row.items()}
                yield _row_document(f"{origin}:{number}", _from_typed_cells(values))
    except (pa.ArrowException, OSError) as exc:
        yield InputRejected(origin, f"damaged Parquet file ({_first_line(exc)})")


def _columns(header: Iterable[str]) -> dict[str, int] | str:
    """Where each record key is among the columns (the first of a name given twice), or why
    the table holds no articles."""
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.strip().lstrip("\ufeff").lower()
        if key in RECORD_KEYS:
            found.setdefault(key, i)
    if "text" not in found and "html" not in found:
        return "no 'text' or 'html' column"
    return found


def _from_text_cells(values: dict[str, str]) -> dict[str, Any] | str:
    """A CSV row as a record: empty cells left out, `clean` read as a yes or no."""
    record: dict[str, Any] = {key: value for key, value in values.items() if value.strip()}
    if "clean" in record:
        clean = CLEAN_WORDS.get(record["clean"].strip().lower())
        if clean is None:
            return "'clean' must be true or false"
        record["clean"] = clean
    return record


def _from_typed_cells(values: dict[str, Any]) -> dict[str, Any] | str:
    """A Parquet row as a record: nulls and empty strings left out, a date or time column
    as its ISO form."""
    record: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, date | datetime):
            value = value.isoformat()
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        record[key] = value
    return record


def _row_document(where: str, record: dict[str, Any] | str) -> Document | InputRejected:
    if isinstance(record, str):
        return InputRejected(where, record)
    if "text" not in record and "html" not in record:
        return InputRejected(where, "no text in this row")
    key = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    sha256 = hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()
    return record_document(where, record, sha256=sha256)


def _csv_codec(head: bytes) -> str | None:
    """The codec of a CSV file from its first bytes: a byte order mark, else UTF-8 when they
    are valid UTF-8 (a character cut at the end aside), else the legacy encoding guessed
    from them; None for binary data."""
    bom = byte_order_mark(head)
    if bom is not None:
        return "utf-8-sig" if bom[0] == "utf-8" else bom[0].rsplit("-", 1)[0]
    if binary_reason(head) is not None:
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return guess_legacy_encoding(head)
    return "utf-8"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
