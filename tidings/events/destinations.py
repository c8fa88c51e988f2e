"""Where an act with no party named as its target went: the place or country its clause names
after one of frames.yaml `destination_prepositions` ("funding to fight the epidemic in West
Africa", "withdrawing troops from Syria", "remained on alert in X"), for `destination_types`;
and the forces of no named country that a mover moves ("sent troops to X"), which are no
target of their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tidings.events.lexicon import Frames
from tidings.events.phrase_arguments import same_actor
from tidings.events.records import EventActor

# The actor layer's id of armed forces whose country no word names ("troops").
_FORCES_OF_NO_COUNTRY = "u:group:xxx-mil"


def destination(
    trigger: Any | None,
    source: EventActor | None,
    event_type: str,
    frames: Frames,
    finder: Any,
    kind_of: Callable[[str | None], str | None],
) -> EventActor | None:
    """The first place or country after a destination preposition in the trigger's clause;
    none if it is the source's own. `kind_of` gives an actor id's kind."""
    if trigger is None or not frames.has("destination_types", event_type):
        return None
    clause, between = trigger, []
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
        between.append(clause)
    # a noun under an adjective's phrase looks only in its own ("an artist critical of arts
    # funding ... compared with dictatorships in X" names no place funded)
    direct = not any(w.pos_ == "ADJ" for w in between[:-1])
    for word in clause.subtree if direct else trigger.subtree:
        if word.i <= trigger.i or word.dep_ != "pobj":
            continue
        prep = word.head  # "out of" as one preposition ("pulled its troops out of X")
        out = prep.i > 0 and prep.doc[prep.i - 1].lower_ == "out"
        if not frames.has("destination_prepositions", ("out " if out else "") + prep.lemma_):
            continue
        where = finder.actor(word, linked_only=True, phrase_only=True)
        if where is None or kind_of(where.id) not in ("country", "place"):
            continue
        return None if source is not None and same_actor(where, source) else where
    return None


def unowned_body(target: EventActor | None) -> bool:
    """A force of no named country ("withdrawing troops from X"): what its mover moves."""
    return target is not None and (target.id or "").startswith(_FORCES_OF_NO_COUNTRY)
