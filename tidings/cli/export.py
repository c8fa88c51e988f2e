"""`tidings export`: write a store out for other tools — every table as Parquet or CSV files in
a folder, the articles' contract records as JSON lines, or the event clusters as a GDELT 2.0
event file or PLOVER JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.common import fail, open_store
from tidings.errors import TidingsError
from tidings.store import ExportFormat
from tidings.store.export import FILE_FORMATS
from tidings.store.export_formats import gdelt_header, prepend_gdelt_header


def export_command(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="A folder for parquet and csv (one file per table), a file for jsonl, gdelt "
            "and plover (- for standard output).",
        ),
    ],
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to",
            help="parquet or csv: every table; jsonl: the articles' records, as extract "
            "prints them; gdelt: one GDELT 2.0 event-table row per event (61 tab-separated "
            "columns, no header); plover: one PLOVER JSON record per event.",
        ),
    ],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path(
        "tidings.duckdb"
    ),
    header: Annotated[
        bool,
        typer.Option(
            "--header",
            help="With --to gdelt: put a line of the column names first (GDELT's own files "
            "have none).",
        ),
    ] = False,
    include_partial: Annotated[
        bool,
        typer.Option(
            "--all",
            help="With --to gdelt or plover: also events known only from partial readings "
            "(no source, or no target where the type needs one).",
        ),
    ] = False,
) -> None:
    """Write the store DB out as Parquet or CSV files (one per table), as JSON lines, or its
    complete events as a GDELT event file or PLOVER JSON lines (docs/schema.md, "Exports")."""
    to_stdout = str(out) == "-"
    if to_stdout and to not in FILE_FORMATS:
        fail(f"--to {to.value} writes a folder of files, not standard output")
    if header and to is not ExportFormat.gdelt:
        fail("--header goes with --to gdelt only")
    if include_partial and to not in (ExportFormat.gdelt, ExportFormat.plover):
        fail("--all goes with --to gdelt or plover only (the other formats hold everything)")
    try:
        with open_store(db, read_only=True) as store:
            if header and to_stdout:
                typer.echo(gdelt_header(), nl=False)
            written = store.export(out, to=to, include_partial=include_partial)
        if header and not to_stdout:
            prepend_gdelt_header(out)
    except TidingsError as exc:
        fail(str(exc))
    rows = sum(item.rows for item in written)
    where = "standard output" if to_stdout else str(out)
    if to is ExportFormat.jsonl:
        what = f"{rows} records"
    elif to in FILE_FORMATS:
        what = f"{rows} events"
    else:
        what = f"{len(written)} tables, {rows} rows"
    typer.echo(f"exported {what} to {where}", err=True)
