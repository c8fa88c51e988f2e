"""What an event's own surroundings tell the status reader: a subject or a "no chance" that
negates it, an act reacted to or only possible, an infinitive a governor's negation reaches,
a report the text calls false, a verb's own purpose, and the status of a refusal read from a
negated act. status_governors.py finds the cues above an event; these read its place."""

from __future__ import annotations

from typing import Any

from tidings.events.clauses import to_marked
from tidings.events.lexicon import Frames
from tidings.events.records import EventActor
from tidings.events.status_governors import noun_governor


def reaction_status(noun: Any, frames: Frames) -> str | None:
    """The status of an act a verb reacts to (frames.yaml `reacting_verbs`): a known one took
    place, whatever the verb's tense or modal ("would stand up to the attacks", "will condemn
    the bombing by X"); one not yet known is possible if the reaction is still to come ("will
    respond to an attack on Jordan"), else it took place ("responded to an attack")."""
    verbs = [v for v in noun_governor(noun, frames) if frames.has("reacting_verbs", v.lemma_)]
    if not verbs:
        return None
    if _known(noun, frames):
        return "occurred"
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for v in verbs for c in v.children)
    return "hypothetical" if modal else None


def _known(noun: Any, frames: Frames) -> bool:
    """An act the text names as one already known ("the attacks", "his threats"): a possessor
    or one of frames.yaml `anaphoric_determiners`."""
    return any(
        c.dep_ == "poss" or frames.has("anaphoric_determiners", c.lower_) for c in noun.children
    )


def negative_subject(word: Any, frames: Frames) -> bool:
    """A subject that says no one did it ("no one from the department released", "nobody
    attacked", "none of the parties signed")."""
    if word.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if frames.has("negative_pronouns", word.lower_):
        return True
    return any(c.dep_ == "det" and frames.has("negators", c.lower_) for c in word.children)


def not_yet(verb: Any, frames: Frames) -> bool:
    """ "has yet to meet": not done so far, and no refusal."""
    return verb.dep_ == "xcomp" and any(
        c.dep_ == "advmod" and frames.has("not_yet", c.lemma_) for c in verb.head.children
    )


def ruled_out(verb: Any, frames: Frames) -> bool:
    """An act a "no chance" rules out ("there is no chance X will withdraw", "no sign that
    X will attack", frames.yaml `possibility_nouns`)."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl", "ccomp") or not frames.has(
        "possibility_nouns", noun.lemma_
    ):
        return False
    return any(frames.has("negators", c.lower_) for c in noun.children if c.i < noun.i)


def nobody_refused(verb: Any, frames: Frames) -> bool:
    """An act negated by no one doing it or by no chance of it, which is no one's refusal."""
    return ruled_out(verb, frames) or any(negative_subject(c, frames) for c in verb.children)


def says_no(word: Any, frames: Frames) -> bool:
    """A dependent that negates its head's act: "not", "never", "no", or a subject "no one"."""
    if word.dep_ == "neg" or negative_subject(word, frames):
        return True
    return word.dep_ in ("det", "advmod", "preconj") and frames.has("negators", word.lemma_)


def possible_doer(noun: Any, frames: Frames) -> bool:
    """An act not yet known that is the subject of a verb only possible ("US air strikes
    could do serious harm", "an attack would trigger war"): the act itself is only possible.
    Not a known one ("the deal would see X receive aid") nor a past possibility ("strikes
    could have been prevented")."""
    verb = noun.head
    if noun.dep_ != "nsubj" or noun.pos_ != "NOUN" or verb.pos_ not in ("VERB", "AUX"):
        return False
    if _known(noun, frames):
        return False
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if any(c.lemma_ == "have" for c in auxes):
        return False
    return any(c.tag_ == "MD" and frames.has("hypothetical_modals", c.lemma_) for c in auxes)


def to_infinitive(verb: Any) -> bool:
    """An infinitive its governor takes as its complement ("wants to attack", "allow X to
    attack", which the parse may make a clause of its own)."""
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "ccomp" and to_marked(verb)


def refusal_status(verb: Any, said: object, frames: Frames) -> str:
    """The status of a refusal read from a negated act ("will not end the strike", "failed to
    reach agreement"): claimed when someone reports it, occurred when the text states it, only
    possible when the text only supposes it (a modal and a hedge: "the government probably
    wouldn't give in")."""
    modal = any(
        c.dep_ == "aux" and frames.has("hypothetical_modals", c.lower_) for c in verb.children
    )
    hedged = any(
        c.dep_ == "advmod" and frames.has("supposition_adverbs", c.lower_) for c in verb.children
    )
    if modal and hedged and not said:
        return "hypothetical"
    return "claimed" if said else "occurred"


def purpose_of_object(verb: Any, frames: Frames) -> bool:
    """ "called X to discuss": a verb with an object it does not make act (not in
    `object_control_verbs`) governs its infinitive as its own purpose, not a demand."""
    if frames.has("object_control_verbs", verb.lemma_):
        return False
    deps = {c.dep_ for c in verb.children}
    return "dobj" in deps and "prt" not in deps  # "called on X to join": a demand


def said_falsely(verb: Any, frames: Frames) -> bool:
    """A content clause the text calls false ("the ad unmistakably and wrongfully suggests
    that X supports Y", "falsely claimed that"): what it reports is denied."""
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    adverbs = [c for c in verb.children if c.dep_ == "advmod"]
    adverbs += [c for a in adverbs for c in a.children if c.dep_ == "conj"]
    return any(frames.has("falsity_adverbs", a.lower_) for a in adverbs)


def aimless_threat(kind: str, target: EventActor | None, frames: Frames) -> bool:
    """An act of a type that threatens only a party named as its target (frames.yaml
    `aimed_threat_types`) with none named: "plans to deploy Marines to the region" is a
    deployment still to come, no threat."""
    return frames.has("aimed_threat_types", kind) and (target is None or target.id is None)


def denied_attribute(verb: Any) -> bool:
    """An infinitive of a noun that a negated copula says is not so: "it was not her job to
    bow to the campaign", "it is not our intention to attack": the act is not done."""
    noun = verb.head
    if verb.dep_ not in ("acl", "relcl") or not to_marked(verb) or noun.dep_ != "attr":
        return False
    return any(c.dep_ == "neg" for c in noun.head.children)
