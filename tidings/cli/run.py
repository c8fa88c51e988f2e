"""`tidings run`: extract every article of the inputs and store it in the DuckDB store, through
the runner (`tidings.runner`); this module parses the options and prints.

Standard output stays empty; the progress bar, one line per rejected input and the closing
summary go to standard error. Rerunning on the same inputs stores nothing new, and a document
stored by an earlier run (known by the sha256 of its bytes) is not cleaned or parsed again, so
a run stopped half way resumes where it stopped. `--workers N` parses in N processes
(`tidings.parallel`); what is stored does not depend on N.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    report_not_english,
    report_rejected,
    settings_from_options,
)
from tidings.errors import InputRejected, TidingsError
from tidings.ingest import list_inputs
from tidings.runner import RunSummary, run_paths
from tidings.settings import Settings

# RunSummary is the runner's; named here too for the callers that import it from the CLI.
__all__ = ["RunSummary", "run", "run_command"]

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


class _BarProgress:
    """The run's progress on the bar, and one line per rejected input as it comes."""

    def __init__(self, bar: _InputBar) -> None:
        self._bar = bar

    def reached(self, document_path: str) -> None:
        self._bar.reached(document_path)

    def rejected(self, item: InputRejected) -> None:
        report_rejected(item)
        self._bar.reached(item.path)


def run(
    paths: list[str], *, db: Path, settings: Settings, show_progress: bool, workers: int = 1
) -> RunSummary:
    """`tidings.runner.run_paths` with the progress bar on standard error."""
    with _progress_bar(enabled=show_progress) as progress:
        bar = _InputBar(progress, list_inputs(paths))
        summary = run_paths(
            paths, db=db, settings=settings, workers=workers, progress=_BarProgress(bar)
        )
        bar.finish()
    return summary


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
