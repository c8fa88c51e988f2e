"""Arguments from a lexicon entry's `slots` (tidings/events/lexicon_slots.py): each slot the
entry names is read from its positions in order, the first position whose phrase may fill the
slot winning; a slot whose positions hold only things (or nothing) stays empty rather than
falling back on the default reading ("provided the army with aircraft": the army is the
target, the aircraft the instrument, never a side)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tidings.events.clauses import is_passive, pobj, purpose_infinitive, subject_of
from tidings.events.fillers import FillerReader
from tidings.events.lexicon import Frames
from tidings.events.lexicon_slots import Slots
from tidings.events.records import EventActor

# A passive clause moves the active positions: its subject is the active object, its agent
# the active subject.
_PASSIVE_POSITION = {"dobj": "nsubjpass", "nsubj": "agent", "dative": "dative"}
_PREP_DEPS = frozenset({"prep", "dative", "agent"})


@dataclass(frozen=True, slots=True)
class SlotReading:
    """The sides an entry's slots fix: `named` holds the sides decided (filled or left empty
    on purpose); a side not named keeps the default reading."""

    named: frozenset[str]
    source: EventActor | None
    target: EventActor | None


def _position_words(verb: Any, position: str, frames: Frames) -> Iterator[Any]:
    if position.startswith("prep:"):
        word = position.removeprefix("prep:")
        # the phrase may hang from the verb or from its object ("provide aid to X"), or from
        # the last of the things given ("provide arms and aid to X", "arms alongside aid to X")
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
        objects += [
            o
            for c in verb.children
            if c.dep_ == "prep" and frames.has("accompanying_prepositions", c.lemma_)
            for o in c.children
            if o.dep_ == "pobj"
        ]
        heads = [verb, *objects]
        for head in heads:
            for child in head.children:
                if child.dep_ in _PREP_DEPS and child.lemma_.lower() == word:
                    obj = pobj(child)
                    if obj is not None:
                        yield obj
        return
    if position == "purpose":
        yield from _purpose_words(verb)
        return
    if position == "clause_subject":  # "said X was responsible": X
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            yield from (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
        return
    if position in ("nsubj", "csubj"):
        subject = subject_of(verb, frames)
        if subject is not None:
            yield subject
        return
    for child in verb.children:
        if child.dep_ != position:
            continue
        if child.pos_ == "ADP" or position == "agent":  # "dative" as "to X", "by X"
            obj = pobj(child)
            if obj is not None:
                yield obj
        else:
            yield child


def _purpose_words(verb: Any) -> Iterator[Any]:
    """The object of an infinitive of purpose ("provided aid to support refugees in X"), then
    the objects of the prepositions on it or its object ("to fight the epidemic in X")."""
    for clause in verb.children:
        if not purpose_infinitive(clause):
            continue
        objects = [c for c in clause.children if c.dep_ in ("dobj", "dative")]
        yield from objects
        for head in (clause, *objects):
            for child in head.children:
                obj = pobj(child) if child.dep_ == "prep" else None
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    yield obj


class SlotReader:
    def __init__(self, fillers: FillerReader, frames: Frames) -> None:
        self.fillers = fillers
        self.frames = frames

    @staticmethod
    def _positions(verb: Any, slots: Slots, slot: str) -> list[str]:
        positions = list(slots.positions_of(slot))
        if slot in ("target", "recipient") and "dobj" in positions and "dative" not in positions:
            # a clause of two objects names the one it goes to first ("awarded the family
            # $5 million", "gave Novalia a loan"): that one before the direct object
            positions.insert(positions.index("dobj"), "dative")
        if is_passive(verb):
            return [_PASSIVE_POSITION.get(p, p) for p in positions]
        return list(positions)

    def _slot(self, verb: Any, slots: Slots, slot: str, taken: set[int]) -> EventActor | None:
        allowed = slots.fillers_of(slot)
        for position in self._positions(verb, slots, slot):
            for word in _position_words(verb, position, self.frames):
                if word.i in taken:
                    continue
                found = self.fillers.fill(word, allowed)
                if found is not None:
                    taken.add(word.i)
                    return found
        return None

    def _words(self, verb: Any, slots: Slots, slot: str) -> list[Any]:
        return [
            word
            for position in self._positions(verb, slots, slot)
            for word in _position_words(verb, position, self.frames)
        ]

    def read(self, verb: Any, slots: Slots) -> SlotReading:
        """The sides `slots` fixes for the clause of `verb`: a slot whose positions hold no
        word at all keeps the default reading. The instrument's words are no side, unless a
        target position holds them as a party ("provide X", "provide X with Y"); a recipient
        is the target when the entry names no target."""
        named = {
            slot
            for slot in slots.names()
            if slot != "instrument" and self._words(verb, slots, slot)
        }
        instrument = {w.i for w in self._words(verb, slots, "instrument")}
        source = None
        if "source" in named:
            source = self._slot(verb, slots, "source", set(instrument))
        target = None
        for slot in ("target", "recipient"):
            if slot in named and target is None:
                parties = {
                    w.i for w in self._words(verb, slots, slot) if self.fillers.kind(w) != "thing"
                }
                target = self._slot(verb, slots, slot, instrument - parties)
        sides = {"source"} & named
        if named & {"target", "recipient"}:
            sides.add("target")
        return SlotReading(frozenset(sides), source, target)
