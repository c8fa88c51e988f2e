"""The place stage: every place name of an article, resolved against the gazetteer with the
article's own countries and states as context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from tidings.actors import ActorLayer
from tidings.knowledge import load_actor_base
from tidings.knowledge.actors import ActorBase
from tidings.parse.parsed import ParsedArticle
from tidings.places.candidates import (
    Candidate,
    actor_candidates,
    coordinated_candidates,
    entity_candidates,
    locative_candidates,
    merged,
    with_features,
)
from tidings.places.gazetteer import GazEntry, Gazetteer, load_gazetteer, place_key
from tidings.places.knowledge import PlaceKnowledge, load_place_knowledge
from tidings.places.records import Place, PlaceKind, PlaceLayer
from tidings.places.resolve import Context, candidates_for, choose, is_small, namesakes

_Item = tuple[tuple[int, int], str | None, str | None]  # span, country, admin1
# Rounds of choosing the ambiguous names with the others' choices as context; the second
# round lets a name chosen late in the text inform one met early.
CONTEXT_ROUNDS = 2
_KINDS: dict[str, PlaceKind] = {
    "country": "country",
    "admin": "admin",
    "city": "city",
    "region": "region",
    "facility": "facility",
    "other": "other",
}


@dataclass(frozen=True, slots=True)
class _Reading:
    """A candidate with its text and the entries it may be."""

    cand: Candidate
    span: tuple[int, int]
    name: str
    entries: tuple[GazEntry, ...]
    named_whole: bool  # the entries name the facility itself (no suffix added)


@dataclass(frozen=True, slots=True)
class _World:
    knowledge: PlaceKnowledge
    gazetteer: Gazetteer
    base: ActorBase


def resolve_places(
    parsed: ParsedArticle,
    actors: ActorLayer,
    *,
    base: ActorBase | None = None,
    gazetteer: Gazetteer | None = None,
) -> PlaceLayer:
    """The article's place names in text order, each with its gazetteer entry when one fits
    (kept with nulls when none does)."""
    world = _World(load_place_knowledge(), gazetteer or load_gazetteer(), base or load_actor_base())
    doc = parsed.doc
    read = (_read(doc, c, world) for c in _candidates(doc, actors, world))
    readings = [r for r in read if r is not None and not _is_person(r.span, actors)]
    context = _actor_context(actors)
    # Small towns wait for the article's support: the readings are chosen without them first,
    # and a small town stays a namesake only in a state where one of those choices lies.
    large = [replace(r, entries=tuple(e for e in r.entries if not is_small(e))) for r in readings]
    first = _choose_all(doc, large, context, world)
    support = Context(tuple((span, e.country, e.admin1) for span, e in first.items()))
    readings = [_supported(r, support) for r in readings]
    chosen = _choose_all(doc, readings, context, world)
    # a locative whose every namesake was a small town without support: no place at all
    kept = (r for r in readings if r.entries or r.cand.source != "locative")
    text = parsed.article.text
    return PlaceLayer(tuple(_place(text, r, chosen.get(r.span)) for r in kept))


def _supported(reading: _Reading, support: Context) -> _Reading:
    """The reading without its small towns in states the article has no other place in."""
    admins = support.admins(reading.span)
    entries = tuple(
        e for e in reading.entries if not is_small(e) or (e.country, e.admin1) in admins
    )
    return reading if len(entries) == len(reading.entries) else replace(reading, entries=entries)


def _choose_all(
    doc: Any, readings: Sequence[_Reading], context: Sequence[_Item], world: _World
) -> dict[tuple[int, int], GazEntry]:
    """Entries for the readings: the unambiguous first, as context for the rest; then every
    ambiguous one again with the others' choices as context (namesakes settle each other:
    "Athens" and "Georgia" in one story)."""
    chosen = {r.span: r.entries[0] for r in readings if len(r.entries) == 1}
    for _ in range(CONTEXT_ROUNDS):
        items = (*context, *((s, e.country, e.admin1) for s, e in chosen.items()))
        frozen = Context(tuple(items))
        for i, reading in enumerate(readings):
            if len(reading.entries) < 2:
                continue
            nxt = readings[i + 1] if i + 1 < len(readings) else None
            chosen[reading.span] = choose(
                reading.entries,
                key=place_key(reading.name),
                countries=frozen.countries(reading.span),
                admins=frozen.admins(reading.span),
                adjacent=_adjacent(doc, reading, nxt, chosen),
                feature=reading.cand.feature,
                knowledge=world.knowledge,
                gazetteer=world.gazetteer,
            )
    return chosen


def _candidates(doc: Any, actors: ActorLayer, world: _World) -> list[Candidate]:
    def keep(text: str, kind: str) -> bool:
        found = world.base.country_word(text)
        if kind == "country":
            return found is not None and found[1] != "demonym"
        return found is None or found[1] != "demonym"

    def known(text: str) -> bool:
        # an entry the name can resolve to, not only an alternate name of a small place (which
        # `namesakes` refuses: the name would be listed with no point)
        found = namesakes(world.gazetteer.lookup(text))
        return bool(found) or _country_code(text, world) is not None

    first = merged(
        (
            entity_candidates(doc, world.knowledge),
            actor_candidates(doc, actors, keep),
            locative_candidates(doc, world.knowledge, known),
        )
    )
    more = coordinated_candidates(doc, first, world.knowledge, known)
    return with_features(doc, merged((first, more)), world.knowledge)


def _country_code(text: str, world: _World) -> str | None:
    found = world.base.country_word(text)
    return found[0] if found is not None and found[1] in ("name", "alias") else None


def _read(doc: Any, cand: Candidate, world: _World) -> _Reading | None:
    name = doc[cand.start : cand.name_end].text
    found = world.base.country_word(name)
    if found is not None and found[1] == "demonym":
        return None  # "Iraqi", "Iranians": people, not a place
    last = doc[cand.span_end - 1]
    span = (doc[cand.start].idx, last.idx + len(last.text))
    whole = doc[cand.start : cand.span_end].text
    hits, named_whole = candidates_for(whole, name, cand.feature, world.gazetteer)
    entries = namesakes(hits)
    code = _country_code(name, world)
    country = world.gazetteer.countries.get(code) if code is not None else None
    if country is not None and country not in entries:
        entries = (country, *entries)
    return _Reading(cand, span, name, entries, named_whole)


def _is_person(span: tuple[int, int], actors: ActorLayer) -> bool:
    """The actor base knows the words as a person (a surname that is also a town); an unknown
    "person" is often the model's mistake for a town and is left to the labels."""
    for mention in actors.mentions:
        if mention.span[0] < span[1] and span[0] < mention.span[1]:
            entity = actors.entity(mention.entity_id)
            if entity is not None and entity.kind == "person" and entity.known:
                return True
    return False


