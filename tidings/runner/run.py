"""One run: documents cleaned, parsed and extracted (in `workers` processes,
`tidings.parallel`), stored a batch per transaction, then the link step over what came in.

On a store path the run holds the file only for short windows (a chunk's lookup of what is
stored, a batch, the link step), each opened with a wait of `store.lock_wait_seconds`, so that
readers in other processes (`tidings serve`, `tidings events`) read between them; a second run
on the same store fails at once (`run_lock`). A document stored by an earlier run (known by the
sha256 of its bytes) is not cleaned or parsed again, so a run stopped half way resumes where it
stopped. On an open store (the server's, in ingest mode) the caller holds the file and the lock.
Rejected inputs go to `progress.rejected` as they come; a store or settings problem raises
(batches already written stay committed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from tidings.chunking import chunk_documents, chunked
from tidings.errors import ConfigError, InputRejected
from tidings.ingest import Document, iter_documents, list_inputs
from tidings.link.blocks import DEFAULT_BLOCK_DAYS
from tidings.parallel import Done, Extractor, Outcome
from tidings.runner.link_rows import article_link_rows
from tidings.runner.linking import plan_links
from tidings.settings import Settings
from tidings.store import AddResult, BatchWriter, ClusterCounts, Store, run_lock

Entry = Document | InputRejected


class RunProgress(Protocol):
    """What a run tells as it goes: a document (or a part of one) reached, an input rejected."""

    def reached(self, document_path: str) -> None: ...

    def rejected(self, item: InputRejected) -> None: ...


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run read and stored. `documents_skipped`: documents an earlier run stored,
    not read again (their articles count as present); `documents_sent`: documents sent to be
    cleaned and parsed (in a worker); `articles_parsed`: articles that came back parsed;
    `not_english`: of those, how many in each language other than English; `articles`: the
    ids of the articles parsed, in order; `rejections`: the reasons, in order."""

    inputs: int
    rejected: int
    stored: AddResult
    clusters: ClusterCounts | None = None
    documents_skipped: int = 0
    documents_sent: int = 0
    articles_parsed: int = 0
    not_english: Counter[str] = field(default_factory=Counter)
    articles: tuple[str, ...] = ()
    rejections: tuple[str, ...] = ()

    def sentence(self) -> str:
        added, present = self.stored.articles_added, self.stored.articles_present
        linked = (
            f"; {_count(self.clusters.clusters, 'event cluster')} of "
            f"{_count(self.clusters.members, 'event report')}"
            if self.clusters
            else ""
        )
        return (
            f"stored {_count(added, 'new article')} ({present} already present) "
            f"from {_count(self.inputs, 'input')}; {self.rejected} rejected{linked}"
        )


def run_paths(
    paths: list[str],
    *,
    db: Path,
    settings: Settings,
    workers: int = 1,
    progress: RunProgress | None = None,
) -> RunSummary:
    """Store the articles of `paths` (files, folders, `-`) in the store at `db` and link."""
    inputs = list_inputs(paths)
    documents = iter_documents(paths, settings=settings.ingest)
    return run_documents(
        documents, db=db, settings=settings, workers=workers, progress=progress, inputs=len(inputs)
    )


def run_documents(
    documents: Iterable[Entry],
    *,
    settings: Settings,
    db: Path | None = None,
    store: Store | None = None,
    workers: int = 1,
    progress: RunProgress | None = None,
    inputs: int | None = None,
) -> RunSummary:
    """Store the articles of `documents` (rejections pass through to `progress`) in the
    store at `db`, or in the open `store` its caller holds, and link what came in."""
    if settings.store.batch_size < 1:
        raise ConfigError("settings", "store.batch_size must be at least 1")
    if (db is None) == (store is None):
        raise ValueError("give a store path or an open store, not both")
    tally = _Tally(progress)
    if store is not None:
        writer = BatchWriter(store, batch_size=settings.store.batch_size)
        with Extractor(settings, workers=workers, link=True) as extractor:
            size = chunk_documents(workers)
            chunks = (_Chunk(c, _documents(c)) for c in chunked(documents, size, workers=workers))
            for chunk, outcomes in extractor.map(chunks, lambda chunk: chunk.to_parse):
                tally.take(chunk, outcomes, writer=writer)
            writer.flush()
        clusters = link_store(store, whole=False)
    else:
        assert db is not None
        writer, clusters = _run_on_path(documents, db, settings, workers, tally)
    return RunSummary(
        inputs=tally.inputs if inputs is None else inputs,
        rejected=len(tally.rejections),
        stored=writer.total + AddResult(articles_present=tally.present),
        clusters=clusters,
        documents_skipped=tally.skipped,
        documents_sent=tally.sent,
        articles_parsed=len(tally.articles),
        not_english=tally.not_english,
        articles=tuple(tally.articles),
        rejections=tuple(tally.rejections),
    )


