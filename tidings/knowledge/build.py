"""Building the actor base from pycountry and actor files, and loading it once per process.

Files are read in order: the shipped `countries.yaml`, `organizations.yaml`, `people.yaml`
(and any other actor file of `data/actors/`), then the user's files. A later file adds actors,
and adds aliases and roles to existing ids; it never renames an id (a different name becomes
an alias) and a contradiction (another kind, country, gender...) is a `ConfigError` naming the
file, line and field. The Phoenix layer (`knowledge/phoenix.py`) is merged below all of them.
The built base is cached on disk, keyed by the bytes it is built from (`base_cache.py`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

from tidings.errors import ConfigError
from tidings.knowledge.actor_files import SECTIONS, read_actor_file, validate_actor_file
from tidings.knowledge.actors import Actor, ActorBase, Role
from tidings.knowledge.base_cache import cached
from tidings.knowledge.entries import (
    ActorFile,
    CountryEntry,
    OrganizationEntry,
    PersonEntry,
    RoleEntry,
)
from tidings.knowledge.phoenix import (
    merge_phoenix,
    phoenix_actors,
    phoenix_files,
    phoenix_problems,
)
from tidings.knowledge.roles import ROLES_FILE, load_role_lexicon
from tidings.knowledge.yaml_checks import ActorFileProblem

SHIPPED_ORDER = ("countries.yaml", "organizations.yaml", "people.yaml")


@dataclass(slots=True)
class _Draft:
    """An actor being assembled from several files; `origin` says where it was first given."""

    actor: Actor
    origin: str
    extra_aliases: list[str] = field(default_factory=list)
    extra_roles: list[Role] = field(default_factory=list)


def shipped_actor_files() -> tuple[Path, ...]:
    """The actor files shipped in `tidings/data/actors/` that exist now, in reading order."""
    folder = Path(str(resources.files("tidings.data").joinpath("actors")))
    if not folder.is_dir():
        return ()
    present = {p.name: p for p in folder.glob("*.yaml") if _is_actor_file(p)}
    ordered = [present.pop(name) for name in SHIPPED_ORDER if name in present]
    return (*ordered, *(present[name] for name in sorted(present)))


def _is_actor_file(path: Path) -> bool:
    """A shipped YAML file with an actor section; the lexicons beside them (roles.yaml and
    the like) are not actor files."""
    if path.name == ROLES_FILE:
        return False
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return True  # read_actor_file names the problem
    return any(line.rstrip().rstrip(":") in SECTIONS and line.endswith(":") for line in lines)


def _pycountry_actors() -> dict[str, Actor]:
    actors = {}
    for country in pycountry.countries:
        names = [
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        ]
        actors[country.alpha_3] = Actor(
            id=country.alpha_3,
            name=getattr(country, "common_name", None) or country.name,
            kind="country",
            country=country.alpha_3,
            aliases=tuple(dict.fromkeys(n for n in names if n)),
            sector=None,
        )
    return actors


def _apply_country(actors: dict[str, Actor], entry: CountryEntry, path: str) -> None:
    """Add a file's names, demonyms and seats to a country. Only `metonyms` stand for the
    government: the file leaves a capital out of them on purpose when it reads as a common
    phrase ("The Valley")."""
    current = actors.get(entry.code)
    if current is None:
        if entry.name is None:
            raise ConfigError(path, f"line {entry.line}: countries.{entry.code}.name: is required")
        current = Actor(id=entry.code, name=entry.name, kind="country", country=entry.code)
    name = current.name
    if "," in name and (entry.name or entry.names):
        # pycountry's "Korea, Republic of" style: the file's own name reads better.
        name = entry.name or entry.names[0]
    actors[entry.code] = dataclasses.replace(
        current,
        name=name,
        aliases=_union(current.aliases, (current.name,), (entry.name or name,), entry.names),
        demonyms=_union(current.demonyms, entry.demonyms),
        metonyms=_union(current.metonyms, entry.metonyms),
        wikidata=current.wikidata or entry.wikidata,
    )


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _role(entry: RoleEntry) -> Role:
    return Role(
        entry.title, entry.role, entry.sector, entry.country, entry.org, entry.start, entry.end
    )


def _entry_actor(entry: OrganizationEntry | PersonEntry) -> Actor:
    if isinstance(entry, OrganizationEntry):
        return Actor(
            id=entry.id,
            name=entry.name,
            kind="organization",
            country=entry.country,
            aliases=entry.aliases,
            sector=entry.sector,
            parent=entry.parent,
            aligned_with=entry.aligned_with,
            wikidata=entry.wikidata,
        )
    sector = entry.sector
    return Actor(
        id=entry.id,
        name=entry.name,
        kind="person",
        country=entry.country,
        aliases=entry.aliases,
        roles=tuple(_role(r) for r in entry.roles),
        sector=sector,
        gender=entry.gender,
        wikidata=entry.wikidata,
    )


def _role_sector(roles: Sequence[Role]) -> str | None:
    """A person's sector when the files give none: that of the office held now, else the last."""
    current = [r.sector for r in roles if r.end is None and r.sector]
    held = [r.sector for r in roles if r.sector]
    found = current or held
    return found[-1] if found else None


