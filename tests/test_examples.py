"""The per-article stages on the project's own examples (examples/): titles, dates, outlets,
captions, stories, and nothing of the page furniture left in the text."""

from __future__ import annotations

from typing import Any

from tests.conftest import EXAMPLES

Records = list[dict[str, Any]]


def by_title(records: Records, title: str) -> dict[str, Any]:
    matches = [r for r in records if r["title"] == title]
    assert len(matches) == 1, [r["title"] for r in records]
    return matches[0]


def test_every_story_of_every_example_is_found(example_records: Records) -> None:
    # meridian 1, harbor-wire 2 (one page, two stories), northfield 1, feed 2, latin1 1,
    # tidewater 1, harbourline 1 (two outlets on one strike)
    assert len(example_records) == 9
    titles = {r["title"] for r in example_records}
    assert titles == {
        "Russia Pounds Ukrainian Cities With Missiles After Crimea Bridge Blast",
        "Ukraine Says Most Russian Missiles Downed as Death Toll Rises",
        "OPEC+ Agrees Deep Oil Output Cut Despite Washington's Objections",
        "G7 Vows to Hold Putin to Account After Strikes on Ukrainian Cities",
        "UN General Assembly condemns Russia's annexation of four Ukrainian regions",
        None,  # the feed record says "title": null: never looked for in the text
        "Zaporizhzhia plant director released, IAEA says",
        "US, Britain and France strike Syria over suspected chemical attack",
        "Moscow disputes Western account of strikes on Syria",
    }


def test_two_stories_on_one_page_are_two_articles(example_records: Records) -> None:
    parts = [
        r for r in example_records if r["source"]["path"].endswith("harbor-wire-two-stories.txt")
    ]
    assert [p["source"]["part"] for p in parts] == [0, 1]
    assert "OPEC+" not in parts[0]["text"] and "missiles" not in parts[1]["text"]
    assert len({p["id"] for p in parts}) == 2


def test_dates_come_from_date_lines_captions_metadata_and_hints(example_records: Records) -> None:
    meridian = by_title(
        example_records, "Russia Pounds Ukrainian Cities With Missiles After Crimea Bridge Blast"
    )
    assert meridian["published"] == {"value": "2022-10-10", "precision": "day", "basis": "explicit"}
    opec = by_title(
        example_records, "OPEC+ Agrees Deep Oil Output Cut Despite Washington's Objections"
    )
    assert opec["published"] == {"value": "2022-10-05", "precision": "day", "basis": "inferred"}
    # "on Monday" in a caption is not a date: never invent one.
    downed = by_title(
        example_records, "Ukraine Says Most Russian Missiles Downed as Death Toll Rises"
    )
    assert downed["published"] == {"value": None, "precision": None, "basis": "unknown"}
    g7 = by_title(
        example_records, "G7 Vows to Hold Putin to Account After Strikes on Ukrainian Cities"
    )
    assert g7["published"]["value"] == "2022-10-11"
    iaea = next(r for r in example_records if r["id"] == "feed-iaea")
    assert iaea["published"] == {"value": "2022-10-11", "precision": "day", "basis": "explicit"}


def test_outlets_from_datelines_credits_sites_and_hints(example_records: Records) -> None:
    outlets = {r["title"]: r["source"]["outlet"] for r in example_records}
    assert (
        outlets["Russia Pounds Ukrainian Cities With Missiles After Crimea Bridge Blast"]
        == "Meridian Post"
    )
    assert (
        outlets["OPEC+ Agrees Deep Oil Output Cut Despite Washington's Objections"] == "Harbor Wire"
    )
    # A picture agency's credit in a caption is not the outlet.
    assert outlets["Ukraine Says Most Russian Missiles Downed as Death Toll Rises"] is None
    assert (
        outlets["G7 Vows to Hold Putin to Account After Strikes on Ukrainian Cities"]
        == "Northfield Daily"
    )
    assert (
        outlets["UN General Assembly condemns Russia's annexation of four Ukrainian regions"]
        == "Lakeside Courier"
    )


def test_captions_are_a_field_not_body(example_records: Records) -> None:
    opec = by_title(
        example_records, "OPEC+ Agrees Deep Oil Output Cut Despite Washington's Objections"
    )
    assert len(opec["captions"]) == 1 and opec["captions"][0].endswith("NORDPIX/Anna Holt")
    assert "NORDPIX" not in opec["text"]
    downed = by_title(
        example_records, "Ukraine Says Most Russian Missiles Downed as Death Toll Rises"
    )
    assert downed["captions"] == [
        "Rescuers work at the site of a missile strike in central Kyiv on Monday."
    ]


FURNITURE = [
    "Skip to content",
    "Most Read",
    "Share this article",
    "Comments",
    "Related Stories",
    "All rights reserved",
    "TT",
    "Follow our live coverage",
    "Source: Harbor Wire",
    "Leave a comment",
    "Privacy policy",
    "Share on Facebook",
    "Europe's gas prices jump",
]


def test_no_page_furniture_left_in_any_text(example_records: Records) -> None:
    for record in example_records:
        lines = record["text"].split("\n")
        for phrase in FURNITURE:
            assert not any(phrase in line for line in lines), (record["title"], phrase)
        assert not any(line.strip().isdigit() for line in lines), record["title"]


def test_every_body_paragraph_is_kept(example_records: Records) -> None:
    meridian = by_title(
        example_records, "Russia Pounds Ukrainian Cities With Missiles After Crimea Bridge Blast"
    )
    text = meridian["text"]
    assert text.startswith("Russia fired dozens of cruise missiles")
    assert meridian["dateline"] == "KYIV (Meridian Post)"
    assert meridian["byline"] == "Elena Varga"
    assert "\n\nPower and water cuts\n\n" in text  # a subheading inside the body stays
    assert text.endswith("a government spokesman said.")
    raw = (EXAMPLES / "meridian-kyiv-strikes.txt").read_text("utf-8")
    long_lines = [line for line in raw.splitlines() if len(line.split()) >= 12]
    assert all(line[-60:] in text for line in long_lines)


def test_glued_sentences_are_repaired(example_records: Records) -> None:
    downed = by_title(
        example_records, "Ukraine Says Most Russian Missiles Downed as Death Toll Rises"
    )
    assert "on Telegram. Rescue crews" in downed["text"]


def test_any_encoding_is_decoded(example_records: Records) -> None:
    brief = by_title(example_records, "Zaporizhzhia plant director released, IAEA says")
    assert "the agency’s director general" in brief["text"]
    assert brief["source"]["encoding"] not in (None, "utf-8")


def test_sentences_are_parsed_with_offsets_into_the_text(example_records: Records) -> None:
    for record in example_records:
        spans = record["sentences"]
        assert spans, record["title"]
        assert all(0 <= s < e <= len(record["text"]) for s, e in spans)
        assert record["text"][spans[0][0] : spans[0][1]].strip()
