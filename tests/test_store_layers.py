"""Every layer of an article's record in a table of its own (`m004_layers`), built end to end by
`tidings run` on the project's examples, and filled for a store made before the tables."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, copy_of
from tests.test_store import batch_of, make_article
from tidings.cli import app
from tidings.errors import StoreError
from tidings.store import MIGRATIONS, Store
from tidings.store.layers import LAYER_BUILDERS

LAYERS = tuple(LAYER_BUILDERS)


@pytest.fixture(scope="module")
def built(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the examples, made by `tidings run`."""
    return copy_of(example_store, tmp_path_factory.mktemp("layers"), "examples.duckdb")


@pytest.fixture
def store(built: Path) -> Iterator[Store]:
    with Store.open(built, read_only=True) as opened:
        yield opened


def _records(store: Store) -> list[dict[str, Any]]:
    return list(store.article_records())


def _rows(db: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(query).fetchall()


def test_the_store_has_every_layer_table(store: Store) -> None:
    assert set(LAYERS) <= set(store.tables())
    assert "m004_layers" in store.applied_migrations()


def test_row_counts_are_the_lengths_of_the_records_lists(store: Store) -> None:
    records = _records(store)
    assert records and any(record["events"] for record in records)
    expected = {
        "entities": sum(len({e["id"] for e in r["entities"]}) for r in records),
        "mentions": sum(len(e["mention_details"]) for r in records for e in r["entities"]),
        "events": sum(len(r["events"]) for r in records),
        "times": sum(len(r["times"]) for r in records),
        "places": sum(len(r["places"]) for r in records),
    }
    assert all(expected.values()), expected
    assert {table: store.count(table) for table in LAYERS} == expected


def test_every_span_is_the_text_it_names(built: Path) -> None:
    for table in ("mentions", "times", "places"):
        mismatched = _rows(
            built,
            f"SELECT t.text FROM {table} t JOIN articles a ON a.id = t.article_id "
            "WHERE substr(a.text, t.span_start + 1, t.span_end - t.span_start) <> t.text",
        )
        assert mismatched == [], table
    assert _rows(built, "SELECT count(*) FROM mentions")[0][0] > 0
    triggers = _rows(
        built,
        "SELECT e.trigger, substr(a.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) "
        "FROM events e JOIN articles a ON a.id = e.article_id",
    )
    assert triggers and all(trigger == words for trigger, words in triggers)


def test_event_rows_keep_what_the_record_says(built: Path) -> None:
    with Store.open(built, read_only=True) as store:
        records = {record["id"]: record for record in _records(store)}
    rows = _rows(
        built,
        "SELECT article_id, seq, event_id, type, source_id, source_name, target_id, "
        "date_value, date_basis, location_name, status, evidence_start, confidence "
        "FROM events ORDER BY article_id, seq",
    )
    for article_id, seq, event_id, kind, source_id, source_name, target_id, date, basis, \
            location, status, evidence_start, confidence in rows:  # fmt: skip
        event = records[article_id]["events"][seq]
        assert (event_id, kind, status) == (event["id"], event["type"], event["status"])
        assert (source_id, source_name) == (event["source"]["id"], event["source"]["name"])
        assert target_id == (event["target"] or {}).get("id")
        assert (date, basis) == (event["date"]["value"], event["date"]["basis"])
        assert location == (event["location"] or {}).get("name")
        assert evidence_start == event["evidence"]["span"][0]
        assert confidence == pytest.approx(event["confidence"])


def test_entities_keep_their_lists_and_mentions_point_at_them(built: Path) -> None:
    orphans = _rows(
        built,
        "SELECT m.entity_id FROM mentions m ANTI JOIN entities e "
        "ON e.article_id = m.article_id AND e.entity_id = m.entity_id",
    )
    assert orphans == []
    aliases = _rows(built, "SELECT aliases FROM entities WHERE len(aliases) > 0")
    assert aliases and all(isinstance(row[0], list) for row in aliases)


def _make_old(db: Path) -> None:
    """Turn `db` into the store an older Tidings made: no layer tables, no `complete` on the
    clusters, m004 and m007 not recorded."""
    with duckdb.connect(str(db)) as connection:
        for table in LAYERS:
            connection.execute(f"DROP TABLE {table}")
        # DuckDB alters no indexed table: the index goes for the while
        connection.execute("DROP INDEX event_clusters_date")
        connection.execute("ALTER TABLE event_clusters DROP COLUMN complete")
        connection.execute("CREATE INDEX event_clusters_date ON event_clusters (date_value)")
        connection.execute("DELETE FROM _migrations WHERE name IN ('m004_layers', 'm007_complete')")


def test_a_store_made_before_the_layers_gains_their_rows_when_reopened(
    built: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(built, old)
    _make_old(old)
    with pytest.raises(StoreError, match="older version"):
        Store.open(old, read_only=True)
    with Store.open(old) as store:
        assert sorted(store.applied_migrations()) == sorted(MIGRATIONS.names())
    for table in LAYERS:
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert _rows(old, query) == _rows(built, query), table


def test_rerunning_adds_no_layer_rows(built: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copy(built, db)
    with Store.open(db, read_only=True) as store:
        before = {table: store.count(table) for table in LAYERS}
    result = CliRunner().invoke(app, ["run", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.stderr
    with Store.open(db, read_only=True) as store:
        assert {table: store.count(table) for table in LAYERS} == before


def test_a_record_without_layers_has_no_layer_rows(tmp_path: Path) -> None:
    article = make_article("Ministers met in Geneva on Monday.")
    with Store.open(tmp_path / "bare.duckdb") as store:
        assert store.add(batch_of(article)).articles_added == 1
        assert all(store.count(table) == 0 for table in LAYERS)
        (record,) = store.article_records()
    assert record["entities"]  # made by hand, without an id: kept in the record, but no row
