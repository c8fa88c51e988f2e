"""`tidings extract` end to end, as a user runs it: a subprocess, its exit code, standard output
and standard error. The examples and standard input go through a real process (the examples'
ids are compared with an in-process run's: two hash seeds); the rest runs the same command in
process (`tidings_in_process`, which fails the test on any exception the CLI lets out), which
saves a spaCy load each."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, shared_path, tidings_in_process

STORY = (
    "Harbour Bridge Closed to Lorries\n\n"
    "The council voted on Thursday to close the old harbour bridge to heavy traffic until "
    "engineers finish a full inspection of its steel frame.\n\n"
    "Residents said they had been warned about cracks for years and that the decision came far "
    "too late for the businesses nearby.\n"
)


def tidings(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tidings", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def jsonl(out: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def examples_by_a_process() -> subprocess.CompletedProcess[bytes]:
    return tidings("extract", str(EXAMPLES), "--format", "jsonl")


@pytest.fixture(scope="module")
def examples_in_process() -> subprocess.CompletedProcess[bytes]:
    return tidings_in_process("extract", str(EXAMPLES))


def test_examples_as_jsonl_exit_zero_and_stdout_is_only_json(
    examples_by_a_process: subprocess.CompletedProcess[bytes],
) -> None:
    result = examples_by_a_process
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert len(records) == 9
    for record in records:
        for field in (
            "id",
            "source",
            "title",
            "published",
            "text",
            "entities",
            "quotes",
            "events",
            "times",
            "places",
        ):
            assert field in record


def test_output_follows_the_shared_contract(
    examples_in_process: subprocess.CompletedProcess[bytes],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("contract", "article.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    result = examples_in_process
    assert result.returncode == 0, result.stderr
    for record in jsonl(result.stdout):
        assert not list(validator.iter_errors(record)), record["id"]
    checker = shared_path("contract", "validate.py")
    validated = subprocess.run(
        [sys.executable, str(checker)], input=result.stdout, capture_output=True, check=False
    )
    assert validated.returncode == 0, validated.stdout


def test_bad_inputs_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (tmp_path / "broken.html.gz").write_bytes(
        gzip.compress(b"<html><body><p>x</p></body></html>")[:20]
    )
    (tmp_path / "nothing.html").write_text(
        "<html><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "r1", "text": STORY}) + "\n{not json\n", encoding="utf-8"
    )
    result = tidings_in_process("extract", str(tmp_path))
    assert result.returncode == 1
    records = jsonl(result.stdout)
    assert sorted(r["id"] for r in records)[0] != "" and len(records) == 2
    errors = result.stderr.decode("utf-8").strip().splitlines()
    assert len(errors) == 5, errors
    assert all(": " in line and "Traceback" not in line for line in errors)
    named = " ".join(errors)
    for name in ("empty.txt", "binary.txt", "broken.html.gz", "nothing.html", "feed.jsonl:2"):
        assert name in named


def test_size_limit_is_an_option(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    result = tidings_in_process("extract", str(tmp_path / "story.txt"), "--max-bytes", "100")
    assert result.returncode == 1
    assert "story.txt" in result.stderr.decode() and result.stdout == b""


def test_stdin_json_and_text_formats() -> None:
    piped = tidings("extract", "-", "--format", "json", stdin=STORY.encode("utf-8"))
    assert piped.returncode == 0, piped.stderr
    [record] = json.loads(piped.stdout)
    assert record["title"] == "Harbour Bridge Closed to Lorries"
    assert record["source"]["path"] == "-"
    text = tidings_in_process("extract", "-", "--format", "text", stdin=STORY.encode("utf-8"))
    assert b"# Harbour Bridge Closed to Lorries" in text.stdout


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert tidings_in_process("extract", "--format", "yaml", str(EXAMPLES)).returncode == 2
    assert tidings_in_process("extract").returncode == 2
    bad = tmp_path / "settings.yaml"
    bad.write_text("ingest:\n  max_byte: 3\n", encoding="utf-8")
    result = tidings_in_process("extract", str(EXAMPLES), "--settings", str(bad))
    assert result.returncode == 2
    assert "unknown setting 'ingest.max_byte'" in result.stderr.decode()


PAGE = (
    "<html><head><title>Harbour Bridge Closed to Lorries | Coast Times</title>"
    '<meta property="og:site_name" content="Coast Times"></head><body><nav>Home News</nav>'
    "<article><h1>Harbour Bridge Closed to Lorries</h1>"
    "<p>The council voted on Thursday to close the old harbour bridge to heavy traffic until "
    "engineers finish a full inspection of its steel frame.</p><p>Residents said they had been "
    "warned about cracks for years and that the decision came far too late.</p></article>"
    "<footer>© 2024 Coast Times. All rights reserved.</footer></body></html>"
)


def test_warc_html_gz_and_jsonl_html_end_to_end(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with (tmp_path / "crawl.warc.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://coast.example/bridge",
            "response",
            payload=BytesIO(PAGE.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "h1", "html": PAGE}) + "\n", encoding="utf-8"
    )
    result = tidings_in_process("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    records = {Path(str(r["source"]["path"])).name: r for r in jsonl(result.stdout)}
    assert set(records) == {"crawl.warc.gz#0", "page.html.gz", "feed.jsonl:1"}
    for record in records.values():
        assert record["title"] == "Harbour Bridge Closed to Lorries"
        assert record["source"]["outlet"] == "Coast Times"
        assert str(record["text"]).startswith("The council voted on Thursday")
        assert "All rights reserved" not in str(record["text"])
    assert records["crawl.warc.gz#0"]["source"]["url"] == "https://coast.example/bridge"
    assert records["feed.jsonl:1"]["id"] == "h1"


def test_ids_are_stable_across_runs(
    examples_by_a_process: subprocess.CompletedProcess[bytes],
    examples_in_process: subprocess.CompletedProcess[bytes],
) -> None:
    # two processes (the child's and this one), so two string-hash seeds
    first = [r["id"] for r in jsonl(examples_by_a_process.stdout)]
    second = [r["id"] for r in jsonl(examples_in_process.stdout)]
    assert first == second and len(set(first)) == len(first)
