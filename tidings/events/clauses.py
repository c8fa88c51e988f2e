"""Clause structure the argument reader needs, read on the dependency parse: passive voice, the
(logical or inherited) subject of a clause, and small accessors.

* A clause with two subjects ("BERLIN -- A court ... convicted"): the one nearest the verb.
* An infinitive ("vowed to take revenge") takes the governing clause's subject, or its object
  after a verb of object control (`object_control_verbs` of frames.yaml: "urged Iraq to leave"),
  or its preposition's object after a verb like "call on" (`prepositional_control_verbs`:
  "called on the government to release them": the government is to release). A gerund after
  a verb's object and a preposition of `gerund_object_prepositions` is the object's act
  ("charged nine suppliers with helping X": the suppliers helped).
* A relative clause or participle takes the noun it modifies; a conjunct or adverbial clause
  the subject of the clause it hangs from.
"""

from __future__ import annotations

from typing import Any

from tidings.events.lexicon import Frames

VERBAL = ("VERB", "AUX")
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Steps up the parse a missing subject is looked for.
_MAX_CLIMB = 4


def is_passive(verb: Any) -> bool:
    """A passive clause, or a bare past participle hanging from a noun or a clause ("the
    plans withdrawn from the website", "Arrested in May, the activist ..."): its noun or its
    clause's subject underwent the act."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    agent = any(c.dep_ == "agent" for c in verb.children)
    if verb.tag_ == "VBN" and agent and verb.dep_ == "conj":
        return True  # "X remains under curfew and patrolled by troops": the troops patrol X
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "advcl"):
        return False
    # with no auxiliary a participle is passive, whatever subject the parser gave it
    return not any(c.dep_ == "aux" for c in verb.children)


def is_finite_clause(verb: Any) -> bool:
    """Whether a clause under a noun says something of its own ("claims that X ...",
    "reports he told X"): a subordinator or a subject of its own, which a participle ("the
    threats made by X") and a relative clause's pronoun-less verb lack."""
    return any(
        (c.dep_ == "mark" and c.pos_ == "SCONJ") or c.dep_ in ("nsubj", "nsubjpass")
        for c in verb.children
    )


def child(token: Any, *deps: str) -> Any | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def pobj(prep: Any) -> Any | None:
    """The object of a preposition: a noun phrase or a clause ("accused of attacking"); an
    absolute clause with its own subject names none ("with a spokesperson saying")."""
    found = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    absolute = (
        found is not None
        and found.dep_ == "pcomp"
        and prep.lemma_ in ("with", "without")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in found.children)
    )
    return None if absolute else found


