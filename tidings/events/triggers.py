"""Event triggers: verbs and event nouns of the lexicon (lemma + part of speech, `with` and
`without` constraints read on the head's dependents), and light-verb constructions ("carried
out a strike": the noun's event, the verb's clause). An event word that reports no event
(inside a name, a descriptor, a figure of speech, a discarded sentence: nonevents.py) is no
trigger."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tidings.events.lexicon import EventLexicon, LexEntry
from tidings.events.nonevents import (
    NonEvents,
    alleged_grounds,
    asks_a_question,
    characterises,
    denies_existence,
    discarded_sentences,
    done_by_nature,
    gives_grounds,
    in_idiom,
    in_name,
    is_descriptor,
    is_figurative,
    lacks_its_object,
    load_nonevents,
    names_a_condition,
    names_a_unit,
    only_a_capacity,
    only_attempts,
    refuses_to_speak,
)
from tidings.events.stated_points import states_a_point

# Parts of speech (spaCy's universal tags) read as the lexicon's `pos`.
_POS = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun"}
# Dependency labels of an object or a content clause: a verb entered as intransitive ("they
# compromised") is another sense with one ("compromising its independence").
_OBJECT_DEPS = frozenset({"dobj", "ccomp", "dative"})
# Dependents whose own dependents a `with` constraint also reads ("vowed to take revenge",
# "called for talks", "opened fire on").
_REACH_THROUGH = frozenset({"prep", "xcomp", "agent", "dative", "prt", "acomp", "pcomp"})
# Dependency labels by which a noun is what a verb does ("launched an attack"; passive "an
# attack was launched"; "came under attack").
_LIGHT_OBJECT = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event word. `head` is the word whose clause states the event: the trigger itself,
    or the light verb governing an event noun (`light`). `undergoer`: the light verb's
    subject suffers the event ("suffered an attack"). `consumed`: the tokens a `with`
    constraint matched (they are part of this trigger, not events of their own)."""

    token: Any
    entry: LexEntry
    head: Any
    light: Any | None
    undergoer: bool
    consumed: tuple[int, ...]

    @property
    def nominal(self) -> bool:
        return bool(self.entry.pos == "noun")


def _dependents(token: Any, measures: frozenset[str] = frozenset()) -> Iterator[Any]:
    for child in token.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            continue  # the verb's own modal ("they should have said"), not what it reports
        yield child
        if child.dep_ == "ccomp" and _asks_an_act(child):
            # the modal of a content clause ("said that X must go"): what the report asks
            yield from (c for c in child.children if c.dep_ == "aux" and c.tag_ == "MD")
        if child.dep_ == "ccomp" and child.lemma_ == "be":
            # the predicate of a content clause ("said X was responsible", "was behind")
            yield from (c for c in child.children if c.dep_ in ("acomp", "prep"))
        if child.ent_type_ == "CARDINAL" or child.like_num or child.lemma_.lower() in measures:
            # a number's or a measure's "of" is what is counted ("recruited hundreds of
            # fighters", "handed over $4 million worth of equipment")
            yield from (
                grandchild
                for prep in child.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for grandchild in prep.children
            )
        if child.dep_ in _REACH_THROUGH:
            for grandchild in child.children:
                yield grandchild
                if grandchild.dep_ in _REACH_THROUGH or child.dep_ == "xcomp":
                    yield from grandchild.children
    if token.dep_ == "xcomp":
        # a controlled verb's subject is its governor's ("troops have begun leaving X")
        yield from (c for c in token.head.children if c.dep_ == "nsubj")


