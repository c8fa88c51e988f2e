"""Quotation marks read from the characters alone: straight and curly, double and single, the
two-apostrophe mark of some archives, quotes that run over paragraphs, and apostrophes that
are no marks."""

from __future__ import annotations

import pytest

from tidings.quotes.lexicon import load_quote_lexicon
from tidings.quotes.marks import quoted_stretches


def quoted(text: str) -> list[str]:
    return [text[m.start : m.end] for m in quoted_stretches(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“The tide is turning,” she said.", ["The tide is turning"]),
        ('"The tide is turning," she said.', ["The tide is turning"]),
        # scraped copy mixes straight and curly marks within one quote
        ('"We are very close,” the minister said.', ["We are very close"]),
        ("''It is over,'' he said.", ["It is over"]),
        ("Talks were going 'OK.'", ["OK."]),
        ("It was the ‘first slap’ of many.", ["first slap"]),
    ],
)
def test_marks_of_every_kind(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_apostrophes_are_not_marks() -> None:
    assert quoted("Harbouria’s navy and the sailors’ union don't agree.") == []


def test_single_marks_inside_double_ones_are_part_of_the_quote() -> None:
    text = "“He told me ‘never again’ twice,” she said."
    assert quoted(text) == ["He told me ‘never again’ twice"]


def test_a_quote_runs_on_when_the_next_paragraph_reopens_it() -> None:
    text = "“The first part.\n“The second part,” she said."
    assert quoted(text) == ["The first part.\n“The second part"]


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“This quote lost its closing mark somewhere along the way\nNext paragraph."
    assert quoted(text) == ["This quote lost its closing mark somewhere along the way"]


def test_the_comma_before_the_closing_mark_belongs_to_the_sentence() -> None:
    text = "“We will answer,” he said."
    (mark,) = quoted_stretches(text)
    assert text[mark.start : mark.end] == "We will answer"
    assert (text[mark.open], text[mark.close]) == ("“", "”")


def test_the_lexicon_reads_weekdays_in_calendar_order() -> None:
    lexicon = load_quote_lexicon()
    assert lexicon.weekdays["monday"] == 0
    assert lexicon.weekdays["wed"] == 2
    assert lexicon.weekdays["sunday"] == 6
    assert lexicon.is_cue("say") and lexicon.is_cue("call") and not lexicon.is_cue("eat")
