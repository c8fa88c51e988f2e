"""Inputs the way users have them: clean text taken as it is (a sentence, a headline with its
lead, a bulletin, `--clean off`, a record's `"clean": false`), and CSV, TSV and Parquet tables
read like JSON Lines. Every text here is invented."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import tidings_in_process
from tests.fuzz_strategies import check_articles, check_ingest_items, hostile_text
from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.ingest import Document, iter_documents
from tidings.pipeline import extract_stream
from tidings.settings import Settings, load_settings

SENTENCE = "Harbourian troops attacked a rebel camp near the border on Monday."
HEADLINE = "Harbour talks collapse"
LEAD = "Ministers walked out of the harbour talks in Geneva on Tuesday, officials said."
BULLETIN = (
    "BREAKING: Earthquake hits eastern Harbouria\n"
    "A strong earthquake struck eastern Harbouria on Friday.\n"
    "No casualties were reported.\n"
    "More to follow.\n"
)
MENU = "Home\nNews\nSport\nWeather\nContact us\n"


def tidings(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return tidings_in_process(*args, stdin=stdin)


def extract(*sources: Path | str, clean: bool = True) -> tuple[list[dict[str, Any]], list[str]]:
    """Records and rejection lines (`path: reason`) of the whole pipeline, in this process."""
    settings = load_settings()
    if not clean:
        settings = dataclasses.replace(
            settings, ingest=dataclasses.replace(settings.ingest, clean=False)
        )
    records: list[dict[str, Any]] = []
    rejected: list[str] = []
    for item in extract_stream([str(s) for s in sources], settings=settings):
        if isinstance(item, InputRejected):
            rejected.append(f"{item.path}: {item.reason}")
        else:
            records.append(item.record)
    return records, rejected


def clean_text(text: str, **fields: Any) -> list[tuple[str | None, str]]:
    doc = Document(path="t", format="text", content=text, sha256="", **fields)
    return [(article.title, article.text) for article in clean_document(doc)]


def write_jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# --- short prose is an article -------------------------------------------------------------


def test_one_sentence_record_is_one_article_with_its_event(tmp_path: Path) -> None:
    records, rejected = extract(write_jsonl(tmp_path / "one.jsonl", {"id": "s1", "text": SENTENCE}))
    assert rejected == []
    (record,) = records
    assert record["id"] == "s1"
    assert record["text"] == SENTENCE
    assert [event["type"] for event in record["events"]] == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Ministers walked out of the talks.",
        "Officials in the capital denied the report on Sunday.",
        # a sentence whose full stop a feed lost
        "The government is willing to withdraw its troops from the northern province",
    ],
)
def test_a_short_sentence_is_the_whole_article(text: str) -> None:
    assert clean_text(text) == [(None, text)]


def test_a_headline_and_its_lead_are_title_and_text() -> None:
    assert clean_text(f"{HEADLINE}\n\n{LEAD}\n") == [(HEADLINE, LEAD)]


def test_a_bulletin_keeps_every_line_of_its_body() -> None:
    ((title, text),) = clean_text(BULLETIN)
    assert title == "BREAKING: Earthquake hits eastern Harbouria"
    assert text.split("\n\n") == [
        "A strong earthquake struck eastern Harbouria on Friday.",
        "No casualties were reported.",
        "More to follow.",
    ]


@pytest.mark.parametrize(
    "junk",
    [MENU, "Home | News | Sport | Contact us", "Share this article\nFollow us", "Harbour News"],
)
def test_junk_is_still_rejected(junk: str) -> None:
    with pytest.raises(InputRejected, match="no article text found"):
        clean_text(junk)


def test_short_prose_is_an_article_from_every_input_path(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    write_jsonl(tmp_path / "one.jsonl", {"text": SENTENCE})
    (tmp_path / "one.csv").write_text(f"text\n{SENTENCE}\n", encoding="utf-8")
    pq.write_table(pa.table({"text": [SENTENCE]}), tmp_path / "one.parquet")
    write_jsonl(tmp_path / "two.jsonl", {"html": f"<p>{SENTENCE}</p>"})  # a feed's fragment
    records, rejected = extract(tmp_path)
    assert rejected == []
    assert [r["text"] for r in records] == [SENTENCE] * 5


def test_a_fragment_of_html_menus_is_still_rejected(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "menu.jsonl", {"html": "<ul><li>Home</li><li>News</li></ul>"})
    records, rejected = extract(source)
    assert (records, rejected) == ([], [f"{source}:1: HTML has no main text"])


def test_short_prose_from_standard_input() -> None:
    result = tidings("extract", "-", stdin=f"{HEADLINE}\n\n{LEAD}\n".encode())
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["title"], record["text"]) == (HEADLINE, LEAD)


# --- text taken as it is -------------------------------------------------------------------


def test_a_record_marked_clean_false_keeps_every_line(tmp_path: Path) -> None:
    text = f"Home\nNews\n{SENTENCE}\nShare this article"
    source = write_jsonl(
        tmp_path / "a.jsonl",
        {"id": "raw", "text": text, "clean": False},
        {"id": "cleaned", "text": text},
    )
    records, rejected = extract(source)
    assert rejected == []
    by_id = {r["id"]: r for r in records}
    assert by_id["raw"]["text"] == f"Home\n\nNews\n\n{SENTENCE}\n\nShare this article"
    assert by_id["raw"]["removed"] == []
    assert by_id["cleaned"]["text"] == SENTENCE


def test_clean_off_takes_every_input_as_it_is_unless_a_record_says_otherwise(
    tmp_path: Path,
) -> None:
    (tmp_path / "menu.txt").write_text(MENU + SENTENCE + "\n", encoding="utf-8")
    write_jsonl(
        tmp_path / "r.jsonl", {"id": "wants-cleaning", "text": MENU + SENTENCE, "clean": True}
    )
    records, rejected = extract(tmp_path, clean=False)
    assert rejected == []
    by_path = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in records}
    assert by_path["menu.txt"]["text"].startswith("Home\n\nNews\n\nSport")
    assert by_path["menu.txt"]["title"] is None
    assert by_path["r.jsonl:1"]["text"] == SENTENCE


def test_clean_off_on_the_command_line(tmp_path: Path) -> None:
    story = tmp_path / "menu.txt"
    story.write_text(MENU + SENTENCE + "\n", encoding="utf-8")
    result = tidings("extract", str(story), "--clean", "off")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["text"] == "Home\n\nNews\n\nSport\n\nWeather\n\nContact us\n\n" + SENTENCE
    db = tmp_path / "t.duckdb"
    result = tidings("run", str(story), "--clean", "off", "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    assert b"stored 1 new article" in result.stderr


def test_a_clean_key_that_is_not_a_yes_or_no_is_rejected(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", {"text": SENTENCE, "clean": "no"})
    (item,) = iter_documents([str(source)], settings=load_settings().ingest)
    assert isinstance(item, InputRejected)
    assert item.reason == "'clean' must be true or false"


# --- CSV, TSV and Parquet ------------------------------------------------------------------

CSV = (
    "ID,Title,published,outlet,url,text,notes\n"
    f'c1,{HEADLINE},2024-03-05,Harbor Wire,https://example.org/c1,"{LEAD}",kept\n'
    "c2,Nothing here,,,,,the text is missing\n"
    f'c3,,2024-03-06,,,"{SENTENCE}\nPolice said the attackers fled.",two lines\n'
)


def test_csv_rows_are_articles_and_a_row_without_text_is_one_rejection(tmp_path: Path) -> None:
    source = tmp_path / "news.csv"
    source.write_text(CSV, encoding="utf-8")
    records, rejected = extract(source)
    assert rejected == [f"{source}:3: no text in this row"]
    first, second = records
    assert first["id"] == "c1"
    assert (first["title"], first["text"]) == (HEADLINE, LEAD)
    assert first["published"] == {"value": "2024-03-05", "precision": "day", "basis": "explicit"}
    assert first["source"]["outlet"] == "Harbor Wire"
    assert first["source"]["url"] == "https://example.org/c1"
    assert first["source"]["path"] == f"{source}:2"
    assert second["id"] == "c3"
    assert second["source"]["path"] == f"{source}:4"  # the line its row starts on
    assert second["text"] == f"{SENTENCE}\n\nPolice said the attackers fled."
    assert [event["type"] for event in second["events"]][:1] == ["ASSAULT"]


def test_csv_in_a_legacy_encoding_and_tsv(tmp_path: Path) -> None:
    text = "Le ministre a démissionné après le vote, a déclaré le porte-parole du gouvernement."
    (tmp_path / "latin.csv").write_bytes(f'id,text\nf1,"{text}"\n'.encode("cp1252"))
    (tmp_path / "wire.tsv").write_text(f"id\ttext\nt1\t{SENTENCE}\n", encoding="utf-8")
    documents = list(iter_documents([str(tmp_path)], settings=load_settings().ingest))
    assert [(d.record_id, d.content) for d in documents if isinstance(d, Document)] == [
        ("f1", text),
        ("t1", SENTENCE),
    ]


def test_a_table_without_a_text_column_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,body\n1,Something happened today in the city.\n")
    pq.write_table(pa.table({"id": [1], "body": [SENTENCE]}), tmp_path / "b.parquet")
    items = list(iter_documents([str(tmp_path)], settings=load_settings().ingest))
    assert [(i.path, i.reason) for i in items if isinstance(i, InputRejected)] == [
        (str(tmp_path / "a.csv"), "no 'text' or 'html' column"),
        (str(tmp_path / "b.parquet"), "no 'text' or 'html' column"),
    ]


def test_parquet_rows_with_typed_columns(tmp_path: Path) -> None:
    source = tmp_path / "news.parquet"
    table = pa.table(
        {
            "id": [1, 2, 3],
            "text": [SENTENCE, None, f"Home\n{LEAD}"],
            "published": [date(2024, 3, 5), None, None],
            "clean": [None, None, False],
        }
    )
    pq.write_table(table, source)
    records, rejected = extract(source)
    assert rejected == [f"{source}:2: no text in this row"]
    first, third = records
    assert (first["id"], first["text"]) == ("1", SENTENCE)
    assert first["published"]["value"] == "2024-03-05"
    assert third["id"] == "3"
    assert third["text"] == f"Home\n\n{LEAD}"  # `clean` false: taken as it is


def test_parquet_and_csv_from_standard_input_and_gzip(tmp_path: Path) -> None:
    import gzip

    buffer = pa.BufferOutputStream()
    pq.write_table(pa.table({"text": [SENTENCE]}), buffer)
    data = buffer.getvalue().to_pybytes()
    result = tidings("extract", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"]["path"] == "-:1"
    (tmp_path / "n.csv.gz").write_bytes(gzip.compress(f"text\n{SENTENCE}\n".encode()))
    (tmp_path / "n.parquet.gz").write_bytes(gzip.compress(data))
    documents = list(iter_documents([str(tmp_path)], settings=load_settings().ingest))
    assert [d.content for d in documents if isinstance(d, Document)] == [SENTENCE, SENTENCE]


def test_a_damaged_parquet_file_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 this is not a parquet file")
    (item,) = iter_documents([str(tmp_path / "bad.parquet")], settings=load_settings().ingest)
    assert isinstance(item, InputRejected)
    assert item.reason.startswith("not a Parquet file")


def test_settings_default_is_to_clean() -> None:
    settings: Settings = load_settings()
    assert settings.ingest.clean is True


# --- hostile tables ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.one_of(
        st.binary(max_size=600),
        hostile_text(max_size=300).map(
            lambda t: ("id,text,clean\n" + t).encode("utf-8", "replace")
        ),
    ),
    name=st.sampled_from(["t.csv", "t.tsv", "t.parquet", "t.csv.gz"]),
)
def test_hostile_tables_give_documents_or_one_line_rejections(body: bytes, name: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / name
        path.write_bytes(body)
        items = list(iter_documents([str(path)], settings=load_settings().ingest))
        check_ingest_items(items, name)
        for item in items:
            if isinstance(item, Document):
                check_articles(item, clean_document)
    finally:
        shutil.rmtree(folder)
