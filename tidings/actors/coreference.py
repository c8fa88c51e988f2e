"""Coreference in the actor layer: pronouns ("he", "her", "it", "they"), possessives ("his",
"its", "their") and definite descriptions ("the ministry", "the group", "the billionaire")
linked to an actor the article already named, as ordinary mentions of the layer (link
"pronoun", "possessive" or "description"), so that the quote and event stages find them by
span. The words live in `data/actors/coreference.yaml`; role phrases ("the official") are the
role resolver's (roles.py).

The rules favour precision: a reference that fits no one, or that the parse cannot tie to one
actor, stays unresolved.

* "he"/"she" and their forms: a person of a compatible gender (the base's, a title's, an
  earlier resolved pronoun's) seen within `person_pronoun_sentences`: the one last acting as a
  main-clause subject, unless someone named after that subject has the pronoun's gender. A
  possessive prefers the subject of its own clause ("Varga said his plan"), an object never
  is its own clause's subject ("Varga told him").
* "it"/"they" (and "its"/"their"): the actor of the nearest subject before them, within
  `thing_pronoun_sentences` (syntactic parallelism: "The ministry said ... It added"), when
  its kind fits; a nearer subject that is no actor ("The bill ... it") leaves them unresolved.
  A dummy "it" ("it is clear") is no reference.
* A description: an actor of a fitting kind seen within `description_sentences` whose name
  holds the noun ("the ministry" -> "Ministry of Fisheries"), else one of the noun's sector;
  a generic noun ("the group", "the man") also the actor of the nearest subject, else the only
  actor of that kind nearby.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from tidings.actors.article import SUBJECT_DEPS, ArticleState, EntityDraft, acts_in_main_clause
from tidings.actors.clause_subjects import (
    clause_subjects,
    governing_subject,
    reporting_subject,
    subject_control,
)
from tidings.actors.context import ArticleView
from tidings.actors.coreference_words import CoreferenceWords
from tidings.actors.records import LinkKind
from tidings.knowledge.roles import phrase_words

# Entity labels of names: a phrase holding one is a name, not a description ("the 81-year-old"
# holds a DATE and is still one).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
POSSESSIVE_DEP = "poss"
ReferenceForm = Literal["pronoun", "possessive", "description"]


@dataclass(frozen=True, slots=True)
class ReferenceCandidate:
    """A word or phrase that may point back to an actor: its tokens, form, what it says of
    the actor (gender, number, kinds, sector) and, for a description, its head noun."""

    start: int
    end: int
    form: ReferenceForm
    gender: str | None
    plural: bool
    kinds: frozenset[str]
    sector: str | None
    noun: str | None
    subject: bool
    # A description that may stand for an actor by kind alone ("the group", "the man").
    generic: bool = False
    # A description that, with no antecedent near, is the article's focus country's.
    focus: bool = False
    # A description that stands for the one actor of its kinds named near, if just one.
    sole: bool = False


def _description_noun(chunk: Any) -> str:
    """The head noun of a description, "year-old" for "the 81-year-old"."""
    root = chunk.root
    doc = root.doc
    if root.lower_ == "old" and root.i >= 2 and doc[root.i - 2].lower_ == "year":
        return "year-old"
    return str(root.lemma_.lower())


def _age_phrases(doc: Any) -> list[Any]:
    """ "The 81-year-old said": an age standing for a person, which the parser reads as an
    adjective rather than a noun phrase."""
    return [
        doc[token.left_edge.i : token.i + 1]
        for token in doc
        if token.lower_ == "old"
        and token.i >= 2
        and doc[token.i - 2].lower_ == "year"
        and token.dep_ in SUBJECT_DEPS
    ]


def _pronoun_candidate(
    token: Any, words: CoreferenceWords, taken: set[int]
) -> ReferenceCandidate | None:
    word = words.pronouns.get(token.lower_)
    if word is None or token.i in taken or token.pos_ != "PRON":
        return None
    possessive = token.dep_ == POSSESSIVE_DEP
    subject = token.dep_ in SUBJECT_DEPS
    if "person" not in word.kinds:
        # "it"/"they" stand for an actor as a subject or an owner; as an object they are
        # mostly things ("signed it"), and a dummy subject ("it is clear") is nobody.
        if not (subject or possessive):
            return None
        if subject and token.head.lemma_.lower() in words.dummy_it_verbs:
            return None
    if token.dep_ == "expl":
        return None
    return ReferenceCandidate(
        token.i,
        token.i + 1,
        "possessive" if possessive else "pronoun",
        word.gender,
        word.plural,
        word.kinds,
        None,
        None,
        subject,
    )


def _region(view: ArticleView, token: Any) -> bool:
    """A region's adjective before a description ("the Andean country", "the Balkan nation"),
    no country's own word, which would name another country."""
    return bool(
        token.ent_type_ == "NORP"
        and token.dep_ == "amod"
        and view.base.country_word(token.text) is None
    )


