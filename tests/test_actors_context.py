"""Coding from context: actors not in the base get kind, country, role and sector from the
words around them; capitals are governments as actors and places in prepositions; roles are
read at the article's date."""

from __future__ import annotations

from pathlib import Path

from tests.actors_fixture import WORLD, code, entity_of


def test_an_unknown_person_is_coded_from_the_words_before_the_name() -> None:
    layer = code("Harbourian Prime Minister Jon Varga met reporters on Monday.")
    varga = entity_of(layer, "Jon Varga")
    assert (varga.id, varga.kind, varga.country) == ("u:jon-varga", "person", "HBR")
    assert (varga.role, varga.sector, varga.known) == ("prime minister", "GOV", False)


def test_an_apposition_codes_the_person_and_a_target_country_is_not_theirs() -> None:
    layer = code("Mara Lind thanked the Novalian ambassador to Harbouria, Ilse Marr, on Monday.")
    marr = entity_of(layer, "Ilse Marr")
    assert (marr.country, marr.role, marr.sector) == ("NVL", "ambassador", "DIP")
    # The apposition is read into the name, not counted as a second, anonymous person.
    assert [e.id for e in layer.entities if e.kind == "person"] == ["mara-lind", marr.id]


def test_an_organisation_before_a_role_gives_country_and_sector() -> None:
    layer = code("Tide Guard foreign operations’ official, Jon Varga, said the ports were closed.")
    varga = entity_of(layer, "Jon Varga")
    assert (varga.country, varga.sector) == ("HBR", "MIL")
    assert entity_of(layer, "Tide Guard").id == "tide-guard"


def test_a_time_prefix_and_a_title_do_not_become_the_name() -> None:
    layer = code("Then-President Jon Varga and the former Foreign Minister Ilse Marr met.")
    assert entity_of(layer, "Jon Varga").role == "president"
    assert entity_of(layer, "Ilse Marr").role == "foreign minister"


def test_a_capital_as_subject_is_the_government_and_in_a_preposition_a_place() -> None:
    layer = code(
        "Portvale rejected the claim on Monday. Talks were held in Portvale, and Seahold "
        "said protesters had gathered outside Lantern Hall."
    )
    actor = [m for m in layer.mentions if m.text == "Portvale"]
    assert actor[0].entity_id == "HBR" and actor[0].sector == "GOV"
    assert actor[1].entity_id == "u:portvale"
    place = layer.entity("u:portvale")
    assert place is not None and place.kind == "place" and place.country == "HBR"
    assert entity_of(layer, "Seahold").id == "NVL"
    assert entity_of(layer, "Lantern Hall").kind == "place"


def test_country_words_before_a_role_are_not_mentions_of_their_own() -> None:
    layer = code("Harbourian President Mara Lind spoke. Harbouria will not wait, she said.")
    harbouria = layer.entity("HBR")
    assert harbouria is not None and [m.text for m in layer.mentions if m.entity_id == "HBR"] == [
        "Harbouria"
    ]


def test_the_same_role_names_different_people_at_different_dates() -> None:
    text = "The Harbourian President said on Monday that the border would stay open."
    assert entity_of(code(text, published="2019-05-01"), "The Harbourian President").id == (
        "mara-lind"
    )
    assert entity_of(code(text, published="2023-05-01"), "The Harbourian President").id == (
        "tomas-brek"
    )


def test_former_means_a_holder_whose_term_was_over() -> None:
    text = "The former commander of the Lantern Force was seen in Seahold on Monday."
    layer = code(text, published="2020-03-01")
    former = next(m for m in layer.mentions if m.text.startswith("The former commander"))
    assert former.entity_id == "qadir-solemani" and former.link == "role"
    current = code("The commander of the Lantern Force spoke.", published="2020-03-01")
    assert current.mentions[0].entity_id == "esmat-kaani"


def test_a_rank_alone_names_nobody_from_the_base() -> None:
    layer = code("The prominent Harbourian general was seen in Seahold.", published="2018-01-01")
    general = entity_of(layer, "The prominent Harbourian general")
    assert not general.known and general.country == "HBR" and general.sector == "MIL"


def test_an_unnamed_official_takes_the_country_the_sentence_gives_or_none() -> None:
    layer = code("An unnamed defense official told reporters that Harbouria expects more attacks.")
    official = entity_of(layer, "An unnamed defense official")
    assert (official.id, official.country, official.sector) == (
        "u:person:hbr-defense-official",
        "HBR",
        "MIL",
    )
    alone = code("An unnamed defense official told reporters that more attacks would come.")
    assert entity_of(alone, "An unnamed defense official").country is None


