"""Actor files are checked with the line and field of every problem; the loader refuses a bad
file with one ConfigError naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actors_fixture import WORLD
from tidings.errors import ConfigError
from tidings.knowledge import load_actor_base, read_actor_file, validate_actor_file

BAD = """\
people:
  - id: Bad Slug
    name: Somebody
    country: XXX
    gender: x
    colour: blue
    roles:
      - role: wizard
        sector: ZZZ
        start: sometime
      - role: minister
        start: 2020-05-01
        end: 2019
organizations:
  - name: No Id Here
    aligned_with: [Not-A-Code!]
countries:
  ABCD:
    names: [Nowhere]
"""


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.line, p.field) for p in validate_actor_file(path)]


def test_every_problem_has_its_line_and_field(tmp_path: Path) -> None:
    found = problems_of(tmp_path, BAD)
    assert found == [
        (2, "people[0].id"),
        (4, "people[0].country"),
        (5, "people[0].gender"),
        (6, "people[0].colour"),
        (8, "people[0].roles[0].role"),
        (9, "people[0].roles[0].sector"),
        (10, "people[0].roles[0].start"),
        (13, "people[0].roles[1].end"),
        (15, "organizations[0].id"),
        (16, "organizations[0].aligned_with"),
        (18, "countries.ABCD"),
    ]


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(BAD, encoding="utf-8")
    messages = {p.field: p.message for p in validate_actor_file(path)}
    assert "not a lower-case ASCII slug" in messages["people[0].id"]
    assert "not a known country code" in messages["people[0].country"]
    assert "'wizard' is not a role noun" in messages["people[0].roles[0].role"]
    assert "unknown sector 'ZZZ'" in messages["people[0].roles[0].sector"]
    assert "ends (2019) before it starts (2020-05-01)" in messages["people[0].roles[1].end"]
    assert str(validate_actor_file(path)[0]).startswith(f"{path}:2: people[0].id: ")


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("people: [unclosed\n", 2, "(yaml)"),
        ("- just a list\n", 1, "(top level)"),
        ("villains:\n  - id: x\n", 1, "villains"),
        ("people:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", 4, "people[1].id"),
        ("people:\n  - id: a\n    name: A\n    aliases: Just One\n", 4, "people[0].aliases"),
    ],
)
def test_structure_problems(tmp_path: Path, text: str, line: int, field: str) -> None:
    assert (line, field) in problems_of(tmp_path, text)


def test_validation_raises_nothing_even_for_a_missing_file(tmp_path: Path) -> None:
    problems = validate_actor_file(tmp_path / "nope.yaml")
    assert len(problems) == 1 and "cannot read" in problems[0].message


def test_good_files_have_no_problems() -> None:
    assert validate_actor_file(WORLD) == []


def test_a_country_defined_in_the_file_or_an_earlier_one_is_known(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("people:\n  - id: jo\n    name: Jo\n    country: HBR\n", encoding="utf-8")
    assert [p.field for p in validate_actor_file(path)] == ["people[0].country"]
    assert validate_actor_file(path, countries={"HBR"}) == []


def test_the_loader_refuses_a_bad_file_naming_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_actor_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line 2: people[0].id: ")
    assert "(and 10 more)" in message
    with pytest.raises(ConfigError, match="line 2"):
        load_actor_base([path])


def test_the_shipped_actor_files_are_valid() -> None:
    from tidings.knowledge import shipped_actor_files

    defined: set[str] = set()
    for path in shipped_actor_files():
        assert validate_actor_file(path, countries=defined) == [], path
        defined |= {c.code for c in read_actor_file(path, countries=defined).countries}
