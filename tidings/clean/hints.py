"""Dates that an input states outright (a JSONL `published`, an HTML page's metadata)."""

from __future__ import annotations

import re
from datetime import date

from tidings.clean.article import DateValue

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_from_hint(raw: str | None) -> DateValue | None:
    """An ISO-8601 date or timestamp ("2023-12-02", "2023-12-02T10:00:00Z", "2023-12") at the
    precision it is written with, basis `explicit`; None for anything else."""
    if not raw:
        return None
    match = _ISO_PREFIX.match(raw)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day:
        return DateValue(f"{year}-{month}-{day}", "day", "explicit")
    if month:
        return DateValue(f"{year}-{month}", "month", "explicit")
    return DateValue(year, "year", "explicit")
