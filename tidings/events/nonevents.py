"""Event words that report no event: inside a name ("Popular Mobilization Forces"), a
descriptor ("the jailed leader", "coup leader", "aid workers"), a figure of speech ("destroyed
the illusions"), or in a sentence or story that a discard phrase marks as off-topic (sport,
entertainment: Phoenix's discards). The words are data: tidings/data/events/nonevents/ and
tidings/data/events/cameo/discards.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

NONEVENTS_FILE = "nonevents.yaml"
DISCARDS_FILE = "discards.tsv"
_LISTS = (
    "name_labels",
    "characterising_verbs",
    "characterised_subjects",
    "idioms",
    "descriptor_heads",
    "definite_descriptor_heads",
    "descriptor_dependencies",
    "metaphor_objects",
    "figurative_types",
    "date_labels",
    "condition_heads",
    "unit_heads",
    "grounds_nouns",
    "grounds_prepositions",
    "needs_light_verb",
    "punishment_types",
    "question_verbs",
    "question_words",
    "question_prepositions",
    "clause_statement_verbs",
    "opinion_verbs",
    "attempt_verbs",
    "disaster_nouns",
    "transitive_senses",
    "refusing_verbs",
    "unsaid_topic_verbs",
    "told_nouns",
    "unsaid_verbs",
    "capacity_nouns",
    "using_verbs",
)
# Dependency labels of what a verb or an event noun is done to.
_VERB_OBJECTS = frozenset({"dobj", "nsubjpass"})
_NOUN_OBJECT_PREPOSITIONS = frozenset({"of", "on"})


@dataclass(frozen=True, slots=True)
class NonEvents:
    """The non-event words, and the discard phrases compiled (sentence and story scope)."""

    words: dict[str, frozenset[str]]
    sentence_discards: re.Pattern[str] | None
    story_discards: re.Pattern[str] | None

    def has(self, key: str, word: str) -> bool:
        return word in self.words[key]


def _phrases(phrases: list[str]) -> re.Pattern[str] | None:
    """One pattern for all phrases, whole words, case-insensitive. A phrase ending in `_`
    (PETRARCH's mark) ends at a word boundary; the others may run on ("hockey" in "hockeyroos")."""
    if not phrases:
        return None
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        exact = phrase.endswith("_")
        words = [re.escape(w) for w in phrase.rstrip("_").replace("_", " ").split()]
        if words:
            parts.append(r"\b" + r"\s+".join(words) + (r"\b" if exact else ""))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def read_discards(text: str, origin: str) -> tuple[list[str], list[str]]:
    """The sentence-scope and story-scope phrases of discards.tsv."""
    sentence: list[str] = []
    story: list[str] = []
    for n, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2 or fields[1] not in ("sentence", "story"):
            raise ConfigError(origin, f"line {n}: expected PHRASE<TAB>sentence|story")
        (story if fields[1] == "story" else sentence).append(fields[0])
    return sentence, story


def read_nonevents(text: str, origin: str, discards: str = "") -> NonEvents:
    data = read_yaml_mapping(text, origin)
    words: dict[str, frozenset[str]] = {}
    for key in _LISTS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ConfigError(origin, f"{key}: expected a list of words")
        keep_case = key in ("name_labels", "figurative_types", "date_labels", "punishment_types")
        words[key] = frozenset(w if keep_case else w.lower() for w in value)
    unknown = set(data) - set(_LISTS)
    if unknown:
        raise ConfigError(origin, f"unknown key(s) {sorted(unknown)}")
    sentence, story = read_discards(discards, DISCARDS_FILE) if discards else ([], [])
    return NonEvents(words, _phrases(sentence), _phrases(story))


@lru_cache(maxsize=1)
def load_nonevents() -> NonEvents:
    events = resources.files("tidings.data").joinpath("events")
    text = events.joinpath("nonevents", NONEVENTS_FILE).read_text("utf-8")
    discards = events.joinpath("cameo", DISCARDS_FILE).read_text("utf-8")
    return read_nonevents(text, NONEVENTS_FILE, discards)


def in_name(token: Any, nonevents: NonEvents) -> bool:
    """Whether the event word is written as part of a name: inside a date ("on March 28"),
    inside a named entity of two words or more, or a capitalised proper noun tagged as a name
    or compounded with another ("Strike Force") that is not the sentence's first word (there a
    capital proves nothing)."""
    if token.ent_type_ in nonevents.words["date_labels"]:
        return True
    if not (token.is_title or token.is_upper):
        return False
    if token.ent_type_ in nonevents.words["name_labels"] and token.ent_iob_ in ("B", "I"):
        doc = token.doc
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end - start >= 2:
            return True
    if token.pos_ != "PROPN" or token.is_sent_start:
        return False
    if token.ent_type_ in nonevents.words["name_labels"]:
        return True  # a name of one word, tagged as one ("a traditional Amnesty campaign")
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "PROPN" and head.is_title:
        return True
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title for c in token.children)


