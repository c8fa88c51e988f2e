"""The place stage on sentences written for these tests: namesakes settled by the article's
countries, facility words ("airport", "airbase"), coordinated names, persons and demonyms that
are no places, exact spans, names the gazetteer lacks kept with nulls, and small towns (the
gazetteer's `min_city_population`) taken only where the article names their state."""

from __future__ import annotations

import pytest

from tests.actors_fixture import parse
from tidings.actors import resolve_actors
from tidings.errors import ConfigError
from tidings.knowledge import load_actor_base
from tidings.places import EMPTY_PLACES, Place, PlaceLayer, resolve_places
from tidings.places.gazetteer import load_gazetteer, place_key
from tidings.places.knowledge import (
    CITY_POPULATION_FLOORS,
    load_place_knowledge,
    min_city_population_of,
)


def places(text: str) -> PlaceLayer:
    parsed = parse(text, files=())
    base = load_actor_base(())
    return resolve_places(parsed, resolve_actors(parsed, base=base), base=base)


def place(layer: PlaceLayer, text: str) -> Place:
    found = [p for p in layer.places if p.text == text]
    assert found, (text, [p.text for p in layer.places])
    return found[0]


def test_spans_are_exact_and_in_text_order() -> None:
    text = "Rescue teams arrived in Kerman late on Tuesday and in Shiraz on Wednesday."
    layer = places(text)
    assert [p.text for p in layer.places] == ["Kerman", "Shiraz"]
    for p in layer.places:
        assert text[p.span[0] : p.span[1]] == p.text
    assert layer.within(0, 30) == (layer.places[0],)


def test_namesake_settled_by_the_articles_country() -> None:
    layer = places("Iran buried its commander in Kerman. Crowds in Kerman wept all day.")
    kerman = place(layer, "Kerman")
    assert (kerman.country, kerman.kind) == ("IRN", "city")
    assert kerman.lat is not None and 29 < kerman.lat < 32


def test_city_and_state_after_a_comma() -> None:
    layer = places("The mayor of Springfield, Illinois, opened a new bridge on Friday.")
    springfield = place(layer, "Springfield")
    assert springfield.country == "USA"
    assert springfield.lon is not None and -91 < springfield.lon < -88


def test_facility_word_keeps_the_name_and_takes_the_towns_point() -> None:
    layer = places("Smoke rose over Mosul airport after the blast.")
    airport = place(layer, "Mosul airport")
    assert airport.kind == "facility"
    assert airport.name == "Mosul Airport"
    assert airport.country == "IRQ"


def test_coordinated_airbases_both_resolve() -> None:
    layer = places("Rockets struck the Ain al-Asad and Erbil airbases before dawn.")
    asad, erbil = place(layer, "Ain al-Asad"), place(layer, "Erbil")
    assert asad.name == "Ain al-Asad Air Base" and asad.kind == "facility"
    assert erbil.name == "Erbil Air Base" and erbil.kind == "facility"
    assert asad.country == erbil.country == "IRQ"


def test_country_named_as_agent_is_a_place_but_a_demonym_is_not() -> None:
    layer = places("Iran fired missiles on Tuesday. Iranian officials called it a warning.")
    iran = place(layer, "Iran")
    assert (iran.kind, iran.country, iran.geonames_id) == ("country", "IRN", 130758)
    assert not [p for p in layer.places if p.text.startswith("Iranian")]


def test_a_person_is_no_place() -> None:
    layer = places("Jordan Peele spoke to reporters in Baghdad on Monday.")
    assert [p.text for p in layer.places] == ["Baghdad"]


def test_months_are_no_places() -> None:
    layer = places("The talks resumed in March and ended in Geneva in May.")
    assert [p.text for p in layer.places] == ["Geneva"]


def test_unknown_place_kept_with_nulls() -> None:
    layer = places("Flooding closed Quillmoor Airport on Sunday.")
    unknown = place(layer, "Quillmoor Airport")
    assert unknown.name == "Quillmoor Airport"
    assert (unknown.country, unknown.lat, unknown.lon, unknown.geonames_id) == (None,) * 4
    assert unknown.kind == "facility"


def test_to_json_has_the_contract_keys() -> None:
    layer = places("Talks were held in Oslo.")
    record = place(layer, "Oslo").to_json()
    assert set(record) == {"text", "span", "name", "country", "lat", "lon", "geonames_id", "kind"}
    assert record["country"] == "NOR"


def test_empty_layer() -> None:
    assert EMPTY_PLACES.places == ()
    assert EMPTY_PLACES.within(0, 10) == ()


@pytest.mark.parametrize(
    ("text", "key"),
    [("Al-Kut", "al kut"), ("the Gulf", "gulf"), ("São Paulo", "sao paulo"), ("Erbil's", "erbil")],
)
def test_place_key(text: str, key: str) -> None:
    assert place_key(text) == key


def test_gazetteer_reads_article_variants_and_alternates() -> None:
    gazetteer = load_gazetteer()
    assert {h.entry.name for h in gazetteer.lookup("Kut")} >= {"Al-Kut"}
    assert any(h.entry.name == "Erbil" for h in gazetteer.lookup("Arbil"))


def test_an_abbreviated_saint_finds_the_full_name_and_its_country() -> None:
    layer = places("The Russian foreign minister received the envoy in St Petersburg on Friday.")
    found = place(layer, "St Petersburg")
    assert (found.name, found.country) == ("Saint Petersburg", "RUS")
    assert place_key("St. Petersburg") == place_key("Saint Petersburg")


def test_min_city_population_is_read_from_places_yaml_and_checked() -> None:
    assert load_place_knowledge().min_city_population in CITY_POPULATION_FLOORS
    assert min_city_population_of({"gazetteer": {"min_city_population": 5000}}) == 5000
    for wrong in ({"gazetteer": {"min_city_population": 2000}}, {"gazetteer": {}}, {}):
        with pytest.raises(ConfigError, match="min_city_population"):
            min_city_population_of(wrong)


def test_a_town_under_15000_people_resolves_where_its_state_is_named() -> None:
    # Firebaugh, California: about 8,000 people, outside a gazetteer of 15,000 or more
    assert load_place_knowledge().min_city_population <= 5000
    layer = places("The irrigation board met in Firebaugh, California, on Tuesday about the canal.")
    town = place(layer, "Firebaugh")
    assert (town.name, town.country, town.kind) == ("Firebaugh", "USA", "city")
    assert town.lat is not None and town.lon is not None
    assert 36 < town.lat < 38 and -121 < town.lon < -120


def test_a_small_town_without_its_state_in_the_article_is_not_resolved() -> None:
    layer = places("Farmers in Firebaugh waited for rain all week.")
    assert all(p.lat is None for p in layer.places if p.text == "Firebaugh")


def test_a_village_of_the_same_name_does_not_hide_a_large_place() -> None:
    layer = places("Millions of pilgrims gathered in Mecca for the hajj.")
    assert place(layer, "Mecca").country == "SAU"


def test_a_city_named_with_the_word_city_keeps_the_whole_name() -> None:
    layer = places("Hail flattened wheat fields near Dodge City, Kansas, overnight.")
    town = place(layer, "Dodge City")
    assert (town.name, town.country, town.kind) == ("Dodge City", "USA", "city")
