"""The target of an active clause, and the sides joint acts and recipients give (tidings/
events/arguments.py reads the rest): a party as direct object, an indirect object, the one a
demand is made of, the recipient of a thing, a target preposition, the partner of a joint act
named beside the subject, the target of an infinitive below; the subject's own things last."""

from __future__ import annotations

from typing import Any

from tidings.events.clauses import asked_party, has_subject, is_passive
from tidings.events.clauses import child as _child
from tidings.events.clauses import pobj as _pobj
from tidings.events.governed_sides import GovernedSides
from tidings.events.phrase_arguments import MODIFIERS, TIME_LABELS
from tidings.events.records import EventActor
from tidings.events.triggers import Trigger

# How many infinitives down ("agreed to open its borders for trucks to enter X") a target is
# looked for.
_MAX_COMPLEMENTS = 2
# Dependents by which a thing's phrase names its owner ("the Paris Club offer", "Iran's plan").
_OWNERS = frozenset({"compound", "poss", "nmod"})


class ClauseTargets(GovernedSides):
    """Targets of clauses, recipients and partners of joint acts."""

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
        if not objects:  # "shot and killed X": the verb joined after it shares its object
            objects = [
                o
                for c in verb.children
                if c.dep_ == "conj"
                and c.pos_ == "VERB"
                and c.i == verb.i + 2  # "V and V"
                and not has_subject(c)
                for o in c.children
                if o.dep_ == "dobj"
            ][:1]
        for word in consumed:  # "let free 74 leaders": the object of the entry's own verb
            if word.pos_ in ("VERB", "ADJ") and word.head.i == verb.i:
                objects += [c for c in word.children if c.dep_ == "dobj"]
        obj = next((c for c in objects if self._is_actor(c)), objects[0] if objects else None)
        obj = _labelled(_counted(obj)) if obj is not None else None
        taken = None  # a party the entry's own words name ("accepted refugees"): a last resort
        if content and obj is not None and _asked_to_act(verb, obj):
            asked = self.finder.actor(obj, linked_only=True)  # "demanded the force fulfil"
            if asked is not None:
                return asked
        if content or (obj is not None and obj.i in {c.i for c in consumed}):
            taken = obj if obj is not None and self.fillers.is_party(obj) else None
            obj = None
        own = obj is not None and (self._owned(obj) or self._own_forces(verb, obj))
        party = obj is not None and not own and self._is_actor(obj)
        target = self._thing_actor(obj) if party else None
        target = target or self._dative(verb) or self._mandated(verb) or self._controlled(verb)
        if target is None and obj is not None:
            target = self._recipient([verb, obj] if own else [verb])
        thing = obj is not None and not own and not party
        if target is None and thing and depth == 0 and self._has_partner(subj):
            # "X and Y accepted the Z offer": Z's; "X and Y agreed to share information
            # on Z": Y (the partner, below)
            target = self._owner_named(obj)
        elif target is None and thing and depth == 0:
            # "fired dozens of missiles at cities across X": where the thing went, when that
            # names an actor; else the thing itself ("destroyed the embassy")
            target = self._linked_prep_target([verb, *consumed])
            if target is None and self.frames.has("handing_verbs", verb.lemma_):
                target = self._recipient([obj])  # "donating a mine to the state": the state
            target = target or self._thing_actor(obj)
        target = target or self._targets([verb, *consumed], subj)
        if target is None and thing:
            target = self._thing_actor(obj)
        asked = asked_party(verb, self.frames) if target is None else None
        if asked is not None:  # "called on fellow Republicans to unendorse X": them, not X
            target = self.finder.actor(asked)
        if target is None and depth < _MAX_COMPLEMENTS:
            for comp in verb.children:
                if is_passive(comp):
                    continue  # "appealed for inspectors to be given time in X": no target of it
                if self._harm_helped(verb, comp):
                    continue  # "helping to topple the president": not help to the president
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

    def _harm_helped(self, verb: Any, comp: Any) -> bool:
        """Whether a verb of helping (frames.yaml `helping_words`) governs a harmful act
        ("helped to topple the president", "assisted in attacking X"): who is harmed is not
        who is helped."""
        lexicon = self.fillers.lexicon
        if lexicon is None or not self.frames.has("helping_words", verb.lemma_):
            return False
        entries = lexicon.lookup(comp.lemma_, "verb")
        return any(self.frames.has("harmful_types", e.type) for e in entries)

    def _thing_actor(self, obj: Any) -> EventActor | None:
        """The actor an object names; for people, not the doer of a participle describing them
        ("freed three fishermen detained by Harbouria": not Harbouria)."""
        found = self.finder.actor(obj)
        people = self.frames.has("people_nouns", obj.lemma_) or self.fillers.is_party(obj)
        if found is None or found.id is None or not people:
            return found  # "the proposal submitted by X", "land owned by X": X's
        doers = [
            self.finder.actor(p, linked_only=True)
            for acl in obj.children
            if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for a in acl.children
            if a.dep_ == "agent"
            for p in a.children
            if p.dep_ == "pobj"
        ]
        if any(d is not None and d.id == found.id for d in doers):
            return self.finder.actor(obj, phrase_only=True)
        return found

    def _statement_owner(self, word: Any) -> EventActor | None:
        """The party whose statement, demand or condition the entry's own word names, not the
        doer's own ("its ban", "his support", "expressed Scotland's sympathy")."""
        if word.pos_ != "NOUN" or self.fillers.kind(word) != "statement":
            return None
        if self.frames.has("stance_nouns", word.lemma_):
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
                # not the event noun itself ("went on the offensive over X")
                found = self.prep_target(head, weak=weak, avoid=heads[0])
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
        # the verb's own, those of a word that has a topic ("a deal on X"; "a ban on X"
        # names its target), and those of the things the verb acts on ("agreed to share
        # information on X")
        acted_on = [c for c in heads[0].children if c.dep_ == "dobj"] + heads[1:]
        topical = [
            h
            for h in acted_on
            if self.frames.has("topic_heads", h.lemma_)
            or (h.pos_ == "NOUN" and not self._is_actor(h))
        ]
        for prep in (c for head in (heads[0], *topical) for c in head.children):
            obj = _pobj(prep) if prep.dep_ == "prep" else None
            if obj is None or not self.frames.has("topic_prepositions", prep.lemma_):
                continue
            edge = obj.left_edge.idx
            if found.span is not None and edge <= found.span[0] < obj.right_edge.idx + 1:
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
        other side ("met", "clashed"), not a co-doer ("refused", "offered")."""
        if self.frames.has("one_sided_words", trigger.token.lemma_):
            return False
        if self.frames.has("reciprocal_types", trigger.entry.type):
            return True
        word = trigger.light if trigger.light is not None else trigger.token
        while True:  # "agreed to give concessions": the governing verb's act counts
            if self.frames.has("reciprocal_words", word.lemma_):
                return True
            if word.dep_ != "xcomp" or word.head.i == word.i:
                return self.frames.has("reciprocal_words", trigger.token.lemma_)
            word = word.head

    def _owner_named(self, thing: Any) -> EventActor | None:
        """The party a thing's own phrase names as its owner ("the Paris Club offer")."""
        owners = (c for c in thing.children if c.dep_ in _OWNERS and self._is_actor(c))
        owner = next(owners, None)
        return self.finder.actor(owner) if owner is not None else None

    def _has_partner(self, subj: Any | None) -> bool:
        """Whether a joint act's subject has a party beside it ("X and Y agreed to share
        information on Z": Y is the other side, not Z)."""
        partner = self._partner(subj) if subj is not None else None
        return partner is not None and self.fillers.is_party(partner)

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


