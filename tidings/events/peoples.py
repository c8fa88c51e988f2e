"""Peoples named by a country's words, who are not that country's state or forces: "ethnic
Albanian guerrillas in Macedonia", "the Pakistani community in Manchester", "Serb forces
shelled Sarajevo in Bosnia", "a US banker", "UK Muslims". The event stage keeps such a phrase
as words (with the country it names, where it names one), never as the state's actor."""

from __future__ import annotations

from typing import Any

from tidings.events.lexicon import Frames
from tidings.knowledge import ActorBase

# Dependency labels of a word describing a noun before it ("a US banker", "UK Muslims").
_DESCRIBING = frozenset({"compound", "amod", "nmod", "npadvmod"})


def names_a_people(top: Any, frames: Frames, base: ActorBase) -> bool:
    """Whether the phrase names a people by an ethnic marker ("ethnic Albanian guerrillas
    in Macedonia") or as a diaspora ("the Pakistani community in Manchester"), or an armed
    party by a people's own name in a sentence naming another country ("Serb forces
    shelled Sarajevo in Bosnia"): they are not that state or its forces."""
    words = [
        word
        for word in top.subtree
        if word.i < top.i and word.head.i in (top.i, *(c.i for c in top.children))
    ]
    if any(frames.has("ethnic_markers", word.lemma_) for word in words):
        return True
    if frames.has("diaspora_nouns", top.lemma_) and any(
        base.country_word(word.text) is not None for word in words
    ):
        return True  # "the Pakistani community in Manchester"
    return _people_abroad(top, words, frames, base)


def _people_abroad(top: Any, words: list[Any], frames: Frames, base: ActorBase) -> bool:
    if not frames.has("armed_party_nouns", top.lemma_):
        return False
    own = set()
    for word in words:
        found = base.country_word(word.text)
        if frames.has("ethnic_demonyms", word.text) and found is not None:
            own.add(found[0])
    if not own:
        return False
    inside = {t.i for t in top.subtree}
    for word in top.sent:
        if word.i in inside or word.ent_type_ != "GPE":
            continue
        found = base.country_word(word.text)
        if found is not None and found[0] not in own:
            return True
    return False


def described_country(top: Any, frames: Frames, base: ActorBase) -> str | None:
    """The country whose word describes people of no body (frames.yaml `people_nouns`: "a US
    banker", "UK Muslims", "British tourists") or a firm (`firm_nouns`: "the German
    exchange"): they are from it, they are not its state."""
    if top.pos_ not in ("NOUN", "PROPN"):  # "Muslims" is tagged as a name
        return None
    described = (
        frames.has("people_nouns", top.lemma_)
        or frames.has("people_nouns", top.text)
        or frames.has("firm_nouns", top.lemma_)  # "the German exchange": a German firm
    )
    if not described:
        return None
    for word in top.children:
        found = base.country_word(word.text) if word.dep_ in _DESCRIBING else None
        if found is not None:
            return found[0]
    return None


def counted_people(word: Any, quantities: frozenset[str]) -> bool:
    """Whether a plural noun is counted by a number or one of `quantities` (roles.yaml
    `people_quantities`: "two Britons", "many Iraqis", "millions of Americans")."""
    if word.tag_ not in ("NNS", "NNPS"):
        return False
    if any(
        c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and c.lower_ in quantities)
        for c in word.children
    ):
        return True
    of = word.head
    if word.dep_ != "pobj" or of.lower_ != "of" or of.head.i == of.i:
        return False
    amount = of.head
    return bool(amount.like_num or amount.ent_type_ == "CARDINAL" or amount.lemma_ in quantities)


def names_an_accord(root: Any, kind: str | None, frames: Frames, base: ActorBase) -> bool:
    """Whether a place names the accord or the people it modifies ("the Kyoto protocol", "the
    Minsk accords", "the Geneva talks", frames.yaml `accord_heads`; "Lockerbie victims",
    "Baghdad residents", plural `people_nouns`): where it was made or they are, not a party
    (a country's own name is: "the Iran deal")."""
    head = root.head
    people = frames.has("people_nouns", head.lemma_) and head.tag_ == "NNS"
    if root.dep_ != "compound" or not (frames.has("accord_heads", head.lemma_) or people):
        return False  # (one "Kansas woman" stays the place's: she is all it names)
    word = base.country_word(root.text)
    return kind == "place" or (word is not None and word[1] == "metonym")


def names_a_currency(word: Any, frames: Frames) -> bool:
    """Whether a country's word only names the money it describes ("transactions in US
    dollars", frames.yaml `currency_nouns`): no party."""
    return word.dep_ in _DESCRIBING and frames.has("currency_nouns", word.head.lemma_)
