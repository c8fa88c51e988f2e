"""`tidings eval ...`: measure a stage against gold data. A thin layer over
`tidings.evaluate`; each command prints a table (or JSON) and exits 1 when a figure falls below
its floor in the pinned floors file (floors are raised when the code improves, never lowered
silently)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli.common import EXIT_OK, EXIT_REJECTED, fail
from tidings.cli.eval_events import register as register_events
from tidings.cli.eval_expected import register as register_expected
from tidings.cli.eval_options import SplitOption
from tidings.cli.eval_places import register as register_places
from tidings.cli.eval_times import register as register_times
from tidings.errors import TidingsError
from tidings.evaluate.clean import PATH_GROUPS, CleanEvaluation, evaluate_clean, load_floors
from tidings.evaluate.ner import (
    CONLL_TYPES,
    NerEvaluation,
    evaluate_ner,
    load_bare_model,
    ner_failures,
    read_conll,
)
from tidings.evaluate.quotes import QuotesEvaluation, evaluate_quotes
from tidings.evaluate.splits import Split
from tidings.parse.model import load_model
from tidings.settings import load_settings

eval_app = typer.Typer(
    name="eval",
    help="Measure each stage against gold data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_CLEAN_DATA = Path("../shared/eval/article-extraction")
DEFAULT_FLOORS = Path("tests/eval_baseline.json")


class CleanPath(StrEnum):
    text = "text"
    html = "html"
    both = "both"


def _table(evaluation: CleanEvaluation, floors_checked: bool) -> Table:
    how = "clean_document" if evaluation.via_pipeline else "judge_lines (no pipeline yet)"
    table = Table(
        title=f"clean on {evaluation.pages} pages via {how} — word 4-gram shingles",
        caption=f"{evaluation.seconds:.1f} s" + ("" if floors_checked else " · floors not checked"),
    )
    for column in ("path", "precision", "recall", "F1", "F1 floor", "seconds"):
        table.add_column(column, justify="left" if column == "path" else "right")
    for result in evaluation.results:
        floor = evaluation.floors.get(result.path, {}).get("f1")
        table.add_row(
            result.path,
            f"{result.scores.precision:.4f}",
            f"{result.scores.recall:.4f}",
            f"{result.scores.f1:.4f}",
            "" if floor is None else f"{floor:.4f}",
            f"{result.seconds:.1f}",
        )
    return table


@eval_app.command("clean")
def clean_command(
    data: Annotated[
        Path,
        typer.Option("--data", help="Benchmark folder: html/<id>.html.gz, ground-truth.json."),
    ] = DEFAULT_CLEAN_DATA,
    path: Annotated[
        CleanPath,
        typer.Option("--path", help="text: plain-text pipeline and baselines; html: HTML path."),
    ] = CleanPath.both,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score the first N pages only (floors unchecked)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    floors_file: Annotated[
        Path, typer.Option("--floors", help="JSON file of pinned floors {path: {metric: floor}}.")
    ] = DEFAULT_FLOORS,
) -> None:
    """Precision, recall and F1 of article bodies recovered by clean (exit 1 below a floor)."""
    if not (data / "ground-truth.json").is_file():
        fail(f"{data}: no ground-truth.json here (give the benchmark folder with --data)")
    check = limit is None
    try:
        floors = load_floors(floors_file) if check and floors_file.is_file() else {}
        evaluation = evaluate_clean(data, paths=PATH_GROUPS[path.value], limit=limit, floors=floors)
    except TidingsError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(evaluation.to_json(), indent=2))
    else:
        Console().print(_table(evaluation, check and bool(floors)))
    failures = evaluation.below_floor()
    for failure in failures:
        typer.echo(f"tidings: below floor: {failure}", err=True)
    raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)


DEFAULT_NER_DATA = Path("../shared/eval/conll2003-dev/eng.testa")


def _ner_table(results: list[NerEvaluation]) -> Table:
    table = Table(
        title=f"NER on CoNLL-2003 ({results[0].documents} documents) — exact entity match"
    )
    table.add_column("pipeline")
    for kind in (*CONLL_TYPES, "overall"):
        table.add_column(f"{kind} F1", justify="right")
    table.add_column("overall P / R", justify="right")
    for result in results:
        total = result.overall()
        table.add_row(
            result.name,
            *(f"{s.f1:.4f}" for s in result.by_type),
            f"{total.precision:.4f} / {total.recall:.4f}",
        )
    return table


@eval_app.command("ner")
def ner_command(
    data: Annotated[
        Path, typer.Option("--data", help="A CoNLL-2003 file (e.g. eng.testa).")
    ] = DEFAULT_NER_DATA,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score the first N documents only (floors unchecked)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    floors_file: Annotated[
        Path, typer.Option("--floors", help="JSON file of pinned floors (key `ner`).")
    ] = DEFAULT_FLOORS,
) -> None:
    """Entity F1 per type of the bare spaCy model and of Tidings' pipeline (model + actor
    ruler); exit 1 if Tidings is worse than the bare model or below its floor."""
    try:
        documents = read_conll(data, limit)
        settings = load_settings()
        bare = load_bare_model(settings.parse.model)
        ours = load_model(settings.parse.model, settings.parse.max_chars)
        results = [
            evaluate_ner(bare, documents, name=f"{settings.parse.model} alone"),
            evaluate_ner(ours, documents, name="tidings (model + actor ruler)"),
        ]
        floors = load_floors(floors_file) if limit is None and floors_file.is_file() else {}
    except TidingsError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in results], indent=2))
    else:
        Console(width=120).print(_ner_table(results))
    failures = ner_failures(results[0], results[1], floors.get("ner", {}))
    for failure in failures:
        typer.echo(f"tidings: {failure}", err=True)
    raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)


DEFAULT_QUOTES_DATA = Path("../shared/eval/polnear-dev")


def _quotes_table(evaluation: QuotesEvaluation, floors_checked: bool) -> Table:
    table = Table(
        title=(
            f"quotes on PolNeAR ({evaluation.split} split): {evaluation.articles} articles, "
            f"{evaluation.gold_contents} gold contents"
        ),
        caption=(
            "content match: overlap ≥ half the shorter span · "
            f"{evaluation.seconds:.1f} s" + ("" if floors_checked else " · floors not checked")
        ),
    )
    for column in ("system", "content P / R", "F1", "exact F1", "speaker", "speaker (span)"):
        table.add_column(column, justify="left" if column == "system" else "right")
    table.add_column("cue", justify="right")
    systems = [evaluation.baseline]
    if evaluation.extractor is not None:
        systems.append(evaluation.extractor)
    for system in systems:
        table.add_row(
            system.name,
            f"{system.overlap.precision:.4f} / {system.overlap.recall:.4f}",
            f"{system.overlap.f1:.4f}",
            f"{system.exact.f1:.4f}",
            f"{system.speaker.rate:.4f}",
            f"{system.speaker_strict.rate:.4f}",
            f"{system.cue.rate:.4f}",
        )
    floors = evaluation.floors
    if floors_checked and floors:
        table.add_row(
            "floor",
            "",
            f"{floors['content_f1']:.4f}" if "content_f1" in floors else "",
            "",
            f"{floors['speaker_agreement']:.4f}" if "speaker_agreement" in floors else "",
            "",
            "",
        )
    return table


@eval_app.command("quotes")
def quotes_command(
    data: Annotated[
        Path, typer.Option("--data", help="PolNeAR folder: text/*.txt, attributions/*.ann.")
    ] = DEFAULT_QUOTES_DATA,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score the first N articles only (floors unchecked)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    floors_file: Annotated[
        Path, typer.Option("--floors", help="JSON file of pinned floors (key `quotes`).")
    ] = DEFAULT_FLOORS,
    split: SplitOption = Split.all,
) -> None:
    """Content precision/recall/F1 and speaker agreement of the quote extractor and of a
    simple baseline; exit 1 below a floor (floors hold for the whole set: checked with
    `--split all` only), 2 while the extractor is missing."""
    if not (data / "text").is_dir() or not (data / "attributions").is_dir():
        fail(f"{data}: no text/ and attributions/ here (give the PolNeAR folder with --data)")
    check = limit is None and split is Split.all
    try:
        pinned = load_floors(floors_file) if check and floors_file.is_file() else {}
        floors = pinned.get("quotes", {})
        evaluation = evaluate_quotes(data, limit=limit, floors=floors, split=split)
    except TidingsError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(evaluation.to_json(), indent=2))
    else:
        Console(width=120).print(_quotes_table(evaluation, check and bool(floors)))
    if evaluation.extractor is None:
        fail("the quote extractor (tidings.quotes.extract_quotes) is missing; baseline only")
    failures = evaluation.below_floor()
    for failure in failures:
        typer.echo(f"tidings: below floor: {failure}", err=True)
    raise typer.Exit(EXIT_REJECTED if failures else EXIT_OK)


# Commands of the later stages live in their own modules and register themselves here.
register_times(eval_app)
register_places(eval_app)
register_events(eval_app)
register_expected(eval_app)
