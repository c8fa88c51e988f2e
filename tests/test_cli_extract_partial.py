"""`tidings extract` prints complete events only unless `--all` asks for partial readings too
(issue 16: an analyst forgives a missed event sooner than a wrong one)."""

from __future__ import annotations

import json

from tests.conftest import tidings_in_process
from tidings.cli.extract import shown

# An attack with both sides, and a threat against protests whose doer and target are unclear
# enough that at least one reading may come out partial.
STORY = (
    "Rebels attacked an army convoy near the border town on Monday, and the Harbourian army "
    "said the protests would be crushed.\n"
)


def _events(*args: str) -> list[dict[str, object]]:
    result = tidings_in_process("extract", "-", *args, stdin=STORY.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    events = record["events"]
    assert isinstance(events, list)
    return events


def test_partial_readings_are_printed_only_with_all() -> None:
    every = _events("--all")
    default = _events()
    assert all(event["complete"] for event in default)
    assert [e for e in every if e["complete"]] == default
    assert any(not event["complete"] for event in every)


def test_shown_keeps_a_record_with_complete_events_as_it_is() -> None:
    record = {"id": "a", "events": [{"id": "a#e1", "complete": True}]}
    assert shown(record, include_partial=False) is record
    partial = {"id": "b", "events": [{"id": "b#e1", "complete": False}]}
    assert shown(partial, include_partial=False)["events"] == []
    assert shown(partial, include_partial=True) is partial
