"""The actor base: who is who, as data (docs/actors.md), and the questions the actor stage asks
of it: which actors a name can stand for, which country a word names, who held a role when."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tidings.knowledge.index import FUZZY_MIN_SCORE, AliasIndex, AliasKind, IndexMatch
from tidings.knowledge.periods import DayRange, day_range
from tidings.knowledge.roles import TimeSense

ActorKind = Literal["person", "organization", "country"]


@dataclass(frozen=True, slots=True)
class Role:
    """An office held over a period: "commander" of org "quds-force" (MIL, IRN), 1998..2020-01-03.
    `start`/`end` are ISO dates at any precision; `end` is None while in office."""

    title: str | None
    role: str
    sector: str | None
    country: str | None
    org: str | None
    start: str | None
    end: str | None

    def __reduce__(self) -> tuple[type[Role], tuple[str | None, ...]]:
        # Rebuilt by position: the dataclass default (a setstate per field) makes loading the
        # cached base several times slower.
        fields = (self.title, self.role, self.sector, self.country, self.org, self.start, self.end)
        return Role, fields

    def held_on(self, day: DayRange) -> bool:
        start, end = _days(self.start), _days(self.end)
        return (start is None or start.first <= day.last) and (end is None or end.last >= day.first)

    def ended_by(self, day: DayRange | None) -> bool:
        """The term is over by `day` (or, with no date, the base knows it ended)."""
        end = _days(self.end)
        return end is not None and (day is None or end.first <= day.last)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    sector: str | None = None
    gender: str | None = None
    parent: str | None = None
    aligned_with: tuple[str, ...] = ()
    wikidata: str | None = None
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    # False for actors of the Phoenix layer (converted in bulk, below the hand-made files):
    # where both know a holder of an office, the hand-made one is believed.
    curated: bool = True

    def __reduce__(self) -> tuple[type[Actor], tuple[object, ...]]:
        return Actor, tuple(getattr(self, f) for f in _ACTOR_FIELDS)

    def role_on(self, day: DayRange | None) -> Role | None:
        """The role held on `day` (the latest started, if several); with no date, the current
        one (no end), else the last listed."""
        if day is not None:
            held = [r for r in self.roles if r.held_on(day)]
        else:
            held = [r for r in self.roles if r.end is None]
        return held[-1] if held else (self.roles[-1] if self.roles and day is None else None)


_ACTOR_FIELDS = tuple(f.name for f in dataclasses.fields(Actor))


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor a name stands for: how the name is listed (name, alias, demonym, metonym), how
    it was found (alias, skeleton, fuzzy) and the match score (100 for an exact alias)."""

    actor: Actor
    listed_as: AliasKind
    link: Literal["alias", "skeleton", "fuzzy"]
    score: float


@dataclass(frozen=True, slots=True)
class Holder:
    actor: Actor
    role: Role


