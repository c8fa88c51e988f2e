"""Who did it and to whom, read on the dependency parse: the clause (tidings/events/
phrase_arguments.py reads prepositions, modifiers and event nouns; governed_sides.py the sides
a clause takes from its governor or complements: demands, warnings, purposes, arrests).

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
* An entry's `slots` override the default reading of the sides they name (slot_reader.py).
* A side is a party, a place or body a party holds, or an act; a thing is no side
  (fillers.py).
* Coordination: the first conjunct is the argument; a conjunct of the subject with no target
  otherwise named is the target of an act done together ("Iran and the US held talks": Iran
  → US; frames.yaml `reciprocal_types`, `reciprocal_words`), never of another ("Novalia and
  Harbouria refused": co-doers, no target); a named party
  coordinated with the target has an event of its own (stage.py: "will meet X and Y").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.events.clauses import child as _child
from tidings.events.clauses import is_passive, subject_of
from tidings.events.clauses import pobj as _pobj
from tidings.events.governed_sides import GovernedSides
from tidings.events.phrase_arguments import (
    DIRECT_OBJECTS,
    MODIFIERS,
    TIME_LABELS,
    Arguments,
    same_actor,
)
from tidings.events.records import EventActor
from tidings.events.triggers import Trigger, phrase_head

# How many infinitives down ("agreed to open its borders for trucks to enter X") a target is
# looked for.
_MAX_COMPLEMENTS = 2


class ArgumentReader(GovernedSides):
    """Arguments of the triggers of one document."""

    def read(self, trigger: Trigger) -> Arguments:
        if trigger.light is not None:
            found = self._light(trigger)
        elif trigger.nominal:
            found = self._noun(trigger)
            if found.source is None:
                other = self._measured(trigger) or self._participle(trigger)
                if other is not None and (other.source is not None or found.target is None):
                    # "announced a sixfold increase in funding for X": the announcer's
                    found = Arguments(
                        other.source, found.target or other.target, other.source_token
                    )
        else:
            found = self._verb(trigger)
        if (
            found.target is None
            and trigger.token.pos_ == "NOUN"
            and self.frames.has("demand_cues", trigger.token.lemma_)
        ):  # "its demand that the US ease sanctions": of whom the demand is made
            found = replace(found, target=self._demanded(trigger.token))
        source = self._party(found.source, trigger, as_source=True)
        target = self._party(found.target, trigger, as_source=False)
        if source is not None and target is not None and same_actor(source, target):
            target = None
        return Arguments(source, target, found.source_token)

    def _measured(self, trigger: Trigger) -> Arguments | None:
        """An event noun measured out as a light verb's object ("gave X 5 million dollars of
        aid", "sent 3,000 tons of food to X"): the verb's subject and recipient."""
        noun = phrase_head(trigger.token)
        prep = noun.head
        if noun.dep_ != "pobj" or not self.frames.has("measure_prepositions", prep.lemma_):
            return None
        amount = prep.head
        verb = amount.head
        if amount.dep_ != "dobj" or not self.frames.has("light_verbs", verb.lemma_):
            return None
        if self.fillers.noun_types(amount):
            return None  # "made an offer of talks": the offer is the event, not the talks
        subj, source = self._subject(verb)
        target = self._dative(verb) or self._recipient([verb, amount])
        if target is None and subj is not None and self._reciprocal(trigger):
            target = self._conjunct(subj, linked_only=False)  # "X and Y began exercises"
        return Arguments(source, target, subj)

    def _participle(self, trigger: Trigger) -> Arguments | None:
        """An event noun whose participle names its sides ("the sanctions imposed on Iran by
        the United States"): the participle's agent and target."""
        noun = phrase_head(trigger.token)
        for acl in noun.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN":
                continue
            source = self._by_preposition(acl, "source_prepositions")
            target = self.prep_target(acl, weak=False)
            if source is not None or target is not None:
                return Arguments(source, target, None)
        return None

    def _party(
        self, side: EventActor | None, trigger: Trigger, *, as_source: bool
    ) -> EventActor | None:
        """A side read from words that name no actor of the actor layer is kept only when
        those words name a party, a place or body held by one, or (as the target) an act or
        statement ("condemned the attack"). A thing is no source ("provided X with aircraft":
        not the aircraft), nor a target reached past the trigger's own object ("threatened to
        stop negotiations", "withdrew its troops"); the thing a verb directly acts on stays
        ("rejected the referendum"). An act or statement with no owner named is no source
        ("a joint statement said", "the strike that killed X")."""
        if side is None or side.id is not None or side.span is None:
            return side
        words = self.finder.doc.char_span(*side.span, alignment_mode="expand")
        if words is None:
            return side
        root = words.root
        kind = self.fillers.kind(root)
        own = root.head.i in (trigger.token.i, trigger.head.i)
        if as_source:
            named = root.is_title  # a name the parser did not tag ("Action Against Hunger")
            # an act as the clause's own subject is its means ("a suicide attack has killed")
            act = kind == "statement" and own and root.dep_ in ("nsubj", "agent")
            return side if kind in ("actor", "held") or named or act else None
        if kind in ("actor", "held"):
            return side
        owner = self.fillers.owner(root) if kind == "statement" else None
        if owner is not None:  # "conceded to the demands of X": X
            return owner
        return side if own and root.dep_ in DIRECT_OBJECTS else None

    def _subject(self, verb: Any) -> tuple[Any | None, EventActor | None]:
        subj = subject_of(verb, self.frames)
        if subj is None:
            if verb.dep_ == "amod":  # "with X threatening action": a misparse
                subj = next(
                    (c for c in verb.head.children if c.dep_ in MODIFIERS and c.i < verb.i),
                    None,
                )
                return subj, self.finder.actor(subj, linked_only=True) if subj else None
            return None, None
        if subj.pos_ == "NOUN" and self.frames.has("outcome_nouns", subj.lemma_):
            return subj, None  # "the success of X's sale would encourage ...": a cause
        event = self._event_noun(subj) if self._subject_proper(verb, subj) else None
        if event is not None:  # "the strike that killed X", "the martyrdom of X destroyed ..."
            return subj, self._noun_source(subj, event) or self.finder.unlinked(subj)
        # The noun a participle or relative clause modifies names its actor outside the clause.
        source = self.finder.actor(subj, phrase_only=subj.i == verb.head.i, doer=True)
        unlinked = source is None or source.id is None
        # a document of no named owner: not "a body that gives", nor "a court's decision to"
        written = self.frames.has("statement_nouns", subj.lemma_) and not any(
            c.dep_ == "poss" for c in subj.children
        )
        if subj.i == verb.head.i and unlinked and subj.dep_ == "dobj" and written:
            outer = subject_of(subj.head, self.frames)  # "filed a lawsuit accusing X": the filer
            source = self.finder.actor(outer) if outer is not None else source
        return subj, source

    def _verb(self, trigger: Trigger) -> Arguments:
        """The default reading, then the entry's slots; a warning with no target named aims at
        the party of the clause it warns of, and revenge at the doer of what it answers."""
        found = self._default_verb(trigger)
        source, target = found.source, found.target
        slots = trigger.entry.slots
        if slots is not None:
            reading = self.slots.read(trigger.token, slots)
            source = reading.source if "source" in reading.named else source
            target = reading.target if "target" in reading.named else target
        if target is None and self.frames.has("threat_cues", trigger.token.lemma_):
            target = self._warned(trigger.token)
        if target is None and self.frames.has("demand_cues", trigger.token.lemma_):
            target = self._demanded(trigger.token)
        target = self._avenged(trigger) or target
        return Arguments(source, target, found.source_token)

    def _default_verb(self, trigger: Trigger) -> Arguments:
        verb = trigger.token
        if is_passive(verb):
            subj = _child(verb, "nsubjpass", "nsubj")  # a participle's "subject" underwent it
            if subj is None and verb.dep_ == "acl":
                subj = verb.head
            target = self.finder.actor(subj) if subj is not None else None
            kind = self.fillers.kind(subj) if subj is not None else None
            listed = subj is not None and self.frames.has("held_nouns", subj.lemma_)
            if subj is not None and (kind == "thing" or (kind == "held" and not listed)):
                # "the paintings were returned by X to Y": the thing went to Y
                target = self._recipient([verb]) or target
            source = self._by_preposition(verb, "source_prepositions") or self.means_source(verb)
            if source is None and self.frames.has("jurisdiction_types", trigger.entry.type):
                source = self._jurisdiction(verb)
            return Arguments(source, target, None)
        subj, source = self._subject(verb)
        if (
            subj is not None
            and subj.pos_ == "NOUN"
            and not subj.ent_type_
            and not (subj.is_title and not subj.is_sent_start)  # "Israel Flying Aid": a name
            and self._subject_proper(verb, subj)
            and self._event_noun(subj) is not None
            and not self.fillers.is_party(subj)  # "the alliance agreed"
            and not any(c.dep_ == "poss" for c in subj.children)  # "its commitment to"
            and not self.frames.has("harmful_types", trigger.entry.type)
        ):  # "the strike killed X" is the strikers'; "EU cooperation would help" no one's aid
            source = None
        consumed = [verb.doc[i] for i in trigger.consumed]
        target = self.clause_target(
            verb,
            content=trigger.entry.object_content,
            consumed=consumed,
            subj=subj if self._reciprocal(trigger) else None,
        )
        return Arguments(source, target or self._purpose_target(verb), subj)

    def _owned(self, obj: Any) -> bool:
        """ "its troops", "their weapons": the subject's own things, not the one acted upon
        ("his counterpart" is a party)."""
        possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)
        relational = self.frames.has("relational_nouns", obj.lemma_)
        return possessed and not (relational or self._is_actor(obj))

    def _own_forces(self, verb: Any, obj: Any) -> bool:
        """ "sent troops to X", "offered to deploy peacekeepers in X": forces named by no one's
        name are the doer's own, and where they go is the target."""
        if not self.frames.has("own_force_nouns", obj.lemma_):
            return False
        named = [c for c in obj.children if c.dep_ in MODIFIERS or c.lemma_ == "of"]
        if named:
            return False  # "Novalian troops", "troops of the Harbour Legion": a party's
        return self._recipient([verb, obj]) is not None

    def clause_target(
        self, verb: Any, *, content: bool, consumed: list[Any], subj: Any | None, depth: int = 0
    ) -> EventActor | None:
        """The target of an active clause: a party as direct object, an indirect object, the
        one a demand is made of, the recipient of a thing ("returned the paintings to X"),
        the thing itself (in an infinitive, after the target prepositions), a target
        preposition, a conjunct of the subject, the infinitive's own target; the subject's
        own things ("withdrew its troops") last."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]  # "meet his counterpart X"
        obj = next((c for c in objects if self._is_actor(c)), objects[0] if objects else None)
        taken = None  # a party the entry's own words name ("accepted refugees"): a last resort
        if content or (obj is not None and obj.i in {c.i for c in consumed}):
            taken = obj if obj is not None and self.fillers.is_party(obj) else None
            obj = None
        own = obj is not None and (self._owned(obj) or self._own_forces(verb, obj))
        party = obj is not None and not own and self._is_actor(obj)
        target = self.finder.actor(obj) if party else None
        target = target or self._dative(verb) or self._mandated(verb) or self._controlled(verb)
        if target is None and obj is not None:
            target = self._recipient([verb, obj] if own else [verb])
        thing = obj is not None and not own and not party
        if target is None and thing and depth == 0:
            # "fired dozens of missiles at cities across X": where the thing went, when that
            # names an actor; else the thing itself ("destroyed the embassy")
            target = self._linked_prep_target([verb, *consumed]) or self.finder.actor(obj)
        target = target or self._targets([verb, *consumed], subj)
        if target is None and thing:
            target = self.finder.actor(obj)
        if target is None and depth < _MAX_COMPLEMENTS:
            for comp in verb.children:
                if target is None and (comp.dep_ == "xcomp" or self._purpose(comp)):
                    target = self.clause_target(
                        comp, content=False, consumed=[], subj=None, depth=depth + 1
                    )
        if target is None and content:  # "accepted the demands by protesters": their owner
            target = next(filter(None, (self._statement_owner(c) for c in consumed)), None)
        if target is None and content:  # "lifted sanctions imposed on X": whom they bound
            placed = [a for c in consumed for a in c.children if a.dep_ == "acl"]
            target = next(filter(None, (self.prep_target(a, weak=False) for a in placed)), None)
        if target is None and taken is not None and not content:
            target = self.finder.actor(taken)
        return target

    def _statement_owner(self, word: Any) -> EventActor | None:
        """The party whose statement, demand or condition the entry's own word names, not the
        doer's own ("its ban", "his support")."""
        if word.pos_ != "NOUN" or self.fillers.kind(word) != "statement":
            return None
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in word.children):
            return None
        return self.fillers.owner(word)

    def _recipient(self, heads: list[Any]) -> EventActor | None:
        """The one a thing goes to ("returned the paintings to its owners", "sent troops to
        X"): `recipient_prepositions` of frames.yaml."""
        for head in heads:
            for child in head.children:
                if child.dep_ not in ("prep", "dative"):
                    continue
                if not self.frames.has("recipient_prepositions", child.lemma_):
                    continue
                obj = _pobj(child)
                if obj is None or obj.ent_type_ in TIME_LABELS:
                    continue
                # A bare noun is a state or a place to be, not a recipient ("to death").
                determined = any(c.dep_ in ("det", "poss", "amod") for c in obj.children)
                if determined or self._is_actor(obj):
                    return self.finder.actor(obj)
        return None

    def _targets(self, heads: list[Any], subj: Any | None) -> EventActor | None:
        """A target by preposition: an actor after a strong preposition, else a conjunct of
        the subject, else any phrase after a strong preposition, else an actor after a weak
        one, else an actor after a strong preposition inside such a phrase ("for a war
        against X"), else any conjunct of the subject."""
        partner = self._partner(subj) if subj is not None else None
        if partner is not None and not self.fillers.is_party(partner):
            partner = None
        found = self._linked_prep_target(heads)
        if found is not None and not (partner is not None and self._on_topic(found, heads)):
            return found
        if partner is not None:  # "X and the Y bloc agreed on a text": the bloc; "X and Y
            return self.finder.actor(partner)  # agreed to share information on Z": Y, not Z
        for weak in (False, True):
            for head in heads:
                found = self.prep_target(head, weak=weak)
                if found is not None:
                    return found
        for head in heads:
            for prep in head.children:
                obj = _pobj(prep) if prep.dep_ == "prep" else None
                found = None if obj is None else self.prep_target(obj, weak=False, linked=True)
                if found is not None:
                    return found
        return None if subj is None else self._conjunct(subj, linked_only=False)

    def _on_topic(self, found: EventActor, heads: list[Any]) -> bool:
        """Whether `found` was named after a topic preposition of the verb ("agreed on X",
        "talked about X"): what a joint act is about, not the partner in it."""
        # the verb's own, or those of a word that has a topic ("a deal on X"; "a ban on X"
        # names its target)
        topical = [h for h in heads[1:] if self.frames.has("topic_heads", h.lemma_)]
        for prep in (c for head in (heads[0], *topical) for c in head.children):
            obj = _pobj(prep) if prep.dep_ == "prep" else None
            if obj is None or not self.frames.has("topic_prepositions", prep.lemma_):
                continue
            if found.span is not None and obj.idx <= found.span[0] < obj.right_edge.idx + 1:
                return True
        return False

    def _linked_prep_target(self, heads: list[Any]) -> EventActor | None:
        """An actor of the actor layer after a strong target preposition of one of `heads`."""
        for head in heads:
            found = self.prep_target(head, weak=False, linked=True)
            if found is not None:
                return found
        return None

    def _dative(self, verb: Any) -> EventActor | None:
        for child in verb.children:
            if child.dep_ not in ("dative", "iobj"):
                continue
            if child.pos_ == "ADP":  # "granted asylum to X"
                obj = _pobj(child)
                if obj is not None and obj.ent_type_ not in TIME_LABELS:
                    return self.finder.actor(obj)
            elif child.pos_ in ("NOUN", "PROPN", "PRON"):
                return self.finder.actor(child)
        return None

    def _reciprocal(self, trigger: Trigger) -> bool:
        """Whether the trigger's act is done together, so that the subject's conjunct is the
        other side ("met", "clashed"), not a co-doer ("refused")."""
        if self.frames.has("reciprocal_types", trigger.entry.type):
            return True
        word = trigger.light if trigger.light is not None else trigger.token
        while True:  # "agreed to give concessions": the governing verb's act counts
            if self.frames.has("reciprocal_words", word.lemma_):
                return True
            if word.dep_ != "xcomp" or word.head.i == word.i:
                return self.frames.has("reciprocal_words", trigger.token.lemma_)
            word = word.head

    def _conjunct(self, subj: Any, *, linked_only: bool) -> EventActor | None:
        conj = self._partner(subj)
        return None if conj is None else self.finder.actor(conj, linked_only=linked_only)

    def _partner(self, subj: Any) -> Any | None:
        """The subject's conjunct, or the conjunct of a party naming whose the subject is
        ("Novalian and Harbourian negotiators", "Novalia and Harbouria's envoys")."""
        conj = _child(subj, "conj")
        if conj is not None:
            return conj
        modifiers = [c for c in subj.children if c.dep_ in MODIFIERS and c.i < subj.i]
        for n, modifier in enumerate(modifiers):
            if not self._is_actor(modifier):
                continue
            conj = _child(modifier, "conj")
            if conj is None and _child(modifier, "cc") is not None and n + 1 < len(modifiers):
                conj = modifiers[n + 1]  # "UK and EU negotiators": the parse hangs both on the head
            if conj is not None and self._is_actor(conj):
                return conj
        return None

    def _light(self, trigger: Trigger) -> Arguments:
        verb, noun = trigger.light, phrase_head(trigger.token)
        if verb is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i:
            return self._noun(trigger)  # "talks between X and Y resumed": the noun's own sides
        subj, subject = self._subject(verb)
        if is_passive(verb):
            subj, subject = None, None
        if trigger.undergoer:  # "received aid from X", "came under fire from X"
            source = self._noun_source(noun, trigger.entry)
            source = source or self._by_preposition(noun, "origin_prepositions")
            source = source or self._by_preposition(verb, "origin_prepositions")
            if self.frames.has("backing_nouns", noun.lemma_):  # "won the backing of X"
                source = source or self._by_preposition(noun, "object_prepositions")
            return Arguments(source, subject, None)
        source = subject
        if source is None:
            source = self._by_preposition(verb, "source_prepositions")
            source = source or self._noun_source(noun, trigger.entry)
        target = self._dative(verb)
        obj = _child(verb, "dobj")
        if target is None and obj is not None and obj.i != noun.i and self._is_actor(obj):
            target = self.finder.actor(obj)  # "joined X for talks"
        partner = subj if self._reciprocal(trigger) else None
        target = target or self._targets([noun, verb], partner) or self._undergoer_of(noun)
        target = target or self._purpose_target(verb)
        return Arguments(source, target, subj)

    def _undergoer_of(self, noun: Any) -> EventActor | None:
        """The party an event noun's "of" phrase names ("ordered the arrest of two men",
        "announced the arrests of 74 people"), when no preposition named an actor."""
        for prep in noun.children:
            if prep.dep_ != "prep" or not self.frames.has("object_prepositions", prep.lemma_):
                continue
            obj = _pobj(prep)
            if obj is not None and self.fillers.kind(obj) in ("actor", "held"):
                return self._object_target(obj)
        return None

    @staticmethod
    def _subject_proper(verb: Any, subj: Any) -> bool:
        """Whether `subj` is the verb's own subject ("the attack killed", "the strike that
        killed"), not a noun the clause completes ("its commitment to support X", "a lawsuit
        accusing X": the committer, the filer)."""
        return bool(subj.head.i == verb.i or (verb.dep_ == "relcl" and subj.i == verb.head.i))


__all__ = ["ArgumentReader", "Arguments"]
