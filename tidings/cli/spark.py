"""`tidings spark INPUT OUTPUT`: extract and link on Spark, every table as Parquet under
OUTPUT/<table>/ (docs/spark.md). Runs on local[*] by default, or on whatever master
spark-submit gives it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli.common import (
    ACTORS_OPTION,
    EXIT_OK,
    EXIT_REJECTED,
    MAX_BYTES_OPTION,
    SETTINGS_OPTION,
    fail,
    settings_from_options,
)
from tidings.errors import TidingsError


def _conf_pairs(values: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            fail(f"--conf expects KEY=VALUE, got {value!r}")
        pairs.append((key.strip(), setting.strip()))
    return pairs


def spark_command(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="A file or folder of inputs, as for run.")
    ],
    output: Annotated[
        str,
        typer.Argument(
            metavar="OUTPUT",
            help="Folder (or a URI Spark writes to: hdfs://, s3a://) for the tables.",
        ),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="Spark master URL (default: spark-submit's, else local[*]).",
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="Partitions of the inputs (default: automatic)."),
    ] = None,
    block_days: Annotated[
        int,
        typer.Option(
            "--block-days",
            min=0,
            help="Publication-date bucket of the event blocks, in days (0: none).",
        ),
    ] = 365,
    conf: Annotated[
        list[str] | None,
        typer.Option("--conf", help="A Spark setting KEY=VALUE; repeatable."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace tables already in OUTPUT.")
    ] = False,
    settings_file: Path | None = SETTINGS_OPTION,
    max_bytes: int | None = MAX_BYTES_OPTION,
    actor_files: list[Path] | None = ACTORS_OPTION,
) -> None:
    """Extract every article of INPUT and link them on Spark; write every table to OUTPUT."""
    settings = settings_from_options(settings_file, max_bytes).with_actor_files(actor_files or [])
    pairs = _conf_pairs(conf or [])
    try:
        from tidings.spark import run_spark_job, spark_session
    except ImportError as exc:  # pragma: no cover - depends on the install
        fail(f"pyspark is not installed ({exc}); pip install 'tidings[spark]'")
    local = Path(output)
    if "://" not in output and local.is_dir() and any(local.iterdir()) and not overwrite:
        fail(f"{output} is not empty; give --overwrite to replace its tables")
    try:
        spark = spark_session(master, pairs)
    except Exception as exc:  # Spark says "Java gateway process exited" and the like
        fail(f"cannot start Spark: {exc}")
    try:
        summary = run_spark_job(
            [input_path],
            output,
            settings=settings,
            spark=spark,
            partitions=partitions,
            block_days=block_days,
            overwrite=overwrite,
        )
    except TidingsError as exc:
        fail(str(exc))
    finally:
        spark.stop()
    for path, reason in summary.rejected:
        typer.echo(f"{path}: {reason}", err=True)
    typer.echo(summary.sentence(), err=True)
    raise typer.Exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


def main() -> None:
    """Entry point for `python -m tidings.spark` and spark-submit."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(spark_command)
    app()