def test_aligned_militias_are_of_the_country_the_article_places_them_in() -> None:
    layer = code(
        "Novalia has been the main battleground for years. Portvale-aligned militias have "
        "targeted convoys there."
    )
    militias = entity_of(layer, "Portvale-aligned militias")
    assert (militias.kind, militias.country, militias.sector) == ("other", "NVL", "REB")
    assert militias.aligned_with == ("HBR",)
    assert militias.id == "u:group:nvl-reb-aligned-hbr"


def test_groups_are_coded_by_country_and_sector() -> None:
    layer = code(
        "Novalian lawmakers passed a resolution as Harbourian protesters gathered. Harbourian "
        "troops were put on alert, and Harbourian officials said little."
    )
    assert entity_of(layer, "Novalian lawmakers").id == "u:group:nvl-leg"
    assert entity_of(layer, "Harbourian protesters").id == "u:group:hbr-opp"
    assert entity_of(layer, "Harbourian troops").id == "u:group:hbr-mil"
    # Officials of a country are its government, as "Portvale said" is.
    officials = next(m for m in layer.mentions if m.text == "Harbourian officials")
    assert officials.entity_id == "HBR" and officials.sector == "GOV"


def test_a_body_named_by_a_region_the_base_lacks_is_an_actor_of_its_own() -> None:
    layer = code("On Friday, the Lowmarsh High Court quashed the orders of the port police.")
    # by the model's name or, when it misses it, by the group noun and its proper modifier
    court = [m for m in layer.mentions if "Court" in m.text]
    assert court and court[0].entity_id.endswith("lowmarsh-high-court")
    layer = code("On Friday, Lowmarsh government quashed the orders of the port police.")
    government = [m for m in layer.mentions if "government" in m.text]
    assert government and government[0].entity_id == "u:group:lowmarsh-government"


def test_a_court_of_a_country_is_that_countrys_judiciary() -> None:
    layer = code("A Harbourian court has lifted its ban on the newspaper.")
    court = [m for m in layer.mentions if "court" in m.text]
    entity = layer.entity(court[0].entity_id) if court else None
    assert entity is not None and (entity.country, entity.sector) == ("HBR", "JUD")


def test_the_court_with_no_country_points_back_to_the_court_named_before() -> None:
    layer = code(
        "Jon Varga took his case to the Lantern High Court. Varga also asked the court for "
        "new evidence to be admitted."
    )
    court = [m for m in layer.mentions if m.text == "the court"]
    assert court and court[0].entity_id.endswith("lantern-high-court")


def test_police_with_no_country_in_a_story_about_one_country_are_that_countrys() -> None:
    layer = code(
        "Novalia's economy grew last year. Novalia said so on Monday. Police arrested ten "
        "protesters in the capital."
    )
    police = [m for m in layer.mentions if m.text == "Police"]
    entity = layer.entity(police[0].entity_id) if police else None
    assert entity is not None and (entity.country, entity.sector) == ("NVL", "COP")


def test_an_office_held_where_no_country_is_known_is_not_the_sentences(tmp_path: Path) -> None:
    # a president whose country the base does not know: a sentence naming no country at all
    # is not "naming" that holder's (missing) country
    other = tmp_path / "stateless.yaml"
    other.write_text(
        "people:\n"
        "  - id: ilse-vorn\n"
        "    name: Ilse Vorn\n"
        "    roles:\n"
        "      - {title: President, role: president, sector: GOV, start: 2015-01-01}\n",
        encoding="utf-8",
    )
    layer = code(
        "Harbouria held elections in May. Harbourian voters were angry. Jon Varga criticised "
        "our president on Monday.",
        published="2016-09-16",
        files=(WORLD, other),
    )
    assert entity_of(layer, "our president").id != "ilse-vorn"


def test_a_river_lake_or_mountain_named_first_is_no_actor() -> None:
    layer = code("Protesters agreed to stay on the far side of the River Tyne from Portvale.")
    assert not [m for m in layer.mentions if "Tyne" in m.text]


def test_speakers_at_a_rally_hold_no_office() -> None:
    layer = code("Protesters in Portvale cheered as speakers demanded talks with Novalia.")
    assert not [m for m in layer.mentions if m.text == "speakers"]
