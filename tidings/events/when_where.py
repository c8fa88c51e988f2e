"""When and where an event happened: the time expression and the place attached to its clause
(a preposition's object, an adverbial noun) else in its clause; "five days later" counted from
the previous dated event; the publication date only for news of the day; a background mention
("since the killing of X") dated by an earlier event of the same participants."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tidings.clean.article import DateValue
from tidings.events.lexicon import Frames
from tidings.events.triggers import Trigger
from tidings.places.records import Place, PlaceLayer
from tidings.times import TimeExpression, TimeLayer, shift_date

UNKNOWN = DateValue(None, None, "unknown")
# Head steps from a time or place word up to the event's clause ("at the airport of Baghdad
# in a strike": airport → at → strike → in → killed).
_MAX_STEPS = 5
_CLAUSE_HEADS = ("VERB", "AUX")
# Dependency labels of a time word hanging from its clause without a preposition.
_ADVERBIAL = frozenset({"npadvmod", "tmod", "advmod", "obl"})


def _root(doc: Any, span: tuple[int, int]) -> Any | None:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return None if found is None else found.root


def attached(
    doc: Any, span: tuple[int, int], trigger: Trigger, prepositions: frozenset[str]
) -> bool:
    """Whether the words at `span` hang from the event's clause (its head or trigger, or a
    noun between) as the object of one of `prepositions` or an adverbial noun ("Tuesday"),
    without passing through another clause."""
    token = _root(doc, span)
    if token is None:
        return False
    by_preposition = token.dep_ == "pobj" and token.head.lemma_.lower() in prepositions
    if not by_preposition and token.dep_ not in _ADVERBIAL:
        return False
    goals = {trigger.head.i, trigger.token.i}
    for _ in range(_MAX_STEPS):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in goals:
            return True
        if token.pos_ in _CLAUSE_HEADS:
            return False
    return False


def clause_of(trigger: Trigger) -> Any:
    """The word whose subtree is the clause stating the event: through infinitives up to the
    verb they complete, and from an event noun up to its verb."""
    top = trigger.head
    for _ in range(_MAX_STEPS):
        if top.dep_ == "xcomp" or (top.pos_ not in _CLAUSE_HEADS and top.head.i != top.i):
            top = top.head
        else:
            break
    return top


def pick_time(
    doc: Any,
    times: TimeLayer,
    trigger: Trigger,
    frames: Frames,
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> tuple[TimeExpression | None, int]:
    """The event's time expression and how many the sentence holds."""
    in_sentence = [e for e in times.within(*sentence) if e.date is not None or e.relation]
    if not in_sentence:
        return None, 0
    preps = frames.words["time_prepositions"]
    hung = [e for e in in_sentence if attached(doc, e.span, trigger, preps)]
    if hung:
        return hung[0], len(in_sentence)
    if trigger.nominal and trigger.light is None:
        return None, len(in_sentence)  # a noun is dated by what hangs from it, or inferred
    in_clause = [e for e in in_sentence if clause[0] <= e.span[0] and e.span[1] <= clause[1]]
    if len(in_clause) == 1 or (len(in_sentence) == 1 and not in_clause):
        chosen = in_clause[0] if in_clause else in_sentence[0]
        if chosen.relation or attached_to_nothing_else(doc, chosen, trigger):
            return chosen, len(in_sentence)
    return None, len(in_sentence)


def attached_to_nothing_else(doc: Any, expression: TimeExpression, trigger: Trigger) -> bool:
    """A time expression whose nearest clause above is the event's own (or none)."""
    token = _root(doc, expression.span)
    for _ in range(_MAX_STEPS):
        if token is None or token.head.i == token.i:
            return True
        token = token.head
        if token.pos_ in _CLAUSE_HEADS:
            return token.i in (trigger.head.i, clause_of(trigger).i)
    return True


def date_of(expression: TimeExpression | None, previous: DateValue | None) -> DateValue | None:
    if expression is None:
        return None
    if expression.relation and expression.offset and previous is not None:
        shifted = shift_date(previous, expression.offset, expression.relation)
        return shifted if shifted.value else None
    if expression.date is not None and expression.date.value:
        return expression.date
    return None


def publication_fallback(
    trigger: Trigger,
    frames: Frames,
    sentence_tokens: Sequence[Any],
    status: str,
    times_in_sentence: int,
    published: DateValue,
) -> DateValue:
    """The publication date for news of the day: a past (or present perfect) clause, reported
    as having happened, with nothing in the sentence placing it elsewhere in time."""
    if published.value is None or status not in ("occurred", "claimed") or times_in_sentence:
        return UNKNOWN
    if trigger.nominal and trigger.light is None:
        return UNKNOWN
    head = trigger.head
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(frames.has("perfect_auxiliaries", a.lower_) for a in auxes):
        return UNKNOWN
    past = head.tag_ == "VBD" or (head.tag_ == "VBN" and bool(auxes))
    if not past:
        return UNKNOWN
    if any(frames.has("background_words", t.lemma_) for t in sentence_tokens):
        return UNKNOWN
    return DateValue(published.value, published.precision, "publication")


def dated_ahead(trigger: Trigger, frames: Frames) -> bool:
    """A present-tense clause its own time words date ahead ("is travelling to X next week",
    "meets Y tomorrow"; frames.yaml `future_time_words`), whatever the publication date: an act
    still to come."""
    verb = trigger.head
    if verb.tag_ not in ("VBG", "VBP", "VBZ"):
        return False
    for child in verb.children:
        if child.dep_ not in ("npadvmod", "prep", "advmod", "tmod"):
            continue
        words = [t for t in child.subtree if t.ent_type_ in ("DATE", "TIME") or t is child]
        if any(frames.has("future_time_words", t.lower_) for t in words):
            return True
    return False


def pick_place(
    doc: Any, places: PlaceLayer, trigger: Trigger, frames: Frames, clause: tuple[int, int]
) -> Place | None:
    """The place attached to the event's clause, else the nearest in the clause. An event
    named as the reason for or the time of another ("revenge for the assassination", "after
    the strike") has only a place attached to its own words: the clause's is the other's."""
    inside = places.within(*clause)
    if not inside:
        return None
    preps = frames.words["place_prepositions"]
    hung = [p for p in inside if attached(doc, p.span, trigger, preps)]
    if hung:
        return hung[0]
    noun = trigger.token
    if trigger.nominal and noun.dep_ == "pobj":
        prep = noun.head.lemma_
        if frames.has("cause_prepositions", prep) or frames.has("sequence_prepositions", prep):
            return None
    where = trigger.token.idx
    roots = {p: _root(doc, p.span) for p in inside}
    placed = [
        p
        for p, r in roots.items()
        if r is not None and r.dep_ == "pobj" and frames.has("place_prepositions", r.head.lemma_)
    ]
    if not placed:
        return None
    return min(placed, key=lambda p: abs(p.span[0] - where))
