"""The store's schema as an ordered list of named migrations.

Each migration is a function that takes a DuckDB connection and changes the schema. It runs in
its own transaction together with the row that records it in `_migrations`, so a migration is
either applied and recorded or not applied at all; opening a store applies the pending ones in
the order they were registered, and never applies one twice.

To change the schema, add a function at the end of this module and decorate it with
`@MIGRATIONS.register`; never edit or rename one that has been released (stores in the wild
have recorded its name). Document every table and column it adds in `docs/schema.md`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import duckdb

from tidings.errors import StoreError
from tidings.events.records import shipped_targetless_types
from tidings.store.cluster_history import HISTORY_TABLE
from tidings.store.clusters import (
    CREATE_BLOCK_TABLES,
    LINK_STATE_TABLE,
    create_cluster_tables,
)
from tidings.store.fetch_state import create_fetch_tables
from tidings.store.layers import insert_layers

Connection = duckdb.DuckDBPyConnection
MigrationStep = Callable[[Connection], None]

_CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS _migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""
_SELECT_APPLIED = "SELECT name FROM _migrations ORDER BY applied_at, name"
_RECORD_APPLIED = "INSERT INTO _migrations (name, applied_at) VALUES ($name, $applied_at)"


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema change."""

    name: str
    step: MigrationStep


class Migrations:
    """An ordered registry of migrations; the order of registration is the order of applying."""

    def __init__(self) -> None:
        self._registered: list[Migration] = []

    def register(self, step: MigrationStep) -> MigrationStep:
        """Decorator: add `step` under its function name."""
        name = step.__name__
        if name in self.names():
            raise ValueError(f"a migration named {name!r} is already registered")
        self._registered.append(Migration(name=name, step=step))
        return step

    def __iter__(self) -> Iterator[Migration]:
        return iter(self._registered)

    def names(self) -> list[str]:
        return [migration.name for migration in self._registered]

    def applied(self, connection: Connection) -> list[str]:
        """Names recorded in the store, oldest first (empty for a store never migrated)."""
        found = connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_name = '_migrations'"
        ).fetchone()
        if not found or not found[0]:
            return []
        return [row[0] for row in connection.execute(_SELECT_APPLIED).fetchall()]

    def pending(self, connection: Connection, *, store_name: str) -> list[Migration]:
        """Migrations not yet applied. A store that records a migration this code does not know
        was written by a newer Tidings; using it could lose data, so that is refused."""
        applied = self.applied(connection)
        unknown = sorted(set(applied) - set(self.names()))
        if unknown:
            raise StoreError(
                f"{store_name} was written by a newer version of Tidings "
                f"(it has migration {unknown[0]!r}, which this version does not know)"
            )
        return [migration for migration in self._registered if migration.name not in applied]

    def apply(self, connection: Connection, *, store_name: str, now: datetime) -> list[str]:
        """Apply every pending migration, each in its own transaction; return their names."""
        connection.execute(_CREATE_MIGRATIONS_TABLE)
        done: list[str] = []
        for migration in self.pending(connection, store_name=store_name):
            connection.execute("BEGIN TRANSACTION")
            try:
                migration.step(connection)
                connection.execute(_RECORD_APPLIED, {"name": migration.name, "applied_at": now})
                connection.execute("COMMIT")
            except duckdb.Error as exc:
                # A failed COMMIT has already ended the transaction; keep its error, not ours.
                with contextlib.suppress(duckdb.Error):
                    connection.execute("ROLLBACK")
                raise StoreError(
                    f"{store_name}: migration {migration.name!r} failed ({exc})"
                ) from exc
            done.append(migration.name)
        return done


MIGRATIONS = Migrations()


@MIGRATIONS.register
def m001_documents_and_articles(connection: Connection) -> None:
    """Inputs as read, and the stories cleaned out of them (see docs/schema.md)."""
    # No FOREIGN KEY from articles to documents: DuckDB refuses to drop or rebuild a table that
    # another references, which would make later migrations copy both tables. The store writes
    # an article's document in the same transaction instead.
    connection.execute(
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            path VARCHAR NOT NULL,
            url VARCHAR,
            format VARCHAR NOT NULL,
            encoding VARCHAR,
            record_id VARCHAR,
            first_seen TIMESTAMP NOT NULL
        )
        """
    )
    connection.execute(
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            document_id VARCHAR NOT NULL,
            part INTEGER NOT NULL,
            title VARCHAR,
            published_value VARCHAR,
            published_precision VARCHAR,
            published_basis VARCHAR NOT NULL,
            outlet VARCHAR,
            byline VARCHAR,
            dateline VARCHAR,
            captions VARCHAR[] NOT NULL,
            removed JSON NOT NULL,
            text VARCHAR NOT NULL,
            record JSON NOT NULL,
            stored_at TIMESTAMP NOT NULL
        )
        """
    )


