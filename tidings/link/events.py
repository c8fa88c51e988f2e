"""The input of event linking: one `EventMention` per event of an article, read from the
article's contract record (`tidings extract` prints them; the store keeps them), and the link
stage's knowledge, `tidings/data/link.yaml`, loaded once per process.

A mention carries what linking compares (type, status, actors with their countries, date,
place), what it reports (the evidence sentence, its outlet, the counts read from the sentence)
and two readings the record does not spell out: `month_day`, a "January 3" in the sentence that
the time stage could not place in a year, and `said_by_country`, the country of the speaker.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.events.records import record_is_complete, shipped_targetless_types
from tidings.link.quantities import Quantity, QuantityLexicon, quantity_lexicon, read_quantities
from tidings.yaml_mapping import read_yaml_mapping

LINK_FILE = "link.yaml"
CALENDAR_FILE = "calendar.yaml"
_DAY_MONTH = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]+)\.?$")
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_LAST_DAY = 31


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event of one article. `published` is the article's date value; `evidence` the
    event's [start, end) span in the article text and `sentence` its sentence;
    `trigger_offset` where the trigger starts in `sentence` (None when not found)."""

    event_id: str
    article_id: str
    path: str | None
    outlet: str | None
    published: str | None
    type: str
    status: str
    source_id: str | None
    source_country: str | None
    target_id: str | None
    target_country: str | None
    date_value: str | None
    date_precision: str | None
    date_basis: str
    location: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    sentence: str
    evidence: tuple[int, int]
    trigger: str | None
    said_by: str | None
    goldstein: float | None
    quantities: tuple[Quantity, ...]
    month_day: tuple[int, int] | None = None
    said_by_country: str | None = None
    location_kind: str | None = None
    trigger_offset: int | None = None
    # A partial reading (`Event.complete`) joins a cluster like any other; a cluster is
    # complete when one of its readings is.
    complete: bool = True

    def __setstate__(self, state: list[Any]) -> None:
        # The store keeps mentions pickled and a relink reads them by the ten thousand; the
        # dataclass default looks the fields up again for every mention.
        for name, value in zip(_MENTION_FIELDS, state, strict=False):
            object.__setattr__(self, name, value)


_MENTION_FIELDS = tuple(f.name for f in fields(EventMention))


@dataclass(frozen=True, slots=True)
class LinkKnowledge:
    """link.yaml, read: type families, status order and groups, threat and hostile types,
    retaliation cues (compiled), the quantity words, and month names from calendar.yaml."""

    families: dict[str, str]
    status_rank: dict[str, int]
    status_group: dict[str, str]
    threat_types: frozenset[str]
    threat_statuses: frozenset[str]
    hostile_types: frozenset[str]
    answers_follow: re.Pattern[str]
    bare_cues: re.Pattern[str]
    quantities: QuantityLexicon
    months: dict[str, int]

    def family(self, event_type: str) -> str:
        return self.families.get(event_type, event_type)

    def group(self, status: str) -> str:
        return self.status_group.get(status, status)

    def rank(self, status: str) -> int:
        return self.status_rank.get(status, len(self.status_rank))


def _data_file(name: str) -> dict[str, Any]:
    text = resources.files("tidings.data").joinpath(name).read_text("utf-8")
    return read_yaml_mapping(text, name)


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(LINK_FILE, f"{key}: expected a list of words")
    return value


def _cue_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    return re.compile(rf"\b(?:{body})\b" if body else r"(?!)", re.IGNORECASE)


def knowledge_from(data: dict[str, Any], calendar: dict[str, Any]) -> LinkKnowledge:
    """The knowledge of a link.yaml mapping (a user's file has the shipped file's shape)."""
    families = {
        str(member): str(family)
        for family, members in (data.get("families") or {}).items()
        for member in members
    }
    groups = data.get("status_groups") or {}
    retaliation = data.get("retaliation") or {}
    months = {
        str(name).lower(): int(number)
        for number, names in (calendar.get("months") or {}).items()
        for name in names
    }
    return LinkKnowledge(
        families=families,
        status_rank={s: i for i, s in enumerate(_strings(data, "status_order"))},
        status_group={str(s): str(g) for g, members in groups.items() for s in members},
        threat_types=frozenset(_strings(data, "threat_types")),
        threat_statuses=frozenset(_strings(data, "threat_statuses")),
        hostile_types=frozenset(_strings(data, "hostile_types")),
        answers_follow=_cue_pattern(_strings(retaliation, "answers_follow")),
        bare_cues=_cue_pattern(_strings(retaliation, "bare")),
        quantities=quantity_lexicon(data, LINK_FILE, months=months),
        months=months,
    )


@lru_cache(maxsize=1)
def load_link_knowledge() -> LinkKnowledge:
    """The shipped knowledge (read once per process, never at import)."""
    return knowledge_from(_data_file(LINK_FILE), _data_file(CALENDAR_FILE))


def month_day(text: str, months: dict[str, int]) -> tuple[int, int] | None:
    """(month, day) of a "January 3" or "3 January" without a year; None otherwise."""
    words = text.strip().lower()
    if match := _MONTH_DAY.match(words):
        month, day = months.get(match.group(1)), int(match.group(2))
    elif match := _DAY_MONTH.match(words):
        month, day = months.get(match.group(2)), int(match.group(1))
    else:
        return None
    return (month, day) if month is not None and 1 <= day <= _LAST_DAY else None


def _sentence_start(text: str, sentence: str, evidence: tuple[int, int]) -> int:
    if not text or not sentence:
        return evidence[0]
    found = text.rfind(sentence, 0, evidence[0] + len(sentence))
    return found if found >= 0 and found <= evidence[0] else evidence[0]


