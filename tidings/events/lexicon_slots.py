"""Argument slots of a lexicon entry: which syntactic position of the trigger gives its
source, target, recipient or instrument, and what may fill each ("provide X with Y": the
target is the object X, the instrument the object of "with"; "accuse X of Y": the target is X,
never Y). The schema is documented at the top of tidings/data/events/frames.yaml.

An entry without `slots` keeps the default reading of the argument stage. A slot an entry
names replaces the default reading for that role only; the roles it leaves out keep theirs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tidings.errors import ConfigError

SLOT_NAMES = ("source", "target", "recipient", "instrument")
# What may fill a slot: a party itself; a place or body a party holds ("the US embassy" ->
# the USA); a statement, policy or decision of a party ("attacked the pledges" -> whoever
# made them); a thing (a slot whose filler is a thing gives no actor).
FILLERS = ("actor", "held", "statement", "thing")
# Fillers read when an entry names a slot's positions but not what fills it. A thing fills
# the instrument; a party (or what it holds) the other slots.
DEFAULT_FILL: dict[str, frozenset[str]] = {
    "source": frozenset({"actor", "held"}),
    "target": frozenset({"actor", "held"}),
    "recipient": frozenset({"actor", "held"}),
    "instrument": frozenset({"thing"}),
}
# Dependency labels a position may name (spaCy's English labels); `prep:WORD` names the
# object of that preposition ("prep:with"), `agent` the passive's "by" phrase, `purpose` the
# object of an infinitive of purpose or of its prepositions ("gave 5 million euros to help
# refugees", "to fight the epidemic in X"), `clause_subject` the subject of its content clause
# ("said X was responsible": X).
DEPENDENCY_POSITIONS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "dative",
        "iobj",
        "attr",
        "oprd",
        "agent",
        "poss",
        "compound",
        "xcomp",
        "ccomp",
        "npadvmod",
        "purpose",
        "clause_subject",
    }
)
_PREP = re.compile(r"prep:[a-z]+")


@dataclass(frozen=True, slots=True)
class Slots:
    """The slots an entry names, each with its positions in order of preference and its
    allowed fillers. Kept as tuples so that an entry stays hashable."""

    positions: tuple[tuple[str, tuple[str, ...]], ...]
    fill: tuple[tuple[str, frozenset[str]], ...]

    def names(self) -> tuple[str, ...]:
        """The slots this entry fixes."""
        return tuple(name for name, _ in self.positions)

    def positions_of(self, slot: str) -> tuple[str, ...]:
        """The positions of `slot` in order of preference; () when the entry leaves the
        slot to the default reading."""
        return next((where for name, where in self.positions if name == slot), ())

    def fillers_of(self, slot: str) -> frozenset[str]:
        """What may fill `slot` (`actor`, `held`, `statement`, `thing`)."""
        explicit = next((what for name, what in self.fill if name == slot), None)
        return explicit if explicit is not None else DEFAULT_FILL[slot]

    def accepts(self, slot: str, filler: str) -> bool:
        return filler in self.fillers_of(slot)


def _fail(origin: str, where: str, reason: str) -> ConfigError:
    return ConfigError(origin, f"{where}: {reason}")


def _positions(value: Any, origin: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(origin, where, "expected a list of positions")
    found = []
    for item in value:
        position = item.strip().lower()
        if position not in DEPENDENCY_POSITIONS and not _PREP.fullmatch(position):
            raise _fail(
                origin,
                where,
                f"{item!r}: expected prep:WORD or one of {sorted(DEPENDENCY_POSITIONS)}",
            )
        found.append(position)
    return tuple(dict.fromkeys(found))


def _fillers(value: Any, origin: str, where: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _fail(origin, where, "expected a list of fillers")
    bad = sorted(set(value) - set(FILLERS))
    if bad:
        raise _fail(origin, where, f"{bad}: expected some of {list(FILLERS)}")
    return frozenset(value)


def read_slots(value: Any, origin: str, where: str) -> Slots | None:
    """The `slots` mapping of one entry, checked: slot names to positions, and an optional
    `fill` mapping of slot names to fillers."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise _fail(origin, where, "expected a mapping of slot names to positions")
    unknown = set(value) - set(SLOT_NAMES) - {"fill"}
    if unknown:
        raise _fail(origin, where, f"unknown slot(s) {sorted(unknown)}; expected {SLOT_NAMES}")
    positions = tuple(
        (name, _positions(value[name], origin, f"{where}.{name}"))
        for name in SLOT_NAMES
        if name in value
    )
    fill_value = value.get("fill") or {}
    if not isinstance(fill_value, dict):
        raise _fail(origin, f"{where}.fill", "expected a mapping of slot names to fillers")
    bad = set(fill_value) - set(SLOT_NAMES)
    if bad:
        raise _fail(origin, f"{where}.fill", f"unknown slot(s) {sorted(bad)}")
    fill = tuple(
        (name, _fillers(fill_value[name], origin, f"{where}.fill.{name}"))
        for name in SLOT_NAMES
        if name in fill_value
    )
    if not positions and not fill:
        raise _fail(origin, where, "names no slot")
    return Slots(positions, fill)
