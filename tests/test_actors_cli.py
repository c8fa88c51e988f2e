"""A user's actor file, end to end: `tidings extract --actors FILE` and `actors.files` in a
settings file code a person the shipped base does not know."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path, tidings_in_process

USER_ACTORS = """\
people:
  - id: ilse-vandermarr
    name: Ilse Vandermarr
    aliases: [Vandermarr, Ilse van der Marr]
    country: NOR
    gender: f
    roles:
      - title: minister of fisheries
        role: minister
        sector: GOV
        country: NOR
        start: 2021-10-14
"""

STORY = (
    "Fishing Quotas Cut Again\n\n"
    "Minister Ilse van der Marr said on Thursday that the cod quota would be cut for a third "
    "year, after talks with trawler owners broke down.\n\n"
    "Vandermarr told reporters that she would meet the owners again next week.\n"
)


def tidings(*args: str) -> subprocess.CompletedProcess[bytes]:
    return tidings_in_process(*args)


def person(records: list[dict[str, Any]], surface: str) -> dict[str, Any]:
    for entity in records[0]["entities"]:
        if surface in entity["aliases"]:
            return entity
    raise AssertionError([e["aliases"] for e in records[0]["entities"]])


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_a_user_actor_file_codes_a_person_the_base_did_not_know(
    tmp_path: Path, story: Path
) -> None:
    before = tidings("extract", str(story))
    assert before.returncode == 0, before.stderr
    unknown = person([json.loads(before.stdout)], "Vandermarr")
    assert not unknown["known"] and unknown["country"] is None

    actors = tmp_path / "my_actors.yaml"
    actors.write_text(USER_ACTORS, encoding="utf-8")
    after = tidings("extract", str(story), "--actors", str(actors))
    assert after.returncode == 0, after.stderr
    record = json.loads(after.stdout)
    coded = person([record], "Vandermarr")
    assert coded["id"] == "ilse-vandermarr" and coded["known"]
    assert coded["name"] == "Ilse Vandermarr" and coded["country"] == "NOR"
    assert coded["kind"] == "person" and coded["sector"] == "GOV" and coded["role"] == "minister"
    assert set(coded["aliases"]) >= {"Ilse van der Marr", "Vandermarr"}
    said = {record["text"][start:end] for start, end in coded["mentions"]}
    # "she" is a mention of hers but no name: aliases are the names among the mentions
    assert "she" in said and "she" not in coded["aliases"]
    assert set(coded["aliases"]) <= said


def test_actor_files_in_settings_are_read_relative_to_the_settings_file(
    tmp_path: Path, story: Path
) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "mine.yaml").write_text(USER_ACTORS, encoding="utf-8")
    settings = tmp_path / "settings.yaml"
    settings.write_text("actors:\n  files: [people/mine.yaml]\n", encoding="utf-8")
    result = tidings("extract", str(story), "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    assert person([json.loads(result.stdout)], "Vandermarr")["id"] == "ilse-vandermarr"


def test_a_bad_actor_file_is_one_line_naming_the_line_and_exit_two(
    tmp_path: Path, story: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(USER_ACTORS.replace("country: NOR\n    gender", "country: NORWAY\n    gender"))
    result = tidings("extract", str(story), "--actors", str(bad))
    assert result.returncode == 2 and not result.stdout
    err = result.stderr.decode("utf-8").strip()
    assert len(err.splitlines()) == 1
    assert f"{bad}: line 5: people[0].country: 'NORWAY' is not" in err


def test_entities_follow_the_shared_contract(story: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("contract", "article.schema.json").read_text("utf-8"))
    result = tidings("extract", str(story), str(Path(__file__).parents[1] / "examples"))
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        assert not list(validator.iter_errors(record)), record["id"]
        assert record["entities"], record["id"]


def test_run_stores_the_person_a_user_actor_file_adds(tmp_path: Path, story: Path) -> None:
    from tidings.store import Store

    actors = tmp_path / "my_actors.yaml"
    actors.write_text(USER_ACTORS, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    result = tidings("run", str(story), "--db", str(db), "--quiet", "--actors", str(actors))
    assert result.returncode == 0, result.stderr
    with Store.open(db) as store:
        records = list(store.article_records())
    assert person(records, "Vandermarr")["id"] == "ilse-vandermarr"
