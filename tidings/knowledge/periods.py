"""Dates at the precision the data gives ("2020", "2020-01", "2020-01-03") as day ranges, so
that "in office on the article's date" is a comparison of ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class DayRange:
    """The first and last day a partial date can mean: "2020" is 2020-01-01..2020-12-31."""

    first: dt.date
    last: dt.date


def is_partial_iso(value: str) -> bool:
    return _parse(value) is not None


def day_range(value: str | None) -> DayRange | None:
    """The days `value` may mean, or None for no date (or one that is not a date)."""
    return None if value is None else _parse(value)


def _parse(value: str) -> DayRange | None:
    match = _ISO_PARTIAL.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if month is None:
        return DayRange(dt.date(year, 1, 1), dt.date(year, 12, 31))
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return DayRange(dt.date(year, month, 1), dt.date(year, month, last_day))
    if not 1 <= day <= last_day:
        return None
    return DayRange(dt.date(year, month, day), dt.date(year, month, day))


def as_iso(value: object) -> str | None:
    """A YAML date value (a `date`, a year as int, or an ISO string) as a partial ISO string,
    or None when it is none of these."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and is_partial_iso(value):
        return value
    return None
