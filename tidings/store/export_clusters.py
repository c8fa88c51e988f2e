"""The store's event clusters read with their member reports, for the event exports
(`export_gdelt`, `export_plover`): one row per member, grouped by cluster in the order
`tidings events` lists them, a thousand rows at a time so a large store is never read whole;
and what both layouts read off a cluster (its actors, CAMEO code, place, first report).

Paths leave as the file's name relative to the input root (`public_paths`), never absolute.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from tidings.store.public_paths import input_root, public_path, strip_root

Connection = duckdb.DuckDBPyConnection

_FETCH_ROWS = 1000

# --- reading the clusters with their members ------------------------------------------------

# One row per member event report, grouped by cluster in the order of `tidings events`, and
# inside a cluster by the publication date of its article (first report first). A cluster
# without members (which the link step never writes) still gives one row, of nulls.
_MEMBER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("cluster_id", "c.id"),
    ("cluster_record", "c.record"),
    ("event_id", "m.event_id"),
    ("cameo", "e.cameo"),
    ("goldstein", "e.goldstein"),
    ("mode", "e.mode"),
    ("status", "e.status"),
    ("source_id", "e.source_id"),
    ("source_name", "e.source_name"),
    ("source_role", "e.source_role"),
    ("source_sector", "src.sector"),
    ("target_id", "e.target_id"),
    ("target_name", "e.target_name"),
    ("target_role", "e.target_role"),
    ("target_sector", "tgt.sector"),
    ("said_by", "e.said_by"),
    ("sentence", "e.sentence"),
    ("trigger", "e.trigger"),
    ("evidence_start", "e.evidence_start"),
    ("evidence_end", "e.evidence_end"),
    ("location_name", "e.location_name"),
    ("location_country", "e.location_country"),
    ("location_lat", "e.location_lat"),
    ("location_lon", "e.location_lon"),
    ("location_geonames_id", "e.location_geonames_id"),
    ("location_kind", "place.kind"),
    ("article_id", "a.id"),
    ("title", "a.title"),
    ("outlet", "a.outlet"),
    ("published", "a.published_value"),
    ("path", "d.path"),
    ("url", "d.url"),
    ("stored_at", "a.stored_at"),
    # the article's places (the places layer), for where each actor is
    (
        "article_places",
        "(SELECT list({'name': p.name, 'country': p.country, 'lat': p.lat, 'lon': p.lon, "
        "'geonames_id': p.geonames_id, 'kind': p.kind, 'start': p.span_start} ORDER BY p.seq) "
        "FROM places p WHERE p.article_id = a.id)",
    ),
    # in the lead: the evidence starts before the first line break of the article
    (
        "in_lead",
        "e.evidence_start < coalesce(nullif(strpos(a.text, chr(10)), 0) - 1, length(a.text))",
    ),
)

_SELECT_MEMBERS = f"""
SELECT {", ".join(f"{expression} AS {name}" for name, expression in _MEMBER_COLUMNS)}
FROM event_clusters c
LEFT JOIN cluster_members m ON m.cluster_id = c.id
LEFT JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
LEFT JOIN articles a ON a.id = m.article_id
LEFT JOIN documents d ON d.id = a.document_id
LEFT JOIN entities src ON src.article_id = e.article_id AND src.entity_id = e.source_id
LEFT JOIN entities tgt ON tgt.article_id = e.article_id AND tgt.entity_id = e.target_id
LEFT JOIN (
    SELECT article_id, geonames_id, any_value(kind) AS kind
    FROM places WHERE geonames_id IS NOT NULL GROUP BY ALL
) place ON place.article_id = e.article_id AND place.geonames_id = e.location_geonames_id
WHERE ($ids::VARCHAR[] IS NULL AND ($include_partial OR c.complete))
   OR list_contains($ids::VARCHAR[], c.id)
