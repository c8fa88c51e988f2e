"""`tidings eval times`: the time stage against TimeBank (recognition, type and TimeML value),
exit 1 below a pinned floor (key `timebank` of the floors file)."""

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
from tidings.evaluate.timebank import TimebankEvaluation, evaluate_timebank

DEFAULT_TIMEBANK_DATA = Path("../shared/eval/timebank")
DEFAULT_FLOORS = Path("tests/eval_baseline.json")
FLOORS_KEY = "timebank"


def _table(evaluation: TimebankEvaluation, floors_checked: bool) -> Table:
    scores = evaluation.scores
    table = Table(
        title=(
            f"times on TimeBank: {evaluation.documents} documents, "
            f"{scores.relaxed.gold} gold expressions, {scores.relaxed.predicted} found"
        ),
        caption=f"{evaluation.seconds:.1f} s" + ("" if floors_checked else " · floors not checked"),
    )
    for column in ("figure", "value", "floor"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for name, value in scores.figures().items():
        floor = evaluation.floors.get(name)
        table.add_row(name, f"{value:.4f}", "" if floor is None else f"{floor:.4f}")
    return table


def register(eval_app: typer.Typer) -> None:
    """Add the `times` command to `tidings eval`."""

    @eval_app.command("times")
    def times_command(
        data: Annotated[
            Path, typer.Option("--data", help="TimeBank folder of TimeML .tml files.")
        ] = DEFAULT_TIMEBANK_DATA,
        limit: Annotated[
            int | None,
            typer.Option("--limit", min=1, help="Score the first N documents (floors unchecked)."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
        floors_file: Annotated[
            Path, typer.Option("--floors", help="JSON file of pinned floors (key `timebank`).")
        ] = DEFAULT_FLOORS,
        no_check: Annotated[
            bool, typer.Option("--no-check", help="Report only; never exit 1 below a floor.")
        ] = False,
    ) -> None:
        """Recognition P/R/F1 (strict, relaxed), type accuracy, value accuracy and value F1 of
        the time stage on TimeBank; exit 1 below a floor."""
        if not data.is_dir() or not any(data.glob("*.tml")):
            fail(f"{data}: no .tml files here (give the TimeBank folder with --data)")
        check = limit is None and not no_check
        try:
            pinned = load_floors(floors_file) if check and floors_file.is_file() else {}
            floors = pinned.get(FLOORS_KEY, {})
            evaluation = evaluate_timebank(data, limit=limit, floors=floors)
        except TidingsError as exc:
            fail(str(exc))
        if as_json:
            typer.echo(json.dumps(evaluation.to_json(), indent=2))
        else:
            Console(width=120).print(_table(evaluation, check and bool(floors)))
        failures = evaluation.below_floor()
        for failure in failures:
            typer.echo(f"tidings: below floor: {failure}", err=True)
        raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)
