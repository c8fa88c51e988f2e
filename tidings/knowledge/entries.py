"""What an actor file says, entry by entry, with the line each entry starts on (so that a
problem found when files are merged can still name its file and line)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RoleEntry:
    title: str | None
    role: str
    sector: str | None
    country: str | None
    org: str | None
    start: str | None
    end: str | None
    line: int


@dataclass(frozen=True, slots=True)
class CountryEntry:
    code: str
    line: int
    name: str | None
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class OrganizationEntry:
    id: str
    line: int
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    parent: str | None
    aligned_with: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class PersonEntry:
    id: str
    line: int
    name: str
    aliases: tuple[str, ...]
    country: str | None
    gender: str | None
    sector: str | None
    wikidata: str | None
    roles: tuple[RoleEntry, ...]


@dataclass(frozen=True, slots=True)
class ActorFile:
    path: str
    countries: tuple[CountryEntry, ...] = ()
    organizations: tuple[OrganizationEntry, ...] = ()
    people: tuple[PersonEntry, ...] = ()
