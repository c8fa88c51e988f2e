"""`tidings run` → `tidings events`, `timeline` and `link` end to end on the project's examples:
two outlets report one missile strike with different missile counts, and that is one event
with both reports and the disagreement beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import copy_of
from tidings.cli import app
from tidings.store import Store


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def db(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(example_store, tmp_path_factory.mktemp("events"))


def _clusters(db: Path, *args: str) -> list[dict[str, Any]]:
    result = _invoke("events", "--db", str(db), *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_strike_two_outlets_is_one_event_with_the_disagreement(db: Path) -> None:
    [strike] = _clusters(db, "--actor", "SYR", "--type", "ASSAULT", "--status", "occurred")
    assert (strike["source"]["id"], strike["target"]["id"]) == ("USA", "SYR")
    assert strike["date"]["value"] == "2018-04-14"
    outlets = {article["outlet"] for article in strike["articles"]}
    assert outlets == {"Tidewater Wire", "Harbourline Evening Post"}
    [missiles] = [d for d in strike["discrepancies"] if d["field"] == "missiles"]
    reported = {(v["outlet"], v["low"]) for v in missiles["values"]}
    assert reported == {("Tidewater Wire", 105), ("Harbourline Evening Post", 103)}
    with Store.open(db, read_only=True) as store:
        for article in strike["articles"]:
            stored = store.get_article(article["id"])
            assert stored is not None and stored.document_id
            start, end = article["evidence"]["span"]
            assert stored.text[start:end] in article["evidence"]["sentence"]
            assert article["source"]["path"].endswith("-syria-strikes.txt")


def test_every_cluster_line_has_the_fields_the_issue_names(db: Path) -> None:
    clusters = _clusters(db)
    assert clusters
    for cluster in clusters:
        assert {"id", "type", "source", "target", "date", "status", "articles"} <= set(cluster)
        assert {"discrepancies", "links"} <= set(cluster)
        for article in cluster["articles"]:
            assert {"id", "source", "outlet", "evidence"} <= set(article)
    dated = [c["date"]["value"] for c in clusters if c["date"]["value"]]
    assert dated == sorted(dated)  # oldest first, undated last


def test_filters_narrow_the_list(db: Path) -> None:
    since = _clusters(db, "--since", "2022-10-11")
    assert since and all(c["date"]["value"] >= "2022-10-11" for c in since)
    assert all(c["type"] == "CONSULT" for c in _clusters(db, "--type", "consult"))


def test_timeline_is_readable(db: Path) -> None:
    result = _invoke("timeline", "--db", str(db), "--actor", "SYR")
    assert result.exit_code == 0, result.stderr
    assert "2018-04-14  ASSAULT   USA → SYR  [occurred]  2 article(s)" in result.stdout
    assert "disagreement" in result.stdout


def test_link_rebuilds_the_same_clusters(db: Path) -> None:
    before = _clusters(db)
    result = _invoke("link", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "event clusters" in result.stderr
    assert _clusters(db) == before


def test_bad_since_and_missing_store_are_one_line_each(db: Path, tmp_path: Path) -> None:
    bad = _invoke("events", "--db", str(db), "--since", "last year")
    assert bad.exit_code == 2 and "is not an ISO date" in bad.stderr
    missing = _invoke("timeline", "--db", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 2
    assert len(missing.stderr.strip().splitlines()) == 1


def test_partial_readings_show_only_with_all(db: Path) -> None:
    complete = _clusters(db)
    every = _clusters(db, "--all")
    assert {c["complete"] for c in complete} == {True}
    partial = [c for c in every if not c["complete"]]
    assert partial, "the examples have events known from partial readings only"
    assert len(every) == len(complete) + len(partial)
    for cluster in partial:
        assert cluster["articles"] and all(not a["complete"] for a in cluster["articles"])
    with Store.open(db, read_only=True) as store:
        assert store.clusters(complete=False) == partial
    default = _invoke("timeline", "--db", str(db))
    with_all = _invoke("timeline", "--db", str(db), "--all")
    assert "(partial)" not in default.stdout and "(partial)" in with_all.stdout
    assert default.stderr == f"{len(complete)} events\n"
    assert with_all.stderr == f"{len(every)} events\n"
    relinked = _invoke("link", "--db", str(db))
    assert f"{len(every)} event clusters ({len(complete)} complete)" in relinked.stderr
