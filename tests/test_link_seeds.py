"""The link stage on the five seed articles (../shared, optional): one killing reported by five
outlets, one missile strike reported by four with different casualty figures, vows of revenge.

What these checks can find depends on the event extractor upstream; a check that fails
because an event is missing or mis-coded there is an xfail naming the event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tidings.errors import InputRejected
from tidings.link import EventCluster, LinkResult, link_records
from tidings.pipeline import extract_stream
from tidings.settings import load_settings


@pytest.fixture(scope="module")
def seeds() -> tuple[list[dict[str, Any]], LinkResult]:
    folder = shared_path("examples", "seeds")
    records = [
        item.record
        for item in extract_stream([str(folder)], settings=load_settings())
        if not isinstance(item, InputRejected)
    ]
    return records, link_records(records)


def _files(cluster: EventCluster) -> set[str]:
    return {Path(m.path or "").name[:3] for m in cluster.members}


def _dated(result: LinkResult, day: str) -> list[EventCluster]:
    return sorted(
        (c for c in result.clusters if c.type == "ASSAULT" and c.date_value == day),
        key=lambda c: -len(c.articles),
    )


def test_the_killing_is_one_cluster_of_five_articles(
    seeds: tuple[list[dict[str, Any]], LinkResult],
) -> None:
    _, result = seeds
    killing = _dated(result, "2020-01-03")[0]
    assert killing.status == "occurred"
    assert (killing.date_precision, killing.date_basis) == ("day", "explicit")
    assert killing.target_country == "IRN" and killing.source_country == "USA"
    assert _files(killing) == {"000", "001", "002", "003", "004"}
    assert len(killing.articles) == 5  # the second story of 000 is not in it


@pytest.mark.xfail(
    reason="upstream: in 004 the strike ('ballistic missile attacks on Iraqi military bases "
    "housing American troops, wounding more than 100') is coded e6 None->IRQ and e7 IRQ->None "
    "(the bases' country, not Iran against US troops), so it cannot join Iran->USA; in 001 the "
    "attack (e5 IRN->USA, dated only by its article) is drawn to a same-article cluster made "
    "from e7 'the martyrdom of General Soleimani destroyed ...', a spurious ASSAULT whose source "
    "is the general and whose date 2023-12-02 is inferred",
    strict=False,
)
def test_the_missile_strike_is_one_cluster_of_four_articles(
    seeds: tuple[list[dict[str, Any]], LinkResult],
) -> None:
    _, result = seeds
    strike = _dated(result, "2020-01-08")[0]
    assert strike.source_country == "IRN" and strike.target_country == "USA"
    assert _files(strike) == {"001", "002", "003", "004"}


@pytest.mark.xfail(
    reason="upstream: 004's 'wounding more than 100' is in events coded IRQ (see above), so "
    "only 003's 'several troops received non-fatal injuries' reaches the strike cluster",
    strict=False,
)
def test_the_casualty_disagreement_is_listed(
    seeds: tuple[list[dict[str, Any]], LinkResult],
) -> None:
    _, result = seeds
    strike = _dated(result, "2020-01-08")[0]
    wounded = next(d for d in strike.discrepancies if d.field == "wounded")
    assert {(v.low, v.high) for v in wounded.values} == {(3, 9), (101, None)}


def test_the_vows_of_revenge_answer_the_killing(
    seeds: tuple[list[dict[str, Any]], LinkResult],
) -> None:
    _, result = seeds
    killing = _dated(result, "2020-01-03")[0]
    by_id = {c.id: c for c in result.clusters}
    answers = [
        by_id[link.source_cluster]
        for link in result.links
        if link.kind == "response_to" and link.target_cluster == killing.id
    ]
    threats = [c for c in answers if c.type == "THREATEN" or c.status in {"promised", "threatened"}]
    assert {"002", "003", "004"} <= set().union(*(_files(c) for c in threats))
    strikes = [c for c in answers if c.date_value == "2020-01-08"]
    assert strikes, "the missile strike answers the killing"
