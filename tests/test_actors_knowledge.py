"""The actor base as data: name keys, the alias index, pycountry countries, merging files,
time-aware role holders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actors_fixture import WORLD
from tidings.errors import ConfigError
from tidings.knowledge import (
    build_actor_base,
    load_actor_base,
    name_slug,
    normalise_name,
    read_actor_file,
    skeleton_key,
)


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (
            ["Qassem Suleimani", "Qassem Soleimani", "Ghasem Soleimani", "Qasem Soleymani"],
            "ksm slmn",
        ),
        (["Esmail Qaani", "Ismail Ghaani", "Esmaeil Qaani"], "asml kn"),
        (["Hassan Rouhani", "Hasan Rowhani", "Hassan Ruhani"], "hsn rhn"),
        (["Abbas Araqchi", "Abbas Araghchi"], "abs arkc"),
        (["Mustafa al-Kadhimi", "Mustafa Kadhimi", "Mustafa el-Kadhimi"], "mstf kdm"),
        (["Popular Mobilization Forces", "Popular Mobilisation Forces"], "plr mblstn frks"),
    ],
)
def test_transliteration_variants_share_a_skeleton_key(variants: list[str], key: str) -> None:
    assert {skeleton_key(v) for v in variants} == {key}


def test_different_names_keep_different_keys() -> None:
    assert skeleton_key("Donald Trump") != skeleton_key("Ivanka Trump")
    assert skeleton_key("Ali Khamenei") != skeleton_key("Mojtaba Khamenei")


def test_normalised_names_and_slugs() -> None:
    assert normalise_name("Khamenei’s") == "khamenei"
    assert normalise_name("U.S.") == "us"
    assert normalise_name("  Mustafa  al-Kadhimi ") == "mustafa al kadhimi"
    assert normalise_name("Zürich") == "zurich"
    assert name_slug("Jon Varga") == "jon-varga"
    assert name_slug("Ålesund Harbour Council") == "alesund-harbour-council"


def test_every_pycountry_country_is_an_actor_named_by_its_code() -> None:
    base = load_actor_base()
    assert len([a for a in base.actors.values() if a.kind == "country"]) >= 249
    iran = base.get("IRN")
    assert iran is not None and iran.kind == "country" and iran.country == "IRN"
    assert {m.actor.id for m in base.lookup("Islamic Republic of Iran")} == {"IRN"}
    assert base.country_word("Iranian") == ("IRN", "demonym")
    assert base.country_word("Tehran") == ("IRN", "metonym")
    assert base.country_word("the") is None


def test_northern_ireland_is_british_not_irish() -> None:
    assert load_actor_base().country_word("Northern Ireland") == ("GBR", "metonym")


def test_user_file_adds_countries_organisations_people() -> None:
    base = load_actor_base([WORLD])
    assert base.get("HBR") is not None and base.get("HBR").name == "Harbouria"  # type: ignore[union-attr]
    assert base.country_word("Harbourians") == ("HBR", "demonym")
    assert base.country_word("Lantern Hall") == ("HBR", "metonym")
    force = base.get("lantern-force")
    assert force is not None and force.parent == "tide-guard" and force.sector == "MIL"
    assert [m.actor.id for m in base.lookup("Sulemani")] == ["qadir-solemani"]
    # Loaded once per list of files: the same object comes back.
    assert load_actor_base([WORLD]) is base


def test_lookup_near_folds_transliterations_but_stays_within_kind() -> None:
    base = load_actor_base([WORLD])
    near = base.lookup_near("Qader Soleimany")
    assert near and near[0].actor.id == "qadir-solemani" and near[0].link == "skeleton"
    assert base.lookup_near("Qader Soleimany", kind="organization") == ()
    typo = base.lookup_near("Tomas Breck")
    assert typo and typo[0].actor.id == "tomas-brek"
    assert base.lookup_near("Zqxv Wbrtl") == ()


def test_holders_of_a_role_depend_on_the_date() -> None:
    base = load_actor_base([WORLD])

    def holders(**kwargs: object) -> list[str]:
        return [h.actor.id for h in base.holders("president", country="HBR", **kwargs)]  # type: ignore[arg-type]

    assert holders(on_date="2019-05-01") == ["mara-lind"]
    assert holders(on_date="2023") == ["tomas-brek"]
    assert holders() == ["tomas-brek"]  # no date: who holds it now, as the base knows
    assert holders(on_date="2023-02", time="past") == ["mara-lind"]
    commanders = base.holders("commander", org="lantern-force", on_date="2020", time="past")
    assert [h.actor.id for h in commanders] == ["qadir-solemani"]


def test_a_later_file_adds_aliases_and_roles_but_never_renames(tmp_path: Path) -> None:
    more = tmp_path / "more.yaml"
    more.write_text(
        "people:\n"
        "  - id: mara-lind\n"
        "    name: Mara Lindh\n"
        "    aliases: [M. Lind]\n"
        "    roles:\n"
        "      - {role: senator, sector: LEG, country: HBR, start: 2021}\n",
        encoding="utf-8",
    )
    base = build_actor_base([read_actor_file(WORLD), read_actor_file(more, countries={"HBR"})])
    lind = base.get("mara-lind")
    assert lind is not None and lind.name == "Mara Lind"
    assert "Mara Lindh" in lind.aliases and "M. Lind" in lind.aliases
    assert [r.role for r in lind.roles] == ["president", "senator"]


def test_a_contradiction_between_files_names_file_line_and_field(tmp_path: Path) -> None:
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        "people:\n  - id: mara-lind\n    name: Mara Lind\n    country: NOR\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"line 2: mara-lind\.country: 'NOR' contradicts"):
        build_actor_base([read_actor_file(WORLD), read_actor_file(clash)])


def test_an_unknown_organisation_reference_is_a_config_error(tmp_path: Path) -> None:
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(
        "organizations:\n"
        "  - id: harbour-watch\n"
        "    name: Harbour Watch\n"
        "    parent: no-such-body\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"orphan.yaml: line 2: harbour-watch.parent"):
        build_actor_base([read_actor_file(orphan)])


def test_an_initialism_is_matched_as_written_or_not_at_all() -> None:
    # "Fiat" and "FT" share a skeleton; a word is never taken for an initialism by spelling
    from tidings.knowledge import load_actor_base

    base = load_actor_base()
    assert [m.actor.id for m in base.lookup("FT")] == ["financial-times"]
    assert all(m.actor.id != "financial-times" for m in base.lookup_near("Fiat"))


def test_a_mixed_case_short_alias_is_matched_with_its_capitals(tmp_path: Path) -> None:
    # "FdI" is a party; "FDI" (foreign direct investment) and "fdi" are not
    parties = tmp_path / "parties.yaml"
    parties.write_text(
        "organizations:\n"
        "  - id: harbour-alliance\n"
        "    name: Harbour Alliance of Velmora\n"
        "    aliases: [HaV]\n",
        encoding="utf-8",
    )
    base = build_actor_base([read_actor_file(parties)])
    assert [m.actor.id for m in base.lookup("HaV")] == ["harbour-alliance"]
    assert base.lookup("HAV") == () and base.lookup("hav") == ()
    assert [m.actor.id for m in base.lookup("Harbour Alliance of Velmora")] == ["harbour-alliance"]
