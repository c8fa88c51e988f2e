"""Built knowledge, kept on disk between processes: the actor base, and the gazetteer
(`tidings/places/gazetteer.py`), each under its own file name prefix.

Building the base (YAML with line checks, tens of thousands of Phoenix actors, the alias
index) takes seconds; loading the built base takes a fraction of one. A cache file is named
by a hash of everything the value is built from: every data file's bytes, the user's files,
the versions of the packages it reads and the source of this package (a code change
rebuilds; a caller adds its own code to the files). It lives in `$XDG_CACHE_HOME/tidings`
(else `~/.cache/tidings`), or the temporary folder when that is not writable; when nothing is
writable the value is built in every process, which is slower but still right.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

_SUFFIX = ".pickle"
# Cache files kept per folder and prefix (for the actor base, one per list of user files in
# use, roughly); older ones go.
_KEEP = 6
# Set to anything to build without reading or writing any cache (the name is older than the
# gazetteer's cache; it turns both off).
NO_CACHE_ENV = "TIDINGS_NO_ACTOR_CACHE"

T = TypeVar("T")


def cache_key(paths: Sequence[Path], packages: Sequence[str] = ()) -> str:
    """A hash of the files' bytes (paths in order), of this package's code, of the versions
    of pycountry (every country comes from it) and of `packages`, and of the Python version
    (pickles of one version need not load in another)."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("pycountry", *packages):
        digest.update(f"{package}={importlib.metadata.version(package)}\0".encode())
    code = Path(__file__).parent
    for path in (*sorted(code.glob("*.py")), *paths):
        digest.update(str(path.name).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(missing)")
    return digest.hexdigest()[:32]


def _folders() -> list[Path]:
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [Path(home) / "tidings", Path(tempfile.gettempdir()) / f"tidings-cache-{uid}"]


def _private(path: Path) -> bool:
    """Owned by this user and writable by no one else: a pickle runs code when loaded, so a
    cache file another user could have placed (in a shared temporary folder) is not read."""
    if not hasattr(os, "getuid"):
        return True
    try:
        for item in (path.parent, path):
            info = item.stat()
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def _read(path: Path) -> object | None:
    if not _private(path):
        return None
    try:
        with path.open("rb") as handle:
            value: object = pickle.load(handle)
            return value
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None  # a broken or foreign file: built again and rewritten


def _write(folder: Path, prefix: str, name: str, value: object) -> bool:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / name)
    except OSError:
        return False
    old = sorted(folder.glob(f"{prefix}*{_SUFFIX}"), key=_mtime, reverse=True)[_KEEP:]
    for path in old:
        with contextlib.suppress(OSError):
            path.unlink()
    return True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def cached(
    paths: Sequence[Path],
    kind: type[T],
    build: Callable[[], T],
    *,
    prefix: str = "actor-base-",
    packages: Sequence[str] = (),
) -> T:
    """The value built from `paths` (and the `packages` at their installed versions), from
    the cache when it holds one for exactly these bytes, else `build()` (then stored for the
    next process). `prefix` names one kind of value: each keeps its own last few files."""
    if os.environ.get(NO_CACHE_ENV):
        return build()
    name = f"{prefix}{cache_key(paths, packages)}{_SUFFIX}"
    folders = _folders()
    for folder in folders:
        value = _read(folder / name)
        if isinstance(value, kind):
            return value
    value = build()
    for folder in folders:
        if _write(folder, prefix, name, value):
            break
    return value
