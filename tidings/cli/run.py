"""`tidings run`: extract every article of the inputs and store it in the DuckDB store.

Standard output stays empty; the progress bar, one line per rejected input and the closing
summary go to standard error. Rerunning on the same inputs stores nothing new, and a document
stored by an earlier run (known by the sha256 of its bytes) is not cleaned or parsed again, so
a run stopped half way resumes where it stopped. `--workers N` parses in N processes
(`tidings.parallel`); what is stored does not depend on N.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tidings.cli.common import (
    ACTORS_OPTION,
    CLEAN_OPTION,
    EXIT_OK,
    EXIT_REJECTED,
    MAX_BYTES_OPTION,
    SETTINGS_OPTION,
    CleanMode,
    fail,
    not_english,
    report_not_english,
    report_rejected,
    settings_from_options,
)
from tidings.errors import ConfigError, InputRejected, TidingsError
from tidings.ingest import Document, iter_documents, list_inputs
from tidings.parallel import CHUNK_DOCUMENTS, Done, Extractor, Outcome, chunked
from tidings.settings import Settings
from tidings.store import (
    AddResult,
    BatchWriter,
    ClusterCounts,
    Store,
    relink_in_turns,
    run_lock,
)

PATHS_ARGUMENT = typer.Argument(..., help="Files or folders to read; - reads standard input.")
DB_OPTION = typer.Option(
    Path("tidings.duckdb"), "--db", help="DuckDB file to store into (created if new)."
)
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress bar; the summary only.")
WORKERS_OPTION = typer.Option(
    1, "--workers", "-w", min=1, help="Processes that parse (one spaCy model each)."
)

# A document read from inside an input is named after it: `news.jsonl:12` (line 12),
# `crawl.warc.gz#3` (record 3). Stripping the suffix gives the input, for the progress bar.
_PART_OF_INPUT = re.compile(r"(?::\d+|#\d+)$")


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run read and stored. `documents_skipped`: documents an earlier run stored,
    not read again (their articles count as present); `documents_sent`: documents sent to be
    cleaned and parsed (in a worker); `articles_parsed`: articles that came back parsed;
    `not_english`: of those, how many in each language other than English."""

    inputs: int
    rejected: int
    stored: AddResult
    clusters: ClusterCounts | None = None
    documents_skipped: int = 0
    documents_sent: int = 0
    articles_parsed: int = 0
    not_english: Counter[str] = field(default_factory=Counter)

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


def run_command(
    paths: list[str] = PATHS_ARGUMENT,
    db: Path = DB_OPTION,
    settings_file: Path | None = SETTINGS_OPTION,
    max_bytes: int | None = MAX_BYTES_OPTION,
    quiet: bool = QUIET_OPTION,
    actor_files: list[Path] | None = ACTORS_OPTION,
    clean: CleanMode = CLEAN_OPTION,
    workers: int = WORKERS_OPTION,
) -> None:
    """Extract every article of PATHS and store it; what is already stored is skipped."""
    settings = settings_from_options(settings_file, max_bytes, clean)
    settings = settings.with_actor_files(actor_files or [])
    try:
        summary = run(paths, db=db, settings=settings, show_progress=not quiet, workers=workers)
    except TidingsError as exc:
        fail(str(exc))
    typer.echo(summary.sentence(), err=True)
    report_not_english(summary.not_english, done="stored, not coded")
    raise typer.Exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


