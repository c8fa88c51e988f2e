"""The ingest stage on real files made in tmp_path: every input shape, every bad input."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputRejected
from tidings.ingest import (
    Document,
    documents_from_bytes,
    iter_documents,
    list_inputs,
    read_input,
)
from tidings.settings import IngestSettings

SETTINGS = IngestSettings(max_bytes=50_000_000, max_record_bytes=20_000_000)
SMALL = IngestSettings(max_bytes=1000, max_record_bytes=200)

POLISH = (
    "Zażółć gęślą jaźń. Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i "
    "swych praw. Prezydent powiedział we wtorek, że kraj odpowie na atak."
)

TURKISH = (
    "Cumhurbaşkanı salı günü yaptığı açıklamada ülkenin saldırıya karşılık vereceğini söyledi."
)

PAGE = (
    "<!DOCTYPE html><html><head><title>Strike</title></head>"
    "<body><p>Le café est très bon.</p></body></html>"
)


def read_all(
    *paths: Path | str, ingest: IngestSettings = SETTINGS, stdin: io.BytesIO | None = None
) -> list[Document | InputRejected]:
    return list(iter_documents([str(path) for path in paths], settings=ingest, stdin=stdin))


def only_document(*paths: Path | str, ingest: IngestSettings = SETTINGS) -> Document:
    [item] = read_all(*paths, ingest=ingest)
    assert isinstance(item, Document), item
    return item


def only_rejection(*paths: Path | str, ingest: IngestSettings = SETTINGS) -> InputRejected:
    [item] = read_all(*paths, ingest=ingest)
    assert isinstance(item, InputRejected), item
    return item


def documents(items: list[Document | InputRejected]) -> list[Document]:
    assert all(isinstance(item, Document) for item in items), items
    return [item for item in items if isinstance(item, Document)]


def reasons(items: list[Document | InputRejected]) -> list[str]:
    assert all(isinstance(item, InputRejected) for item in items), items
    return [item.reason for item in items if isinstance(item, InputRejected)]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- plain text in any encoding -------------------------------------------------------------


def test_utf8_text_file(tmp_path: Path) -> None:
    data = "The president said “no” on Tuesday.\n".encode()
    document = only_document(write(tmp_path, "a.txt", data))
    assert document.path == str(tmp_path / "a.txt")
    assert document.format == "text"
    assert document.content == data.decode()
    assert document.encoding == "utf-8"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.record_id is None


@pytest.mark.parametrize(
    ("text", "encoding", "expected_codec"),
    [
        ("café", "cp1252", "cp1252"),
        ("Le café est très “bon” — à Paris, où l'été est chaud.", "cp1252", "cp1252"),
        ("naïve résumé, déjà vu", "latin-1", "cp1252"),
        ("Die Straße in München ist schön. Über die Brücke.", "cp1252", "cp1252"),
        ("Президент заявил, что страна ответит на удар во вторник.", "cp1251", "cp1251"),
        ("東京は日本の首都です。大統領は火曜日に声明を発表した。", "shift_jis", "cp932"),
        # One pound sign in a long English story (as in the BBC corpus): not katakana, not "Ł".
        ("Chelsea sacked Mutu, a £15.8m signing from Parma last season. " * 20, "cp1252", "cp1252"),
        (POLISH, "cp1250", "cp1250"),
        (POLISH, "iso8859_2", "iso8859-2"),
        (TURKISH, "cp1254", "cp1254"),
        ("Президент заявил, что страна ответит на удар во вторник.", "koi8_r", "koi8-r"),
        (
            "Ο πρόεδρος δήλωσε ότι η χώρα θα απαντήσει. Οι αξιωματούχοι το επιβεβαίωσαν.",
            "cp1253",
            "cp1253",
        ),
        ("总统周二表示，该国将对袭击作出回应。官员证实了这一点。", "gb18030", "gb18030"),
    ],
)
def test_legacy_encodings_come_out_right(
    tmp_path: Path, text: str, encoding: str, expected_codec: str
) -> None:
    document = only_document(write(tmp_path, "a.txt", text.encode(encoding)))
    assert document.content == text
    assert document.encoding == expected_codec


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
    ],
)
def test_byte_order_mark_chooses_the_codec(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "Hello café — ok\n"
    document = only_document(write(tmp_path, "a.txt", bom + text.encode(codec)))
    assert document.content == text  # the mark itself is not part of the text
    assert document.encoding == codec


def test_utf16_without_byte_order_mark(tmp_path: Path) -> None:
    text = "Officials confirmed the strike on Tuesday."
    document = only_document(write(tmp_path, "a.txt", text.encode("utf-16-le")))
    assert document.content == text


def test_mostly_utf8_with_a_bad_byte_is_decoded_with_a_replacement(tmp_path: Path) -> None:
    data = "Le café — très bon".encode() + b" \xff fin"
    document = only_document(write(tmp_path, "a.txt", data))
    assert document.content == "Le café — très bon \ufffd fin"
    assert document.encoding == "utf-8"


def test_unknown_extension_that_sniffs_as_text(tmp_path: Path) -> None:
    document = only_document(write(tmp_path, "story.dat", b"Just a story.\n"))
    assert document.format == "text"


# --- HTML -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.html", "a.htm", "page"])
def test_html_by_extension_or_content(tmp_path: Path, name: str) -> None:
    document = only_document(write(tmp_path, name, PAGE.encode()))
    assert document.format == "html"
    assert document.content == PAGE


def test_text_file_named_txt_stays_text_even_with_tags(tmp_path: Path) -> None:
    assert only_document(write(tmp_path, "a.txt", PAGE.encode())).format == "text"


def test_html_fragment_and_tag_heavy_content_are_html(tmp_path: Path) -> None:
    fragment = write(tmp_path, "a", b"<p>One.</p><p>Two.</p>")
    markup = write(tmp_path, "b", b"News " + b"<b>x</b> " * 6)
    prose = write(tmp_path, "c", b"He wrote <b>bold</b> and <i>italic</i> in his letter.")
    assert [item.format for item in documents(read_all(fragment, markup, prose))] == [
        "html",
        "html",
        "text",
    ]


def test_unclosed_comments_are_sniffed_quickly(tmp_path: Path) -> None:
    # A regular expression over comments once backtracked for minutes on this.
    document = only_document(write(tmp_path, "a", b"<!---->" * 600 + b"<!--"))
    assert document.format == "text"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="iso-8859-1">',
        "<meta charset=windows-1252>",
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ],
)
def test_html_meta_charset(tmp_path: Path, meta: str) -> None:
    page = f"<html><head>{meta}</head><body><p>café “ok”</p></body></html>"
    document = only_document(write(tmp_path, "a.html", page.encode("cp1252")))
    assert document.content == page
    assert document.encoding == "cp1252"


def test_valid_utf8_wins_over_a_wrong_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>café</body></html>'
    document = only_document(write(tmp_path, "a.html", page.encode()))
    assert document.content == page
    assert document.encoding == "utf-8"


def test_html_with_unusable_meta_charset_falls_back_to_detection(tmp_path: Path) -> None:
    page = '<html><head><meta charset="base64"></head><body>caf\xe9 tr\xe8s</body></html>'
    document = only_document(write(tmp_path, "a.html", page.encode("cp1252")))
    assert document.content == page


# --- gzip -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_format"),
    [("a.html.gz", "html"), ("a.txt.gz", "text"), ("a.gz", "html"), ("noext", "html")],
)
def test_gzip_is_decompressed_and_sniffed(tmp_path: Path, name: str, content_format: str) -> None:
    raw = PAGE.encode()
    document = only_document(write(tmp_path, name, gzip.compress(raw)))
    assert document.format == content_format
    assert document.content == PAGE
    assert document.sha256 == hashlib.sha256(raw).hexdigest()  # of the decompressed bytes


def test_multi_member_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"first half, ") + gzip.compress(b"second half")
    assert only_document(write(tmp_path, "a.txt.gz", data)).content == "first half, second half"


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(PAGE.encode() * 50)
    rejection = only_rejection(write(tmp_path, "a.html.gz", data[: len(data) // 2]))
    assert rejection.reason == "invalid gzip: truncated"


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(b"some text " * 100))
    data[20:30] = b"\xff" * 10
    rejection = only_rejection(write(tmp_path, "a.txt.gz", bytes(data)))
    assert rejection.reason.startswith("invalid gzip: ")


def test_gzip_with_a_wrong_checksum(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(b"some text"))
    data[-8] ^= 0xFF  # first byte of the CRC32
    rejection = only_rejection(write(tmp_path, "a.txt.gz", bytes(data)))
    assert rejection.reason == "invalid gzip: checksum mismatch"


def test_gzip_bomb_is_stopped_at_the_cap(tmp_path: Path) -> None:
    cap = IngestSettings(max_bytes=100_000, max_record_bytes=1)
    bomb = gzip.compress(b"a" * 10_000_000)
    assert len(bomb) < cap.max_bytes  # the file passes the size check; its contents do not
    rejection = only_rejection(write(tmp_path, "bomb.txt.gz", bomb), ingest=cap)
    assert rejection.reason == "larger than 100000 bytes decompressed (max_bytes)"


def test_name_ending_in_gz_but_not_gzip_is_read_as_is(tmp_path: Path) -> None:
    document = only_document(write(tmp_path, "a.html.gz", PAGE.encode()))
    assert document.format == "html"


# --- size, binary, empty, missing -----------------------------------------------------------


def test_file_over_the_cap_is_rejected_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(200_000_000)  # sparse: costs no disk

    def never_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the cap must not be opened")

    monkeypatch.setattr("tidings.ingest.sources.open", never_open, raising=False)
    assert only_rejection(path).reason == "larger than 50000000 bytes (max_bytes)"


def test_small_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x" * 1001)
    assert only_rejection(path, ingest=SMALL).reason == "larger than 1000 bytes (max_bytes)"
    exact = write(tmp_path, "b.txt", b"x" * 1000)
    assert only_document(exact, ingest=SMALL).content == "x" * 1000


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content, not text (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary content, not text (PDF document)"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary content, not text (ZIP archive)"),
        (b"Some text\x00with a NUL in it", "binary content, not text"),
        (bytes(range(1, 32)) * 10 + b"abc", "binary content, not text"),
    ],
)
def test_binary_is_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    for name in ("a.txt", "a.html", "a"):
        assert only_rejection(write(tmp_path, name, data)).reason == reason


def test_random_bytes_with_nuls_are_binary(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4 + os.urandom(2000) + b"\x00"
    assert only_rejection(write(tmp_path, "a.txt", data)).reason == "binary content, not text"


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\t\r\n", b"\xff\xfe" + " \n ".encode("utf-16-le"), gzip.compress(b"", mtime=0)],
)
def test_empty_input(tmp_path: Path, data: bytes) -> None:
    assert only_rejection(write(tmp_path, "a.txt", data)).reason == "empty file"


def test_missing_path(tmp_path: Path) -> None:
    rejection = only_rejection(tmp_path / "nope.txt")
    assert rejection.path == str(tmp_path / "nope.txt")
    assert rejection.reason == "no such file or directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions do not bind root, so the refusal is made by a stand-in for open().
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "a.txt", b"text")
    monkeypatch.setattr("tidings.ingest.sources.open", refuse, raising=False)
    assert only_rejection(path).reason == "permission denied"


def test_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    rejection = only_rejection(folder)
    assert (rejection.path, rejection.reason) == (str(folder), "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_and_folder_for_real(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"text")
    path.chmod(0)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        found = reasons(read_all(path, folder))
    finally:
        folder.chmod(0o755)
    assert found == ["permission denied", "permission denied"]


# --- JSON Lines -----------------------------------------------------------------------------


def jsonl(*lines: object) -> bytes:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode()


def test_a_blank_record_id_is_no_id(tmp_path: Path) -> None:
    path = write(tmp_path, "ids.jsonl", jsonl({"id": "", "text": "A."}, {"id": " ", "text": "B."}))
    assert [item.record_id for item in read_all(path) if isinstance(item, Document)] == [None, None]


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "batch.jsonl",
        jsonl(
            {"id": 17, "text": "First story.", "title": None, "published": "2020-01-03"},
            "this is not json",
            "",
            {"id": "b2", "html": "<p>Second</p>", "outlet": "BBC", "url": "https://x.test/2"},
            [1, 2],
            {"text": 5},
            {"title": "no body"},
            {"text": "   "},
            {"text": "ok", "published": 2020},
            {"text": "ok", "id": [1]},
            "   ",
            {"text": "Last.", "id": True},
        ),
    )
    items = read_all(path)
    where = str(path)
    assert [(item.path, getattr(item, "reason", None)) for item in items] == [
        (f"{where}:1", None),
        (f"{where}:2", "not JSON (Expecting value)"),
        (f"{where}:4", None),
        (f"{where}:5", "not a JSON object"),
        (f"{where}:6", "'text' must be a string"),
        (f"{where}:7", "no 'text' or 'html'"),
        (f"{where}:8", "empty 'text'"),
        (f"{where}:9", "'published' must be a string"),
        (f"{where}:10", "'id' must be a string or a number"),
        (f"{where}:12", None),
    ]
    first, second, last = (item for item in items if isinstance(item, Document))
    assert (first.format, first.content, first.record_id) == ("text", "First story.", "17")
    assert first.hints.title is None and first.hints.title_given
    assert first.hints.published == "2020-01-03"
    assert (second.format, second.record_id) == ("html", "b2")
    assert not second.hints.title_given
    assert (second.hints.outlet, second.hints.url) == ("BBC", "https://x.test/2")
    assert last.record_id == "true"
    line = json.dumps({"id": 17, "text": "First story.", "title": None, "published": "2020-01-03"})
    assert first.sha256 == hashlib.sha256(line.encode()).hexdigest()


def test_jsonl_text_wins_over_html_and_blank_text_falls_back(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.ndjson",
        jsonl({"text": "plain", "html": "<p>x</p>"}, {"text": "", "html": "<p>y</p>"}),
    )
    assert [(item.format, item.content) for item in documents(read_all(path))] == [
        ("text", "plain"),
        ("html", "<p>y</p>"),
    ]


def test_jsonl_line_over_the_record_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"text": "x" * 300}, {"text": "short"}))
    first, second = read_all(path, ingest=SMALL)
    assert isinstance(first, InputRejected)
    assert (first.path, first.reason) == (f"{path}:1", "longer than 200 bytes (max_record_bytes)")
    assert isinstance(second, Document)


def test_jsonl_with_bom_crlf_and_gzip(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + jsonl({"text": "one"}, {"text": "two"}).replace(b"\n", b"\r\n")
    path = write(tmp_path, "a.jsonl.gz", gzip.compress(data))
    assert [item.content for item in documents(read_all(path))] == ["one", "two"]


def test_jsonl_that_is_not_text(tmp_path: Path) -> None:
    utf16 = write(tmp_path, "a.jsonl", b"\xff\xfe" + '{"text": "x"}'.encode("utf-16-le"))
    binary = write(tmp_path, "b.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert reasons(read_all(utf16, binary)) == [
        "JSON Lines must be UTF-8, not UTF-16-LE",
        "binary content, not text (PNG image)",
    ]


def test_jsonl_nesting_and_huge_numbers_are_rejected_not_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", b"[" * 100_000 + b"\n" + b'{"id": ' + b"9" * 5000 + b"}")
    found = reasons(read_all(path))
    assert found[0] == "not JSON (nested too deeply)"
    assert found[1].startswith("not JSON (")


def test_jsonl_sniffed_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "export", jsonl({"id": 1, "text": "a"}, {"id": 2, "text": "b"}))
    assert [item.path for item in read_all(path)] == [f"{path}:1", f"{path}:2"]


# --- WARC -----------------------------------------------------------------------------------


def make_warc(*, compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(url: str, status: str, content_type: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)

    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))  # 0
    page = PAGE.encode("cp1252")
    response("https://news.test/a", "200 OK", "text/html; charset=windows-1252", page)  # 1
    response("https://news.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")  # 2
    response("https://news.test/gone", "404 Not Found", "text/html", b"<html>gone</html>")  # 3
    notes = writer.create_warc_record(  # 4
        "https://news.test/notes.txt",
        "resource",
        payload=io.BytesIO("Plain notes — café.".encode()),
        warc_content_type="text/plain",
    )
    writer.write_record(notes)
    response("https://news.test/b", "200 OK", "text/html", "<p>Zweite Straße</p>".encode())  # 5
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_and_text_captures(tmp_path: Path, name: str, compress: bool) -> None:
    path = write(tmp_path, name, make_warc(compress=compress))
    captures = documents(read_all(path))
    assert [(doc.path, doc.format, doc.hints.url) for doc in captures] == [
        (f"{path}#1", "html", "https://news.test/a"),
        (f"{path}#4", "text", "https://news.test/notes.txt"),
        (f"{path}#5", "html", "https://news.test/b"),
    ]
    page, notes, second = captures
    assert page.content == PAGE
    assert page.encoding == "cp1252"
    assert page.sha256 == hashlib.sha256(PAGE.encode("cp1252")).hexdigest()
    assert notes.content == "Plain notes — café."
    assert second.content == "<p>Zweite Straße</p>"


def test_warc_sniffed_from_content(tmp_path: Path) -> None:
    path = write(tmp_path, "crawl.bin", make_warc(compress=False))
    assert len(read_all(path)) == 3
    gzipped = write(tmp_path, "crawl.data", gzip.compress(make_warc(compress=False)))
    assert len(read_all(gzipped)) == 3


def test_not_a_warc(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc", b"This is not an archive at all.\n")
    assert only_rejection(path).reason == "WARC: not a WARC file"


def test_broken_warc_after_good_records(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc", make_warc(compress=False) + b"WARC/1.0\r\nbroken: \x00\r\n")
    items = read_all(path)
    assert [type(item).__name__ for item in items] == [
        "Document",
        "Document",
        "Document",
        "InputRejected",
    ]
    rejection = items[-1]
    assert isinstance(rejection, InputRejected)
    assert rejection.path == str(path)
    assert rejection.reason.startswith("WARC: record 6 ")


def test_truncated_warc_gz_keeps_its_complete_records(tmp_path: Path) -> None:
    data = make_warc(compress=True)
    path = write(tmp_path, "crawl.warc.gz", data[:-20])  # the last record's member is cut
    items = read_all(path)
    assert [item.path for item in items] == [f"{path}#1", f"{path}#4", str(path)]
    assert isinstance(items[-1], InputRejected)
    assert items[-1].reason == "invalid gzip: truncated"


def test_truncated_plain_warc(tmp_path: Path) -> None:
    path = write(tmp_path, "crawl.warc", make_warc(compress=False)[:-20])
    items = read_all(path)
    assert [item.path for item in items] == [f"{path}#1", f"{path}#4", str(path)]
    assert isinstance(items[-1], InputRejected)
    assert items[-1].reason == "WARC: record 5 is truncated"


def test_warc_with_a_wrong_content_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_warc(compress=False).replace(b"Content-Length: ", b"Content-Length: 1", 2)
    rejection = only_rejection(write(tmp_path, "a.warc", data))
    assert rejection.reason == "WARC: record 1 has invalid headers"
    assert capsys.readouterr().out == ""  # warcio's warning, if any, goes to standard error


def test_warc_payload_over_the_cap(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    gzip_body = gzip.compress(b"<p>" + b"a" * 100_000)  # small on disk, large once read
    assert len(gzip_body) < 5000
    headers.add_header("Content-Encoding", "gzip")
    writer.write_record(
        writer.create_warc_record(
            "https://x.test/", "response", payload=io.BytesIO(gzip_body), http_headers=headers
        )
    )
    path = write(tmp_path, "a.warc", buffer.getvalue())
    rejection = only_rejection(path, ingest=IngestSettings(max_bytes=5000, max_record_bytes=1))
    assert (rejection.path, rejection.reason) == (f"{path}#0", "larger than 5000 bytes (max_bytes)")


# --- containers are streamed: any size, each record capped on its own -----------------------

# A container far larger than max_bytes whose records are each well under the caps.
STREAMED = IngestSettings(max_bytes=2000, max_record_bytes=300)


def story_lines(count: int, *, start: int = 0) -> list[bytes]:
    return [
        json.dumps({"id": start + n, "text": f"Story {start + n}."}).encode() for n in range(count)
    ]


def record_ids(items: list[Document | InputRejected]) -> list[str | None]:
    return [item.record_id for item in documents(items)]


@pytest.mark.parametrize(("name", "pack"), [("big.jsonl", bytes), ("big.jsonl.gz", gzip.compress)])
def test_jsonl_larger_than_max_bytes_is_read_whole(
    tmp_path: Path, name: str, pack: Callable[[bytes], bytes]
) -> None:
    data = b"\n".join(story_lines(2000)) + b"\n"
    assert len(data) > 10 * STREAMED.max_bytes
    path = write(tmp_path, name, pack(data))
    assert record_ids(read_all(path, ingest=STREAMED)) == [str(n) for n in range(2000)]


def test_container_sniffed_from_content_is_streamed(tmp_path: Path) -> None:
    data = b"\n".join(story_lines(300))
    unnamed = write(tmp_path, "export", data)
    unnamed_gz = write(tmp_path, "export.gz", gzip.compress(data))
    for path in (unnamed, unnamed_gz):
        assert len(record_ids(read_all(path, ingest=STREAMED))) == 300
    piped = read_all("-", ingest=STREAMED, stdin=io.BytesIO(gzip.compress(data)))
    assert [item.path for item in documents(piped)][:2] == ["-:1", "-:2"]
    assert len(piped) == 300


def test_single_document_without_a_telling_name_keeps_the_whole_file_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "page", PAGE.encode() * 100)
    assert only_rejection(path, ingest=STREAMED).reason == "larger than 2000 bytes (max_bytes)"
    [piped] = read_all("-", ingest=STREAMED, stdin=io.BytesIO(gzip.compress(PAGE.encode() * 100)))
    assert isinstance(piped, InputRejected)
    assert piped.reason == "larger than 2000 bytes decompressed (max_bytes)"


@pytest.mark.parametrize(("name", "pack"), [("a.jsonl", bytes), ("a.jsonl.gz", gzip.compress)])
def test_jsonl_over_long_line_is_rejected_alone(
    tmp_path: Path, name: str, pack: Callable[[bytes], bytes]
) -> None:
    cap = STREAMED.max_record_bytes
    exact = json.dumps({"text": "x" * (cap - 12)}).encode()
    assert len(exact) == cap
    lines = [*story_lines(20), json.dumps({"text": "y" * 50_000}).encode(), exact, *story_lines(20)]
    path = write(tmp_path, name, pack(b"\n".join(lines) + b"\n" + b"z" * 10_000))
    items = read_all(path, ingest=STREAMED)
    rejected = [(item.path, item.reason) for item in items if isinstance(item, InputRejected)]
    reason = "longer than 300 bytes (max_record_bytes)"
    assert rejected == [(f"{path}:21", reason), (f"{path}:43", reason)]  # the last line, too
    assert len(items) == 43  # every other line read, the one of exactly the cap included


def test_gzip_bomb_inside_jsonl_is_bounded_by_the_record_cap(tmp_path: Path) -> None:
    bomb = b'{"text": "' + b"a" * 30_000_000 + b'"}'
    data = gzip.compress(b"\n".join([*story_lines(2), bomb, *story_lines(2, start=2)]))
    assert len(data) < 100_000
    items = read_all(write(tmp_path, "bomb.jsonl.gz", data), ingest=STREAMED)
    assert [getattr(item, "reason", None) for item in items] == [
        None,
        None,
        "longer than 300 bytes (max_record_bytes)",
        None,
        None,
    ]


def test_truncated_jsonl_gz_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress(b"\n".join(story_lines(2000)))
    path = write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    items = read_all(path, ingest=STREAMED)
    *found, damage = items
    assert 100 < len(record_ids(found)) < 2000  # no rejection for the line cut in half
    assert record_ids(found) == [str(n) for n in range(len(found))]
    assert isinstance(damage, InputRejected)
    assert (damage.path, damage.reason) == (str(path), "invalid gzip: truncated")


def test_corrupt_gzip_after_whole_members_of_jsonl(tmp_path: Path) -> None:
    good = gzip.compress(b"\n".join(story_lines(5)) + b"\n")
    bad = bytearray(gzip.compress(b"\n".join(story_lines(5, start=5))))
    bad[12:20] = b"\xff" * 8
    items = read_all(write(tmp_path, "a.jsonl.gz", good + bytes(bad)), ingest=STREAMED)
    assert record_ids(items[:-1]) == [str(n) for n in range(5)]
    assert reasons(items[-1:])[0].startswith("invalid gzip: ")


def big_warc(count: int, *, compress: bool, oversized: int | None = None) -> bytes:
    """`count` small HTML responses; the one at `oversized` has a body of 50 kB."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for n in range(count):
        size = 50_000 if n == oversized else 100
        body = f"<p>Story {n}.</p>".encode().ljust(size, b" ")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.test/{n}", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "compress"), [("big.warc.gz", True), ("big.warc", False)])
