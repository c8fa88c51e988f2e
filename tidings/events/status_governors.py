"""How a status cue reaches the event it governs: the words above an event that may govern it
(through a clause, an object, a preposition or a content clause of a report), which of them
only complete an infinitive or an event noun (their modal is the event's), and the cases where
a cue's clause describes rather than governs ("called the talks positive")."""

from __future__ import annotations

from typing import Any

from tidings.events.clauses import (
    has_subject,
    is_finite_clause,
    prepositionally_controlled,
    purpose_infinitive,
    to_marked,
)
from tidings.events.lexicon import Frames

# Dependency steps by which a cue verb governs an event below it ("vowed to strike", "said
# that ...", "vowed revenge", "called for talks", "denied attacking").
GOVERNED_BY = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "conj"})
CUE_KEYS = (
    ("deny_cues", "denied"),
    ("demand_cues", "demanded"),
    ("threat_cues", "threatened"),
    ("promise_cues", "promised"),
    ("consideration_cues", "hypothetical"),  # "mulled over resigning"
)
# Steps up the parse a governing cue is looked for.
MAX_STEPS = 4


def past(verb: Any) -> bool:
    """A finite clause in a past tense ("attacked", "had attacked", "has attacked"): what it
    tells was done, whatever verb of vowing or warning reports it."""
    if verb.pos_ not in ("VERB", "AUX") or not is_finite_clause(verb):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _reason(prep: Any, frames: Frames) -> bool:
    """Whether a preposition makes its object the reason for, a point in time of, or a fact
    against what it hangs from ("revenge for the killing", "before the kidnapping", "despite
    the refusal"), not what a cue above
    governs ("called for sanctions": the cue's own preposition)."""
    if frames.has("sequence_prepositions", prep.lemma_):
        return True
    if frames.has("concession_prepositions", prep.lemma_):
        return True  # "will act despite the refusal": the refusal is a fact
    if not frames.has("cause_prepositions", prep.lemma_):
        return False
    cue = prep.head
    return not any(frames.has(key, cue.lemma_) for key, _ in CUE_KEYS)


def governors(head: Any, frames: Frames) -> list[Any]:
    """The words above `head` that may govern it as a cue, up to an event's cause ("revenge
    for the killing": the killing is the threat's reason, not what is threatened)."""
    chain = []
    token = head
    for _ in range(MAX_STEPS):
        governed = (
            token.dep_ in GOVERNED_BY
            or prepositionally_controlled(token, frames)
            or _content_clause(token, frames)
            or _purpose_of(token)
            or _cue_noun_infinitive(token, frames)
        )
        if not governed or token.head.i == token.i:
            break
        if token.dep_ in ("pobj", "pcomp") and _reason(token.head, frames):
            break  # "revenge for the killing", "to apologise for accusing him"
        if token.dep_ == "dobj" and frames.has("undoing_verbs", token.head.lemma_):
            break  # "plans to end the embargo": the embargo stands
        if _across_semicolon(token):
            break  # "X denounce the test; Y vow consequences": two clauses the parse joined
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and _own_auxiliary(token):
            break  # "attempted to cut subsidies but was forced to back down": its own verb
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and has_subject(token):
            break  # "X are trying to make hay, but the facts are that ...": a clause of its own
        token = token.head
        chain.append(token)
    return chain


def _own_auxiliary(verb: Any) -> bool:
    """Whether a coordinated verb carries an auxiliary of its own, so that what governs its
    first conjunct does not govern it."""
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _across_semicolon(clause: Any) -> bool:
    """Whether a semicolon stands between a clause and the word it hangs from."""
    head = clause.head
    low, high = sorted((clause.i, head.i))
    return any(t.text == ";" and t.head.i == head.i for t in clause.doc[low:high])


def _content_clause(token: Any, frames: Frames) -> bool:
    """ "denied reports that X is preparing to oust Y": a that-clause (or a participle of
    saying) telling what a report, claim or allegation says, which the verb over the noun
    then governs."""
    if token.dep_ == "relcl" and frames.has("statement_nouns", token.head.lemma_):
        return _content_as_relative(token)
    if token.dep_ != "acl" or not frames.has("statement_nouns", token.head.lemma_):
        return False
    # "a report claiming he warned X": the participle of saying is the report's content too
    return frames.has("claim_cues", token.lemma_) or is_finite_clause(token)


