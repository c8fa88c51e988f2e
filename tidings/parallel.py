"""The per-article flow over a pool of worker processes, for `tidings run --workers N`.

The parent reads the inputs (lazily, as `extract_stream` does) and hands documents to the
workers a chunk at a time, with a bounded number of chunks in flight, so memory stays flat
whatever the corpus size. Each worker loads the spaCy model and the actor base once (in the
pool's initializer), cleans, parses and runs every per-article stage, and sends back only what
the store needs: each article (a frozen dataclass, without its spaCy Doc) and its contract
record. Results come back in input order, so the store is written in the same order, with the
same ids and records, whatever the number of workers. One worker runs in this process, with
no pool.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar

from tidings.clean.article import Article
from tidings.errors import ConfigError, InputRejected
from tidings.ingest import Document
from tidings.knowledge import ActorBase, load_actor_base
from tidings.parse.model import load_model
from tidings.parse.stage import parse_articles
from tidings.pipeline import clean_one, extract_parsed
from tidings.settings import Settings

# Documents per task. Small enough that the last tasks of a run keep every worker busy (a
# BBC article parses in about 80 ms, so a chunk is about a second), large enough that the
# cost of sending a task is nothing beside it.
CHUNK_DOCUMENTS = 16
# Tasks in flight per worker: one being worked on and one waiting, so that no worker waits for
# the parent, and memory holds at most this many chunks per worker.
TASKS_PER_WORKER = 2
# Workers start fresh interpreters: a forked copy of a parent that holds a DuckDB connection
# and threads is not safe, and "spawn" behaves the same on every platform.
START_METHOD = "spawn"

_Chunk = TypeVar("_Chunk")
_Result = TypeVar("_Result")


@dataclass(frozen=True, slots=True)
class Done:
    """One article back from the pipeline: what the store needs (`BatchWriter.put`)."""

    article: Article
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Refused:
    """A rejected input as it crosses the process boundary (`InputRejected` is an exception
    and does not round-trip through pickle)."""

    path: str
    reason: str

    def error(self) -> InputRejected:
        return InputRejected(self.path, self.reason)


Outcome = Done | Refused


@dataclass(frozen=True, slots=True)
class _Failure:
    """A configuration problem met in a worker (an actor file, the model name), sent back as
    data for the parent to raise."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Knowledge:
    """What a worker loads once: the settings, the model and the actor base."""

    settings: Settings
    nlp: Any
    base: ActorBase


def load_knowledge(settings: Settings) -> _Knowledge:
    """The model and the actor base of `settings` (cached per process by their loaders)."""
    files = settings.actors.files
    nlp = load_model(settings.parse.model, settings.parse.max_chars, actor_files=files)
    return _Knowledge(settings=settings, nlp=nlp, base=load_actor_base(files))


def extract_documents(documents: list[Document], *, knowledge: _Knowledge) -> list[list[Outcome]]:
    """For each document in order, its outcomes in order: an article with its record, or a
    rejection. The chunk's articles are parsed together in `nlp.pipe` batches."""
    settings = knowledge.settings
    cleaned = [clean_one(document, settings=settings) for document in documents]
    articles = [item for items in cleaned for item in items if isinstance(item, Article)]
    parsed = parse_articles(articles, nlp=knowledge.nlp, batch_size=settings.parse.batch_size)
    results: list[list[Outcome]] = []
    for items in cleaned:
        outcomes: list[Outcome] = []
        for item in items:
            if isinstance(item, InputRejected):
                outcomes.append(Refused(item.path, item.reason))
                continue
            extracted = extract_parsed(next(parsed), base=knowledge.base)
            outcomes.append(Done(extracted.parsed.article, extracted.record))
        results.append(outcomes)
    return results


# The worker process's knowledge, set once by `_start_worker`.
_WORKER: _Knowledge | _Failure | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER
    try:
        _WORKER = load_knowledge(settings)
    except ConfigError as exc:  # raising here would make the pool start workers forever
        _WORKER = _Failure(exc.path, exc.reason)


def _work(documents: list[Document]) -> list[list[Outcome]] | _Failure:
    if _WORKER is None or isinstance(_WORKER, _Failure):
        return _WORKER or _Failure("worker", "the worker was not started")
    try:
        return extract_documents(documents, knowledge=_WORKER)
    except ConfigError as exc:
        return _Failure(exc.path, exc.reason)


class _Ready(Generic[_Result]):
    """A result computed at once, with the `get()` of a pool's pending result."""

    def __init__(self, value: _Result) -> None:
        self._value = value

    def get(self) -> _Result:
        return self._value


class Extractor:
    """Runs `extract_documents` on chunks of documents: in this process (`workers=1`) or in a
    pool of `workers` processes. Use it as a context manager; the pool ends with it."""

    def __init__(self, settings: Settings, *, workers: int) -> None:
        if workers < 1:
            raise ConfigError("--workers", f"must be at least 1, got {workers}")
        self.workers = workers
        self._settings = settings
        self._pool: Any = None
        self._knowledge: _Knowledge | None = None

    def __enter__(self) -> Extractor:
        if self.workers == 1:
            self._knowledge = load_knowledge(self._settings)
        else:
            context = multiprocessing.get_context(START_METHOD)
            self._pool = context.Pool(
                self.workers, initializer=_start_worker, initargs=(self._settings,)
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is None:
            return
        if exc_type is None:
            self._pool.close()
        else:
            self._pool.terminate()
        self._pool.join()

    def map(
        self, chunks: Iterable[_Chunk], documents_of: Callable[[_Chunk], list[Document]]
    ) -> Iterator[tuple[_Chunk, list[list[Outcome]]]]:
        """Each chunk with the outcomes of its documents, in order. Chunks are drawn from
        `chunks` (in this thread) only as room frees up in the pool."""
        in_flight = 1 if self._pool is None else self.workers * TASKS_PER_WORKER
        pending: deque[tuple[_Chunk, Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._submit(documents_of(chunk))))
            if len(pending) >= in_flight:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    def _submit(self, documents: list[Document]) -> Any:
        if not documents:
            return _Ready([])
        if self._pool is None:
            assert self._knowledge is not None, "use the Extractor in a with statement"
            return _Ready(extract_documents(documents, knowledge=self._knowledge))
        return self._pool.apply_async(_work, (documents,))


def _collect(chunk: _Chunk, pending: Any) -> tuple[_Chunk, list[list[Outcome]]]:
    result = pending.get()
    if isinstance(result, _Failure):
        raise ConfigError(result.path, result.reason)
    return chunk, result


def chunked(items: Iterable[_Chunk], size: int) -> Iterator[list[_Chunk]]:
    """`items` in lists of `size` (the last may be shorter), read lazily."""
    chunk: list[_Chunk] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
