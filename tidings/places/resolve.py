"""Choosing a gazetteer entry for a place name: the entries its text (or its name with the
feature word's suffix: "Erbil Air Base") stands for, then, among namesakes, the one the article's
context favours (its countries and states), then population, then the `prefer` list."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tidings.places.gazetteer import ALTERNATE_MIN_POPULATION, GazEntry, Gazetteer, Hit
from tidings.places.knowledge import Feature, PlaceKnowledge

# Scores are log populations plus bonuses, so a bonus of ln(N) lets a place beat a namesake up
# to N times larger. A place in a country the article names beats one up to 50 times larger
# elsewhere ("Kerman" in an Iran story), yet Paris, Texas (25,000 people) does not beat Paris,
# France (2.1 million, 85 times larger) just because the article also names the US.
COUNTRY_BONUS = math.log(50)
# The same again for a place in a state the article names (US local news: the right
# "Alexandria" among several).
ADMIN_BONUS = math.log(50)
# "Springfield, Illinois": the name right after a comma settles the country or state.
ADJACENT_BONUS = math.log(1e6)
# A `prefer` entry wins among namesakes that context does not tell apart (DC for "Washington"
# over the state's nominal size), but less than a named state does.
PREFER_BONUS = math.log(10)
# "Washington state", "Kerman province": a feature word of the entry's own kind.
KIND_BONUS = math.log(20)
# Towns smaller than this (the gazetteer's whole floor before `gazetteer.min_city_population`
# in places.yaml) share their names with surnames, common words and places abroad ("Smith",
# "Commerce", "England" in Arkansas, "Carlsberg" in Germany): one is a namesake only when
# another place of the article lies in its state or province (GeoNames admin1; see
# stage.resolve_places), and it never hides a large place known by that name as an alternate.
SMALL_TOWN_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class Context:
    """What the article is about, as (span, country, admin1) triples from the actor layer and
    from places already resolved; a candidate never counts its own span."""

    items: tuple[tuple[tuple[int, int], str | None, str | None], ...]

    def countries(self, span: tuple[int, int]) -> frozenset[str]:
        return frozenset(c for s, c, _ in self.items if c is not None and s != span)

    def admins(self, span: tuple[int, int]) -> frozenset[tuple[str, str]]:
        return frozenset(
            (c, a) for s, c, a in self.items if c is not None and a is not None and s != span
        )


def candidates_for(
    text: str, name: str, feature: Feature | None, gazetteer: Gazetteer
) -> tuple[tuple[Hit, ...], bool]:
    """The entries a place name may be, and whether they name the facility itself (so no
    suffix is added): the whole text, the name with the feature's suffix, then the name."""
    whole = gazetteer.lookup(text)
    # The whole text names the place when it is an entry of the feature word's own kind, not
    # only a facility: "Dodge City" and "Kansas City" are cities, not "Dodge" and "Kansas".
    kinds = ("facility",) if feature is None else ("facility", feature.kind)
    if whole and (feature is None or any(h.entry.kind in kinds for h in whole)):
        return whole, True
    if feature is not None and feature.suffix:
        with_suffix = gazetteer.lookup(f"{name} {feature.suffix}")
        if with_suffix:
            return with_suffix, True
    if feature is not None and not feature.fallback:
        return (), False
    return gazetteer.lookup(name), False


def is_small(entry: GazEntry) -> bool:
    """A town below SMALL_TOWN_POPULATION."""
    return entry.kind == "city" and entry.population < SMALL_TOWN_POPULATION


def namesakes(hits: Sequence[Hit]) -> tuple[GazEntry, ...]:
    """Entries named so in their own right; alternate names of large places count too when
    no such entry is more than a small town (a village named "Mecca" does not hide Makkah)."""
    primary = tuple(h.entry for h in hits if h.primary)
    if any(not is_small(e) for e in primary):
        return primary
    large = (
        h.entry for h in hits if not h.primary and h.entry.population >= ALTERNATE_MIN_POPULATION
    )
    return (*primary, *large)


def choose(
    entries: Sequence[GazEntry],
    *,
    key: str,
    countries: Collection[str],
    admins: Collection[tuple[str, str]],
    adjacent: GazEntry | None,
    feature: Feature | None,
    knowledge: PlaceKnowledge,
    gazetteer: Gazetteer,
) -> GazEntry:
    preferred = _preferred(key, knowledge, gazetteer)

    def score(entry: GazEntry) -> float:
        value = math.log(entry.population + 1)
        if entry.country in countries:
            value += COUNTRY_BONUS
        if entry.country is not None and entry.admin1 is not None:
            value += ADMIN_BONUS * ((entry.country, entry.admin1) in admins)
        if adjacent is not None and entry.country == adjacent.country and entry is not adjacent:
            same_admin = adjacent.kind != "admin" or entry.admin1 == adjacent.admin1
            value += ADJACENT_BONUS * same_admin
        if preferred is not None and entry is preferred:
            value += PREFER_BONUS
        if feature is not None and feature.kind == entry.kind:
            value += KIND_BONUS
        return value

    return max(entries, key=score)


def _preferred(key: str, knowledge: PlaceKnowledge, gazetteer: Gazetteer) -> GazEntry | None:
    value = knowledge.prefer.get(key)
    if isinstance(value, int):
        return gazetteer.by_id.get(value)
    if isinstance(value, str):
        return gazetteer.countries.get(value.upper())
    return None
