"""Shared fixtures. `../shared` (the team's gold data and seeds) is optional: tests that need it
skip cleanly when it is absent, as it is in a user's clone."""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tidings.errors import InputRejected
from tidings.pipeline import extract_stream
from tidings.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))


# The modules that take longest (real processes, a Spark job, whole gold data sets), longest
# first as measured with `pytest -n 2 --junitxml` (seconds per module, summed). `make test` runs
# the suite on two workers a module at a time (`pytest -n 2 --dist loadfile
# --no-loadscope-reorder`): begun first, these leave the short modules to fill in beside them,
# where begun later one of them could end the run alone on one worker while the other stood idle.
LONGEST_FIRST = (
    "test_concurrency.py",
    "test_spark.py",
    "test_crash_resume.py",
    "test_run_workers.py",
    "test_timeouts.py",
    "test_cli_extract.py",
    "test_eval_ner.py",
    "test_fuzz_inputs.py",
    "test_eval_quotes.py",
    "test_actors_cli.py",
    "test_eval_clean.py",
    "test_eval_timebank.py",
    "test_eval_plover.py",
    "test_fetch.py",
    "test_serve_strict.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules of LONGEST_FIRST before the others, each module's tests in their order."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is optional)")
    return path


def extract_records(*sources: Path | str) -> tuple[list[dict[str, Any]], list[InputRejected]]:
    records: list[dict[str, Any]] = []
    rejected: list[InputRejected] = []
    for item in extract_stream([str(s) for s in sources], settings=load_settings()):
        if isinstance(item, InputRejected):
            rejected.append(item)
        else:
            records.append(item.record)
    return records, rejected


@pytest.fixture(scope="session")
def example_records() -> Iterator[list[dict[str, Any]]]:
    records, rejected = extract_records(EXAMPLES)
    assert not rejected, rejected
    yield records


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the examples made by `tidings run` (in process), once per session. Tests read
    it through `copy_of`: DuckDB refuses two configurations of one file in one process, and a
    module's server or a writer must not meet another module's connections."""
    from tidings.cli import app as cli  # here: a module that needs no store needs no CLI

    path = tmp_path_factory.mktemp("example-store") / "news.duckdb"
    result = CliRunner().invoke(cli, ["run", str(EXAMPLES), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return path


def copy_of(store: Path, folder: Path, name: str = "news.duckdb") -> Path:
    """A copy of `store` in `folder` (a store is one file; the lock files beside it are made
    when needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(store, target)
    return target


@contextlib.contextmanager
def in_process(app: FastAPI) -> Iterator[httpx.Client]:
    """A client that calls `app` in this process (its lifespan run), answering as the real
    server would: errors as 500 responses, redirects not followed. For tests where the HTTP
    server itself is not the point; each kind keeps one test over a real server
    (`tests.test_serve_api.running`)."""
    with TestClient(
        app, base_url="http://127.0.0.1", raise_server_exceptions=False, follow_redirects=False
    ) as client:
        yield client


@pytest.fixture(scope="session")
def examples_printed_all() -> str:
    """What `tidings extract examples --format jsonl --all` prints (in process), once per
    session: every reading, partial ones too, as the store keeps them."""
    from tidings.cli import app as cli

    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES), "--format", "jsonl", "--all"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def tidings_in_process(
    *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`tidings ARGS` run in this process (typer's CliRunner), shaped as `subprocess.run`
    returns it: the exit code, standard output and standard error apart. An exception the CLI
    lets out fails the test, as a traceback from a process would. Saves a process and a spaCy
    load where the process is not the point; test_cli_extract and test_cli_run still run the
    commands as real processes."""
    from tidings.cli import app as cli

    result = CliRunner().invoke(cli, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["tidings", *args], result.exit_code, result.stdout_bytes, result.stderr_bytes
    )


@pytest.fixture(scope="session")
def seed_records_once() -> list[dict[str, Any]]:
    """The records of ../shared's seeds, extracted once per session (or a skip)."""
    records, rejected = extract_records(shared_path("examples", "seeds"))
    assert not rejected, rejected
    return records


@pytest.fixture(scope="module")
def seed_records(seed_records_once: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A module's own copy of the seeds' records (a test may change what it reads)."""
    return copy.deepcopy(seed_records_once)