def test_warc_larger_than_max_bytes_is_read_whole(
    tmp_path: Path, name: str, compress: bool
) -> None:
    data = big_warc(200, compress=compress)
    assert len(data) > 10 * STREAMED.max_bytes
    path = write(tmp_path, name, data)
    found = documents(read_all(path, ingest=STREAMED))
    assert [item.path for item in found] == [f"{path}#{n}" for n in range(200)]
    assert found[-1].content.strip() == "<p>Story 199.</p>"


@pytest.mark.parametrize(("name", "compress"), [("big.warc.gz", True), ("big.warc", False)])
def test_warc_oversized_record_is_rejected_alone(tmp_path: Path, name: str, compress: bool) -> None:
    path = write(tmp_path, name, big_warc(50, compress=compress, oversized=17))
    items = read_all(path, ingest=STREAMED)
    assert len(items) == 50
    rejected = [(item.path, item.reason) for item in items if isinstance(item, InputRejected)]
    assert rejected == [(f"{path}#17", "larger than 2000 bytes (max_bytes)")]


def test_warc_on_standard_input_is_streamed() -> None:
    data = big_warc(60, compress=True)
    assert len(read_all("-", ingest=STREAMED, stdin=io.BytesIO(data))) == 60


def test_endless_warc_header_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    endless = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX: " + b"a" * 50_000_000)
    data = big_warc(3, compress=True) + endless + big_warc(1, compress=True)
    tracemalloc.start()
    try:
        items = read_all(write(tmp_path, "bomb.warc.gz", data), ingest=STREAMED)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [item.path for item in items[:3]] == [f"{tmp_path}/bomb.warc.gz#{n}" for n in range(3)]
    assert reasons(items[3:]) == ["WARC: record 3 has headers longer than 1048576 bytes"]
    assert peak < 10_000_000


