"""`tidings run --workers N`: the same store whatever N, rejections reported as with one
worker, and a rerun that reads nothing again."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import EXAMPLES, extract_records
from tidings.chunking import TAIL_DOCUMENTS, chunked
from tidings.clean.article import Article
from tidings.cli.run import run
from tidings.ingest import Document, iter_documents
from tidings.parallel import Done, extract_documents, load_knowledge
from tidings.runner import run_paths
from tidings.settings import load_settings
from tidings.store import Store

# A file ingest refuses (binary) and one cleaning refuses (page furniture, no article text):
# the first is rejected in the parent, the second in a worker.
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
FURNITURE = "Share this\nFacebook\nTwitter\n"


@dataclass(frozen=True)
class Ran:
    db: Path
    exit_code: int
    stderr: str


def _invoke(*args: str) -> Any:
    from typer.testing import CliRunner

    from tidings.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs") / "news"
    shutil.copytree(EXAMPLES, folder)
    (folder / "picture.txt").write_bytes(BINARY)
    (folder / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runs(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Ran]]:
    done: dict[int, Ran] = {}
    for workers in (1, 2):
        db = tmp_path_factory.mktemp(f"workers{workers}") / "store.duckdb"
        result = _invoke("run", str(inputs), "--db", str(db), "-q", "--workers", str(workers))
        done[workers] = Ran(db=db, exit_code=result.exit_code, stderr=result.stderr)
    yield done


def _table(db: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of `table`, without its timestamps (the time of storing differs)."""
    with duckdb.connect(str(db), read_only=True) as connection:
        columns = [
            name
            for name, kind in connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = $table ORDER BY ordinal_position",
                {"table": table},
            ).fetchall()
            if not kind.startswith("TIMESTAMP")
        ]
        listed = ", ".join(f'"{name}"' for name in columns)
        rows = connection.execute(f'SELECT {listed} FROM "{table}"').fetchall()
    return sorted(rows, key=repr)


def test_two_workers_store_exactly_what_one_worker_stores(runs: dict[int, Ran]) -> None:
    one, two = runs[1], runs[2]
    with Store.open(one.db) as store:
        tables = store.tables()
        records_one = list(store.article_records())
        ids_one = [article.id for article in store.iter_articles()]
    with Store.open(two.db) as store:
        assert store.tables() == tables
        assert list(store.article_records()) == records_one
        assert [article.id for article in store.iter_articles()] == ids_one
    assert len(ids_one) >= 9
    for table in tables:
        assert _table(one.db, table) == _table(two.db, table), table


def test_the_store_holds_what_extract_prints(runs: dict[int, Ran], inputs: Path) -> None:
    import json

    extracted = _invoke("extract", str(inputs), "--all")
    printed = [json.loads(line) for line in extracted.stdout.splitlines()]
    with Store.open(runs[2].db) as store:
        assert list(store.article_records()) == printed


def test_rejected_inputs_are_reported_as_with_one_worker(
    runs: dict[int, Ran], inputs: Path
) -> None:
    one, two = runs[1], runs[2]
    assert one.exit_code == two.exit_code == 1
    assert one.stderr == two.stderr
    lines = two.stderr.strip().splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        str(inputs / "furniture.txt"),
        str(inputs / "picture.txt"),
    ]
    assert "; 2 rejected;" in lines[-1]
    assert "Traceback" not in two.stderr


def test_a_rerun_adds_nothing_and_parses_nothing(runs: dict[int, Ran], inputs: Path) -> None:
    db = runs[2].db
    with Store.open(db) as store:
        stored = store.count("articles")
        documents = store.count("documents")
    summary = run([str(inputs)], db=db, settings=load_settings(), show_progress=False, workers=2)
    assert summary.articles_parsed == 0
    assert summary.documents_skipped == documents
    # only the rejected document is read again (it was never stored), to be reported again
    assert summary.documents_sent == 1
    assert summary.stored.articles_added == 0
    assert summary.rejected == 2  # what was rejected is not stored, so it is read again
    assert summary.sentence() == (
        f"stored 0 new articles ({stored} already present) from 9 inputs; 2 rejected"
    )
    with Store.open(db) as store:
        assert store.count("articles") == stored


