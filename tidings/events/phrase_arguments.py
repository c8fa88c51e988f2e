"""Sides read from phrases: prepositions ("by X", "against X"), modifiers ("the US strike"),
the means of an event ("killed in a US strike") and event nouns ("Iran's attack on X", "the
assassination of X"). The clause-level reading (tidings/events/arguments.py) builds on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.events.actors import ActorFinder
from tidings.events.clauses import child as _child
from tidings.events.clauses import has_subject, is_passive, subject_of
from tidings.events.clauses import pobj as _pobj
from tidings.events.fillers import FillerReader
from tidings.events.lexicon import EventLexicon, Frames, LexEntry
from tidings.events.reader_base import DocumentReader
from tidings.events.records import EventActor
from tidings.events.slot_reader import SlotReader
from tidings.events.triggers import Trigger, phrase_head

# Dependency labels by which a thing is what the trigger itself acts on ("rejected the
# referendum", "the referendum was rejected").
DIRECT_OBJECTS = frozenset({"dobj", "nsubjpass"})
# Entity labels of a preposition's object that is a time, never a target ("on Saturday").
TIME_LABELS = frozenset({"DATE", "TIME"})
# Entity labels of a named place or building: a target only when no party is named.
PLACE_LABELS = frozenset({"FAC", "LOC"})
MODIFIERS = ("poss", "compound", "amod", "nmod")
# Cue lists whose verbs' subject is the source of the event noun they govern.
_CARRYING_CUES = ("promise_cues", "threat_cues", "demand_cues", "light_verbs")


@dataclass(frozen=True, slots=True)
class Arguments:
    source: EventActor | None
    target: EventActor | None
    source_token: Any | None


def same_actor(a: EventActor, b: EventActor) -> bool:
    return a.span == b.span or (a.id is not None and a.id == b.id)


class PhraseReader(DocumentReader):
    """Sides read from the phrases of one document."""

    def __init__(
        self, finder: ActorFinder, frames: Frames, lexicon: EventLexicon | None = None
    ) -> None:
        super().__init__(finder, frames, lexicon)
        self.fillers = FillerReader(finder, frames, lexicon)
        self.slots = SlotReader(self.fillers, frames)

    def _by_preposition(self, token: Any, words: str) -> EventActor | None:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and self.frames.has(words, child.lemma_):
                obj = _pobj(child)
                if obj is not None:
                    return self.finder.actor(obj)
        return None

    def prep_target(
        self, token: Any, *, weak: bool = True, linked: bool = False, avoid: Any | None = None
    ) -> EventActor | None:
        """The target a preposition of `token` brings in, the most telling preposition first
        (the weak ones only with `weak`, and only for an actor). A named place or building,
        or whatever a venue preposition brings ("at State House", "in the Old City"), comes
        after any party ("held talks with X at State House": X). `avoid`: a word that is no
        target (the event noun itself)."""
        subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        # a phrase fronted before the subject sets the scene ("if in government, he would
        # refuse"), it names no one acted upon
        front = min(subjects) if subjects and token.pos_ in ("VERB", "AUX") else -1
        preps = {
            c.lemma_.lower(): c
            for c in reversed(list(token.children))
            if c.dep_ == "prep" and c.i > front
        }
        place: EventActor | None = None
        for word in self.frames.target_order:
            prep = preps.get(word)
            obj = _pobj(prep) if prep is not None else None
            if obj is None or (avoid is not None and obj.i == avoid.i):
                continue
            is_weak = self.frames.has("weak_target_prepositions", word)
            if (is_weak and not weak) or obj.ent_type_ in TIME_LABELS:
                continue
            if word == "with" and _absolute(prep, obj):
                continue  # "to block Iraqi trade, with Britain ... lending support": co-doers
            actor = self.finder.actor(obj, linked_only=is_weak or linked)
            venue = self.frames.has("venue_prepositions", word)  # "at State House"
            if actor is not None and (obj.ent_type_ in PLACE_LABELS or venue):
                place = place or actor
            elif actor is not None:
                return actor
        return place

    def modifier_actor(self, noun: Any) -> EventActor | None:
        for child in noun.children:
            if child.dep_ in MODIFIERS and child.i < noun.i:
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

    def _is_actor(self, token: Any) -> bool:
        """Whether a phrase names a party rather than a thing ("Iraq", "the minister", "them"
        against "the mandate", "12 skulls")."""
        return self.finder.names_party(token)

    def _event_noun(self, noun: Any) -> LexEntry | None:
        """The lexicon's entry when `noun` is itself an event word: as a clause's subject it
        is the event, whose doer is the one who carried the clause out, not the party in its
        "of" phrase (its victim: "the martyrdom of X destroyed ...")."""
        if self.lexicon is None or noun.pos_ != "NOUN":
            return None
        entries = self.lexicon.lookup(noun.lemma_, "noun") or self.lexicon.lookup(noun.text, "noun")
        return next((e for e in entries if not e.with_), None)

    def _noun_source(self, noun: Any, entry: LexEntry) -> EventActor | None:
        found = self._by_preposition(noun, "source_prepositions")
        if found is not None:
            return found
        if entry.possessor == "target":
            for child in noun.children:
                if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
                    actor = self.finder.actor(child, linked_only=True)
                    if actor is not None:
                        return actor
            return None
        return self.modifier_actor(noun)

    def _object_target(self, obj: Any) -> EventActor | None:
        """The target an event noun's object names: a party itself; for a thing, where the
        thing was aimed ("a barrage of rockets aimed at bases hosting US troops"), else
        whatever actor the thing's words name ("the release of Iranian prisoners")."""
        if not self._is_actor(obj):
            for acl in obj.children:
                aimed = self.prep_target(acl, weak=False) if acl.dep_ == "acl" else None
                if aimed is not None:
                    return aimed
        return self.finder.actor(obj)

    def _between(self, noun: Any) -> Arguments | None:
        """The two sides of an event noun, coordinated after `between_prepositions`
        ("cooperation between X and Y", "clashes between X and Y"): X the source, Y the
        target."""
        for prep in noun.children:
            if prep.dep_ != "prep" or not self.frames.has("between_prepositions", prep.lemma_):
                continue
            first = _pobj(prep)
            second = _child(first, "conj") if first is not None else None
            if first is None or second is None:
                continue
            source = self.finder.actor(first, phrase_only=True)
            target = self.finder.actor(second)
            if source is not None and target is not None and not same_actor(source, target):
                return Arguments(source, target, None)
        return None

    def _instrument_source(self, noun: Any) -> EventActor | None:
        """An event noun that is the means of an active clause ("Iran responded with missile
        attacks", "hit them with sanctions"): the clause's subject carries it out."""
        prep = noun.head
        if noun.dep_ != "pobj" or not self.frames.has("instrument_prepositions", prep.lemma_):
            return None
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
            return None
        subj = subject_of(verb, self.frames)
        return self.finder.actor(subj, linked_only=True) if subj is not None else None

    def _noun(self, trigger: Trigger) -> Arguments:
        noun = phrase_head(trigger.token)
        source = None
        carried = noun
        while (
            carried.dep_ == "conj" and carried.head.pos_ == "NOUN"
        ):  # "rejection and condemnation"
            carried = carried.head
        if carried.dep_ == "dobj" and any(
            self.frames.has(key, carried.head.lemma_) for key in _CARRYING_CUES
        ):  # "pledged his country's support": the one who pledged
            subj = subject_of(carried.head, self.frames)
            source = self.finder.actor(subj) if subj is not None else None
        source = source or self._noun_source(noun, trigger.entry) or self._instrument_source(noun)
        if source is None and noun.i != trigger.token.i and self.fillers.is_party(noun):
            # "peacekeeping troops", "protest leaders": the party the act describes does it
            source = self.finder.actor(noun, linked_only=True)
        if source is None:  # "clashes between X and Y": both sides of it
            both = self._between(noun)
            if both is not None:
                return both
        target = None
        if trigger.entry.possessor == "target":
            poss = _child(noun, "poss")
            target = self.finder.actor(poss) if poss is not None else None
        for child in noun.children:
            if target is None and child.dep_ == "prep":
                obj = _pobj(child) if self.frames.has("object_prepositions", child.lemma_) else None
                target = self._object_target(obj) if obj is not None else None
        target = target or self.prep_target(noun)
        if target is None and carried is not noun:  # "its rejection and condemnation of X"
            shared = [c for c in carried.children if c.dep_ == "prep" and c.i > noun.i]
            for child in shared:
                obj = _pobj(child) if self.frames.has("object_prepositions", child.lemma_) else None
                target = target or (self._object_target(obj) if obj is not None else None)
        if target is not None and source is not None and target.span == source.span:
            target = None
        return Arguments(source, target, None)


def _absolute(prep: Any, obj: Any) -> bool:
    """A "with" phrase after a comma whose party does something of its own in a participle
    ("..., with Britain and Australia lending support at sea"): no partner of the verb."""
    doc = prep.doc
    if prep.i == 0 or doc[prep.i - 1].text != ",":
        return False
    after = (t for t in doc[obj.right_edge.i + 1 : prep.sent.end] if t.pos_ in ("VERB", "AUX"))
    verb = next(after, None)
    return verb is not None and verb.tag_ == "VBG" and not has_subject(verb)
