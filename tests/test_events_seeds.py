"""The issue's "Done when" on the five seed articles (../shared/examples/seeds; skipped when
absent): the killing, the missile strike on the bases, the vows, the talks and the conditional
threat, read through the whole pipeline with the time and place stages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tidings.errors import InputRejected
from tidings.events import Event, extract_events
from tidings.pipeline import extract_stream
from tidings.places import resolve_places
from tidings.settings import load_settings
from tidings.times import extract_times


def _events(path: Path) -> Iterator[tuple[str, list[Event]]]:
    for item in extract_stream([str(path)], settings=load_settings()):
        assert not isinstance(item, InputRejected), item
        times = extract_times(item.parsed)
        places = resolve_places(item.parsed, item.actors)
        layer = extract_events(item.parsed, item.actors, item.quotes, times, places)
        yield item.parsed.article.text, list(layer.events)


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[tuple[str, list[Event]]]]:
    folder = shared_path("examples", "seeds")
    return {p.name[:3]: list(_events(p)) for p in sorted(folder.glob("*.txt"))}


def _sides(event: Event) -> tuple[str | None, str | None]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )


def _all(seeds: dict[str, list[tuple[str, list[Event]]]], key: str) -> list[Event]:
    return [e for _, found in seeds[key] for e in found]


def test_the_killing_is_a_us_assault_on_iran_in_every_seed(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    for key in seeds:
        killings = [
            e for e in _all(seeds, key) if e.type == "ASSAULT" and _sides(e) == ("USA", "IRN")
        ]
        assert killings, key


def test_the_killing_is_dated_where_the_text_allows(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    # 002 says "on January 3" with no year and no publication date: nothing to date it by.
    for key, wanted in (("003", "2020-01-03"), ("000", "2020")):
        dates = {
            e.date.value
            for e in _all(seeds, key)
            if e.type == "ASSAULT" and e.target is not None and e.target.country == "IRN"
        }
        assert wanted in dates, (key, dates)


def test_the_missile_strike_on_the_bases_is_an_iranian_assault_on_the_us(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    for key in ("001", "002", "003"):
        strikes = [
            e for e in _all(seeds, key) if e.type == "ASSAULT" and _sides(e) == ("IRN", "USA")
        ]
        assert strikes, key
    dates = {
        e.date.value
        for e in _all(seeds, "003")
        if e.type == "ASSAULT" and _sides(e) == ("IRN", "USA")
    }
    assert "2020-01-08" in dates, dates


def test_the_vows_are_iranian_threats_against_the_us(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    for key in ("002", "003", "004"):
        vows = [
            e
            for e in _all(seeds, key)
            if e.type == "THREATEN"
            and e.status in ("threatened", "promised")
            and _sides(e)[0] == "IRN"
        ]
        assert vows, (key, [(e.type, e.trigger, _sides(e)) for e in _all(seeds, key)])


def test_the_oman_talks_are_consultations_on_their_day(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    talks = [e for e in _all(seeds, "000") if e.type == "CONSULT"]
    assert talks
    assert "2025-04-12" in {e.date.value for e in talks}, [(e.trigger, e.date) for e in talks]


def test_the_deal_threat_notes_its_condition(
    seeds: dict[str, list[tuple[str, list[Event]]]],
) -> None:
    threats = [e for e in _all(seeds, "000") if e.type == "THREATEN" and e.condition is not None]
    assert any("no deal" in (e.condition or "") for e in threats), threats
