"""The Phoenix layer of the actor base: conversion (on a small invented dictionary), the
shipped converted data, the merge below hand-made entries, the cache and the ruler."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

from tidings.knowledge import Actor, Role, build_actor_base, load_actor_base, read_actor_file
from tidings.knowledge.base_cache import cached
from tidings.knowledge.periods import day_range
from tidings.parse.ruler import ActorRuler

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "convert_phoenix.py"
SHARED = REPO.parent / "shared" / "knowledge"

# An invented dictionary in the Phoenix format: people of real countries with invented names.
COUNTRIES = """# header comment
UKRAINE_  [UKR]
+KYIV_

MARTA_KOVALENKO_  # invented
+PRIME_MINISTER_MARTA_KOVALENKO_
+MARTA_K._KOVALENKO_
+KOVALENKO_
\t[UKRELI 750101-150101]
\t[UKRGOV 150101-190520]
TARAS_HOLUB_
\t[UKRGOVMIL >20210301]
HARBOUR_NATIONAL_GUARD_
+HARBOUR_GUARD_
\t[UKRMIL]
"""
INTERNATIONAL = """OSKAR_BRANDT_\t[IGOUNO 970101-061231]\t# invented
SECRETARY-GENERAL_OSKAR_BRANDT_
INTERNATIONAL_HARBOUR_FUND_\t[NGOHRI]
"""
MILNONSTATE = """FREE_HARBOUR_BRIGADES_(FHB)_ [GRCREB] # invented
+HARBOUR_BRIGADES_
"""
AGENTS = """!PERSON! = MAN, WOMAN
PIG_FARMER [~AGR]
FERRY!PERSON! [~BUS]
ATTACK_HELICOPTER [~MIL]
"""


def _convert(tmp_path: Path, knowledge: Path) -> Path:
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(knowledge), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def _records(out: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(out / "actors.jsonl.gz", "rt", encoding="utf-8") as lines:
        return {row["id"]: row for row in map(json.loads, lines)}


@pytest.fixture()
def converted(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge" / "petrarch2"
    folder.mkdir(parents=True)
    (folder / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, "latin-1")
    (folder / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, "latin-1")
    (folder / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, "latin-1")
    (folder / "Phoenix.agents.txt").write_text(AGENTS, "latin-1")
    (folder / "LICENSE").write_text("The MIT License (MIT)\n", "utf-8")
    return _convert(tmp_path, tmp_path / "knowledge")


def test_conversion_people_roles_and_aliases(converted: Path) -> None:
    records = _records(converted)
    marta = records["marta-kovalenko"]
    assert marta["kind"] == "person" and marta["country"] == "UKR"
    # title + name duplicates and the surname alone never become aliases
    assert marta["aliases"] == ["Marta K. Kovalenko"]
    # the title of a synonym names the office of the latest dated period; ELI is no role
    assert marta["roles"] == [
        ["prime minister", "prime minister", "GOV", "UKR", "2015-01-01", "2019-05-20"]
    ]
    # an open range, and a government code refined by the military: a defence office
    assert records["taras-holub"]["roles"] == [[None, "officer", "MIL", "UKR", "2021-03-01", None]]
    assert "ukraine" not in records  # countries are the base's already


def test_conversion_bodies_and_international_people(converted: Path) -> None:
    records = _records(converted)
    brigades = records["free-harbour-brigades"]
    assert brigades["kind"] == "organization" and brigades["sector"] == "REB"
    assert brigades["country"] == "GRC"
    assert "FHB" in brigades["aliases"] and "Harbour Brigades" in brigades["aliases"]
    guard = records["harbour-national-guard"]
    assert guard["kind"] == "organization" and guard["sector"] == "MIL"
    fund = records["international-harbour-fund"]
    assert fund["kind"] == "organization" and fund["sector"] == "NGO"
    brandt = records["oskar-brandt"]
    assert brandt["kind"] == "person" and brandt["country"] is None
    assert brandt["roles"] == [[None, "official", "IGO", None, "1997-01-01", "2006-12-31"]]


def test_conversion_agents_and_attribution(converted: Path) -> None:
    agents = dict(
        line.split("\t") for line in (converted / "agents.tsv").read_text("utf-8").splitlines()
    )
    assert agents["pig farmer"] == "CVL"
    assert agents["ferryman"] == "BUS"
    assert "attack helicopter" not in agents  # a thing, not a person
    attribution = (converted / "ATTRIBUTION.md").read_text("utf-8")
    assert "Open Event Data Alliance" in attribution and "MIT" in attribution
    assert "676801c" in attribution


def _hand_made(tmp_path: Path) -> Path:
    path = tmp_path / "hand.yaml"
    path.write_text(
        """people:
  - id: marta-kovalenko
    name: Marta Kovalenko
    aliases: [Kovalenko]
    country: UKR
    gender: f
    roles:
      - title: prime minister of Ukraine
        role: prime minister
        sector: GOV
        country: UKR
        start: 2015-02-01
        end: 2019-05-20
