"""`tidings fetch SOURCE... --db FILE`: fetch feeds, sitemaps, pages or lists of URLs politely
into WARC files beside the store, and store what is new (`tidings.fetch`). Each bad source is
one line on standard error and the rest goes on; each round ends with one summary line.
`--every 15m` fetches again and again until stopped (Ctrl-C)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path

import typer

from tidings.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    MAX_BYTES_OPTION,
    SETTINGS_OPTION,
    fail,
    report_not_english,
    report_rejected,
    settings_from_options,
)
from tidings.errors import TidingsError
from tidings.fetch.client import FetchOptions
from tidings.fetch.round import RoundSummary, fetch_round
from tidings.settings import Settings

SOURCES_ARGUMENT = typer.Argument(
    ...,
    help="RSS/Atom feed, sitemap or page URLs, or files listing such URLs one per line.",
)
DB_OPTION = typer.Option(
    Path("tidings.duckdb"),
    "--db",
    help="DuckDB file to store into (created if new); WARC files go to the folder STEM-warcs/.",
)
DELAY_OPTION = typer.Option(
    1.0, "--delay", min=0.0, help="Seconds between two requests to one host (or its Crawl-delay)."
)
EVERY_OPTION = typer.Option(
    None, "--every", help="Fetch again every INTERVAL (30s, 15m, 1h) until stopped."
)
TIMEOUT_OPTION = typer.Option(
    30.0, "--timeout", min=0.1, help="Seconds to wait to connect and between two reads."
)
RETRIES_OPTION = typer.Option(
    3, "--retries", min=0, help="Further attempts after a 429, a 5xx or a network error."
)

INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}


def fetch_command(
    sources: list[str] = SOURCES_ARGUMENT,
    db: Path = DB_OPTION,
    delay: float = DELAY_OPTION,
    every: str | None = EVERY_OPTION,
    timeout: float = TIMEOUT_OPTION,
    retries: int = RETRIES_OPTION,
    settings_file: Path | None = SETTINGS_OPTION,
    max_bytes: int | None = MAX_BYTES_OPTION,
) -> None:
    """Fetch feeds, sitemaps and pages politely; archive them as WARC; store what is new.

    robots.txt is obeyed, each host is asked at most once per --delay, reruns are conditional
    (ETag, Last-Modified), and every response goes to a WARC file in STEM-warcs/ beside the
    store, which `tidings run` replays."""
    interval = parse_interval(every) if every is not None else None
    settings = settings_from_options(settings_file, max_bytes)
    options = FetchOptions(
        delay=delay, timeout=timeout, retries=retries, max_bytes=settings.ingest.max_bytes
    )
    if interval is None:
        summary = _round(sources, db=db, settings=settings, options=options)
        typer.echo(summary.sentence(), err=True)
        report_not_english(summary.not_english, done="stored, not coded")
        raise typer.Exit(EXIT_REJECTED if summary.failed or summary.rejected else EXIT_OK)
    number = 0
    try:
        while True:
            number += 1
            started = time.monotonic()
            _round_line(number, sources, db=db, settings=settings, options=options)
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        typer.echo(f"stopped after {number} round{'' if number == 1 else 's'}", err=True)
        raise typer.Exit(EXIT_OK) from None


def _round_line(
    number: int, sources: list[str], *, db: Path, settings: Settings, options: FetchOptions
) -> None:
    """One round of `--every`, told in one line; a round that cannot use the store (another
    process holds it too long, say) is told too, and the next round tries again."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    try:
        summary = fetch_round(
            sources, db=db, settings=settings, options=options, report=report_rejected
        )
    except TidingsError as exc:
        typer.echo(f"round {number} ({stamp}): not done: {exc}", err=True)
        return
    typer.echo(f"round {number} ({stamp}): {summary.sentence()}", err=True)
    report_not_english(summary.not_english, done="stored, not coded")


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; a usage error for anything else."""
    match = INTERVAL.match(text)
    if match is None or float(match.group(1)) <= 0:
        fail(f"--every {text!r}: give a duration such as 30s, 15m or 1h")
    return float(match.group(1)) * UNIT_SECONDS[match.group(2)]


def _round(
    sources: list[str], *, db: Path, settings: Settings, options: FetchOptions
) -> RoundSummary:
    try:
        return fetch_round(
            sources, db=db, settings=settings, options=options, report=report_rejected
        )
    except TidingsError as exc:
        fail(str(exc))
