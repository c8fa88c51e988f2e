"""`tidings run`: extract every article of the inputs and store it in the DuckDB store.

Standard output stays empty; the progress bar, one line per rejected input and the closing
summary go to standard error. Rerunning on the same inputs stores nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tidings.cli.common import (
    ACTORS_OPTION,
    EXIT_OK,
    EXIT_REJECTED,
    MAX_BYTES_OPTION,
    SETTINGS_OPTION,
    fail,
    report_rejected,
    settings_from_options,
)
from tidings.errors import ConfigError, InputRejected, TidingsError
from tidings.ingest import list_inputs
from tidings.pipeline import extract_stream
from tidings.settings import Settings
from tidings.store import AddResult, BatchWriter, ClusterCounts, Store

PATHS_ARGUMENT = typer.Argument(..., help="Files or folders to read; - reads standard input.")
DB_OPTION = typer.Option(
    Path("tidings.duckdb"), "--db", help="DuckDB file to store into (created if new)."
)
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress bar; the summary only.")

# A document read from inside an input is named after it: `news.jsonl:12` (line 12),
# `crawl.warc.gz#3` (record 3). Stripping the suffix gives the input, for the progress bar.
_PART_OF_INPUT = re.compile(r"(?::\d+|#\d+)$")


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run read and stored."""

    inputs: int
    rejected: int
    stored: AddResult
    clusters: ClusterCounts | None = None

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
) -> None:
    """Extract every article of PATHS and store it; what is already stored is skipped."""
    settings = settings_from_options(settings_file, max_bytes).with_actor_files(actor_files or [])
    try:
        summary = run(paths, db=db, settings=settings, show_progress=not quiet)
    except TidingsError as exc:
        fail(str(exc))
    typer.echo(summary.sentence(), err=True)
    raise typer.Exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


def run(paths: list[str], *, db: Path, settings: Settings, show_progress: bool) -> RunSummary:
    """Store the articles of `paths` in `db`, `settings.store.batch_size` per transaction.

    Each rejected input is reported on standard error as it comes; a store or settings
    problem raises (batches already written stay committed).
    """
    if settings.store.batch_size < 1:
        raise ConfigError("settings", "store.batch_size must be at least 1")
    with Store.open(db) as store:
        inputs = list_inputs(paths)
        writer = BatchWriter(store, batch_size=settings.store.batch_size)
        rejected = 0
        with _progress_bar(enabled=show_progress) as progress:
            bar = _InputBar(progress, inputs)
            for item in extract_stream(paths, settings=settings):
                if isinstance(item, InputRejected):
                    rejected += 1
                    report_rejected(item)
                    bar.reached(item.path)
                    continue
                writer.put(item.parsed, item.record)
                bar.reached(item.parsed.article.document.path)
            writer.flush()
            bar.finish()
        # clusters are a function of every stored article: rebuilt whenever articles came in
        clusters = store.relink() if writer.total.articles_added else None
    return RunSummary(inputs=len(inputs), rejected=rejected, stored=writer.total, clusters=clusters)


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
