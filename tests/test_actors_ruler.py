"""The entity rulers built from the actor base: known names correct the model's mistakes,
case-sensitively, without breaking a longer entity of another kind."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from tests.actors_fixture import WORLD, parse
from tidings.knowledge import entity_patterns, load_actor_base
from tidings.parse.ruler import ActorRuler

PATTERNS = [
    {"label": "PERSON", "pattern": "Kaani", "id": "esmat-kaani"},
    {"label": "PERSON", "pattern": "al-Lind", "id": "mara-lind"},
    {"label": "ORG", "pattern": "TGC", "id": "tide-guard"},
    {"label": "ORG", "pattern": "Lantern Force", "id": "lantern-force"},
]


def ruled(words: list[str], ents: list[tuple[int, int, str]]) -> list[tuple[str, str, str]]:
    nlp = spacy.blank("en")
    ruler = ActorRuler(nlp)
    ruler.add_patterns(PATTERNS)
    doc = nlp(" ".join(words))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return [(e.text, e.label_, e.ent_id_) for e in ruler(doc).ents]


def test_a_known_name_corrects_the_model_label() -> None:
    assert ruled(["Kaani", "spoke"], [(0, 1, "FAC")]) == [("Kaani", "PERSON", "esmat-kaani")]
    assert ruled(["Kaani", "spoke"], []) == [("Kaani", "PERSON", "esmat-kaani")]


def test_a_name_inside_a_longer_entity_of_another_kind_leaves_it_whole() -> None:
    words = ["near", "the", "Ain", "al-Lind", "airbase"]
    # the tokenizer makes "al", "-", "Lind" of "al-Lind": the place is tokens 1..5
    assert ruled(words, [(1, 6, "FAC")]) == [("the Ain al-Lind", "FAC", "")]


def test_known_names_split_an_entity_made_only_of_them() -> None:
    words = ["(", "TGC", ")", "Lantern", "Force", "said"]
    assert ruled(words, [(1, 5, "ORG")]) == [
        ("TGC", "ORG", "tide-guard"),
        ("Lantern Force", "ORG", "lantern-force"),
    ]


def test_a_possessor_the_model_swallowed_is_the_name() -> None:
    words = ["Kaani", "’s", "Death"]
    assert ruled(words, [(0, 3, "ORG")]) == [("Kaani", "PERSON", "esmat-kaani")]


def test_the_pipeline_rulers_match_case_sensitively() -> None:
    doc = parse("Let us see what the US and Kaani say, said a TGC spokesman.").doc
    found = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert "us" not in found and found["US"][0] == "GPE"
    assert found["Kaani"] == ("PERSON", "esmat-kaani") and found["TGC"][1] == "tide-guard"


def test_patterns_carry_the_id_of_a_spelling_only_one_actor_has() -> None:
    patterns = entity_patterns(load_actor_base([WORLD]))
    people = {p["pattern"]: p for p in patterns.overwrite if p["label"] == "PERSON"}
    assert people["Sulemani"]["id"] == "qadir-solemani"
    places = {p["pattern"]: p for p in patterns.fill}
    assert places["Portvale"] == {"label": "GPE", "pattern": "Portvale", "id": "HBR"}
    assert places["Harbourian"]["label"] == "NORP"
    # pycountry's inverted names never occur in running text.
    assert not any("," in p["pattern"] for p in patterns.fill)
