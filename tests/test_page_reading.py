"""Story splitting, captions, metadata lines, datelines, dates and glued sentences, on small
pages written for these tests."""

from __future__ import annotations

from tidings.clean.hints import date_from_address, date_from_hint
from tidings.clean.knowledge import canonical_outlet, load_page_knowledge
from tidings.clean.normalise import normalise_lines
from tidings.clean.page_parts import separate_page_parts, split_dateline
from tidings.clean.pipeline import clean_document
from tidings.clean.pubdate import find_date, is_date_line
from tidings.clean.repair import repair_glued_sentences
from tidings.clean.stories import split_stories
from tidings.clean.title import choose_title
from tidings.ingest import Document

KNOWLEDGE = load_page_knowledge()

BODY = (
    "The council voted on Thursday to close the old harbour bridge to heavy traffic until "
    "engineers finish a full inspection of its steel frame."
)
BODY2 = (
    "Residents who cross the bridge every day said they had been warned about cracks for years "
    "and that the decision came far too late for the businesses nearby."
)


def test_normalise_drops_blank_and_invisible_characters() -> None:
    raw = "Title\r\n\u00a0\r\n  Line\u200bwith  spaces \x07\n\n"
    assert normalise_lines(raw) == ["Title", "Linewith spaces"]


def test_repeated_headers_split_two_stories() -> None:
    first, second = "Harbour Bridge Closed to Lorries", "Mayor Opens New Library in Old Mill"
    caption = "Workers inspect the bridge on Thursday, in a photo released by the council."
    page = [
        first,
        caption,
        caption,
        "TT",
        "20",
        first,
        caption,
        caption,
        BODY,
        BODY2,
        BODY,
        second,
        "A view of the library.",
        "9",
        second,
        BODY2,
        BODY,
        BODY2,
    ]
    stories = split_stories(page)
    assert [s.headline for s in stories] == [first, second]
    assert stories[0].lines[-1] == BODY
    assert stories[1].lines[0] == second


def test_teaser_headers_after_the_body_do_not_split_the_page() -> None:
    teaser = "Mayor Opens New Library in Old Mill"
    page = ["Bridge Closed", BODY, BODY2, BODY, "Related", teaser, "9", teaser, BODY2, BODY, BODY2]
    assert len(split_stories(page)) == 1


def test_a_header_needs_body_right_after_its_second_copy() -> None:
    header = "Harbour Bridge Closed to Lorries"
    page = [
        header,
        "Menu",
        header,
        "Home",
        "News",
        "Sport",
        "Weather",
        "Contact",
        BODY,
        BODY2,
        BODY,
    ]
    assert split_stories(page)[0].headline is None


def test_page_without_repeated_header_is_one_story() -> None:
    stories = split_stories(["Home", "Bridge Closed", BODY, BODY2])
    assert len(stories) == 1 and stories[0].headline is None


def test_doubled_and_credited_captions_become_captions_with_date() -> None:
    caption = (
        "The mayor speaks to reporters at the mill in Leeds, Britain, March 3, 2024. "
        "PIXAGENCY/Jo Smith"
    )
    parts = separate_page_parts(
        ["Mill Reopens", caption, caption, BODY, "Photo: city council"],
        headline="Mill Reopens",
        knowledge=KNOWLEDGE,
    )
    assert parts.captions == [caption, "Photo: city council"]
    assert parts.rest == [BODY]
    assert parts.caption_date is not None
    assert (parts.caption_date.value, parts.caption_date.basis) == ("2024-03-03", "inferred")
    assert {r.reason for r in parts.removed} == {"headline", "caption"}


def test_metadata_lines_date_credit_byline() -> None:
    parts = separate_page_parts(
        [
            "Sunday, March 3, 2024",
            "By Jo Smith | Political desk",
            "Published: Updated:",
            BODY,
            "Source: Coastline News",
        ],
        headline=None,
        knowledge=KNOWLEDGE,
    )
    assert parts.rest == [BODY]
    assert parts.published is not None and parts.published.value == "2024-03-03"
    assert parts.byline == "Jo Smith"
    assert parts.credit_outlet == "Coastline News"


def test_sentence_mentioning_photo_or_source_stays_body() -> None:
    line = "Source: officials said the photo was taken on Monday near the port, before the storm."
    parts = separate_page_parts([line, BODY], headline=None, knowledge=KNOWLEDGE)
    assert parts.rest == [line, BODY]


def test_datelines_give_place_and_outlet() -> None:
    found = split_dateline(
        "OSLO – (NORDNEWS) – The government said on Friday it would act.", KNOWLEDGE
    )
    assert found is not None
    assert (found.text, found.outlet) == ("OSLO – (NORDNEWS)", "Nordnews")
    assert found.body.startswith("The government said")
    wire = split_dateline("LONDON, March 3 (Reuters) - Shares fell.", KNOWLEDGE)
    assert wire is not None and wire.outlet == "Reuters"
    plain = split_dateline("VIENNA – The agency said it was ready.", KNOWLEDGE)
    assert plain is not None and plain.outlet is None and plain.body.startswith("The agency")
    assert (
        split_dateline("US President Joe Biden (left) said on Friday he would act.", KNOWLEDGE)
        is None
    )


