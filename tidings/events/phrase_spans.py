"""The shape of an argument's noun phrase in the parse: the words that name it, how deep a
word sits under its head, and the clauses and coordination that are not part of it."""

from __future__ import annotations

from typing import Any

from tidings.events.clauses import is_finite_clause, pobj
from tidings.events.lexicon import Frames

# Dependents that belong to the words naming an argument ("the former US envoy", "Iran's
# foreign ministry") when its text is used as its name.
_NAME_PARTS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "flat", "case"})

# Head hops past which a mention is too deep in a phrase to be what the phrase names.
MAX_DEPTH = 4
# Dependents of an argument's head that are clauses of their own, not part of the words naming
# the argument ("the militants who stormed the court", "forces, killing ..."), and coordination
# (read as a conjunct of its own).
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
_COORDINATION = frozenset({"conj", "cc"})


def depth_below(token: Any, top: Any) -> int:
    depth = 0
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth if token.i == top.i else MAX_DEPTH + 1


def coordinated(token: Any, top: Any) -> bool:
    """Whether the path from `token` up to `top` passes a conjunct ("X and his counterpart,
    Y": Y is not who X is)."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "conj":
            return True
        token = token.head
    return False


def where_based(token: Any) -> bool:
    """Whether a name only says where the body it describes is based ("the Seattle-based
    company", "London-based Xstrata") or whose manner it copies ("a Madrid-style bombing"):
    the body or the act, not the place, is the party."""
    head = token.head
    if token.ent_type_ == "GPE" and any(_based(c) for c in token.children if c.dep_ == "conj"):
        return True  # "Zurich and London-based Xstrata": the parse made Zurich the head
    return (
        token.dep_ in ("npadvmod", "compound", "nmod")
        and head.lemma_ in ("base", "style")
        and head.i != token.i
    )


def _based(body: Any) -> bool:
    """Whether a body's name carries a "<place>-based" modifier."""
    return any(
        a.dep_ == "amod" and a.lemma_ == "base" and any(where_based(g) for g in a.children)
        for a in body.children
    )


def in_content_clause(token: Any, top: Any) -> bool:
    """Whether `token` is inside a content clause under `top` other than as its subject
    ("speculation that his father entered X"): a place or party the statement speaks of, not
    whose it is nor whom it is about ("claims that two soldiers abused ...": the soldiers).
    A relative clause is no content clause, nor is a participle ("the threats made by X"),
    which has no subject of its own."""
    subject = token
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in ("acl", "ccomp") and is_finite_clause(token):
            return not (subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i == token.i)
        subject = token
        token = token.head
    return False


def in_modifying_clause(token: Any, top: Any) -> bool:
    """Whether `token` sits in a participle or relative clause modifying `top` ("the coalition
    fighting the rebels", "the man who leads the party"), not in its own words."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in ("acl", "relcl"):
            return True
        token = token.head
    return False


def acted_on_in_clause(token: Any, top: Any) -> bool:
    """Whether `token` is what a clause modifying `top` acts on or speaks of, not its subject
    ("demonstrators who were protesting calls for X", "the man who leads the party")."""
    word = token
    while word.i != top.i and word.head.i != word.i:
        if word.dep_ in ("acl", "relcl"):
            return not (token.head.i == word.i and token.dep_ in ("nsubj", "nsubjpass"))
        word = word.head
    return False


def people_name(word: Any) -> str | None:
    """The whole name of a people of several words a single token is part of ("South
    American" for "American", "Latin American"), else None: such a people is no one state,
    while "Congo" in "the Democratic Republic of Congo" (a place) still is."""
    if not hasattr(word, "ent_iob_") or word.ent_type_ != "NORP":
        return None
    doc, start, end = word.doc, word.i, word.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text) if end - start > 1 else None


def phrase_span(token: Any) -> tuple[int, int]:
    """The head-centred words of a noun phrase: its left modifiers through the head."""
    start = token
    for child in token.lefts:
        if child.dep_ in _NAME_PARTS:
            start = child.left_edge
            break
    end = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end.i + 1:
            end = child
    return start.idx, end.idx + len(end.text)


def part_phrase_span(token: Any, frames: Frames) -> tuple[int, int]:
    """The head-centred words of a noun phrase, through the "of" phrase of a part noun
    (frames.yaml `part_nouns`: "a number of lenders", not "a number")."""
    span = phrase_span(token)
    if not frames.has("part_nouns", token.lemma_):
        return span
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = pobj(of) if of is not None else None
    return span if whole is None else (span[0], phrase_span(whole)[1])


def argument_span(token: Any) -> tuple[int, int]:
    """The words of the noun phrase an argument's head heads: its subtree, cut before the first
    clause inside it on its right and before its own conjuncts ("the port of the capital,
    which burned" → "the port of the capital")."""
    last = token.right_edge.i
    expected = token.i + 1
    for word in token.subtree:
        if word.i <= token.i:
            continue
        if word.i != expected:
            # a non-projective parse hangs a far word on the head ("countries have called
            # for X, including Y" with "including" on "countries"): the phrase ends at the gap
            last = min(last, expected - 1)
        expected = word.i + 1
        own = word.head.i == token.i and word.dep_ in _COORDINATION
        if word.dep_ in _CLAUSAL or own:
            last = min(last, word.left_edge.i - 1)
    end = token.doc[max(last, token.i)]
    while end.i > token.i and end.is_punct:
        end = end.doc[end.i - 1]
    return token.left_edge.idx, end.idx + len(end.text)


def cover(words: tuple[int, int], named: tuple[int, int] | None) -> tuple[int, int]:
    """The argument's phrase and the name an actor was read from, when the name sits in a
    clause of the phrase ("the threats made by X")."""
    if named is None:
        return words
    return min(words[0], named[0]), max(words[1], named[1])


def absolute_subject(word: Any, top: Any) -> bool:
    """Whether a word below `top` is the subject of an absolute clause ("with a spokesperson
    saying", "with prices rising")."""
    verb = word.head
    return (
        word.dep_ in ("nsubj", "nsubjpass")
        and verb.dep_ == "pcomp"
        and verb.head.lemma_ in ("with", "without")
        and top.i not in (word.i, verb.i)
    )


def made_against(word: Any, top: Any) -> bool:
    """Whether a word hangs from `top` by "against" ("the charges against X")."""
    while word.head.i != word.i and word.head.i != top.i:
        word = word.head
    return bool(word.dep_ == "prep" and word.lower_ == "against")


# Entity labels of a word that names which body a description is ("the Labour party").
_NAMING = frozenset({"ORG", "NORP", "GPE", "PERSON"})


def unresolved_description(root: Any, frames: Frames) -> bool:
    """Whether a phrase names a body only by a description (frames.yaml `description_nouns`:
    "the party", "the two parties", "all interested parties"), no name in it."""
    kids = list(root.children)
    return (
        frames.has("description_nouns", root.lemma_)
        and any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "this", "all") for c in kids)
        and not any(c.pos_ == "PROPN" or c.ent_type_ in _NAMING for c in kids)
    )


# Dashes that end a dateline, the words a dateline is made of, and how long one can be.
_DASHES = frozenset({"-", "--", "—", "–", ":"})
_DATELINE_POS = frozenset({"PROPN", "PUNCT", "NUM", "DET", "SPACE"})
_DATELINE_WORDS = 8


def dateline_end(token: Any) -> int:
    """The index of the dash ending a dateline that opens the token's sentence ("KABUL --",
    "THE HAGUE, Netherlands --", "Tehran, March 15, IRNA -"), or -1."""
    sent = token.sent
    for word in sent[: _DATELINE_WORDS + 1]:
        if word.text in _DASHES and word.i > sent.start and word.doc[word.i - 1].whitespace_:
            return int(word.i)
        if word.pos_ not in _DATELINE_POS:
            return -1
    return -1


def dummy_it(token: Any, frames: Frames) -> bool:
    """ "It" as the dummy subject of an impersonal adjective ("it was possible to sue", "it is
    clear that"; frames.yaml `impersonal_adjectives`): no one. Not "it was ready to attack"."""
    if token.lower_ != "it":
        return False
    said = [c for c in token.head.children if c.dep_ in ("acomp", "attr")]
    return any(frames.has("impersonal_adjectives", c.lemma_.lower()) for c in said)


def in_adverbial_clause(token: Any, top: Any) -> bool:
    """Whether `token` sits in an adverbial clause inside the phrase of `top` ("a policy of not
    enforcing the ban until the House of Lords has considered it"): not the phrase's party."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "advcl":
            return True
        token = token.head
    return False


def related(root: Any, top: Any) -> bool:
    """Whether a mention is the party a relational noun relates to: its possessor ("its
    allies", "Iran's neighbours"), its name before it ("Clinton supporters") or inside its
    "of" phrase ("the majority owner of Russian oil firm Yukos")."""
    word = root
    while word.head.i != top.i:  # the word of the path from the mention that hangs from top
        if word.head.i == word.i:
            return False
        word = word.head
    if word.dep_ == "compound" and word.pos_ == "PROPN":
        # "Clinton supporters", "US allies"; not "his EU counterparts", from the EU
        return not any(c.dep_ == "poss" for c in top.children)
    return bool(word.dep_ == "poss" or (word.dep_ == "prep" and word.lower_ == "of"))


def transacted(root: Any, top: Any) -> bool:
    """Whether a mention is what a deal noun buys or sells (frames.yaml `transaction_nouns`):
    its modifier or its "of"/"for" phrase ("the LSE bid", "the purchase of Yugansk", "a bid
    for the LSE"), not a party acted upon."""
    word = root
    while word.head.i != top.i:
        if word.head.i == word.i:
            return False
        word = word.head
    return bool(word.dep_ == "compound" or (word.dep_ == "prep" and word.lower_ in ("of", "for")))
