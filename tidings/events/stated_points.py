"""Verbs that, with a clause of their own, state a point rather than do an act: conceding,
accepting or recognising that something is so (nonevents.yaml `clause_statement_verbs`), or
agreeing that it is (`opinion_verbs`: "the justices agreed that the law amounted to
discrimination", "the judge agreed with X that there was no reason"); agreeing that
something will be done is an agreement ("agreed that talks would resume")."""

from __future__ import annotations

from typing import Any

from tidings.events.nonevents import NonEvents


def states_a_point(token: Any, nonevents: NonEvents) -> bool:
    """Whether the verb takes a finite clause and no object: it states a point, no act. An
    infinitive is an act let happen ("allowed inspectors to enter")."""
    lemma = token.lemma_.lower()
    opinion = lemma in nonevents.words["opinion_verbs"]
    if token.pos_ != "VERB" or not (opinion or lemma in nonevents.words["clause_statement_verbs"]):
        return False
    kids = list(token.children)
    clauses = [
        c
        for c in kids
        if c.dep_ == "ccomp"
        and any(g.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for g in c.children)
        and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
    ]
    if opinion and any(g.dep_ == "aux" and g.tag_ == "MD" for c in clauses for g in c.children):
        return False  # "agreed that talks would resume": an agreement on what will be done
    # an object after the clause is a misparsed subject of a verb conjoined to it
    return bool(clauses) and not any(
        c.dep_ in ("dobj", "dative") and c.i < clauses[0].i for c in kids
    )
