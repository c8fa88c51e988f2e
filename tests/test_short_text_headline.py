"""A headline alone is an article: a feed item or a wire flash with no lead ("Harbour talks
collapse"), from every input path; a lone label or a menu still is not. Every text here is
invented."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.ingest import Document
from tidings.pipeline import extract_stream
from tidings.settings import load_settings

HEADLINE = "Harbouria threatens Coastland"


def clean_text(text: str) -> list[tuple[str | None, str]]:
    doc = Document(path="t", format="text", content=text, sha256="")
    return [(article.title, article.text) for article in clean_document(doc)]


@pytest.mark.parametrize(
    "text",
    [
        HEADLINE,
        f"{HEADLINE}\n",
        "Harbour talks collapse after second day",
        "$1m payoff for harbour chief",
    ],
)
def test_a_headline_alone_is_the_whole_article(text: str) -> None:
    assert clean_text(text) == [(None, text.strip())]


@pytest.mark.parametrize(
    "junk",
    [
        "Harbour News",  # two words: a name or a label
        "Home News Sport",  # a row of capitalised words: a menu
        "Home | News | Sport",
        "Share this article",
        "Harbouria threatens Coastland\nCoastland answers Harbouria",  # two headlines: a list
    ],
)
def test_a_label_or_a_menu_is_still_rejected(junk: str) -> None:
    with pytest.raises(InputRejected, match="no article text found"):
        clean_text(junk)


def test_a_headline_is_an_article_from_every_input_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HEADLINE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": HEADLINE}) + "\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"html": f"<p>{HEADLINE}</p>"}) + "\n", encoding="utf-8"
    )
    (tmp_path / "d.csv").write_text(f"text\n{HEADLINE}\n", encoding="utf-8")
    pq.write_table(pa.table({"text": [HEADLINE]}), tmp_path / "e.parquet")
    items = list(extract_stream([str(tmp_path)], settings=load_settings()))
    assert [item for item in items if isinstance(item, InputRejected)] == []
    assert [item.record["text"] for item in items if not isinstance(item, InputRejected)] == [
        HEADLINE
    ] * 5
