"""Who did it and to whom, read on the dependency parse.

* Active clause: subject → source, direct object → target (unless the entry says the object is
  what is done), else an indirect object, else a target preposition (`target_prepositions` of
  frames.yaml, in its order; the weak ones only when an actor is inside).
* Passive clause: passive subject → target, the agent ("by ...") → source, else the actor
  inside the means ("killed in a US drone strike" → US).
* Light verb + event noun: the verb's subject is the source (the target after an undergoer
  verb, "suffered an attack"), targets from the noun's prepositions, then the verb's.
* Event noun: possessor and modifiers ("Iran's attack", "the US killing") → source, unless the
  entry says the possessor is the target ("X's assassination"); the "of" phrase → target;
  "by" → source.
* A subject missing from the clause is the governing clause's ("vowed to take revenge", "urged
  Iraq to leave": the object of the governor), the noun a relative clause modifies, or the
  subject of the clause a participle hangs from.
* Coordination: the first conjunct is the argument; a conjunct of the subject with no target
  otherwise named is the target ("Iran and the US held talks": Iran → US). Other conjuncts are
  not events of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.events.actors import ActorFinder
from tidings.events.lexicon import Frames
from tidings.events.records import EventActor
from tidings.events.triggers import Trigger

_VERBAL = ("VERB", "AUX")
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Entity labels of a preposition's object that is a time, never a target ("on Saturday").
_TIME_LABELS = frozenset({"DATE", "TIME"})
_MODIFIERS = ("poss", "compound", "amod", "nmod")
# Cue lists whose verbs' subject is the source of the event noun they govern.
_CARRYING_CUES = ("promise_cues", "threat_cues", "demand_cues", "light_verbs")
# Steps up the parse a missing subject is looked for.
_MAX_CLIMB = 4


@dataclass(frozen=True, slots=True)
class Arguments:
    source: EventActor | None
    target: EventActor | None
    source_token: Any | None


def _same(a: EventActor, b: EventActor) -> bool:
    return a.span == b.span or (a.id is not None and a.id == b.id)


def is_passive(verb: Any) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return bool(verb.dep_ == "acl" and verb.tag_ == "VBN")


def subject_of(verb: Any, *, climb: int = 0) -> Any | None:
    """The token heading the clause's (logical or inherited) subject."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
                return verb.head
            return child
    if climb >= _MAX_CLIMB or verb.head.i == verb.i:
        return None
    gov = verb.head
    if verb.dep_ == "xcomp":
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        return obj if obj is not None else subject_of(gov, climb=climb + 1)
    if verb.dep_ in ("conj", "advcl") and gov.pos_ in _VERBAL:
        return subject_of(gov, climb=climb + 1)
    if verb.dep_ == "pcomp" and gov.head.pos_ in _VERBAL:
        return subject_of(gov.head, climb=climb + 1)
    if verb.dep_ in ("relcl", "acl") and not is_passive(verb):
        return gov
    return None


def _child(token: Any, *deps: str) -> Any | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _pobj(prep: Any) -> Any | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


