"""The actor layer's mentions of one document, indexed by position: which mentions lie inside
a phrase or around a character, the parse word a mention stands on, and two readings of
a mention inside a phrase (a place that is only where people were; a person named in the
phrase of a role of no name, who holds it). The base of the event stage's `ActorFinder`."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from tidings.actors import ActorLayer, Mention
from tidings.events.lexicon import Frames

# The id prefix of a person known only by a role ("u:person:minister").
ROLE_ONLY = "u:person:"


class MentionIndex:
    def __init__(self, doc: Any, actors: ActorLayer, frames: Frames) -> None:
        self.doc = doc
        self.actors = actors
        self.frames = frames
        self.mentions = sorted(actors.mentions, key=lambda m: m.span)
        self._starts = [m.span[0] for m in self.mentions]

    def _inside(self, start: int, end: int) -> list[Mention]:
        first = bisect_right(self._starts, start - 1)
        found = []
        for mention in self.mentions[first:]:
            if mention.span[0] >= end:
                break
            if mention.span[1] <= end:
                found.append(mention)
        return found

    def _locative(self, token: Any) -> bool:
        return bool(
            token.dep_ == "pobj" and self.frames.has("place_prepositions", token.head.lemma_)
        )

    def _around(self, char: int) -> list[Mention]:
        first = bisect_right(self._starts, char)
        return [m for m in self.mentions[max(0, first - 3) : first] if m.span[1] > char]

    def mention_root(self, mention: Mention) -> Any | None:
        span = self.doc.char_span(*mention.span, alignment_mode="expand")
        return None if span is None else span.root

    def _only_where(self, mention: Mention, top: Any) -> bool:
        """A place named only where the people a phrase heads were ("protesters in
        Tiananmen Square", frames.yaml `party_nouns`): the place is not who they are."""
        entity = self.actors.entity(mention.entity_id or "")
        root = self.mention_root(mention)
        if entity is None or entity.kind != "place" or root is None:
            return False
        return self._locative(root) and self.frames.has("party_nouns", top.lemma_)

    def _named_holder(
        self, best: tuple[int, int, Mention], top: Any, within: tuple[int, int]
    ) -> tuple[int, int, Mention] | None:
        """A role of no name whose phrase ends with a person's name ("Labour's deputy
        minister for women Jacqui Smith", the name parsed as the preposition's object), holds
        one before it ("Frank Field MP") or set off by commas: the person holds the role."""
        role = self.actors.entity(best[2].entity_id or "")
        if role is None or role.kind != "person" or not role.id.startswith(ROLE_ONLY):
            return None
        for mention in self._inside(*within):
            root = self.mention_root(mention)
            # "director of the Victims of Crime Trust, Norman Brennan,": set off by commas
            aside = root is not None and root.dep_ in ("appos", "npadvmod")
            held = root is not None and (
                (root.dep_ == "pobj" and root.head.head.i == top.i)
                or (root.dep_ == "compound" and root.head.i == top.i)  # "Frank Field MP"
                or aside
            )
            person = self._is_person(mention.entity_id) and mention.entity_id != role.id
            named = not (mention.entity_id or "").startswith(ROLE_ONLY) and (
                mention.span[1] == within[1]
                or aside
                or (root is not None and root.dep_ == "compound")
            )
            if held and person and named:
                return best[0], mention.span[0], mention
        return None

    def _is_person(self, entity_id: str | None) -> bool:
        entity = self.actors.entity(entity_id) if entity_id else None
        return entity is not None and entity.kind == "person"
