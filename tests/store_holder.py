"""A child process that holds a store open, for tests of what a second writer meets."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Opens the store named on its command line and holds it until its standard input closes.
_HOLDER = """
import sys
import tempfile
from tidings.store import Store
store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


@contextlib.contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """Keep `path` open as a store in a child process for the length of the block."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,  # so the child imports this checkout of tidings
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        yield
    finally:
        child.communicate(input="", timeout=30)
