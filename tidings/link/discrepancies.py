"""Where the reports of one event disagree: casualty and weapon counts whose ranges do not
overlap ("several troops received non-fatal injuries" against "wounding more than 100"), days
that differ (a time zone apart), places that differ. Each disagreement lists every value with
the article, outlet and sentence that reported it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tidings.link.events import EventMention, mention_date
from tidings.link.quantities import overlaps


@dataclass(frozen=True, slots=True)
class ReportedValue:
    """One report of a value: its words, its range (`low`..`high`; a date or a place has none)
    and where it was read."""

    text: str
    low: int | None
    high: int | None
    article_id: str
    outlet: str | None
    sentence: str
    event_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low": self.low,
            "high": self.high,
            "article_id": self.article_id,
            "outlet": self.outlet,
            "sentence": self.sentence,
            "event_id": self.event_id,
        }


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Reports of one event that disagree on `field` ("dead", "wounded", "missiles", "troops",
    "date", "location", ...): every value reported, one per article and value."""

    field: str
    values: tuple[ReportedValue, ...]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "values": [v.to_json() for v in self.values]}


def _value(mention: EventMention, text: str, low: int | None, high: int | None) -> ReportedValue:
    return ReportedValue(
        text, low, high, mention.article_id, mention.outlet, mention.sentence, mention.event_id
    )


def _counts(
    members: Iterable[EventMention], covers: Mapping[str, Sequence[str]]
) -> dict[str, list[ReportedValue]]:
    """Every count per category, one per (article, range); a zero of a covering category
    ("no casualties") also counts as a zero of each category it covers."""
    found: dict[str, dict[tuple[str, int, int | None], ReportedValue]] = {}
    for mention in members:
        for quantity in mention.quantities:
            categories = [quantity.category]
            if quantity.high == 0:
                categories += covers.get(quantity.category, ())
            for category in categories:
                key = (mention.article_id, quantity.low, quantity.high)
                value = _value(mention, quantity.text, quantity.low, quantity.high)
                found.setdefault(category, {}).setdefault(key, value)
    return {category: list(values.values()) for category, values in found.items()}


def _disagree(values: Sequence[ReportedValue]) -> bool:
    """Two values of different articles whose ranges share no number."""
    for i, first in enumerate(values):
        for second in values[i + 1 :]:
            if first.article_id == second.article_id or first.low is None or second.low is None:
                continue
            if not overlaps((first.low, first.high), (second.low, second.high)):
                return True
    return False


def _distinct(field: str, values: list[ReportedValue]) -> Discrepancy | None:
    values = list({(v.article_id, v.text): v for v in values}.values())
    texts = {v.text for v in values}
    articles = {v.article_id for v in values}
    if len(texts) < 2 or len(articles) < 2:
        return None
    return Discrepancy(field, tuple(sorted(values, key=lambda v: (v.text, v.article_id))))


def find_discrepancies(
    members: Sequence[EventMention], *, covers: Mapping[str, Sequence[str]]
) -> tuple[Discrepancy, ...]:
    """The disagreements among the members of one cluster, by field name."""
    found: list[Discrepancy] = []
    for category, values in sorted(_counts(members, covers).items()):
        if _disagree(values):
            ordered = sorted(values, key=lambda v: (v.low or 0, v.article_id))
            found.append(Discrepancy(category, tuple(ordered)))
    days = []
    for mention in members:
        span = mention_date(mention)
        if span is not None and span.real and span.precision == "day":
            days.append(_value(mention, span.value, None, None))
    if (dates := _distinct("date", days)) is not None:
        found.append(dates)
    places = [
        _value(m, m.location, None, None)
        for m in members
        if m.location and m.location_kind not in (None, "country")
    ]
    if (where := _distinct("location", places)) is not None:
        found.append(where)
    return tuple(found)
