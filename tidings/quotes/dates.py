"""When a statement was made, when the text says so next to its cue ("said on Wednesday",
"told reporters Tuesday", "said on January 3"), resolved against the article's date.

A weekday is the most recent such day on or before the publication date (news copy says
"on Wednesday" of the past week); a month and day without a year take the publication year,
or the year before when that would put the statement after publication. Anything vaguer
("last week", "recently") is left unresolved: no date rather than an invented one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from tidings.clean.article import DateValue
from tidings.quotes.lexicon import QuoteLexicon

DATE_LABEL = "DATE"
# Dependents of a cue verb that carry its time ("said Tuesday", "said on Tuesday").
TIME_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "dobj"})
TIME_PREPOSITIONS = frozenset({"on"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DAY = re.compile(r"^([0-2]?\d|3[01])(st|nd|rd|th)?$")
_DAYS_IN_WEEK = 7


def _date_entity(token: Any) -> str | None:
    """The text of the DATE entity `token` starts or belongs to."""
    if token.ent_type_ != DATE_LABEL:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def _time_words(cue: Any) -> list[str]:
    found = []
    for child in cue.children:
        if child.dep_ in TIME_DEPS:
            found.append(_date_entity(child))
        elif child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
            found.extend(_date_entity(g) for g in child.children if g.dep_ == "pobj")
    return [words for words in found if words]


def _published(published: DateValue) -> date | None:
    if published.precision != "day" or not published.value:
        return None
    return date.fromisoformat(published.value)


def _read(words: str, published: date | None, lexicon: QuoteLexicon) -> DateValue | None:
    tokens = [w.strip(".,").lower() for w in words.split()]
    weekday = next((lexicon.weekdays[t] for t in tokens if t in lexicon.weekdays), None)
    month = next((lexicon.months[t] for t in tokens if t in lexicon.months), None)
    year = next((int(t) for t in tokens if _YEAR.match(t)), None)
    day = next((int(m.group(1)) for t in tokens if (m := _DAY.match(t))), None)
    if month is not None and day is not None and 1 <= day <= 31:
        return _month_day(year, month, day, published)
    if weekday is not None and published is not None and len(tokens) <= 2:
        back = (published.weekday() - weekday) % _DAYS_IN_WEEK
        value = published - timedelta(days=back)
        return DateValue(value.isoformat(), "day", "relative")
    offsets = [lexicon.day_offsets[t] for t in tokens if t in lexicon.day_offsets]
    if len(tokens) == 1 and offsets and published is not None:
        value = published + timedelta(days=offsets[0])
        return DateValue(value.isoformat(), "day", "relative")
    return None


def _month_day(year: int | None, month: int, day: int, published: date | None) -> DateValue | None:
    if year is not None:
        found = _valid(year, month, day)
        return DateValue(found.isoformat(), "day", "explicit") if found else None
    if published is None:
        return None
    found = _valid(published.year, month, day)
    if found is not None and found > published:
        found = _valid(published.year - 1, month, day)
    return DateValue(found.isoformat(), "day", "relative") if found else None


def _valid(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def statement_date(cue: Any, published: DateValue, lexicon: QuoteLexicon) -> DateValue | None:
    """The date the cue's words give for the statement, if they give one."""
    for words in _time_words(cue):
        found = _read(words, _published(published), lexicon)
        if found is not None:
            return found
    return None
