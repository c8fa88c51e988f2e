"""Corrections to the small English model's reading of news, as pipeline components
(words in tidings/data/parse.yaml):

* `tidings_sentence_starts`, before the parser: a sentence that ends in an initialism
  ("... revenge against the U.S.") has no full stop of its own, and the parser runs it on
  into the next one, which then loses its subject. The word after the initialism starts a
  sentence when it is a sentence opener or the adjective or name of another country; so does
  the word after a paragraph break. The parser keeps boundaries set before it.
* `tidings_place_participles`, after the parser: "responded with attacks on bases housing
  troops" is read as an absolute clause ("with attacks housing troops"), which takes the
  attacks' own clause from them. The participle of a place-holding verb right after the place
  is put back on the place, and "with" back on the clause.
* `tidings_lemma_fixes`, after the lemmatizer: lemmas its rules get wrong ("staged" read as
  "stag"), which would hide a verb from every word list keyed by lemma.
* `tidings_name_subjects`, last (it reads the entities of the model and the actor rulers): a
  clause with no subject gets the name before its verb that the model read as an adverb
  ("AIDCO had announced ...": the agency an adverb of "announced").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

SENTENCE_STARTS = "tidings_sentence_starts"
PLACE_PARTICIPLES = "tidings_place_participles"
NAME_SUBJECTS = "tidings_name_subjects"
LEMMA_FIXES = "tidings_lemma_fixes"
PARSE_FILE = "parse.yaml"

# "U.S.", "U.K.", "U.N.": capital letters each with its full stop.
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
# The preposition of an absolute clause ("with X doing Y").
_ABSOLUTE_MARK = "with"
_NOUNS = frozenset({"NOUN", "PROPN"})
# Entity labels of a name that can be a clause's subject, and the labels the model gives such
# a name when it misreads it as an adverb.
_SUBJECT_NAMES = frozenset({"ORG", "GPE", "PERSON", "NORP"})
_ADVERB_DEPS = frozenset({"advmod", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"})

CountryOf = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class ParseWords:
    sentence_openers: frozenset[str]
    place_holding_verbs: frozenset[str]
    lemma_fixes: dict[str, str]


@lru_cache(maxsize=1)
def load_parse_words() -> ParseWords:
    text = resources.files("tidings.data").joinpath(PARSE_FILE).read_text("utf-8")
    data = read_yaml_mapping(text, PARSE_FILE)

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ConfigError(PARSE_FILE, f"{key}: expected a list of words")
        return frozenset(w.lower() for w in value)

    fixes = data.get("lemma_fixes") or {}
    if not isinstance(fixes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fixes.items()
    ):
        raise ConfigError(PARSE_FILE, "lemma_fixes: expected word: lemma pairs")
    return ParseWords(
        words("sentence_openers"),
        words("place_holding_verbs"),
        {k.lower(): v for k, v in fixes.items()},
    )


class SentenceStarts:
    """Marks the word after a sentence-final initialism as a sentence start."""

    def __init__(self) -> None:
        self.openers = load_parse_words().sentence_openers
        self.country_of: CountryOf = lambda _text: None

    def _starts_sentence(self, initialism: str, word: Any, after: Any | None) -> bool:
        if not word.text[:1].isupper() or not word.is_alpha:
            return False
        if word.lower_ in self.openers:
            return True
        # "... the U.S. Iranian forces responded": another country's word, then a common word
        country = self.country_of(word.text)
        if country is None or country == self.country_of(initialism):
            return False
        return after is not None and after.is_lower

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n\n" in token.text:
                # a paragraph break ends a sentence, whatever the parser would run on across
                # it ('... money."' then a new paragraph 'Jon Varga, for the party, said')
                doc[token.i + 1].is_sent_start = True
                continue
            if not _INITIALISM.match(token.text):
                continue
            word = doc[token.i + 1]
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            if self._starts_sentence(token.text, word, after):
                word.is_sent_start = True
        return doc


class PlaceParticiples:
    """Re-attaches "with N on PLACE holding-VERB-ing X" (read as an absolute clause)."""

    def __init__(self) -> None:
        self.verbs = load_parse_words().place_holding_verbs

    def __call__(self, doc: Doc) -> Doc:
        for verb in doc:
            if verb.tag_ == "VBG" and verb.lemma_.lower() in self.verbs:
                _reattach(verb)
        return doc


class LemmaFixes:
    """Sets the lemma of the words whose lemma the model's rules get wrong."""

    def __init__(self) -> None:
        self.fixes = load_parse_words().lemma_fixes

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            fixed = self.fixes.get(token.lower_)
            if fixed is not None:
                token.lemma_ = fixed
        return doc


