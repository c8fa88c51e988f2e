"""Complete and partial event readings (issue 16): the rule, its data (frames.yaml
`targetless_types`), the flag on every extracted event, the store's migration of older stores,
and the link step's clusters (complete when one of their readings is)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import copy_of
from tidings.errors import ConfigError
from tidings.events.lexicon import read_frames
from tidings.events.records import is_complete, record_is_complete, shipped_targetless_types
from tidings.link import link_records, mentions_from_record
from tidings.store import Store

SHIPPED = Path(__file__).resolve().parents[1] / "tidings" / "data" / "events" / "frames.yaml"


INDEXES = (
    "events_type",
    "events_source_id",
    "events_target_id",
    "events_date_value",
    "event_clusters_date",
)


def _never() -> frozenset[str]:
    raise AssertionError("the flag was in the record")


def test_a_reading_needs_a_source_and_a_target_unless_its_type_needs_none() -> None:
    targetless = shipped_targetless_types()
    assert {"protest", "mobilize"} <= targetless
    assert "assault" not in targetless and "accuse" not in targetless
    assert is_complete("ASSAULT", True, True, targetless)
    assert not is_complete("ASSAULT", True, False, targetless)
    assert not is_complete("ASSAULT", False, True, targetless)
    assert is_complete("PROTEST", True, False, targetless)
    assert not is_complete("PROTEST", False, False, targetless)


def test_a_record_carries_the_flag_or_it_is_read_off_its_sides() -> None:
    assert record_is_complete({"complete": False, "type": "ASSAULT"}, _never) is False
    unknown = {"id": None, "name": "unknown", "country": None}
    words = {"id": None, "name": "the gunmen", "country": None}
    actor = {"id": "RUS", "name": "Russia", "country": "RUS"}
    older = {"type": "ASSAULT", "source": actor, "target": {"id": "UKR", "name": "Ukraine"}}
    assert record_is_complete(older, shipped_targetless_types)
    # Words alone ("the gunmen", unresolved) are no known doer.
    assert not record_is_complete({**older, "source": words}, shipped_targetless_types)
    assert not record_is_complete({**older, "source": unknown}, shipped_targetless_types)
    assert not record_is_complete({**older, "target": None}, shipped_targetless_types)
    assert record_is_complete({**older, "type": "MOBILIZE", "target": None}, lambda: {"mobilize"})


def test_targetless_types_are_data_checked_as_plover_types() -> None:
    text = SHIPPED.read_text("utf-8")
    assert "targetless_types: [PROTEST, MOBILIZE" in text
    frames = read_frames(text, "frames.yaml")
    assert "protest" in frames.words["targetless_types"]
    bad = text.replace("targetless_types: [PROTEST,", "targetless_types: [PICNIC, PROTEST,")
    with pytest.raises(ConfigError, match="not PLOVER types"):
        read_frames(bad, "frames.yaml")


@pytest.fixture(scope="module")
def records(examples_printed_all: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in examples_printed_all.splitlines()]


def test_every_extracted_event_says_whether_it_is_complete(
    records: list[dict[str, Any]],
) -> None:
    events = [event for record in records for event in record["events"]]
    assert {event["complete"] for event in events} == {True, False}
    for event in events:
        flag = event.pop("complete")
        # a complete event has the sides a record shows; the reverse does not hold, since a
        # target that names a thing ("blocked the auction") leaves a reading partial
        if flag:
            assert record_is_complete(event, shipped_targetless_types), event["id"]


def test_a_cluster_is_complete_when_one_of_its_readings_is(
    records: list[dict[str, Any]],
) -> None:
    mentions = [m for record in records for m in mentions_from_record(record)]
    assert {m.complete for m in mentions} == {True, False}
    result = link_records(records)
    assert sum(len(c.members) for c in result.clusters) == len(mentions)
    for cluster in result.clusters:
        assert cluster.complete == any(m.complete for m in cluster.members)
        assert cluster.to_json()["complete"] is cluster.complete
    assert {c.complete for c in result.clusters} == {True, False}


def test_an_older_store_gains_the_flag_from_its_columns(
    example_store: Path, tmp_path: Path
) -> None:
    built = copy_of(example_store, tmp_path)
    old = built.with_name("old.duckdb")
    shutil.copy(built, old)
    with duckdb.connect(str(old)) as connection:
        # DuckDB alters no table with an index: they go (the test reads no index)
        for index in INDEXES:
            connection.execute(f"DROP INDEX {index}")
        connection.execute("ALTER TABLE events DROP COLUMN complete")
        connection.execute("ALTER TABLE event_clusters DROP COLUMN complete")
        connection.execute("DELETE FROM _migrations WHERE name = 'm007_complete'")
    with Store.open(old) as store:
        assert "m007_complete" in store.applied_migrations()
    query = {
        "events": "SELECT event_id, complete FROM events ORDER BY ALL",
        "event_clusters": "SELECT id, complete, record->>'complete' FROM event_clusters "
        "ORDER BY ALL",
    }
    for table, sql in query.items():
        with (
            duckdb.connect(str(old), read_only=True) as a,
            duckdb.connect(str(built), read_only=True) as b,
        ):
            # the records' own flags (a target naming a thing is partial) are kept
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), table


def test_a_resignation_is_complete_without_a_target_but_meeting_demand_is_not() -> None:
    from tests.test_events_rules import events as read_events

    resigned = next(e for e in read_events("Tomas Brek resigned on Monday.") if e.type == "CONCEDE")
    assert resigned.complete
    found = read_events("Harbouria raised output to meet global demand.")
    assert not any(e.complete and e.type == "CONCEDE" for e in found)


def test_a_refused_or_promised_act_of_a_targetless_type_needs_no_target() -> None:
    from tests.test_events_rules import events as read_events

    refusal = next(e for e in read_events("Novalian workers will not end the strike."))
    assert refusal.type == "REJECT" and refusal.complete
    promise = [e for e in read_events("Tomas Brek agreed to resign.") if e.type == "AGREE"]
    assert promise and promise[0].complete


def test_a_reading_needing_no_target_shows_no_unresolved_one() -> None:
    from tests.test_events_rules import events

    found = events("Mara Lind said she would return the paintings to the state.")
    returned = [e for e in found if e.trigger == "return"]
    assert returned and all(e.target is None or e.target.name != "the state" for e in returned)
