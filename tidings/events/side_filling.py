"""The side ranker at work: a reading the rules left without a known source, or without a
target its type needs, takes the actor mention of its sentence the ranker scores best for
that side (tidings/events/side_ranker.py), if any clears the threshold; the side checks then
read it as they read the rules' sides (a town is no counterpart of a meeting)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tidings.actors import Mention
from tidings.events.actors import ActorFinder
from tidings.events.drafts import Draft, needs_no_target
from tidings.events.lexicon import Frames
from tidings.events.records import EventActor
from tidings.events.side_checks import SideChecks
from tidings.events.side_ranker import Candidate, SideRanker, features

Span = tuple[int, int]


def _overlap(a: Span, b: Span | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


class SideFiller:
    """Fills the missing sides of one document's drafts."""

    def __init__(
        self,
        finder: ActorFinder,
        checks: SideChecks,
        frames: Frames,
        ranker: SideRanker,
        sentence_of: Callable[[int], Span],
    ) -> None:
        self.finder = finder
        self.checks = checks
        self.frames = frames
        self.ranker = ranker
        self.sentence_of = sentence_of

    def candidates(self, draft: Draft, side: str, other: EventActor | None) -> list[Candidate]:
        """The mentions of the trigger's sentence that could be `side`: linked to an actor,
        not the trigger's own words, not the other side."""
        token = draft.trigger.token
        own = (token.idx, token.idx + len(token.text))
        sentence = self.sentence_of(token.idx)
        inside = [
            m
            for m in self.finder.mentions
            if sentence[0] <= m.span[0] and m.span[1] <= sentence[1] and m.entity_id
        ]
        found = []
        for mention in inside:
            if _overlap(mention.span, own) or (
                other is not None
                and (_overlap(mention.span, other.span) or mention.entity_id == other.id)
            ):
                continue
            root = self.finder.mention_root(mention)
            if root is not None:
                found.append((mention, root))
        return [
            Candidate(
                side,
                mention,
                features(
                    token,
                    root,
                    mention,
                    kind=self._kind(mention),
                    event_type=draft.status.type,
                    count=len(found),
                ),
            )
            for mention, root in found
        ]

    def _kind(self, mention: Mention) -> str | None:
        entity = self.finder.actors.entity(mention.entity_id)
        return entity.kind if entity is not None else None

    def fill(self, draft: Draft) -> Draft:
        args = draft.args
        source, target = args.source, args.target
        if source is None or source.id is None:
            choice = self.ranker.choose("source", self.candidates(draft, "source", target))
            if choice is not None:
                source = self.finder.mention_actor(choice.mention)
        if args.target is None and not needs_no_target(draft, self.frames):
            choice = self.ranker.choose("target", self.candidates(draft, "target", source))
            if choice is not None:
                target = self.finder.mention_actor(choice.mention)
        if source is args.source and target is args.target:
            return draft
        filled = replace(args, source=source, target=target)
        return replace(
            draft,
            args=self.checks.checked(
                filled, draft.status.type, draft.trigger.entry.type, draft.trigger.token
            ),
        )


__all__ = ["SideFiller"]