def _content_as_relative(verb: Any) -> bool:
    """ "Labour claims he had used Mrs Dixon as a shield": a content clause the parse made a
    relative one; no relative word, and the clause has its own subject and object (or is
    passive), so that nothing in it stands for the noun ("the claims he made" does)."""
    deps = {c.dep_ for c in verb.children}
    if any(c.tag_ in ("WDT", "WP", "WP$") or c.lower_ == "that" for c in verb.children):
        return False
    # "the claim he had reneged on a promise": a verb whose preposition has its own object
    complete = any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in verb.children
    )
    return "nsubjpass" in deps or (
        "nsubj" in deps and (bool(deps & {"dobj", "ccomp", "attr"}) or complete)
    )


def _purpose_of(token: Any) -> bool:
    """ "met him to discuss business": an infinitive of purpose shares its act's fate (a
    meeting denied denies the discussion)."""
    return purpose_infinitive(token)


def _cue_noun_infinitive(token: Any, frames: Frames) -> bool:
    """ "plans to lift the embargo", "a pledge to withdraw", "calls to resign", "a refusal to
    sign": the infinitive of a noun of promise, threat, demand or refusal is what the noun
    promises, threatens, asks or refuses."""
    head = token.head
    if token.dep_ != "acl" or head.pos_ != "NOUN":
        return False
    if not to_marked(token):
        return False
    refusal = frames.has("refusal_cues", head.lemma_)  # "his refusal to sign the treaty"
    return refusal or any(frames.has(key, head.lemma_) for key, _ in CUE_KEYS)


def infinitive_governors(head: Any, frames: Frames | None = None) -> list[Any]:
    """The verbs an infinitive completes ("will try to strike": try) or serves ("will meet X
    to discuss Y": meet), and with `frames` the verb a gerund follows in time ("will visit X
    before chairing a meeting": `sequence_prepositions`), whose modal and condition are its
    own; a noun's governing verb is not ("will never forget the killing")."""
    chain: list[Any] = []
    token = head
    while len(chain) < 2:
        if token.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break  # "X would be disastrous, and she accused Y": a clause of its own
        if token.dep_ in ("xcomp", "conj") or _purpose_of(token):
            token = token.head
        elif frames is not None and _sequel(token, frames):
            token = token.head.head
        else:
            break
        chain.append(token)
    return chain


def _sequel(token: Any, frames: Frames) -> bool:
    """A gerund after "before" or "after" under a verb ("before chairing a meeting")."""
    prep = token.head
    return bool(
        token.dep_ == "pcomp"
        and frames.has("sequence_prepositions", prep.lemma_)
        and prep.head.i != prep.i
        and prep.head.pos_ in ("VERB", "AUX")
    )


def noun_governor(noun: Any, frames: Frames) -> list[Any]:
    """The verb an event noun is the object of, or hangs from by a preposition ("should be
    starting 2005 with an apology"), whose modal is the noun's too; not through a preposition
    of concession ("will act despite the refusal": the refusal is a fact)."""
    if noun.pos_ != "NOUN":
        return []
    if noun.dep_ == "pobj" and frames.has("concession_prepositions", noun.head.lemma_):
        return []
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    return [verb] if verb is not None and verb.pos_ in ("VERB", "AUX") else []


def characterises(verb: Any) -> bool:
    """ "called the talks positive": the object is described, not demanded ("demanded that
    X withdraw" has a verb in its clause: a demand)."""
    return any(
        c.dep_ in ("oprd", "acomp") or (c.dep_ == "ccomp" and c.pos_ not in ("VERB", "AUX"))
        for c in verb.children
    )