@MIGRATIONS.register
def m002_quotes(connection: Connection) -> None:
    """Who said what: one row per quote of an article's record (see docs/schema.md)."""
    connection.execute(
        """
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            cue VARCHAR,
            speaker VARCHAR,
            speaker_id VARCHAR,
            speaker_start INTEGER,
            speaker_end INTEGER,
            via VARCHAR,
            date_value VARCHAR,
            date_precision VARCHAR,
            date_basis VARCHAR,
            PRIMARY KEY (article_id, seq)
        )
        """
    )
    connection.execute("CREATE INDEX quotes_speaker_id ON quotes (speaker_id)")


@MIGRATIONS.register
def m003_quote_pieces(connection: Connection) -> None:
    """A quote interrupted by its attribution is one row in several pieces: the whole
    statement and the pieces' spans (see docs/schema.md)."""
    connection.execute("ALTER TABLE quotes ADD COLUMN statement VARCHAR")
    connection.execute("ALTER TABLE quotes ADD COLUMN pieces VARCHAR")
    connection.execute("UPDATE quotes SET statement = text")


# The tables of `m004_layers`, as created then. Later migrations alter them; never edit these.
_M004_TABLES = (
    """
    CREATE TABLE entities (
        article_id VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        country VARCHAR,
        role VARCHAR,
        sector VARCHAR,
        known BOOLEAN,
        aligned_with VARCHAR[] NOT NULL,
        aliases VARCHAR[] NOT NULL,
        PRIMARY KEY (article_id, entity_id)
    )
    """,
    """
    CREATE TABLE mentions (
        article_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        entity_id VARCHAR NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        link VARCHAR,
        sector VARCHAR,
        PRIMARY KEY (article_id, seq)
    )
    """,
    """
    CREATE TABLE events (
        article_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        event_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR,
        goldstein DOUBLE,
        status VARCHAR NOT NULL,
        source_id VARCHAR,
        source_name VARCHAR,
        source_country VARCHAR,
        source_role VARCHAR,
        target_id VARCHAR,
        target_name VARCHAR,
        target_country VARCHAR,
        target_role VARCHAR,
        date_value VARCHAR,
        date_precision VARCHAR,
        date_basis VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        location_lat DOUBLE,
        location_lon DOUBLE,
        location_geonames_id BIGINT,
        said_by VARCHAR,
        condition VARCHAR,
        trigger VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        time_start INTEGER,
        time_end INTEGER,
        evidence_start INTEGER,
        evidence_end INTEGER,
        sentence VARCHAR,
        confidence DOUBLE,
        PRIMARY KEY (article_id, seq)
    )
    """,
    """
    CREATE TABLE times (
        article_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        type VARCHAR NOT NULL,
        value VARCHAR,
        date_value VARCHAR,
        date_precision VARCHAR,
        date_basis VARCHAR,
        relation VARCHAR,
        relation_offset VARCHAR,
        PRIMARY KEY (article_id, seq)
    )
    """,
    """
    CREATE TABLE places (
        article_id VARCHAR NOT NULL,
        seq INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geonames_id BIGINT,
        kind VARCHAR,
        PRIMARY KEY (article_id, seq)
    )
    """,
    "CREATE INDEX entities_entity_id ON entities (entity_id)",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX events_source_id ON events (source_id)",
    "CREATE INDEX events_target_id ON events (target_id)",
    "CREATE INDEX events_date_value ON events (date_value)",
)

# Articles read at a time when the layer tables are filled for a store's existing articles.
_BACKFILL_ARTICLES = 1000
_ARTICLES_AFTER = (
    "SELECT seq, id, record FROM articles WHERE seq > $after ORDER BY seq LIMIT $limit"
)


@MIGRATIONS.register
def m004_layers(connection: Connection) -> None:
    """Every layer of an article's record in a table of its own: entities, mentions, events,
    times and places (see docs/schema.md); filled at once for the articles already stored,
    from their records."""
    for statement in _M004_TABLES:
        connection.execute(statement)
    after = 0
    while rows := connection.execute(
        _ARTICLES_AFTER, {"after": after, "limit": _BACKFILL_ARTICLES}
    ).fetchall():
        records = [(article_id, json.loads(record)) for _seq, article_id, record in rows]
        insert_layers(connection, records)
        after = rows[-1][0]


