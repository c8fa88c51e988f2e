"""The CAMEO code of an event whose PLOVER type the event stage changed at run time (a harmful
act threatened by its own source is THREATEN, a cooperative act it promises is AGREE): the code
follows the new type, read from tidings/data/events/cameo/retyped.yaml by the longest prefix of
the word's own code, so that an event's CAMEO code always maps to its type under the
crosswalk."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.events.lexicon import LexEntry
from tidings.events.records import EVENT_TYPES
from tidings.yaml_mapping import read_yaml_mapping

RETYPED_FILE = "retyped.yaml"
Code = tuple[str, float]


@dataclass(frozen=True, slots=True)
class Recoding:
    """For one new type: its default code and the codes by prefix of the word's own code."""

    default: Code
    by_prefix: dict[str, Code]

    def code_for(self, cameo: str | None) -> Code:
        code = cameo or ""
        for length in range(len(code), 1, -1):
            hit = self.by_prefix.get(code[:length])
            if hit is not None:
                return hit
        return self.default


def _code(value: Any, origin: str, where: str) -> Code:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and value[0].isdigit()
        and isinstance(value[1], (int, float))
        and not isinstance(value[1], bool)
    )
    if not ok:
        raise ConfigError(origin, f'{where}: expected ["CODE", goldstein]')
    return str(value[0]), float(value[1])


def read_retyped(text: str, origin: str) -> dict[str, Recoding]:
    """The recoding table, checked."""
    data = read_yaml_mapping(text, origin)
    table: dict[str, Recoding] = {}
    for kind, body in data.items():
        if kind not in EVENT_TYPES:
            raise ConfigError(origin, f"{kind}: not a PLOVER type")
        if not isinstance(body, dict) or "default" not in body:
            raise ConfigError(origin, f"{kind}: expected default and from")
        prefixes = body.get("from") or {}
        if not isinstance(prefixes, dict):
            raise ConfigError(origin, f"{kind}.from: expected a mapping of code prefixes")
        table[str(kind)] = Recoding(
            _code(body["default"], origin, f"{kind}.default"),
            {str(k): _code(v, origin, f"{kind}.from.{k}") for k, v in prefixes.items()},
        )
    return table


@lru_cache(maxsize=1)
def load_retyped() -> dict[str, Recoding]:
    path = resources.files("tidings.data").joinpath("events", "cameo", RETYPED_FILE)
    return read_retyped(path.read_text("utf-8"), RETYPED_FILE)


def recode(event_type: str, entry: LexEntry) -> tuple[str | None, float | None]:
    """The CAMEO code and Goldstein weight of an event of `event_type` read off `entry`: the
    entry's own when the type is the entry's, else the code of the new type."""
    if event_type == entry.type:
        return entry.cameo, entry.goldstein
    recoding = load_retyped().get(event_type)
    if recoding is None:
        return entry.cameo, entry.goldstein
    return recoding.code_for(entry.cameo)