class ActorBase:
    """Every actor by id, with an alias index and a role index. Built once per process by
    `load_actor_base`; read-only afterwards."""

    def __init__(self, actors: Iterable[Actor], *, files: tuple[str, ...] = ()) -> None:
        self.actors: Mapping[str, Actor] = {actor.id: actor for actor in actors}
        self.files = files
        self._index = AliasIndex(_alias_entries(self.actors.values()))
        self._by_role = _role_index(self.actors.values())

    def __getstate__(self) -> tuple[object, ...]:
        return self.actors, self.files, self._index

    def __setstate__(self, state: tuple[object, ...]) -> None:
        actors, files, index = state
        self.actors = actors  # type: ignore[assignment]
        self.files = files  # type: ignore[assignment]
        self._index = index  # type: ignore[assignment]
        self._by_role = _role_index(self.actors.values())

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, name: str) -> tuple[ActorMatch, ...]:
        """Actors listed under exactly this name (after normalisation: case, accents,
        punctuation, a possessive)."""
        return tuple(
            ActorMatch(self.actors[hit.actor_id], hit.listed_as, "alias", 100.0)
            for hit in self._index.exact(name)
        )

    def lookup_near(self, name: str, *, kind: ActorKind | None = None) -> tuple[ActorMatch, ...]:
        """Actors with an alias spelled like `name`: same skeleton key, else fuzzy within a
        small block; only actors of `kind` when given. Best first. An actor of the Phoenix
        layer must be as close as a slip of the pen: among tens of thousands of names a
        skeleton alone joins strangers ("Cui Tiankai", "Kakuei Tanaka": "k tnk")."""
        return tuple(
            self._match(found)
            for found in self._index.near(name)
            if (kind is None or self.actors[found.actor_id].kind == kind)
            and (self.actors[found.actor_id].curated or found.score >= FUZZY_MIN_SCORE)
        )

    def country_word(self, text: str) -> tuple[str, AliasKind] | None:
        """The country a word names (a name, demonym or seat: "Iranian", "Tehran"), and how."""
        for hit in self._index.exact(text):
            actor = self.actors[hit.actor_id]
            if actor.kind == "country":
                return actor.id, hit.listed_as
        return None

    def holders(
        self,
        role: str,
        *,
        country: str | None = None,
        org: str | None = None,
        on_date: str | None = None,
        time: TimeSense | None = None,
    ) -> tuple[Holder, ...]:
        """Who held `role` (of `country`, of `org`) on `on_date` (a partial ISO date).
        `time="past"`: whose term was over by then ("former", "then-"). With no date: the
        current holders as the base knows them, or for "past" those whose term ended.
        Hand-made holders of an office (of one country and body) hide Phoenix ones: an
        open-ended Phoenix term may be long over."""
        day = day_range(on_date)
        found: list[Holder] = []
        listed = self._by_role.get(role, {})
        candidates = listed.get(country, ()) if country is not None else _every(listed)
        for holder in candidates:
            office = holder.role
            if org is not None and office.org != org:
                continue
            if time == "past":
                keep = office.ended_by(day)
            elif day is not None:
                keep = office.held_on(day)
            else:
                keep = office.end is None
            if keep:
                found.append(holder)
        return tuple(_curated_first(found))

    def _match(self, found: IndexMatch) -> ActorMatch:
        return ActorMatch(self.actors[found.actor_id], found.listed_as, found.link, found.score)


# Role periods of tens of thousands of actors are compared with article dates over and over:
# each distinct date string is parsed once.
_days = lru_cache(maxsize=65_536)(day_range)


def _role_index(actors: Iterable[Actor]) -> dict[str, dict[str | None, list[Holder]]]:
    """Holders by role noun, then by the office's country (the holder's when the office
    names none): "the Iraqi prime minister" looks at Iraq's prime ministers only."""
    by_role: dict[str, dict[str | None, list[Holder]]] = defaultdict(dict)
    for actor in actors:
        for role in actor.roles:
            country = role.country or actor.country
            by_role[role.role].setdefault(country, []).append(Holder(actor, role))
    return dict(by_role)


def _curated_first(found: list[Holder]) -> list[Holder]:
    by_office: dict[tuple[str | None, str | None], list[Holder]] = {}
    for holder in found:
        place = (holder.role.country or holder.actor.country, holder.role.org)
        by_office.setdefault(place, []).append(holder)
    kept = []
    for holders in by_office.values():
        curated = [h for h in holders if h.actor.curated]
        kept += curated or holders
    return kept


def _every(listed: Mapping[str | None, list[Holder]]) -> Iterable[Holder]:
    for holders in listed.values():
        yield from holders


def _alias_entries(actors: Iterable[Actor]) -> Iterable[tuple[str, str, AliasKind]]:
    for actor in actors:
        yield actor.name, actor.id, "name"
        for alias in actor.aliases:
            yield alias, actor.id, "alias"
        for demonym in actor.demonyms:
            yield demonym, actor.id, "demonym"
        for metonym in actor.metonyms:
            yield metonym, actor.id, "metonym"
