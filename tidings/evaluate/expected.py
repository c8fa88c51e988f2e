"""Events an analyst expects from given articles, against what `tidings extract` emits.

The analyst writes, per input file, the events a coder would list (PLOVER types a coder could
defend, acceptable actors for each side, the status and the day where the text gives them),
and a list of *traps*: readings of known error classes (a trigger inside a name, a metaphor,
the victim of one clause as the doer of another...). The score:

* found: expected events matched by an emitted complete event of the same file with one of
  the types, a source and a target each matching the side's list (an actor matches when its
  id or its country is listed); each emitted event matches at most one expected event;
* status and date agreement over the found events that state them;
* wrong readings: emitted complete events matching every field of a trap.

Format of the gold file: docs/evaluation.md ("Expected events").
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError, InputRejected
from tidings.parallel import extract_outcomes
from tidings.settings import Settings, load_settings
from tidings.yaml_mapping import read_yaml_mapping


@dataclass(frozen=True, slots=True)
class Expected:
    file: str
    what: str
    types: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]
    status: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class Trap:
    what: str
    type: str
    trigger: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]
    status: str | None
    evidence_has: str | None


@dataclass(frozen=True, slots=True)
class Emitted:
    """One emitted event, reduced to what the score compares."""

    file: str
    type: str
    source: tuple[str, ...]  # the actor's id and country
    target: tuple[str, ...]
    status: str
    date: str | None
    trigger: str
    sentence: str
    complete: bool

    def line(self) -> str:
        return (
            f"{self.type} {'/'.join(self.source) or '?'} → {'/'.join(self.target) or '?'}"
            f" [{self.status}] '{self.trigger}': {self.sentence[:90]}"
        )


@dataclass(slots=True)
class ExpectedEvaluation:
    files: int
    seconds: float
    found: list[tuple[Expected, Emitted]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    wrong: list[tuple[Trap, Emitted]] = field(default_factory=list)
    emitted: list[Emitted] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        expected = len(self.found) + len(self.missed)
        with_status = [(e, m) for e, m in self.found if e.status]
        with_date = [(e, m) for e, m in self.found if e.date]
        complete = [m for m in self.emitted if m.complete]
        return {
            "expected": expected,
            "recall": len(self.found) / expected if expected else 0.0,
            "status_agreement": (
                sum(e.status == m.status for e, m in with_status) / len(with_status)
                if with_status
                else 1.0
            ),
            "date_agreement": (
                sum(e.date == m.date for e, m in with_date) / len(with_date) if with_date else 1.0
            ),
            "wrong_readings": len(self.wrong),
            "events": len(self.emitted),
            "complete_events": len(complete),
        }


def _side(value: Any, origin: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(origin, "a side is a list of actor ids or country codes")
    return frozenset(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def load_expected(path: Path) -> tuple[list[Expected], list[Trap]]:
    """The expected events and traps of the gold file `path`."""
    if not path.is_file():
        raise ConfigError(str(path), "no such gold file")
    data = read_yaml_mapping(path.read_text(encoding="utf-8"), str(path))
    expected = []
    for file, items in (data.get("articles") or {}).items():
        for item in items or []:
            origin = f"{path}: {file}: {item.get('what', '?')}"
            expected.append(
                Expected(
                    file=str(file),
                    what=str(item.get("what", "")),
                    types=_side(item.get("type"), origin),
                    source=_side(item.get("source"), origin),
                    target=_side(item.get("target"), origin),
                    status=_text(item.get("status")),
                    date=_text(item.get("date")),
                )
            )
    traps = [
        Trap(
            what=str(item.get("what", "")),
            type=str(item["type"]),
            trigger=frozenset(w.lower() for w in item.get("trigger") or []),
            source=_side(item.get("source"), f"{path}: traps"),
            target=_side(item.get("target"), f"{path}: traps"),
            status=_text(item.get("status")),
            evidence_has=_text(item.get("evidence_has")),
        )
        for item in data.get("traps") or []
    ]
    return expected, traps


def _actor(value: Any) -> tuple[str, ...]:
    if not isinstance(value, dict):
        return ()
    return tuple(str(value[k]) for k in ("id", "country") if value.get(k))


def emitted_events(record: dict[str, Any], file: str) -> list[Emitted]:
    """The events of one contract record."""
    found = []
    for event in record.get("events") or []:
        date = event.get("date") or {}
        found.append(
            Emitted(
                file=file,
                type=event["type"],
                source=_actor(event.get("source")),
                target=_actor(event.get("target")),
                status=event.get("status") or "",
                date=date.get("value") if date.get("precision") == "day" else None,
                trigger=str(event.get("trigger") or ""),
                sentence=str((event.get("evidence") or {}).get("sentence") or ""),
                complete=bool(event.get("complete", bool(event.get("source")))),
            )
        )
    return found


def _matches_side(side: frozenset[str], actor: tuple[str, ...]) -> bool:
    return not side or any(part in side for part in actor)


def _matches(expected: Expected, event: Emitted) -> bool:
    return (
        event.complete
        and event.type in expected.types
        and bool(event.source)
        and bool(event.target)
        and _matches_side(expected.source, event.source)
        and _matches_side(expected.target, event.target)
    )


def _trapped(trap: Trap, event: Emitted) -> bool:
    return (
        event.complete
        and event.type == trap.type
        and (not trap.trigger or event.trigger.lower() in trap.trigger)
        and (not trap.source or _matches_side(trap.source, event.source))
        and (not trap.target or _matches_side(trap.target, event.target))
        and (trap.status is None or event.status == trap.status)
        and (trap.evidence_has is None or trap.evidence_has in event.sentence.lower())
    )


def score(
    expected: Sequence[Expected], traps: Sequence[Trap], emitted: Sequence[Emitted]
) -> tuple[list[tuple[Expected, Emitted]], list[Expected], list[tuple[Trap, Emitted]]]:
    """Expected events found (each emitted event used once, best status agreement first),
    missed, and the emitted events caught by a trap."""
    used: set[int] = set()
    found, missed = [], []
    for item in expected:
        candidates = [
            (i, e)
            for i, e in enumerate(emitted)
            if i not in used and e.file == item.file and _matches(item, e)
        ]
        candidates.sort(key=lambda c: (c[1].status != item.status, c[1].date != item.date))
        if candidates:
            used.add(candidates[0][0])
            found.append((item, candidates[0][1]))
        else:
            missed.append(item)
    wrong = [(t, e) for e in emitted for t in traps if _trapped(t, e)]
    return found, missed, wrong


def _records(
    data: Path, files: Iterable[str], settings: Settings
) -> Iterable[tuple[str, dict[str, Any]]]:
    paths = [str(data / name) for name in sorted(set(files))]
    for path in paths:
        if not Path(path).is_file():
            raise ConfigError(path, "a file the gold names is missing")
    for outcome in extract_outcomes(paths, settings=settings):
        if isinstance(outcome, InputRejected):
            raise ConfigError(outcome.path, f"rejected: {outcome.reason}")
        yield Path(outcome.article.document.path).name, outcome.record


def evaluate_expected(
    data: Path, gold: Path, *, settings: Settings | None = None
) -> ExpectedEvaluation:
    """Score `tidings extract` on the files of `data` against the gold file `gold`."""
    started = time.perf_counter()
    settings = settings or load_settings()
    expected, traps = load_expected(gold)
    emitted: list[Emitted] = []
    for name, record in _records(data, (e.file for e in expected), settings):
        emitted.extend(emitted_events(record, name))
    found, missed, wrong = score(expected, traps, emitted)
    return ExpectedEvaluation(
        files=len({e.file for e in expected}),
        seconds=time.perf_counter() - started,
        found=found,
        missed=missed,
        wrong=wrong,
        emitted=emitted,
    )
