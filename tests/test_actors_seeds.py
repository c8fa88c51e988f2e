"""The issue's acceptance check on the seed pages in ../shared (skipped when absent): every
spelling of each actor the issue names is one known id, the same in all six stories, with the
right country. The phrases below are the issue's own; nothing of the seeds is copied here."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

# actor -> (its country, the mention texts it goes by once titles are off)
ACTORS: dict[str, tuple[str, set[str]]] = {
    "Soleimani": (
        "IRN",
        {
            "Qassem Suleimani",
            "Suleimani",
            "Qassem Soleimani",
            "Soleimani",
            "The former commander of Al-Quds Force",
        },
    ),
    "Qaani": ("IRN", {"Esmail Qaani", "Qaani"}),
    "Khamenei": ("IRN", {"Ali Khamenei", "Khamenei", "The 81-year-old supreme leader"}),
    "Trump": ("USA", {"Donald Trump", "Trump"}),
    "Kadhimi": ("IRQ", {"Mustafa al-Kadhimi", "al-Kadhimi"}),
    "Rouhani": ("IRN", {"Hassan Rouhani", "Rouhani"}),
    "Pompeo": ("USA", {"Mike Pompeo", "Pompeo"}),
    "IRGC": ("IRN", {"IRGC", "Islamic Revolutionary Guard Corps"}),
    "Quds Force": ("IRN", {"Quds Force", "Al-Quds Force"}),
    "PMF": ("IRQ", {"PMF", "Popular Mobilization Forces", "Popular Mobilisation Forces"}),
}
# Titled phrases of the issue: the name inside each is the actor, the title is not the name.
TITLED = {
    "Lieutenant General Qassem Soleimani": "Soleimani",
    "General Soleimani": "Soleimani",
    "Major General Qassem Soleimani": "Soleimani",
    "Brigadier General Esmail Qaani": "Qaani",
    "Supreme Leader Ayatollah Ali Khamenei": "Khamenei",
    "then-US President Donald Trump": "Trump",
    "Iraqi Prime Minister Mustafa al-Kadhimi": "Kadhimi",
    "President Hassan Rouhani": "Rouhani",
}


@pytest.fixture(scope="module")
def records(seed_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert len(seed_records) == 6
    return seed_records


def mentions(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """(record, entity, mention text) for every mention of every story."""
    return [
        (record, entity, record["text"][start:end])
        for record in records
        for entity in record["entities"]
        for start, end in entity["mentions"]
    ]


def ids_by_actor(records: list[dict[str, Any]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for _, entity, text in mentions(records):
        for actor, (_, surfaces) in ACTORS.items():
            if text in surfaces:
                found[actor].add(entity["id"])
    return found


@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_every_spelling_is_one_known_id_across_the_six_stories(
    records: list[dict[str, Any]], actor: str
) -> None:
    country, surfaces = ACTORS[actor]
    seen = {text for _, _, text in mentions(records) if text in surfaces}
    assert seen == surfaces, f"spellings never found as mentions: {surfaces - seen}"
    ids = ids_by_actor(records)[actor]
    assert len(ids) == 1, (actor, ids)
    (actor_id,) = ids
    assert not actor_id.startswith("u:"), f"{actor} is not in the shipped actor base"
    for _, entity, _ in mentions(records):
        if entity["id"] == actor_id:
            assert entity["country"] == country and entity["known"], entity


def test_different_actors_never_share_an_id(records: list[dict[str, Any]]) -> None:
    ids = ids_by_actor(records)
    assert len({next(iter(v)) for v in ids.values() if len(v) == 1}) == len(ACTORS)


@pytest.mark.parametrize("phrase", sorted(TITLED))
def test_a_titled_name_is_its_actor_and_the_title_is_stripped(
    records: list[dict[str, Any]], phrase: str
) -> None:
    actor_id = next(iter(ids_by_actor(records)[TITLED[phrase]]))
    hits = 0
    for record in records:
        start = record["text"].find(phrase)
        while start >= 0:
            end = start + len(phrase)
            inside = [
                (entity["id"], record["text"][s:e])
                for entity in record["entities"]
                for s, e in entity["mentions"]
                if start <= s and e <= end and entity["kind"] == "person"
            ]
            assert inside and all(i == actor_id for i, _ in inside), (phrase, inside)
            assert all(
                not text.startswith(
                    (
                        "General",
                        "Major",
                        "Lieutenant",
                        "Brigadier",
                        "Supreme",
                        "then",
                        "Iraqi",
                        "President",
                    )
                )
                for _, text in inside
            ), inside
            hits += 1
            start = record["text"].find(phrase, end)
    assert hits, f"{phrase!r} is not in the seeds"


def test_role_only_and_pronoun_mentions_link_to_the_person(records: list[dict[str, Any]]) -> None:
    links: dict[str, set[str]] = defaultdict(set)
    for _, entity, text in mentions(records):
        links[text].add(entity["id"])
    vaezi = links["Mahmoud Vaezi"]
    assert len(vaezi) == 1 and links["the top official"] == vaezi
    assert links["the general"] == ids_by_actor(records)["Soleimani"]
    assert links["He"] >= ids_by_actor(records)["Qaani"]
