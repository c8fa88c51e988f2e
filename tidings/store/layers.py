"""The layers of an article's contract record, each in a table of its own: `entities`,
`mentions`, `events`, `times` and `places` (docs/schema.md).

Rows are made from the record dict (the line `tidings extract` prints), never from the
pipeline's objects, so the same builders fill the tables for a new batch and for the articles
a store held before the tables existed (`m004_layers`). Each builder returns the table's
columns by name, one list per column, and `insert_layers` writes them column-wise with unnest,
one statement per table.

The INSERT is made from the table's own columns as the catalogue lists them (names quoted,
types cast), so a builder may offer more columns than a table has: a migration that adds a
column later leaves the backfill of `m004_layers` working. A builder may add columns but must
never drop or rename one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import duckdb

from tidings.events.records import record_is_complete, shipped_targetless_types

# An article id with its contract record.
Pair = tuple[str, dict[str, Any]]
Columns = dict[str, list[Any]]

ENTITY_COLUMNS = (
    "article_id", "entity_id", "seq", "name", "kind", "country", "role", "sector", "known",
    "aligned_with", "aliases",
)  # fmt: skip
MENTION_COLUMNS = (
    "article_id", "seq", "entity_id", "span_start", "span_end", "text", "link", "sector",
)  # fmt: skip
EVENT_COLUMNS = (
    "article_id", "seq", "event_id", "type", "mode", "cameo", "goldstein", "status",
    "source_id", "source_name", "source_country", "source_role",
    "target_id", "target_name", "target_country", "target_role",
    "date_value", "date_precision", "date_basis",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonames_id",
    "said_by", "condition", "trigger", "trigger_start", "trigger_end", "time_start", "time_end",
    "evidence_start", "evidence_end", "sentence", "confidence", "complete",
)  # fmt: skip
TIME_COLUMNS = (
    "article_id", "seq", "text", "span_start", "span_end", "type", "value",
    "date_value", "date_precision", "date_basis", "relation", "relation_offset",
)  # fmt: skip
PLACE_COLUMNS = (
    "article_id", "seq", "text", "span_start", "span_end", "name", "country", "lat", "lon",
    "geonames_id", "kind",
)  # fmt: skip

_TABLE_COLUMNS = (
    "SELECT column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position"
)


def _span(value: Any) -> tuple[Any, Any]:
    return (value[0], value[1]) if value else (None, None)


def _date(value: Any) -> tuple[Any, Any, Any]:
    date = value or {}
    return date.get("value"), date.get("precision"), date.get("basis")


def _actor(value: Any) -> tuple[Any, Any, Any, Any]:
    actor = value or {}
    return actor.get("id"), actor.get("name"), actor.get("country"), actor.get("role")


def _columns(names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> Columns:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


# The keys an item of each layer must have for a row: those of the contract that the table's
# NOT NULL columns come from. An item without one (a record made by hand) has no row; the
# whole record stays in `articles.record`.
_REQUIRED = {
    "entities": ("id", "name", "kind"),
    "events": ("id", "type", "status"),
    "times": ("text", "span", "type"),
    "places": ("text", "span", "name"),
}


def _complete(item: Any, required: Sequence[str]) -> bool:
    return isinstance(item, dict) and all(item.get(key) is not None for key in required)


def _layer(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The items of a list layer of the record that can make a row; a record written before
    the layer existed has none."""
    return [item for item in record.get(key) or [] if _complete(item, _REQUIRED[key])]


def entity_columns(articles: Sequence[Pair]) -> Columns:
    """Rows of `entities`: one per actor of each record, in the record's order; an id met twice
    in one record keeps its first entry."""
    rows = []
    for article_id, record in articles:
        seen: set[str] = set()
        for entity in _layer(record, "entities"):
            if entity["id"] in seen:
                continue
            seen.add(entity["id"])
            rows.append(
                (article_id, entity["id"], len(seen) - 1, entity["name"], entity["kind"],
                 entity.get("country"), entity.get("role"), entity.get("sector"),
                 entity.get("known"), list(entity.get("aligned_with") or []),
                 list(entity.get("aliases") or []))
            )  # fmt: skip
    return _columns(ENTITY_COLUMNS, rows)