class ArgumentReader:
    """Arguments of the triggers of one document."""

    def __init__(self, finder: ActorFinder, frames: Frames) -> None:
        self.finder = finder
        self.frames = frames

    def _by_preposition(self, token: Any, words: str) -> EventActor | None:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and self.frames.has(words, child.lemma_):
                obj = _pobj(child)
                if obj is not None:
                    return self.finder.actor(obj)
        return None

    def prep_target(
        self, token: Any, *, weak: bool = True, linked: bool = False
    ) -> EventActor | None:
        """The target a preposition of `token` brings in, the most telling preposition first
        (the weak ones only with `weak`, and only for an actor)."""
        preps = {c.lemma_.lower(): c for c in reversed(list(token.children)) if c.dep_ in ("prep",)}
        for word in self.frames.target_order:
            prep = preps.get(word)
            obj = _pobj(prep) if prep is not None else None
            if obj is None:
                continue
            is_weak = self.frames.has("weak_target_prepositions", word)
            if (is_weak and not weak) or obj.ent_type_ in _TIME_LABELS:
                continue
            actor = self.finder.actor(obj, linked_only=is_weak or linked)
            if actor is not None:
                return actor
        return None

    def modifier_actor(self, noun: Any) -> EventActor | None:
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.i < noun.i:
                actor = self.finder.actor(child, linked_only=True)
                if actor is not None:
                    return actor
        return None

    def means_source(self, verb: Any) -> EventActor | None:
        """The actor inside the means of an event ("in a US drone strike", "in a strike
        ordered by X")."""
        for child in verb.children:
            if child.dep_ != "prep" or not self.frames.has("means_prepositions", child.lemma_):
                continue
            noun = _pobj(child)
            if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            found = self._by_preposition(noun, "source_prepositions") or self.modifier_actor(noun)
            if found is not None:
                return found
            for acl in noun.children:
                if acl.dep_ == "acl":
                    agent = self._by_preposition(acl, "source_prepositions")
                    if agent is not None:
                        return agent
        return None

    def read(self, trigger: Trigger) -> Arguments:
        if trigger.light is not None:
            found = self._light(trigger)
        elif trigger.nominal:
            found = self._noun(trigger)
        else:
            found = self._verb(trigger)
        source, target = found.source, found.target
        if source is not None and target is not None and _same(source, target):
            return Arguments(source, None, found.source_token)
        return found

    def _verb(self, trigger: Trigger) -> Arguments:
        verb = trigger.token
        if is_passive(verb):
            subj = _child(verb, "nsubjpass")
            if subj is None and verb.dep_ == "acl":
                subj = verb.head
            target = self.finder.actor(subj) if subj is not None else None
            source = self._by_preposition(verb, "source_prepositions") or self.means_source(verb)
            return Arguments(source, target, None)
        subj = subject_of(verb)
        source = self.finder.actor(subj) if subj is not None else None
        if subj is None and verb.dep_ == "amod":  # "with X threatening action": a misparse
            subj = next((c for c in verb.head.children if c.dep_ == "amod" and c.i < verb.i), None)
            source = self.finder.actor(subj, linked_only=True) if subj is not None else None
        target = None
        obj = None if trigger.entry.object_content else _child(verb, "dobj")
        if obj is not None and obj.i not in trigger.consumed:
            target = self.finder.actor(obj)
        heads = [verb, *(verb.doc[i] for i in trigger.consumed)]
        target = target or self._dative(verb) or self._targets(heads, subj)
        target = target or self._complement_target(verb)
        unlinked = source is None or source.id is None
        if subj is not None and subj.i == verb.head.i and unlinked and subj.dep_ == "dobj":
            outer = subject_of(subj.head)  # "filed a lawsuit accusing X": the filer
            source = self.finder.actor(outer) if outer is not None else source
        return Arguments(source, target, subj)

    def _complement_target(self, verb: Any) -> EventActor | None:
        """A target named in the verb's infinitive ("agreed to allow X access", "refused to
        answer a request from X")."""
        xcomp = _child(verb, "xcomp")
        if xcomp is None:
            return None
        obj = _child(xcomp, "dobj")
        found = self._targets([xcomp], None)
        if found is None and obj is not None:
            found = self.finder.actor(obj, linked_only=True) or self.prep_target(obj)
        return found

    def _targets(self, heads: list[Any], subj: Any | None) -> EventActor | None:
        """A target by preposition: an actor after a strong preposition, else a conjunct of
        the subject, else any phrase after a strong preposition, else an actor after a weak
        one."""
        for head in heads:
            found = self.prep_target(head, weak=False, linked=True)
            if found is not None:
                return found
        if subj is not None:
            found = self._conjunct(subj)
            if found is not None:
                return found
        for weak in (False, True):
            for head in heads:
                found = self.prep_target(head, weak=weak)
                if found is not None:
                    return found
        return None

    def _dative(self, verb: Any) -> EventActor | None:
        for child in verb.children:
            if child.dep_ in ("dative", "iobj") and child.pos_ in ("NOUN", "PROPN", "PRON"):
                return self.finder.actor(child)
        return None

    def _conjunct(self, subj: Any) -> EventActor | None:
        conj = _child(subj, "conj")
        return None if conj is None else self.finder.actor(conj, linked_only=True)

    def _light(self, trigger: Trigger) -> Arguments:
        verb, noun = trigger.light, trigger.token
        subj = subject_of(verb)
        if is_passive(verb):
            subj = None
        subject = self.finder.actor(subj) if subj is not None else None
        if trigger.undergoer:
            source = self._noun_source(noun, trigger)
            return Arguments(source, subject, None)
        source = subject
        if source is None:
            source = self._by_preposition(verb, "source_prepositions")
            source = source or self._noun_source(noun, trigger)
        target = self._dative(verb) or self._targets([noun, verb], subj)
        return Arguments(source, target, subj)

    def _noun_source(self, noun: Any, trigger: Trigger) -> EventActor | None:
        found = self._by_preposition(noun, "source_prepositions")
        if found is not None:
            return found
        if trigger.entry.possessor == "target":
            for child in noun.children:
                if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
                    actor = self.finder.actor(child, linked_only=True)
                    if actor is not None:
                        return actor
            return None
        return self.modifier_actor(noun)

    def _noun(self, trigger: Trigger) -> Arguments:
        noun = trigger.token
        source = None
        if noun.dep_ == "dobj" and any(
            self.frames.has(key, noun.head.lemma_) for key in _CARRYING_CUES
        ):  # "pledged his country's support": the one who pledged
            subj = subject_of(noun.head)
            source = self.finder.actor(subj) if subj is not None else None
        source = source or self._noun_source(noun, trigger)
        target = None
        if trigger.entry.possessor == "target":
            poss = _child(noun, "poss")
            target = self.finder.actor(poss) if poss is not None else None
        for child in noun.children:
            if target is None and child.dep_ == "prep":
                obj = _pobj(child) if self.frames.has("object_prepositions", child.lemma_) else None
                target = self.finder.actor(obj) if obj is not None else None
        target = target or self.prep_target(noun)
        if target is not None and source is not None and target.span == source.span:
            target = None
        return Arguments(source, target, None)
