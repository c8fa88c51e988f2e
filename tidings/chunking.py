"""How a run's input is cut into tasks for `tidings.parallel`: the documents per task, how
many are in flight, and the shrinking tasks at the end of a pool's input.

Chunk boundaries never change what is stored: results come back and are written in input
order whatever the sizes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import TypeVar

_Item = TypeVar("_Item")

# Documents per task. Small enough that the last tasks of a run keep every worker busy (a
# BBC article parses in about 80 ms, so a chunk is about a second), large enough that the
# cost of sending a task is nothing beside it.
CHUNK_DOCUMENTS = 16
# Documents per task when a pool parses: twice as many, so that the parent sends, receives and
# looks up (a resumed run asks the store once per chunk) half as often while two workers are
# busy; the end of the input goes in smaller tasks (`TAIL_DOCUMENTS`).
POOL_CHUNK_DOCUMENTS = 32
# Tasks in flight per worker: one being worked on and one waiting, so that no worker waits for
# the parent, and memory holds at most this many chunks per worker. Counted in documents
# (this many full chunks' worth), so that the small tasks at the end of a run (`TAIL_DOCUMENTS`)
# are in flight in greater number and no worker waits while the parent waits on a longer one.
TASKS_PER_WORKER = 2
# The smallest task at the end of a pool's input. Once the input is read to its end, what is
# left is handed out in shrinking tasks (a fraction of what remains each), so that the workers
# finish within a fraction of a second of each other: with whole chunks to the end, one worker
# sat idle for a chunk's time (1.5-2.5 s for 32 BBC articles) while the other finished.
TAIL_DOCUMENTS = 4


def chunk_documents(workers: int) -> int:
    """Documents per task for `workers` processes."""
    return CHUNK_DOCUMENTS if workers == 1 else POOL_CHUNK_DOCUMENTS


def chunked(items: Iterable[_Item], size: int, *, workers: int = 1) -> Iterator[list[_Item]]:
    """`items` in lists of `size`, read lazily. For a pool (`workers` > 1), the input is read
    ahead by what the pool holds in flight: once it has been read to its end, what is left
    goes in shrinking lists (a `2 * workers`-th of it each, down to `TAIL_DOCUMENTS`), so that
    the workers' last tasks end together."""
    if workers == 1:
        yield from _chunked(items, size)
        return
    ahead: deque[_Item] = deque()
    source = iter(items)
    reading = True
    window = (workers * TASKS_PER_WORKER + 1) * size
    while True:
        while reading and len(ahead) < window:
            try:
                ahead.append(next(source))
            except StopIteration:
                reading = False
        if not ahead:
            return
        count = size if reading else -(-len(ahead) // (2 * workers))
        count = min(size, max(TAIL_DOCUMENTS, count), len(ahead))
        yield [ahead.popleft() for _ in range(count)]


def _chunked(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    chunk: list[_Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