def _mentions(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(start, end, entity id, text, link, sector) of every mention of the record, in text
    order. A record without `mention_details` still has its entities' spans."""
    text = record.get("text") or ""
    found = []
    for entity in _layer(record, "entities"):
        details = entity.get("mention_details")
        if details is None:
            details = [{"span": span, "text": text[span[0] : span[1]]}
                       for span in entity.get("mentions") or []]  # fmt: skip
        for detail in details:
            if not _complete(detail, ("span", "text")):
                continue
            start, end = _span(detail["span"])
            found.append(
                (start, end, entity["id"], detail["text"], detail.get("link"), detail.get("sector"))
            )
    return sorted(found, key=lambda mention: (mention[0], mention[1], mention[2]))


def mention_columns(articles: Sequence[Pair]) -> Columns:
    """Rows of `mentions`: every mention of every entity, numbered in text order."""
    rows = [
        (article_id, seq, entity_id, start, end, text, link, sector)
        for article_id, record in articles
        for seq, (start, end, entity_id, text, link, sector) in enumerate(_mentions(record))
    ]
    return _columns(MENTION_COLUMNS, rows)


def _event_row(article_id: str, seq: int, event: dict[str, Any]) -> tuple[Any, ...]:
    location = event.get("location") or {}
    evidence = event.get("evidence") or {}
    return (
        article_id, seq, event["id"], event["type"], event.get("mode"), event.get("cameo"),
        event.get("goldstein"), event["status"],
        *_actor(event.get("source")),
        *_actor(event.get("target")),
        *_date(event.get("date")),
        location.get("name"), location.get("country"), location.get("lat"), location.get("lon"),
        location.get("geonames_id"),
        event.get("said_by"), event.get("condition"), event.get("trigger"),
        *_span(event.get("trigger_span")),
        *_span(event.get("time_span")),
        *_span(evidence.get("span")),
        evidence.get("sentence"), event.get("confidence"),
        record_is_complete(event, shipped_targetless_types),
    )  # fmt: skip


def event_columns(articles: Sequence[Pair]) -> Columns:
    """Rows of `events`: one per event of each record, in the record's order."""
    rows = [
        _event_row(article_id, seq, event)
        for article_id, record in articles
        for seq, event in enumerate(_layer(record, "events"))
    ]
    return _columns(EVENT_COLUMNS, rows)


def time_columns(articles: Sequence[Pair]) -> Columns:
    """Rows of `times`: one per time expression of each record, in text order."""
    rows = [
        (article_id, seq, time["text"], *_span(time["span"]), time["type"], time.get("value"),
         *_date(time.get("date")),
         time.get("relation"), time.get("offset"))
        for article_id, record in articles
        for seq, time in enumerate(_layer(record, "times"))
    ]  # fmt: skip
    return _columns(TIME_COLUMNS, rows)


def place_columns(articles: Sequence[Pair]) -> Columns:
    """Rows of `places`: one per place name of each record, in text order."""
    rows = [
        (article_id, seq, place["text"], *_span(place["span"]), place["name"],
         place.get("country"), place.get("lat"), place.get("lon"), place.get("geonames_id"),
         place.get("kind"))
        for article_id, record in articles
        for seq, place in enumerate(_layer(record, "places"))
    ]  # fmt: skip
    return _columns(PLACE_COLUMNS, rows)


# Each layer table and the builder of its rows, in the order they are written.
LAYER_BUILDERS: dict[str, Callable[[Sequence[Pair]], Columns]] = {
    "entities": entity_columns,
    "mentions": mention_columns,
    "events": event_columns,
    "times": time_columns,
    "places": place_columns,
}


def insert_statement(connection: duckdb.DuckDBPyConnection, table: str) -> tuple[str, list[str]]:
    """The INSERT of every column `table` has, each bound as a list and unnested; with the
    column names in parameter order. `table` is one of `LAYER_BUILDERS`, never user input."""
    if table not in LAYER_BUILDERS:
        raise ValueError(f"{table!r} is not a layer table")
    described = connection.execute(_TABLE_COLUMNS, {"table": table}).fetchall()
    names = [name for name, _type in described]
    quoted = ", ".join(f'"{name}"' for name in names)
    # Parameters are numbered, not named after columns, so no column name is ever parsed as one.
    values = ", ".join(f"unnest(${i + 1}::{kind}[])" for i, (_name, kind) in enumerate(described))
    return f'INSERT INTO "{table}" ({quoted}) SELECT {values}', names


def insert_layers(connection: duckdb.DuckDBPyConnection, articles: Iterable[Pair]) -> None:
    """Write the layer rows of `articles` (ids not stored in the layer tables yet), one
    statement per table, inside the caller's transaction."""
    pairs = list(articles)
    for table, build in LAYER_BUILDERS.items():
        columns = build(pairs)
        if not columns["article_id"]:
            continue
        statement, names = insert_statement(connection, table)
        connection.execute(statement, [columns[name] for name in names])
