"""Checking a YAML document node by node, so that every problem of an actor file is reported
with its line (PyYAML's node marks) and the path of its field (`people[3].roles[0].start`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import pycountry
import yaml

from tidings.knowledge.periods import as_iso
from tidings.knowledge.roles import RoleLexicon

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True, slots=True)
class ActorFileProblem:
    """One thing wrong in an actor file: where (line, 1-based; field path) and what."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class Checker:
    """Walks a composed YAML tree, recording problems and building entries as it goes."""

    def __init__(
        self,
        path: str,
        loader: yaml.SafeLoader,
        lexicon: RoleLexicon,
        countries: Collection[str],
    ) -> None:
        self.path = path
        self.loader = loader
        self.lexicon = lexicon
        self.countries = set(countries)
        self.problems: list[ActorFileProblem] = []

    def country_code(self, value: str) -> str | None:
        """A complaint unless `value` is a country code pycountry or an actor file knows."""
        if iso3(value):
            return iso3(value)
        if value in self.countries or pycountry.countries.get(alpha_3=value) is not None:
            return None
        return f"{value!r} is not a known country code (ISO 3166-1 alpha-3)"

    def problem(self, node: yaml.Node, field: str, message: str) -> None:
        line = node.start_mark.line + 1
        self.problems.append(ActorFileProblem(self.path, line, field, message))

    def pairs(self, node: yaml.Node, field: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(key, key node, value node) of a mapping node; a problem if it is not one."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, "must be a mapping")
            return []
        found: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            found.append((str(self.loader.construct_object(key_node)), key_node, value_node))
        return found

    def fields(self, node: yaml.Node, where: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        values: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self.pairs(node, where):
            if key not in allowed:
                self.problem(
                    key_node, f"{where}.{key}", f"unknown field (known: {', '.join(allowed)})"
                )
            elif key in values:
                self.problem(key_node, f"{where}.{key}", "given twice")
            else:
                values[key] = value_node
        return values

    def scalar(self, node: yaml.Node | None) -> Any:
        if node is None or not isinstance(node, yaml.ScalarNode):
            return None
        return self.loader.construct_object(node)

    def text(
        self, values: dict[str, yaml.Node], key: str, where: str, *, required: bool
    ) -> str | None:
        node = values.get(key)
        value = self.scalar(node)
        if node is None or value is None:
            if required:
                self.problem(node or _anchor(values), f"{where}.{key}", "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(node, f"{where}.{key}", "must be a non-empty string")
            return None
        return value.strip()

    def texts(self, values: dict[str, yaml.Node], key: str, where: str) -> tuple[str, ...]:
        node = values.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and self.scalar(node) is None):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{where}.{key}", "must be a list of strings")
            return ()
        found: list[str] = []
        for item in node.value:
            value = self.scalar(item)
            if not isinstance(value, str) or not value.strip():
                self.problem(item, f"{where}.{key}", f"{value!r} is not a non-empty string")
            else:
                found.append(value.strip())
        return tuple(found)

    def coded(
        self,
        values: dict[str, yaml.Node],
        key: str,
        where: str,
        check: Callable[[str], str | None],
    ) -> str | None:
        """An optional string that `check` accepts (it returns the complaint, or None)."""
        value = self.text(values, key, where, required=False)
        if value is None:
            return None
        complaint = check(value)
        if complaint:
            self.problem(values[key], f"{where}.{key}", complaint)
            return None
        return value

    def date(self, values: dict[str, yaml.Node], key: str, where: str) -> str | None:
        node = values.get(key)
        value = self.scalar(node)
        if node is None or value is None:
            return None
        iso = as_iso(value)
        if iso is None:
            self.problem(
                node, f"{where}.{key}", f"{value!r} is not an ISO date (2020, 2020-01, 2020-01-03)"
            )
        return iso


def _anchor(values: dict[str, yaml.Node]) -> yaml.Node:
    """A node to report a missing field at: the first field present (its entry's line)."""
    return next(iter(values.values()))


def iso3(value: str) -> str | None:
    return None if _ISO3.match(value) else f"{value!r} is not an ISO 3166-1 alpha-3 code"


def slug(value: str) -> str | None:
    return None if _SLUG.match(value) else f"{value!r} is not a lower-case ASCII slug"


def wikidata(value: str) -> str | None:
    return None if _WIKIDATA.match(value) else f"{value!r} is not a Wikidata id (Q...)"
