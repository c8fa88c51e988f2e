"""`tidings extract`: print the contract record of every article of the inputs."""

from __future__ import annotations

import json
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import typer

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
from tidings.errors import InputRejected, TidingsError
from tidings.language import ENGLISH
from tidings.parallel import extract_outcomes


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


def _write_text(record: dict[str, Any], out: TextIO) -> None:
    published = record["published"]
    when = published["value"] or "date unknown"
    out.write(f"# {record['title'] or '(no title)'}\n")
    out.write(f"{record['source']['path']} · part {record['source']['part']} · ")
    out.write(f"{record['source']['outlet'] or 'outlet unknown'} · {when} ({published['basis']})")
    language = record.get("language")
    if language and language["code"] != ENGLISH:
        out.write(f" · language {language['code']}: not coded")
    out.write("\n\n")
    out.write(record["text"] + "\n\n")


PATHS_ARGUMENT = typer.Argument(..., help="Files or folders to read; - reads standard input.")
ALL_OPTION = typer.Option(
    False,
    "--all",
    help="Also print partial event readings (no source, or no target where the type needs "
    "one), each with complete: false. By default a record carries complete events only.",
)


def shown(record: dict[str, Any], include_partial: bool) -> dict[str, Any]:
    """The record as printed: its partial event readings left out unless asked for (they are
    kept in the store by `tidings run`; an analyst forgives a missed event sooner than a
    wrong one)."""
    events = record.get("events") or []
    if include_partial or all(event.get("complete", True) for event in events):
        return record
    return {**record, "events": [event for event in events if event.get("complete", True)]}
FORMAT_OPTION = typer.Option(OutputFormat.jsonl, "--format", "-f", help="Output format.")


def extract_command(
    paths: list[str] = PATHS_ARGUMENT,
    output_format: OutputFormat = FORMAT_OPTION,
    settings_file: Path | None = SETTINGS_OPTION,
    max_bytes: int | None = MAX_BYTES_OPTION,
    actor_files: list[Path] | None = ACTORS_OPTION,
    clean: CleanMode = CLEAN_OPTION,
    include_partial: bool = ALL_OPTION,
) -> None:
    """Print one record per article (a file can hold several stories) on standard output."""
    settings = settings_from_options(settings_file, max_bytes, clean)
    settings = settings.with_actor_files(actor_files or [])
    out = sys.stdout
    rejected = 0
    foreign: Counter[str] = Counter()
    first = True
    try:
        if output_format is OutputFormat.json:
            out.write("[")
        for item in extract_outcomes(paths, settings=settings):
            if isinstance(item, InputRejected):
                rejected += 1
                report_rejected(item)
                continue
            not_english(foreign, item.record)
            record = shown(item.record, include_partial)
            if output_format is OutputFormat.jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif output_format is OutputFormat.json:
                out.write(
                    ("" if first else ",\n") + json.dumps(record, ensure_ascii=False, indent=2)
                )
            else:
                _write_text(record, out)
            first = False
        if output_format is OutputFormat.json:
            out.write("]\n")
        out.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    except TidingsError as exc:
        fail(str(exc))
    report_not_english(foreign, done="not coded")
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)