class NameSubjects:
    """Gives a subjectless clause the name the model read as an adverb of its verb."""

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent.label_ in _SUBJECT_NAMES:
                _name_as_subject(ent)
        return doc


def _name_as_subject(ent: Any) -> None:
    """A name read as an adverb of the verb after it, in a clause with no subject, is the
    subject."""
    root = ent.root
    verb = root.head
    # the tag, not the part of speech: with the rule tables on, parts of speech come later
    if root.dep_ not in _ADVERB_DEPS or not verb.tag_.startswith("VB") or verb.i < root.i:
        return
    # a clause's own verb, not a participle of a compound word ("Tehran-aligned militias")
    if verb.dep_ not in _CLAUSE_DEPS or verb.doc[ent.end].text == "-":
        return
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return
    root.dep_ = "nsubj"
    for token in ent:  # the tag too: the attribute tables map tags to parts of speech
        token.tag_, token.pos_ = "NNP", "PROPN"


def _reattach(verb: Any) -> None:
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == _ABSOLUTE_MARK), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in _NOUNS), None)
    clause = verb.head
    if mark is None or subject is None or clause.i == verb.i or verb.i == 0:
        return
    place = verb.doc[verb.i - 1]
    subtree = {t.i for t in subject.subtree}
    if place.pos_ not in _NOUNS or place.dep_ != "pobj" or place.i not in subtree:
        return
    trailing = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i]
    mark.head, mark.dep_ = clause, "prep"
    subject.head, subject.dep_ = mark, "pobj"
    verb.head, verb.dep_ = place, "acl"
    for participle in trailing:  # ", wounding ...": the clause's, not the place's
        participle.head = clause


@Language.factory(SENTENCE_STARTS)
def make_sentence_starts(nlp: Language, name: str) -> SentenceStarts:
    return SentenceStarts()


@Language.factory(NAME_SUBJECTS)
def make_name_subjects(nlp: Language, name: str) -> NameSubjects:
    return NameSubjects()


@Language.factory(LEMMA_FIXES)
def make_lemma_fixes(nlp: Language, name: str) -> LemmaFixes:
    return LemmaFixes()


@Language.factory(PLACE_PARTICIPLES)
def make_place_participles(nlp: Language, name: str) -> PlaceParticiples:
    return PlaceParticiples()


def add_name_subjects(nlp: Language) -> None:
    """The name-subject correction, last: after the entity rulers (nothing without a
    parser)."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME_SUBJECTS, last=True)


def add_corrections(nlp: Language, country_of: CountryOf) -> None:
    """The sentence-start and place-participle components, around the parser (nothing when
    the pipeline has none)."""
    if "parser" not in nlp.pipe_names:
        return
    starts = nlp.add_pipe(SENTENCE_STARTS, before="parser")
    if isinstance(starts, SentenceStarts):
        starts.country_of = country_of
    # after the lemmatizer, which runs after the parser in the English pipelines
    after = "lemmatizer" if "lemmatizer" in nlp.pipe_names else "parser"
    nlp.add_pipe(LEMMA_FIXES, after=after)
    nlp.add_pipe(PLACE_PARTICIPLES, after=LEMMA_FIXES)
