"""Where inputs come from: paths given by the user, folders walked, standard input; reading
their bytes without ever reading more than the size limit allows, or opening them to be
streamed."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from tidings.errors import InputRejected

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

STDIN = "-"

# Files and folders that a folder walk never reads: operating-system and editor litter that
# sits next to scraped pages. Hidden names (a leading dot) are skipped as well.
JUNK_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX", "__pycache__"})
JUNK_PREFIXES = ("~$",)  # Office lock files
JUNK_SUFFIXES = ("~",)  # editor backups

# Bytes read per call: big enough that a 50 MB file takes a few dozen calls.
READ_CHUNK = 1 << 20

# Plain words for the errors that opening or reading a path commonly meets.
OS_ERROR_WORDS = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder",
    errno.ENOTDIR: "no such file or directory",
    errno.ELOOP: "too many symbolic links",
    errno.ENAMETOOLONG: "file name too long",
}


def is_junk(name: str) -> bool:
    return (
        name.startswith(".")
        or name in JUNK_NAMES
        or name.startswith(JUNK_PREFIXES)
        or name.endswith(JUNK_SUFFIXES)
    )


def iter_inputs(sources: Iterable[str]) -> Iterator[str]:
    """Each source as given, with folders replaced by the files inside them (recursively, in
    name order, junk left out). A folder that cannot be listed is kept as itself so that
    reading it says why."""
    for source in sources:
        if source != STDIN and os.path.isdir(source):
            yield from _walk(source, visited=set())
        else:
            yield source


def list_inputs(sources: Iterable[str]) -> list[str]:
    """The inputs that `iter_documents` would read, e.g. for a progress bar's total."""
    return list(iter_inputs(sources))


def _walk(folder: str, *, visited: set[str]) -> Iterator[str]:
    real = os.path.realpath(folder)
    if real in visited:  # a symbolic link back up the tree
        return
    visited.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if is_junk(entry.name):
            continue
        if _is_folder(entry):
            yield from _walk(entry.path, visited=visited)
        else:
            yield entry.path


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def describe_os_error(exc: OSError) -> str:
    words = OS_ERROR_WORDS.get(exc.errno or 0)
    if words is not None:
        return words
    return (exc.strerror or type(exc).__name__).lower()


def read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """All of `stream`, or None as soon as it has more than `limit` bytes."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def read_source(path: str, *, limit: int, stdin: BinaryIO | None = None) -> bytes | InputRejected:
    """The bytes of one input: a file, or standard input for `-`."""
    if path == STDIN:
        return _read_stdin(limit, stdin)
    info = _stat_file(path)
    if isinstance(info, InputRejected):
        return info
    # A regular file over the limit is refused from its size alone, without reading it.
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        return _too_large(path, limit)
    try:
        with open(path, "rb") as stream:
            data = read_capped(stream, limit)
    except OSError as exc:
        return InputRejected(path, describe_os_error(exc))
    if data is None:  # a file that grew, or a pipe or device
        return _too_large(path, limit)
    return data


@dataclass(frozen=True, slots=True)
class OpenInput:
    """An input opened to be read as a stream: `size` is a regular file's size (None for
    standard input, pipes and devices); `owned` says the reader must close `stream`."""

    stream: BinaryIO
    size: int | None
    owned: bool


def open_source(path: str, *, stdin: BinaryIO | None = None) -> OpenInput | InputRejected:
    """One input opened, without reading any of it: a file, or standard input for `-`."""
    if path == STDIN:
        stream = stdin if stdin is not None else _stdin_buffer()
        if stream is None:
            return InputRejected(STDIN, "no standard input")
        return OpenInput(stream, size=None, owned=False)
    info = _stat_file(path)
    if isinstance(info, InputRejected):
        return info
    try:
        stream = open(path, "rb")  # noqa: SIM115  (closed by the reader, which streams it)
    except OSError as exc:
        return InputRejected(path, describe_os_error(exc))
    return OpenInput(stream, size=info.st_size if stat.S_ISREG(info.st_mode) else None, owned=True)


def read_head(stream: BinaryIO, size: int) -> bytes:
    """The first `size` bytes of `stream`, fewer only at its end (a pipe gives short reads)."""
    chunks: list[bytes] = []
    total = 0
    while total < size:
        chunk = stream.read(size - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_rest(path: str, head: bytes, opened: OpenInput, *, limit: int) -> bytes | InputRejected:
    """The whole of an opened input whose `head` was already read, under the same cap as
    `read_source`: for an input that turned out to be a single document."""
    if len(head) > limit or (opened.size is not None and opened.size > limit):
        return _too_large(path, limit)
    try:
        rest = read_capped(opened.stream, limit - len(head))
    except OSError as exc:
        return InputRejected(path, describe_os_error(exc))
    return _too_large(path, limit) if rest is None else head + rest


class PrefixedStream(io.RawIOBase):
    """`prefix`, then the rest of `stream`: an input read again from its start after its
    first bytes were read to sniff it, without seeking (standard input cannot seek)."""

    def __init__(self, prefix: bytes, stream: BinaryIO | None = None) -> None:
        super().__init__()
        self._prefix: memoryview | None = memoryview(prefix) if prefix else None
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix is None:
            chunk = self._stream.read(len(view)) if self._stream is not None else b""
            view[: len(chunk)] = chunk
            return len(chunk)
        size = min(len(view), len(self._prefix))
        view[:size] = self._prefix[:size]
        # Dropped once read: a view, however short, would keep all of `prefix` alive.
        self._prefix = self._prefix[size:] if size < len(self._prefix) else None
        return size


def _stat_file(path: str) -> os.stat_result | InputRejected:
    """A path's status, or why it cannot be read as a file (missing, a folder, ...)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return InputRejected(path, describe_os_error(exc))
    except ValueError:  # a NUL character in the path
        return InputRejected(path, "no such file or directory")
    if stat.S_ISDIR(info.st_mode):
        return InputRejected(path, _unlistable_folder_reason(path))
    return info


def _too_large(path: str, limit: int) -> InputRejected:
    return InputRejected(path, f"larger than {limit} bytes (max_bytes)")


def _unlistable_folder_reason(path: str) -> str:
    try:
        os.scandir(path).close()
    except OSError as exc:
        return describe_os_error(exc)
    return "is a folder"


def _read_stdin(limit: int, stdin: BinaryIO | None) -> bytes | InputRejected:
    stream = stdin if stdin is not None else _stdin_buffer()
    if stream is None:
        return InputRejected(STDIN, "no standard input")
    try:
        data = read_capped(stream, limit)
    except OSError as exc:
        return InputRejected(STDIN, describe_os_error(exc))
    if data is None:
        return _too_large(STDIN, limit)
    return data


def _stdin_buffer() -> BinaryIO | None:
    # sys.stdin is None when Python runs without a console (pythonw, some service managers).
    return sys.stdin.buffer if sys.stdin is not None else None