def run(
    paths: list[str], *, db: Path, settings: Settings, show_progress: bool, workers: int = 1
) -> RunSummary:
    """Store the articles of `paths` in `db`, `settings.store.batch_size` per transaction,
    parsed by `workers` processes; the link step runs once at the end.

    The run holds `db` only for short windows (a chunk's lookup of what is stored, a batch,
    the link step), each opened with a wait of `store.lock_wait_seconds`, so that readers in
    other processes (`tidings serve`, `tidings events`) read between them; a second run on the
    same store fails at once (`run_lock`). Each rejected input is reported on standard error
    as it comes; a store or settings problem raises (batches already written stay committed).
    """
    if settings.store.batch_size < 1:
        raise ConfigError("settings", "store.batch_size must be at least 1")
    wait = settings.store.lock_wait_seconds
    Store.check_path(db)
    with run_lock(db):
        # created or upgraded now, so that every later window may be read-only or a batch
        with Store.open(db, wait=wait) as store:
            # a store with no documents yet has nothing to skip: no lookup per chunk
            resuming = store.count("documents") > 0
        # Documents stored before this moment are skipped; a copy met twice in this run is
        # parsed twice and counted present, as with one worker, whatever the timing.
        started = datetime.now(UTC).replace(tzinfo=None)
        with Extractor(settings, workers=workers) as extractor:
            inputs = list_inputs(paths)
            writer = BatchWriter(
                lambda: Store.open(db, wait=wait), batch_size=settings.store.batch_size
            )
            tally = _Tally()
            with _progress_bar(enabled=show_progress) as progress:
                bar = _InputBar(progress, inputs)
                looked_up = db if resuming else None
                chunks = _chunks(paths, settings=settings, db=looked_up, started=started)
                for chunk, outcomes in extractor.map(chunks, lambda chunk: chunk.to_parse):
                    tally.take(chunk, outcomes, writer=writer, bar=bar)
                writer.flush()
                bar.finish()
        stored = writer.total + AddResult(articles_present=tally.present)
        # clusters are a function of every stored article: rebuilt when articles came in, or
        # when an earlier run stored articles and died before its link step
        clusters = relink_in_turns(db, wait=wait, always=False)
    return RunSummary(
        inputs=len(inputs),
        rejected=tally.rejected,
        stored=stored,
        clusters=clusters,
        documents_skipped=tally.skipped,
        documents_sent=tally.sent,
        articles_parsed=tally.parsed,
        not_english=tally.not_english,
    )


@dataclass(slots=True)
class _Chunk:
    """Inputs read in a row: documents and rejections, in order, and which documents are to
    be parsed (not stored by an earlier run) and how many articles each skipped one holds."""

    entries: list[Document | InputRejected]
    to_parse: list[Document]
    known: set[str] = field(default_factory=set)
    stored_articles: dict[str, int] = field(default_factory=dict)


def _chunks(
    paths: list[str], *, settings: Settings, db: Path | None, started: datetime
) -> Iterator[_Chunk]:
    """The inputs in chunks, each with what `db` stored before `started` (no lookup when `db`
    is None: the store held no document when the run began)."""
    entries = iter_documents(paths, settings=settings.ingest)
    wait = settings.store.lock_wait_seconds
    for chunk in chunked(entries, CHUNK_DOCUMENTS):
        documents = [entry for entry in chunk if isinstance(entry, Document)]
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


@dataclass(slots=True)
class _Tally:
    """Counts of a run, and the writing and reporting of each chunk's outcomes in order."""

    rejected: int = 0
    present: int = 0
    skipped: int = 0
    sent: int = 0
    parsed: int = 0
    not_english: Counter[str] = field(default_factory=Counter)

    def take(
        self,
        chunk: _Chunk,
        outcomes: list[list[Outcome]],
        *,
        writer: BatchWriter,
        bar: _InputBar,
    ) -> None:
        of_parsed = iter(outcomes)
        for entry in chunk.entries:
            if isinstance(entry, InputRejected):
                self._reject(entry, bar)
            elif entry.sha256 in chunk.known:
                self.skipped += 1
                self.present += chunk.stored_articles.get(entry.sha256, 0)
                bar.reached(entry.path)
            else:
                self.sent += 1
                for outcome in next(of_parsed):
                    if isinstance(outcome, Done):
                        self.parsed += 1
                        not_english(self.not_english, outcome.record)
                        writer.put(outcome, outcome.record)
                        bar.reached(outcome.article.document.path)
                    else:
                        self._reject(outcome.error(), bar)

    def _reject(self, item: InputRejected, bar: _InputBar) -> None:
        self.rejected += 1
        report_rejected(item)
        bar.reached(item.path)


def _progress_bar(*, enabled: bool) -> Progress:
    """A bar on standard error, shown only to a person watching a terminal."""
    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inputs"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not enabled or not console.is_terminal,
    )


class _InputBar:
    """Advances the bar once per input, when the stream first reaches one of its documents."""

    def __init__(self, progress: Progress, inputs: Iterable[str]) -> None:
        self._inputs = set(inputs)
        self._reached: set[str] = set()
        self._progress = progress
        self._task = progress.add_task("storing", total=len(self._inputs))

    def reached(self, document_path: str) -> None:
        source = document_path
        if source not in self._inputs:
            source = _PART_OF_INPUT.sub("", document_path)
        if source in self._inputs and source not in self._reached:
            self._reached.add(source)
            self._progress.update(self._task, completed=len(self._reached))

    def finish(self) -> None:
        self._progress.update(self._task, completed=len(self._inputs))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
