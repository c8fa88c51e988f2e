"""The read queries the API and the pages share. Every filter is a bound parameter: each query
is one fixed SQL text whose conditions read `($x IS NULL OR ...)`, never SQL built from input.

Dates are ISO strings at their own precision (`2022`, `2022-10`, `2022-10-11`), so "from 2022-10"
keeps a cluster dated `2022` (it may fall in October) and "to 2022-10" keeps `2022-10-11`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from tidings.serve.db import Reader
from tidings.store.cluster_history import CURRENT_ID
from tidings.store.public_paths import ROOT_QUERY, root_of, strip_root


class Completeness(StrEnum):
    """Which clusters to show: complete ones (the default: one reading names who did what to
    whom), partial ones only (no reading does), or all."""

    true = "true"
    false = "false"
    all = "all"

    def flag(self) -> bool | None:
        """The bound value of `$complete`: None keeps both."""
        return None if self is Completeness.all else self is Completeness.true


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What `/api/events` and the timeline page filter clusters on (all optional; complete
    clusters only unless `complete` says otherwise)."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    both_directions: bool = False
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    q: str | None = None
    location: str | None = None
    complete: Completeness = Completeness.true

    def params(self) -> dict[str, Any]:
        values = asdict(self)
        low = {
            k: (v.strip().lower() or None) if isinstance(v, str) else v for k, v in values.items()
        }
        low["type"] = self.type.strip().upper() if self.type else None
        low["date_from"] = self.date_from or None
        low["date_to"] = self.date_to or None
        low["complete"] = self.complete.flag()
        return low

    def query_string_pairs(self) -> list[tuple[str, str]]:
        """The filter as (name, value) pairs for links to the next page."""
        values = asdict(self)
        if self.complete is Completeness.true:
            del values["complete"]  # the default
        pairs = [(k, str(v)) for k, v in values.items() if v not in (None, "", False)]
        return [(k, "1" if v == "True" else v) for k, v in pairs]


# An actor side matches by actor id or by ISO3 country, any case.
_SIDE = "(lower({col}_id) = ${p} OR lower({col}_country) = ${p})"
_SOURCE_IS = _SIDE.format(col="c.source", p="source")
_TARGET_IS = _SIDE.format(col="c.target", p="target")
_SOURCE_IS_T = _SIDE.format(col="c.source", p="target")
_TARGET_IS_S = _SIDE.format(col="c.target", p="source")

CLUSTER_WHERE = f"""
WHERE ($actor IS NULL OR lower(c.source_id) = $actor OR lower(c.target_id) = $actor
       OR lower(c.source_country) = $actor OR lower(c.target_country) = $actor)
  AND (($source IS NULL OR {_SOURCE_IS}) AND ($target IS NULL OR {_TARGET_IS})
       OR $both_directions AND ($source IS NULL OR {_TARGET_IS_S})
          AND ($target IS NULL OR {_SOURCE_IS_T}))
  AND ($type IS NULL OR c.type = $type)
  AND ($status IS NULL OR c.status = $status)
  AND ($date_from IS NULL OR c.date_value >= $date_from OR starts_with($date_from, c.date_value))
  AND ($date_to IS NULL OR c.date_value <= $date_to OR starts_with(c.date_value, $date_to))
  AND ($outlet IS NULL OR list_contains([lower(o) FOR o IN c.outlets], $outlet))
  AND ($location IS NULL OR lower(c.location) = $location)
  AND ($complete IS NULL OR c.complete = $complete)
  AND ($q IS NULL OR EXISTS (
        SELECT 1 FROM cluster_members m JOIN events e ON e.event_id = m.event_id
        WHERE m.cluster_id = c.id AND contains(lower(e.sentence), $q)))
"""

_SELECT_CLUSTERS = f"""
SELECT c.id, c.type, c.status, c.source_id, c.source_country, c.target_id, c.target_country,
       c.date_value, c.date_precision, c.date_basis, c.location, c.articles, c.outlets,
       c.first_report, c.last_report, c.discrepancies, c.complete,
       (SELECT count(*) FROM cluster_members r WHERE r.cluster_id = c.id) AS reports,
       c.record->'articles'->0->'evidence'->>'sentence' AS sentence,
       c.record->'articles'->0->>'id' AS first_article,
       count(*) OVER () AS total
