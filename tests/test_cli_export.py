"""`tidings export` end to end on a store of the project's examples: Parquet and CSV files with
the tables' rows, JSON lines equal to what `tidings extract` prints, and plain failures."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from tests.conftest import copy_of
from tidings.cli import app
from tidings.store import EXPORT_TABLES, Store
from tidings.store.export import INTERNAL_TABLES
from tidings.store.public_paths import input_root, strip_root


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def db(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(example_store, tmp_path_factory.mktemp("export"), "examples.duckdb")


@contextlib.contextmanager
def plain(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A plain DuckDB connection to the store, to compare the files with (opened after the
    command: DuckDB refuses a second configuration of one file in one process)."""
    with duckdb.connect(str(db), read_only=True) as opened:
        yield opened


def _table(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    """The table's rows as an export writes them: paths relative to the input root."""
    rows = connection.execute(f"SELECT * FROM {table} ORDER BY {EXPORT_TABLES[table]}").fetchall()
    return [tuple(_relative(v, input_root(connection)) for v in row) for row in rows]


def _relative(value: Any, root: str | None) -> Any:
    """A value with the input root cut from a bare path or from a path inside a JSON record."""
    if not isinstance(value, str) or root is None:
        return value
    if value.startswith(root):
        return value[len(root) :]
    return value.replace('"' + root, '"')


def test_every_table_but_the_stores_own_is_exported(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        assert set(EXPORT_TABLES) == set(store.tables()) - INTERNAL_TABLES


def test_parquet_files_hold_the_tables_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = _invoke("export", "--db", str(db), "--to", "parquet", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"exported {len(EXPORT_TABLES)} tables, ")
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{table}.parquet" for table in EXPORT_TABLES
    )
    with plain(db) as connection:
        for table in EXPORT_TABLES:
            path = str(out / f"{table}.parquet")
            read = connection.execute("SELECT * FROM read_parquet($path)", {"path": path})
            assert read.fetchall() == _table(connection, table), table
        assert _table(connection, "events")  # the examples do give events


def test_csv_files_have_a_header_and_the_tables_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = _invoke("export", "--db", str(db), "--to", "csv", str(out))
    assert result.exit_code == 0, result.stderr
    with plain(db) as connection:
        _same_rows_as_csv(connection, out)


def _same_rows_as_csv(connection: duckdb.DuckDBPyConnection, out: Path) -> None:
    """Each CSV file read as text equals its table as text, list columns as JSON arrays."""
    for table in EXPORT_TABLES:
        path = str(out / f"{table}.csv")
        read = connection.execute(
            "SELECT * FROM read_csv($path, all_varchar = true)", {"path": path}
        )
        header = [column[0] for column in read.description or []]
        rows = read.fetchall()
        described = connection.execute(f"DESCRIBE {table}").fetchall()
        assert header == [row[0] for row in described], table
        lists = [row[0] for row in described if row[1].endswith("[]")]
        as_json = ", ".join(f"to_json({name}) AS {name}" for name in lists)
        select = f"* REPLACE ({as_json})" if lists else "*"
        order = EXPORT_TABLES[table]
        as_text = connection.execute(
            f"SELECT COLUMNS(* EXCLUDE (n_))::VARCHAR FROM "
            f"(SELECT {select}, row_number() OVER (ORDER BY {order}) AS n_ FROM {table}) "
            "ORDER BY n_"
        ).fetchall()
        root = input_root(connection)
        assert rows == [tuple(_relative(v, root) for v in row) for row in as_text], table
        # the examples hold no duplicate stories and no threat that was followed up, and
        # were never fetched
        assert rows or table in {
            "documents",
            "cluster_links",
            "duplicate_groups",
            "cluster_id_history",
            "fetch_state",
            "fetch_rounds",
        }, table
    aliases = connection.execute(
        "SELECT aliases FROM read_csv($path, all_varchar = true)",
        {"path": str(out / "entities.csv")},
    ).fetchall()
    assert any(json.loads(row[0]) for row in aliases)


def test_jsonl_is_what_extract_prints(db: Path, tmp_path: Path, examples_printed_all: str) -> None:
    out = tmp_path / "records.jsonl"
    result = _invoke("export", "--db", str(db), "--to", "jsonl", str(out))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    with plain(db) as connection:
        root = input_root(connection)
    assert root is not None and all(root not in line for line in lines)
    with Store.open(db, read_only=True) as store:
        stored = [strip_root(record, root) for record in store.article_records()]
    assert [json.loads(line) for line in lines] == stored
    assert result.stderr == f"exported {len(lines)} records to {out}\n"
    # the store keeps every reading, partial ones too: what `extract --all` prints
    printed = [strip_root(json.loads(line), root) for line in examples_printed_all.splitlines()]
    assert [json.loads(line) for line in lines] == printed


def test_jsonl_to_standard_output(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    assert _invoke("export", "--db", str(db), "--to", "jsonl", str(out)).exit_code == 0
    result = _invoke("export", "--db", str(db), "--to", "jsonl", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == out.read_text(encoding="utf-8")


def test_an_unknown_format_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "xml", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "--to" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = _invoke("export", "--db", str(missing), "--to", "csv", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"tidings: {missing} does not exist\n"
    assert not missing.exists()


def test_a_file_where_the_folder_should_be_is_one_line_and_exit_2(db: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("notes", encoding="utf-8")
    result = _invoke("export", "--db", str(db), "--to", "parquet", str(taken))
    assert result.exit_code == 2
    assert result.stderr == (
        f"tidings: {taken} is a file; --to parquet and csv write a folder of files\n"
    )
    assert taken.read_text(encoding="utf-8") == "notes"


def test_tables_cannot_go_to_standard_output(db: Path) -> None:
    result = _invoke("export", "--db", str(db), "--to", "csv", "-")
    assert result.exit_code == 2
    assert result.stderr == "tidings: --to csv writes a folder of files, not standard output\n"
