"""Reading and checking actor files (`countries`, `organizations`, `people`; docs/actors.md).

`validate_actor_file` lists every problem with its line and field and raises nothing;
`read_actor_file` returns the entries, or raises `ConfigError` naming the file, line and field of
the first problem. Line numbers come from PyYAML's node marks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pycountry
import yaml

from tidings.errors import ConfigError
from tidings.knowledge.entries import (
    ActorFile,
    CountryEntry,
    OrganizationEntry,
    PersonEntry,
    RoleEntry,
)
from tidings.knowledge.roles import RoleLexicon, load_role_lexicon
from tidings.knowledge.yaml_checks import ActorFileProblem, Checker, iso3, slug, wikidata

SECTIONS = ("countries", "organizations", "people")
_GENDERS = ("m", "f")
_COUNTRY_FIELDS = ("name", "names", "demonyms", "capital", "metonyms", "wikidata")
_ORG_FIELDS = ("id", "name", "aliases", "country", "sector", "parent", "aligned_with", "wikidata")
_PERSON_FIELDS = ("id", "name", "aliases", "country", "gender", "sector", "wikidata", "roles")
_ROLE_FIELDS = ("title", "role", "sector", "country", "org", "start", "end")


def _country_entry(
    checker: Checker, code: str, key_node: yaml.Node, node: yaml.Node
) -> CountryEntry | None:
    where = f"countries.{code}"
    if iso3(code):
        checker.problem(key_node, where, f"{code!r} is not an ISO 3166-1 alpha-3 code")
        return None
    values = checker.fields(node, where, _COUNTRY_FIELDS)
    in_pycountry = pycountry.countries.get(alpha_3=code) is not None
    name = checker.text(values, "name", where, required=False) if values else None
    if not in_pycountry and name is None:
        checker.problem(node, f"{where}.name", "is required for a code pycountry does not know")
    return CountryEntry(
        code=code,
        line=key_node.start_mark.line + 1,
        name=name,
        names=checker.texts(values, "names", where),
        demonyms=checker.texts(values, "demonyms", where),
        capital=checker.text(values, "capital", where, required=False),
        metonyms=checker.texts(values, "metonyms", where),
        wikidata=checker.coded(values, "wikidata", where, wikidata),
    )


def _sector_check(lexicon: RoleLexicon) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value in lexicon.sectors:
            return None
        return f"unknown sector {value!r} (known: {', '.join(lexicon.sectors)})"

    return check


def _role_check(lexicon: RoleLexicon) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in lexicon.roles else f"{value!r} is not a role noun of roles.yaml"

    return check


def _aligned(checker: Checker, values: dict[str, yaml.Node], where: str) -> tuple[str, ...]:
    found = checker.texts(values, "aligned_with", where)
    for value in found:
        if iso3(value) and slug(value):
            checker.problem(
                values["aligned_with"],
                f"{where}.aligned_with",
                f"{value!r} is neither an ISO3 code nor an organisation id",
            )
    return found


def _entry_id(
    checker: Checker, node: yaml.Node, values: dict[str, yaml.Node], where: str
) -> str | None:
    actor_id = checker.coded(values, "id", where, slug)
    if "id" not in values:
        checker.problem(node, f"{where}.id", "is required")
    return actor_id


def _organization(checker: Checker, node: yaml.Node, where: str) -> OrganizationEntry | None:
    values = checker.fields(node, where, _ORG_FIELDS)
    if not values:
        return None
    # Every field is checked even when the id is bad, so that one run lists every problem.
    actor_id = _entry_id(checker, node, values, where)
    entry = OrganizationEntry(
        id=actor_id or "",
        line=node.start_mark.line + 1,
        name=checker.text(values, "name", where, required=True) or "",
        aliases=checker.texts(values, "aliases", where),
        country=checker.coded(values, "country", where, checker.country_code),
        sector=checker.coded(values, "sector", where, _sector_check(checker.lexicon)),
        parent=checker.coded(values, "parent", where, slug),
        aligned_with=_aligned(checker, values, where),
        wikidata=checker.coded(values, "wikidata", where, wikidata),
    )
    return entry if entry.id and entry.name else None


def _role(checker: Checker, node: yaml.Node, where: str) -> RoleEntry | None:
    values = checker.fields(node, where, _ROLE_FIELDS)
    if not values:
        return None
    role = checker.text(values, "role", where, required=True)
    if role is not None and _role_check(checker.lexicon)(role):
        checker.problem(values["role"], f"{where}.role", _role_check(checker.lexicon)(role) or "")
        role = None
    start = checker.date(values, "start", where)
    end = checker.date(values, "end", where)
    if start and end and start > end:
        checker.problem(values["end"], f"{where}.end", f"ends ({end}) before it starts ({start})")
    entry = RoleEntry(
        title=checker.text(values, "title", where, required=False),
        role=role or "",
        sector=checker.coded(values, "sector", where, _sector_check(checker.lexicon)),
        country=checker.coded(values, "country", where, checker.country_code),
        org=checker.coded(values, "org", where, slug),
        start=start,
        end=end,
        line=node.start_mark.line + 1,
    )
    return entry if role else None


def _roles(checker: Checker, values: dict[str, yaml.Node], where: str) -> tuple[RoleEntry, ...]:
    node = values.get("roles")
    if node is None or (isinstance(node, yaml.ScalarNode) and checker.scalar(node) is None):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        checker.problem(node, f"{where}.roles", "must be a list of roles")
        return ()
    found = (_role(checker, item, f"{where}.roles[{i}]") for i, item in enumerate(node.value))
    return tuple(role for role in found if role is not None)


def _gender(value: str) -> str | None:
    return None if value in _GENDERS else f"{value!r} is not m, f or null"


def _person(checker: Checker, node: yaml.Node, where: str) -> PersonEntry | None:
    values = checker.fields(node, where, _PERSON_FIELDS)
    if not values:
        return None
    actor_id = _entry_id(checker, node, values, where)
    entry = PersonEntry(
        id=actor_id or "",
        line=node.start_mark.line + 1,
        name=checker.text(values, "name", where, required=True) or "",
        aliases=checker.texts(values, "aliases", where),
        country=checker.coded(values, "country", where, checker.country_code),
        gender=checker.coded(values, "gender", where, _gender),
        sector=checker.coded(values, "sector", where, _sector_check(checker.lexicon)),
        wikidata=checker.coded(values, "wikidata", where, wikidata),
        roles=_roles(checker, values, where),
    )
    return entry if entry.id and entry.name else None


def _listed(
    checker: Checker,
    node: yaml.Node,
    section: str,
    build: Callable[[Checker, yaml.Node, str], Any],
) -> list[Any]:
    if not isinstance(node, yaml.SequenceNode):
        checker.problem(node, section, "must be a list")
        return []
    entries = []
    seen: dict[str, int] = {}
    for index, item in enumerate(node.value):
        entry = build(checker, item, f"{section}[{index}]")
        if entry is None:
            continue
        if entry.id in seen:
            checker.problem(
                item,
                f"{section}[{index}].id",
                f"{entry.id!r} is already used on line {seen[entry.id]}",
            )
            continue
        seen[entry.id] = entry.line
        entries.append(entry)
    return entries


def _own_countries(root: yaml.Node) -> set[str]:
    """Codes the file's own `countries` section defines (a user may add a country)."""
    if not isinstance(root, yaml.MappingNode):
        return set()
    for key_node, value_node in root.value:
        if getattr(key_node, "value", None) == "countries" and isinstance(
            value_node, yaml.MappingNode
        ):
            return {str(k.value) for k, _ in value_node.value}
    return set()


