"""The per-article flow over a pool of worker processes, for `tidings run --workers N`.

The parent reads the inputs (lazily, as `extract_stream` does) and hands documents to the
workers a chunk at a time, with a bounded number of chunks in flight, so memory stays flat
whatever the corpus size. The parent loads the spaCy model and the actor base once and the
workers are forked from it (`START_METHOD`); each cleans, parses and runs every per-article
stage, and sends back only what the store needs: each article (a frozen dataclass, without its
spaCy Doc) and its contract record. Results come back in input order, so the store is
written in the same order, with the same ids and records, whatever the number of workers. One
worker runs in this process, with no pool; `tidings extract` runs the same flow that way
(`extract_outcomes`).

Each chunk is extracted inside one spaCy memory zone (`nlp.memory_zone()`): the words, strings
and lexemes a chunk adds to the vocabulary are freed when it is done, so memory does not grow
with the corpus. Only plain data leaves the zone (the article and its record); every spaCy
object of a chunk dies with it. Each step of an article runs within the time budget
`parse.timeout_seconds` (`tidings.parse.budget`): past it, the article is rejected and the
chunk goes on.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace, TracebackType
from typing import Any, BinaryIO, Generic, TypeVar

from tidings.chunking import POOL_CHUNK_DOCUMENTS, TASKS_PER_WORKER, chunked
from tidings.clean.article import Article
from tidings.errors import ConfigError, InputRejected
from tidings.ingest import Document, iter_documents
from tidings.knowledge import ActorBase, load_actor_base
from tidings.link.events import load_link_knowledge
from tidings.link.prepared import PreparedLink, prepare_link
from tidings.parse.budget import Budget, Overrun
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.parse.stage import parse_articles, parse_batches
from tidings.pipeline import clean_one, extract_parsed
from tidings.settings import Settings

# Workers are forked from this process once it has loaded the model and the knowledge, so that
# they start at once and share what it loaded: fresh interpreters ("spawn") each imported and
# loaded it all again, about 7 s of CPU per worker, the cost that made two workers on two
# cores far from twice as fast. A run on a store path starts the pool before it opens the
# store, so no DuckDB connection is copied; a worker never touches one it was given, and is
# ended by a signal (no finalizer runs) before the run lock is released. "spawn" where fork
# is not to be had.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
# Strings the vocabulary may gain outside memory zones: a process's first chunks run without
# one until it has grown by this much (a few hundred news articles, a few MB), because inside
# a zone spaCy adds nothing to its tokenizer's cache, and tokenizing without the common words
# cached takes three times as long (6 ms instead of 2 ms a BBC article). After that, memory
# stays flat.
WARM_STRINGS = 5000
# What each process reads once after loading the model, outside any zone and any budget, so
# that every lexicon, pattern and gazetteer the stages load lazily is loaded before the first
# real article (and never inside a zone, nor on an article's time budget).
_WARM_UP = (
    Document(
        path="<warm-up>",
        format="text",
        content=(
            "Iran Warns of Response After Strike Near Baghdad\n\n"
            "TEHRAN (Reuters) - Iran's foreign minister said on Friday that the United States "
            "would pay for the attack, two days after a drone strike killed a general near "
            'Baghdad airport. "We will respond at a time of our choosing," he told state '
            "television. Officials in Washington denied that troops had been moved to Iraq "
            "last week, according to the Pentagon.\n"
        ),
        sha256="",
    ),
    Document(
        path="<warm-up.html>",
        format="html",
        content=(
            "<html><head><title>Talks resume in Geneva</title></head><body><article>"
            "<h1>Talks resume in Geneva</h1><p>Negotiators from Russia and Ukraine met in "
            "Geneva on Monday, the first talks since March, a spokesman said.</p><p>The "
            "ministers agreed to meet again next month, he added.</p></article></body></html>"
        ),
        sha256="",
    ),
)

_Chunk = TypeVar("_Chunk")
_Result = TypeVar("_Result")


@dataclass(frozen=True, slots=True)
class Done:
    """One article back from the pipeline: what the store needs (`BatchWriter.put`), and its
    link inputs when the run asked for them."""

    article: Article
    record: dict[str, Any]
    link: PreparedLink | None = None


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
    """What a worker loads once: the settings, the model and the actor base; `link`: whether
    each article's link inputs are prepared too (a run's; `tidings extract` needs none);
    `warm_until`:
    the vocabulary's size (strings) from which chunks run inside memory zones."""

    settings: Settings
    nlp: Any
    base: ActorBase
    warm_until: int = 0
    link: bool = False


