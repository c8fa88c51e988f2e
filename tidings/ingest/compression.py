"""gzip, decompressed with a cap so that a small hostile file cannot fill the memory."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from tidings.errors import InputRejected
from tidings.ingest.sniff import GZIP_MAGIC

# zlib's window size with 16 added: read a gzip header and trailer (and check the CRC).
GZIP_WBITS = 16 + zlib.MAX_WBITS

# zlib's words for a failed CRC, in plainer ones.
ZLIB_PLAIN_WORDS = {"incorrect data check": "checksum mismatch"}


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


@dataclass(frozen=True, slots=True)
class Gunzipped:
    """What a gzip stream gave: `data` is every complete member, decompressed; `damage` says
    why the stream ended early (truncated, corrupt), or is None when it did not.

    A damaged stream is still worth its complete members when they are whole records, as
    in a WARC file cut short by a crawl that died: each record is a gzip member of its own.
    """

    data: bytes
    damage: str | None = None


def gunzip_capped(data: bytes, *, origin: str, limit: int) -> Gunzipped | InputRejected:
    """Every member of a gzip stream, decompressed, and what damage stopped it, if any; a
    rejection when it holds more than `limit` bytes decompressed. Bytes after the last member
    that are not another member are ignored, as gunzip does."""
    output = bytearray()
    remaining = data
    while remaining.startswith(GZIP_MAGIC):
        complete = len(output)
        inflater = zlib.decompressobj(GZIP_WBITS)
        try:
            # At most one byte past the limit: enough to know the limit is passed.
            output += inflater.decompress(remaining, limit + 1 - len(output))
        except zlib.error as exc:
            return Gunzipped(bytes(output[:complete]), f"invalid gzip: {_plain_zlib_error(exc)}")
        if len(output) > limit:
            return InputRejected(origin, f"larger than {limit} bytes decompressed (max_bytes)")
        if not inflater.eof:
            return Gunzipped(bytes(output[:complete]), "invalid gzip: truncated")
        remaining = inflater.unused_data
    return Gunzipped(bytes(output))


def _plain_zlib_error(exc: zlib.error) -> str:
    """'Error -3 while decompressing data: invalid block type' -> 'corrupt data (invalid
    block type)'."""
    detail = str(exc).rpartition(": ")[2]
    return ZLIB_PLAIN_WORDS.get(detail, f"corrupt data ({detail})")
