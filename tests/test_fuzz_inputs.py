"""Fuzz and property checks over every input path: hostile bytes and text through ingest,
clean, the whole per-article pipeline and the CLI. Nothing escapes but `InputRejected`, every
span stays inside its text, every record keeps the contract, every rejected input gets one line.

Bounded for CI (a few hundred examples, short texts, one loaded model); `make fuzz` runs the
same strategies and invariants ten thousand times and more (bench/fuzz.py)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_strategies import (
    check_articles,
    check_ingest_items,
    gzip_bomb,
    hostile_html,
    hostile_text,
    input_file,
    jsonl_bytes,
    make_warc,
    news_text,
    record_problems,
    schema_validator,
)
from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.ingest import Document, iter_documents
from tidings.pipeline import extract_stream
from tidings.settings import IngestSettings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = load_settings()
SMALL = IngestSettings(max_bytes=1 << 20, max_record_bytes=1 << 16)

CHEAP = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Examples that reach spaCy cost ~80 ms an article: a few dozen.
PARSED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _fresh(tmp_path: Path, name: str) -> Path:
    """A folder of its own for one hypothesis example (tmp_path is shared by them all)."""
    folder = tmp_path / hashlib.sha256(name.encode() + os.urandom(8)).hexdigest()[:12]
    folder.mkdir()
    return folder


# --- ingest: any file of any kind ---------------------------------------------------------------


@CHEAP
@given(named=input_file())
def test_any_input_file_gives_documents_or_one_line_rejections(
    tmp_path: Path, named: tuple[str, bytes]
) -> None:
    name, data = named
    path = _write(_fresh(tmp_path, name), name, data)
    items = list(iter_documents([str(path)], settings=SMALL))
    check_ingest_items(items, str(path))


# --- clean: any text or markup -----------------------------------------------------------------


@CHEAP
@given(
    content=st.one_of(news_text(), hostile_text(), hostile_html()),
    html=st.booleans(),
)
def test_clean_gives_articles_or_rejects_the_document(content: str, html: bool) -> None:
    doc = Document(
        path="fuzz.txt",
        format="html" if html else "text",
        content=content,
        sha256=hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(),
    )
    for article in check_articles(doc, clean_document):
        # clean removes what carries no text (zero-width, controls): none is left for parse
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]", article.text)


# --- the whole per-article pipeline: records keep the contract ---------------------------------


def _extracted(paths: list[Path]) -> tuple[list[dict[str, Any]], list[InputRejected]]:
    records: list[dict[str, Any]] = []
    rejected: list[InputRejected] = []
    for item in extract_stream([str(p) for p in paths], settings=SETTINGS):
        if isinstance(item, InputRejected):
            rejected.append(item)
        else:
            records.append(item.record)
    return records, rejected


@PARSED
@given(
    texts=st.lists(news_text(), min_size=1, max_size=2),
    feed=st.one_of(st.none(), jsonl_bytes()),
    page=st.one_of(st.none(), hostile_html()),
)
def test_records_keep_the_contract_and_spans_stay_in_the_text(
    tmp_path: Path, texts: list[str], feed: bytes | None, page: str | None
) -> None:
    folder = _fresh(tmp_path, "records")
    paths = [_write(folder, f"t{i}.txt", text.encode("utf-8")) for i, text in enumerate(texts)]
    if feed is not None:
        paths.append(_write(folder, "feed.jsonl", feed))
    if page is not None:
        paths.append(_write(folder, "page.html", page.encode("utf-8", "replace")))
    records, rejected = _extracted(paths)
    for record in records:
        assert record_problems(record) == [], record["text"]
    for item in rejected:
        assert item.reason and "\n" not in item.reason


def test_the_schema_check_runs_when_shared_is_present() -> None:
    if schema_validator() is None:
        pytest.skip("../shared/contract is not present (it is optional)")
    assert schema_validator() is not None


# --- gzip bombs -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.gz", "bomb.html.gz"])
def test_a_gzip_bomb_page_is_refused_with_a_reason_in_flat_memory(
    tmp_path: Path, name: str
) -> None:
    # 100 MB of zeros in ~100 kB: a single document is decompressed only up to the cap.
    path = _write(tmp_path, name, gzip_bomb(100_000_000))
    tracemalloc.start()
    items = list(iter_documents([str(path)], settings=SMALL))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    [item] = items
    assert isinstance(item, InputRejected)
    assert item.reason == f"larger than {SMALL.max_bytes} bytes decompressed (max_bytes)"
    assert peak < 8 * SMALL.max_bytes


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.warc.gz"])
def test_a_gzip_bomb_container_is_streamed_and_refused(tmp_path: Path, name: str) -> None:
    # 200 MB in 20 members of the same compressed 10 MB: containers are streamed, so the cap is
    # per record and memory stays flat; the one huge "record" is refused.
    member = gzip.compress(b'{"text": "' + b"a" * 10_000_000, mtime=0)
    data = member * 20 if name.endswith(".jsonl.gz") else gzip_bomb(200_000_000, members=20)
    path = _write(tmp_path, name, data)
    tracemalloc.start()
    items = list(iter_documents([str(path)], settings=SMALL))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert items and all(isinstance(item, InputRejected) for item in items), items
    check_ingest_items(items, str(path))
    assert peak < 16 * SMALL.max_bytes


# --- a 10 MB single line (as a page it is in the CLI test below) -------------------------------

TEN_MB_LINE = ("The minister said the talks would resume in Geneva. " * 200_000)[:10_000_000]


def test_a_ten_megabyte_jsonl_line_over_the_record_cap_is_refused_alone(tmp_path: Path) -> None:
    line = json.dumps({"text": TEN_MB_LINE}).encode()
    path = _write(tmp_path, "feed.jsonl", line + b'\n{"text": 5}\n')
    items = list(iter_documents([str(path)], settings=SMALL))
    assert [item.reason for item in items if isinstance(item, InputRejected)] == [
        f"longer than {SMALL.max_record_bytes} bytes (max_record_bytes)",
        "'text' must be a string",
    ]


# --- JSON Lines with the wrong types -------------------------------------------------------------

WRONG_TYPES = [
    ({"text": 5}, "'text' must be a string"),
    ({"text": ["a", "b"]}, "'text' must be a string"),
    ({"text": {"a": 1}}, "'text' must be a string"),
    ({"text": None}, "no 'text' or 'html'"),
    ({"text": "   "}, "empty 'text'"),
    ({"html": 3.5}, "'html' must be a string"),
    ({"text": "Talks resumed.", "id": {"a": 1}}, "'id' must be a string or a number"),
    ({"text": "Talks resumed.", "id": [1]}, "'id' must be a string or a number"),
    ({"text": "Talks resumed.", "published": 20200103}, "'published' must be a string"),
    ({"text": "Talks resumed.", "title": ["x"]}, "'title' must be a string"),
    ({"text": "Talks resumed.", "outlet": False}, "'outlet' must be a string"),
    ({"text": "Talks resumed.", "url": 1}, "'url' must be a string"),
]


def test_jsonl_records_of_the_wrong_types_are_refused_one_by_one(tmp_path: Path) -> None:
    lines = [json.dumps(record) for record, _ in WRONG_TYPES]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    items = list(iter_documents([str(path)], settings=SETTINGS.ingest))
    assert [(item.path, item.reason) for item in items if isinstance(item, InputRejected)] == [
        (f"{path}:{number}", reason) for number, (_, reason) in enumerate(WRONG_TYPES, start=1)
    ]


def test_garbage_dates_and_escaped_surrogates_still_give_valid_records(tmp_path: Path) -> None:
    text = "The minister said on Tuesday that talks would resume in Geneva next month."
    lines = [
        json.dumps({"id": 17, "text": text, "published": "garbage"}),
        json.dumps({"id": True, "text": text + " Again.", "published": "2020-13-45"}),
        # a lone surrogate, which JSON can spell and no UTF-8 text can hold
        '{"id": "s\\ud800", "title": "\\udfff", "text": "' + text + ' \\ud800 Then."}',
    ]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines).encode())
    records, rejected = _extracted([path])
    assert rejected == []
    assert [r["id"] for r in records] == ["17", "true", "s\ufffd"]
    for record in records:
        assert record_problems(record) == []
        assert record["published"]["basis"] in ("unknown", "explicit")
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # printable as UTF-8


# --- truncated WARC -----------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_cut_anywhere_gives_what_it_holds_then_one_rejection(
    tmp_path: Path, compress: bool
) -> None:
    page = b"<html><body><p>The minister said the talks would resume.</p></body></html>"
    data = make_warc(
        [("text/html", page), ("text/plain", b"Talks resumed on Monday.")] * 2, compress=compress
    )
    whole = list(iter_documents([str(_write(tmp_path, "whole.warc", data))], settings=SMALL))
    assert len(whole) == 4 and all(isinstance(item, Document) for item in whole)
    for cut in range(1, len(data), max(1, len(data) // 97)):
        path = _write(tmp_path, f"cut{cut}.warc", data[:cut])
        items = list(iter_documents([str(path)], settings=SMALL))
        check_ingest_items(items, str(path))
        rejections = [item for item in items if isinstance(item, InputRejected)]
        assert len(rejections) <= 1, items
        assert len(items) - len(rejections) <= 4


# --- the CLI end to end: one line per rejected input, never a traceback --------------------------


STORY = (
    "Ministers agree to resume talks in Geneva\n\n"
    "GENEVA — Foreign ministers from both countries agreed on Monday to resume talks next "
    "month, after a year in which negotiations had stalled over border crossings.\n\n"
    "The ministers said in a joint statement that the first round would focus on trade and on "
    "the return of displaced families, though neither gave a date for the talks.\n"
)


def _hostile_folder(folder: Path) -> dict[str, str]:
    """Inputs of every hostile kind; returns each rejected one's expected reason (a prefix)."""
    bad_json = (
        b'{"text": "Foreign ministers agreed on Monday to resume talks in Geneva next month, '
        b'after a year in which negotiations had stalled over border crossings."}\n{"text": 5}\n'
    )
    paragraphs = "".join(f"<p>{para}</p>" for para in STORY.split("\n\n")).encode()
    page = b"<html><body>" + b"<div>" * 200 + paragraphs + b"</body></html>"
    files: dict[str, tuple[bytes, str | None]] = {
        "bomb.txt.gz": (gzip_bomb(100_000_000), "larger than 50000000 bytes decompressed"),
        "line.txt": (TEN_MB_LINE.encode(), "article text longer than 1000000 characters"),
        "junk.txt": (bytes(range(256)) * 4, "binary"),
        "empty.html": (b"   \n", "empty file"),
        "cut.warc.gz": (
            make_warc([("text/html", b"<p>x</p>" * 50)], compress=True)[:-30],
            "invalid gzip: truncated",
        ),
        "feed.jsonl": (bad_json, None),
        # libxml2 stops at 256 levels: a page nested deeper is refused with that cause
        "nested.html": (b"<div>" * 5000 + paragraphs, "HTML nested deeper than 256 levels"),
        "nested-200.html": (page, None),
        "rtl.txt": (
            STORY.replace("Foreign", "\u202eForeign\u202c\u200b")
            .replace("talks", "\u200ftalks\x07")
            .encode(),
            None,
        ),
    }
    for name, (data, _) in files.items():
        _write(folder, name, data)
    return {name: reason for name, (_, reason) in files.items() if reason is not None}


