"""What every reader of one document's event sides holds: the actor finder of its actor layer,
the frames' function words and, where senses matter, the event lexicon."""

from __future__ import annotations

from tidings.events.actors import ActorFinder
from tidings.events.lexicon import EventLexicon, Frames


class DocumentReader:
    def __init__(
        self, finder: ActorFinder, frames: Frames, lexicon: EventLexicon | None = None
    ) -> None:
        self.finder = finder
        self.frames = frames
        self.lexicon = lexicon
