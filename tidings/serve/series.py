"""Series over clusters: counts and mean Goldstein intensity per period (the timeline and the
dyad chart), and event places for the map. Goldstein scores are per report (the `events`
table); a cluster's intensity is the mean over its member reports, and a period's the mean
over its clusters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tidings.serve.db import Reader
from tidings.serve.queries import CLUSTER_WHERE, EventFilter

_CLUSTER_SCORES = f"""
SELECT c.id, c.date_value, c.date_precision, avg(e.goldstein) AS goldstein,
       count(m.event_id) AS reports
FROM event_clusters c
LEFT JOIN cluster_members m ON m.cluster_id = c.id
LEFT JOIN events e ON e.event_id = m.event_id AND e.article_id = m.article_id
{CLUSTER_WHERE}
GROUP BY c.id, c.date_value, c.date_precision
"""

_PLACES = f"""
SELECT c.record->'location'->>'name' AS name,
       TRY_CAST(c.record->'location'->>'lat' AS DOUBLE) AS lat,
       TRY_CAST(c.record->'location'->>'lon' AS DOUBLE) AS lon,
       count(*) AS events,
       list(c.type ORDER BY c.date_value NULLS LAST, c.id)[1:5] AS types
FROM event_clusters c
{CLUSTER_WHERE}
  AND TRY_CAST(c.record->'location'->>'lat' AS DOUBLE) IS NOT NULL
GROUP BY ALL
ORDER BY events DESC, name
"""


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


# The date precisions fine enough for each period.
_FINE_ENOUGH = {
    Period.day: {"day"},
    Period.week: {"day"},
    Period.month: {"day", "month"},
    Period.year: {"day", "month", "year"},
}


@dataclass(slots=True)
class _Bucket:
    events: int = 0
    reports: int = 0
    conflict: int = 0
    cooperation: int = 0
    scored: int = 0
    goldstein_sum: float = 0.0

    def add(self, goldstein: float | None, reports: int) -> None:
        self.events += 1
        self.reports += reports
        if goldstein is None:
            return
        self.scored += 1
        self.goldstein_sum += goldstein
        if goldstein < 0:
            self.conflict += 1
        elif goldstein > 0:
            self.cooperation += 1

    def to_json(self, period: str, start: dt.date, end: dt.date) -> dict[str, Any]:
        mean = round(self.goldstein_sum / self.scored, 3) if self.scored else None
        return {
            "period": period,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "events": self.events,
            "reports": self.reports,
            "conflict": self.conflict,
            "cooperation": self.cooperation,
            "goldstein_mean": mean,
        }


def period_key(value: str | None, precision: str | None, period: Period) -> str | None:
    """The period an ISO date falls in, or None when its precision is too coarse for it."""
    if not value or precision not in _FINE_ENOUGH[period]:
        return None
    if period is Period.week:
        year, week, _ = dt.date.fromisoformat(value[:10]).isocalendar()
        return f"{year}-W{week:02d}"
    return value[: {Period.day: 10, Period.month: 7, Period.year: 4}[period]]


def _next_key(key: str, period: Period) -> str:
    if period is Period.day:
        return (dt.date.fromisoformat(key) + dt.timedelta(days=1)).isoformat()
    if period is Period.week:
        monday = dt.date.fromisocalendar(int(key[:4]), int(key[6:]), 1) + dt.timedelta(days=7)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.month:
        year, month = int(key[:4]), int(key[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return f"{int(key) + 1:04d}"


def period_start(key: str, period: Period) -> dt.date:
    """The first day of a period key ("2022", "2022-10", "2022-W41", "2022-10-11")."""
    if period is Period.week:
        return dt.date.fromisocalendar(int(key[:4]), int(key[6:]), 1)
    if period is Period.year:
        return dt.date(int(key), 1, 1)
    if period is Period.month:
        return dt.date(int(key[:4]), int(key[5:7]), 1)
    return dt.date.fromisoformat(key)


def timeline(reader: Reader, where: EventFilter, *, period: Period) -> dict[str, Any]:
    """Counts and mean Goldstein per period of the clusters matching `where`, each with the
    first day of its period (`start`) and of the next (`end`), so that a chart puts it on a
    real time axis. Only periods with events are listed: a gap in the data is a gap, never a
    run of zero rows (one misdated event in 1701 would pad three centuries). Clusters whose
    date is unknown or too coarse for the period are counted in `undated`."""
    buckets: dict[str, _Bucket] = {}
    undated = 0
    for row in reader.rows(_CLUSTER_SCORES, where.params()):
        key = period_key(row["date_value"], row["date_precision"], period)
        if key is None:
            undated += 1
            continue
        score = row["goldstein"]
        buckets.setdefault(key, _Bucket()).add(
            float(score) if score is not None else None, int(row["reports"])
        )
    series = [
        buckets[key].to_json(
            key, period_start(key, period), period_start(_next_key(key, period), period)
        )
        for key in sorted(buckets)
    ]
    return {"period": period.value, "series": series, "undated": undated}


def places(reader: Reader, where: EventFilter) -> list[dict[str, Any]]:
    """Every place clusters matching `where` happened at, with how many."""
    rows = reader.rows(_PLACES, where.params())
    for row in rows:
        row["types"] = list(row["types"] or [])
    return rows