def _actor_context(actors: ActorLayer) -> list[_Item]:
    items: list[_Item] = []
    for mention in actors.mentions:
        entity = actors.entity(mention.entity_id)
        if entity is not None:
            country = entity.id if entity.kind == "country" else entity.country
            if country is not None:
                items.append((mention.span, country, None))
    return items


def _adjacent(
    doc: Any, reading: _Reading, nxt: _Reading | None, chosen: dict[tuple[int, int], GazEntry]
) -> GazEntry | None:
    """The state or country named right after a comma ("Springfield, Illinois")."""
    if nxt is None or nxt.cand.start != reading.cand.span_end + 1:
        return None
    if doc[reading.cand.span_end].text != ",":
        return None
    entry = chosen.get(nxt.span)
    return entry if entry is not None and entry.kind in ("admin", "country") else None


def _place(text: str, reading: _Reading, entry: GazEntry | None) -> Place:
    start, end = reading.span
    feature = reading.cand.feature
    if entry is None:
        kind = _KINDS[feature.kind] if feature is not None else "other"
        return Place(text[start:end], reading.span, text[start:end], None, None, None, None, kind)
    name, kind = entry.name, _KINDS.get(entry.kind, "other")
    if feature is not None and not reading.named_whole and entry.kind != "facility":
        kind = _KINDS[feature.kind]
        if feature.suffix:
            name = f"{entry.name} {feature.suffix}"
    return Place(
        text[start:end],
        reading.span,
        name,
        entry.country,
        round(entry.lat, 5),
        round(entry.lon, 5),
        entry.geonames_id,
        kind,
    )