# Fields a later file may fill in but not contradict.
_SETTLED_FIELDS = ("kind", "country", "sector", "gender", "parent", "wikidata")


def _merge(drafts: dict[str, _Draft], entry: OrganizationEntry | PersonEntry, path: str) -> None:
    new = _entry_actor(entry)
    where = f"{path}:{entry.line}"
    draft = drafts.get(new.id)
    if draft is None:
        drafts[new.id] = _Draft(new, where)
        return
    old = draft.actor
    for name in _SETTLED_FIELDS:
        mine, theirs = getattr(new, name), getattr(old, name)
        if mine is not None and theirs is not None and mine != theirs:
            raise ConfigError(
                path,
                f"line {entry.line}: {new.id}.{name}: {mine!r} contradicts "
                f"{theirs!r} given at {draft.origin}",
            )
    filled = {
        n: getattr(old, n) if getattr(old, n) is not None else getattr(new, n)
        for n in _SETTLED_FIELDS
    }
    draft.actor = dataclasses.replace(old, **filled)
    draft.extra_aliases.extend(a for a in (new.name, *new.aliases) if a != old.name)
    draft.extra_roles.extend(new.roles)


def _check_references(actors: dict[str, Actor], origins: dict[str, str]) -> None:
    """Organisation ids named as `parent`, a role's `org` or `aligned_with` must exist."""
    for actor in actors.values():
        named = [("parent", actor.parent)] + [("roles.org", r.org) for r in actor.roles]
        named += [("aligned_with", a) for a in actor.aligned_with]
        for field_name, target in named:
            if target is not None and target not in actors:
                path, _, line = origins[actor.id].rpartition(":")
                raise ConfigError(
                    path, f"line {line}: {actor.id}.{field_name}: no actor has the id {target!r}"
                )


def build_actor_base(files: Sequence[ActorFile], layer: Iterable[Actor] = ()) -> ActorBase:
    """Every country of pycountry, then the files' entries, merged in order, then the actors
    of a lower layer (Phoenix) merged below them (hand-made entries win)."""
    countries = _pycountry_actors()
    drafts: dict[str, _Draft] = {}
    for content in files:
        for country in content.countries:
            _apply_country(countries, country, content.path)
        entries: list[OrganizationEntry | PersonEntry] = [*content.organizations, *content.people]
        for entry in entries:
            if entry.id in countries:
                raise ConfigError(
                    content.path, f"line {entry.line}: id: {entry.id!r} is a country code"
                )
            _merge(drafts, entry, content.path)
    actors: dict[str, Actor] = dict(countries)
    origins = {code: "pycountry:0" for code in countries}
    for actor_id, draft in drafts.items():
        roles = (*draft.actor.roles, *draft.extra_roles)
        actors[actor_id] = dataclasses.replace(
            draft.actor,
            aliases=_union(draft.actor.aliases, draft.extra_aliases),
            roles=roles,
            sector=draft.actor.sector or _role_sector(roles),
        )
        origins[actor_id] = draft.origin
    _check_references(actors, origins)
    merged = merge_phoenix(actors, layer)
    return ActorBase(merged.values(), files=tuple(c.path for c in files))


def load_actor_base(extra: Sequence[Path | str] = ()) -> ActorBase:
    """The actor base: pycountry, the shipped files, then `extra` (the user's files).
    Built once per process for each list of user files; never at import."""
    return _cached_base(tuple(str(Path(p).resolve()) for p in extra))


@lru_cache(maxsize=4)
def _cached_base(extra: tuple[str, ...]) -> ActorBase:
    paths = (*shipped_actor_files(), *(Path(p) for p in extra))
    roles = Path(str(resources.files("tidings.data").joinpath("actors", ROLES_FILE)))
    sources = (*paths, roles, *phoenix_files())
    return cached(sources, ActorBase, lambda: build_from_files(paths, with_phoenix=True))


def build_from_files(paths: Sequence[Path], *, with_phoenix: bool) -> ActorBase:
    """The base built from these actor files (and the Phoenix layer), without the cache."""
    contents: list[ActorFile] = []
    defined: set[str] = set()
    for path in paths:
        content = read_actor_file(path, countries=defined)
        defined.update(country.code for country in content.countries)
        contents.append(content)
    return build_actor_base(contents, phoenix_actors() if with_phoenix else ())


def validate_actor_base(extra: Sequence[Path | str] = ()) -> list[ActorFileProblem]:
    """Every problem of the merged base: each shipped (and `extra`) actor file line by line,
    the Phoenix layer record by record, then the merge itself (a contradiction between files).
    Built without the cache, so that what is checked is what the files say now."""
    paths = (*shipped_actor_files(), *(Path(p) for p in extra))
    problems: list[ActorFileProblem] = []
    defined: set[str] = set()
    for path in paths:
        found = validate_actor_file(path, countries=defined)
        problems += found
        if not found:
            defined.update(c.code for c in read_actor_file(path, countries=defined).countries)
    countries = defined | {c.alpha_3 for c in pycountry.countries}
    problems += phoenix_problems(load_role_lexicon(), countries)
    if not problems:
        try:
            build_from_files(paths, with_phoenix=True)
        except ConfigError as exc:
            problems.append(ActorFileProblem(exc.path, 0, "(merge)", exc.reason))
    return problems
