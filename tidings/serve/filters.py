"""Strict filter values: a date that no calendar has, a type, status, quote kind or actor
kind that nothing can have, is refused with 422 in FastAPI's one validation-error shape
(`{"detail": [{"loc": ["query", "from"], "msg": ..., "type": "value_error"}]}`) instead of
answering an empty list, which reads as "nothing happened". An empty value (a blank form
field) means no filter."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, get_args

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator

from tidings.actors.records import EntityKind
from tidings.events.records import EVENT_TYPES, EventStatus
from tidings.quotes.records import QuoteKind

# Filter values are short: ids, names, a few words of search.
MAX_TEXT = 200
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)
QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
ACTOR_KINDS: tuple[str, ...] = get_args(EntityKind)
# An ISO 8601 date at year, month or day precision, as the store keeps dates.
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _real_date(value: str | None) -> str | None:
    if not value:
        return None
    if not _ISO_DATE.fullmatch(value):
        raise ValueError("expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise ValueError(f"no month {parts[1]:02d} in a year")
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            raise ValueError(f"{value} is not a day of the calendar") from None
    return value


def _one_of(choices: tuple[str, ...], what: str, *, upper: bool = False) -> AfterValidator:
    def check(value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        normal = value.strip().upper() if upper else value.strip().lower()
        if normal not in choices:
            raise ValueError(f"unknown {what} {value!r}; expected one of {', '.join(choices)}")
        return normal

    return AfterValidator(check)


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Date = Annotated[
    str | None,
    Query(max_length=10, description="ISO date: 2020, 2020-01, 2020-01-31."),
    AfterValidator(_real_date),
]
EventTypeFilter = Annotated[
    str | None,
    Query(max_length=MAX_TEXT, description="PLOVER type: " + ", ".join(EVENT_TYPES)),
    _one_of(EVENT_TYPES, "event type", upper=True),
]
StatusFilter = Annotated[
    str | None,
    Query(max_length=MAX_TEXT, description="Status: " + ", ".join(EVENT_STATUSES)),
    _one_of(EVENT_STATUSES, "status"),
]
QuoteKindFilter = Annotated[
    str | None,
    Query(max_length=MAX_TEXT, description="Quote kind: " + ", ".join(QUOTE_KINDS)),
    _one_of(QUOTE_KINDS, "quote kind"),
]
ActorKindFilter = Annotated[
    str | None,
    Query(max_length=MAX_TEXT, description="Actor kind: " + ", ".join(ACTOR_KINDS)),
    _one_of(ACTOR_KINDS, "actor kind"),
]


def check_range(date_from: str | None, date_to: str | None) -> None:
    """Refuse a range that ends before it starts (`from=2025-03&to=2025-01`), compared at the
    coarser of the two precisions (`from=2025-03&to=2025` is March to December), with the
    same error shape as any other bad value."""
    if not date_from or not date_to:
        return
    common = min(len(date_from), len(date_to))
    if date_from[:common] > date_to[:common]:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "to"),
                    "msg": f"Value error, the range ends ({date_to}) before it starts "
                    f"({date_from})",
                    "type": "value_error",
                }
            ]
        )
