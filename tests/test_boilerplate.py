"""The line classifier on small page dumps written for these tests, in the shapes scrapers
deliver: menus, comment forms, share widgets, counters, related-headline blocks, promo
sentences in the middle of the body, and subheadings that must stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.clean.boilerplate import LineVerdict, judge_lines, load_lexicon, maximal_segments
from tidings.clean.line_features import ends_sentence, is_counter, normalise
from tidings.errors import ConfigError

P1 = (
    "The regional water board said on Tuesday that the reservoir above the valley had fallen to "
    "its lowest level in twenty years, and that farmers would have to cut their use by a third."
)
P2 = (
    "Officials told a crowded meeting in the town hall that the cuts would last at least until "
    "the spring, when engineers expect the snow melt to refill part of the basin."
)
P3 = (
    "Several growers said they had already left fields fallow this year and that another season "
    "of restrictions would force some of them to sell land that their families have worked for "
    "generations."
)
P4 = (
    "The board's chairwoman said the decision had not been taken lightly and that it would be "
    "reviewed every month as new measurements came in from the monitoring stations."
)
P5 = (
    "A group of residents has asked the provincial court to suspend the order, arguing that the "
    "board did not consult the villages downstream before it announced the cuts."
)
HEADLINE = "Water Board Orders Farmers to Cut Use by a Third as Reservoir Falls"
SUBHEADING = "What Happens Next"


def kept(lines: list[str], **kwargs: object) -> list[str]:
    verdicts = judge_lines(lines, **kwargs)  # type: ignore[arg-type]
    assert len(verdicts) == len(lines)
    return [line for line, v in zip(lines, verdicts, strict=True) if v.keep]


def reasons(lines: list[str], **kwargs: object) -> dict[str, str]:
    verdicts = judge_lines(lines, **kwargs)  # type: ignore[arg-type]
    return {line: v.reason for line, v in zip(lines, verdicts, strict=True)}


def test_menus_at_the_top_go_and_a_subheading_in_the_body_stays() -> None:
    page = [
        "Home",
        "World",
        "Business",
        "Sport",
        "Weather",
        "Most Popular",
        "Most Viewed",
        HEADLINE,
        P1,
        P2,
        SUBHEADING,
        P3,
        P4,
    ]
    assert kept(page) == [P1, P2, SUBHEADING, P3, P4]
    why = reasons(page)
    assert why["Most Popular"] == "related-block"
    assert why["Home"] == "lexicon"
    assert why["World"] == why["Business"] == why["Sport"] == "navigation"


def test_comment_form_and_subscribe_prompt_after_the_body_go() -> None:
    page = [
        HEADLINE,
        P1,
        P2,
        P3,
        P4,
        "› Subscribe",
        "Please enter your comment!",
        "Please enter your name here",
        "You have entered an incorrect email address!",
        "The reCAPTCHA verification period has expired. Please reload the page.",
        "More Articles",
    ]
    assert kept(page) == [P1, P2, P3, P4]
    why = reasons(page)
    assert why["Please enter your comment!"] == "lexicon"
    assert why["Please enter your name here"] == "lexicon"
    assert why["The reCAPTCHA verification period has expired. Please reload the page."] == (
        "lexicon"
    )


def test_share_widget_and_language_switch_go() -> None:
    page = [
        HEADLINE,
        P1,
        P2,
        P3,
        "This post is also available in: Spanish",
        "Share via",
        "Copy link",
        "Powered by Social Snap",
    ]
    assert kept(page) == [P1, P2, P3]


def test_font_toggles_and_counters_go() -> None:
    page = [HEADLINE, "TT", "20", HEADLINE, P1, P2, P3]
    why = reasons(page)
    assert why["TT"] == "counter"
    assert why["20"] == "counter"
    assert kept(page) == [P1, P2, P3]


def test_promo_sentences_in_the_middle_of_the_body_go() -> None:
    promo = "For all the latest headlines follow our news channel online or via the app."
    visit = "Visit our dedicated drought page here for all the latest updates."
    page = [HEADLINE, "Published: Updated:", P1, promo, P2, P3, visit, P4, P5]
    assert kept(page) == [P1, P2, P3, P4, P5]
    assert reasons(page)[promo] == "lexicon"
    assert reasons(page)["Published: Updated:"] == "lexicon"


def test_related_headlines_after_a_marker_go() -> None:
    related = [
        "Drought Forces Two Mills to Close Early",
        "Farmers Ask for Emergency Loans After Dry Summer",
        "River Levels Reach a Record Low in the North",
    ]
    page = [HEADLINE, P1, P2, P3, P4, "Read more:", *related]
    assert kept(page) == [P1, P2, P3, P4]
    assert all(reasons(page)[line] == "related-block" for line in related)


def test_related_block_inside_the_body_ends_at_the_next_paragraph() -> None:
    related = ["Drought Forces Two Mills to Close Early", "Farmers Ask for Emergency Loans"]
    page = [HEADLINE, P1, P2, "Related", *related, P3, P4, P5]
    assert kept(page) == [P1, P2, P3, P4, P5]


def test_copyright_and_cookie_notice_go() -> None:
    cookie = (
        "We use cookies to improve your experience on our website, to personalise content and "
        "ads, and to analyse our traffic. By continuing to browse you agree to our use of them."
    )
    page = [HEADLINE, P1, P2, P3, "© 2024 Valley Courier. All rights reserved.", cookie]
    assert kept(page) == [P1, P2, P3]


def test_comment_thread_after_the_body_goes() -> None:
    comment = (
        "I have lived here all my life and I have never seen the river this low, the board should "
        "have acted two years ago when the first warnings came in from the engineers."
    )
    reply = (
        "Totally agree with the previous comment, and the farmers are the ones who will pay for "
        "the mistakes of people who never set foot on a farm in their lives."
    )
    page = [
        HEADLINE,
        P1,
        P2,
        P3,
        P4,
        "3 comments",
        "reader123 says:",
        "May 4, 2024 at 9:12 am",
        comment,
        "valleygirl says:",
        "May 4, 2024 at 9:40 am",
        reply,
    ]
    assert kept(page) == [P1, P2, P3, P4]
    assert reasons(page)[reply] == "comments"


def test_a_teaser_list_before_the_headline_is_not_the_body() -> None:
    teasers = [
        "Council approves new budget for the coming year after a long debate that ran into the "
        "night and ended with a narrow vote in favour of the plan.",
        "Police close the main road for repairs that are expected to last until the end of the "
        "month, and drivers are asked to use the bypass instead.",
    ]
    page = [
        f"{HEADLINE} | Valley Courier",
        "Home",
        "Top Stories",
        teasers[0],
        "Sport",
        teasers[1],
        "Weather",
        HEADLINE,
        "By Staff Reporter",
        P1,
        P2,
        P3,
    ]
    assert kept(page) == [P1, P2, P3]


def test_repeated_menu_lines_and_second_copies_go() -> None:
    glued = f"{P1} {P2} {P3}"
    page = ["Home", "Business", HEADLINE, P1, P2, P3, P1, glued, "Home", "Business"]
    assert kept(page) == [P1, P2, P3]


def test_page_in_a_language_without_stopwords_uses_length_and_punctuation() -> None:
    prose = [
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam nostrud.",
        "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu "
        "fugiat nulla pariatur, excepteur sint occaecat cupidatat non proident, sunt in culpa.",
        "Quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat, "
        "sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque.",
    ]
    page = ["Domus", "Nuntii", "Ludi", "Caelum", *prose, "Contactus", "Index"]
    assert kept(page) == prose


def test_extracted_mode_is_gentle() -> None:
    item = "Two litres of water per person per day"
    lines = [
        P1,
        SUBHEADING,
        item,
        P2,
        "Wi-Fi 6",
        "10 p.m.",
        item,
        "Share",
        "20",
        P3,
        P3,
        "For all the latest headlines follow our news channel online or via the app.",
    ]
    assert kept(lines, mode="extracted") == [
        P1,
        SUBHEADING,
        item,
        P2,
        "Wi-Fi 6",
        "10 p.m.",
        item,
        P3,
    ]
    why = reasons(lines, mode="extracted")
    assert why["Share"] == "lexicon"
    assert why["20"] == "counter"


def test_verdicts_have_reasons_and_empty_input_is_fine() -> None:
    assert judge_lines([]) == []
    assert judge_lines([], mode="extracted") == []
    verdicts = judge_lines([HEADLINE, P1, P2, "Share"])
    assert all(isinstance(v, LineVerdict) and v.reason for v in verdicts)
    assert verdicts[1] == LineVerdict(True, "body")
    with pytest.raises(ValueError):
        judge_lines([P1], mode="other")  # type: ignore[arg-type]


def test_user_lexicon_extends_the_shipped_one(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "exact:\n  house:\n    - Valley Courier Radio\nprefixes:\n  - 'listen live on'\n"
    )
    lexicon = load_lexicon([extra])
    assert lexicon is load_lexicon([extra])  # built once
    assert lexicon.matches(normalise("Valley Courier Radio:"))
    assert lexicon.matches(normalise("Listen live on our station every morning"))
    assert not load_lexicon().matches(normalise("Valley Courier Radio"))
    page = [HEADLINE, P1, "Valley Courier Radio", P2, P3]
    assert kept(page, lexicon=lexicon) == [P1, P2, P3]


@pytest.mark.parametrize(
    "text",
    [
        "exact: [unclosed",
        "- a list",
        "unknown_key: [x]",
        "exact: {navigation: [1, 2]}",
        "patterns: ['(']",
        "stopword_languages: ['zz']",
    ],
)
def test_malformed_user_lexicon_is_a_config_error(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    with pytest.raises(ConfigError):
        load_lexicon([bad])


def test_missing_user_lexicon_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_lexicon([tmp_path / "absent.yaml"])


def test_line_features() -> None:
    assert ends_sentence("He said it was over.”")
    assert ends_sentence("Was it? (Nobody knows.)")
    assert not ends_sentence("Most Viewed")
    assert is_counter("20", ["20"]) and is_counter("TT", ["TT"])
    assert not is_counter("10 p.m.", ["10", "p", "m"])
    assert not is_counter("Wi-Fi 6", ["Wi", "Fi", "6"])
    assert normalise("  › Read more: ") == "read more"


def test_maximal_segments() -> None:
    assert maximal_segments([]) == []
    assert maximal_segments([-1.0, 5.0, -1.0, 3.0, -10.0, 4.0]) == [(1, 4, 7.0), (5, 6, 4.0)]


# --- wire copy thick with names and numbers ------------------------------------------------

NAME_DENSE_LEAD = (
    "Nordic shipping group Fjordline posted record quarterly profits, analysts at Kvale Bank said."
)
BODY_A = (
    "The company said demand for freight between the northern ports had risen every month since "
    "the spring, and that it expected the trend to continue until the end of the year at least."
)
BODY_B = (
    "Its chief executive told reporters that the firm would use part of the money to buy two new "
    "ferries, which should enter service on the coastal routes within the next three years."
)


def test_a_name_dense_lead_sentence_is_body() -> None:
    lines = ["Fjordline profits hit record", NAME_DENSE_LEAD, BODY_A, BODY_B]
    verdicts = judge_lines(lines)
    assert [v.keep for v in verdicts] == [False, True, True, True]


def test_a_short_item_of_names_and_results_is_not_thrown_away() -> None:
    results = (
        "Eighth seed Jon Varga, who won the Harbour Open last week, beat Piet Olsen 7-5 6-3 and "
        "meets Anders Lund, who saw off Tom Reyes 6-4 3-6 7-6, in the semi-finals on Saturday."
    )
    verdicts = judge_lines(
        ["Varga marches on", "Jon Varga reached the semi-finals in Oslo.", results]
    )
    assert [v.keep for v in verdicts] == [False, True, True]


def test_list_items_inside_the_body_stay() -> None:
    items = [
        "- Best play - The Lighthouse at the Royal",
        "- Best actor - Ann Berg for Winter Tales",
    ]
    lines = ["Awards night", BODY_A, *items, BODY_B]
    assert [v.keep for v in judge_lines(lines)] == [False, True, True, True, True]
