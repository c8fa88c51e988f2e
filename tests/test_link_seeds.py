"""The link stage on the five seed articles (../shared, optional): one killing reported by five
outlets, one missile strike reported by four with different casualty figures, vows of revenge.

What these checks can find depends on the event extractor upstream: the strike is one cluster
only when every outlet's sentence is coded Iran -> US forces (a sentence run on after "U.S.",
"attacks on Iraqi bases housing American troops", "responded with ... attacks")."""

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


def test_the_missile_strike_is_one_cluster_of_four_articles(
    seeds: tuple[list[dict[str, Any]], LinkResult],
) -> None:
    _, result = seeds
    strike = _dated(result, "2020-01-08")[0]
    assert strike.source_country == "IRN" and strike.target_country == "USA"
    assert _files(strike) == {"001", "002", "003", "004"}


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