ORDER BY coalesce(c.date_value, '9999'), c.id, a.published_value NULLS LAST, a.seq, e.seq
"""
# The member rows of the clusters whose ids are given (the web app's download of a filter).
SELECT_MEMBERS_OF = _SELECT_MEMBERS


@dataclass(frozen=True, slots=True)
class StoredCluster:
    """One event cluster: its stored record and its member reports (dicts named after
    `_MEMBER_COLUMNS`), first report first."""

    record: dict[str, Any]
    members: tuple[dict[str, Any], ...]


def stored_clusters(
    connection: Connection, *, include_partial: bool = False
) -> Iterator[StoredCluster]:
    """The complete clusters of the store (every one with `include_partial`) with their
    members, in the order of `tidings events`."""
    names = [name for name, _ in _MEMBER_COLUMNS]
    root = input_root(connection)  # paths go out relative to it, never absolute
    cursor = connection.cursor()

    def rows() -> Iterator[dict[str, Any]]:
        while batch := cursor.fetchmany(_FETCH_ROWS):
            for row in batch:
                yield dict(zip(names, row, strict=True))

    try:
        cursor.execute(_SELECT_MEMBERS, {"include_partial": include_partial, "ids": None})
        yield from grouped_clusters(rows(), root)
    finally:
        cursor.close()


def grouped_clusters(rows: Iterable[dict[str, Any]], root: str | None) -> Iterator[StoredCluster]:
    """Member rows (of `SELECT_MEMBERS_OF`, in its order) grouped into clusters, with paths
    made relative to the input `root`."""
    current: str | None = None
    record: dict[str, Any] = {}
    members: list[dict[str, Any]] = []
    for values in rows:
        if values["cluster_id"] != current:
            if current is not None:
                yield StoredCluster(record, tuple(members))
            current = values["cluster_id"]
            record = strip_root(json.loads(values["cluster_record"]), root)
            members = []
        values["path"] = public_path(values["path"], root)
        if values["event_id"] is not None:
            members.append(values)
    if current is not None:
        yield StoredCluster(record, tuple(members))


# --- what both layouts share ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """The source or target of a cluster, as the members that name it say."""

    id: str | None
    country: str | None
    name: str | None
    sector: str | None
    role: str | None

    @property
    def empty(self) -> bool:
        return self.id is None and self.country is None and self.name is None

    @property
    def cameo_code(self) -> str:
        """The CAMEO-style actor code: country and sector ("USAGOV", "RUSMIL", "IGO")."""
        return (self.country or "") + (self.sector or "")


def cluster_actor(cluster: StoredCluster, side: str) -> Actor:
    """The cluster's `side` ("source" or "target") with its name, sector and role read from
    the first member that names the same actor. Empty when the cluster has none: the words a
    member read where no actor was found ("the attack") are no actor."""
    chosen = cluster.record.get(side) or {}
    actor_id, country = chosen.get("id"), chosen.get("country")
    if actor_id is None:
        return Actor(None, country, None, None, None)
    member = next((m for m in cluster.members if m[f"{side}_id"] == actor_id), None)
    if member is None:
        return Actor(actor_id, country, None, None, None)
    return Actor(
        id=actor_id,
        country=country,
        name=member[f"{side}_name"],
        sector=member[f"{side}_sector"],
        role=member[f"{side}_role"],
    )


def cluster_cameo(cluster: StoredCluster) -> tuple[str | None, float | None]:
    """The CAMEO code most members give (the first report's on a tie) and its Goldstein."""
    coded = [m for m in cluster.members if m["cameo"]]
    if not coded:
        return None, None
    counts = Counter(m["cameo"] for m in coded)
    best = max(counts.values())
    member = next(m for m in coded if counts[m["cameo"]] == best)
    return str(member["cameo"]), member["goldstein"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    kind: str | None


def cluster_place(cluster: StoredCluster) -> Place | None:
    """Where the cluster happened (its record's `location`), with the GeoNames id and the kind
    of place from the first member that names the same place."""
    location = cluster.record.get("location")
    if not location or not location.get("name"):
        return None
    name = location["name"]
    member = next((m for m in cluster.members if m["location_name"] == name), None)
    return Place(
        name=name,
        country=location.get("country"),
        lat=location.get("lat"),
        lon=location.get("lon"),
        geonames_id=member["location_geonames_id"] if member else None,
        kind=member["location_kind"] if member else None,
    )


def actor_place(cluster: StoredCluster, actor: Actor) -> Place | None:
    """Where an actor is (GDELT's Actor1Geo/Actor2Geo), from the places layer: among the places
    the reports' articles name in the actor's own country, the one nearest the evidence of the
    first report that has any (a city before the country itself when both are as near).
    None when the actor has no country or no article names a place in it."""
    if actor.country is None:
        return None
    for member in cluster.members:
        inside = [p for p in member["article_places"] or [] if p["country"] == actor.country]
        if not inside:
            continue
        start = member["evidence_start"] or 0
        best = min(inside, key=lambda p: (abs(p["start"] - start), p["kind"] == "country"))
        return Place(
            name=best["name"],
            country=best["country"],
            lat=best["lat"],
            lon=best["lon"],
            geonames_id=best["geonames_id"],
            kind=best["kind"],
        )
    return None


def event_day(cluster: StoredCluster) -> tuple[date | None, str | None]:
    """The day a row is filed under and on what basis: the event's own day ("event") when the
    event is dated to the day; else the first report's publication day ("publication"), which
    tools that need a day on every row (GDELT's SQLDATE) can use; (None, None) when neither is
    a day."""
    when = cluster.record.get("date") or {}
    if when.get("precision") == "day" and (day := _day(when.get("value"))) is not None:
        return day, "event"
    published = _day(cluster.record.get("first_report"))
    return (published, "publication") if published is not None else (None, None)


def stored_time(cluster: StoredCluster) -> datetime | None:
    """When the first of the cluster's reports was stored (GDELT's DATEADDED)."""
    times = [m["stored_at"] for m in cluster.members if m["stored_at"] is not None]
    return min(times) if times else None


def first_report(cluster: StoredCluster) -> dict[str, Any] | None:
    """The member from the earliest-published article (the first stored on a tie)."""
    return cluster.members[0] if cluster.members else None


def _day(value: str | None) -> date | None:
    """A day-precision ISO date, or None for a coarser or missing one."""
    if value is None or len(value) != len("2020-01-03"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
