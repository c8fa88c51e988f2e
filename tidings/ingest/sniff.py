"""What an input is, judged from its first bytes and its name: a container (gzip, WARC,
JSON Lines, CSV, Parquet), HTML, text, or binary that is not text at all."""

from __future__ import annotations

import json
import re
from typing import Literal

InputFormat = Literal["warc", "jsonl", "csv", "tsv", "parquet", "html", "text"]

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"
PARQUET_MAGIC = b"PAR1"

# Byte order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

# Signatures of the binary files that end up in scraped folders next to the pages. Each is
# long enough that no text in any encoding starts with it.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"\x1f\x8b", "gzip inside gzip"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

# C0 controls other than tab, newline, vertical tab, form feed and carriage return, and DEL.
# Text in any single-byte or UTF-8 encoding has next to none of them; arbitrary binary data
# has one byte in ten.
CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])

# Above this share of control bytes the input is binary. Real text has stray ones (a DOS
# end-of-file mark, a pasted escape sequence) well under 1%; random bytes have about 10%.
MAX_CONTROL_RATIO = 0.05

# UTF-16 without a byte order mark shows as a NUL in every other byte for Latin text. The
# pattern is judged on the first bytes only: that is enough and keeps it cheap.
UTF16_SAMPLE_BYTES = 4096
UTF16_MIN_NUL_SHARE = 0.4
UTF16_MAX_OTHER_NUL_SHARE = 0.05

# How much of the start of an input is looked at to tell HTML from text. A page's doctype,
# <html> and first tags are always within this; reading more would cost time on every file.
SNIFF_BYTES = 4096

# Text with at least this many HTML tags near its start is markup, not prose that mentions
# a tag or two.
HTML_MIN_TAGS = 10

HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|img|table|tr|td|th|ul|ol|li|h[1-6]|em|strong|b|i|meta|link|"
    r"script|style|title|article|section|header|footer|nav|main|figure|figcaption|blockquote)"
    r"\b[^<>]*>",
    re.I,
)
HTML_FRAGMENT_START = re.compile(r"<(?:p|div|article|section|h[1-6]|table|ul|main)\b", re.I)

# A UTF-8 byte order mark and white space before the first JSON Lines record.
LEADING_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?\s*")

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
WARC_SUFFIXES = (".warc", ".arc")
TEXT_SUFFIXES = (".txt", ".text")
CSV_SUFFIXES = (".csv",)
TSV_SUFFIXES = (".tsv", ".tab")
PARQUET_SUFFIXES = (".parquet", ".pq")
NAMED_FORMATS: tuple[tuple[tuple[str, ...], InputFormat], ...] = (
    (WARC_SUFFIXES, "warc"),
    (JSONL_SUFFIXES, "jsonl"),
    (CSV_SUFFIXES, "csv"),
    (TSV_SUFFIXES, "tsv"),
    (PARQUET_SUFFIXES, "parquet"),
    (HTML_SUFFIXES, "html"),
    (TEXT_SUFFIXES, "text"),
)


def byte_order_mark(data: bytes) -> tuple[str, int] | None:
    """The codec a byte order mark names, and the mark's length; None without one."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the NUL pattern says so, else None."""
    sample = data[:UTF16_SAMPLE_BYTES]
    half = len(sample) // 2
    if half == 0:
        return None
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls >= UTF16_MIN_NUL_SHARE and even_nuls <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nuls >= UTF16_MIN_NUL_SHARE and odd_nuls <= UTF16_MAX_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why `data` is binary rather than text, or None when it may be text.

    Call it only on data without a UTF-16/32 byte order mark: those have NULs legitimately.
    """
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            return f"binary content, not text ({kind})"
    if b"\x00" in data:
        return "binary content, not text"
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_RATIO * len(data):
        return "binary content, not text"
    return None


def start_as_text(data: bytes) -> str:
    """The start of `data` decoded well enough to look for markup (ASCII is all that counts)."""
    prefix = data[:SNIFF_BYTES]
    bom = byte_order_mark(prefix)
    codec = bom[0] if bom else utf16_without_bom(prefix)
    if codec is not None:
        skip = bom[1] if bom else 0
        return prefix[skip:].decode(codec, errors="replace")
    return prefix.decode("latin-1")


def looks_like_html(start: str) -> bool:
    """A doctype or <html>/<head>/<body> first, a block tag first, or many tags early on."""
    first = _after_preamble(start)
    if HTML_START.match(first) or HTML_FRAGMENT_START.match(first):
        return True
    return len(HTML_TAG.findall(start)) >= HTML_MIN_TAGS


def _after_preamble(start: str) -> str:
    """`start` without the white space, XML declaration and comments that may open a page.
    (Done by hand: a regular expression for it backtracks badly on unclosed comments.)"""
    rest = start.lstrip()
    if rest.startswith("<?xml"):
        end = rest.find("?>")
        rest = rest[end + 2 :].lstrip() if end >= 0 else ""
    while rest.startswith("<!--"):
        end = rest.find("-->", len("<!--"))
        rest = rest[end + len("-->") :].lstrip() if end >= 0 else ""
    return rest


def looks_like_jsonl(data: bytes) -> bool:
    """The first non-blank line is a JSON object with `text` or `html`."""
    start = LEADING_BLANK.match(data)
    offset = start.end() if start else 0
    if data[offset : offset + 1] != b"{":
        return False
    end = data.find(b"\n", offset)
    first_line = data[offset : end if end >= 0 else len(data)]
    try:
        record = json.loads(first_line)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and ("text" in record or "html" in record)


def name_format(name: str) -> InputFormat | None:
    """The format that a name (without its `.gz`) states, or None when it states none."""
    lowered = name.lower()
    for suffixes, named in NAMED_FORMATS:
        if lowered.endswith(suffixes):
            return named
    return None


def sniff_format(name: str, data: bytes) -> InputFormat:
    """The format of a (decompressed) input: WARC by content first, then by name, then by
    content for names that say nothing (and for standard input)."""
    if data.startswith(WARC_MAGIC):
        return "warc"
    if data.startswith(PARQUET_MAGIC):
        return "parquet"
    named = name_format(name)
    if named is not None:
        return named
    if looks_like_jsonl(data):
        return "jsonl"
    return "html" if looks_like_html(start_as_text(data)) else "text"