def test_outlet_names_are_canonical() -> None:
    assert canonical_outlet("AP", KNOWLEDGE) == "Associated Press"
    assert canonical_outlet("SOMEPAPER", KNOWLEDGE) == "Somepaper"
    assert canonical_outlet("BBC", KNOWLEDGE) == "BBC News"
    assert canonical_outlet("XYZ", KNOWLEDGE) == "XYZ"


def test_date_lines_and_dates() -> None:
    assert is_date_line("Saturday, December 2, 2023", KNOWLEDGE) is not None
    assert is_date_line("Published 10:31 GMT, 2 May 2021", KNOWLEDGE) is not None
    assert is_date_line("He was born on 2 May 1961 in a small village.", KNOWLEDGE) is None
    found = find_date("Talks ended on 3rd of March, 2024.", KNOWLEDGE)
    assert found is not None and found.value.value == "2024-03-03"
    month = find_date("in March 2024", KNOWLEDGE)
    assert month is not None and (month.value.value, month.value.precision) == ("2024-03", "month")
    assert find_date("February 30, 2024", KNOWLEDGE) is None


def test_date_hints() -> None:
    hinted = date_from_hint("2023-12-02T10:00:00Z")
    assert hinted is not None and (hinted.value, hinted.precision) == ("2023-12-02", "day")
    assert date_from_hint("yesterday") is None
    assert date_from_hint("2023-13-40") is None


def test_a_date_in_a_files_name_or_a_url_is_the_inferred_publication_date() -> None:
    named = date_from_address(None, "news/harbour-times_2016-09-30_the-port-strike.txt")
    assert named is not None and (named.value, named.basis) == ("2016-09-30", "inferred")
    linked = date_from_address("https://example.org/2021/05/02/talks/", "page.html")
    assert linked is not None and linked.value == "2021-05-02"
    assert date_from_address(None, "2016-09-30/story.txt") is None  # a folder's, not the file's
    assert date_from_address(None, "001_20160930ab41.txt") is None  # digits run together
    assert date_from_address(None, "notes_2016-02-30.txt") is None  # no such day
    content = "Talks resumed in Portvale on Monday between the two governments."
    doc = Document(path="wire_2016-09-30_talks.txt", format="text", content=content, sha256="")
    assert [a.published.value for a in clean_document(doc)] == ["2016-09-30"]


def test_glued_sentences_are_repaired_but_abbreviations_kept() -> None:
    assert (
        repair_glued_sentences("only the start.Officials said") == "only the start. Officials said"
    )
    assert repair_glued_sentences("he said.”Then") == "he said.” Then"
    assert repair_glued_sentences("the U.S.Army and 3.5 percent") == "the U.S.Army and 3.5 percent"


def test_title_prefers_the_repeated_line() -> None:
    candidates = [
        ("Mill Reopens After Repairs | City Post", "edge"),
        ("Menu", "navigation"),
        ("Mill Reopens After Repairs", "edge"),
        ("Subscribe to our daily newsletter today", "lexicon"),
        ("A smaller standfirst about the mill", "edge"),
    ]
    assert choose_title(candidates) == "Mill Reopens After Repairs"
    assert choose_title([("Mill Reopens After Repairs", "edge")]) == "Mill Reopens After Repairs"
    assert choose_title([("Home", "navigation")]) is None


def test_hard_wrapped_paragraphs_are_joined() -> None:
    paragraph = (BODY + " " + BODY2 + " " + BODY).split()
    wrapped, line = [], ""
    for word in paragraph:
        if len(line) + len(word) + 1 > 72:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    raw = "Bridge Closed\n\n" + "\n".join(wrapped) + "\n\n" + "\n".join(wrapped) + "\n"
    lines = normalise_lines(raw)
    assert lines == ["Bridge Closed", " ".join(paragraph), " ".join(paragraph)]


def test_unwrapped_text_is_left_alone() -> None:
    raw = "Bridge Closed\n\n" + BODY + "\n\nShort line\n" + BODY2 + "\n"
    assert normalise_lines(raw) == ["Bridge Closed", BODY, "Short line", BODY2]


def test_titles_may_open_with_a_figure_or_a_lower_case_brand() -> None:
    assert (
        choose_title([("$1m payoff for former bank boss", "edge")])
        == "$1m payoff for former bank boss"
    )
    assert (
        choose_title([("eBay sales beat forecasts again", "edge")])
        == "eBay sales beat forecasts again"
    )
    assert choose_title([("and then the menu said more", "edge")]) is None
