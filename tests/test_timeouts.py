"""The per-article time budget (`parse.timeout_seconds`): an article past it is rejected with
one line and the others are printed or stored.

What is slow is under the test's control: a stage (or cleaning, or parsing) made to spin in
Python for one marked article, which only the budget can stop. The budgets are seconds long
and every other article takes a fraction of that, so no figure here depends on the machine's
speed beyond wide margins.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, extract_records
from tidings.errors import ConfigError
from tidings.ingest import Document, iter_documents
from tidings.parallel import Done, Refused, extract_documents, load_knowledge
from tidings.parse.budget import Budget, Overrun
from tidings.settings import Settings, load_settings
from tidings.store import Store

MARKER = "Slowfield"
SLOW_STORY = (
    "Slowfield Council Reopens the Old Mill\n\n"
    f"The council of {MARKER} voted on Thursday to reopen the old mill as a museum, after "
    "engineers found its timber frame sound enough to take visitors again.\n\n"
    "Residents said the decision came after years of campaigning by the local history "
    "society, which will run the museum at weekends.\n"
)
# Seconds: far above what any example takes in one step, far below the tests' patience.
BUDGET = 4
REASON = f"timed out after {BUDGET} s (parse.timeout_seconds)"
SPIN_LIMIT = 90.0  # a broken budget fails the test after this long instead of hanging


def _spin() -> None:
    """Python code that never finishes by itself (within SPIN_LIMIT)."""
    ends = time.monotonic() + SPIN_LIMIT
    while time.monotonic() < ends:
        pass


def _with_budget(settings: Settings, seconds: float) -> Settings:
    return dataclasses.replace(
        settings, parse=dataclasses.replace(settings.parse, timeout_seconds=seconds)
    )


@dataclasses.dataclass(frozen=True)
class Corpus:
    """The examples with the slow story among them (in the middle of the walk), and the
    records the examples give without the slow story and without any budget."""

    folder: Path
    expected: list[dict[str, Any]]

    @property
    def slow(self) -> str:
        return str(self.folder / "m-slowfield.txt")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("timeouts") / "news"
    shutil.copytree(EXAMPLES, folder)
    records, rejected = extract_records(folder)
    assert not rejected and len(records) >= 9
    (folder / "m-slowfield.txt").write_text(SLOW_STORY, encoding="utf-8")
    return Corpus(folder, records)


@pytest.fixture()
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "budget.yaml"
    path.write_text(f"parse:\n  timeout_seconds: {BUDGET}\n", encoding="utf-8")
    return path


def _invoke(*args: str) -> Any:
    from typer.testing import CliRunner

    from tidings.cli import app

    return CliRunner().invoke(app, list(args))


# --- the budget itself -------------------------------------------------------------------------


def test_python_code_past_the_budget_is_interrupted() -> None:
    began = time.monotonic()
    with pytest.raises(Overrun), Budget(0.2).limit():
        _spin()
    assert time.monotonic() - began < SPIN_LIMIT / 2
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_step_within_the_budget_leaves_no_alarm_and_no_handler_behind() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with Budget(30).limit():
        total = sum(range(1000))
    assert total == 499500
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) == before


def test_off_the_main_thread_a_step_past_the_budget_is_refused_when_it_returns() -> None:
    caught: list[BaseException] = []

    def step() -> None:
        try:
            with Budget(0.05).limit():
                time.sleep(0.3)
        except Overrun as exc:
            caught.append(exc)

    thread = threading.Thread(target=step)
    thread.start()
    thread.join()
    assert len(caught) == 1


def test_zero_is_no_budget() -> None:
    with Budget(0).limit():
        time.sleep(0.05)


def test_the_reason_names_the_budget_and_the_setting() -> None:
    assert Budget(60).reason() == "timed out after 60 s (parse.timeout_seconds)"
    assert Budget(0.5).reason() == "timed out after 0.5 s (parse.timeout_seconds)"


@pytest.mark.parametrize(("value", "expected_seconds"), [("5", 5.0), ("2.5", 2.5), ("0", 0.0)])
def test_the_setting_takes_whole_and_fractional_seconds(
    tmp_path: Path, value: str, expected_seconds: float
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"parse:\n  timeout_seconds: {value}\n", encoding="utf-8")
    assert load_settings(path).parse.timeout_seconds == expected_seconds
    assert load_settings().parse.timeout_seconds == 60.0


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "must be at least 0"), ("soon", "must be float")],
)
def test_a_bad_budget_is_a_config_error(tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"parse:\n  timeout_seconds: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


# --- each step of the per-article flow -------------------------------------------------------


def _documents(folder: Path) -> list[Document]:
    return [d for d in iter_documents([str(folder)], settings=load_settings().ingest)
            if isinstance(d, Document)]  # fmt: skip


def _outcomes(folder: Path) -> list[Any]:
    knowledge = load_knowledge(_with_budget(load_settings(), BUDGET))
    return [o for outcomes in extract_documents(_documents(folder), knowledge=knowledge)
            for o in outcomes]  # fmt: skip


def _check(outcomes: list[Any], corpus: Corpus) -> None:
    refused = [o for o in outcomes if isinstance(o, Refused)]
    assert refused == [Refused(corpus.slow, REASON)]
    assert [o.record for o in outcomes if isinstance(o, Done)] == corpus.expected


def _slow_actors_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The actor stage spins past the budget on the article with MARKER."""
    import tidings.pipeline

    original = tidings.pipeline.resolve_actors

    def slow_actors(parsed: Any, **kwargs: Any) -> Any:
        if MARKER in parsed.article.text:
            _spin()
        return original(parsed, **kwargs)

    monkeypatch.setattr(tidings.pipeline, "resolve_actors", slow_actors)


