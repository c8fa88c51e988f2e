"""Candidate mentions of an article, in text order: names (spaCy entities, corrected by the
actor rulers), role-only noun phrases ("the top official") and group nouns ("Iraqi lawmakers",
"Tehran-aligned militias"). Pronouns and descriptions are coreference's (coreference.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from spacy.tokens import Span

from tidings.actors.context import ArticleView, Reading, read_context
from tidings.actors.coreference_words import load_coreference_words
from tidings.actors.tokens import name_bounds, phrase_matches, possessive_country_end, word_stream
from tidings.knowledge.roles import RoleWord

# Determiners that bring in someone new ("a foreign official", "an unnamed defense official"):
# such a phrase never points back to a person already named.
NEW_REFERENT = frozenset({"a", "an", "another", "one", "some", "several", "many"})
# Determiners with which a bare group noun points back to a group already named
# ("These militias").
BACK_REFERENCE = frozenset({"the", "these", "those", "such"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# An amount the model sometimes tags as a name ("$280bn", "5m", "1.2 billion"): no actor.
_AMOUNT = re.compile(r"^\W?\d[\d.,]*\s*(bn|m|k|tn|mn|million|billion|trillion)?$", re.I)
PERSON_LABEL = "PERSON"
# Labels of names the model may run over a list ("Gazpromneft, Rosneft"), and what may follow
# a comma inside one name.
_LISTED_LABELS = frozenset({"ORG", "PERSON"})
_NAME_SUFFIXES = frozenset({"inc", "ltd", "llc", "plc", "co", "corp", "sa", "ag", "jr", "sr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# How far left of a name its modifiers may reach ("the former US Special Representative"):
# longer runs are clauses, not titles.
MAX_LEFT_TOKENS = 8
# How many tokens of an apposition are read ("X, the chief of staff of the President's office").
MAX_APPOSITION_TOKENS = 14


@dataclass(frozen=True, slots=True)
class NameCandidate:
    start: int
    end: int
    label: str
    ruler_id: str
    reading: Reading
    subject: bool
    root: Any


@dataclass(frozen=True, slots=True)
class RoleCandidate:
    start: int
    end: int
    role: RoleWord
    reading: Reading
    subject: bool
    group: bool
    determiner: str


Candidate = NameCandidate | RoleCandidate


def _is_subject(token: Any) -> bool:
    if token.dep_ == "appos":
        token = token.head
    return bool(token.dep_ in SUBJECT_DEPS)


def _is_person_token(view: ArticleView, token: Any) -> bool:
    ent = view.ent_at.get(token.i)
    return ent is not None and ent.label_ == PERSON_LABEL


def _left_modifiers(view: ArticleView, root: Any, start: int) -> list[Any]:
    doc = view.doc
    low = max(root.left_edge.i, start - MAX_LEFT_TOKENS, root.sent.start)
    cut = low
    for token in doc[low:start]:
        if token.pos_ in ("VERB", "AUX") or _is_person_token(view, token) or token.text in ",;:—":
            cut = token.i + 1
    return list(doc[cut:start])


def _appositions(view: ArticleView, root: Any, name: set[int]) -> list[Any]:
    """The apposition of a name: "X, the chief of staff of ..." or "IRGC official, X"."""
    found: list[Any] = []
    for child in root.children:
        if child.dep_ == "appos" and not _is_person_token(view, child):
            found.extend(list(child.subtree)[:MAX_APPOSITION_TOKENS])
    head = root.head
    # "the second-in-command of Iraq’s PMF, X", "the ambassador to Novalia, X": the model
    # hangs the apposition on the preposition's object; the role noun is above it.
    while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head is not head.head:
        head = head.head.head
    if root.dep_ == "appos" and not _is_person_token(view, head):
        inner = {t.i for t in root.subtree}
        outer = [t for t in head.subtree if t.i not in inner and t.i not in name]
        near = sorted(outer, key=lambda t: abs(t.i - root.i))[:MAX_APPOSITION_TOKENS]
        found.extend(sorted(near, key=lambda t: t.i))
    return found


def _name_candidate(
    view: ArticleView, ent: Any, *, ruler_id: str
) -> tuple[NameCandidate, set[int]] | None:
    """The name candidate of an entity; `ruler_id`: the actor the ruler matched, if any."""
    doc = view.doc
    person = ent.label_ == PERSON_LABEL
    start, end = name_bounds(doc, ent.start, ent.end, view.lexicon, titles=person)
    if start >= end:
        return None
    first = doc[start]
    if end - start == 1 and first.i == first.sent.start and first.pos_ == "ADJ":
        return None  # "Tacit approval from ...": an adjective capitalised by its place
    if _pageant_title(view, doc, start, end):
        start -= 1  # "a former Miss Universe": the title won names her, not "Universe"
    word = view.base.country_word(doc[start:end].text)
    if word is not None and word[1] == "demonym":
        return None  # "Iranian" is never a name, whatever label the model gave it
    owner = possessive_country_end(doc, start, end) if not person else start
    owner_country = view.base.country_word(doc[start : owner - 1].text) if owner > start else None
    if owner_country is None:
        owner = start
    root = doc[start:end].root
    left = _left_modifiers(view, root, ent.start) + list(doc[ent.start : start])
    appositions = _appositions(view, root, set(range(start, end))) if person else []
    reading = read_context(view, left, last_role=True)
    if appositions:
        reading = reading.merged(read_context(view, appositions, last_role=False))
    spent = {t.i for t in left} | {t.i for t in appositions}
    if owner > start:
        # "Iraq’s Popular Mobilisation Forces": the owner is context, the rest the name.
        reading = reading.merged(Reading(country=owner_country[0] if owner_country else None))
        start = owner
    candidate = NameCandidate(start, end, ent.label_, ruler_id, reading, _is_subject(root), root)
    return candidate, spent


def _pageant_title(view: ArticleView, doc: Any, start: int, end: int) -> bool:
    """ "Miss Universe", "Miss Venezuela": after one of coreference.yaml `pageant_titles`, a
    word of `pageant_words` or a country's name is part of a title won in a contest."""
    words = load_coreference_words()
    if start == 0 or doc[start - 1].lower_ not in words.pageant_titles or end - start != 1:
        return False
    word = doc[start].text
    return word.lower() in words.pageant_words or (view.base.country_word(word) is not None)


