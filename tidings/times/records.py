"""The records of the time stage: one time expression, and the layer of an article's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tidings.clean.article import DateValue

TimeType = Literal["date", "time", "duration", "set"]
Relation = Literal["later", "earlier"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression of the text and its TimeML TIMEX3 value.

    `date` is the contract date when the value is a calendar day, month or year (or a period
    that lies inside one: a week inside one month is that month); `relation` and `offset` say
    that the expression counts a duration from another event ("five days later").
    """

    text: str
    span: tuple[int, int]
    type: TimeType
    value: str | None
    date: DateValue | None
    relation: Relation | None = None
    offset: str | None = None

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "text": self.text,
            "span": list(self.span),
            "type": self.type,
            "value": self.value,
        }
        if self.date is not None:
            record["date"] = self.date.to_json()
        if self.relation is not None:
            record["relation"] = self.relation
            record["offset"] = self.offset
        return record


@dataclass(frozen=True, slots=True)
class TimeLayer:
    """An article's time expressions, in text order."""

    expressions: tuple[TimeExpression, ...]

    def within(self, start: int, end: int) -> tuple[TimeExpression, ...]:
        """The expressions inside [start, end)."""
        return tuple(e for e in self.expressions if e.span[0] >= start and e.span[1] <= end)


EMPTY_TIMES = TimeLayer(())
