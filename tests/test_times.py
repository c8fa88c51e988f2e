"""The time stage on sentences written for the project: recognition with exact spans, TimeML
values against an anchor, tense for weekdays, year rollover, relations, and no anchor."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import pytest

from tidings.clean.article import Article, DateValue
from tidings.ingest.document import Document
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.settings import load_settings
from tidings.times import EMPTY_TIMES, TimeLayer, extract_times, normalise_expressions, shift_date

ANCHOR = date(2020, 1, 9)  # a Thursday


@lru_cache(maxsize=1)
def nlp() -> Any:
    settings = load_settings()
    return load_model(settings.parse.model, settings.parse.max_chars)


def values(text: str, anchor: DateValue | date | None = ANCHOR) -> dict[str, str | None]:
    found = normalise_expressions(nlp()(text), anchor)
    for item in found:
        assert text[item.span[0] : item.span[1]] == item.text
    return {item.text: item.value for item in found}


def parsed(text: str, published: DateValue) -> ParsedArticle:
    document = Document(path="t.txt", format="text", content=text, sha256="0" * 64)
    article = Article("t", document, 0, None, published, None, text)
    doc = nlp()(text)
    return ParsedArticle(article, doc, tuple((s.start_char, s.end_char) for s in doc.sents))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dam opened on 3 January 2020 after delays.", {"3 January 2020": "2020-01-03"}),
        ("The dam opened on January 3, 2020, after delays.", {"January 3, 2020": "2020-01-03"}),
        ("The dam opened on Jan. 3 after delays.", {"Jan. 3": "2020-01-03"}),
        ("The report is dated 2019-11-30.", {"2019-11-30": "2019-11-30"}),
        ("The mill closed in March 2018.", {"March 2018": "2018-03"}),
        ("The mill closed in 2017.", {"2017": "2017"}),
        ("Prices rose in the 1990s.", {"the 1990s": "199"}),
        ("Little changed in the 19th century.", {"the 19th century": "18"}),
        ("The ferry sank yesterday.", {"yesterday": "2020-01-08"}),
        ("The vote is due tomorrow.", {"tomorrow": "2020-01-10"}),
        ("The court sat last week.", {"last week": "2020-W01"}),
        ("Sales fell last month.", {"last month": "2019-12"}),
        ("The plant will open next year.", {"next year": "2021"}),
        ("The league folded last December.", {"last December": "2019-12"}),
        ("The bridge opened earlier this month.", {"earlier this month": "2020-01"}),
        ("The firm grew in early 2019.", {"early 2019": "2019"}),
        ("The firm shrank in mid-2018.", {"mid-2018": "2018"}),
        ("The pact lapsed late last year.", {"late last year": "2019"}),
        ("Profits jumped in the third quarter of 2019.", {"the third quarter of 2019": "2019-Q3"}),
        ("The river flooded last summer.", {"last summer": "2019-SU"}),
        ("The talks are now stalled.", {"now": "PRESENT_REF"}),
        ("The mayor recently resigned.", {"recently": "PAST_REF"}),
        ("The strike lasted three years.", {"three years": "P3Y"}),
        ("She waited a month for news.", {"a month": "P1M"}),
        ("Rescuers searched for 48 hours.", {"48 hours": "PT48H"}),
        ("They began a two-week tour.", {"two-week": "P2W"}),
        ("The tower fell three days ago.", {"three days ago": "2020-01-06"}),
        ("The paper is printed daily.", {"daily": "P1D"}),
        ("The council meets every week.", {"every week": "P1W"}),
        ("Fees are paid annually.", {"annually": "P1Y"}),
        ("The polls closed at 8 p.m.", {"8 p.m.": "2020-01-09T20:00"}),
        ("The storm hit Tuesday morning.", {"Tuesday morning": "2020-01-07TMO"}),
        ("Two decades of drought ended.", {"Two decades": "P20Y"}),
    ],
)
def test_values(text: str, expected: dict[str, str | None]) -> None:
    assert values(text) == expected


def test_weekday_direction_follows_tense() -> None:
    assert values("The envoy arrived on Tuesday.") == {"Tuesday": "2020-01-07"}
    assert values("The envoy will arrive on Tuesday.") == {"Tuesday": "2020-01-14"}
    assert values("The envoy arrived last Thursday.") == {"last Thursday": "2020-01-02"}
    assert values("The envoy arrived on Thursday.") == {"Thursday": "2020-01-09"}


def test_weekday_possessive_keeps_the_name_only() -> None:
    assert values("Tuesday's blast shook the port.") == {"Tuesday": "2020-01-07"}


def test_year_rollover() -> None:
    # a past event in December read in January is last year's
    assert values("The fair opened on December 28.") == {"December 28": "2019-12-28"}
    # a future event in February read in December is next year's
    late = date(2019, 12, 20)
    assert values("The fair will open on February 2.", late) == {"February 2": "2020-02-02"}
    assert values("The fair opened in November.", late) == {"November": "2019-11"}


def test_relation_counts_from_another_event() -> None:
    found = normalise_expressions(nlp()("The rebels withdrew five days later."), ANCHOR)
    assert len(found) == 1
    item = found[0]
    assert (item.text, item.value, item.relation, item.offset) == (
        "five days later", None, "later", "P5D"
    )
    assert item.to_json()["relation"] == "later"


def test_shift_date() -> None:
    start = DateValue("2020-01-03", "day", "explicit")
    assert shift_date(start, "P5D", "later") == DateValue("2020-01-08", "day", "relative")
    assert shift_date(start, "P2W", "earlier") == DateValue("2019-12-20", "day", "relative")
    assert shift_date(start, "P1M", "later") == DateValue("2020-02", "month", "relative")
    month = DateValue("2020-01", "month", "explicit")
    assert shift_date(month, "P3D", "later").precision == "month"


def test_no_anchor_resolves_only_explicit_dates() -> None:
    found = values("The ferry sank yesterday, and the port closed on 4 May 2019.", None)
    assert found == {"yesterday": None, "4 May 2019": "2019-05-04"}


def test_anchor_precision_limits_resolution() -> None:
    month = DateValue("2020-01", "month", "explicit")
    assert values("The ferry sank yesterday and sales fell last year.", month) == {
        "yesterday": None,
        "last year": "2019",
    }


def test_dates_carry_contract_dates() -> None:
    found = {e.text: e for e in normalise_expressions(nlp()("It ended on 3 May 2019."), ANCHOR)}
    assert found["3 May 2019"].date == DateValue("2019-05-03", "day", "explicit")
    week = normalise_expressions(nlp()("The court sat last week."), date(2020, 1, 22))[0]
    assert week.value == "2020-W03"
    assert week.date == DateValue("2020-01", "month", "relative")


def test_noise_is_not_a_time() -> None:
    assert values("The 81-year-old may resign; the annual report lists 2500 staff.") == {}


def test_clock_before_a_day_joins_it() -> None:
    found = values("Polls will close at 9 p.m. Friday.")
    assert found == {"9 p.m. Friday": "2020-01-10T21:00"}


def test_stage_uses_the_publication_date() -> None:
    article = parsed("The ferry sank yesterday.", DateValue("2020-01-09", "day", "explicit"))
    layer = extract_times(article)
    assert isinstance(layer, TimeLayer)
    assert [e.value for e in layer.expressions] == ["2020-01-08"]
    assert layer.within(0, 10) == ()
    assert len(layer.within(0, len(article.article.text))) == 1
    assert EMPTY_TIMES.expressions == ()
    record = layer.expressions[0].to_json()
    assert {"text", "span", "type", "value"} <= set(record)