def _description_candidate(
    view: ArticleView, chunk: Any, words: CoreferenceWords, taken: set[int]
) -> ReferenceCandidate | None:
    if chunk[0].lower_ not in words.determiners or chunk.root.tag_ in ("NNS", "NNPS"):
        return None
    noun = _description_noun(chunk)
    entry = words.descriptions.get(noun)
    for t in chunk:
        region = entry is not None and entry.sole and _region(view, t)
        if t.i in taken or ((t.ent_type_ in NAME_LABELS or t.pos_ == "PROPN") and not region):
            return None  # a name, or a phrase another resolver read
    subject = chunk.root.dep_ in SUBJECT_DEPS
    focus = sole = False
    if entry is not None:
        kinds, sector, gender, generic = entry.kinds, entry.sector, None, entry.generic
        focus, sole = entry.focus, entry.sole
    elif noun in words.person_nouns:
        kinds, sector, gender = frozenset({"person"}), None, words.person_nouns[noun]
        generic = True
    else:
        return None
    end = chunk.root.i + 1
    return ReferenceCandidate(
        chunk.start,
        end,
        "description",
        gender,
        False,
        kinds,
        sector,
        noun,
        subject,
        generic,
        focus,
        sole,
    )


def collect_references(
    view: ArticleView, words: CoreferenceWords, taken: set[int]
) -> list[ReferenceCandidate]:
    """Pronouns, possessives and descriptions of the article outside the tokens already
    `taken` by names and role phrases, in text order."""
    found: list[ReferenceCandidate] = []
    for token in view.doc:
        cand = _pronoun_candidate(token, words, taken)
        if cand is not None:
            found.append(cand)
    for chunk in [*view.doc.noun_chunks, *_age_phrases(view.doc)]:
        cand = _description_candidate(view, chunk, words, taken)
        if cand is not None:
            found.append(cand)
    return sorted(found, key=lambda c: c.start)