@MIGRATIONS.register
def m005_clusters(connection: Connection) -> None:
    """The link step's tables: event clusters, their members and links, duplicate groups
    (see docs/schema.md). They fill when the link step runs (`tidings run`, `tidings link`)."""
    create_cluster_tables(connection)


@MIGRATIONS.register
def m006_link_state(connection: Connection) -> None:
    """Which stored articles the link tables were built from, so a run that died between its
    last batch and the link step is relinked by the next run (see docs/schema.md)."""
    connection.execute(LINK_STATE_TABLE)


# Of an event row written before `complete` existed: the flag its article's record carries
# when it carries one (extraction alone can tell a target that names a thing), else a known
# source (an actor id: words alone say no doer) and a known target unless the type may go
# without one (`record_is_complete` on the same fields).
_EVENTS_COMPLETE_FROM_RECORDS = """
UPDATE events e SET complete = CAST(f.flag AS BOOLEAN)
FROM (
    SELECT a.id AS article_id, ev->>'id' AS event_id, ev->>'complete' AS flag
    FROM articles a, unnest(CAST(a.record->'events' AS JSON[])) AS t(ev)
    WHERE ev->>'complete' IS NOT NULL
) f
WHERE e.article_id = f.article_id AND e.event_id = f.event_id
"""
_BACKFILL_EVENTS_COMPLETE = """
UPDATE events SET complete =
    source_id IS NOT NULL
    AND (target_id IS NOT NULL OR target_name IS NOT NULL
         OR list_contains($targetless::VARCHAR[], lower(type)))
WHERE complete IS NULL
"""
_BACKFILL_CLUSTERS_COMPLETE = """
UPDATE event_clusters c SET complete = EXISTS (
    SELECT 1 FROM cluster_members m
    JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
    WHERE m.cluster_id = c.id AND e.complete)
"""


@MIGRATIONS.register
def m007_complete(connection: Connection) -> None:
    """`complete` on events (a known source, and a known target unless the type may go
    without one) and on clusters (one of its readings is complete); the default outputs show
    complete ones only (see docs/schema.md). Filled at once for what is stored, from the
    records' own flags where they carry one, else from the columns; each cluster's record
    gets the flag too."""
    connection.execute("ALTER TABLE events ADD COLUMN complete BOOLEAN")
    connection.execute(_EVENTS_COMPLETE_FROM_RECORDS)
    connection.execute(
        _BACKFILL_EVENTS_COMPLETE, {"targetless": sorted(shipped_targetless_types())}
    )
    connection.execute("ALTER TABLE event_clusters ADD COLUMN complete BOOLEAN")
    connection.execute(_BACKFILL_CLUSTERS_COMPLETE)
    connection.execute(
        "UPDATE event_clusters SET record = json_merge_patch(record, "
        "json_object('complete', complete))"
    )


@MIGRATIONS.register
def m008_article_language(connection: Connection) -> None:
    """The language of each article (ISO 639-1) and the detector's confidence in it (see
    docs/schema.md); filled from the stored records that carry one, NULL for articles stored
    before languages were told (all read as English)."""
    connection.execute("ALTER TABLE articles ADD COLUMN language VARCHAR")
    connection.execute("ALTER TABLE articles ADD COLUMN language_confidence DOUBLE")
    connection.execute(
        "UPDATE articles SET language = record->>'$.language.code', "
        "language_confidence = CAST(record->>'$.language.confidence' AS DOUBLE)"
    )


@MIGRATIONS.register
def m009_cluster_id_history(connection: Connection) -> None:
    """Every cluster id that vanished on a relink, with the cluster now holding most of its
    reports, so that a saved event link keeps answering (see docs/schema.md); filled by the
    link step from its next run on."""
    connection.execute(HISTORY_TABLE)


@MIGRATIONS.register
def m010_fetch_state(connection: Connection) -> None:
    """What `tidings fetch` remembers: per URL its validators (ETag, Last-Modified) and the key
    of the feed entry that led to it; per round its WARC file and whether it is stored (see
    docs/schema.md)."""
    create_fetch_tables(connection)


@MIGRATIONS.register
def m011_link_blocks(connection: Connection) -> None:
    """The tables that let a run relink only the link blocks its new articles touch: the
    blocks of each article's mentions, the block of each cluster, each article's text key and
    LSH bands (see docs/schema.md). The link state of a store holding articles is cleared, so
    the next link step rebuilds every link table and fills these."""
    for statement in CREATE_BLOCK_TABLES:
        connection.execute(statement)
    connection.execute("DELETE FROM link_state")
    # a new store is linked through article 0: its first link step is incremental too
    connection.execute(
        "INSERT INTO link_state SELECT 0, current_timestamp "
        "WHERE NOT EXISTS (SELECT 1 FROM articles)"
    )
