"""The event stage (after actors, times, places and quotes): who did what to whom, when,
where, with what status and who said so, read on the dependency parse with the event lexicon
and frames of `tidings/data/events/` (the code names no event word)."""

from tidings.events.lexicon import EventLexicon, load_event_lexicon
from tidings.events.records import (
    EMPTY_EVENTS,
    Event,
    EventActor,
    EventLayer,
    EventStatus,
    EventType,
)
from tidings.events.stage import extract_events

__all__ = [
    "EMPTY_EVENTS",
    "Event",
    "EventActor",
    "EventLayer",
    "EventLexicon",
    "EventStatus",
    "EventType",
    "extract_events",
    "load_event_lexicon",
]
