"""The DuckDB store: migrations, idempotent batches, round trips, clear errors."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store_holder import held_by_another_process
from tidings.clean.article import Article, DateValue, RemovedLine
from tidings.errors import StoreError
from tidings.ingest.document import Document, Hints
from tidings.parse.parsed import ParsedArticle
from tidings.store import MIGRATIONS, BatchWriter, Migrations, Store

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DOC = REPO / "docs" / "schema.md"


# --- building records by hand -------------------------------------------------------------


def make_document(content: str = "raw bytes", path: str = "news/a.txt") -> Document:
    return Document(
        path=path,
        format="text",
        content=content,
        sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        hints=Hints(url="https://example.org/a"),
    )


def make_article(text: str, *, document: Document | None = None, part: int = 0) -> Article:
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        document=document or make_document(),
        part=part,
        title="Ministers meet in Geneva",
        published=DateValue("2020-01", "month", "explicit"),
        outlet="Example News",
        text=text,
        byline="By A. Writer",
        dateline="GENEVA —",
        captions=("A photo of the hall.",),
        removed=(RemovedLine("Share this article", "boilerplate"),),
    )


def record_of(article: Article) -> dict[str, Any]:
    """A contract-shaped record: nested objects, lists, Unicode, nulls and numbers."""
    return {
        "id": article.id,
        "source": {"path": article.document.path, "part": article.part, "url": None},
        "title": article.title,
        "published": article.published.to_json(),
        "captions": list(article.captions),
        "text": article.text,
        "sentences": [[0, len(article.text)]],
        "entities": [{"name": "Zoë", "score": 0.5}],
    }


def batch_of(*articles: Article) -> list[tuple[ParsedArticle, dict[str, Any]]]:
    return [(ParsedArticle(article, None, ()), record_of(article)) for article in articles]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tidings.duckdb") as opened:
        yield opened


# --- migrations ---------------------------------------------------------------------------


def test_open_applies_every_migration_and_records_it(store: Store) -> None:
    assert store.applied_migrations() == MIGRATIONS.names()
    assert {"_migrations", "documents", "articles"} <= set(store.tables())
    assert store.count("_migrations") == len(MIGRATIONS.names())


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "tidings.duckdb"
    with Store.open(path) as first:
        first.add(batch_of(make_article("Talks resumed on Monday.")))
    with Store.open(path) as second:
        assert second.applied_migrations() == MIGRATIONS.names()
        assert second.count("_migrations") == len(MIGRATIONS.names())
        assert second.count("articles") == 1


def test_migrations_are_atomic_and_applied_in_order(tmp_path: Path) -> None:
    registry = Migrations()

    @registry.register
    def m001_first(connection: duckdb.DuckDBPyConnection) -> None:
        connection.execute("CREATE TABLE first (x INTEGER)")

    @registry.register
    def m002_broken(connection: duckdb.DuckDBPyConnection) -> None:
        connection.execute("CREATE TABLE second (x INTEGER)")
        connection.execute("SELECT * FROM no_such_table")

    connection = duckdb.connect(str(tmp_path / "m.duckdb"))
    with pytest.raises(StoreError, match="migration 'm002_broken' failed"):
        registry.apply(connection, store_name="m.duckdb", now=datetime(2020, 1, 3, 12, 0))
    assert registry.applied(connection) == ["m001_first"]
    tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    assert "first" in tables
    assert "second" not in tables  # rolled back with the failed migration
    connection.close()


def test_a_migration_name_is_registered_once() -> None:
    registry = Migrations()

    def m001_once(connection: duckdb.DuckDBPyConnection) -> None:
        del connection

    registry.register(m001_once)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(m001_once)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tidings.duckdb"
    Store.open(path).close()
    connection = duckdb.connect(str(path))
    connection.execute("INSERT INTO _migrations VALUES ('m999_future', now()::TIMESTAMP)")
    connection.close()
    with pytest.raises(StoreError, match="newer version of Tidings"):
        Store.open(path)


def test_read_only_open_of_a_missing_store_says_so(tmp_path: Path) -> None:
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError, match=r"absent\.duckdb does not exist$"):
        Store.open(path, read_only=True)
    assert not path.exists()


# --- adding -------------------------------------------------------------------------------


def test_adding_the_same_batch_twice_adds_nothing_the_second_time(store: Store) -> None:
    document = make_document()
    batch = batch_of(
        make_article("First story text.", document=document, part=0),
        make_article("Second story text.", document=document, part=1),
    )
    first = store.add(batch)
    assert (first.documents_added, first.articles_added, first.articles_present) == (1, 2, 0)
    second = store.add(batch)
    assert (second.documents_added, second.articles_added, second.articles_present) == (0, 0, 2)
    assert store.count("documents") == 1
    assert store.count("articles") == 2


def test_a_repeated_article_within_one_batch_is_stored_once(store: Store) -> None:
    article = make_article("The same story, twice in one batch.")
    result = store.add(batch_of(article, article))
    assert (result.articles_added, result.articles_present) == (1, 1)
    assert store.count("articles") == 1


def test_the_same_story_in_a_new_document_keeps_its_first_document(store: Store) -> None:
    text = "A story carried by two outlets."
    original = make_article(text, document=make_document("bytes one", "a.txt"))
    copy = make_article(text, document=make_document("bytes two", "b.txt"))
    store.add(batch_of(original))
    result = store.add(batch_of(copy))
    assert (result.documents_added, result.articles_added, result.articles_present) == (1, 0, 1)
    stored = store.get_article(original.id)
    assert stored is not None
    assert stored.document_id == original.document.sha256


def test_an_empty_batch_writes_nothing(store: Store) -> None:
    assert store.add([]).articles_added == 0
    assert store.count("articles") == 0


def test_a_failed_batch_leaves_nothing_behind(store: Store) -> None:
    article = make_article("This record cannot be written.")
    parsed = ParsedArticle(article, None, ())
    with pytest.raises(TypeError):
        store.add([(parsed, {"id": article.id, "not json": object()})])
    assert store.count("documents") == 0  # written before the failure, then rolled back
    assert store.count("articles") == 0


def test_batch_writer_stores_in_batches_and_sums_the_counts(store: Store) -> None:
    writer = BatchWriter(store, batch_size=2)
    for parsed, record in batch_of(*(make_article(f"Story number {n}.") for n in range(5))):
        writer.put(parsed, record)
    assert store.count("articles") == 4  # two full batches are already committed
    writer.flush()
    assert store.count("articles") == 5
    assert writer.total.articles_added == 5


def test_batch_writer_needs_a_positive_batch_size(store: Store) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        BatchWriter(store, batch_size=0)


# --- reading back -------------------------------------------------------------------------


def test_the_stored_record_and_columns_round_trip(store: Store) -> None:
    article = make_article("Zoë said “no” in Genève — twice.")
    (parsed, record), = batch_of(article)  # fmt: skip
    store.add([(parsed, record)])
    assert list(store.article_records()) == [record]
    stored = store.get_article(article.id)
    assert stored is not None
    assert stored.record == record
    assert stored.text == article.text
    assert stored.document_id == article.document.sha256
    assert stored.captions == article.captions
    assert stored.removed == article.removed
    assert (stored.published_value, stored.published_precision, stored.published_basis) == (
        "2020-01",
        "month",
        "explicit",
    )
    assert store.get_article("no-such-id") is None


def test_records_come_back_in_the_order_they_were_stored(store: Store) -> None:
    texts = ["Zebra story.", "Apple story.", "Mango story."]
    store.add(batch_of(make_article(texts[0]), make_article(texts[1])))
    store.add(batch_of(make_article(texts[2])))
    assert [record["text"] for record in store.article_records()] == texts


def test_counting_an_unknown_table_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no table named 'nope'"):
        store.count("nope")


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(min_size=1),
    captions=st.lists(st.text(), max_size=3),
    title=st.none() | st.text(),
)
def test_any_text_round_trips(text: str, captions: list[str], title: str | None) -> None:
    article = dataclasses.replace(make_article(text), captions=tuple(captions), title=title)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder, "t.duckdb")) as store:
        store.add(batch_of(article))
        stored = store.get_article(article.id)
    assert stored is not None
    assert (stored.text, stored.captions, stored.title) == (text, tuple(captions), title)
    assert stored.record == record_of(article)


# --- errors at the boundary ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"just some text\n", "notes.duckdb"), (b"", "empty.duckdb")],
)
def test_a_file_that_is_not_duckdb_is_refused_plainly(
    tmp_path: Path, content: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        Store.open(path)
    assert str(raised.value) == f"{path} is not a DuckDB database"
    assert path.read_bytes() == content  # left untouched


def test_a_sqlite_database_is_refused_not_written_into(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE mine (x)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not a DuckDB database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_folder_or_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match=r"folder .* does not exist"):
        Store.open(tmp_path / "missing" / "tidings.duckdb")


def test_a_storeheld_by_another_process_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "tidings.duckdb"
    with held_by_another_process(path), pytest.raises(StoreError) as raised:
        Store.open(path)
    in_use = rf"{re.escape(str(path))} is in use by another process \(PID \d+\)"
    assert re.fullmatch(in_use, str(raised.value))
    assert isinstance(raised.value.__cause__, duckdb.Error)


# --- the documentation --------------------------------------------------------------------


def test_every_table_and_column_is_documented(store: Store) -> None:
    sections = _schema_doc_sections()
    for table in store.tables():
        assert table in sections, f"docs/schema.md has no section for table {table!r}"
        for column in store.columns(table):
            assert f"| `{column}` |" in sections[table], (
                f"docs/schema.md does not document column {table}.{column}"
            )


# --- helpers ------------------------------------------------------------------------------


def _schema_doc_sections() -> dict[str, str]:
    """docs/schema.md's `## \\`table\\`` sections, by table name."""
    parts = re.split(r"^## `([^`]+)`\s*$", SCHEMA_DOC.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))
