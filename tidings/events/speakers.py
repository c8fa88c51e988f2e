"""Quote speakers as the sides of events: who speaks the words holding a given character, and
whom a first-person pronoun inside a quote stands for.

"I", "me", "my" are the speaker. "We", "us", "our" are the body the speaker is named with, when
the text names one in the speaker's own phrase ("Andrew Hale, of the Harbour Coalition, said:
'We welcome ...'", "Acme chief executive Ilse Marrow said we ...", "a Harbourian minister
said: 'we will ...'"): the body acts, not the person. A body met only in a clause about the
speaker ("Hale, who was sacked by Acme") is not theirs."""

from __future__ import annotations

from typing import Any

from tidings.actors import ActorLayer
from tidings.events.lexicon import Frames
from tidings.events.records import EventActor
from tidings.quotes import Quote, QuoteLayer

ALL_QUOTES = ("direct", "partial", "indirect")
# Dependency steps that stay inside the phrase naming a speaker ("Acme chief executive X",
# "X, of the Coalition", "X, Acme's spokesman"); a relative or other clause leaves it.
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "prep", "pobj", "nmod", "det"})
# Prepositions that tie a speaker to a body ("of the Coalition", "from the ministry").
_BODY_PREPOSITIONS = frozenset({"of", "from", "at", "for", "with"})
# Kinds of actors a "we" can stand for.
_BODY_KINDS = frozenset({"organization", "country", "other"})


class Speakers:
    def __init__(self, doc: Any, actors: ActorLayer, quotes: QuoteLayer, frames: Frames) -> None:
        self.doc = doc
        self.actors = actors
        self.quotes = quotes
        self.frames = frames

    def quote_at(self, char: int, kinds: tuple[str, ...] = ALL_QUOTES) -> Quote | None:
        """The quote (of `kinds`) with a speaker whose words hold `char`, if any."""
        for quote in self.quotes.quotes:
            if quote.kind not in kinds or not (quote.speaker or quote.speaker_id):
                continue
            if quote.span[0] <= char < quote.span[1]:
                return quote
        return None

    def speaker_at(
        self, char: int, *, kinds: tuple[str, ...] = ALL_QUOTES
    ) -> tuple[str | None, str | None]:
        """(id, name) of the speaker of the quote (of `kinds`) holding `char`, if any."""
        quote = self.quote_at(char, kinds)
        return (None, None) if quote is None else (quote.speaker_id, quote.speaker)

    def first_person(self, token: Any) -> EventActor | None:
        """The actor a first-person pronoun inside a quote stands for: the speaker's body for
        "we", else the speaker."""
        quote = self.quote_at(token.idx)
        if quote is None:
            return None
        span = (token.idx, token.idx + len(token.text))
        if self.frames.has("collective_pronouns", token.text):
            body = self._body(quote)
            if body is not None:
                return EventActor(body.id, body.name, body.country, body.role, span)
        return self.speaker_actor(quote.speaker_id, quote.speaker, span)

    def speaker_actor(
        self, speaker_id: str | None, speaker: str | None, span: tuple[int, int]
    ) -> EventActor:
        """The speaker as an actor, read at `span` (the words standing for them)."""
        entity = self.actors.entity(speaker_id) if speaker_id else None
        if entity is not None:
            return EventActor(entity.id, entity.name, entity.country, entity.role, span)
        return EventActor(speaker_id, speaker or "", None, None, span)

    def _body(self, quote: Quote) -> EventActor | None:
        """The first organisation, state or group named in the speaker's own phrase."""
        if quote.speaker_span is None:
            return None
        words = self.doc.char_span(*quote.speaker_span, alignment_mode="expand")
        if words is None:
            return None
        root = words.root
        if root.pos_ == "PRON":
            return None  # "he said": his body is named elsewhere, if at all
        phrase = {t.i for t in _phrase(root)}
        for mention in self.actors.mentions:
            if mention.entity_id == quote.speaker_id:
                continue
            found = self.doc.char_span(*mention.span, alignment_mode="expand")
            entity = self.actors.entity(mention.entity_id)
            if found is None or entity is None or entity.kind not in _BODY_KINDS:
                continue
            if found.root.i in phrase:
                return EventActor(entity.id, entity.name, entity.country, entity.role, None)
        return None


def _phrase(root: Any) -> list[Any]:
    """The words of the phrase naming a speaker: its modifiers, appositions and the bodies of
    its prepositions, not the clauses about it."""
    found = [root]
    stack = [root]
    while stack:
        word = stack.pop()
        for child in word.children:
            if child.dep_ not in _PHRASE_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in _BODY_PREPOSITIONS:
                continue
            found.append(child)
            stack.append(child)
    return found
