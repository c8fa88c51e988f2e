"""gzip, decompressed with a cap so that a small hostile file cannot fill the memory: a whole
input at once (a single document), or as a stream read piece by piece (a container)."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from tidings.errors import InputRejected
from tidings.ingest.sniff import GZIP_MAGIC

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# zlib's window size with 16 added: read a gzip header and trailer (and check the CRC).
GZIP_WBITS = 16 + zlib.MAX_WBITS

# Compressed bytes read per call when streaming: a few dozen calls per megabyte, and the
# compressed input held at any time stays small next to the records it holds.
COMPRESSED_CHUNK = 1 << 16

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


class GzipDamage(Exception):
    """A gzip stream found truncated or corrupt while it was being read; the message is the
    reason, worded as `Gunzipped.damage` is."""


class GunzipStream(io.RawIOBase):
    """The decompressed bytes of a gzip stream (every member, one after another), made as they
    are read: no more is decompressed than a read asks for, so a bomb is bounded by whatever
    reads it. Bytes after the last member that are not another member are ignored, as gunzip
    does.

    Damage raises GzipDamage, but only after every byte before it has been returned and one
    read has found the end: io.BufferedReader drops what it has gathered for a read when the
    stream under it raises, so the bytes before the damage would be lost. A reader that
    meets the end must read once more to learn whether it is damage (the next read raises).
    """

    def __init__(self, raw: BinaryIO | io.RawIOBase) -> None:
        super().__init__()
        self._raw = raw
        self._inflater = zlib.decompressobj(GZIP_WBITS)
        self._pending = b""  # compressed bytes read from `raw` and not yet decompressed
        self._in_member = False
        self._ended = False
        self._damage: str | None = None
        self._returned = False  # any bytes returned yet
        self._end_shown = False  # an end of file returned in place of the damage, once

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and not self._ended:
            output = self._inflate(len(view) - filled)
            view[filled : filled + len(output)] = output
            filled += len(output)
        if filled or self._damage is None:
            self._returned = self._returned or filled > 0
            return filled
        if self._returned and not self._end_shown:
            self._end_shown = True
            return 0
        raise GzipDamage(self._damage)

    def _inflate(self, size: int) -> bytes:
        """At most `size` more bytes; b"" when the call only read or checked input."""
        if not self._in_member:
            self._start_member()
            return b""
        try:
            output = self._inflater.decompress(self._pending, size)
        except zlib.error as exc:
            return self._fail(f"invalid gzip: {_plain_zlib_error(exc)}")
        if self._inflater.eof:
            self._pending, self._in_member = self._inflater.unused_data, False
        else:
            self._pending = self._inflater.unconsumed_tail
        if output or self._pending or not self._in_member:
            return output
        # Only now is zlib out of input and out of output held back by `size`.
        self._pending = self._raw.read(COMPRESSED_CHUNK) or b""
        if not self._pending:
            return self._fail("invalid gzip: truncated")
        return b""

    def _start_member(self) -> None:
        while len(self._pending) < len(GZIP_MAGIC):
            more = self._raw.read(COMPRESSED_CHUNK) or b""
            if not more:
                break
            self._pending += more
        if self._pending.startswith(GZIP_MAGIC):
            self._inflater = zlib.decompressobj(GZIP_WBITS)
            self._in_member = True
        else:  # the end, or bytes after the last member that are not another one
            self._ended = True

    def _fail(self, damage: str) -> bytes:
        self._damage, self._ended = damage, True
        return b""


def gunzip_start(data: bytes, *, limit: int) -> bytes:
    """Up to `limit` decompressed bytes from `data`, the first bytes of a gzip stream, for
    telling what the stream holds: as much as they give, damaged or cut short or not."""
    stream = GunzipStream(io.BytesIO(data))
    output = bytearray()
    while len(output) < limit:
        try:
            chunk = stream.read(limit - len(output))
        except GzipDamage:
            break
        if not chunk:
            break
        output += chunk
    return bytes(output)
