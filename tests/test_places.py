"""The place stage on sentences written for these tests: namesakes settled by the article's
countries, facility words ("airport", "airbase"), coordinated names, persons and demonyms that
are no places, exact spans, and names the gazetteer lacks kept with nulls."""

from __future__ import annotations

import pytest

from tests.actors_fixture import parse
from tidings.actors import resolve_actors
from tidings.knowledge import load_actor_base
from tidings.places import EMPTY_PLACES, Place, PlaceLayer, resolve_places
from tidings.places.gazetteer import load_gazetteer, place_key


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
