"""Crash safety: `tidings run` killed with SIGKILL partway through, then run again, stores
every article exactly once, and the store it leaves behind always opens and reads.

The run is a real child process (`python -m tidings run`). Batches are made small
(`store.batch_size: 2`, `parse.batch_size: 1`) so that they commit often, and the moment to
kill is told by the run's own standard error: empty files placed among the articles are
rejected with one line each as the stream reaches them. (The store itself could be read
meanwhile, as a run holds it only while it writes a batch, but the count of stored articles
moves with the run; a line on standard error marks one point of the stream.) A kill may land
while the run holds the store for a batch or while it has it closed: either way the store
opens afterwards, and the run lock beside it went with the process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tidings.pipeline import extract_stream
from tidings.settings import load_settings
from tidings.store import BatchWriter, Store, run_lock

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 30

PLACES = ["Geneva", "Nairobi", "Lima", "Oslo", "Manila", "Dakar", "Quito", "Hanoi", "Tunis", "Riga"]
EVENTS = [
    (
        "Ministers agree to resume talks in {place}",
        "Foreign ministers from both countries agreed on {day} to resume talks in {place} next "
        "month, after {n} rounds in which negotiations had stalled over border crossings.",
    ),
    (
        "Protesters march through {place} over fuel prices",
        "Thousands of protesters marched through the centre of {place} on {day}, demanding that "
        "the government reverse a rise in fuel prices of {n} percent announced last week.",
    ),
    (
        "Flooding closes roads around {place}",
        "Heavy rain caused rivers to burst their banks around {place} on {day}, closing {n} roads "
        "and forcing schools to shut for the rest of the week while engineers inspect bridges.",
    ),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SECOND = (
    "Officials said in a statement that {n} people had been affected and that the regional "
    "governor would visit {place} later in the week. Neither side gave a date for new measures."
)


def article_text(number: int) -> str:
    """Article `number` of the generated corpus: a headline and two paragraphs, all distinct."""
    headline, first = EVENTS[number % len(EVENTS)]
    place = PLACES[number % len(PLACES)]
    values = {"place": place, "day": DAYS[number % len(DAYS)], "n": 3 + number}
    return (
        "\n\n".join([headline.format(**values), first.format(**values), SECOND.format(**values)])
        + "\n"
    )


def write_corpus(folder: Path, *, articles: int = ARTICLES, markers: tuple[int, ...] = ()) -> Path:
    """`articles` small articles, one file each, in name order; before article k of `markers`
    an empty file whose rejection marks on standard error that the stream reached it."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        (folder / f"a{number:03d}.txt").write_text(article_text(number), encoding="utf-8")
    for number in markers:
        (folder / f"a{number:03d}-0-marker.txt").write_bytes(b"")
    return folder


def write_settings(path: Path) -> Path:
    """Batches committed every two articles; articles parsed one at a time (so the stream,
    and the rejection lines, move in step with the writes)."""
    path.write_text("store:\n  batch_size: 2\nparse:\n  batch_size: 1\n", encoding="utf-8")
    return path


def start_run(folder: Path, db: Path, settings: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tidings",
            "run",
            str(folder),
            "--db",
            str(db),
            "--settings",
            str(settings),
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_to_end(folder: Path, db: Path, settings: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tidings",
            "run",
            str(folder),
            "--db",
            str(db),
            "--settings",
            str(settings),
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def kill_when(child: subprocess.Popen[str], marker: str, *, timeout: float = 300) -> list[str]:
    """SIGKILL `child` as soon as a line of its standard error names `marker`; the lines read
    until then."""
    assert child.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = child.stderr.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, (child.returncode, lines)
    return lines


def stored_ids(db: Path) -> list[str]:
    with Store.open(db, read_only=True) as store:
        return [article.record["id"] for article in store.iter_articles()]


def expected_ids(folder: Path) -> set[str]:
    """The ids an uninterrupted run would store (articles are content-hashed)."""
    return {
        item.record["id"]
        for item in extract_stream([str(folder)], settings=load_settings())
        if not isinstance(item, BaseException)
    }


def test_a_run_killed_partway_and_rerun_stores_every_article_once(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "news", markers=(12, ARTICLES))
    settings = write_settings(tmp_path / "settings.yaml")
    db = tmp_path / "store.duckdb"
    expected = expected_ids(folder)
    assert len(expected) == ARTICLES

    # 1. killed partway through the batches
    lines = kill_when(start_run(folder, db, settings), "a012-0-marker.txt")
    assert "a012-0-marker.txt: empty file" in lines[-1]
    # the locks went with the process: the store opens for writing at once (DuckDB replays
    # its write-ahead log), holds the committed batches and none of the rest; the run lock
    # beside it is free
    with Store.open(db) as store:
        assert store.count("articles") >= 0
    with run_lock(db):
        pass
    partial = stored_ids(db)
    assert 0 < len(partial) < ARTICLES, len(partial)
    assert len(partial) == len(set(partial)) and set(partial) <= expected

    # 2. killed again when the stream has ended: in the last flush or the link step
    kill_when(start_run(folder, db, settings), f"a{ARTICLES:03d}-0-marker.txt")
    again = stored_ids(db)
    assert len(partial) <= len(again) <= ARTICLES and len(again) == len(set(again))
    with Store.open(db, read_only=True) as store:
        store.count("event_clusters")  # the link tables read: old clusters, new ones, or none

    # 3. run to the end: every article exactly once
    rerun = run_to_end(folder, db, settings)
    assert rerun.returncode == 1, rerun.stderr  # the markers are rejected again: exit 1
    assert "Traceback" not in rerun.stderr
    assert rerun.stderr.splitlines()[-1].startswith(
        f"stored {ARTICLES - len(again)} new article"
    ), rerun.stderr
    final = stored_ids(db)
    assert len(final) == ARTICLES and set(final) == expected  # each exactly once
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == ARTICLES
        assert store.count("documents") == ARTICLES


def _cluster_members(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return store.count("cluster_members")


def test_a_crash_between_the_last_batch_and_the_link_step_is_repaired_by_a_rerun(
    tmp_path: Path,
) -> None:
    folder = write_corpus(tmp_path / "news", articles=8)
    settings = write_settings(tmp_path / "settings.yaml")
    reference = tmp_path / "reference.duckdb"
    assert _invoke_run(folder, reference, settings).exit_code == 0
    # the crash, made deterministic: every batch committed, the process gone before relink
    db = tmp_path / "store.duckdb"
    with Store.open(db) as store:
        writer = BatchWriter(store, batch_size=2)
        for item in extract_stream([str(folder)], settings=load_settings()):
            if not isinstance(item, BaseException):
                writer.put(item.parsed, item.record)
        writer.flush()
    assert _cluster_members(reference) > 0
    rerun = _invoke_run(folder, db, settings)
    assert rerun.exit_code == 0, rerun.stderr
    assert _cluster_members(db) == _cluster_members(reference)


def _invoke_run(folder: Path, db: Path, settings: Path) -> Any:
    """`tidings run` in this process (the model is loaded once for the whole test session)."""
    from typer.testing import CliRunner

    from tidings.cli import app

    args = ["run", str(folder), "--db", str(db), "--settings", str(settings), "--quiet"]
    return CliRunner().invoke(app, args)
