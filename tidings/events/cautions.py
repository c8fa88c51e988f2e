"""Warnings that threaten nothing: "warned that the war could be illegal" is a caution, no
event; a warning of harm ("warned that it would retaliate"), of what a party will do ("warned X
that Novalia would consider cutting ties") or of something ("warned of consequences") stays a
threat (frames.yaml `cautionary_cues`)."""

from __future__ import annotations

from typing import Any

from tidings.events.drafts import Draft
from tidings.events.lexicon import Frames


def without_cautions(kept: list[Draft], drafts: list[Draft], frames: Frames) -> list[Draft]:
    """Drop a warning whose content clause tells of no harm ("warned that the war could be
    illegal", "warned that it was failing"): a caution, not a threat. A warning of harm
    ("warned that it would retaliate") or of something ("warned of consequences") stays."""
    harmful = frames.words["harmful_types"] | {"threaten"}  # the words are lower case

    def caution(draft: Draft) -> bool:
        token = draft.trigger.token
        if not frames.has("cautionary_cues", token.lemma_):
            return False
        content = [c for c in token.children if c.dep_ == "ccomp" and not _inverted(c)]
        # "warned X not to be tempted": what the warned should not do, when no harm
        content += [
            c
            for c in token.children
            if c.dep_ == "xcomp" and any(g.dep_ == "neg" for g in c.children)
        ]
        if not content:
            return _of_a_danger(token, frames)  # "warned X about the dangers of disunity"
        if any(_vowed_by_a_party(clause, frames) for clause in content):
            return False  # "warned X that Novalia would consider cutting ties"
        inside = {t.i for clause in content for t in _predicate(clause)}
        return not any(
            d.trigger.token.i in inside and d.status.type.lower() in harmful for d in drafts
        )

    return [d for d in kept if not caution(d)]


def _of_a_danger(warning: Any, frames: Frames) -> bool:
    """A warning about a danger or a risk (frames.yaml `danger_nouns`: "warned Mr Blair about
    the dangers of disunity", "warned of the risks of inflation"), not of consequences a party
    will bring."""
    heads = [warning, *(c for c in warning.children if c.dep_ == "dobj")]  # "warned X about"
    for prep in (c for head in heads for c in head.children):
        if prep.dep_ == "prep" and prep.lower_ in ("about", "of", "against", "over"):
            nouns = [c for c in prep.children if c.dep_ == "pobj"]
            if any(frames.has("danger_nouns", noun.lemma_) for noun in nouns):
                return True
    return False


def _predicate(clause: Any) -> list[Any]:
    """The words that say what the content clause asserts: its verb, the verbs it chains
    ("would launch", "plans to strike"), their objects ("would launch attacks"); not a word
    deep in a modifier ("could be illegal without a resolution sanctioning military action")."""
    found = [clause]
    for word in found:
        found.extend(
            c for c in word.children if c.dep_ in ("xcomp", "ccomp", "conj", "dobj", "attr")
        )
    return found


def _inverted(clause: Any) -> bool:
    """A condition written by inversion ("should X be given a role"): no content clause, and
    the parse of the sentence around it is not to be trusted."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.i < subject.i and c.lower_ in ("should", "had", "were")
        for c in clause.children
    )


def _vowed_by_a_party(clause: Any, frames: Frames) -> bool:
    """A content clause saying what a party will or would do, or what will be done ("rallies
    will not be tolerated")."""
    modal = any(
        c.dep_ == "aux"
        and (
            frames.has("future_modals", c.lower_) or frames.has("reported_future_modals", c.lower_)
        )
        for c in clause.children
    )
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    party = subject is not None and (
        subject.pos_ in ("PROPN", "PRON") or frames.has("party_nouns", subject.lemma_)
    )
    passive = subject is not None and subject.dep_ == "nsubjpass"  # "will not be tolerated"
    return modal and (party or passive)