def is_descriptor(token: Any, nonevents: NonEvents, parties: frozenset[str]) -> bool:
    """Whether the event word only describes a noun: a past participle modifier ("the jailed
    leader", "the UN-recognized government") or a compound on a person or body noun ("coup
    leader", "aid workers"). A present participle only on a party noun (`parties`: "a visiting
    diplomat"): elsewhere it is as often the parser's misreading of a clause ("with Trump
    threatening military action")."""
    if token.tag_ == "VBN" and token.dep_ in nonevents.words["descriptor_dependencies"]:
        return True
    if token.tag_ == "VBG" and token.dep_ in nonevents.words["descriptor_dependencies"]:
        # "a visiting diplomat", "the ruling party": a present participle on a party noun
        return bool(token.head.lemma_.lower() in parties)
    head = token.head
    if token.dep_ != "compound" or head.i == token.i:
        return False
    if head.lemma_.lower() in nonevents.words["descriptor_heads"]:
        return True
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "its", "their"))
        for c in head.children
    )
    return definite and head.lemma_.lower() in nonevents.words["definite_descriptor_heads"]


def names_a_condition(token: Any, nonevents: NonEvents) -> bool:
    """Whether the event noun names a condition, a risk or a prospect ("a state of siege",
    "the risk of war", "the brink of war"): the object of "of" under such a noun."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lemma_.lower() == "of"
        and prep.head.lemma_.lower() in nonevents.words["condition_heads"]
    )


def in_idiom(token: Any, nonevents: NonEvents) -> bool:
    """Whether the event noun is part of an idiom with its governor or the word before it
    (nonevents.yaml `idioms`: "took charge", "in charge", "a press release")."""
    pairs = [f"{token.head.lemma_.lower()} {token.lemma_.lower()}"]
    pairs += [f"{c.lemma_.lower()} {token.lemma_.lower()}" for c in token.children if c.i < token.i]
    return any(nonevents.has("idioms", pair) for pair in pairs)


def denies_existence(token: Any) -> bool:
    """Whether the event noun is said not to exist ("there was no treaty between X and Y",
    "there is no deal"): a state of affairs, not an act refused."""
    head = token.head
    return (
        token.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in head.children)
        and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
    )


def gives_grounds(token: Any, nonevents: NonEvents) -> bool:
    """Whether the event noun gives the grounds of another act ("arrested on charges of
    sedition", "jailed over allegations"): not an accusation of its own."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and token.lemma_.lower() in nonevents.words["grounds_nouns"]
        and prep.lemma_.lower() in nonevents.words["grounds_prepositions"]
        and prep.head.i != token.i
        and prep.head.pos_ in ("VERB", "NOUN")
    )


def alleged_grounds(token: Any, nonevents: NonEvents, punishing: bool) -> bool:
    """Whether the event verb gives the grounds of a punishment ("arrested for collaborating
    with X", "jailed over spying"): an allegation, not a reported act. `punishing`: whether
    the preposition's head is an event word of a `punishment_types` type."""
    prep = token.head
    return (
        punishing
        and token.dep_ == "pcomp"
        and prep.lemma_.lower() in nonevents.words["grounds_prepositions"]
    )


def names_a_unit(token: Any, nonevents: NonEvents) -> bool:
    """Whether the event noun only describes or names a body ("aid convoys", "the NATO
    alliance"): a compound on a unit noun, or a body noun (`needs_light_verb`). Read only
    where no light verb governs the phrase."""
    if token.lemma_.lower() in nonevents.words["needs_light_verb"]:
        return True
    head = token.head
    return (
        token.dep_ == "compound"
        and head.i != token.i
        and head.lemma_.lower() in nonevents.words["unit_heads"]
    )


def is_figurative(token: Any, event_type: str, nonevents: NonEvents) -> bool:
    """Whether a harmful event word is done to a thing of the mind ("destroyed the
    illusions", "the destruction of hopes"): a figure of speech, no event."""
    if event_type not in nonevents.words["figurative_types"]:
        return False
    objects = [c for c in token.children if c.dep_ in _VERB_OBJECTS]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lemma_.lower() in _NOUN_OBJECT_PREPOSITIONS:
            objects.extend(c for c in prep.children if c.dep_ == "pobj")
    if token.dep_ == "acl" or (token.dep_ == "relcl" and token.pos_ == "VERB"):
        objects.append(token.head)
    return any(o.lemma_.lower() in nonevents.words["metaphor_objects"] for o in objects)


def asks_a_question(token: Any, nonevents: NonEvents) -> bool:
    """Whether a verb of asking puts a question rather than makes a request: its clause asks
    ("asked whether ...", "asked why ..."), it asks "about" something, or it is the bare
    participle that frames an answer ("Asked about the plan, she said ...")."""
    words = nonevents.words
    if token.pos_ != "VERB" or token.lemma_.lower() not in words["question_verbs"]:
        return False
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl") and child.i > token.i:
            first = child.doc[child.left_edge.i]
            if first.lower_ in words["question_words"]:
                return True
        if child.dep_ == "prep" and child.lower_ in words["question_prepositions"]:
            return True
    subjects = ("nsubj", "nsubjpass")
    bare = not any(c.dep_ in subjects for c in token.children)
    return bare and token.tag_ == "VBN" and token.dep_ == "advcl"


