"""Who did it and to whom, read on the dependency parse: the clause (tidings/events/
phrase_arguments.py reads prepositions, modifiers and event nouns; governed_sides.py the sides
a clause takes from its governor or complements: demands, warnings, purposes, arrests;
clause_targets.py an active clause's target, recipients and joint acts' partners).

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

from tidings.events.clause_targets import ClauseTargets
from tidings.events.clauses import child as _child
from tidings.events.clauses import is_passive, subject_of
from tidings.events.clauses import pobj as _pobj
from tidings.events.lexicon import Frames
from tidings.events.phrase_arguments import (
    DIRECT_OBJECTS,
    MODIFIERS,
    Arguments,
    same_actor,
)
from tidings.events.records import EventActor
from tidings.events.triggers import Trigger, phrase_head


class ArgumentReader(ClauseTargets):
    """Arguments of the triggers of one document."""

    def read(self, trigger: Trigger) -> Arguments:
        if trigger.light is not None:
            found = self._light(trigger)
        elif trigger.nominal:
            found = self._noun(trigger)
            if found.source is None:
                other = self._measured(trigger) or self._participle(trigger) or self._agent(trigger)
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
        if not _measures(amount, self.frames):
            return None  # "had foreknowledge of the attacks": no share of them
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

    def _agent(self, trigger: Trigger) -> Arguments | None:
        """An event noun in the "of" phrase of a noun naming its doer (frames.yaml
        `agent_nouns`), said of a party: "X remains the largest donor of aid to Y", "X, the
        main supplier of arms to Y". The party is the source."""
        noun = phrase_head(trigger.token)
        of = noun.head
        agent = of.head
        if (
            noun.dep_ != "pobj"
            or of.lower_ != "of"
            or not self.frames.has("agent_nouns", agent.lemma_)
        ):
            return None
        said_of = None
        if agent.dep_ == "attr":  # "X is the largest donor of aid"
            said_of = _child(agent.head, "nsubj")
        elif agent.dep_ == "appos":  # "X, the main supplier of arms"
            said_of = agent.head
        source = self.finder.actor(said_of, linked_only=True) if said_of is not None else None
        return None if source is None else Arguments(source, None, None)

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
        if self._occasions(root):
            return None  # "scrambled hundreds of times": how often, no one acted upon
        return side if own and root.dep_ in DIRECT_OBJECTS else None

    def _occasions(self, root: Any) -> bool:
        """Whether a phrase counts occasions ("hundreds of times", "several occasions")."""
        of = (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of")
        counted = [root, *(_pobj(c) for c in of)]
        return any(w is not None and self.frames.has("occasion_nouns", w.lemma_) for w in counted)

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
            if source is None and subj is not None and self._forces_moved(verb, subj):
                # "2,000 Russian soldiers were deployed along X": Russia moved them, to X
                return Arguments(target, self._recipient([verb]) or self.prep_target(verb), None)
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
        if subj is not None and self._needs_party_subject(verb, subj):
            source = None  # "strong sales outside Europe helped Renault": no one's aid
        consumed = [verb.doc[i] for i in trigger.consumed]
        # "X and Y met Z to discuss it": Z, the party met, before X's partner Y
        met = self.purpose_object(verb)
        met = met if met is not None and self.fillers.is_party(met) else None
        target = self.clause_target(
            verb,
            content=trigger.entry.object_content,
            consumed=consumed,
            subj=subj if self._reciprocal(trigger) and met is None else None,
        )
        if target is None and met is not None:
            target = self.finder.actor(met)
        return Arguments(source, target or self._purpose_target(verb), subj)

    def _needs_party_subject(self, verb: Any, subj: Any) -> bool:
        """A verb whose doer must be its subject itself (frames.yaml `party_subject_words`:
        "help"), not an actor inside a thing or an act as the subject ("strong sales outside
        Europe helped", "the Budget would do nothing to help")."""
        if not self.frames.has("party_subject_words", verb.lemma_):
            return False
        return subj.pos_ in ("NOUN", "VERB") and not self.fillers.is_party(subj)

    def _forces_moved(self, verb: Any, subj: Any) -> bool:
        """Forces (frames.yaml `own_force_nouns`) that a verb moving forces moved."""
        return self.frames.has("force_moving_words", verb.lemma_) and self.frames.has(
            "own_force_nouns", subj.lemma_
        )

    def _light(self, trigger: Trigger) -> Arguments:
        verb, noun = trigger.light, phrase_head(trigger.token)
        agent = verb is not None and any(c.dep_ == "agent" for c in verb.children)
        own = noun.dep_ == "nsubj" or (noun.dep_ == "nsubjpass" and not agent)
        if verb is not None and own and noun.head.i == verb.i:
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
        cast = noun.head.lower_ == "as" and self.fillers.kind(obj) != "thing" if obj else False
        taken = obj is not None and obj.i != noun.i and (cast or self._is_actor(obj))
        # "joined X for talks", "held X as human shields"; not "joined X in a visit to Y",
        # where X is a co-visitor
        if target is None and taken and not self.frames.has("visit_words", noun.lemma_):
            target = self.finder.actor(obj)
        partner = subj if self._reciprocal(trigger) else None
        if partner is None and subject is None and self._reciprocal(trigger) and verb is not None:
            partner = _agent_object(verb)  # "the exercise was staged by X and Y": Y
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


def _agent_object(verb: Any) -> Any | None:
    """The party a passive verb's "by" names."""
    agent = _child(verb, "agent")
    return None if agent is None else _pobj(agent)


def _measures(noun: Any, frames: Frames) -> bool:
    """Whether a noun measures out what its preposition names: an amount ("5 million dollars
    of aid", "3,000 tons of food") or a measure noun ("an increase in funding")."""
    amount = noun.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")
    counted = any(c.dep_ == "nummod" for c in noun.children)
    return amount or counted or frames.has("measure_nouns", noun.lemma_)
