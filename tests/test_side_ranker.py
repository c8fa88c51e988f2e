"""The learned side ranker (tidings/events/side_ranker.py, side_filling.py): off unless asked
for, it fills a side the rules left empty with the best-scored mention of the sentence when
that clears the side's threshold; the shipped model file is well formed."""

from __future__ import annotations

import json
from importlib import resources

from tests.test_events_rules import events
from tidings.events import Event
from tidings.events.side_ranker import SIDES, SideRanker, load_side_ranker, read_side_ranker

# Militants seen near a bombing: the rules give the noun "bombing" no doer.
TEXT = "Tide Guard Corps militants were seen near the bombing in Port Lavelle."


def _events(text: str, ranker: SideRanker | None) -> list[Event]:
    return events(text, side_ranker=ranker)


def _shields(found: list[Event]) -> Event:
    return next(e for e in found if e.trigger == "bombing")


def _model(threshold: float) -> dict[str, object]:
    # a mention before the trigger, not in a preposition's phrase, is the doer
    weights = {"where=before": 3.0, "where=after": -3.0}
    return {side: {"bias": 0.0, "threshold": threshold, "weights": weights} for side in SIDES}


def test_without_a_ranker_the_rules_sides_stand() -> None:
    assert _shields(_events(TEXT, None)).source is None


def test_a_ranker_fills_a_missing_source_with_the_best_mention() -> None:
    event = _shields(_events(TEXT, read_side_ranker(_model(0.5))))
    assert event.source is not None and event.source.name == "Tide Guard Corps"


def test_a_score_below_the_threshold_fills_nothing() -> None:
    assert _shields(_events(TEXT, read_side_ranker(_model(0.99)))).source is None


def test_a_side_with_no_weights_is_never_filled() -> None:
    assert read_side_ranker({"source": {}, "target": {}}).models == {}


def test_the_shipped_model_is_well_formed() -> None:
    text = resources.files("tidings.data").joinpath("events", "side_ranker.json").read_text()
    data = json.loads(text)
    assert "development split" in data["trained_on"]
    for side in SIDES:
        assert 0.0 < data[side]["threshold"] <= 1.0
        assert data[side]["weights"]
    assert set(load_side_ranker().models) == set(SIDES)
