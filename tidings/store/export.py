"""A store written out for other tools: every table as Parquet or CSV files in a folder, the
articles' contract records as JSON lines (what `tidings extract` prints), or the event
clusters in the GDELT 2.0 event-table layout or as PLOVER JSON lines (`export_formats`).

A new table or record format is one `ExportFormat` member and one function in `_EXPORTERS`;
the event formats take `include_partial` (`export_store`). Table names and
the order of their rows come from the fixed `EXPORT_TABLES`; the output path is handed to
DuckDB as a value, never written into SQL.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import duckdb

from tidings.errors import StoreError
from tidings.store.export_formats import gdelt_lines, plover_lines
from tidings.store.public_paths import input_root, strip_root

Connection = duckdb.DuckDBPyConnection


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"
    plover = "plover"


# The formats that write one file (or standard output) rather than a folder of table files.
FILE_FORMATS = frozenset({ExportFormat.jsonl, ExportFormat.gdelt, ExportFormat.plover})


# Every table an export writes (all but `_migrations`), with the order of its rows: articles
# in the order they were stored, an article's layer rows in text order.
EXPORT_TABLES: dict[str, str] = {
    "documents": "first_seen, id",
    "articles": "seq",
    "quotes": "article_id, seq",
    "entities": "article_id, seq",
    "mentions": "article_id, seq",
    "events": "article_id, seq",
    "times": "article_id, seq",
    "places": "article_id, seq",
    "event_clusters": "coalesce(date_value, '9999'), id",
    "cluster_members": "cluster_id, event_id",
    "cluster_links": "source_cluster, target_cluster, kind",
    "duplicate_groups": "group_id, article_id",
    "link_state": "linked_through",
    "cluster_id_history": "old_id",
    "fetch_state": "url",
    "fetch_rounds": "started_at, warc",
}
# Tables a store keeps for itself and never exports: the migrations applied, and the link
# step's own inputs (text keys, LSH bands, blocked mentions, cluster blocks), derived from the
# articles and rebuilt by `tidings link`.
INTERNAL_TABLES = frozenset(
    {"_migrations", "article_text_keys", "article_bands", "link_mentions", "cluster_blocks"}
)

# Records read at a time for JSON lines, so a large store is never read whole.
_FETCH_ROWS = 1000
_RECORDS = "SELECT record FROM articles ORDER BY seq"
_LIST_COLUMNS = (
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_schema = 'main' AND table_name = $table AND data_type LIKE '%[]' "
    "ORDER BY ordinal_position"
)
# Columns that hold a document's path, bare or inside a JSON record: written relative to the
# input root (tidings/store/public_paths.py), never as the absolute path on this machine.
_PATH_COLUMNS = {"documents": ("path",), "articles": ("record",), "event_clusters": ("record",)}
_RELATIVE = "CASE WHEN starts_with({c}, $root) THEN substr({c}, length($root) + 1) ELSE {c} END"
_RELATIVE_IN_JSON = "replace({c}::VARCHAR, '\"' || $root, '\"')"


@dataclass(frozen=True, slots=True)
class Exported:
    """One file an export wrote (`-` for standard output) and how many rows it holds."""

    path: Path
    rows: int


def export_store(
    connection: Connection, out: Path, *, to: ExportFormat, include_partial: bool = False
) -> list[Exported]:
    """Write the store behind `connection` to `out` in format `to`. The event formats (gdelt,
    plover) carry complete clusters only, unless `include_partial`; the tables and the records
    are written whole (partial readings flagged `complete` false)."""
    if to is ExportFormat.gdelt:
        return _write_file(gdelt_lines(connection, include_partial=include_partial), out, to=to)
    if to is ExportFormat.plover:
        return _write_file(plover_lines(connection, include_partial=include_partial), out, to=to)
    return _EXPORTERS[to](connection, out)


def _table_folder(out: Path) -> Path:
    """`out` as a folder for table files, created when missing (its parent must exist)."""
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out} is a file; --to parquet and csv write a folder of files")
    if not out.exists():
        if not out.parent.is_dir():
            raise StoreError(f"cannot create {out}: folder {out.parent} does not exist")
        try:
            out.mkdir()
        except OSError as exc:
            raise StoreError(f"cannot create {out}: {exc.strerror or 'unknown error'}") from exc
    return out


def _select(connection: Connection, table: str, *, lists_as_json: bool) -> duckdb.DuckDBPyRelation:
    """The rows of `table` (a key of `EXPORT_TABLES`) in their order. With `lists_as_json`,
    list columns become JSON arrays, which a CSV reader can split unambiguously."""
    replaced: list[str] = []
    if lists_as_json:
        lists = [row[0] for row in connection.execute(_LIST_COLUMNS, {"table": table}).fetchall()]
        replaced += [f'to_json("{c}") AS "{c}"' for c in lists]
    root = input_root(connection)
    params: dict[str, str] | None = None
    if root is not None and table in _PATH_COLUMNS:
        params = {"root": root}
        for column in _PATH_COLUMNS[table]:
            pattern = _RELATIVE if column == "path" else _RELATIVE_IN_JSON
            replaced.append(pattern.format(c=f'"{column}"') + f' AS "{column}"')
    select = "* REPLACE (" + ", ".join(replaced) + ")" if replaced else "*"
    query = f'SELECT {select} FROM "{table}" ORDER BY {EXPORT_TABLES[table]}'
    return connection.sql(query, params=params)


def _count(connection: Connection, table: str) -> int:
    # fetchall, not fetchone: DuckDB refuses other work while a result is only partly read.
    rows = connection.execute(f'SELECT count(*) FROM "{table}"').fetchall()
    return int(rows[0][0])


def _write_tables(
    connection: Connection,
    out: Path,
    *,
    suffix: str,
    write: Callable[[duckdb.DuckDBPyRelation, str], None],
    lists_as_json: bool,
) -> list[Exported]:
    """One file per table of `EXPORT_TABLES` in folder `out`, named after the table."""
    folder = _table_folder(out)
    written = []
    for table in EXPORT_TABLES:
        path = folder / f"{table}.{suffix}"
        write(_select(connection, table, lists_as_json=lists_as_json), str(path))
        written.append(Exported(path=path, rows=_count(connection, table)))
    return written


def _write_parquet(connection: Connection, out: Path) -> list[Exported]:
    def write(relation: duckdb.DuckDBPyRelation, path: str) -> None:
        relation.write_parquet(path)

    return _write_tables(connection, out, suffix="parquet", write=write, lists_as_json=False)


def _write_csv(connection: Connection, out: Path) -> list[Exported]:
    def write(relation: duckdb.DuckDBPyRelation, path: str) -> None:
        relation.write_csv(path, header=True)

    return _write_tables(connection, out, suffix="csv", write=write, lists_as_json=True)


def _records(connection: Connection) -> Iterator[str]:
    """Each stored record as one JSON line, as `tidings extract --format jsonl` prints it."""
    root = input_root(connection)
    cursor = connection.cursor()
    try:
        cursor.execute(_RECORDS)
        while rows := cursor.fetchmany(_FETCH_ROWS):
            for (record,) in rows:
                yield json.dumps(strip_root(json.loads(record), root), ensure_ascii=False) + "\n"
    finally:
        cursor.close()


def _write_lines(lines: Iterator[str], out: TextIO) -> int:
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count


def _write_file(lines: Iterator[str], out: Path, *, to: ExportFormat) -> list[Exported]:
    """`lines` into file `out`, or to standard output when `out` is `-`."""
    if str(out) == "-":
        return [Exported(path=out, rows=_write_lines(lines, sys.stdout))]
    if out.is_dir():
        raise StoreError(f"{out} is a folder; --to {to.value} writes one file")
    if not out.parent.is_dir():
        raise StoreError(f"cannot create {out}: folder {out.parent} does not exist")
    try:
        with out.open("w", encoding="utf-8", newline="") as file:
            rows = _write_lines(lines, file)
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or 'unknown error'}") from exc
    return [Exported(path=out, rows=rows)]


def _write_jsonl(connection: Connection, out: Path) -> list[Exported]:
    return _write_file(_records(connection), out, to=ExportFormat.jsonl)


_EXPORTERS: dict[ExportFormat, Callable[[Connection, Path], list[Exported]]] = {
    ExportFormat.parquet: _write_parquet,
    ExportFormat.csv: _write_csv,
    ExportFormat.jsonl: _write_jsonl,
}