def _run_on_path(
    documents: Iterable[Entry], db: Path, settings: Settings, workers: int, tally: _Tally
) -> tuple[BatchWriter, ClusterCounts | None]:
    wait = settings.store.lock_wait_seconds
    Store.check_path(db)
    with run_lock(db):
        # The workers start first, so that they load their model while this process opens
        # the store.
        with Extractor(settings, workers=workers, link=True) as extractor:
            # created or upgraded now, so that every later window may be read-only or a batch
            with Store.open(db, wait=wait) as store:
                # a store with no documents yet has nothing to skip: no lookup per chunk
                resuming = store.count("documents") > 0
            # Documents stored before this moment are skipped; a copy met twice in this run
            # is parsed twice and counted present, as with one worker, whatever the timing.
            started = datetime.now(UTC).replace(tzinfo=None)
            writer = BatchWriter(
                lambda: Store.open(db, wait=wait), batch_size=settings.store.batch_size
            )
            looked_up = db if resuming else None
            size = chunk_documents(workers)
            chunks = _chunks(documents, size, workers, db=looked_up, wait=wait, started=started)
            early = workers > 1
            for chunk, outcomes in extractor.map(chunks, lambda chunk: chunk.to_parse):
                tally.take(chunk, outcomes, writer=writer)
                if early and extractor.ending:
                    # What came in is written while the workers parse their last chunk's
                    # worth, so that the batch written after them is small: it and the link
                    # step are all that runs on one core at the end.
                    writer.flush()
                    early = False
            writer.flush()
        # linked when articles came in, or when an earlier run stored articles and died
        # before its link step
        clusters = link_path(db, wait=wait, whole=False)
    return writer, clusters


def link_store(
    store: Store, *, whole: bool, block_days: int = DEFAULT_BLOCK_DAYS
) -> ClusterCounts | None:
    """The link step on an open store: every block (`whole`), else the blocks the articles
    stored since the last link touch (None when there are none)."""
    update = plan_links(store.link_reader(), whole=whole, block_days=block_days)
    return None if update is None else store.write_links(update)


def link_path(path: Path, *, wait: float, whole: bool) -> ClusterCounts | None:
    """The link step on the store at `path`: read and linked on a read-only hold, which
    readers in other processes share; held for writing only while the result is written (and
    linked again then if articles came in meanwhile). Each hold waits up to `wait` seconds."""
    with Store.open(path, read_only=True, wait=wait) as store:
        reader = store.link_reader()
        mark = (reader.linked_through(), reader.last_seq())
        update = plan_links(reader, whole=whole)
    if update is None and not whole:
        return None
    with Store.open(path, wait=wait) as store:
        reader = store.link_reader()
        if (reader.linked_through(), reader.last_seq()) != mark:
            update = plan_links(reader, whole=whole)
        return None if update is None else store.write_links(update)


@dataclass(slots=True)
class _Chunk:
    """Inputs read in a row: documents and rejections, in order, and which documents are to
    be parsed (not stored by an earlier run) and how many articles each skipped one holds."""

    entries: list[Entry]
    to_parse: list[Document]
    known: set[str] = field(default_factory=set)
    stored_articles: dict[str, int] = field(default_factory=dict)


def _documents(entries: list[Entry]) -> list[Document]:
    return [entry for entry in entries if isinstance(entry, Document)]


def _chunks(
    entries: Iterable[Entry],
    size: int,
    workers: int,
    *,
    db: Path | None,
    wait: float,
    started: datetime,
) -> Iterator[_Chunk]:
    """The entries in chunks, each with what `db` stored before `started` (no lookup when `db`
    is None: the store held no document when the run began)."""
    for chunk in chunked(entries, size, workers=workers):
        documents = _documents(chunk)
        if db is None:
            yield _Chunk(entries=chunk, to_parse=documents)
            continue
        # read-only, so readers in other processes are not kept out by the lookup
        with Store.open(db, read_only=True, wait=wait) as store:
            known = store.stored_documents([doc.sha256 for doc in documents], before=started)
            stored_articles = store.articles_per_document(sorted(known))
        yield _Chunk(
            entries=chunk,
            to_parse=[doc for doc in documents if doc.sha256 not in known],
            known=known,
            stored_articles=stored_articles,
        )


class _Tally:
    """Counts of a run, and the writing and reporting of each chunk's outcomes in order."""

    def __init__(self, progress: RunProgress | None) -> None:
        self.progress = progress
        self.inputs = 0
        self.present = 0
        self.skipped = 0
        self.sent = 0
        self.articles: list[str] = []
        self.rejections: list[str] = []
        self.not_english: Counter[str] = Counter()

    def take(self, chunk: _Chunk, outcomes: list[list[Outcome]], *, writer: BatchWriter) -> None:
        of_parsed = iter(outcomes)
        for entry in chunk.entries:
            self.inputs += 1
            if isinstance(entry, InputRejected):
                self._reject(entry)
            elif entry.sha256 in chunk.known:
                self.skipped += 1
                self.present += chunk.stored_articles.get(entry.sha256, 0)
                self._reached(entry.path)
            else:
                self.sent += 1
                for outcome in next(of_parsed):
                    if isinstance(outcome, Done):
                        self._done(outcome, writer)
                    else:
                        self._reject(outcome.error())

    def _done(self, outcome: Done, writer: BatchWriter) -> None:
        self.articles.append(outcome.article.id)
        language = outcome.record.get("language") or {}
        code = language.get("code") if isinstance(language, dict) else None
        if code and code != "en":
            self.not_english[str(code)] += 1
        link = article_link_rows(outcome.link) if outcome.link is not None else None
        writer.put(outcome, outcome.record, link)
        self._reached(outcome.article.document.path)

    def _reached(self, path: str) -> None:
        if self.progress is not None:
            self.progress.reached(path)

    def _reject(self, item: InputRejected) -> None:
        self.rejections.append(str(item))
        if self.progress is not None:
            self.progress.rejected(item)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