FROM event_clusters c
{CLUSTER_WHERE}
ORDER BY {{order}}, c.id
LIMIT $limit OFFSET $offset
"""


class SortKey(StrEnum):
    """The columns the event table sorts on."""

    date = "date"
    type = "type"
    source = "source"
    target = "target"
    status = "status"
    place = "place"
    outlets = "outlets"
    reports = "reports"


_SORT_EXPRESSIONS = {
    SortKey.date: "c.date_value",
    SortKey.type: "c.type",
    SortKey.source: "coalesce(c.source_id, c.source_country)",
    SortKey.target: "coalesce(c.target_id, c.target_country)",
    SortKey.status: "c.status",
    SortKey.place: "c.location",
    SortKey.outlets: "len(c.outlets)",
    SortKey.reports: "(SELECT count(*) FROM cluster_members r WHERE r.cluster_id = c.id)",
}
# Fixed texts, one per column and direction, so that the order is never spliced in from a
# request. Empty values come last either way; then the date, then the id, for a stable page.
_CLUSTERS_SORTED = {
    (key, descending): _SELECT_CLUSTERS.format(
        order=f"{expression} {'DESC' if descending else 'ASC'} NULLS LAST, c.date_value"
    )
    for key, expression in _SORT_EXPRESSIONS.items()
    for descending in (False, True)
}

_CLUSTER_RECORD = "SELECT record FROM event_clusters WHERE id = $id"

_MEMBER_EVENTS = """
SELECT m.event_id, m.article_id, e.type, e.mode, e.cameo, e.goldstein, e.status, e.source_id,
       e.source_name, e.target_id, e.target_name, e.date_value, e.location_name, e.said_by,
       e.trigger, e.evidence_start, e.evidence_end, e.sentence, e.confidence, e.complete,
       a.title, a.outlet, a.published_value
FROM cluster_members m
LEFT JOIN events e ON e.event_id = m.event_id AND e.article_id = m.article_id
LEFT JOIN articles a ON a.id = m.article_id
WHERE m.cluster_id = $id
ORDER BY a.published_value NULLS LAST, a.seq, e.seq
"""

_CLUSTER_SUMMARIES = """
SELECT id, type, status, source_id, target_id, date_value FROM event_clusters
WHERE list_contains($ids::VARCHAR[], id)
"""

_NAMES = """
SELECT entity_id AS id, mode(name) AS name FROM entities
WHERE list_contains($ids::VARCHAR[], entity_id) GROUP BY entity_id
"""


def page_bounds(limit: int, offset: int) -> dict[str, int]:
    return {"limit": limit, "offset": offset}


def clusters(
    reader: Reader,
    where: EventFilter,
    *,
    limit: int,
    offset: int,
    newest_first: bool = False,
    sort: SortKey = SortKey.date,
) -> tuple[int, list[dict[str, Any]]]:
    """One page of clusters matching `where` sorted on `sort` (descending with
    `newest_first`), and how many match in all."""
    sql = _CLUSTERS_SORTED[(sort, newest_first)]
    rows = reader.rows(sql, {**where.params(), **page_bounds(limit, offset)})
    total = int(rows[0]["total"]) if rows else _count_clusters(reader, where)
    for row in rows:
        row.pop("total")
        row["outlets"] = list(row["outlets"] or [])
    return total, rows


def _count_clusters(reader: Reader, where: EventFilter) -> int:
    found = reader.row(
        f"SELECT count(*) AS n FROM event_clusters c {CLUSTER_WHERE}", where.params()
    )
    return int(found["n"]) if found else 0


def cluster(reader: Reader, cluster_id: str) -> dict[str, Any] | None:
    """One cluster's record, with each member's event row and article, and named links."""
    found = reader.row(_CLUSTER_RECORD, {"id": cluster_id})
    if found is None:
        return None
    root = reader.row(ROOT_QUERY)
    record: dict[str, Any] = strip_root(
        json.loads(found["record"]), root_of(root["low"], root["high"]) if root else None
    )
    record["members"] = reader.rows(_MEMBER_EVENTS, {"id": cluster_id})
    other = [link[end] for link in record.get("links", []) for end in ("source", "target")]
    summaries = {r["id"]: r for r in reader.rows(_CLUSTER_SUMMARIES, {"ids": other})}
    for link in record.get("links", []):
        link["source_summary"] = summaries.get(link["source"])
        link["target_summary"] = summaries.get(link["target"])
    return record


def successor_id(reader: Reader, cluster_id: str) -> str | None:
    """The cluster that now holds most of the reports of a cluster id that is gone (merged,
    split or grown on a relink), or None when the id was never a cluster."""
    found = reader.row(CURRENT_ID, {"id": cluster_id})
    return str(found["current_id"]) if found else None


def actor_names(reader: Reader, ids: list[str | None]) -> dict[str, str]:
    """Display names of actor ids: the name the articles give, else the ISO3 country's name."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    names = {r["id"]: r["name"] for r in reader.rows(_NAMES, {"ids": wanted})}
    for code in wanted:
        if code not in names and len(code) == 3 and code.isupper():
            names[code] = _country_name(code)
    return names


def _country_name(code: str) -> str:
    import pycountry  # a lookup table; imported on first use, not at import time

    country = pycountry.countries.get(alpha_3=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code