def lacks_its_object(token: Any, nonevents: NonEvents) -> bool:
    """Whether a verb whose event sense acts on something (`transitive_senses`: "returned the
    paintings") is used with nothing acted on ("is returning to advise the party")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in nonevents.words["transitive_senses"]:
        return False
    acted_on = any(
        c.dep_ in ("dobj", "nsubjpass", "dative")
        # a heavy object after the place, read as an adverb ("returned to X on Monday 21
        # frogs"), that is no time
        or (c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.ent_type_ not in ("DATE", "TIME"))
        for c in token.children
    )
    participle = token.dep_ in ("acl", "relcl") and token.tag_ == "VBN"  # "the land returned"
    return not acted_on and not participle


def only_a_capacity(token: Any, nonevents: NonEvents) -> bool:
    """Whether a verb is the infinitive of a noun of capacity ("the power to detain", "the
    right to protest"): what may be done, no act."""
    to = next((c for c in token.children if c.dep_ == "aux" and c.tag_ == "TO"), None)
    if token.pos_ == "VERB" and to is not None and (token.dep_ == "acl" or to.i > 0):
        # the noun the infinitive hangs from, or the one right before its "to" (the parser
        # hangs "rights to protest" on a verb further up)
        noun = token.head if token.dep_ == "acl" else token.doc[to.i - 1]
    elif token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "to":
        noun = token.head.head  # "rights to protest", the parser's noun
    else:
        return False
    if noun.lemma_.lower() not in nonevents.words["capacity_nouns"]:
        return False
    # "used their power to detain": the power was used, the act done
    return not (noun.dep_ == "dobj" and noun.head.lemma_.lower() in nonevents.words["using_verbs"])


def characterises(token: Any, nonevents: NonEvents) -> bool:
    """Whether an event noun only characterises something ("a move branded a humiliating
    retreat", "described the decision as a U-turn", "this announcement is a retreat"): a
    judgement, no event."""
    head = token.head
    verbs = nonevents.words["characterising_verbs"]
    if token.dep_ == "oprd":
        return True
    participle = head.tag_ == "VBN" or head.dep_ == "acl"
    if token.dep_ == "dobj" and participle and head.lemma_.lower() in verbs:
        return True  # the passive participle's second object
    if token.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in verbs:
        return True
    if token.dep_ != "attr":
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    return any(c.lemma_.lower() in nonevents.words["characterised_subjects"] for c in subjects)


def refuses_to_speak(token: Any, nonevents: NonEvents) -> bool:
    """Whether a verb of refusing governs an infinitive of saying ("declined to comment",
    "refused to be drawn on reports", "refused to discuss reports that ..."; not "refused to
    discuss the border with X"): no comment, no rejection."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in nonevents.words["refusing_verbs"]:
        return False
    words = nonevents.words
    for c in (c for c in token.children if c.dep_ == "xcomp"):
        deps = {(d.dep_, d.lemma_.lower()) for d in c.children}
        told = any(dep == "dobj" and lemma in words["told_nouns"] for dep, lemma in deps)
        topic = c.lemma_.lower() in words["unsaid_topic_verbs"] and ("prep", "with") not in deps
        if c.lemma_.lower() in words["unsaid_verbs"] or (topic and told):
            return True
    return False


def only_attempts(token: Any, nonevents: NonEvents) -> bool:
    """Whether a verb of trying takes an infinitive of its own ("is seeking to buy"): the act
    tried is the event, not the trying."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in nonevents.words["attempt_verbs"]:
        return False
    return any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
        for c in token.children
    )


def done_by_nature(subject: Any, nonevents: NonEvents) -> bool:
    """Whether the doer of a harmful act is a disaster: its head is a disaster noun ("the
    earthquake killed"), or its name follows one elsewhere in the article ("Hurricane Mitch"
    ... "Mitch killed")."""
    disasters = nonevents.words["disaster_nouns"]
    if subject.lemma_.lower() in disasters:
        return True
    if subject.pos_ != "PROPN":
        return False
    doc = subject.doc
    return any(t.text == subject.text and t.i > 0 and doc[t.i - 1].lower_ in disasters for t in doc)


def discarded_sentences(doc: Any, nonevents: NonEvents) -> tuple[bool, frozenset[int]]:
    """Whether a story-scope discard phrase drops the whole article, and the start tokens of
    the sentences a sentence-scope phrase drops."""
    text = doc.text
    if nonevents.story_discards is not None and nonevents.story_discards.search(text):
        return True, frozenset()
    pattern = nonevents.sentence_discards
    if pattern is None or not pattern.search(text):
        return False, frozenset()
    return False, frozenset(s.start for s in doc.sents if pattern.search(s.text))
