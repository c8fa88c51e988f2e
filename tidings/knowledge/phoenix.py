"""The Phoenix layer of the actor base: tens of thousands of people and bodies converted from
the Phoenix dictionaries (`data/actors/phoenix/`, made by `scripts/convert_phoenix.py`; see
its ATTRIBUTION.md), read below the hand-made files.

The hand-made base wins: a Phoenix person whose full name or alias is a hand-made person's,
or a spelling of it (same skeleton, a slip of the pen apart), with a compatible country, joins
that id and only adds aliases no other actor has and roles
for periods the hand-made roles leave open; an alias a hand-made actor already uses is
dropped; an id a hand-made actor already has gets the country as a suffix.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tidings.errors import ConfigError
from tidings.knowledge.actors import Actor, Role
from tidings.knowledge.index import FUZZY_MIN_SCORE
from tidings.knowledge.names import NAME_ARTICLES, normalise_name, skeleton_key
from tidings.knowledge.periods import day_range, is_partial_iso
from tidings.knowledge.phoenix_agents import AGENTS_FILE, phoenix_folder
from tidings.knowledge.roles import RoleLexicon
from tidings.knowledge.yaml_checks import ActorFileProblem, slug

ACTORS_FILE = "actors.jsonl.gz"


def phoenix_files() -> tuple[Path, ...]:
    """The Phoenix data files that exist now (none when the layer is not installed)."""
    folder = phoenix_folder()
    return tuple(p for p in (folder / ACTORS_FILE, folder / AGENTS_FILE) if p.is_file())


@dataclass(frozen=True, slots=True)
class PhoenixRecord:
    """One line of actors.jsonl.gz, as read (checked by `phoenix_problems`)."""

    line: int
    data: Mapping[str, Any]


def read_records(path: Path | None = None) -> Iterator[PhoenixRecord]:
    path = path or phoenix_folder() / ACTORS_FILE
    if not path.is_file():
        return
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                yield PhoenixRecord(number, json.loads(line))
    except (OSError, ValueError) as exc:
        raise ConfigError(str(path), f"cannot read the Phoenix layer ({exc})") from exc


def _role(values: list[Any]) -> Role:
    title, role, sector, country, start, end = values
    return Role(title, role, sector, country, None, start, end)


def record_actor(record: PhoenixRecord) -> Actor:
    data = record.data
    return Actor(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        country=data["country"],
        aliases=tuple(data["aliases"]),
        roles=tuple(_role(r) for r in data["roles"]),
        sector=data["sector"],
        curated=False,
    )


def _keys(actor: Actor) -> set[str]:
    """The normalised full names of an actor (a surname alone is no key)."""
    found = set()
    for text in (actor.name, *actor.aliases):
        key = normalise_name(text)
        if len([w for w in key.split() if w not in NAME_ARTICLES]) >= 2:
            found.add(key)
    return found


def _compatible(curated: Actor, phoenix: Actor) -> bool:
    if curated.kind != phoenix.kind:
        return False
    if curated.country is None or phoenix.country is None or curated.country == phoenix.country:
        return True
    return phoenix.country in {r.country for r in curated.roles}


def _overlaps(role: Role, others: Iterable[Role]) -> bool:
    start, end = day_range(role.start), day_range(role.end)
    for other in others:
        o_start, o_end = day_range(other.start), day_range(other.end)
        if (start is None or o_end is None or start.first <= o_end.last) and (
            end is None or o_start is None or o_start.first <= end.last
        ):
            return True
    return False


class _Merge:
    """The hand-made actors, indexed by name key, taking in Phoenix actors one by one."""

    def __init__(self, curated: Mapping[str, Actor]) -> None:
        self.actors = dict(curated)
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.by_skeleton: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.taken: set[str] = set()
        for actor in curated.values():
            for key in _keys(actor):
                self.by_key[key].append(actor.id)
                if actor.kind == "person":
                    self.by_skeleton[skeleton_key(key)].append((key, actor.id))
            names = (actor.name, *actor.aliases, *actor.demonyms, *actor.metonyms)
            self.taken.update(normalise_name(text) for text in names)

    def add(self, actor: Actor) -> None:
        target = self._curated_match(actor)
        if target is not None:
            self._join(target, actor)
            return
        aliases = tuple(a for a in actor.aliases if normalise_name(a) not in self.taken)
        if normalise_name(actor.name) in self.taken:
            if not aliases:
                return  # every name of it is a hand-made actor's
            actor = dataclasses.replace(actor, name=aliases[0])
            aliases = aliases[1:]
        actor_id = actor.id
        if actor_id in self.actors:
            actor_id = f"{actor.id}-{(actor.country or 'intl').lower()}"
            number = 2
            while actor_id in self.actors:
                actor_id = f"{actor.id}-{number}"
                number += 1
        self.actors[actor_id] = dataclasses.replace(actor, id=actor_id, aliases=aliases)

    def _curated_match(self, actor: Actor) -> Actor | None:
        keys = _keys(actor)
        ids = sorted({i for key in keys for i in self.by_key.get(key, ())})
        matches = [self.actors[i] for i in ids if _compatible(self.actors[i], actor)]
        if matches:
            return matches[0]
        # A spelling of the same name ("Gerhard Schroeder" for "Gerhard Schröder"): same
        # skeleton, as close as the alias index asks of a slip of the pen, same word count.
        near = sorted(
            actor_id
            for key in keys
            for listed, actor_id in self.by_skeleton.get(skeleton_key(key), ())
            if len(listed.split()) == len(key.split())
            and fuzz.ratio(key, listed) >= FUZZY_MIN_SCORE
            and _compatible(self.actors[actor_id], actor)
        )
        return self.actors[near[0]] if near else None

    def _join(self, target: Actor, actor: Actor) -> None:
        own = {normalise_name(a) for a in (target.name, *target.aliases)}
        aliases = [
            a
            for a in (actor.name, *actor.aliases)
            if normalise_name(a) not in own and normalise_name(a) not in self.taken
        ]
        curated_roles = [r for r in target.roles if r not in actor.roles]
        roles = [r for r in actor.roles if not _overlaps(r, curated_roles)]
        self.actors[target.id] = dataclasses.replace(
            target,
            aliases=tuple(dict.fromkeys((*target.aliases, *aliases))),
            roles=(*target.roles, *roles),
            sector=target.sector or actor.sector,
            country=target.country or actor.country,
        )
        self.taken.update(normalise_name(a) for a in aliases)


def merge_phoenix(curated: Mapping[str, Actor], layer: Iterable[Actor]) -> dict[str, Actor]:
    """`curated` (countries and hand-made actors by id) with the Phoenix actors merged below
    them (module docstring)."""
    merge = _Merge(curated)
    for actor in layer:
        merge.add(actor)
    return merge.actors


def phoenix_actors() -> list[Actor]:
    return [record_actor(record) for record in read_records()]


def _record_problems(
    data: Mapping[str, Any], lexicon: RoleLexicon, countries: Collection[str]
) -> Iterator[tuple[str, str]]:
    """(field, message) for each thing wrong in one record of actors.jsonl.gz."""
    if not isinstance(data.get("id"), str) or slug(data["id"]):
        yield "id", f"{data.get('id')!r} is not a lower-case slug"
    if data.get("kind") not in ("person", "organization"):
        yield "kind", f"{data.get('kind')!r} is not person or organization"
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        yield "name", "is required"
    if not isinstance(data.get("aliases"), list):
        yield "aliases", "must be a list"
    country = data.get("country")
    if country is not None and country not in countries:
        yield "country", f"{country!r} is not a known country code"
    if data.get("sector") is not None and data["sector"] not in lexicon.sectors:
        yield "sector", f"unknown sector {data['sector']!r}"
    for index, values in enumerate(data.get("roles") or ()):
        where = f"roles[{index}]"
        if not isinstance(values, list) or len(values) != 6:
            yield where, "must be [title, role, sector, country, start, end]"
            continue
        _, role, sector, role_country, start, end = values
        if role not in lexicon.roles:
            yield f"{where}.role", f"{role!r} is not a role noun of the role lexicon"
        if sector is not None and sector not in lexicon.sectors:
            yield f"{where}.sector", f"unknown sector {sector!r}"
        if role_country is not None and role_country not in countries:
            yield f"{where}.country", f"{role_country!r} is not a known country code"
        for name, value in (("start", start), ("end", end)):
            if value is not None and not is_partial_iso(value):
                yield f"{where}.{name}", f"{value!r} is not an ISO date"
        first, last = day_range(start), day_range(end)
        if first is not None and last is not None and first.first > last.last:
            yield f"{where}.end", f"ends ({end}) before it starts ({start})"


def phoenix_problems(
    lexicon: RoleLexicon, countries: Collection[str], path: Path | None = None
) -> list[ActorFileProblem]:
    """Every problem of the Phoenix layer's actors file, with its line; none when the layer
    is fine or absent."""
    path = path or phoenix_folder() / ACTORS_FILE
    problems = []
    seen: dict[str, int] = {}
    try:
        for record in read_records(path):
            found = list(_record_problems(record.data, lexicon, countries))
            actor_id = str(record.data.get("id"))
            if actor_id in seen:
                found.append(("id", f"{actor_id!r} is already used on line {seen[actor_id]}"))
            seen.setdefault(actor_id, record.line)
            problems += [ActorFileProblem(str(path), record.line, f, m) for f, m in found]
    except ConfigError as exc:
        problems.append(ActorFileProblem(str(path), 0, "(file)", str(exc)))
    return problems