def _inside_role_phrase(view: ArticleView, ent: Any) -> bool:
    """Is the entity a piece of a multi-word role phrase ("State" of "Secretary of State",
    "Supreme" of "Supreme Leader")? Only the tokens around the entity are read."""
    lexicon = view.lexicon
    sent = ent.sent
    window = view.doc[
        max(sent.start, ent.start - lexicon.longest) : min(sent.end, ent.end + lexicon.longest)
    ]
    for first, last, _ in phrase_matches(
        word_stream(window), lexicon.role_phrases, lexicon.longest
    ):
        if last > first and first <= ent.start and ent.end - 1 <= last:
            return True
    return False


def _coordinated_countries(view: ArticleView, chunk: Any) -> list[tuple[int, int, str]]:
    """The token bounds and countries of coordinated country words before a group noun
    ("Indian and Pakistani troops", "US, British and French officials"): one group each."""
    root = chunk.root
    for word in chunk:
        if word.i >= root.i or word.head.i != root.i:
            continue
        conjuncts = [c for c in word.children if c.dep_ == "conj" and c.i < root.i]
        if not conjuncts:
            continue
        found = []
        for part in (word, *conjuncts):
            lefts = [c.left_edge.i for c in part.lefts if c.dep_ in ("compound", "amod", "nmod")]
            start = min([part.i, *lefts])
            bounds = (max(start, chunk.start), part.i + 1)
            country = view.base.country_word(view.doc[bounds[0] : bounds[1]].text)
            if country is None:
                return []
            found.append((*bounds, country[0]))
        return found if len({code for _, _, code in found}) == len(found) else []
    return []


def _role_candidates(view: ArticleView, chunk: Any) -> list[RoleCandidate]:
    """The role candidate a noun phrase makes, one per country where coordinated country words
    name several groups of the same kind."""
    role = _role_candidate(view, chunk)
    if role is None or not role.group:
        return [] if role is None else [role]
    parts = _coordinated_countries(view, chunk)
    if not parts:
        return [role]
    reading = role.reading
    return [
        replace(role, start=start, end=end, reading=replace(reading, country=code))
        for start, end, code in parts
    ]


