"""Quotes in the contract record, in the store's `quotes` table, and listed by `tidings quotes`
(end to end, on a story written for the project)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.actors_fixture import WORLD
from tests.test_store import make_article
from tidings.clean.article import DateValue
from tidings.cli import app
from tidings.contract import article_record
from tidings.parse.parsed import ParsedArticle
from tidings.quotes import Quote, QuoteLayer
from tidings.store import Store

QUOTES_WORLD = Path(__file__).with_name("quotes_world.yaml")
STORY = (
    "Harbouria vows to keep the harbour open\n\n"
    "Friday, March 5, 2021\n\n"
    "PORTVALE — Harbourian President Tomas Brek said on Wednesday that the harbour would stay "
    "open to every ship.\n\n"
    "“We will not close it,” Brek told the Seahold Herald. “Not this year, not ever.”\n\n"
    "Novalian officials said the decision was a mistake.\n"
)


def a_quote(text: str, article_text: str, **fields: object) -> Quote:
    start = article_text.index(text)
    values: dict[str, object] = {
        "kind": "direct",
        "span": (start, start + len(text)),
        "text": text,
        "cue": "said",
        "cue_span": None,
        "speaker": "Mara Lind",
        "speaker_id": "mara-lind",
        "speaker_span": (0, 9),
        "via": None,
        "via_span": None,
        "date": None,
    }
    values.update(fields)
    return Quote(**values)  # type: ignore[arg-type]


def test_quotes_go_into_the_record_with_their_spans_and_date() -> None:
    text = "Mara Lind said: “The port stays open.”"
    quote = a_quote("The port stays open.", text, date=DateValue("2021-03-03", "day", "relative"))
    record = article_record(
        ParsedArticle(make_article(text), None, ()), quotes=QuoteLayer((quote,))
    )
    (stored,) = record["quotes"]
    assert stored["speaker_id"] == "mara-lind" and stored["kind"] == "direct"
    assert text[stored["span"][0] : stored["span"][1]] == stored["text"]
    assert stored["date"] == {"value": "2021-03-03", "precision": "day", "basis": "relative"}
    json.dumps(record)  # plain JSON all through


def test_the_store_keeps_quotes_and_filters_them(tmp_path: Path) -> None:
    text = "Mara Lind said: “The port stays open.” Tomas Brek said: “It closes.”"
    article = make_article(text)
    layer = QuoteLayer(
        (
            a_quote("The port stays open.", text, via="Seahold Herald"),
            a_quote(
                "It closes.",
                text,
                speaker="Tomas Brek",
                speaker_id="tomas-brek",
                date=DateValue("2021-03-03", "day", "relative"),
            ),
        )
    )
    record = article_record(ParsedArticle(article, None, ()), quotes=layer)
    with Store.open(tmp_path / "q.duckdb") as store:
        store.add([(ParsedArticle(article, None, ()), record)])
        store.add([(ParsedArticle(article, None, ()), record)])  # a rerun adds nothing
        assert store.count("quotes") == 2
        assert [q.text for q in store.quotes(speaker="LIND")] == ["The port stays open."]
        assert [q.speaker for q in store.quotes(speaker="tomas-brek")] == ["Tomas Brek"]
        # undated statements take the article's date (2020-01, a month: it may hold the day)
        assert [q.date for q in store.quotes(since="2020-01-15")] == ["2020-01", "2021-03-03"]
        assert [q.text for q in store.quotes(since="2021")] == ["It closes."]
        (first,) = store.quotes(speaker="lind")
        assert (first.via, first.article_id, first.kind) == ("Seahold Herald", article.id, "direct")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quotes")
    (folder / "story.txt").write_text(STORY, "utf-8")
    db = folder / "news.duckdb"
    actors = ["--actors", str(WORLD), "--actors", str(QUOTES_WORLD)]
    result = CliRunner().invoke(app, ["run", str(folder / "story.txt"), "--db", str(db), *actors])
    assert result.exit_code == 0, result.output
    return db


def test_tidings_quotes_lists_who_said_what_when_and_via(stored: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", str(stored), "--speaker", "Brek"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(speaker, kind) for speaker, _, kind, *_ in lines] == [
        ("Tomas Brek", "indirect"),
        ("Tomas Brek", "direct"),  # one statement in two pieces around "Brek told ..."
    ]
    said_on_wednesday, told_the_herald = lines
    assert said_on_wednesday[1] == "2021-03-03"  # "on Wednesday" before Friday 5 March
    assert said_on_wednesday[3] == "that the harbour would stay open to every ship"
    assert told_the_herald[3:] == [
        "We will not close it … Not this year, not ever.",
        told_the_herald[4],
        "Seahold Herald",
    ]


def test_tidings_quotes_since_and_jsonl(stored: Path) -> None:
    args = ["quotes", "--db", str(stored), "--since", "2021-03-04", "--format", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(row["date"] >= "2021-03-04" for row in rows)
    assert all(row["title"] == "Harbouria vows to keep the harbour open" for row in rows)


def test_tidings_quotes_refuses_a_bad_date_and_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", str(tmp_path / "x.db"), "--since", "May"])
    assert result.exit_code == 2 and "ISO date" in result.stderr
    result = CliRunner().invoke(app, ["quotes", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