def another_doer(cue: Any, head: Any) -> bool:
    """Whether the act a cue of intent governs is someone else's ("want the government to
    withdraw", "expects Novalia to pay"): wanted of another, so demanded, not promised."""
    for _ in range(MAX_STEPS):
        if head.head.i == cue.i or head.head.i == head.i:
            break
        head = head.head  # "wants Novalia to stop attacking": the clause below the cue
    if head.head.i != cue.i or head.dep_ not in ("xcomp", "ccomp"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return True
    return any(c.dep_ == "dobj" and c.i < head.i for c in cue.children)


def imperative(verb: Any) -> bool:
    """A verb in the imperative ("please don't give it away"): a base form with no subject,
    told with "do" or opening its clause."""
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return False
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    return len(auxes) == 1 and auxes[0].lemma_ == "do" and auxes[0].i < verb.i


def after_condition_phrase(clause: Any, frames: Frames) -> bool:
    """A clause right after "in case" or "in the event" (frames.yaml `condition_phrases`),
    however the parse hung it ("on standby in case they need to evacuate X")."""
    if clause.pos_ not in ("VERB", "AUX"):
        return False
    left = clause.left_edge.i
    for phrase in frames.words["condition_phrases"]:
        size = len(phrase.split())
        words = " ".join(t.lower_ for t in clause.doc[max(left - size, 0) : left])
        if left >= size and words == phrase:
            return True
    return False


def reneged(verb: Any, noun: Any, frames: Frames) -> bool:
    """A promise a verb of reneging governs ("went back on a pledge to X", "broke his promise",
    frames.yaml `reneging_phrases`, read with the verb's particle): broken, not made."""
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")), None)
    phrase = f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()
    if not frames.has("reneging_phrases", phrase):
        return False
    if noun.dep_ == "dobj" and noun.head.i == verb.i:
        return True
    return bool(noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.i == verb.i)


def occurrence_verbs(noun: Any, frames: Frames) -> list[Any]:
    """The verbs telling that an event noun, their subject, takes place ("the meeting is due to
    take place", "the talks will resume"; frames.yaml `occurrence_verbs`), whose modal and
    plan are the noun's; none for any other verb ("the talks could collapse")."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    chain = [noun.head]
    while len(chain) < 4:
        below = [c for c in chain[-1].children if c.dep_ in ("acomp", "xcomp")]
        if not below:
            break
        chain.append(below[0])
    if not any(frames.has("occurrence_verbs", p) for v in chain for p in _verb_phrases(v)):
        return []
    return chain


def _verb_phrases(verb: Any) -> list[str]:
    """A verb's lemma, alone and with each particle, adverb or object word after it ("take
    place", "go ahead")."""
    lemma = verb.lemma_.lower()
    parts = [c.lower_ for c in verb.children if c.dep_ in ("dobj", "prt", "advmod")]
    return [lemma, *(f"{lemma} {p}" for p in parts)]


def told_act(noun: Any, nominal: bool, frames: Frames) -> bool:
    """A definite event noun as the subject of a condition ("if the complaint is upheld",
    "if the attacks continue"): the act exists; the condition is about what follows it."""
    return bool(
        nominal
        and noun.dep_ in ("nsubj", "nsubjpass")
        and any(
            (c.dep_ == "det" and frames.has("anaphoric_determiners", c.lower_)) or c.dep_ == "poss"
            for c in noun.children
        )
    )


def reported_fact(head: Any, frames: Frames) -> bool:
    """A past act said not to have happened ("officials say he did not resign"): a fact told,
    no refusal."""
    did = any(c.lemma_ == "do" and c.tag_ == "VBD" for c in head.children)
    return did and head.dep_ == "ccomp" and frames.has("reporting_verbs", head.head.lemma_)


def plans(governor: Any, frames: Frames) -> bool:
    """Whether a verb above an infinitive makes it an act to come ("is to visit", "is due to
    meet"); "be" with a complement of its own is a judgement ("it was wrong to put X under an
    embargo"), whose act is as done as the clause says."""
    if frames.has("future_modals", governor.text):
        return True
    if not frames.has("planned_governors", governor.lemma_):
        return False
    judged = any(c.dep_ in ("acomp", "attr") for c in governor.children)
    return governor.lemma_ != "be" or not judged
