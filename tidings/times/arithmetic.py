"""Calendar arithmetic on TimeML values: the anchor, shifting dates by durations, and the
contract date a value stands for (never at a finer precision than the value has)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tidings.clean.article import Basis, DateValue, Precision

_DAYS_IN_WEEK = 7
_MONTHS_IN_YEAR = 12
_MONTHS_IN_QUARTER = 3
_PRECISION_RANK: dict[Precision, int] = {"day": 0, "month": 1, "year": 2}
# Duration units → the precision a date shifted by them keeps.
_UNIT_PRECISION: dict[str, Precision] = {
    "S": "day", "MIN": "day", "H": "day", "D": "day", "W": "day", "WE": "day",
    "M": "month", "Q": "month", "Y": "year", "DE": "year", "CE": "year",
}  # fmt: skip
_OFFSET = re.compile(r"^P(T?)(\d+)(MIN|WE|DE|CE|[SHDWMQY])$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_ISO_YEAR = re.compile(r"^(\d{4})$")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_YEAR_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA)$")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The date relative expressions count from, at the precision known (year always set when
    anything is)."""

    year: int | None = None
    month: int | None = None
    day: date | None = None

    @classmethod
    def of(cls, value: DateValue | date | None) -> Anchor:
        if value is None:
            return cls()
        if isinstance(value, date):
            return cls(value.year, value.month, value)
        text = value.value or ""
        if value.precision == "day" and _ISO_DAY.match(text):
            day = date.fromisoformat(text[:10])
            return cls(day.year, day.month, day)
        if value.precision == "month" and re.match(r"^\d{4}-\d\d", text):
            return cls(int(text[:4]), int(text[5:7]))
        if value.precision == "year" and re.match(r"^\d{4}", text):
            return cls(int(text[:4]))
        return cls()


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * _MONTHS_IN_YEAR + month - 1 + months
    return index // _MONTHS_IN_YEAR, index % _MONTHS_IN_YEAR + 1


def _add_months_to_day(day: date, months: int) -> date:
    year, month = add_months(day.year, day.month, months)
    for last in (day.day, 30, 29, 28):  # the same day, or the month's last
        try:
            return date(year, month, last)
        except ValueError:
            continue
    return date(year, month, 28)


def shift(day: date, unit: str, amount: int) -> date:
    """`day` moved by `amount` units (negative: back)."""
    if unit in {"D", "S", "MIN", "H"}:
        seconds = {"D": 86400, "H": 3600, "MIN": 60, "S": 1}[unit] * amount
        return day + timedelta(days=int(seconds / 86400))
    if unit in {"W", "WE"}:
        return day + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit, 0)
    return _add_months_to_day(day, months * amount)


def format_day(day: date, precision: Precision) -> str:
    if precision == "day":
        return day.isoformat()
    return f"{day.year:04d}-{day.month:02d}" if precision == "month" else f"{day.year:04d}"


def unit_precision(unit: str) -> Precision:
    return _UNIT_PRECISION.get(unit, "day")


def coarser(a: Precision, b: Precision) -> Precision:
    return a if _PRECISION_RANK[a] >= _PRECISION_RANK[b] else b


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // _MONTHS_IN_QUARTER + 1


def _week_date(year: int, week: int, basis: Basis) -> DateValue | None:
    monday = date.fromisocalendar(year, week, 1)
    sunday = monday + timedelta(days=_DAYS_IN_WEEK - 1)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DateValue(format_day(monday, "month"), "month", basis)
    if monday.year == sunday.year:
        return DateValue(f"{monday.year:04d}", "year", basis)
    return None


def date_of_value(value: str | None, basis: Basis) -> DateValue | None:
    """The contract date of a TimeML value: days, months and years as they are; a time of day
    as its day; a week as the month (or year) that holds it whole; a quarter, half or season
    (but winter, which straddles two years) as its year; anything else None."""
    if not value:
        return None
    if match := _ISO_DAY.match(value):
        if re.match(r"^\d{4}-\d\d-\d\d(T.*)?$", value):
            return DateValue(match.group(0), "day", basis)
        return None
    if _ISO_MONTH.match(value):
        return DateValue(value, "month", basis)
    if _ISO_YEAR.match(value):
        return DateValue(value, "year", basis)
    if match := _ISO_WEEK.match(value):
        return _week_date(int(match.group(1)), int(match.group(2)), basis)
    if match := _YEAR_PART.match(value):
        return DateValue(match.group(1), "year", basis)
    return None


def parse_offset(offset: str) -> tuple[str, int] | None:
    """("D", 5) for "P5D", ("H", 48) for "PT48H"; None for vague offsets ("PXD")."""
    match = _OFFSET.match(offset)
    if match is None:
        return None
    unit = match.group(3)
    if match.group(1) and unit == "M":
        unit = "MIN"
    return unit, int(match.group(2))


def shift_date(
    anchor: DateValue, offset: str, relation: Literal["later", "earlier"]
) -> DateValue:
    """The date `offset` later (or earlier) than `anchor`: "P5D" later than 2020-01-03 is
    2020-01-08. The precision is the coarser of the anchor's and the offset unit's; basis
    "relative". An anchor or offset that cannot be read gives an unknown date."""
    parsed = parse_offset(offset)
    start = Anchor.of(anchor)
    if parsed is None or start.year is None or anchor.precision is None:
        return DateValue(None, None, "unknown")
    unit, amount = parsed
    day = start.day or date(start.year, start.month or 1, 1)
    precision = coarser(anchor.precision, unit_precision(unit))
    moved = shift(day, unit, amount if relation == "later" else -amount)
    return DateValue(format_day(moved, precision), precision, "relative")