class CoreferenceResolver:
    """Resolves the references of one article against its entities as they are met."""

    def __init__(self, state: ArticleState, words: CoreferenceWords) -> None:
        self.state = state
        self.words = words
        self.sentence_starts = [sent.start for sent in state.view.doc.sents]
        # Whether the last person pronoun had one person only to stand for, or was bound to
        # its clause's subject ("Victoria denounced her father"): it then says their gender.
        self.sole = False
        # The person each gendered pronoun of a sentence stood for: a later one of that
        # gender in the sentence is the same ("accusing him ... calling for him to quit").
        self.chained: dict[tuple[int, str], tuple[EntityDraft, int]] = {}

    def sentence(self, token_index: int) -> int:
        return bisect_right(self.sentence_starts, token_index) - 1

    def first_token(self, cand: ReferenceCandidate, sentences: int) -> int:
        """The first token of the sentence `sentences` before the candidate's."""
        index = max(self.sentence(cand.start) - sentences, 0)
        return self.sentence_starts[index] if self.sentence_starts else 0

    def referent(self, cand: ReferenceCandidate) -> EntityDraft | None:
        """What the reference stands for, no mention recorded."""
        self.sole = False
        if cand.form == "description":
            return self._description(cand)
        if "person" in cand.kinds:
            return self._person_pronoun(cand)
        return self._nearest_subject(cand, self.words.thing_pronoun_sentences)

    def resolve(self, cand: ReferenceCandidate) -> None:
        target = self.referent(cand)
        if target is None:
            return
        link: LinkKind = cand.form
        self.state.add(target, span=(cand.start, cand.end), link=link, subject=cand.subject)
        if cand.gender is not None and target.kind == "person":
            self.chained[(self.sentence(cand.start), cand.gender)] = (target, cand.start)
        if cand.gender is not None and target.gender is None and self.sole:
            # a pronoun that had only this person to stand for says the person's gender
            target.said_gender = cand.gender

    def _fits(self, draft: EntityDraft, cand: ReferenceCandidate, since: int) -> bool:
        if draft.kind not in cand.kinds or draft.last < since:
            return False
        return cand.gender is None or draft.gender in (None, cand.gender)

    def _nearest_subject(self, cand: ReferenceCandidate, sentences: int) -> EntityDraft | None:
        """The actor of the nearest subject before the candidate, if its kind fits. A
        relative pronoun is passed over ("the group, which said"); any other subject that is
        no fitting actor ends the search."""
        doc = self.state.view.doc
        since = self.first_token(cand, sentences)
        own_sentence = self.sentence_starts[self.sentence(cand.start)]
        for i in range(cand.start - 1, since - 1, -1):
            token = doc[i]
            if token.dep_ not in SUBJECT_DEPS or token.tag_ in ("WDT", "WP"):
                continue
            if i < own_sentence and not acts_in_main_clause(token):
                continue  # "... as Scott was sitting in his car. It ...": not who acts
            entity_id = self.state.token_entity.get(i)
            draft = self.state.get(entity_id) if entity_id else None
            if draft is None or not self._fits(draft, cand, since):
                return None
            if "person" not in cand.kinds and token.ent_type_ == "PERSON":
                return None  # a person the model's first reading made an organisation
            if cand.form != "description" and not cand.plural and token.tag_ in ("NNS", "NNPS"):
                return None  # "Chinese officials were irritated by Rover's disclosure of its"
            return draft
        return None

    def _person_pronoun(self, cand: ReferenceCandidate) -> EntityDraft | None:
        since = self.first_token(cand, self.words.person_pronoun_sentences)
        people = [d for d in self.state.people() if self._fits(d, cand, since)]
        if cand.form == "pronoun" and not cand.subject:
            own = clause_subjects(self.state, cand.start, controlled=True)
            people = [d for d in people if d.id not in own]
        if cand.form == "pronoun" and cand.subject:
            # "Brek said Varga had decided he would quit": the subject of the clause that
            # governs the pronoun's own is the likelier one, before any earlier subject or
            # pronoun ("he alleges X told Y he would step down": X)
            governing = governing_subject(self.state, cand.start)
            bound = [d for d in people if d.id == governing]
            if bound:
                return bound[0]
            # a time clause's subject ("X quit after he lost"): only one known to match its
            # gender ("Chris Christie ... Hillary Clinton ... after she attacked": not Christie)
            timed = governing_subject(self.state, cand.start, self.words.binding_subordinators)
            bound = [d for d in people if d.id == timed and d.gender == cand.gender]
            if bound and cand.gender is not None:
                return bound[0]
        chained, at = self.chained.get((self.sentence(cand.start), cand.gender or ""), (None, 0))
        if chained is not None and chained in people:
            # a possessive after someone else is named since is theirs as likely ("He said
            # the death of General X destroyed his assassins' plans")
            between = {self.state.token_entity.get(i) for i in range(at + 1, cand.start)}
            if cand.form == "pronoun" or not any(d.id in between for d in people):
                return chained
        if cand.form == "pronoun" and not cand.subject:
            here = self.sentence_starts[self.sentence(cand.start)]
            inside = self._subject_phrase(cand.start)  # "the army led by X overthrew him": not X
            named_here = [d for d in people if d.last >= here and d.last not in inside]
            if named_here:  # "Sturgeon wrote to McConnell accusing him": McConnell; "X
                # called on Y to apologise to Z for accusing him": Z, the nearest
                return max(named_here, key=lambda d: d.last)
        if not people:
            return None
        self.sole = len(people) == 1 and cand.form == "pronoun"
        if cand.form == "possessive":
            # "Varga said his plan": the owner is the clause's subject, unless another person
            # stands between them ("Varga grilled Marr for his role"): then it is unclear.
            own = clause_subjects(self.state, cand.start) or subject_control(self.state, cand.start)
            mine = [d for d in people if d.id in own]
            if len(mine) == 1:
                between = {
                    self.state.token_entity.get(i) for i in range(mine[0].last + 1, cand.start)
                }
                others = [d for d in people if d.id in between and d is not mine[0]]
                # bound to its clause's subject, it says that person's gender
                self.sole = not others
                return None if others else mine[0]
            reporter = reporting_subject(self.state, cand.start)
            bound = [d for d in people if d.id == reporter]
            if not mine and bound:  # "X said that his government would ...": X's, unless
                between = {  # another person is named between ("X said Y's death ... his")
                    self.state.token_entity.get(i) for i in range(bound[0].last + 1, cand.start)
                }
                if not any(d.id in between for d in people if d is not bound[0]):
                    return bound[0]
            if len(people) > 1:
                return None
        acting = [d for d in people if d.last_subject >= since]
        target = (
            max(acting, key=lambda d: d.last_subject)
            if acting
            else max(people, key=lambda d: d.last)
        )
        if cand.gender is not None:
            # Someone named after that subject whose gender is known to match ("Jon Varga met
            # Mara Lind. She said ...") is the likelier one.
            later = [d for d in people if d.gender == cand.gender and d.last > target.last_subject]
            if target.gender != cand.gender and later:
                target = max(later, key=lambda d: d.last)
        return target

    def _subject_phrase(self, index: int) -> set[int]:
        """The words of the subject of the verb a word depends on."""
        verb = self.state.view.doc[index].head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = (c for c in verb.children if c.dep_ in SUBJECT_DEPS)
        return {w.i for subject in subjects for w in subject.subtree}

    def _description(self, cand: ReferenceCandidate) -> EntityDraft | None:
        since = self.first_token(cand, self.words.description_sentences)
        fitting = [d for d in self.state.drafts.values() if self._fits(d, cand, since)]
        if not fitting:
            return self.state.focus_country(cand.start) if cand.focus else None
        noun = cand.noun or ""
        named = [d for d in fitting if noun in phrase_words(d.name)]
        if named:
            return max(named, key=lambda d: d.last)
        if cand.sector is not None:
            of_sector = [d for d in fitting if d.sector == cand.sector]
            if of_sector:
                return max(of_sector, key=lambda d: d.last)
        near = self.first_token(cand, self.words.thing_pronoun_sentences)
        close = [d for d in fitting if d.last >= near]
        if cand.sole and len(fitting) == 1 and close:
            return fitting[0]  # "aid to Novalia to help the Andean country"
        if not cand.generic:
            return self.state.focus_country(cand.start) if cand.focus else None
        nearest = self._nearest_subject(cand, self.words.description_sentences)
        if nearest is not None:
            return nearest
        return fitting[0] if len(fitting) == 1 else None
