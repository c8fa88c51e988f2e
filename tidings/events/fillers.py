"""What fills an argument slot: a party itself (a person, body, country or group), a place or
body a party holds ("the US embassy", "Iran's forces": the party), a statement, policy or
decision of a party ("London's decision": its owner), or a thing (no actor at all: "aircraft",
"negotiations"). Read on the parse with the noun lists of frames.yaml (`party_nouns`,
`held_nouns`, `statement_nouns`) and the actor layer's mentions."""

from __future__ import annotations

from typing import Any, Literal

from tidings.events.clauses import pobj
from tidings.events.reader_base import DocumentReader
from tidings.events.records import EventActor
from tidings.events.triggers import sense_applies

Filler = Literal["actor", "held", "statement", "thing"]
# Dependents of a statement or held noun that name its owner ("London's decision", "the US
# embassy", "the decision of the court", "remarks by X").
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


class FillerReader(DocumentReader):
    """Classifies argument phrases and reads the party each stands for."""

    def is_party(self, token: Any) -> bool:
        """A party named by the phrase's head: a mention, a person, body or place by the
        parser, a personal pronoun, a country word, or a noun of `party_nouns` ("the police",
        "rebels") or `relational_nouns` ("her colleagues")."""
        if self.finder.names_party(token):
            return True
        return token.pos_ in ("NOUN", "PROPN") and (
            self.frames.has("party_nouns", token.lemma_)
            or self.frames.has("relational_nouns", token.lemma_)
        )

    def noun_types(self, token: Any) -> set[str]:
        """The types (lower case) the event lexicon gives `token` as a noun, in the senses
        that fit where it stands."""
        if self.lexicon is None or token.pos_ != "NOUN":
            return set()
        entries = (
            *self.lexicon.lookup(token.lemma_, "noun"),
            *self.lexicon.lookup(token.text, "noun"),
        )
        return {e.type.lower() for e in entries if sense_applies(token, e)}

    def _event_word(self, token: Any) -> bool:
        return bool(self.noun_types(token))

    def kind(self, token: Any) -> Filler:
        """What the phrase headed by `token` is. A statement or an event word is its owner's
        (or doer's) act; a held noun its holder's; a party, or a proper name, a party; a part
        of something ("one of the critics") what it is a part of; any other phrase holding an
        actor of the actor layer ("businesses in X") is held by that actor; the rest are
        things."""
        if self.frames.has("statement_nouns", token.lemma_) or self._event_word(token):
            return "statement"
        if self.frames.has("held_nouns", token.lemma_) or self.frames.has("held_nouns", token.text):
            return "held"
        if self.is_party(token) or token.pos_ == "PROPN":
            return "actor"
        part = token.pos_ in ("NUM", "PRON", "DET") or self.frames.has("part_nouns", token.lemma_)
        whole = next(
            (
                pobj(c)
                for c in token.children
                if c.dep_ == "prep" and self.frames.has("object_prepositions", c.lemma_)
            ),
            None,
        )
        if whole is not None and part:  # "hundreds of banks", "one of the critics"
            return self.kind(whole)  # (not "the return of the detainees": a thing)
        held = self.finder.actor(token, linked_only=True, phrase_only=True)
        if held is not None and not self._only_located(token, held):
            return "held"
        return "thing"

    def _only_located(self, head: Any, held: EventActor) -> bool:
        """Is the actor inside the phrase of `head` only where it is ("a strong performance in
        the Americas", "sales in Europe")? A place in a locative phrase does not hold it."""
        if held.span is None:
            return False
        words = head.doc.char_span(*held.span, alignment_mode="expand")
        if words is None:
            return False
        word = words.root
        if word.i == head.i:  # the span is the whole phrase: find the name inside it
            last = held.name.split()[-1] if held.name.split() else ""
            word = next((t for t in reversed(words) if t.text == last), word)
            if word.i == head.i:
                return False
        while word.i != head.i and word.head.i != word.i:
            if word.dep_ == "pobj" and self.frames.has("locative_prepositions", word.head.lemma_):
                return True
            word = word.head
        return False

    def owner(self, token: Any) -> EventActor | None:
        """The party a statement or held thing belongs to: a possessor or modifier naming an
        actor, else an "of" or "by" phrase that does ("the decision of the court")."""
        for child in token.children:
            if child.dep_ in _OWNER_DEPS and child.i < token.i:
                found = self.finder.actor(child, linked_only=True)
                if found is not None:
                    return found
        for child in token.children:
            if child.dep_ == "prep" and (
                self.frames.has("object_prepositions", child.lemma_)
                or self.frames.has("source_prepositions", child.lemma_)
                or self.frames.has("origin_prepositions", child.lemma_)  # "demands from X"
            ):
                obj = pobj(child)  # the owner is the phrase itself, not a word deep inside it
                if obj is not None and self.is_party(obj):
                    return self.finder.actor(obj)
        for child in token.children:  # "the Home Secretary's plans": a party the base lacks
            if child.dep_ == "poss" and child.i < token.i and self.is_party(child):
                return self.finder.actor(child)
        return None

    def fill(self, token: Any, allowed: frozenset[str]) -> EventActor | None:
        """The actor the phrase headed by `token` gives in a slot that takes `allowed`
        fillers; None when its filler is not allowed or is a thing. A statement or act whose
        owner is not named is given by its own words, with no id ("condemned the attack")."""
        kind = self.kind(token)
        if kind not in allowed or kind == "thing":
            return None
        if kind == "actor":
            return self.finder.actor(token)
        owned = self.owner(token) or self.finder.actor(token, linked_only=True)
        if owned is None and kind == "statement":
            return self.finder.unlinked(token)
        return owned