""",
        "utf-8",
    )
    return path


def _phoenix(
    actor_id: str, name: str, country: str, *roles: Role, aliases: tuple[str, ...] = ()
) -> Actor:
    return Actor(
        id=actor_id,
        name=name,
        kind="person",
        country=country,
        aliases=aliases,
        roles=roles,
        sector="GOV",
        curated=False,
    )


def test_hand_made_entry_wins_over_phoenix(tmp_path: Path) -> None:
    hand = read_actor_file(_hand_made(tmp_path))
    early = Role(None, "official", "GOV", "UKR", None, "2010-01-01", "2012-12-31")
    overlapping = Role("president", "president", "GOV", "UKR", None, "2016-01-01", None)
    layer = [
        _phoenix("marta-kovalenko", "Marta Kovalenko", "UKR", early, overlapping,
                 aliases=("Marta K. Kovalenko",)),
        # same slug, another country and no shared name: another person, another id
        _phoenix("marta-kovalenko", "Marta Kowalenko", "POL"),
        # an alias the hand-made base gives someone else is dropped
        _phoenix("oleh-bondar", "Oleh Bondar", "UKR", aliases=("Kovalenko", "Oleh I. Bondar")),
    ]  # fmt: skip
    base = build_actor_base([hand], layer)
    marta = base.actors["marta-kovalenko"]
    assert marta.curated and marta.gender == "f" and marta.name == "Marta Kovalenko"
    assert "Marta K. Kovalenko" in marta.aliases
    # a Phoenix role for a period the hand-made roles leave open is added; one that
    # overlaps them is not
    assert early in marta.roles and overlapping not in marta.roles
    assert base.actors["marta-kovalenko-pol"].name == "Marta Kowalenko"
    assert base.actors["oleh-bondar"].aliases == ("Oleh I. Bondar",)
    assert [m.actor.id for m in base.lookup("Marta K. Kovalenko")] == ["marta-kovalenko"]


def test_hand_made_holder_hides_phoenix_holder(tmp_path: Path) -> None:
    hand = read_actor_file(_hand_made(tmp_path))
    stale = Role("prime minister", "prime minister", "GOV", "UKR", None, "2014-01-01", None)
    base = build_actor_base([hand], [_phoenix("ivan-sirko", "Ivan Sirko", "UKR", stale)])
    holders = base.holders("prime minister", country="UKR", on_date="2017-06-01")
    assert [h.actor.id for h in holders] == ["marta-kovalenko"]
    holders = base.holders("prime minister", country="UKR", on_date="2021-06-01")
    assert [h.actor.id for h in holders] == ["ivan-sirko"]


def test_shipped_base_knows_converted_people_with_dated_roles() -> None:
    base = load_actor_base()
    annan = [m.actor for m in base.lookup("Kofi Annan") if m.actor.kind == "person"]
    assert annan, "Kofi Annan is in the Phoenix layer"
    role = annan[0].role_on(day_range("2003-05-01"))
    assert role is not None and role.role == "secretary-general"
    hu = [m.actor for m in base.lookup("Hu Jintao") if m.actor.country == "CHN"]
    assert hu and any(r.role == "president" and r.held_on(day_range("2010")) for r in hu[0].roles)  # type: ignore[arg-type]
    # one id per person: a name is never two people of one country
    brown = [m.actor.id for m in base.lookup("Gordon Brown") if m.actor.country == "GBR"]
    assert len(brown) == 1


def test_cache_builds_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TIDINGS_NO_ACTOR_CACHE", raising=False)
    source = tmp_path / "data.txt"
    source.write_text("one", "utf-8")
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"value": len(builds)}

    assert cached([source], dict, build) == {"value": 1}
    assert cached([source], dict, build) == {"value": 1}  # read back, not built
    source.write_text("two", "utf-8")
    assert cached([source], dict, build) == {"value": 2}  # other bytes, other key
    assert len(builds) == 2


def test_ruler_matches_token_texts() -> None:
    nlp = spacy.blank("en")
    ruler = ActorRuler(nlp)
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Marta Kovalenko", "id": "marta-kovalenko"},
            {"label": "PERSON", "pattern": "Bashar al-Assad", "id": "bashar-al-assad"},
            {"label": "ORG", "pattern": "FHB"},
        ]
    )
    doc = nlp("Marta Kovalenko met Bashar al-Assad and the FHB.")
    found = [(s.text, s.label_, s.id_) for s in ruler._matches(doc)]
    assert found == [
        ("Marta Kovalenko", "PERSON", "marta-kovalenko"),
        ("Bashar al-Assad", "PERSON", "bashar-al-assad"),
        ("FHB", "ORG", ""),
    ]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/knowledge is absent")
def test_real_dictionaries_convert(tmp_path: Path) -> None:
    records = _records(_convert(tmp_path, SHARED))
    assert len(records) > 20_000
    brown = records["gordon-brown"]
    assert any(r[1] == "prime minister" and r[4] == "2007-06-27" for r in brown["roles"])
    for row in records.values():
        # a full name, or a body's initialism ("FARP") when its other names only describe
        name = str(row["name"])
        assert len(name.split()) >= 2 or (row["kind"] == "organization" and name.isupper())


def test_hand_made_holders_hide_phoenix_ones_office_by_office(tmp_path: Path) -> None:
    hand = read_actor_file(_hand_made(tmp_path))
    polish = Role("prime minister", "prime minister", "GOV", "POL", None, "2015-11-16", None)
    stale = Role("prime minister", "prime minister", "GOV", "UKR", None, "2014-01-01", None)
    layer = [
        _phoenix("ewa-nowak", "Ewa Nowak", "POL", polish),
        _phoenix("ivan-sirko", "Ivan Sirko", "UKR", stale),
    ]
    base = build_actor_base([hand], layer)
    holders = {h.actor.id for h in base.holders("prime minister", on_date="2017-06-01")}
    # Ukraine's hand-made holder hides the Phoenix one; Poland's Phoenix holder stays
    assert holders == {"marta-kovalenko", "ewa-nowak"}
