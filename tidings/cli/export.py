"""`tidings export`: write a store out for other tools — every table as Parquet or CSV files in
a folder, or the articles' contract records as JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.common import fail
from tidings.errors import TidingsError
from tidings.store import ExportFormat, Store


def export_command(
    out: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="A folder for parquet and csv (one file per table), a file for jsonl "
            "(- for standard output)."
        ),
    ],
    to: Annotated[
        ExportFormat,
        typer.Option(
            "--to",
            help="parquet or csv: every table; jsonl: the articles' records, as extract "
            "prints them.",
        ),
    ],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path(
        "tidings.duckdb"
    ),
) -> None:
    """Write the store DB out as Parquet or CSV files (one per table) or as JSON lines."""
    if str(out) == "-" and to is not ExportFormat.jsonl:
        fail(f"--to {to.value} writes a folder of files, not standard output")
    try:
        with Store.open(db, read_only=True) as store:
            written = store.export(out, to=to)
    except TidingsError as exc:
        fail(str(exc))
    rows = sum(item.rows for item in written)
    where = "standard output" if str(out) == "-" else str(out)
    what = f"{rows} records" if to is ExportFormat.jsonl else f"{len(written)} tables, {rows} rows"
    typer.echo(f"exported {what} to {where}", err=True)