def _asks_an_act(clause: Any) -> bool:
    """Whether a content clause can ask its subject to act: an active verb of its own, not a
    state ("should be able to"), a passive ("should be punished") nor a past missed ("should
    have said"), and not the speaker's own ("we should rebuild": a first-person subject)."""
    auxes = {c.lemma_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    deps = {c.dep_ for c in clause.children}
    subjects = (c for c in clause.children if c.dep_ == "nsubj")
    if any("1" in c.morph.get("Person") for c in subjects):
        return False
    return (
        clause.pos_ == "VERB"
        and clause.lemma_ not in ("be", "have")  # "Greece should have sole rights": a state
        and "have" not in auxes
        and "auxpass" not in deps
        and "nsubj" in deps
    )


def _governed(word: Any, lemmas: frozenset[str]) -> bool:
    """Whether `word` is one of `lemmas`, or the head of a two-word one ("martial law": "law"
    with "martial" on it; not the bare "law")."""
    lemma = word.lemma_.lower()
    if lemma in lemmas:
        return True
    return any(f"{c.lemma_.lower()} {lemma}" in lemmas for c in word.children if c.i < word.i)


def _particle_used_as_preposition(word: Any, particles: frozenset[str]) -> bool:
    """A verb particle of a `with` constraint ("give in", "give up") standing as a preposition
    with an object of its own ("give all children lessons in schools"): not the phrasal verb."""
    if word.lemma_.lower() not in particles or word.dep_ != "prep":
        return False
    return any(c.dep_ == "pobj" for c in word.children)


def _choose(
    token: Any,
    entries: tuple[LexEntry, ...],
    measures: frozenset[str] = frozenset(),
    particles: frozenset[str] = frozenset(),
) -> tuple[LexEntry, tuple[int, ...]] | None:
    """The entry that applies: one whose `with` the head satisfies, else the bare lemma; an
    entry whose `without` the head governs does not apply. `measures`: frames.yaml
    `measure_nouns`, whose "of" names what a verb acts on."""
    governed: list[Any] | None = None
    for entry in entries:
        if entry.intransitive and any(c.dep_ in _OBJECT_DEPS for c in token.children):
            continue
        if entry.nominal and any(_verbal_complement(c) for c in token.children):
            continue
        if entry.without_:
            governed = list(_dependents(token, measures)) if governed is None else governed
            # a relative clause's subject is the noun it hangs from ("the poll, which
            # questioned 1,943 adults")
            antecedent = [token.head] if token.dep_ == "relcl" else []
            if any(_governed(d, entry.without_) for d in [*governed, *antecedent]):
                continue
        if not entry.with_:
            return entry, ()
        matched = tuple(
            d.i
            for d in _dependents(token, measures)
            # a particle or preposition of a phrasal verb follows it ("give in"), not "In a
            # separate development, X gave ..."
            if _governed(d, entry.with_)
            and not (d.pos_ in ("ADP", "PART") and d.i < token.i)
            # "voted to hold X in contempt for refusing": the infinitive's "for", not a vote for
            and not (d.pos_ == "ADP" and d.head.dep_ == "xcomp" and d.head.head.i == token.i)
            and not _particle_used_as_preposition(d, particles)
        )
        if matched:
            return entry, matched
    return None


def _verbal_complement(child: Any) -> bool:
    """A clause or a verb as what a verb governs ("denied that ...", "denied attacking")."""
    return child.dep_ in ("xcomp", "ccomp") or (
        child.dep_ in ("dobj", "pcomp") and child.pos_ in ("VERB", "AUX")
    )


def sense_applies(token: Any, entry: LexEntry) -> bool:
    """Whether the entry's sense fits the word where it stands: its `with` governed, its
    `without` not ("a phone call" is a consultation, "calls to go" are not)."""
    return _choose(token, (entry,)) is not None


def phrase_head(token: Any) -> Any:
    """The noun an event noun modifies as a compound ("a peacekeeping force", "a mediation
    effort"): the phrase whose place in the clause is the event's."""
    head = token.head
    if token.dep_ == "compound" and head.i != token.i and head.pos_ in ("NOUN", "PROPN"):
        return head
    return token


def _light_verb(token: Any, lexicon: EventLexicon) -> tuple[Any | None, bool]:
    """The light verb whose object (or passive subject) the event noun is, and whether its
    subject undergoes the event; or the verb of a phrase the noun completes ("came under
    attack", "remained on alert", "took part in talks")."""
    frames = lexicon.frames
    token = phrase_head(token)
    first = token
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    if first.dep_ in _LIGHT_OBJECT and frames.has("undergoer_light_verbs", first.head.lemma_):
        token = first  # "received weapons and financial support from X": received as well
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None, False
        if frames.has("undergoer_light_verbs", verb.lemma_):
            return verb, True
        if frames.has("participation_verbs", verb.lemma_):
            # "went on strike": the subject does it; "went on trial": it undergoes it
            return verb, frames.has("undergone_nouns", token.lemma_)
        if head.lower_ == "as" and frames.has("role_verbs", verb.lemma_):
            return verb, False  # "held civilians as human shields"
        return None, False
    if token.dep_ not in _LIGHT_OBJECT or head.pos_ not in ("VERB", "AUX") or head.i == token.i:
        return None, False
    if frames.has("undergoer_light_verbs", head.lemma_):
        return head, True
    if frames.has("payment_verbs", head.lemma_) and frames.has("penalty_nouns", token.lemma_):
        return head, True  # "agreed to pay a fine": fined, not fining
    if frames.has("holding_verbs", head.lemma_) and frames.has("backing_nouns", token.lemma_):
        return head, True  # "has the backing of X", "won the support of X": X backs
    if head.lemma_ == "have" and _from_phrase(token, frames):
        return head, True  # "we had complaints from residents": the residents complain
    if frames.has("light_verbs", head.lemma_):
        return head, False
    return None, False


def _from_phrase(noun: Any, frames: Any) -> bool:
    """Whether an event noun names where it came from ("complaints from residents")."""
    return any(
        c.dep_ == "prep" and frames.has("origin_prepositions", c.lower_) for c in noun.children
    )


def _punishes(token: Any, lexicon: EventLexicon, nonevents: NonEvents) -> bool:
    """Whether the word governing `token`'s preposition is a punishing event word."""
    governor = token.head.head
    pos = _POS.get(governor.pos_)
    entries = lexicon.lookup(governor.lemma_, pos) if pos is not None else ()
    return any(e.type in nonevents.words["punishment_types"] for e in entries)


def _doers(token: Any) -> list[Any]:
    """The subject of a verb, and the object of its "by" ("were killed by the quake")."""
    found = [c for c in token.children if c.dep_ == "nsubj"]
    for agent in (c for c in token.children if c.dep_ == "agent"):
        found.extend(c for c in agent.children if c.dep_ == "pobj")
    return found


def _reports_no_event(
    token: Any, entry: LexEntry, nonevents: NonEvents, lexicon: EventLexicon
) -> bool:
    nominal = entry.pos == "noun"
    grounds = token.dep_ == "pcomp" and alleged_grounds(
        token, nonevents, _punishes(token, lexicon, nonevents)
    )
    return (
        grounds
        or in_name(token, nonevents)
        or is_descriptor(token, nonevents, lexicon.frames.words["party_nouns"])
        or is_figurative(token, entry.type, nonevents)
        or asks_a_question(token, nonevents)
        or states_a_point(token, nonevents)
        or only_attempts(token, nonevents)
        or lacks_its_object(token, nonevents)
        or refuses_to_speak(token, nonevents)
        or only_a_capacity(token, nonevents)
        or (
            lexicon.frames.has("harmful_types", entry.type)
            and any(done_by_nature(d, nonevents) for d in _doers(token))
        )
        or (nominal and (names_a_condition(token, nonevents) or gives_grounds(token, nonevents)))
        or (nominal and (denies_existence(token) or in_idiom(token, nonevents)))
        or (nominal and characterises(token, nonevents))
    )


def find_triggers(
    doc: Any, lexicon: EventLexicon, nonevents: NonEvents | None = None
) -> list[Trigger]:
    """Every trigger of the document in text order, a light verb giving way to the event
    noun it governs and a word a `with` constraint matched giving way to that trigger."""
    nonevents = nonevents or load_nonevents()
    measures = lexicon.frames.words["measure_nouns"]
    particles = lexicon.frames.words["verb_particles"]
    whole_story, dropped = discarded_sentences(doc, nonevents)
    if whole_story:
        return []
    found: list[Trigger] = []
    for token in doc:
        pos = _POS.get(token.pos_)
        if pos is None:
            continue
        if dropped and token.sent.start in dropped:
            continue
        entries = lexicon.lookup(token.lemma_, pos)
        if not entries and pos == "noun":
            entries = lexicon.lookup(token.text, pos)  # plural nouns the lemmatiser missed
        chosen = _choose(token, entries, measures, particles) if entries else None
        if chosen is None:
            continue
        entry, consumed = chosen
        if _reports_no_event(token, entry, nonevents, lexicon):
            continue
        light, undergoer = (None, False)
        if pos == "noun":
            light, undergoer = _light_verb(token, lexicon)
            if light is None and names_a_unit(token, nonevents):
                continue
        head = light if light is not None else token
        found.append(Trigger(token, entry, head, light, undergoer, consumed))
    lights = {t.light.i for t in found if t.light is not None}
    used = {i for t in found for i in t.consumed}
    kept = [
        t
        for t in found
        if not (t.token.i in lights and not t.entry.with_) and t.token.i not in used
    ]
    return kept
