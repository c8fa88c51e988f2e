"""`tidings eval expected`: the events an analyst lists for given articles (a gold file) against
what `tidings extract` emits: recall with the right type and dyad, status and date agreement,
and the wrong readings the gold's traps catch. Exit 1 when `--min-recall` or `--max-wrong`
is not met."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tidings.cli.common import EXIT_OK, EXIT_REJECTED, fail
from tidings.errors import TidingsError
from tidings.evaluate.expected import ExpectedEvaluation, evaluate_expected

DEFAULT_DATA = Path("../shared/examples/seeds")
DEFAULT_GOLD = Path("tests/seed_analyst_events.yaml")


def _print(evaluation: ExpectedEvaluation, console: Console) -> None:
    f = evaluation.figures()
    console.print(
        f"expected events: {int(f['expected'])} in {evaluation.files} files · found "
        f"{len(evaluation.found)} (recall {f['recall']:.3f}) · status agreement "
        f"{f['status_agreement']:.3f} · date agreement {f['date_agreement']:.3f} · wrong "
        f"readings {int(f['wrong_readings'])} · events {int(f['events'])} (complete "
        f"{int(f['complete_events'])}) · {evaluation.seconds:.1f} s",
        highlight=False,
    )
    for expected, event in evaluation.found:
        console.print(
            f"  found   {expected.file}: {expected.what}\n          {event.line()}",
            highlight=False,
            markup=False,
        )
    for expected in evaluation.missed:
        console.print(f"  missed  {expected.file}: {expected.what}", highlight=False, markup=False)
    for trap, event in evaluation.wrong:
        console.print(
            f"  wrong   {event.file}: {trap.what}\n          {event.line()}",
            highlight=False,
            markup=False,
        )


def expected_command(
    data: Annotated[Path, typer.Option("--data", help="The folder of the articles.")] = (
        DEFAULT_DATA
    ),
    gold: Annotated[
        Path, typer.Option("--gold", help="The analyst's list (docs/evaluation.md).")
    ] = DEFAULT_GOLD,
    min_recall: Annotated[
        float, typer.Option("--min-recall", help="Exit 1 when recall is below this.")
    ] = 0.0,
    max_wrong: Annotated[
        int | None, typer.Option("--max-wrong", help="Exit 1 past this many wrong readings.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score the events of `tidings extract` against an analyst's list for the same articles."""
    try:
        evaluation = evaluate_expected(data, gold)
    except TidingsError as exc:
        fail(str(exc))
    figures = evaluation.figures()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
    else:
        _print(evaluation, Console(soft_wrap=True))
    short = figures["recall"] < min_recall or (
        max_wrong is not None and figures["wrong_readings"] > max_wrong
    )
    raise typer.Exit(EXIT_REJECTED if short else EXIT_OK)


def register(eval_app: typer.Typer) -> None:
    """Add `expected` to `tidings eval`."""
    eval_app.command("expected")(expected_command)
