"""`tidings spark` in local mode equals `tidings run` on the examples, table by table.

The Spark job (local, two partitions, small shuffles, no UI) and a local `tidings run` read the
same folder: the project's examples plus a lightly edited copy of one of them, so that the
duplicate groups and the cross-article clusters have something to find. Every table of the
store is compared with its Parquet folder as a set of rows (the write timestamps left out,
JSON compared as parsed values, floats rounded), and the Parquet column names and types with
the store's. Skipped when pyspark or Java is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES
from tidings.cli import app
from tidings.spark.schemas import TABLES

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark missing"),
    pytest.mark.skipif(
        shutil.which("java") is None and not os.environ.get("JAVA_HOME"), reason="no Java"
    ),
]

# Columns that hold the time of writing, which two runs never share.
WRITE_TIMES = {"first_seen", "stored_at"}
# One core, two partitions (spark.default.parallelism): the inputs still split in two and every
# shuffle has two sides, so the job's order, first-copy and numbering logic meets partition
# borders as on a cluster; the two tasks run one after the other in one Python worker, which
# loads the spaCy model once instead of twice. The JVM compiles with its quick compiler only
# and collects with one thread: a job of seconds spends more on compiling than it gains.
SPARK_MASTER = "local[1]"
SPARK_CONF = [
    ("spark.ui.enabled", "false"),
    ("spark.ui.showConsoleProgress", "false"),
    ("spark.sql.shuffle.partitions", "2"),
    ("spark.default.parallelism", "2"),
    ("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
]


def _edited_copy(source: Path, target: Path) -> None:
    """The story with one sentence changed: a near duplicate, not an exact one."""
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest] + " Officials gave no further details on Friday."
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    from tidings.settings import load_settings
    from tidings.spark import run_spark_job, spark_session

    root = tmp_path_factory.mktemp("spark")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    _edited_copy(EXAMPLES / "tidewater-syria-strikes.txt", corpus / "tidewater-copy.txt")
    out = root / "parquet"
    spark = spark_session(SPARK_MASTER, SPARK_CONF)
    assert spark.sparkContext.defaultParallelism == 2  # so the job makes two partitions
    try:
        summary = run_spark_job([str(corpus)], out, settings=load_settings(), spark=spark)
    finally:
        spark.stop()
    assert summary.rejected == ()
    # The local run in this process: a process of its own would load the model once more, and
    # the other modules a test worker runs load it in the worker anyway.
    db = root / "local.duckdb"
    local = CliRunner().invoke(app, ["run", str(corpus), "--db", str(db), "--quiet"])
    assert local.exit_code == 0, local.stderr
    yield db, out


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list | tuple):
        return tuple(_normal(v) for v in value)
    return value


def _rows(connection: duckdb.DuckDBPyConnection, query: str, table: str) -> list[tuple[Any, ...]]:
    described = connection.execute(f"DESCRIBE {query}").fetchall()
    names = [row[0] for row in described]
    json_columns = {name for name, kind, _n in TABLES[table] if kind == "JSON"}
    rows = []
    for row in connection.execute(query).fetchall():
        kept = []
        for name, value in zip(names, row, strict=True):
            if name in WRITE_TIMES:
                continue
            if name in json_columns:
                value = json.dumps(json.loads(value), sort_keys=True)
            kept.append(_normal(value))
        rows.append(tuple(kept))
    return sorted(rows, key=repr)


@pytest.mark.parametrize("table", list(TABLES))
def test_table_equals_local_run(outputs: tuple[Path, Path], table: str) -> None:
    db, out = outputs
    connection = duckdb.connect()
    connection.execute(f"ATTACH '{db}' AS local (READ_ONLY)")
    parquet = f"SELECT * FROM read_parquet('{out / table}/*.parquet')"
    local = _rows(connection, f'SELECT * FROM local."{table}"', table)
    spark = _rows(connection, parquet, table)
    assert spark == local


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_columns_are_the_stores(outputs: tuple[Path, Path], table: str) -> None:
    db, out = outputs
    connection = duckdb.connect()
    connection.execute(f"ATTACH '{db}' AS local (READ_ONLY)")
    store = connection.execute(f'DESCRIBE local."{table}"').fetchall()
    written = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{out / table}/*.parquet')")
    as_parquet = {"JSON": "VARCHAR"}  # JSON is text in Parquet, as `tidings export` writes it
    expected = [(name, as_parquet.get(kind, kind)) for name, kind, *_ in store]
    assert [(name, kind) for name, kind, *_ in written.fetchall()] == expected


def test_the_corpus_has_something_to_link(outputs: tuple[Path, Path]) -> None:
    """The comparison means something: the edited copy is found as a near duplicate and
    some clusters have reports from two articles."""
    db, _out = outputs
    connection = duckdb.connect(str(db), read_only=True)
    groups = connection.execute("SELECT count(*) FROM duplicate_groups").fetchone()
    shared = connection.execute("SELECT count(*) FROM event_clusters WHERE articles > 1").fetchone()
    assert groups is not None and groups[0] >= 2
    assert shared is not None and shared[0] >= 1


def test_cli_refuses_a_full_output_folder(tmp_path: Path) -> None:
    """Checked before Spark starts: nothing is overwritten without --overwrite."""
    out = tmp_path / "out"
    (out / "events").mkdir(parents=True)
    result = CliRunner().invoke(app, ["spark", str(EXAMPLES), str(out)])
    assert result.exit_code == 2
    assert "--overwrite" in result.output


def test_cli_refuses_a_malformed_conf(tmp_path: Path) -> None:
    args = ["spark", str(EXAMPLES), str(tmp_path / "o"), "--conf", "spark.ui.enabled"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "KEY=VALUE" in result.output