def _check_document(checker: Checker, root: yaml.Node | None) -> ActorFile:
    content = ActorFile(path=checker.path)
    if root is None:
        return content
    checker.countries |= _own_countries(root)
    countries: list[CountryEntry] = []
    organizations: list[OrganizationEntry] = []
    people: list[PersonEntry] = []
    for key, key_node, node in checker.pairs(root, "(top level)"):
        if key == "countries":
            for code, code_node, entry_node in checker.pairs(node, "countries"):
                country = _country_entry(checker, code, code_node, entry_node)
                if country is not None:
                    countries.append(country)
        elif key == "organizations":
            organizations = _listed(checker, node, key, _organization)
        elif key == "people":
            people = _listed(checker, node, key, _person)
        else:
            checker.problem(key_node, key, f"unknown section (known: {', '.join(SECTIONS)})")
    return ActorFile(checker.path, tuple(countries), tuple(organizations), tuple(people))


def _read(path: Path, countries: Collection[str]) -> tuple[list[ActorFileProblem], ActorFile]:
    empty = ActorFile(path=str(path))
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [ActorFileProblem(str(path), 0, "(file)", f"cannot read ({exc})")], empty
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        checker = Checker(str(path), loader, load_role_lexicon(), countries)
        content = _check_document(checker, root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return [ActorFileProblem(str(path), line, "(yaml)", f"not valid YAML ({exc})")], empty
    finally:
        loader.dispose()
    return checker.problems, content


def validate_actor_file(path: Path, *, countries: Collection[str] = ()) -> list[ActorFileProblem]:
    """Every problem of the actor file at `path`, in file order; an empty list when it is fine.
    Country codes must be known to pycountry, to the file itself or be among `countries` (codes
    other files define). Raises nothing: an unreadable file or broken YAML is a problem too."""
    problems, _ = _read(path, countries)
    return sorted(problems, key=lambda p: p.line)


def read_actor_file(path: Path, *, countries: Collection[str] = ()) -> ActorFile:
    """The entries of the actor file at `path`; `ConfigError` (file, line, field) if any problem."""
    problems, content = _read(path, countries)
    if problems:
        first = min(problems, key=lambda p: p.line)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(str(path), f"line {first.line}: {first.field}: {first.message}{more}")
    return content