def test_extract_on_a_folder_of_hostile_inputs_prints_one_line_per_rejection(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    expected = _hostile_folder(folder)
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "extract", str(folder), "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    rejected_paths = [line.partition(": ")[0] for line in lines]
    assert len(rejected_paths) == len(set(rejected_paths)), lines  # one line per input
    by_path = {line.partition(": ")[0]: line.partition(": ")[2] for line in lines}
    for name, reason in expected.items():
        assert (
            by_path[str(folder / name)].startswith(reason) or reason in by_path[str(folder / name)]
        ), (name, by_path)
    assert by_path.pop(f"{folder / 'feed.jsonl'}:2") == "'text' must be a string"
    assert set(by_path) == {str(folder / name) for name in expected}
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {Path(r["source"]["path"].partition(":")[0]).name for r in records} >= {
        "feed.jsonl",
        "rtl.txt",
        "nested-200.html",
    }
    for record in records:
        assert record_problems(record) == []


@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=st.lists(input_file(), min_size=1, max_size=4))
def test_extract_cli_accounts_for_every_input(
    tmp_path: Path, files: list[tuple[str, bytes]]
) -> None:
    from typer.testing import CliRunner

    from tidings.cli import app

    folder = _fresh(tmp_path, "cli")
    paths = [_write(folder, f"{n}-{name}", data) for n, (name, data) in enumerate(files)]
    result = CliRunner().invoke(app, ["extract", str(folder), "--format", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert result.exit_code == (1 if lines else 0), result.stderr
    named = {str(p) for p in paths}
    for line in lines:
        where, sep, reason = line.partition(": ")
        assert sep and reason.strip(), line
        assert _input_of(where) in named, line
    assert len(lines) == len(set(line.partition(": ")[0] for line in lines)), lines
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        assert record_problems(record) == []
    # nothing is lost in silence: a page (or what it turned out to hold) is printed or refused,
    # and a page printed whole is never refused as well
    for path in paths:
        if path.name.split("-", 1)[1] in ("a.txt", "a.html", "a.htm", "a.txt.gz", "a.html.gz"):
            printed = [r for r in records if _input_of(r["source"]["path"]) == str(path)]
            refused = [line for line in lines if _input_of(line.partition(": ")[0]) == str(path)]
            assert printed or refused, (path, lines)
            if any(r["source"]["path"] == str(path) for r in printed):
                assert not refused, (path, lines)


def _input_of(path: str) -> str:
    """`feed.jsonl:12` and `crawl.warc#3` name a part of an input: the input."""
    return re.sub(r"(:\d+|#\d+)$", "", path)


def test_a_warc_record_with_a_wrong_length_prints_nothing_of_warcio(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    page = b"<html><body><p>The minister said the talks would resume.</p></body></html>"
    data = make_warc([("text/html", page), ("text/html", page)], compress=False)
    # the first record says it is 5 bytes shorter than it is
    data = re.sub(
        rb"Content-Length: (\d+)",
        lambda m: b"Content-Length: %d" % (int(m.group(1)) - 5),
        data,
        count=1,
    )
    path = _write(tmp_path, "long.warc", data)
    items = list(iter_documents([str(path)], settings=SMALL))
    check_ingest_items(items, str(path))
    assert capfd.readouterr().err == ""