def _asked_to_act(verb: Any, obj: Any) -> bool:
    """Whether the verb's object is the subject of a bare clause after it ("demanding the
    force fulfil its mandate", "urged the government act"), which the parse hangs apart."""
    return any(
        c.dep_ in ("ccomp", "prep", "advcl", "dep")  # the parse's guesses at a bare clause
        and c.pos_ == "VERB"
        and c.i > obj.i
        and c.tag_ in ("VB", "VBP")
        and not any(g.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for g in c.children)
        for c in verb.children
    )


def _counted(obj: Any) -> Any:
    """The noun a count or quantifier stands before ("some of its troops", "200 of the
    prisoners"): what is acted upon."""
    if obj.pos_ not in ("PRON", "NUM"):
        return obj
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = _pobj(of) if of is not None else None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else obj


def _labelled(obj: Any) -> Any:
    """The noun before a quoted label the parse made the object's head ("branding the No
    Campaign "two-bit Tories"": the campaign is branded, no Tories)."""
    words = list(obj.subtree)
    quote = next((w for w in words if w.i < obj.i and w.is_quote and w.head.i == obj.i), None)
    if quote is None:
        return obj
    before = [w for w in words if w.i < quote.i and w.pos_ in ("NOUN", "PROPN")]
    return before[-1] if before else obj


__all__ = ["ClauseTargets"]