def test_a_run_resumes_where_an_earlier_one_stopped(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    settings = load_settings()
    first = run([str(inputs / "feed.jsonl")], db=db, settings=settings, show_progress=False)
    assert first.documents_sent > 0 and first.stored.articles_added > 0
    rest = run([str(inputs)], db=db, settings=settings, show_progress=False, workers=1)
    assert rest.documents_skipped == first.documents_sent
    assert rest.articles_parsed == rest.stored.articles_added + rest.stored.articles_present - (
        first.stored.articles_added
    )
    assert rest.stored.articles_present == first.stored.articles_added
    with duckdb.connect(str(db), read_only=True) as connection:
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()
    assert documents is not None
    # every document read once: stored, or (furniture.txt) read and rejected
    assert rest.documents_sent + rest.documents_skipped == documents[0] + 1


def test_a_chunk_runs_in_a_memory_zone_and_only_plain_data_leaves_it() -> None:
    """With the warm-up over (`warm_until=0`), each chunk's new words are freed with it: the
    vocabulary is the same size after as before, and a second pass over the same documents
    gives the same records, equal to those of the stream that keeps every word."""
    settings = load_settings()
    knowledge = dataclasses.replace(load_knowledge(settings), warm_until=0)
    strings = knowledge.nlp.vocab.strings
    documents = [
        entry
        for entry in iter_documents([str(EXAMPLES)], settings=settings.ingest)
        if isinstance(entry, Document)
    ]
    before = len(strings)
    first = extract_documents(documents, knowledge=knowledge)
    assert len(strings) == before
    assert not knowledge.nlp.vocab.in_memory_zone
    second = extract_documents(documents, knowledge=knowledge)
    assert second == first
    done = [outcome for outcomes in first for outcome in outcomes]
    assert all(isinstance(o, Done) and type(o.article) is Article for o in done)
    records = [o.record for o in done if isinstance(o, Done)]
    assert json.loads(json.dumps(records)) == records  # plain data, nothing of spaCy's
    assert records == extract_records(EXAMPLES)[0]


def test_a_pools_input_ends_in_shrinking_tasks() -> None:
    """Whole chunks while the input lasts, then shrinking ones, so that the workers' last
    tasks end together; every item once, in order. One process keeps whole chunks."""
    sizes = [len(chunk) for chunk in chunked(range(600), 32, workers=2)]
    assert [item for chunk in chunked(range(600), 32, workers=2) for item in chunk] == list(
        range(600)
    )
    tail = sizes[sizes.index(min(sizes[:-1])) :]
    assert sizes[:10] == [32] * 10 and sum(sizes) == 600
    assert sizes == sorted(sizes, reverse=True) and min(sizes[:-1]) == TAIL_DOCUMENTS
    assert len(tail) >= 2
    assert [len(chunk) for chunk in chunked(range(40), 16)] == [16, 16, 8]


def test_an_article_stored_twice_is_linked_from_its_first_copy_whatever_the_batches(
    tmp_path: Path,
) -> None:
    """Two files with one article: its mentions name the first file, as its row does, whether
    both copies fall in one batch or in two (the last copy's were kept within one batch)."""
    import pickle

    folder = tmp_path / "news"
    folder.mkdir()
    text = (EXAMPLES / "meridian-kyiv-strikes.txt").read_bytes()
    (folder / "a.txt").write_bytes(text)
    (folder / "b.txt").write_bytes(text)
    settings = load_settings()
    paths: dict[int, set[str]] = {}
    for batch_size in (200, 1):
        store_settings = dataclasses.replace(settings.store, batch_size=batch_size)
        db = tmp_path / f"batch{batch_size}.duckdb"
        run_paths(
            [str(folder)], db=db, settings=dataclasses.replace(settings, store=store_settings)
        )
        with duckdb.connect(str(db), read_only=True) as connection:
            blobs = connection.execute("SELECT mention FROM link_mentions").fetchall()
        paths[batch_size] = {pickle.loads(blob).path for (blob,) in blobs}
    assert paths[200] == paths[1] == {str(folder / "a.txt")}
