"""JSON Lines: one record per line, each with `text` or `html` and optional metadata. A bad
line is rejected on its own; the other lines are still read. The file is read as a stream,
line by line, so that a corpus of any size takes the memory of one line."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from tidings.errors import InputRejected
from tidings.ingest.decode import decode_mostly_utf8
from tidings.ingest.document import Document
from tidings.ingest.record import record_document
from tidings.ingest.sniff import binary_reason, byte_order_mark

UTF8_BOM = b"\xef\xbb\xbf"

# Bytes read per call while skipping the rest of a line that is over the cap: the skipped
# part is never held whole.
SKIP_CHUNK = 1 << 20

# A lone UTF-16 surrogate: JSON may spell one (`"\ud800"`) though no UTF-8 text can hold it,
# and spaCy, DuckDB and standard output all refuse it. It becomes U+FFFD, as a bad byte does.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def jsonl_documents(
    origin: str, stream: io.BufferedReader[Any], *, max_record_bytes: int
) -> Iterator[Document | InputRejected]:
    """One Document per record of a JSON Lines stream, one rejection per bad line. Whether
    the file is text at all is judged from its start (what `stream` has buffered)."""
    reason = _file_reason(stream.peek())
    if reason is not None:
        yield InputRejected(origin, reason)
        return
    if stream.peek().startswith(UTF8_BOM):
        stream.read(len(UTF8_BOM))
    empty = True
    for number, line in enumerate(_lines(stream, max_record_bytes), start=1):
        where = f"{origin}:{number}"
        if line is None:
            empty = False
            yield InputRejected(where, f"longer than {max_record_bytes} bytes (max_record_bytes)")
            continue
        line = line.strip()
        if line:
            empty = False
            yield _record_document(where, line)
    if empty:
        yield InputRejected(origin, "empty file")


def _lines(stream: io.BufferedReader[Any], cap: int) -> Iterator[bytes | None]:
    """Each line of `stream` (with its newline), or None for one longer than `cap` bytes
    without its newline: of such a line no more than `cap` + 1 bytes are held at once."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if line.endswith(b"\n"):
            yield line
            continue
        if len(line) <= cap:
            # The last line, or bytes cut short by damage to the file: reading once more
            # raises for damage (see GunzipStream), and a cut line is not a record.
            stream.peek()
            yield line
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
            line = stream.readline(SKIP_CHUNK)
        yield None


def _file_reason(data: bytes) -> str | None:
    """Why the whole file is refused rather than each of its lines, or None."""
    bom = byte_order_mark(data)
    if bom is not None and bom[0] != "utf-8":
        return f"JSON Lines must be UTF-8, not {bom[0].upper()}"
    return binary_reason(data)


def _record_document(where: str, line: bytes) -> Document | InputRejected:
    record = _parse_line(line)
    if isinstance(record, str):
        return InputRejected(where, record)
    return record_document(where, record, sha256=hashlib.sha256(line).hexdigest())


def _parse_line(line: bytes) -> dict[str, Any] | str:
    """The JSON object on a line, or what is wrong with the line."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        mostly = decode_mostly_utf8(line)
        if mostly is None:
            return "not UTF-8"
        decoded = mostly
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    except ValueError as exc:  # an integer of more than 4300 digits
        return f"not JSON ({exc})"
    except RecursionError:
        return "not JSON (nested too deeply)"
    if not isinstance(record, dict):
        return "not a JSON object"
    return {key: _without_surrogates(value) for key, value in record.items()}


def _without_surrogates(value: Any) -> Any:
    """A string value with each lone surrogate replaced; any other value as it is."""
    return LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
