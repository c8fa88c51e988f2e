"""What the actor stage hands on: the article's entities (one per real actor, with a stable id)
and every mention, with the surface text and how it was linked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]
EntityKind = Literal["person", "organization", "country", "place", "other"]
# How a mention was tied to its entity:
#   alias     the name is an alias in the actor base
#   skeleton  same transliteration key as an alias ("Ghasem Rahmany")
#   fuzzy     close spelling of an alias
#   surname   the end of an earlier full name in the article ("Varga")
#   role      a role-only phrase ("the top official", "the 81-year-old supreme leader")
#   pronoun   a pronoun standing for the actor ("he said", "told them", "it added")
#   possessive  a possessive pronoun naming the actor as an owner ("his plan", "its forces")
#   description a definite description ("the ministry", "the group", "the billionaire")
#   context   an actor not in the base, coded from its words and the article around it
LinkKind = Literal[
    "alias",
    "skeleton",
    "fuzzy",
    "surname",
    "short",
    "role",
    "pronoun",
    "possessive",
    "description",
    "context",
]
# Links by which a mention is a name of its entity; the others (a role, a pronoun, a
# description) refer to it without naming it.
NAME_LINKS = frozenset({"alias", "skeleton", "fuzzy", "surname", "short", "context"})
# Links resolved by coreference: the mention stands for an actor named elsewhere.
REFERRING_LINKS = frozenset({"pronoun", "possessive", "description"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One stretch of text that refers to an entity. `sector` is what this mention says
    ("Tehran responded" is the government: GOV), which may differ between mentions."""

    span: Span
    text: str
    entity_id: str
    link: LinkKind
    sector: str | None
    subject: bool


@dataclass(frozen=True, slots=True)
class Entity:
    """One actor of an article. `known`: in the actor base (its id is the base's id);
    otherwise the id is made from the normalised name (`u:jon-varga`), so the same
    unknown actor gets the same id in every article."""

    id: str
    name: str
    kind: EntityKind
    country: str | None
    sector: str | None
    role: str | None
    aligned_with: tuple[str, ...]
    known: bool
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorLayer:
    """The actor stage's output for one article."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity of the mention covering exactly [start, end), if any."""
        for mention in self.mentions:
            if mention.span == (start, end):
                return self.entity(mention.entity_id)
        return None


EMPTY_LAYER = ActorLayer(entities=(), mentions=())
