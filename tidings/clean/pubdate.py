"""Reading a publication date out of a date line, a byline or a photo caption.

Only dates written out with a year count: a page's date is never guessed from "on Wednesday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tidings.clean.article import DateValue, Precision
from tidings.clean.knowledge import PageKnowledge

# Years outside this range are not news publication dates (a "1066" in a caption, a "3000"
# in a product name).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# A date line is a short line: more words than this and it is a sentence that mentions a date.
DATE_LINE_MAX_WORDS = 14


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: DateValue
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _DatePatterns:
    month_day_year: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_year: re.Pattern[str]
    iso: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(month_names: tuple[str, ...]) -> _DatePatterns:
    month = (
        "(?P<month>"
        + "|".join(sorted(map(re.escape, month_names), key=len, reverse=True))
        + r")\.?"
    )
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})"
    return _DatePatterns(
        month_day_year=re.compile(rf"\b{month}\s+{day},?\s+{year}\b", re.IGNORECASE),
        day_month_year=re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b", re.IGNORECASE),
        month_year=re.compile(rf"\b{month},?\s+{year}\b", re.IGNORECASE),
        iso=re.compile(r"\b(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})\b"),
    )


def _make(year: int, month: int, day: int | None) -> DateValue | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    precision: Precision = "day" if day else "month"
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return DateValue(value=value, precision=precision, basis="explicit")


def find_date(text: str, knowledge: PageKnowledge) -> FoundDate | None:
    """The first written-out calendar date in `text` (day or month precision), if any."""
    pats = _patterns(tuple(knowledge.months))
    found: list[FoundDate] = []
    for pattern in (pats.month_day_year, pats.day_month_year, pats.iso, pats.month_year):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month_text = groups["month"]
            month = (
                int(month_text) if month_text.isdigit() else knowledge.months[month_text.lower()]
            )
            day = int(groups["day"]) if groups.get("day") else None
            value = _make(int(groups["year"]), month, day)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end()))
                break
    if not found:
        return None
    # Prefer the most precise reading, then the earliest in the text.
    found.sort(key=lambda f: (f.value.precision != "day", f.start))
    return found[0]


_TIME = re.compile(r"^\d{1,2}([:.]\d{2}){1,2}(am|pm)?$", re.IGNORECASE)


def is_date_line(line: str, knowledge: PageKnowledge) -> FoundDate | None:
    """The date if `line` is a date line ("Saturday, December 2, 2023", "Published: 2 May 2021
    10:31 GMT", "Updated 2021-05-02"): a date and nothing else but weekday, label and time words."""
    if len(line.split()) > DATE_LINE_MAX_WORDS:
        return None
    found = find_date(line, knowledge)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end :]
    for word in re.split(r"[\s,|/•·–—()\[\]-]+", rest):
        token = word.strip(".:").lower()
        if not token or token in knowledge.weekdays or token in knowledge.date_line_words:
            continue
        if _TIME.match(token):
            continue
        return None
    return found
