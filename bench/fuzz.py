"""The long fuzz run behind `make fuzz`: the strategies and invariants of the CI suite
(tests/fuzz_strategies.py), ten thousand inputs and more, biased towards the cheap paths.

    .venv/bin/python bench/fuzz.py [--scale 1.0] [--seed N]

Most hostile inputs fail fast at ingest or clean (a millisecond or so); those that reach
spaCy cost ~80 ms an article, so the run gives them a few hundred of the ten thousand:

    path        what one input is                                          inputs at scale 1
    ingest      bytes of any kind under any name, documents_from_bytes      4,000
    files       a file of any kind (maybe gzipped), streamed by iter_documents  3,000
    clean       hostile text, markup or news copy through clean_document   2,500
    pipeline    1-2 news texts, a hostile JSONL feed and page: extract_stream   400
    cli         1-4 files of any kind through `tidings extract` (in process)    100

Prints, per path, the inputs run, the seconds taken and the failures; exits 1 if an
invariant broke (hypothesis shrinks the failing input and it is printed). A benchmark, not a
test: CI runs the same checks bounded (tests/test_fuzz_inputs.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fuzz_strategies, when run as a script

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.fuzz_strategies import (  # noqa: E402
    check_articles,
    check_ingest_items,
    hostile_html,
    hostile_text,
    input_file,
    jsonl_bytes,
    news_text,
    record_problems,
    schema_validator,
)
from tidings.clean.pipeline import clean_document  # noqa: E402
from tidings.errors import InputRejected  # noqa: E402
from tidings.ingest import Document, documents_from_bytes, iter_documents  # noqa: E402
from tidings.pipeline import extract_stream  # noqa: E402
from tidings.settings import IngestSettings, load_settings  # noqa: E402

SETTINGS = load_settings()
SMALL = IngestSettings(max_bytes=1 << 20, max_record_bytes=1 << 16)
NAMES = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz", "a.txt.gz", "a.gz", "a", "-"]

# Inputs per path at --scale 1: 10,000 in all, most of them on the cheap paths.
BUDGET = {"ingest": 4000, "files": 3000, "clean": 2500, "pipeline": 400, "cli": 100}


class Workspace:
    """A scratch folder; each input gets a fresh subfolder."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tidings-fuzz-"))
        self._count = 0

    def folder(self) -> Path:
        self._count += 1
        path = self.root / str(self._count)
        path.mkdir()
        return path

    def clear(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)


def ingest_check(calls: list[int]) -> Callable[..., None]:
    @given(
        data=st.one_of(
            input_file().map(lambda named: named[1]),
            st.binary(max_size=4000),
        ),
        name=st.sampled_from(NAMES),
    )
    def check(data: bytes, name: str) -> None:
        calls[0] += 1
        check_ingest_items(list(documents_from_bytes(name, data, settings=SMALL)), name)

    return check


def files_check(calls: list[int], space: Workspace) -> Callable[..., None]:
    @given(named=input_file())
    def check(named: tuple[str, bytes]) -> None:
        calls[0] += 1
        folder = space.folder()
        path = folder / named[0]
        path.write_bytes(named[1])
        check_ingest_items(list(iter_documents([str(path)], settings=SMALL)), str(path))
        space.clear(folder)

    return check


def clean_check(calls: list[int]) -> Callable[..., None]:
    @given(content=st.one_of(news_text(), hostile_text(), hostile_html()), html=st.booleans())
    def check(content: str, html: bool) -> None:
        calls[0] += 1
        doc = Document(
            path="fuzz.txt",
            format="html" if html else "text",
            content=content,
            sha256=hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(),
        )
        check_articles(doc, clean_document)

    return check


