"""`tidings eval places`: place names of LGL (US local news) recognised and resolved by the
place stage, against the pinned floors (key `places` of the floors file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.common import EXIT_OK, EXIT_REJECTED, fail
from tidings.errors import TidingsError
from tidings.evaluate.clean import load_floors
from tidings.evaluate.geo import GOLD_FILE, GeoEvaluation, evaluate_geo

DEFAULT_PLACES_DATA = Path("../shared/eval/geo-lgl")
DEFAULT_FLOORS = Path("tests/eval_baseline.json")


def _table(evaluation: GeoEvaluation, floors_checked: bool) -> Table:
    figures = evaluation.scores.figures()
    summary = evaluation.to_json()
    table = Table(
        title=(f"places on LGL: {evaluation.articles} articles, {evaluation.toponyms} toponyms"),
        caption=(
            "recognition: overlap ≥ half the shorter span · resolution: within 161 km · "
            f"{evaluation.seconds:.1f} s" + ("" if floors_checked else " · floors not checked")
        ),
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("floor", justify="right")
    for name, value in figures.items():
        floor = evaluation.floors.get(name)
        table.add_row(name, f"{value:.4f}", "" if floor is None else f"{floor:.4f}")
    for name in ("mean_error_km", "median_error_km"):
        table.add_row(name, str(summary[name]), "")
    return table


def register(eval_app: typer.Typer) -> None:
    """Add the `places` command to `tidings eval`."""

    @eval_app.command("places")
    def places_command(
        data: Annotated[
            Path, typer.Option("--data", help=f"LGL folder holding {GOLD_FILE}.")
        ] = DEFAULT_PLACES_DATA,
        limit: Annotated[
            int | None,
            typer.Option("--limit", min=1, help="Score the first N articles (floors unchecked)."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
        floors_file: Annotated[
            Path, typer.Option("--floors", help="JSON file of pinned floors (key `places`).")
        ] = DEFAULT_FLOORS,
        no_check: Annotated[
            bool, typer.Option("--no-check", help="Report the figures without the floors.")
        ] = False,
    ) -> None:
        """Recognition P/R/F1 and resolution accuracy (161 km) of place names; exit 1 below a
        floor."""
        if not (data / GOLD_FILE).is_file():
            fail(f"{data}: no {GOLD_FILE} here (give the LGL folder with --data)")
        check = limit is None and not no_check
        try:
            pinned = load_floors(floors_file) if check and floors_file.is_file() else {}
            evaluation = evaluate_geo(data, limit=limit, floors=pinned.get("places", {}))
        except TidingsError as exc:
            fail(str(exc))
        if as_json:
            typer.echo(json.dumps(evaluation.to_json(), indent=2))
        else:
            Console(width=120).print(_table(evaluation, check and bool(evaluation.floors)))
        failures = evaluation.below_floor()
        for failure in failures:
            typer.echo(f"tidings: below floor: {failure}", err=True)
        raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)
