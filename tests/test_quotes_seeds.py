"""The issue's acceptance check on the seed pages in ../shared (skipped when absent): every
direct quote of the six stories is found, with the speaker's actor id (also through "He added"
and "said the top official") and the relaying outlet. Stories are told apart by an actor only
they name, and quotes are compared by speaker and outlet, so nothing of the seeds is copied
here."""

from __future__ import annotations

from typing import Any

import pytest

# story (an actor id only it names) -> its direct quotes in order: (speaker id, via)
DIRECT: dict[str, list[tuple[str | None, str | None]]] = {
    "fars-news": [
        ("esmail-qaani", "Fars News Agency"),
        ("esmail-qaani", "Fars News Agency"),  # "He added"
        ("ali-khamenei", None),
    ],
    "abbas-araghchi": [
        ("donald-trump", None),
        ("donald-trump", None),
        ("abbas-araghchi", "state television"),
        ("abbas-araghchi", "state television"),
        ("abbas-araghchi", "state television"),
        (None, None),  # "it said in a statement": a body the actor base does not know
        (None, None),
    ],
    "mahmoud-vaezi": [("mahmoud-vaezi", "Al-Ahed News")] * 6,
    "mustafa-al-kadhimi": [("ali-khamenei", None)],
    "abu-mahdi-al-muhandis": [("esmail-qaani", None)],
    "iraj-masjedi": [
        ("hassan-rouhani", "Tasnim News Agency"),
        ("donald-trump", None),
        ("u:person:usa-defense-official", "CNN"),
    ],
}


@pytest.fixture(scope="module")
def records(seed_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert len(seed_records) == 6
    return seed_records


def story(records: list[dict[str, Any]], actor_id: str) -> dict[str, Any]:
    """The one story naming `actor_id` among those the table lists for it."""
    named = [r for r in records if actor_id in {e["id"] for e in r["entities"]}]
    if actor_id == "abu-mahdi-al-muhandis":  # named by two stories; the one with Sputnik's credit
        named = [r for r in named if "iraj-masjedi" not in {e["id"] for e in r["entities"]}]
    if actor_id == "fars-news":
        named = [r for r in named if r["quotes"]]
    assert len(named) == 1, (actor_id, [r["title"] for r in named])
    return named[0]


def said(record: dict[str, Any], quote: dict[str, Any]) -> str:
    start, end = quote["speaker_span"]
    return str(record["text"][start:end])


@pytest.mark.parametrize("actor_id", sorted(DIRECT))
def test_every_direct_quote_has_its_speaker_and_outlet(
    records: list[dict[str, Any]], actor_id: str
) -> None:
    record = story(records, actor_id)
    # one entry per piece: an interrupted quote is one record in several pieces
    direct = [q for q in record["quotes"] if q["kind"] == "direct" for _ in q["pieces"] or [q]]
    assert [(q["speaker_id"], q["via"]) for q in direct] == DIRECT[actor_id]
    for quote in record["quotes"]:
        start, end = quote["span"]
        assert record["text"][start:end] == quote["text"]
        assert quote["speaker"] is not None, quote


def test_he_added_and_said_the_top_official(records: list[dict[str, Any]]) -> None:
    vaezi = story(records, "mahmoud-vaezi")
    words = {said(vaezi, q).lower() for q in vaezi["quotes"] if q["kind"] == "direct"}
    assert {"he", "the top official", "vaezi"} <= words
    qaani = story(records, "fars-news")
    added = [q for q in qaani["quotes"] if q["cue"] == "added"]
    assert [said(qaani, q) for q in added] == ["He"]


def test_it_said_in_a_statement_is_the_white_house(records: list[dict[str, Any]]) -> None:
    record = story(records, "abbas-araghchi")
    last = [q for q in record["quotes"] if q["kind"] == "direct"][-1]
    assert last["speaker"] == "The White House" and len(last["pieces"]) == 2


def test_reported_speech_carries_its_outlet(records: list[dict[str, Any]]) -> None:
    record = story(records, "iraj-masjedi")
    indirect = [(q["speaker_id"], q["via"]) for q in record["quotes"] if q["kind"] == "indirect"]
    assert ("iraj-masjedi", "Al-Ahed News") in indirect
    assert ("u:person:usa-defense-official", "CNN") in indirect
    vaezi = story(records, "mahmoud-vaezi")
    told = [q for q in vaezi["quotes"] if q["cue"] == "told"]
    assert [(q["speaker_id"], q["via"]) for q in told] == [("mahmoud-vaezi", "Al-Ahed News")]


def test_a_statement_date_comes_from_the_weekday_and_the_publication_date(
    records: list[dict[str, Any]],
) -> None:
    record = story(records, "abbas-araghchi")
    dated = [q for q in record["quotes"] if q["date"] is not None]
    assert dated, "the story says when its first statement was made"
    assert dated[0]["date"]["basis"] == "relative"
    assert dated[0]["date"]["value"] <= record["published"]["value"]
