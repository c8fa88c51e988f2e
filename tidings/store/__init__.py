"""The DuckDB store: documents, articles, quotes and every layer of an article's record
(entities, mentions, events, times, places) in one file.

    store = Store.open("tidings.duckdb")      # creates the file, applies pending migrations
    store.add([(parsed_article, record), ...])  # one transaction; already-stored ids are skipped
    Store.open(path, read_only=True, wait=10)   # waits up to 10 s while a writer holds it

Processes take turns on the file (one writer or many readers): `tidings.store.lease`.

Tables and columns are documented in docs/schema.md; the schema is built by the migrations in
`tidings.store.migrations`.
"""

from tidings.store.clusters import ClusterCounts
from tidings.store.export import EXPORT_TABLES, Exported, ExportFormat
from tidings.store.lease import StoreBusy, run_lock
from tidings.store.migrations import MIGRATIONS, Migration, Migrations
from tidings.store.quotes import StoredQuote
from tidings.store.rows import StoredArticle
from tidings.store.store import AddResult, Store
from tidings.store.writer import BatchWriter

__all__ = [
    "EXPORT_TABLES",
    "MIGRATIONS",
    "AddResult",
    "BatchWriter",
    "ClusterCounts",
    "ExportFormat",
    "Exported",
    "Migration",
    "Migrations",
    "Store",
    "StoreBusy",
    "StoredArticle",
    "StoredQuote",
    "run_lock",
]
