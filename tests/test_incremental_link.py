"""The incremental link step gives what the whole one gives: the examples stored in shuffled
orders and batches, linked after each batch, hold the same clusters (the same reports
together), the same duplicate groups, and, relinked whole by `tidings link`'s step, the very
same ids; a merge keeps the older id and records the others."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tidings.link.blocks import group_by_block, link_block, touched_part
from tidings.parallel import Done, extract_outcomes
from tidings.runner import link_store, run_paths
from tidings.settings import load_settings
from tidings.store import Store

_MEMBERS = "SELECT event_id, cluster_id FROM cluster_members"
Snapshot = tuple[frozenset[frozenset[str]], frozenset[tuple[str, ...]]]


@pytest.fixture(scope="module")
def outcomes() -> Iterator[list[Done]]:
    found = [o for o in extract_outcomes([str(EXAMPLES)], settings=load_settings())]
    yield [o for o in found if isinstance(o, Done)]


def _store(path: Path, batches: list[list[Done]]) -> Store:
    store = Store.open(path)
    for batch in batches:
        store.add([(done, done.record) for done in batch])
        link_store(store, whole=False)
    return store


def _snapshot(store: Store) -> Snapshot:
    with store._connection.cursor() as cursor:  # a test may read the tables directly
        members = cursor.execute("SELECT cluster_id, event_id FROM cluster_members").fetchall()
        groups = cursor.execute(
            "SELECT list(article_id ORDER BY article_id) FROM duplicate_groups GROUP BY group_id"
        ).fetchall()
    clusters: dict[str, set[str]] = {}
    for cluster, event in members:
        clusters.setdefault(cluster, set()).add(event)
    return (
        frozenset(frozenset(events) for events in clusters.values()),
        frozenset(tuple(group) for (group,) in groups),
    )


def _records(store: Store) -> dict[str, dict[str, Any]]:
    with store._connection.cursor() as cursor:
        rows = cursor.execute("SELECT id, record FROM event_clusters").fetchall()
    return {cluster: json.loads(record) for cluster, record in rows}


def test_batches_in_any_order_give_the_clusters_of_one_whole_link(
    outcomes: list[Done], tmp_path: Path
) -> None:
    assert len(outcomes) >= 5
    with _store(tmp_path / "whole.duckdb", [outcomes]) as whole:
        link_store(whole, whole=True)
        expected = _snapshot(whole)
    assert expected[0], "the examples hold event clusters"
    for seed in range(3):
        shuffled = outcomes[:]
        random.Random(seed).shuffle(shuffled)
        size = 1 + seed
        batches = [shuffled[i : i + size] for i in range(0, len(shuffled), size)]
        with _store(tmp_path / f"batches-{seed}.duckdb", batches) as store:
            assert _snapshot(store) == expected
            before = _records(store)
            link_store(store, whole=True)  # what `tidings link` does
            after = _records(store)
            assert sorted(after) == sorted(before)
            for cluster, record in after.items():
                assert {k: v for k, v in record.items() if k != "links"} == {
                    k: v for k, v in before[cluster].items() if k != "links"
                }


def test_a_cluster_keeps_its_id_when_a_report_joins_it(
    outcomes: list[Done], tmp_path: Path
) -> None:
    with _store(tmp_path / "grow.duckdb", [outcomes[:-1]]) as store:
        with store._connection.cursor() as cursor:
            first = dict(
                cursor.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall()
            )
        store.add([(outcomes[-1], outcomes[-1].record)])
        link_store(store, whole=False)
        with store._connection.cursor() as cursor:
            now = dict(
                cursor.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall()
            )
            history = dict(
                cursor.execute("SELECT old_id, current_id FROM cluster_id_history").fetchall()
            )
    for event, cluster in first.items():
        # an old report is in its old cluster, or the old id points to where it went
        assert now[event] == cluster or history.get(cluster) == now[event]


def test_runs_link_from_what_their_workers_prepared_as_a_whole_link_does(tmp_path: Path) -> None:
    """Two runs (the second adds files): the link inputs stored with the articles give the
    clusters, groups and ids that `tidings link` rebuilds from the records."""
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.is_file())
    db = tmp_path / "runs.duckdb"
    settings = load_settings()
    half = len(files) // 2
    run_paths(files[:half], db=db, settings=settings)
    run_paths(files, db=db, settings=settings)
    with Store.open(db) as store:
        incremental = _snapshot(store)
        before = _records(store)
        link_store(store, whole=True)
        assert _snapshot(store) == incremental
        assert sorted(_records(store)) == sorted(before)


def test_a_run_holding_one_story_twice_links(tmp_path: Path) -> None:
    """Two files with one text are one article: its link inputs are stored once."""
    story = next(p for p in sorted(EXAMPLES.iterdir()) if p.suffix == ".txt")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(story.read_bytes())
    db = tmp_path / "twice.duckdb"
    summary = run_paths(
        [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db=db, settings=load_settings()
    )
    assert summary.stored.articles_added >= 1
    assert summary.clusters is not None


def test_a_block_links_the_same_whatever_the_order_of_its_mentions(
    example_records: list[dict[str, Any]],
) -> None:
    """The store hands a block's mentions in any order (two events of one sentence share an
    evidence span): the clusters and their members' order do not depend on it."""
    blocks = group_by_block(example_records)
    for mentions in blocks.values():
        expected = link_block(mentions).clusters
        for seed in range(3):
            shuffled = mentions[:]
            random.Random(seed).shuffle(shuffled)
            assert link_block(shuffled).clusters == expected


def test_the_part_of_a_block_new_mentions_reach_links_as_the_whole_block_does(
    example_records: list[dict[str, Any]],
) -> None:
    """The incremental step relinks only the part of a block that a new article's mentions
    reach (`touched_part`) and keeps the clusters of the rest: the part linked alone and the
    rest linked alone give the very clusters of the whole block, whichever article is new."""
    blocks = group_by_block(example_records)
    articles = sorted({m.article_id for mentions in blocks.values() for m in mentions})
    split = 0
    for article in articles:
        for mentions in blocks.values():
            touched, rest = touched_part(mentions, [m.article_id == article for m in mentions])
            assert sorted(m.event_id for m in [*touched, *rest]) == sorted(
                m.event_id for m in mentions
            )
            if not rest or not touched:
                continue
            split += 1
            parts = [*link_block(touched).clusters, *link_block(rest).clusters]
            whole = link_block(mentions).clusters
            assert sorted(parts, key=lambda c: c.id) == sorted(whole, key=lambda c: c.id)
    assert split, "some block of the examples falls in parts"
