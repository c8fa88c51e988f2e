"""Drafts of events while the stage reads them, and the events a definite noun names again:
"the strikes" is the last earlier act of its type with a target, and a reaction to it ("the
minister condemned the strikes") is aimed at the doer the article gave that act."""

from __future__ import annotations

from dataclasses import dataclass, replace

from tidings.events.lexicon import Frames
from tidings.events.phrase_arguments import Arguments
from tidings.events.records import EventActor
from tidings.events.status import Status
from tidings.events.triggers import Trigger

# Digits of a CAMEO code naming its root ("18" assault, "19" fight): an event noun refers back
# only to an event of the same root ("the assassination" to "was killed", not to "attacked").
_CAMEO_ROOT = 2


@dataclass(frozen=True, slots=True)
class Draft:
    """An event read but not yet built: its trigger, sides and status."""

    trigger: Trigger
    args: Arguments
    status: Status


def _anaphoric(trigger: Trigger, frames: Frames) -> bool:
    """A definite event noun read on its own ("the assassination", "this attack"); not one
    whose own words say whose it is, named or not ("the support from both clubs"), nor one a
    name makes its own ("the Doha talks")."""
    children = list(trigger.token.children)
    own_doer = any(
        c.dep_ == "poss"
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        or (
            c.dep_ == "prep"
            and (
                frames.has("origin_prepositions", c.lemma_)
                or frames.has("source_prepositions", c.lemma_)
            )
        )
        for c in children
    )
    return (
        trigger.nominal
        and trigger.light is None
        and not own_doer
        and any(c.dep_ == "det" and frames.has("anaphoric_determiners", c.text) for c in children)
    )


def _introduced(trigger: Trigger, frames: Frames) -> bool:
    """An event noun that introduces a new event ("a summit in Brussels")."""
    return trigger.nominal and any(
        c.dep_ == "det" and frames.has("new_event_determiners", c.lower_)
        for c in trigger.token.children
    )


# Statuses of an act that took place (or is said to have), which a definite noun may name
# again; "he would be happy to meet X" is no meeting for "the meeting" to be.
_TOLD_STATUSES = frozenset({"occurred", "claimed"})


def _same_acts(trigger: Trigger, earlier: list[Draft], frames: Frames) -> list[Draft]:
    """The earlier events of the trigger's type and CAMEO root with a target that took place;
    only the last one its own word introduced, if any ("a summit in Brussels" ... "the
    summit": that summit, whoever met at another)."""
    root = (trigger.entry.cameo or "")[:_CAMEO_ROOT]
    same = [
        d
        for d in earlier
        if d.trigger.entry.type == trigger.entry.type
        and (d.trigger.entry.cameo or "")[:_CAMEO_ROOT] == root
    ]
    same_word = [d for d in same if d.trigger.token.lemma_ == trigger.token.lemma_]
    if same_word and _introduced(same_word[-1].trigger, frames):
        same = same_word[-1:]  # "a summit in Brussels" ... "the summit": that summit
    return [d for d in same if d.args.target is not None and d.status.status in _TOLD_STATUSES]


def antecedent(
    trigger: Trigger, args: Arguments, earlier: list[Draft], frames: Frames
) -> Arguments:
    """A definite event noun with no participants of its own ("the assassination", "this
    attack") refers back to the last earlier event of its type and CAMEO root with a target: it
    takes that event's participants."""
    if args.source or args.target or not _anaphoric(trigger, frames):
        return args
    same = _same_acts(trigger, earlier, frames)
    return Arguments(same[-1].args.source, same[-1].args.target, None) if same else args


def reacted_doers(drafts: list[Draft], frames: Frames) -> list[Draft]:
    """A reaction to an act whose doer is known is aimed at that doer: "the minister condemned
    the strikes", the strikes being the last earlier act of their type whose doer the article
    names (a missile strike by a state, not a gas attack with no doer told in between)."""
    position = {d.trigger.token.i: n for n, d in enumerate(drafts) if d.trigger.nominal}
    result = []
    for draft in drafts:
        target = draft.args.target
        reaction = frames.has("reaction_types", draft.status.type)
        if reaction and target is not None and target.id is None and target.span is not None:
            words = draft.trigger.token.doc.char_span(*target.span, alignment_mode="expand")
            at = position.get(words.root.i) if words is not None else None
            doer = None if at is None else _doer(drafts[at], drafts[:at], frames)
            if doer is not None:
                draft = replace(draft, args=replace(draft.args, target=doer))
        result.append(draft)
    return result


def condemning_calls(drafts: list[Draft], frames: Frames) -> list[Draft]:
    """A call for a punitive measure against a party, with no one asked to take it ("called
    for sanctions against Moscow"): the request's target is the measure's own phrase, headed by
    an event noun of `condemning_call_acts`. The caller condemns that party: ACCUSE."""
    measures = {
        d.trigger.token.i
        for d in drafts
        if d.trigger.nominal and frames.has("condemning_call_acts", d.trigger.entry.type)
    }
    result = []
    for draft in drafts:
        target = draft.args.target
        if draft.status.type == "REQUEST" and target is not None and target.span is not None:
            words = draft.trigger.token.doc.char_span(*target.span, alignment_mode="expand")
            if words is not None and words.root.i in measures:
                draft = replace(draft, status=replace(draft.status, type="ACCUSE"))
        result.append(draft)
    return result


def _doer(act: Draft, earlier: list[Draft], frames: Frames) -> EventActor | None:
    """The known doer of an act: its own, else, for an act named again ("the strikes"), the
    last earlier act of its type whose doer is known."""
    source = act.args.source
    if source is not None and source.id is not None:
        return source
    if not _anaphoric(act.trigger, frames):
        return None
    known = [d for d in _same_acts(act.trigger, earlier, frames) if d.args.source is not None]
    found = known[-1].args.source if known else None
    return found if found is not None and found.id is not None else None


def _targetless_act(draft: Draft, frames: Frames) -> bool:
    """Whether the act read needs no target whatever type the status gave it: a concession
    news by who yielded ("resigned", "eased the curfew": frames.yaml `targetless_codes`), or
    an act of a targetless type refused or promised ("will not end the strike", "agreed to
    withdraw its troops": the mode keeps that type)."""
    entry = draft.trigger.entry
    if frames.has("targetless_codes", entry.cameo or ""):
        return True
    mode = draft.status.mode
    return mode is not None and mode == entry.type.lower() and frames.has("targetless_types", mode)


def needs_no_target(draft: Draft, frames: Frames) -> bool:
    """Whether a reading is complete without a target: its type allows none (frames.yaml
    `targetless_types`), or its act does (a concession, a refused or promised targetless act)."""
    return frames.has("targetless_types", draft.status.type) or _targetless_act(draft, frames)
