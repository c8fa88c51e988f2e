"""`tidings quotes`: list the quotes a store holds — who said what, when, where it was read and
which outlet relayed it — one tab-separated line per quote on standard output."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.common import fail, open_store
from tidings.errors import TidingsError
from tidings.store import StoredQuote

# An ISO 8601 date at year, month or day precision, as the store keeps them.
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# The columns of a line, in order.
COLUMNS = ("speaker", "date", "kind", "text", "article", "via")


class QuoteFormat(StrEnum):
    tsv = "tsv"
    jsonl = "jsonl"


def _line(quote: StoredQuote) -> str:
    cells = (
        quote.speaker or "-",
        quote.date or "-",
        quote.kind,
        " ".join(quote.text.split()),  # one line per quote, whatever the quote spans
        quote.article_id,
        quote.via or "-",
    )
    return "\t".join(cells)


def quotes_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")] = Path(
        "tidings.duckdb"
    ),
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help='Part of the speaker\'s name ("Varga") or an actor id.'),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only quotes dated on or after this ISO date (2020, 2020-01, ...)."
        ),
    ] = None,
    output: Annotated[
        QuoteFormat, typer.Option("--format", help="tsv: one line each; jsonl: JSON lines.")
    ] = QuoteFormat.tsv,
) -> None:
    """List stored quotes: speaker, date, kind, text, article, via (tab-separated)."""
    if since is not None and not ISO_DATE.match(since):
        fail(f"--since {since!r} is not an ISO date (2020, 2020-01 or 2020-01-03)")
    try:
        with open_store(db, read_only=True) as store:
            found = store.quotes(speaker=speaker, since=since)
    except TidingsError as exc:
        fail(str(exc))
    for quote in found:
        if output is QuoteFormat.jsonl:
            typer.echo(json.dumps(asdict(quote), ensure_ascii=False))
        else:
            typer.echo(_line(quote))
    typer.echo(f"{len(found)} quotes", err=True)
