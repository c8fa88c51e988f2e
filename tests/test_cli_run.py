"""`tidings run` end to end: stores what `extract` prints, once, and fails plainly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.store_holder import held_by_another_process
from tidings.store import Store

# Each paragraph is one line, as scraped text usually comes.
STORY_ONE = (
    "Ministers agree to resume talks in Geneva\n\n"
    "GENEVA — Foreign ministers from both countries agreed on Monday to resume talks next "
    "month, after a year in which negotiations had stalled over border crossings and the "
    "exchange of prisoners.\n\n"
    "The ministers said in a joint statement that the first round would focus on trade and on "
    "the return of displaced families. Officials on both sides described the meeting as "
    "constructive, though neither gave a date for the talks.\n"
)
STORY_TWO = (
    "Flooding closes roads across the northern province\n\n"
    "Heavy rain caused rivers to burst their banks across the northern province on Tuesday, "
    "closing dozens of roads and forcing schools to shut for the rest of the week while "
    "engineers inspect the bridges.\n\n"
    "Emergency services said they had rescued several families from their homes overnight, "
    "and the regional governor asked residents to avoid travelling until the water level "
    "falls and the roads have been cleared.\n"
)


def _invoke(*args: str) -> Any:
    from typer.testing import CliRunner

    from tidings.cli import app

    return CliRunner().invoke(app, list(args))


def _write_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = [folder / "one.txt", folder / "two.txt"]
    paths[0].write_text(STORY_ONE, encoding="utf-8")
    paths[1].write_text(STORY_TWO, encoding="utf-8")
    return paths


def test_run_twice_stores_everything_once(tmp_path: Path) -> None:
    inputs = _write_inputs(tmp_path / "news")
    db = tmp_path / "store.duckdb"
    first = _invoke("run", *map(str, inputs), "--db", str(db), "--quiet")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    with Store.open(db) as store:
        stored = store.count("articles")
    assert stored >= 2
    with Store.open(db) as store:
        clusters, reports = store.count("event_clusters"), store.count("cluster_members")
    assert first.stderr.strip().splitlines()[-1] == (
        f"stored {stored} new articles (0 already present) from 2 inputs; 0 rejected; "
        f"{clusters} event clusters of {reports} event reports"
    )
    second = _invoke("run", *map(str, inputs), "--db", str(db), "--quiet")
    assert second.exit_code == 0, second.stderr
    assert second.stderr.strip().splitlines()[-1] == (
        f"stored 0 new articles ({stored} already present) from 2 inputs; 0 rejected"
    )
    with Store.open(db) as store:
        assert store.count("articles") == stored


def test_run_stores_exactly_what_extract_prints(tmp_path: Path) -> None:
    inputs = [str(path) for path in _write_inputs(tmp_path / "news")]
    db = tmp_path / "store.duckdb"
    assert _invoke("run", *inputs, "--db", str(db), "--quiet").exit_code == 0
    extracted = _invoke("extract", *inputs, "--format", "jsonl", "--all")
    assert extracted.exit_code == 0, extracted.stderr
    printed = [json.loads(line) for line in extracted.stdout.splitlines()]
    with Store.open(db) as store:
        assert list(store.article_records()) == printed


def test_run_reports_a_rejected_input_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_ONE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    result = _invoke("run", str(good), str(empty), "--db", str(db))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{empty}: ") for line in lines), result.stderr
    assert re.fullmatch(r"stored \d+ new articles? \(0 already present\) from 2 inputs; 1 rejected"
                        r"; \d+ event clusters? of \d+ event reports?",
                        lines[-1])  # fmt: skip
    assert "Traceback" not in result.stderr
    with Store.open(db) as store:
        assert store.count("articles") >= 1


def test_run_on_a_store_in_use_exits_2_with_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_ONE, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    settings = tmp_path / "settings.yaml"
    settings.write_text("store:\n  lock_wait_seconds: 1\n", encoding="utf-8")
    with held_by_another_process(db):
        result = _invoke("run", str(good), "--db", str(db), "--settings", str(settings))
    assert result.exit_code == 2
    in_use = (
        rf"tidings: {re.escape(str(db))} is in use by another process \(PID \d+\); "
        r"gave up after 1 s\n"
    )
    assert re.fullmatch(in_use, result.stderr)


def test_run_on_a_file_that_is_not_duckdb_exits_2_with_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_ONE, encoding="utf-8")
    db = tmp_path / "notes.txt"
    db.write_text("not a database", encoding="utf-8")
    result = _invoke("run", str(good), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr == f"tidings: {db} is not a DuckDB database\n"