def test_a_stage_past_the_budget_rejects_its_article_and_the_chunk_goes_on(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_actors_on_marker(monkeypatch)
    _check(_outcomes(corpus.folder), corpus)


def test_a_parse_past_the_budget_is_retried_alone_and_only_its_article_is_rejected(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tidings.parallel

    original = tidings.parallel.parse_articles
    parses: list[int] = []

    def slow_parse(articles: Any, **kwargs: Any) -> Iterator[Any]:
        parses.append(len(articles))
        for parsed in original(articles, **kwargs):
            if MARKER in parsed.article.text:
                _spin()
            yield parsed

    monkeypatch.setattr(tidings.parallel, "parse_articles", slow_parse)
    _check(_outcomes(corpus.folder), corpus)
    # the whole chunk once, then each article alone (after the warm-up of `load_knowledge`)
    articles = len(corpus.expected) + 1
    assert parses[-articles - 1 :] == [articles] + [1] * articles


def test_cleaning_past_the_budget_rejects_the_page(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tidings.parallel

    original = tidings.parallel.clean_one

    def slow_clean(document: Document, **kwargs: Any) -> Any:
        if MARKER in document.content:
            _spin()
        return original(document, **kwargs)

    monkeypatch.setattr(tidings.parallel, "clean_one", slow_clean)
    _check(_outcomes(corpus.folder), corpus)


# --- through the command line ------------------------------------------------------------------


def test_extract_prints_every_other_article_and_one_line_for_the_slow_one(
    corpus: Corpus, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_actors_on_marker(monkeypatch)
    result = _invoke("extract", str(corpus.folder), "--settings", str(settings_file), "--all")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{corpus.slow}: {REASON}"]
    assert [json.loads(line) for line in result.stdout.splitlines()] == corpus.expected


# Loaded at start-up by every Python process of the test's command (`sitecustomize`), the
# parent and each spawned worker alike: the actors stage spins on the marked article.
SLOW_SITE = f"""
import time

import tidings.pipeline

_original = tidings.pipeline.resolve_actors


def _slow_actors(parsed, **kwargs):
    if {MARKER!r} in parsed.article.text:
        ends = time.monotonic() + {SPIN_LIMIT}
        while time.monotonic() < ends:
            pass
    return _original(parsed, **kwargs)


tidings.pipeline.resolve_actors = _slow_actors
"""


def test_run_with_two_workers_stores_every_other_article_and_reports_the_slow_one(
    corpus: Corpus, settings_file: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_SITE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site),
           os.environ.get("PYTHONPATH")]))}  # fmt: skip
    db = tmp_path / "store.duckdb"
    command = [sys.executable, "-m", "tidings", "run", str(corpus.folder), "--db", str(db), "-q",
               "--workers", "2", "--settings", str(settings_file)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:-1] == [f"{corpus.slow}: {REASON}"]
    assert "; 1 rejected;" in lines[-1]
    with Store.open(db, read_only=True) as store:
        assert list(store.article_records()) == corpus.expected