def to_marked(verb: Any) -> bool:
    """Whether a verb is an infinitive with its "to" ("to attack")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def purpose_infinitive(verb: Any) -> bool:
    """An infinitive of purpose hanging on a clause ("sent troops to help X", "met him to
    discuss business")."""
    return verb.dep_ == "advcl" and to_marked(verb)


def has_subject(verb: Any) -> bool:
    """Whether a verb has a subject of its own: a clause of its own, not a second verb of its
    governor's clause ("shot and killed X") nor an infinitive of purpose."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _own_subject(verb: Any) -> Any | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    own = before[-1] if before else subjects[0]
    if own.dep_ == "csubj":  # "X could keep out Y in three ways: lend support": X, not Y
        inner = next((c for c in own.children if c.dep_ == "nsubj"), None)
        return inner if inner is not None else own
    return _subordinated(own, verb) or own


# Subordinators the parse may read as a preposition of the noun before them ("set out X's
# view after the top cleric backed Y": the cleric backed, not the view).
_SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "because", "when"})


def _subordinated(subject: Any, verb: Any) -> Any | None:
    """The subject a misparse hid in a preposition's object: a subject noun whose own
    "after ..." phrase runs up to the verb, in a clause that is the complement of another."""
    if verb.dep_ != "ccomp":
        return None
    for prep in subject.children:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ != "prep" or prep.lower_ not in _SUBORDINATORS or obj is None:
            continue
        if obj.right_edge.i + 1 == verb.i or (
            obj.right_edge.i + 2 == verb.i and verb.doc[verb.i - 1].dep_ in ("aux", "neg")
        ):
            return obj
    return None


# Tags of a finite verb: an adverbial clause of one has its own subject (the parse may have
# lost it in a preposition's object), never the main clause's.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _subjectless_passive(verb: Any) -> bool:
    """A passive with no subject of its own, whose subject a gerund the parse hung on it as
    an adverbial clause really is ("while insulting the president has been made an offence")."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and not deps & {"nsubj", "nsubjpass", "csubj", "csubjpass"}


def subject_of(verb: Any, frames: Frames, *, climb: int = 0) -> Any | None:
    """The token heading the clause's (logical or inherited) subject."""
    own = _own_subject(verb)
    if own is not None:
        if own.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
            return verb.head
        return own
    if climb >= _MAX_CLIMB or verb.head.i == verb.i:
        return None
    gov = verb.head
    controller = _prepositional_controller(verb, gov, frames)
    if controller is not None:  # "called on X to quit": X is to quit
        return controller
    if verb.dep_ == "xcomp":
        obj = child(gov, "dobj")
        if obj is not None and frames.has("object_control_verbs", gov.lemma_):
            return obj
        undergoer = child(gov, "nsubjpass")
        controls = frames.has("object_control_verbs", gov.lemma_) or frames.has(
            "planned_governors", gov.lemma_
        )
        if undergoer is not None and controls:  # "X was urged to quit", "X is set to meet"
            return undergoer  # (not "X was auctioned to pay off debts")
        return subject_of(gov, frames, climb=climb + 1)
    if verb.dep_ == "advcl" and verb.tag_ in _FINITE_TAGS:
        return None  # "sued after the arrival of X disrupted flights": a misparsed subject
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and _subjectless_passive(gov):
        return None  # "insulting the president has been made an offence": no one's act
    # "X is willing to withdraw": the adjective's subject is the copula's
    if verb.dep_ in ("conj", "advcl", "acomp") and gov.pos_ in VERBAL:
        return subject_of(gov, frames, climb=climb + 1)
    culpable = gov.head.dep_ == "acomp" and frames.has("culpable_adjectives", gov.head.lemma_)
    if verb.dep_ == "pcomp" and (gov.head.pos_ in VERBAL or culpable):
        # "charged nine suppliers with helping X", "praised X for resisting": the object did
        # it; "X was accused of attacking": the passive's subject; "X was guilty of": the
        # copula's subject
        obj = child(gov.head, "dobj")
        if obj is not None and frames.has("gerund_object_prepositions", gov.lemma_):
            return obj
        undergoer = child(gov.head, "nsubjpass")
        if undergoer is not None and frames.has("gerund_object_prepositions", gov.lemma_):
            return undergoer
        return subject_of(gov.head, frames, climb=climb + 1)
    if verb.dep_ in ("relcl", "acl") and not is_passive(verb):
        return gov
    return None


def prepositionally_controlled(verb: Any, frames: Frames) -> bool:
    """Is `verb` the infinitive of "called on X to ..." (whatever the parser labelled it)?"""
    return _prepositional_controller(verb, verb.head, frames) is not None


def asked_party(verb: Any, frames: Frames) -> Any | None:
    """For "called on X to ...", "appealed to X to ...": X, the one asked to act."""
    for comp in verb.children:
        found = _prepositional_controller(comp, verb, frames)
        if found is not None:
            return found
    return None


def _prepositional_controller(verb: Any, gov: Any, frames: Frames) -> Any | None:
    """The object of the preposition of a verb like "call on X to" (frames.yaml
    `prepositional_control_verbs`), for the infinitive it governs."""
    if verb.dep_ not in ("xcomp", "advcl") or not frames.has(
        "prepositional_control_verbs", gov.lemma_
    ):
        return None
    if not to_marked(verb):
        return None
    for prep in gov.children:
        if prep.dep_ not in ("prep", "prt") or prep.i > verb.i:  # "on" may be read a particle
            continue
        obj = pobj(prep) if frames.has("control_prepositions", prep.lemma_) else None
        if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):  # not "on Saturday"
            return obj
    return None


def mandated_subject(verb: Any, deontic: frozenset[str] = frozenset()) -> Any | None:
    """The subject of a clause in the mandative subjunctive the verb governs ("demanded that
    the minister resign"), or of one whose modal is among `deontic` ("said that the minister
    must resign"): whom the demand is made of."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ != "VB":
            continue
        modals = [c for c in clause.children if c.dep_ == "aux"]
        if modals and not any(c.lower_ in deontic for c in modals):
            continue
        subject = child(clause, "nsubj")
        if subject is not None:
            return subject
    return None
