"""`tidings eval plover`: event extraction on the PLV sentences (type recall, type + source +
target recall, extra events per sentence, events and complete events per sentence, all per
split); exit 1 below a floor of `tests/eval_baseline.json` (key `plover`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.common import EXIT_OK, EXIT_REJECTED, fail
from tidings.cli.eval_options import SplitOption
from tidings.errors import TidingsError
from tidings.evaluate.clean import load_floors
from tidings.evaluate.plover import DATA_FILE, PloverEvaluation, evaluate_plover
from tidings.evaluate.splits import Split

DEFAULT_PLOVER_DATA = Path("../shared/eval/plover-plv-train")
DEFAULT_FLOORS = Path("tests/eval_baseline.json")


def _table(evaluation: PloverEvaluation, floors_checked: bool) -> Table:
    figures = evaluation.figures()
    table = Table(
        title=(
            f"events on PLV train ({evaluation.split} split): {evaluation.sentences} sentences"
            f" · type recall "
            f"{figures['type_recall']:.4f} · type+source+target {figures['triple_recall']:.4f}"
            f" · extra/sentence {figures['extra_per_sentence']:.3f}"
        ),
        caption=(
            f"events/sentence {figures['events_per_sentence']:.3f} (complete "
            f"{figures['complete_per_sentence']:.3f}, share {figures['complete_share']:.4f}) · "
            f"complete only: type recall {figures['complete_type_recall']:.4f}, "
            f"type+source+target {figures['complete_triple_recall']:.4f}\n"
            f"type precision {figures['type_precision']:.4f} · no event "
            f"{figures['no_event_share']:.4f} · {evaluation.seconds:.1f} s"
            + ("" if floors_checked else " · floors not checked")
        ),
    )
    columns = ("gold type", "sentences", "type recall", "triple recall", "complete triple")
    for column in (*columns, "predicted"):
        table.add_column(column, justify="left" if column == "gold type" else "right")
    for kind, counts in sorted(evaluation.by_type.items()):
        n = counts.sentences or 1
        table.add_row(
            kind,
            str(counts.sentences),
            f"{counts.type_hits / n:.4f}",
            f"{counts.triple_hits / n:.4f}",
            f"{counts.complete_triple_hits / n:.4f}",
            str(evaluation.predicted_types.get(kind, 0)),
        )
    return table


def plover_command(
    data: Annotated[
        Path, typer.Option("--data", help=f"The PLV folder (holding {DATA_FILE}) or the TSV.")
    ] = DEFAULT_PLOVER_DATA,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score the first N sentences only (floors unchecked)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    floors_file: Annotated[
        Path, typer.Option("--floors", help="JSON file of pinned floors (key `plover`).")
    ] = DEFAULT_FLOORS,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Report the figures without checking floors.")
    ] = False,
    split: SplitOption = Split.all,
    side_ranker: Annotated[
        bool,
        typer.Option(
            "--side-ranker",
            help="Also fill missing sides with the learned ranker (floors unchecked).",
        ),
    ] = False,
) -> None:
    """Type recall, type+source+target recall and extra events per sentence of the event
    extractor on PLOVER-coded sentences; exit 1 below a floor (floors hold for the whole set:
    checked with `--split all` only)."""
    if not (data / DATA_FILE).is_file() and not data.is_file():
        fail(f"{data}: no {DATA_FILE} here (give the PLV folder with --data)")
    check = limit is None and not no_check and split is Split.all and not side_ranker
    try:
        pinned = load_floors(floors_file) if check and floors_file.is_file() else {}
        floors = pinned.get("plover", {})
        evaluation = evaluate_plover(
            data, limit=limit, floors=floors, split=split, side_ranker=side_ranker
        )
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


def register(eval_app: typer.Typer) -> None:
    """Add `plover` to `tidings eval`."""
    eval_app.command("plover")(plover_command)