@lru_cache(maxsize=4)
def load_knowledge(settings: Settings, *, link: bool = False) -> _Knowledge:
    """The model and the actor base of `settings` (cached per process by their loaders), with
    every lazily loaded lexicon of the stages loaded too. Once per process and settings: a
    server's every `POST /ingest` and each in-process run would otherwise warm the model up
    again."""
    files = settings.actors.files
    nlp = load_model(settings.parse.model, settings.parse.max_chars, actor_files=files)
    base = load_actor_base(files)
    cleaned = [item for doc in _WARM_UP for item in clean_one(doc, settings=settings)]
    articles = [item for item in cleaned if isinstance(item, Article)]
    for parsed in parse_articles(articles, nlp=nlp, batch_size=len(articles)):
        extract_parsed(parsed, base=base)
    warm_until = len(nlp.vocab.strings) + WARM_STRINGS
    if link:
        load_link_knowledge()
    _freeze_loaded()
    return _Knowledge(settings=settings, nlp=nlp, base=base, warm_until=warm_until, link=link)


def _freeze_loaded() -> None:
    """What was loaded lives as long as the process: out of the collector's reach
    (`gc.freeze`, the recipe of Python's manual for forking servers), no full collection walks
    its millions of objects again and forked workers do not copy the pages one would write.
    Put back at exit, once: DuckDB's bindings report frozen objects as leaked."""
    gc.freeze()
    if not _UNFREEZE.registered:
        atexit.register(gc.unfreeze)
        _UNFREEZE.registered = True


_UNFREEZE = SimpleNamespace(registered=False)


def extract_documents(documents: list[Document], *, knowledge: _Knowledge) -> list[list[Outcome]]:
    """For each document in order, its outcomes in order: an article with its record, or a
    rejection. The chunk's articles are parsed together in `nlp.pipe` batches, inside one
    memory zone; only plain data comes out of it."""
    with _memory_zone(knowledge):
        return _extract(documents, knowledge=knowledge)


def _memory_zone(knowledge: _Knowledge) -> AbstractContextManager[Any]:
    """A spaCy memory zone for one chunk, once the process has warmed its tokenizer's cache
    (`WARM_STRINGS`); none inside another zone (zones do not nest)."""
    vocab = knowledge.nlp.vocab
    if vocab.in_memory_zone or len(vocab.strings) < knowledge.warm_until:
        return nullcontext()
    return knowledge.nlp.memory_zone()  # type: ignore[no-any-return]


def _extract(documents: list[Document], *, knowledge: _Knowledge) -> list[list[Outcome]]:
    settings = knowledge.settings
    budget = Budget(settings.parse.timeout_seconds)
    cleaned = [_clean(document, settings=settings, budget=budget) for document in documents]
    articles = [item for items in cleaned for item in items if isinstance(item, Article)]
    parsed = deque(_parse(articles, knowledge=knowledge, budget=budget))
    results: list[list[Outcome]] = []
    for items in cleaned:
        outcomes: list[Outcome] = []
        for item in items:
            if isinstance(item, InputRejected):
                outcomes.append(Refused(item.path, item.reason))
            else:
                outcomes.append(_finish(parsed.popleft(), knowledge=knowledge, budget=budget))
        results.append(outcomes)
    return results


def _clean(
    document: Document, *, settings: Settings, budget: Budget
) -> list[Article | InputRejected]:
    try:
        with budget.limit():
            return clean_one(document, settings=settings)
    except Overrun:
        return [InputRejected(document.path, budget.reason())]


def _parse(
    articles: list[Article], *, knowledge: _Knowledge, budget: Budget
) -> list[ParsedArticle | Refused]:
    """Each article parsed, in order, in `nlp.pipe` batches. A batch has one article's
    budget; past it, each of its articles is parsed again alone with the whole budget, and one
    past it is refused."""
    parse = knowledge.settings.parse
    parsed: list[ParsedArticle | Refused] = []
    for batch in parse_batches(
        articles, batch_size=parse.batch_size, batch_chars=parse.batch_chars
    ):
        done = _parse_within(batch, knowledge=knowledge, budget=budget)
        if done is not None:
            parsed.extend(done)
            continue
        for article in batch:
            alone = None if len(batch) == 1 else _parse_within([article], knowledge, budget)
            parsed.extend(alone or [Refused(article.document.path, budget.reason())])
    return parsed


