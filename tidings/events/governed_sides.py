"""Sides a clause takes from what governs it or what it governs: whom a demand is made of,
whom a warning aims at, whom revenge answers, whom an object-control verb lets act, whom an
act's purpose serves, and the state where an arrest naming no doer happened. The clause-level
reading (tidings/events/arguments.py) falls back on these when its own words name no side."""

from __future__ import annotations

from typing import Any

from tidings.events.clauses import child as _child
from tidings.events.clauses import (
    has_subject,
    mandated_subject,
    purpose_infinitive,
    to_marked,
)
from tidings.events.clauses import pobj as _pobj
from tidings.events.phrase_arguments import DIRECT_OBJECTS, TIME_LABELS, PhraseReader
from tidings.events.records import EventActor
from tidings.events.triggers import Trigger

# Dependencies of a word saying which ones a plural noun means ("Asian states", "the firms").
_NAMING_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "prep", "relcl", "acl"})


class GovernedSides(PhraseReader):
    """Sides read through a clause's governor or complements."""

    def _jurisdiction(self, verb: Any) -> EventActor | None:
        """Who arrested or jailed when no one is named: the country it happened in ("was
        arrested in X": X's authorities), read only from a country of the actor base."""
        for prep in verb.children:
            if prep.dep_ != "prep" or not self.frames.has("jurisdiction_prepositions", prep.lemma_):
                continue
            place = _pobj(prep)
            if place is None or place.ent_type_ in TIME_LABELS or place.pos_ != "PROPN":
                continue  # a name of a place ("in Novalia"), not "in one of Britain's cases"
            found = self.finder.actor(place, linked_only=True, phrase_only=True)
            if found is not None and found.country is not None and found.id == found.country:
                return found
        return None

    def _purpose_target(self, verb: Any) -> EventActor | None:
        """The party a governing verb acts on, for the infinitive of its purpose ("called X to
        apologize", "met X to discuss"): when the governor's object is not the infinitive's
        doer (`object_control_verbs`), the infinitive's act is done to it."""
        obj = self.purpose_object(verb)
        return self.finder.actor(obj) if obj is not None and self._is_actor(obj) else None

    def purpose_object(self, verb: Any) -> Any | None:
        """The object of the verb whose purpose the infinitive `verb` is, when that object is
        not the infinitive's doer ("met X to discuss": X; not "asked X to resign")."""
        governor = verb.head
        if verb.dep_ not in ("xcomp", "advcl") or governor.pos_ not in ("VERB", "AUX"):
            return None
        if has_subject(verb):
            return None  # a clause of its own ("praised X because he resigned"), no purpose
        if self.frames.has("object_control_verbs", governor.lemma_):
            return None
        return _child(governor, "dobj") or _child(governor, "oprd")  # "called X": a misparse

    def _avenged(self, trigger: Trigger) -> EventActor | None:
        """Whom revenge is aimed at: the doer of the act it answers ("vowed revenge for the
        killing of X by Y": Y), when the words of revenge (`retaliation`) name their cause
        (`cause_prepositions`)."""
        verb = trigger.token
        words = [verb, *(verb.doc[i] for i in trigger.consumed)]
        words += [c for c in verb.children if c.dep_ == "dobj"]
        if not any(self.frames.has("retaliation", w.lemma_) for w in words):
            return None
        for word in words:
            for prep in word.children:
                if prep.dep_ != "prep" or not self.frames.has("cause_prepositions", prep.lemma_):
                    continue
                cause = _pobj(prep)
                if cause is not None and self.fillers.kind(cause) == "statement":
                    return self._by_preposition(cause, "source_prepositions") or (
                        self.modifier_actor(cause)
                    )
        return None

    def _demanded(self, verb: Any) -> EventActor | None:
        """Of whom a demand is made when no one is named as its object: the subject of the
        clause it demands ("demanding the administration cut off aid"), else the doer of the
        act it demands ("demanded American withdrawal", "the withdrawal of foreign forces")."""
        for clause in verb.children:
            subject = _child(clause, "nsubj") if clause.dep_ in ("ccomp", "acl") else None
            if subject is not None and _set_apart(clause, verb):
                continue  # "X and Y want the budget capped - the Commission urged an increase"
            if subject is not None and self.fillers.is_party(subject):
                return self.finder.actor(subject)
        for obj in verb.children:
            if obj.dep_ != "dobj" or self.fillers.kind(obj) != "statement":
                continue
            doer = self.modifier_actor(obj)
            for prep in obj.children:
                if doer is None and prep.dep_ == "prep":
                    words = (
                        _pobj(prep) if self.frames.has("object_prepositions", prep.lemma_) else None
                    )
                    if words is not None and self.fillers.is_party(words):
                        doer = self.finder.actor(words)
            if doer is not None:
                return doer
        return None

    def _warned(self, verb: Any) -> EventActor | None:
        """Whom a warning is aimed at when no one is named as its object: the party acted on
        in the clause it warns of, or the doer of the act it warns against ("warned that
        rallies by X will not be tolerated": X; "warned he will respond to any Iranian
        aggression": Iran)."""
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            words = [w for w in clause.children if w.dep_ in DIRECT_OBJECTS]
            words += [
                obj
                for prep in clause.children
                if prep.dep_ == "prep"
                and prep.lemma_.lower() in self.frames.target_order
                and not self.frames.has("weak_target_prepositions", prep.lemma_)
                and (obj := _pobj(prep)) is not None
            ]
            for word in words:
                kind = self.fillers.kind(word)
                found = None
                if kind == "actor":
                    found = self.finder.actor(word)
                elif kind in ("statement", "held"):
                    found = self.fillers.owner(word)
                if found is not None:
                    return found
        return None

    @staticmethod
    def _purpose(clause: Any) -> bool:
        """An infinitive of purpose ("provided aid to support refugees in X", "sent troops to
        help X"): whom the purpose is for is whom the act is for."""
        return purpose_infinitive(clause)

    def _controlled(self, verb: Any) -> EventActor | None:
        """The party a verb acts on, parsed as the subject of its complement: of an
        infinitive ("allow two airlines to land", "convicted the bank to pay": the airlines,
        the bank) or of a small clause ("found X guilty"). A finite clause is what is said
        ("warned that Iran will take revenge", "warned she will respond")."""
        if any(c.dep_ == "dobj" for c in verb.children):
            return None
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            infinitive = to_marked(clause)
            small = clause.pos_ in ("ADJ", "NOUN")  # "found X guilty", "declared X a winner"
            subject = _child(clause, "nsubj") if infinitive or small else None
            if subject is None:
                continue
            # a party's name whose head word is also a plan's ("the World Food Program")
            if self.fillers.kind(subject) in ("actor", "held") or self.fillers.is_party(subject):
                return self.finder.actor(subject)
        return None

    def _mandated(self, verb: Any) -> EventActor | None:
        subject = mandated_subject(verb, self.frames.words["deontic_modals"])
        if subject is None or self.fillers.kind(subject) != "actor":
            return None  # "the reforms should help", "the economies should emerge": no one asked
        bare = not any(c.dep_ in _NAMING_DEPS for c in subject.children)
        if subject.tag_ == "NNS" and bare:
            return None  # "companies should encourage", "judges should think": a class of people
        return self.finder.actor(subject)


def _set_apart(clause: Any, verb: Any) -> bool:
    """A clause before the verb that a dash or a semicolon separates from it: a statement of
    its own, not what the verb demands ("X must go, he demanded" is one)."""
    if clause.i > verb.i:
        return False
    between = verb.doc[clause.right_edge.i + 1 : verb.i]
    return any(t.text in ("-", "–", "—", ";") for t in between)


__all__ = ["GovernedSides"]