def _role_candidate(view: ArticleView, chunk: Any) -> RoleCandidate | None:
    root = chunk.root
    lexicon = view.lexicon
    matches = phrase_matches(word_stream(chunk), lexicon.role_phrases, lexicon.longest)
    role = next((m[2] for m in matches if m[1] == root.i), None)
    if role is None:
        return None
    tokens = list(chunk)
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(child.subtree)
    reading = read_context(view, tokens, last_role=True, last_org=False)
    reading = replace(reading, role=role, role_root=root.i)
    end = max(t.i for t in tokens) + 1
    first = chunk[0]
    determiner = first.lower_ if first.dep_ in ("det", "predet") else ""
    return RoleCandidate(
        chunk.start, end, role, reading, _is_subject(root), role.plural, determiner
    )


def _listed_names(ent: Any) -> list[Any]:
    """An organisation's or person's name the model ran over a comma ("Gazpromneft, Rosneft")
    is the names of a list, each on its own; a trailing company form or suffix ("Acme, Inc.",
    "John Smith, Jr.") stays in the name."""
    if ent.label_ not in _LISTED_LABELS:
        return [ent]
    start, end = ent.start, ent.end
    while end > start and ent.doc[end - 1].text == ",":
        end -= 1  # "Castelneft," the model took with its comma: name_bounds trims it
    commas = [i for i in range(start, end) if ent.doc[i].text == ","]
    if not commas:
        return [ent]
    bounds = [start, *(i + 1 for i in commas), end + 1]
    parts = [ent.doc[a : b - 1] for a, b in pairwise(bounds)]
    if any(
        not part or not part[0].is_title or part.text.lower().strip(".") in _NAME_SUFFIXES
        for part in parts
    ):
        return [ent]
    return [Span(ent.doc, p.start, p.end, label=ent.label_) for p in parts]


def titled_names(doc: Any) -> list[Any]:
    """Names after a courtesy title the model left untagged ("Labour's Mr Livingstone", after
    a paragraph break): a person's name (coreference.yaml `gender_titles`)."""
    titles = load_coreference_words().gender_titles
    tagged = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    for token in doc[:-1]:
        if token.lower_.rstrip(".") not in titles or token.i in tagged:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN":
            if end in tagged or not doc[end].is_title:
                break
            end += 1
        if end > token.i + 1:
            found.append(Span(doc, token.i + 1, end, label=PERSON_LABEL))
    return found


def _with_first_name(ent: Any) -> Any:
    """A surname the model tagged without the first name before it ("Ivana" left out of
    "Ivana Trump"): the whole name, so that it is not taken for another of that surname."""
    if ent.start == 0 or ent.label_ != PERSON_LABEL or len(ent) != 1:
        return ent
    doc = ent.doc
    before = doc[ent.start - 1]
    if not (before.is_title and before.pos_ == "PROPN") or before.ent_type_:
        return ent
    if before.lower_ not in load_coreference_words().first_names:
        return ent
    return Span(doc, ent.start - 1, ent.end, label=ent.label_)


def collect_candidates(view: ArticleView) -> list[Candidate]:
    """Every candidate mention of the article, sorted by position."""
    doc = view.doc
    names: list[NameCandidate] = []
    spent: set[int] = set()
    found_ents = [part for whole in doc.ents for part in _listed_names(whole)]
    for ent in [*found_ents, *titled_names(doc)]:
        if ent.label_ not in NAME_LABELS:
            continue
        if _inside_role_phrase(view, ent) or _AMOUNT.match(ent.text):
            continue  # "280bn" the model took for a name
        whole = _with_first_name(ent)
        found = _name_candidate(view, whole, ruler_id=ent.ent_id_ if whole is ent else "")
        if found is not None:
            names.append(found[0])
            spent |= found[1]
    in_names = {i for n in names for i in range(n.start, n.end)}
    roles: list[RoleCandidate] = []
    for chunk in doc.noun_chunks:
        if chunk.root.i in spent or chunk.root.i in in_names:
            continue
        roles.extend(_role_candidates(view, chunk))
    # Country words that told a role its country ("US" in "US President") are spent.
    readings = [c.reading for c in names] + [c.reading for c in roles]
    used = {i for reading in readings for i in reading.used}
    candidates: list[Candidate] = [*roles, *(n for n in names if n.start not in used)]
    return sorted(candidates, key=lambda c: c.start)