def pipeline_check(calls: list[int], space: Workspace, parsed: list[int]) -> Callable[..., None]:
    @given(
        texts=st.lists(news_text(), min_size=1, max_size=2),
        feed=st.one_of(st.none(), jsonl_bytes()),
        page=st.one_of(st.none(), hostile_html()),
    )
    def check(texts: list[str], feed: bytes | None, page: str | None) -> None:
        calls[0] += 1
        folder = space.folder()
        for number, text in enumerate(texts):
            (folder / f"t{number}.txt").write_text(text, encoding="utf-8")
        if feed is not None:
            (folder / "feed.jsonl").write_bytes(feed)
        if page is not None:
            (folder / "page.html").write_bytes(page.encode("utf-8", "replace"))
        for item in extract_stream([str(folder)], settings=SETTINGS):
            if isinstance(item, InputRejected):
                assert item.reason and "\n" not in item.reason
                continue
            parsed[0] += 1
            problems = record_problems(item.record)
            assert problems == [], (problems, item.record["text"])
        space.clear(folder)

    return check


def cli_check(calls: list[int], space: Workspace) -> Callable[..., None]:
    from typer.testing import CliRunner

    from tidings.cli import app

    @given(files=st.lists(input_file(), min_size=1, max_size=4))
    def check(files: list[tuple[str, bytes]]) -> None:
        calls[0] += 1
        folder = space.folder()
        for number, (name, data) in enumerate(files):
            (folder / f"{number}-{name}").write_bytes(data)
        result = CliRunner().invoke(app, ["extract", str(folder), "--format", "jsonl"])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        lines = result.stderr.splitlines()
        assert result.exit_code == (1 if lines else 0), result.stderr
        for line in lines:
            path, sep, reason = line.partition(": ")
            assert sep and reason.strip() and path.startswith(str(folder)), line
        for line in result.stdout.splitlines():
            assert record_problems(json.loads(line)) == []
        space.clear(folder)

    return check


def run_path(name: str, check: Callable[..., None], examples: int, run_seed: int) -> dict[str, Any]:
    configured = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(check)
    wrapped = seed(run_seed)(configured)  # reproducible: --seed N runs the same inputs
    start = time.perf_counter()
    failure = None
    try:
        wrapped()
    except Exception:  # report the shrunk failure and go on with the next path
        failure = traceback.format_exc(limit=-3)
    return {"path": name, "seconds": time.perf_counter() - start, "failure": failure}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every path's inputs")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--only", choices=sorted(BUDGET), action="append", help="run one path")
    args = parser.parse_args()
    space = Workspace()
    calls = {name: [0] for name in BUDGET}
    parsed = [0]
    checks = {
        "ingest": ingest_check(calls["ingest"]),
        "files": files_check(calls["files"], space),
        "clean": clean_check(calls["clean"]),
        "pipeline": pipeline_check(calls["pipeline"], space, parsed),
        "cli": cli_check(calls["cli"], space),
    }
    started = time.perf_counter()
    list(extract_stream([], settings=SETTINGS))  # load the model once, outside the timings
    loading = time.perf_counter() - started
    schema = "checked" if schema_validator() is not None else "skipped (no ../shared)"
    print(f"model and knowledge loaded in {loading:.1f} s; contract schema {schema}", flush=True)
    results = []
    try:
        for name in args.only or BUDGET:
            examples = max(1, round(BUDGET[name] * args.scale))
            result = run_path(name, checks[name], examples, args.seed)
            result["inputs"] = calls[name][0]
            results.append(result)
            status = "FAILED" if result["failure"] else "ok"
            print(
                f"{name:9} {result['inputs']:6d} inputs {result['seconds']:7.1f} s "
                f"{1000 * result['seconds'] / max(1, result['inputs']):6.1f} ms/input  {status}",
                flush=True,
            )
            if result["failure"]:
                print(result["failure"], flush=True)
    finally:
        shutil.rmtree(space.root, ignore_errors=True)
    total = sum(r["inputs"] for r in results)
    seconds = sum(r["seconds"] for r in results)
    failed = [r["path"] for r in results if r["failure"]]
    print(
        f"total     {total:6d} inputs {seconds:7.1f} s; {parsed[0]} articles parsed and checked "
        f"against the contract; {len(failed)} failing paths {failed if failed else ''}".rstrip()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
