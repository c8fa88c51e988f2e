"""`tidings eval expected`: an analyst's list of events against what extract emits. The scoring
on invented records; the seeds' list on ../shared/examples/seeds (skipped without it), where
issue 16 asks for at least 70% of the analyst's events with the right type and dyad, the days
the text gives, and at most 3 wrong readings of the known error classes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import shared_path
from tidings.evaluate.expected import (
    Expected,
    Trap,
    emitted_events,
    evaluate_expected,
    score,
)

GOLD = Path(__file__).parent / "seed_analyst_events.yaml"


def _event(kind: str, source: str | None, target: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "source": {"id": source, "country": source} if source else None,
        "target": {"id": target, "country": target} if target else None,
        "status": extra.get("status", "occurred"),
        "date": {"value": extra.get("date"), "precision": "day" if extra.get("date") else None},
        "trigger": extra.get("trigger", "attacked"),
        "evidence": {"sentence": extra.get("sentence", "")},
        "complete": bool(source and target),
    }


def test_an_expected_event_is_found_once_by_type_and_dyad_and_a_trap_catches_its_reading() -> None:
    record = {
        "events": [
            _event("ASSAULT", "HBR", "NRD", date="2024-05-01"),
            _event("ASSAULT", "HBR", None),  # partial: never counts
            _event("CONSULT", "HBR", "NRD", trigger="hosting"),
        ]
    }
    emitted = emitted_events(record, "a.txt")
    expected = [
        Expected(
            "a.txt",
            "the shelling",
            frozenset({"ASSAULT"}),
            frozenset({"HBR"}),
            frozenset({"NRD"}),
            "occurred",
            "2024-05-01",
        ),
        Expected(
            "a.txt",
            "a second shelling",
            frozenset({"ASSAULT"}),
            frozenset({"HBR"}),
            frozenset({"NRD"}),
            None,
            None,
        ),
    ]
    trap = Trap(
        "hosting is no meeting",
        "CONSULT",
        frozenset({"hosting"}),
        frozenset(),
        frozenset(),
        None,
        None,
    )
    found, missed, wrong = score(expected, [trap], emitted)
    assert [(e.what, m.date) for e, m in found] == [("the shelling", "2024-05-01")]
    assert [e.what for e in missed] == ["a second shelling"]
    assert [t.what for t, _ in wrong] == ["hosting is no meeting"]


def test_the_seeds_meet_the_analysts_bar() -> None:
    seeds = shared_path("examples", "seeds")
    figures = evaluate_expected(seeds, GOLD).figures()
    assert figures["recall"] >= 0.70, figures
    assert figures["wrong_readings"] <= 3, figures
    assert figures["date_agreement"] == 1.0, figures