def _parse_within(
    batch: list[Article], knowledge: _Knowledge, budget: Budget
) -> list[ParsedArticle] | None:
    """The batch parsed, or None past the budget."""
    try:
        with budget.limit():
            return list(parse_articles(batch, nlp=knowledge.nlp, batch_size=len(batch)))
    except Overrun:
        return None


def _finish(parsed: ParsedArticle | Refused, *, knowledge: _Knowledge, budget: Budget) -> Outcome:
    """The stages after parse and the record, within the budget."""
    if isinstance(parsed, Refused):
        return parsed
    try:
        with budget.limit():
            record = extract_parsed(parsed, base=knowledge.base).record
            link = prepare_link(record) if knowledge.link else None
    except Overrun:
        return Refused(parsed.article.document.path, budget.reason())
    return Done(parsed.article, record, link)


def extract_outcomes(
    sources: Iterable[str], *, settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Done | InputRejected]:
    """`tidings extract`'s stream: every article of `sources` with its record, and every
    rejection, in input order, through `extract_documents` in this process,
    `parse.batch_size` documents per chunk (one memory zone each)."""
    entries = iter_documents(sources, settings=settings.ingest, stdin=stdin)
    with Extractor(settings, workers=1) as extractor:
        chunks = chunked(entries, settings.parse.batch_size)
        for chunk, outcomes in extractor.map(chunks, _documents_of):
            of_documents = iter(outcomes)
            for entry in chunk:
                if isinstance(entry, InputRejected):
                    yield entry
                    continue
                for outcome in next(of_documents):
                    yield outcome if isinstance(outcome, Done) else outcome.error()


def _documents_of(entries: list[Document | InputRejected]) -> list[Document]:
    return [entry for entry in entries if isinstance(entry, Document)]


# The worker process's knowledge, set once by `_start_worker`.
_WORKER: _Knowledge | _Failure | None = None


def _start_worker(settings: Settings, link: bool) -> None:
    global _WORKER
    try:
        _WORKER = load_knowledge(settings, link=link)
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

    def __init__(self, settings: Settings, *, workers: int, link: bool = False) -> None:
        if workers < 1:
            raise ConfigError("--workers", f"must be at least 1, got {workers}")
        self.workers = workers
        self._settings = settings
        self._link = link
        self._pool: Any = None
        self._knowledge: _Knowledge | None = None
        # documents sent and not yet collected, at most (one task at a time in this process)
        self._in_flight = workers * TASKS_PER_WORKER * POOL_CHUNK_DOCUMENTS
        self.ending = False

    def __enter__(self) -> Extractor:
        if self.workers == 1:
            self._knowledge = load_knowledge(self._settings, link=self._link)
        else:
            if START_METHOD == "fork":
                # loaded here once: each forked worker finds it in `load_knowledge`'s cache
                load_knowledge(self._settings, link=self._link)
            context = multiprocessing.get_context(START_METHOD)
            self._pool = context.Pool(
                self.workers, initializer=_start_worker, initargs=(self._settings, self._link)
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
        # Ended, not closed: every result the caller wanted has come back, and a worker left to
        # exit by itself tears its interpreter down first, freeing the model and the knowledge
        # object by object (1.6-1.9 s measured), while the run waits on it to link.
        self._pool.terminate()
        self._pool.join()

    def map(
        self, chunks: Iterable[_Chunk], documents_of: Callable[[_Chunk], list[Document]]
    ) -> Iterator[tuple[_Chunk, list[list[Outcome]]]]:
        """Each chunk with the outcomes of its documents, in order. Chunks are drawn from
        `chunks` (in this thread) only as room frees up in the pool: while fewer documents than
        `workers * TASKS_PER_WORKER` full chunks' worth are in flight (a chunk with none to
        parse counts as a full one, so that a resumed run holds no more chunks than that).
        `ending` is true once every chunk is sent and at most one chunk's worth is left."""
        pending: deque[tuple[_Chunk, Any, int]] = deque()
        load = 0
        self.ending = False
        for chunk in chunks:
            documents = documents_of(chunk)
            weight = len(documents) or POOL_CHUNK_DOCUMENTS
            pending.append((chunk, self._submit(documents), weight))
            load += weight
            while pending and (self._pool is None or load >= self._in_flight):
                done, result, weight = pending.popleft()
                load -= weight
                yield _collect(done, result)
        while pending:
            done, result, weight = pending.popleft()
            load -= weight
            self.ending = load <= POOL_CHUNK_DOCUMENTS
            yield _collect(done, result)

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
