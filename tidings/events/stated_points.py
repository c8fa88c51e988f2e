"""Verbs that, with a clause of their own, state a point rather than do an act: conceding,
accepting or recognising that something is so (nonevents.yaml `clause_statement_verbs`), or
agreeing that it is or with someone's view (`opinion_verbs`: "the justices agreed that the
law amounted to discrimination", "the American people do not agree with Trump"); agreeing
that something will be done, or with someone on something, is an agreement ("agreed that
talks would resume", "agreed with X on a truce")."""

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
    if opinion and _agrees_with_a_view(kids):
        return True  # "the American people do not agree with Trump": a view shared or not
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


# What an agreement to act or on a matter names beside "with": "agreed with X on a truce",
# "agreed with X to hold talks", "agreed with X over the border".
_MATTERS = frozenset({"on", "over", "to", "about", "upon", "for"})


def _agrees_with_a_view(kids: list[Any]) -> bool:
    """Whether "agree with X" names only whom the view is shared with: no matter, act or
    object agreed on."""
    preps = {c.lower_ for c in kids if c.dep_ == "prep"}
    acts = any(c.dep_ in ("xcomp", "dobj", "ccomp", "advcl") for c in kids)
    return "with" in preps and not preps & _MATTERS and not acts
