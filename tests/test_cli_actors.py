"""`tidings actors` end to end: list, who, validate — with a user's own actor file."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app

USER_FILE = """\
people:
  - id: jon-varga
    name: Jon Varga
    aliases: [Jon Vargas, Varga]
    country: NOR
    gender: m
    roles:
      - title: harbour minister
        role: minister
        sector: GOV
        country: NOR
        start: 2021-03-01
        end: null
"""

BAD_FILE = """\
people:
  - id: Not A Slug
    name: Somebody
    country: XXX
    roles:
      - role: minister
        start: sometime
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_filters_by_kind_and_country() -> None:
    code, out, _ = invoke("actors", "list", "--kind", "country", "--country", "irn")
    assert code == 0
    assert out.strip().split("\t") == ["IRN", "country", "IRN", "Iran"]


def test_who_finds_a_capital_standing_for_its_country() -> None:
    code, out, _ = invoke("actors", "who", "Tehran")
    assert code == 0 and "IRN" in out and "metonym" in out


def test_who_knows_a_user_file_person_by_alias_and_variant(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(USER_FILE, encoding="utf-8")
    code, out, _ = invoke("actors", "who", "Varga", "--actors", str(user))
    assert code == 0 and "jon-varga" in out and "NOR" in out
    code, out, _ = invoke("actors", "who", "Jonn Varga", "--actors", str(user))
    assert code == 0 and "jon-varga" in out


def test_who_says_so_when_nobody_is_known() -> None:
    code, _, err = invoke("actors", "who", "Zqxv Wbrtl")
    assert code == 1 and "no actor known as 'Zqxv Wbrtl'" in err


def test_validate_names_line_and_field(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(USER_FILE, encoding="utf-8")
    assert invoke("actors", "validate", str(good))[0] == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    code, out, _ = invoke("actors", "validate", str(bad))
    assert code == 1
    lines = out.strip().splitlines()
    assert any(line.startswith(f"{bad}:2: ") and "id" in line for line in lines), lines
    assert any(":4: " in line and "country" in line for line in lines), lines
    assert any(":7: " in line and "start" in line for line in lines), lines


def test_a_broken_user_file_is_one_line_and_exit_two(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    code, _, err = invoke("actors", "list", "--actors", str(bad))
    assert code == 2
    assert err.startswith("tidings: ") and "line" in err and len(err.strip().splitlines()) == 1