def test_a_large_container_is_not_held_in_memory(tmp_path: Path) -> None:
    line = json.dumps({"text": "Officials confirmed the strike on Tuesday. " * 230}).encode()
    path = tmp_path / "corpus.jsonl"
    with path.open("wb") as stream:
        for _ in range(2000):
            stream.write(line + b"\n")
    size = path.stat().st_size
    assert size > 19_000_000
    began = time.monotonic()
    tracemalloc.start()
    try:
        count = sum(
            1 for _ in iter_documents([str(path)], settings=IngestSettings(1_000_000, 100_000))
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < size / 5, f"peak {peak} bytes for a file of {size}"
    assert time.monotonic() - began < 5


# --- standard input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_format"),
    [(b"Plain story.", "text"), (PAGE.encode(), "html"), (gzip.compress(PAGE.encode()), "html")],
)
def test_stdin(data: bytes, content_format: str) -> None:
    [document] = read_all("-", stdin=io.BytesIO(data))
    assert isinstance(document, Document)
    assert (document.path, document.format) == ("-", content_format)


def test_stdin_jsonl_and_limits() -> None:
    items = read_all("-", stdin=io.BytesIO(jsonl({"text": "a"}, {"text": "b"})))
    assert [item.path for item in items] == ["-:1", "-:2"]
    [over] = read_all("-", ingest=SMALL, stdin=io.BytesIO(b"x" * 5000))
    assert isinstance(over, InputRejected)
    assert (over.path, over.reason) == ("-", "larger than 1000 bytes (max_bytes)")
    [empty] = read_all("-", stdin=io.BytesIO(b""))
    assert isinstance(empty, InputRejected) and empty.reason == "empty file"