def _unplaced_day(
    record: dict[str, Any], start: int, end: int, event: dict[str, Any], months: dict[str, int]
) -> tuple[int, int] | None:
    """A "January 3" the time stage left without a year, in the event's sentence (the one at
    the event's time span first)."""
    time_span = event.get("time_span")
    candidates = []
    for time in record.get("times") or []:
        span = time.get("span") or [0, 0]
        if time.get("value") is None and start <= span[0] and span[1] <= end:
            candidates.append((list(span) != time_span, span[0], str(time.get("text", ""))))
    for _, _, text in sorted(candidates):
        if (found := month_day(text, months)) is not None:
            return found
    return None


def _actor(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, dict):
        return None, None
    return value.get("id"), value.get("country")


def _mention(
    record: dict[str, Any],
    event: dict[str, Any],
    *,
    countries: dict[Any, Any],
    counts: dict[str, tuple[Quantity, ...]],
    knowledge: LinkKnowledge,
) -> EventMention:
    source = record.get("source") or {}
    evidence_record = event.get("evidence") or {}
    first, last = evidence_record.get("span") or (0, 0)
    sentence = str(evidence_record.get("sentence") or "")
    start = _sentence_start(str(record.get("text") or ""), sentence, (first, last))
    date = event.get("date") or {}
    place = event.get("location") or {}
    trigger_span = event.get("trigger_span")
    said_by = event.get("said_by")
    if sentence not in counts:
        counts[sentence] = read_quantities(sentence, knowledge.quantities)
    source_id, source_country = _actor(event.get("source"))
    target_id, target_country = _actor(event.get("target"))
    return EventMention(
        event_id=str(event["id"]),
        article_id=str(record.get("id")),
        path=source.get("path"),
        outlet=source.get("outlet"),
        published=(record.get("published") or {}).get("value"),
        type=str(event["type"]),
        status=str(event["status"]),
        source_id=source_id,
        source_country=source_country,
        target_id=target_id,
        target_country=target_country,
        date_value=date.get("value"),
        date_precision=date.get("precision"),
        date_basis=str(date.get("basis") or "unknown"),
        location=place.get("name"),
        location_country=place.get("country"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        sentence=sentence,
        evidence=(int(first), int(last)),
        trigger=event.get("trigger"),
        said_by=said_by,
        goldstein=event.get("goldstein"),
        quantities=counts[sentence],
        month_day=_unplaced_day(record, start, start + len(sentence), event, knowledge.months),
        said_by_country=countries.get(said_by) if said_by else None,
        location_kind=place.get("kind"),
        trigger_offset=trigger_span[0] - start if trigger_span else None,
        complete=record_is_complete(event, shipped_targetless_types),
    )


def mentions_from_record(
    record: dict[str, Any], *, knowledge: LinkKnowledge | None = None
) -> list[EventMention]:
    """The events of one contract record (`tidings extract` JSON) as mentions, in text order."""
    knowledge = knowledge or load_link_knowledge()
    entities = record.get("entities") or []
    countries = {e.get("id"): e.get("country") for e in entities}
    countries.update({e.get("name"): e.get("country") for e in entities})
    counts: dict[str, tuple[Quantity, ...]] = {}  # one reading per sentence
    return [
        _mention(record, event, countries=countries, counts=counts, knowledge=knowledge)
        for event in record.get("events") or []
    ]


# Date bases, strongest first; `publication` and `unknown` say nothing of the event's own day.
REAL_BASES = ("explicit", "relative", "inferred")
PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date value as the days it covers, [first, last] as proleptic ordinals."""

    value: str
    precision: str
    basis: str
    first: int
    last: int

    @property
    def real(self) -> bool:
        """Whether the date is the event's own (not the article's, not unknown)."""
        return self.basis in REAL_BASES

    def contains(self, other: DateSpan) -> bool:
        return self.first <= other.first and other.last <= self.last


def date_span(value: str | None, precision: str | None, basis: str) -> DateSpan | None:
    """The days of an ISO date value at its precision; None for no or a malformed value."""
    if not value:
        return None
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= len(PRECISIONS):
        return None
    numbers = [int(p) for p in parts]
    try:
        first = date(
            numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1
        )
        if len(numbers) == 3:
            last = first
        elif len(numbers) == 2:
            last = date(numbers[0] + numbers[1] // 12, numbers[1] % 12 + 1, 1) - timedelta(days=1)
        else:
            last = date(numbers[0], 12, 31)
    except ValueError:
        return None
    level = precision if precision in PRECISIONS else PRECISIONS[len(numbers) - 1]
    return DateSpan(value, level, basis, first.toordinal(), last.toordinal())


def mention_date(mention: EventMention) -> DateSpan | None:
    """The mention's own date span (its publication fallback included), or None."""
    return date_span(mention.date_value, mention.date_precision, mention.date_basis)


def published_span(mention: EventMention) -> DateSpan | None:
    """The article's date as a span with basis `publication`, or None."""
    return date_span(mention.published, None, "publication")


BASIS_RANK = {"explicit": 3, "relative": 2, "inferred": 1, "publication": 0, "unknown": -1}
_EARTH_KM = 6371.0


def place_km(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def date_key(span: DateSpan) -> tuple[int, int]:
    """The better of two compatible dates has the higher key: finer, then better founded."""
    return PRECISIONS.index(span.precision), BASIS_RANK.get(span.basis, -1)


def real_date(mention: EventMention) -> DateSpan | None:
    """The mention's own date when the text gives it (not the article's date)."""
    span = mention_date(mention)
    return span if span is not None and span.real else None


def report_span(mention: EventMention) -> DateSpan | None:
    span = mention_date(mention)
    return span if span is not None and span.basis == "publication" else published_span(mention)
