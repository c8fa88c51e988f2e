"""EntityRuler patterns made from the actor base, so that spaCy's NER mistakes on known names
are corrected (a surname tagged a place, another an organisation).

Two sets: people and organisations *overwrite* what the model found (the model is often wrong
on foreign names); country names, seats and demonyms only *fill* where the model found nothing,
because a city name inside a longer entity ("Washington Post") is the model's call to make.
Patterns are matched case-sensitively on the token text, so the pronoun "us" is never "US".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tidings.knowledge.actors import Actor, ActorBase

PERSON_LABEL = "PERSON"
ORG_LABEL = "ORG"
PLACE_LABEL = "GPE"
DEMONYM_LABEL = "NORP"
# Names shorter than this are left to the model: two-letter upper-case forms ("UN", "US")
# are kept, but a one-letter alias would match initials.
MIN_PATTERN_CHARS = 2


@dataclass(frozen=True, slots=True)
class RulerPatterns:
    overwrite: tuple[dict[str, Any], ...]
    fill: tuple[dict[str, Any], ...]


def _usable(text: str) -> bool:
    # pycountry's inverted names ("Korea, Republic of") never appear in running text.
    return len(text) >= MIN_PATTERN_CHARS and "," not in text and "(" not in text


def _spellings(actor: Actor) -> Iterable[tuple[str, str]]:
    if actor.kind == "country":
        for name in (actor.name, *actor.aliases, *actor.metonyms):
            yield name, PLACE_LABEL
        for demonym in actor.demonyms:
            yield demonym, DEMONYM_LABEL
        return
    label = PERSON_LABEL if actor.kind == "person" else ORG_LABEL
    for name in (actor.name, *actor.aliases):
        yield name, label


def entity_patterns(base: ActorBase) -> RulerPatterns:
    """Phrase patterns for every usable spelling in the base. A spelling that stands for one
    actor carries its id (`ent.ent_id_`); one shared by several carries none."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor in base.actors.values():
        for text, label in _spellings(actor):
            if _usable(text):
                owners[(text, label)].add(actor.id)
    overwrite: list[dict[str, Any]] = []
    fill: list[dict[str, Any]] = []
    for (text, label), ids in sorted(owners.items()):
        pattern: dict[str, Any] = {"label": label, "pattern": text}
        if len(ids) == 1:
            pattern["id"] = next(iter(ids))
        (overwrite if label in (PERSON_LABEL, ORG_LABEL) else fill).append(pattern)
    return RulerPatterns(tuple(overwrite), tuple(fill))
