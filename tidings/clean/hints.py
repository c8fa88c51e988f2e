"""Dates that an input states outright (a JSONL `published`, an HTML page's metadata), and
the date its address carries (a file saved as `outlet_2016-09-30_slug.txt`, a URL's
`/2016/09/30/`)."""

from __future__ import annotations

import re
from datetime import date

from tidings.clean.article import DateValue

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A whole date in an address, its parts joined by one separator: "2016-09-30", "2016/09/30",
# "2016_09_30". Digits run together ("20160930") are left alone: ids and hashes hold such runs.
_ADDRESS_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-_/.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


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


def date_from_address(*addresses: str | None) -> DateValue | None:
    """The date the first of `addresses` (a URL, a file name) that carries one names, basis
    `inferred`: where an input was saved or published under, when nothing states the date.
    Only the file's own name of a path counts, not its folders."""
    for address in addresses:
        if not address:
            continue
        name = address if "://" in address else address.replace("\\", "/").rsplit("/", 1)[-1]
        match = _ADDRESS_DATE.search(name)
        if match is None:
            continue
        year, _, month, day = match.groups()
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            continue
        return DateValue(f"{year}-{month}-{day}", "day", "inferred")
    return None
