"""What the event stage hands on: who did what to whom, when, where, with what status, and who
said so; each event with the words that state it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Literal

from tidings.clean.article import DateValue
from tidings.places.records import Place

Span = tuple[int, int]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal[
    "occurred", "threatened", "promised", "demanded", "claimed", "denied", "hypothetical", "negated"
]


@dataclass(frozen=True, slots=True)
class EventActor:
    """One side of an event. `id`, `name`, `country`, `role` come from the actor layer's entity
    when the argument names one; otherwise `id` is None and `name` is the argument's words.
    `span` is the words the actor was read from."""

    id: str | None
    name: str
    country: str | None
    role: str | None
    span: Span | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "role": self.role,
            "span": list(self.span) if self.span else None,
        }


UNKNOWN_ACTOR_JSON: dict[str, Any] = {"id": None, "name": "unknown", "country": None}


def is_complete(
    event_type: str, has_source: bool, has_target: bool, targetless: Collection[str]
) -> bool:
    """Whether a reading says who did what to whom: a known source (an actor of the actor
    layer, not words alone), and a known target (an actor or the thing acted on) unless
    its type may go without one (`targetless`: frames.yaml `targetless_types`, any case)."""
    return has_source and (has_target or event_type.lower() in targetless)


def record_is_complete(event: dict[str, Any], targetless: Callable[[], Collection[str]]) -> bool:
    """`complete` of an event record; for a record written before the flag existed, read off
    its sides (`targetless` is called only then)."""
    flag = event.get("complete")
    if isinstance(flag, bool):
        return flag
    source = event.get("source")
    has_source = isinstance(source, dict) and source.get("id") is not None
    has_target = isinstance(event.get("target"), dict)
    allowed = targetless()
    coded = has_source and str(event.get("cameo") or "") in allowed  # "the minister resigned"
    return coded or is_complete(str(event.get("type") or ""), has_source, has_target, allowed)


def shipped_targetless_types() -> frozenset[str]:
    """The shipped frames' `targetless_types`, lower case, and `targetless_codes` (CAMEO
    codes complete without a target whatever their type; the lexicon is read once)."""
    # Imported here: the lexicon module imports this one.
    from tidings.events.lexicon import load_event_lexicon

    words = load_event_lexicon().frames.words
    return words["targetless_types"] | words["targetless_codes"]


@dataclass(frozen=True, slots=True)
class Event:
    """One event. `id` is f"{article id}#e{n}", n from 1 in text order. For a threat coded from a
    harmful act ("will strike back if ..."), an intent coded AGREE or a refusal coded REJECT
    ("will not release X"), `mode` keeps the act's own type in lower case.
    `complete` (see `is_complete`): a partial reading (no source, or no target where its type
    needs one) is kept with its evidence but left out of the default outputs."""

    id: str
    type: EventType
    mode: str | None
    cameo: str | None
    goldstein: float | None
    source: EventActor | None
    target: EventActor | None
    date: DateValue
    time_span: Span | None
    location: Place | None
    status: EventStatus
    condition: str | None
    said_by: str | None
    trigger: str
    trigger_span: Span
    evidence_span: Span
    sentence: str
    confidence: float
    complete: bool

    def to_json(self) -> dict[str, Any]:
        """The contract's event record, plus goldstein, trigger, condition and time span."""
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": self.source.to_json() if self.source else dict(UNKNOWN_ACTOR_JSON),
            "target": self.target.to_json() if self.target else None,
            "date": self.date.to_json(),
            "location": self.location.to_json() if self.location else None,
            "status": self.status,
            "said_by": self.said_by,
            "evidence": {"span": list(self.evidence_span), "sentence": self.sentence},
            "confidence": round(self.confidence, 3),
            "goldstein": self.goldstein,
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span),
            "condition": self.condition,
            "time_span": list(self.time_span) if self.time_span else None,
            "complete": self.complete,
        }


@dataclass(frozen=True, slots=True)
class EventLayer:
    """The event stage's output for one article, in text order."""

    events: tuple[Event, ...]


EMPTY_EVENTS = EventLayer(())
