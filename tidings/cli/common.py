"""What every command shares: settings with command-line overrides, the one way a library
error becomes a line on standard error, and the store opened with a wait."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer

from tidings.errors import InputRejected, TidingsError
from tidings.language import ENGLISH
from tidings.settings import Settings, load_settings
from tidings.store import Store

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

SETTINGS_OPTION = typer.Option(
    None, "--settings", help="YAML file overriding shipped settings (or $TIDINGS_SETTINGS)."
)
ACTORS_OPTION = typer.Option(
    None,
    "--actors",
    help="An actor file of your own (docs/actors.md), read after the shipped ones; repeatable.",
)
MAX_BYTES_OPTION = typer.Option(
    None, "--max-bytes", min=1, help="Reject inputs larger than this (default: settings)."
)


class CleanMode(StrEnum):
    on = "on"
    off = "off"


CLEAN_OPTION = typer.Option(
    CleanMode.on,
    "--clean",
    help='off: take every text as it is, no boilerplate removal (a record\'s "clean" wins).',
)


def fail(message: str) -> NoReturn:
    typer.echo(f"tidings: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def settings_from_options(
    settings_file: Path | None, max_bytes: int | None, clean: CleanMode = CleanMode.on
) -> Settings:
    try:
        settings = load_settings(settings_file)
    except TidingsError as exc:
        fail(str(exc))
    if max_bytes is not None:
        ingest = dataclasses.replace(settings.ingest, max_bytes=max_bytes)
        settings = dataclasses.replace(settings, ingest=ingest)
    if clean is CleanMode.off:
        settings = dataclasses.replace(
            settings, ingest=dataclasses.replace(settings.ingest, clean=False)
        )
    return settings


def store_wait() -> int:
    """For a command without `--settings`: how long to wait for a store another process holds
    (a run between two batches, or its link step), from the shipped settings or
    $TIDINGS_SETTINGS. Raises TidingsError: the caller says it in one line."""
    return load_settings(None).store.lock_wait_seconds


def open_store(db: Path, *, read_only: bool) -> Store:
    """The store at `db`, waiting `store_wait()` seconds for it. Raises TidingsError."""
    return Store.open(db, read_only=read_only, wait=store_wait())


def report_rejected(item: InputRejected) -> None:
    """One line per rejected input: the path and the reason."""
    print(f"{item.path}: {item.reason}", file=sys.stderr, flush=True)


def not_english(records: Counter[str], record: dict[str, Any]) -> None:
    """Count `record` in `records` (by language code) when it is not in English."""
    language = record.get("language")
    if language and language["code"] != ENGLISH:
        records[language["code"]] += 1


def report_not_english(records: Counter[str], *, done: str) -> None:
    """The closing line for articles not in English, when there were any: "3 articles not in
    English (fr 2, de 1): stored, not coded"."""
    total = sum(records.values())
    if not total:
        return
    noun = "article" if total == 1 else "articles"
    by_language = ", ".join(f"{code} {n}" for code, n in records.most_common())
    typer.echo(f"{total} {noun} not in English ({by_language}): {done}", err=True)