# --- folders --------------------------------------------------------------------------------


def test_folder_walk_order_and_junk(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]:
        write(tmp_path, name, f"story {name}".encode())
    for junk in [".hidden.txt", ".git/config", "Thumbs.db", "a.txt~", "__MACOSX/x.txt", "~$doc"]:
        write(tmp_path, junk, b"junk")
    order = ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]
    expected = [str(tmp_path / name) for name in order]
    assert list_inputs([str(tmp_path)]) == expected
    assert [item.path for item in read_all(tmp_path)] == expected


def test_explicit_paths_keep_their_order_and_are_not_filtered(tmp_path: Path) -> None:
    hidden = write(tmp_path, ".hidden.txt", b"text")
    plain = write(tmp_path, "a.txt", b"text")
    assert list_inputs([str(plain), str(hidden), "-"]) == [str(plain), str(hidden), "-"]


def test_empty_folder_and_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert read_all(tmp_path / "empty") == []
    loop = tmp_path / "loop"
    loop.mkdir()
    write(loop, "a.txt", b"text")
    (loop / "again").symlink_to(loop)
    assert list_inputs([str(loop)]) == [str(loop / "a.txt")]


def test_a_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    write(tmp_path, "1.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "2.txt", b"")
    write(tmp_path, "3.html.gz", gzip.compress(PAGE.encode())[:30])
    write(tmp_path, "4.txt", b"A good story.")
    items = read_all(tmp_path, tmp_path / "missing")
    assert [type(item).__name__ for item in items] == [
        "InputRejected",
        "InputRejected",
        "InputRejected",
        "Document",
        "InputRejected",
    ]


def test_read_input_is_one_input_at_a_time(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"text": "a"}, {"text": "b"}))
    assert len(list(read_input(str(path), settings=SETTINGS))) == 2


