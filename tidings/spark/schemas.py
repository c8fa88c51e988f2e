"""The tables as Spark schemas: the same column names, order and types as the DuckDB store
(docs/schema.md), so that a Parquet folder written by `tidings spark` reads like one written
by `tidings export --to parquet`.

Types map one to one: VARCHAR → string, INTEGER → int, BIGINT → long, DOUBLE → double,
BOOLEAN → boolean, VARCHAR[] → array<string>, TIMESTAMP (UTC, no zone) → timestamp_ntz, and
JSON → string (the JSON text). A column the store declares NOT NULL is not nullable here.
"""

from __future__ import annotations

from typing import Any

# Each table: (column, store type, nullable), in the store's column order.
Column = tuple[str, str, bool]

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": (
        ("id", "VARCHAR", False), ("path", "VARCHAR", False), ("url", "VARCHAR", True),
        ("format", "VARCHAR", False), ("encoding", "VARCHAR", True),
        ("record_id", "VARCHAR", True), ("first_seen", "TIMESTAMP", False),
    ),
    "articles": (
        ("id", "VARCHAR", False), ("seq", "BIGINT", False), ("document_id", "VARCHAR", False),
        ("part", "INTEGER", False), ("title", "VARCHAR", True),
        ("published_value", "VARCHAR", True), ("published_precision", "VARCHAR", True),
        ("published_basis", "VARCHAR", False), ("outlet", "VARCHAR", True),
        ("byline", "VARCHAR", True), ("dateline", "VARCHAR", True),
        ("captions", "VARCHAR[]", False), ("removed", "JSON", False), ("text", "VARCHAR", False),
        ("record", "JSON", False), ("stored_at", "TIMESTAMP", False),
        ("language", "VARCHAR", True), ("language_confidence", "DOUBLE", True),
    ),
    "quotes": (
        ("article_id", "VARCHAR", False), ("seq", "INTEGER", False), ("kind", "VARCHAR", False),
        ("text", "VARCHAR", False), ("span_start", "INTEGER", False),
        ("span_end", "INTEGER", False), ("cue", "VARCHAR", True), ("speaker", "VARCHAR", True),
        ("speaker_id", "VARCHAR", True), ("speaker_start", "INTEGER", True),
        ("speaker_end", "INTEGER", True), ("via", "VARCHAR", True),
        ("date_value", "VARCHAR", True), ("date_precision", "VARCHAR", True),
        ("date_basis", "VARCHAR", True), ("statement", "VARCHAR", True),
        ("pieces", "VARCHAR", True),
    ),
    "entities": (
        ("article_id", "VARCHAR", False), ("entity_id", "VARCHAR", False),
        ("seq", "INTEGER", False), ("name", "VARCHAR", False), ("kind", "VARCHAR", False),
        ("country", "VARCHAR", True), ("role", "VARCHAR", True), ("sector", "VARCHAR", True),
        ("known", "BOOLEAN", True), ("aligned_with", "VARCHAR[]", False),
        ("aliases", "VARCHAR[]", False),
    ),
    "mentions": (
        ("article_id", "VARCHAR", False), ("seq", "INTEGER", False),
        ("entity_id", "VARCHAR", False), ("span_start", "INTEGER", False),
        ("span_end", "INTEGER", False), ("text", "VARCHAR", False), ("link", "VARCHAR", True),
        ("sector", "VARCHAR", True),
    ),
    "events": (
        ("article_id", "VARCHAR", False), ("seq", "INTEGER", False),
        ("event_id", "VARCHAR", False), ("type", "VARCHAR", False), ("mode", "VARCHAR", True),
        ("cameo", "VARCHAR", True), ("goldstein", "DOUBLE", True), ("status", "VARCHAR", False),
        ("source_id", "VARCHAR", True), ("source_name", "VARCHAR", True),
        ("source_country", "VARCHAR", True), ("source_role", "VARCHAR", True),
        ("target_id", "VARCHAR", True), ("target_name", "VARCHAR", True),
        ("target_country", "VARCHAR", True), ("target_role", "VARCHAR", True),
        ("date_value", "VARCHAR", True), ("date_precision", "VARCHAR", True),
        ("date_basis", "VARCHAR", True), ("location_name", "VARCHAR", True),
        ("location_country", "VARCHAR", True), ("location_lat", "DOUBLE", True),
        ("location_lon", "DOUBLE", True), ("location_geonames_id", "BIGINT", True),
        ("said_by", "VARCHAR", True), ("condition", "VARCHAR", True),
        ("trigger", "VARCHAR", True), ("trigger_start", "INTEGER", True),
        ("trigger_end", "INTEGER", True), ("time_start", "INTEGER", True),
        ("time_end", "INTEGER", True), ("evidence_start", "INTEGER", True),
        ("evidence_end", "INTEGER", True), ("sentence", "VARCHAR", True),
        ("confidence", "DOUBLE", True), ("complete", "BOOLEAN", True),
    ),
    "times": (
        ("article_id", "VARCHAR", False), ("seq", "INTEGER", False), ("text", "VARCHAR", False),
        ("span_start", "INTEGER", False), ("span_end", "INTEGER", False),
        ("type", "VARCHAR", False), ("value", "VARCHAR", True), ("date_value", "VARCHAR", True),
        ("date_precision", "VARCHAR", True), ("date_basis", "VARCHAR", True),
        ("relation", "VARCHAR", True), ("relation_offset", "VARCHAR", True),
    ),
    "places": (
        ("article_id", "VARCHAR", False), ("seq", "INTEGER", False), ("text", "VARCHAR", False),
        ("span_start", "INTEGER", False), ("span_end", "INTEGER", False),
        ("name", "VARCHAR", False), ("country", "VARCHAR", True), ("lat", "DOUBLE", True),
        ("lon", "DOUBLE", True), ("geonames_id", "BIGINT", True), ("kind", "VARCHAR", True),
    ),
    "event_clusters": (
        ("id", "VARCHAR", False), ("type", "VARCHAR", False), ("status", "VARCHAR", False),
        ("source_id", "VARCHAR", True), ("source_country", "VARCHAR", True),
        ("target_id", "VARCHAR", True), ("target_country", "VARCHAR", True),
        ("date_value", "VARCHAR", True), ("date_precision", "VARCHAR", True),
        ("date_basis", "VARCHAR", False), ("location", "VARCHAR", True),
        ("articles", "INTEGER", False), ("outlets", "VARCHAR[]", False),
        ("first_report", "VARCHAR", True), ("last_report", "VARCHAR", True),
        ("discrepancies", "INTEGER", False), ("record", "JSON", False),
        ("complete", "BOOLEAN", True),
    ),
    "cluster_members": (
        ("cluster_id", "VARCHAR", False), ("event_id", "VARCHAR", False),
        ("article_id", "VARCHAR", False),
    ),
    "cluster_links": (
        ("source_cluster", "VARCHAR", False), ("target_cluster", "VARCHAR", False),
        ("kind", "VARCHAR", False), ("evidence", "VARCHAR", True),
    ),
    "duplicate_groups": (
        ("group_id", "VARCHAR", False), ("article_id", "VARCHAR", False),
        ("exact", "BOOLEAN", False),
    ),
}  # fmt: skip

# The per-article tables (written by the extraction) and the link step's, in writing order.
ARTICLE_TABLES = (
    "documents", "articles", "quotes", "entities", "mentions", "events", "times", "places",
)  # fmt: skip
LINK_TABLES = ("event_clusters", "cluster_members", "cluster_links", "duplicate_groups")


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _type, _nullable in TABLES[table])


def spark_schema(table: str) -> Any:
    """The `StructType` of `table` (pyspark is imported here, not at module import)."""
    from pyspark.sql import types as T

    simple = {
        "VARCHAR": T.StringType(),
        "JSON": T.StringType(),
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(),
        "BOOLEAN": T.BooleanType(),
        "TIMESTAMP": T.TimestampNTZType(),
        "VARCHAR[]": T.ArrayType(T.StringType(), containsNull=False),
    }
    return T.StructType(
        [T.StructField(name, simple[kind], nullable) for name, kind, nullable in TABLES[table]]
    )