# --- property: no bytes make ingest raise ----------------------------------------------------

NAMES = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz", "a.txt.gz", "a", "-"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=500).map(gzip.compress),
        st.binary(max_size=500).map(lambda tail: b"WARC/1.0\r\n" + tail),
        st.binary(max_size=500).map(lambda tail: b'{"text": "' + tail),
        st.text(max_size=500).map(lambda text: text.encode("utf-8")),
    ),
    name=st.sampled_from(NAMES),
)
def test_any_bytes_give_documents_or_rejections(data: bytes, name: str) -> None:
    items = list(documents_from_bytes(name, data, settings=SMALL))
    for item in items:
        assert isinstance(item, Document | InputRejected)
        if isinstance(item, InputRejected):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.path.startswith(name)
            assert isinstance(item.content, str) and item.content.strip()


CONTAINER_NAMES = ["a.jsonl", "a.jsonl.gz", "a.warc", "a.warc.gz", "a", "a.gz", "-"]


def damaged(data: bytes, cut: int, flip: int) -> bytes:
    """`data` cut short by `cut` bytes (none for 0) and with the byte at `flip` inverted."""
    data = data[: len(data) - cut] if cut else data
    if data and flip:
        spoiled = bytearray(data)
        spoiled[flip % len(spoiled)] ^= 0xFF
        data = bytes(spoiled)
    return data


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.lists(st.binary(max_size=60), max_size=20).map(lambda parts: b"\n".join(parts)),
        st.sampled_from([make_warc(compress=True), make_warc(compress=False)]),
        st.binary(max_size=300).map(lambda tail: b'{"text": "a"}\n' + tail),
    ),
    pack=st.sampled_from([bytes, gzip.compress]),
    cut=st.integers(min_value=0, max_value=40),
    flip=st.integers(min_value=0, max_value=5000),
    name=st.sampled_from(CONTAINER_NAMES),
)
def test_any_streamed_input_gives_documents_or_rejections(
    tmp_path: Path, data: bytes, pack: Callable[[bytes], bytes], cut: int, flip: int, name: str
) -> None:
    raw = damaged(pack(data), cut, flip)
    if name == "-":
        items = read_all("-", ingest=SMALL, stdin=io.BytesIO(raw))
    else:
        items = read_all(write(tmp_path, name, raw), ingest=SMALL)
    for item in items:
        assert isinstance(item, Document | InputRejected)
        if isinstance(item, InputRejected):
            assert item.reason and "\n" not in item.reason
