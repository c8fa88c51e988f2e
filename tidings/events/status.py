"""What the text asserts about an event, read on the parse with the cue words of frames.yaml.

In order: an event inside a condition ("if X is killed") is hypothetical; a negated clause is
negated unless the negation is double ("will not go unanswered": a promise or threat); the
nearest governing cue (deny, demand, threaten, vow) gives its status; then the entry's own
status; then the clause's modal (future → promised, possible → hypothetical) and condition;
else occurred, or claimed inside a quote or reported speech. A harmful event (frames.yaml
`harmful_types`) threatened or promised by its own source is coded THREATEN, its own type kept
(lower case) in `mode`; so is a vow of retaliation. A cooperative act (`cooperative_types`)
promised by its own source is an expression of intent, coded AGREE the same way; one its own
source will not or did not do (`refused_types`) is a refusal, coded REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.events.arguments import Arguments
from tidings.events.clauses import is_passive
from tidings.events.reader_base import DocumentReader
from tidings.events.status_governors import (
    CUE_KEYS,
    MAX_STEPS,
    after_condition_phrase,
    another_doer,
    characterises,
    governors,
    imperative,
    infinitive_governors,
    noun_governor,
    occurrence_verbs,
    past,
    plans,
    reneged,
    reported_fact,
    told_act,
)
from tidings.events.status_signs import (
    aimless_threat,
    denied_attribute,
    nobody_refused,
    not_yet,
    possible_doer,
    purpose_of_object,
    reaction_status,
    refusal_status,
    ruled_out,
    said_falsely,
    says_no,
    to_infinitive,
)
from tidings.events.triggers import Trigger, phrase_head

_DONE_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP"})  # a verb's act done or going on
# Dependents of an event noun that place it in time ("last week's clashes", "a planned
# withdrawal", "the recent strikes").
_NOUN_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Status:
    type: str
    mode: str | None
    status: str
    condition: str | None
    said_by: str | None
    cue: Any | None  # the governing cue token, when one gave the status


class StatusReader(DocumentReader):
    def _rejection_word(self, word: Any) -> bool:
        """Whether `word` is itself a REJECT event of the lexicon ("refused", "declined"): the
        act it governs is then its content, not a refusal of its own."""
        if self.lexicon is None:
            return False
        pos = "noun" if word.pos_ == "NOUN" else "verb"
        return any(e.type == "REJECT" for e in self.lexicon.lookup(word.lemma_, pos))

    def _cue(self, head: Any) -> tuple[str, Any] | None:
        """The nearest cue over the event, unless a denial stands further up ("denied reports
        that X is preparing to oust Y": the ousting is denied, not promised)."""
        found = self._nearest_cue(head)
        if found is None or found[0] == "denied":
            return found
        above = False
        for gov in governors(head, self.frames):
            above = above or gov.i == found[1].i
            if above and gov.i != found[1].i and self.frames.has("deny_cues", gov.lemma_):
                return "denied", gov
        return found

    def _nearest_cue(self, head: Any) -> tuple[str, Any] | None:
        direct = True  # no other verb between the event and the cue
        for gov in governors(head, self.frames):
            if gov.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):  # "is willing to withdraw"
                continue
            if self.frames.has("meaning_verbs", gov.lemma_) and any(
                c.dep_ == "neg" for c in gov.children
            ):
                return "denied", gov  # "did not mean that Libya had cut its ties"
            refused = self.frames.has("refusal_cues", gov.lemma_)
            # "refused to send troops", "refused talks"; not "refused a request" (it was
            # made) nor "refused to lift the ban" (the ban stands)
            if refused and direct and not self.frames.has("statement_nouns", head.lemma_):
                return "negated", gov
            ended = self.frames.has("cessation_cues", gov.lemma_) and gov.pos_ == "VERB"
            if ended and direct and head.tag_ == "VBG" and head.head.i == gov.i:
                # "stopped attacking" ends it; "called on X to stop attacking": it goes on
                return ("negated" if gov.tag_ in _DONE_TAGS else "occurred"), gov
            if self._prevented(gov, head):
                return "negated", gov  # "has been banned from suing": an act kept from happening
            if direct and reneged(gov, head, self.frames):
                return "negated", gov  # "went back on a pledge to X": the pledge is broken
            direct = direct and gov.pos_ not in ("VERB", "AUX")
            if said_falsely(gov, self.frames):
                return "denied", gov  # "wrongfully suggests that X supports Y"
            for key, status in CUE_KEYS:
                if self.frames.has(key, gov.lemma_):
                    own_object = head.dep_ == "dobj" and head.head.i == gov.i  # "seek sanctions"
                    purpose = purpose_of_object(gov, self.frames) and not own_object
                    if key == "demand_cues" and (characterises(gov) or purpose):
                        continue
                    if key == "deny_cues" and own_object and self._said(head):
                        continue  # "denied the request": it was made, and refused
                    # "wants the government to withdraw", "hopes the government will free me"
                    wants_of = self.frames.has("object_control_verbs", gov.lemma_) or (
                        self.frames.has("wish_verbs", gov.lemma_)
                    )
                    if key == "promise_cues" and wants_of and another_doer(gov, head):
                        return "demanded", gov  # "the unions want the government to withdraw"
                    if status in ("threatened", "promised") and past(head):
                        return "claimed", gov  # "warned that rebels had attacked the town"
                    return status, gov
            if self.frames.has("claim_cues", gov.lemma_):
                return "claimed", gov
            if self.frames.has("attempt_cues", gov.lemma_) and gov.pos_ == "VERB":
                return "attempted", gov
        return None

    def _prevented(self, verb: Any, head: Any) -> bool:
        """A gerund after "from" under a verb of preventing ("banned from suing", "barred X
        from entering", frames.yaml `prevention_cues`)."""
        prep = head.head
        return bool(
            head.dep_ == "pcomp"
            and prep.lower_ == "from"
            and prep.head.i == verb.i
            and self.frames.has("prevention_cues", verb.lemma_)
        )

    def _said(self, noun: Any) -> bool:
        """A statement, request or charge: denying it disputes what it says, not its making."""
        said = ("statement_nouns", "accusation_nouns")
        return any(self.frames.has(key, noun.lemma_) for key in said)

    def _negated(self, trigger: Trigger) -> bool:
        head, verb = trigger.head, trigger.token
        tokens = {head, verb}
        if to_infinitive(verb) and self.frames.has("negation_carriers", verb.head.lemma_):
            tokens.add(verb.head)  # "did not want to attack", "did not allow X to attack"
        # "not yet", "ruled out", "it was not her job to bow to the campaign"
        if not_yet(verb, self.frames) or ruled_out(head, self.frames) or denied_attribute(verb):
            return True
        for token in tokens:
            if any(says_no(child, self.frames) for child in token.children):
                return True
            # "does not commit suicide, nor does she kill": a conjunct after "nor"
            if token.dep_ == "conj" and any(
                c.dep_ == "cc" and c.i < token.i and self.frames.has("negators", c.lemma_)
                for c in token.head.children
            ):
                return True
        return False

    def _peacekeeping(self, trigger: Trigger) -> bool:
        """Whether forces moved serve as peacekeepers: a peacekeeping word in the clause."""
        clause = trigger.head if trigger.head.pos_ in ("VERB", "AUX") else trigger.head.head
        return any(self.frames.has("peacekeeping_words", t.lemma_) for t in clause.subtree)

    def _double_negation(self, head: Any) -> bool:
        advice = any(self.frames.has("deontic_modals", c.lower_) for c in head.children)
        vow = any(self.frames.has("double_negation", t.lemma_) for t in head.subtree)
        return vow and not advice

    def _modal(self, head: Any) -> str | None:
        governing = noun_governor(head, self.frames)
        verbs = [g for v in governing for g in (v, *infinitive_governors(v, self.frames))]
        verbs += occurrence_verbs(head, self.frames)
        for token in [head, *infinitive_governors(head, self.frames), *verbs]:
            for child in token.children:
                if child.dep_ != "aux":
                    continue
                if self.frames.has("future_modals", child.lemma_) or self.frames.has(
                    "future_modals", child.text
                ):
                    return "future"
                reported = token.dep_ == "ccomp" and self.frames.has(
                    "reporting_verbs", token.head.lemma_
                )
                if reported and self.frames.has("reported_future_modals", child.text):
                    return "future"  # "said it would boycott": the future of reported speech
                if reported and self.frames.has("deontic_modals", child.text):
                    return "demanded"  # "said that X must withdraw"
                if self.frames.has("hypothetical_modals", child.lemma_):
                    return "hypothetical"
            if token.dep_ == "xcomp" and plans(token.head, self.frames):
                return "future"  # "is going to", "is to visit", "is due to meet"
            if token.dep_ == "xcomp" and self.frames.has("foreseen_governors", token.head.lemma_):
                return "hypothetical"  # "is expected to meet", "is likely to attack"
        return None

    def _condition(self, head: Any) -> str | None:
        below = [c for c in head.children if c.dep_ == "xcomp"]
        for token in [head, *infinitive_governors(head), *below]:
            for child in token.children:
                if child.dep_ == "advcl" and any(
                    m.dep_ in ("mark", "advmod")
                    and self.frames.has("conditional_markers", m.lemma_)
                    for m in child.children
                ):
                    sub = list(child.subtree)
                    return str(head.doc[sub[0].i : sub[-1].i + 1].text)
                if child.dep_ == "advmod" and self.frames.has("conditional_markers", child.lemma_):
                    return str(child.text)
        return None

    def _next_condition(self, token: Any) -> str | None:
        """A condition right after a threat the parse hung elsewhere ("..., with X threatening
        action if there is no deal"): the first conditional clause after the trigger in its
        sentence, with no other verb between."""
        for word in token.doc[token.i + 1 : token.sent.end]:
            if word.pos_ == "VERB" and word.dep_ != "advcl":
                return None
            if word.dep_ == "mark" and self.frames.has("conditional_markers", word.lemma_):
                clause = word.head
                sub = list(clause.subtree)
                return str(token.doc[sub[0].i : sub[-1].i + 1].text)
        return None

    def _in_condition(self, head: Any) -> bool:
        token = head
        for _ in range(MAX_STEPS):
            if after_condition_phrase(token, self.frames):
                return True
            if token.dep_ == "advcl" and any(
                m.dep_ == "mark" and self.frames.has("conditional_markers", m.lemma_)
                for m in token.children
            ):
                return True
            # an embedded question: "investigating whether the minister helped X"
            if token.dep_ in ("ccomp", "xcomp") and any(
                m.dep_ == "mark" and self.frames.has("question_markers", m.lemma_)
                for m in token.children
            ):
                return True
            if token.dep_ == "relcl" and past(token):
                return False  # "if the deal X signed goes through": the signing took place
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    def _hedged(self, trigger: Trigger) -> bool:
        """An act the text only says is alleged ("allegedly killed", "the alleged attack",
        "reportedly met"; frames.yaml `hedges`): claimed, not asserted."""
        words = [trigger.token, trigger.head]
        return any(
            c.dep_ in ("advmod", "amod") and self.frames.has("hedges", c.lower_)
            for word in words
            for c in word.children
        )

    def _retaliation(self, trigger: Trigger) -> bool:
        words = [trigger.token, *(trigger.token.doc[i] for i in trigger.consumed)]
        words += [c for c in trigger.head.children if c.dep_ in ("dobj", "amod")]
        return any(self.frames.has("retaliation", w.lemma_) for w in words)

    def read(self, trigger: Trigger, args: Arguments) -> Status:
        head = trigger.head
        entry = trigger.entry
        speaker_id, speaker = self.finder.speakers.speaker_at(trigger.token.idx)
        said_by = speaker_id or speaker
        kind = entry.type
        condition = self._condition(head)
        if condition is None and entry.status == "threatened":
            condition = self._next_condition(trigger.token)
        cue = self._cue(head)
        status = self._base_status(trigger, cue, condition)
        hedged = self._hedged(trigger)
        if status == "occurred" and (said_by or hedged or (cue and cue[0] == "claimed")):
            status = "claimed"
        if status == "claimed" and said_by is None and cue is not None:
            subject = self.finder.actor(cue[1], linked_only=True) if cue[1] is not None else None
            said_by = None if subject is None else (subject.id or subject.name)
        mode = entry.mode
        if kind == "MOBILIZE" and self._peacekeeping(trigger):
            kind, mode = "AID", "military"  # "deployed troops on a peacekeeping mission"
        aimless = aimless_threat(kind, args.target, self.frames)
        if aimless and status == "threatened" and not (cue and cue[0] == "threatened"):
            status = "promised"  # "will deploy troops": said by no threat word
        harmful = self.frames.has("harmful_types", kind) and not aimless
        future = status in ("threatened", "promised")
        own_act = args.source is not None and not is_passive(head)
        if harmful and future and own_act and kind != "THREATEN":
            kind, mode = "THREATEN", kind.lower()
        elif harmful and condition and own_act and status == "hypothetical":
            kind, mode, status = "THREATEN", kind.lower(), "threatened"
        elif (
            status == "negated"
            and own_act
            and (
                self.frames.has("refused_types", kind)
                or self.frames.has("refused_codes", entry.cameo or "")
            )
            and not (cue is not None and cue[0] == "negated" and self._rejection_word(cue[1]))
            and not not_yet(trigger.token, self.frames)
            and not imperative(trigger.token)  # "please don't give it away": asked, not refused
            and not reported_fact(head, self.frames)  # "officials say he did not resign"
            and not nobody_refused(head, self.frames)  # "no one", "no chance that X will"
        ):
            kind, mode, status = "REJECT", kind.lower(), refusal_status(head, said_by, self.frames)
        elif (
            status == "promised"
            and own_act
            and self.frames.has("cooperative_types", kind)
            and not occurrence_verbs(head, self.frames)  # "the meeting is due to take place":
        ):  # scheduled, no one's intent
            decided = cue is not None and self.frames.has("decision_cues", cue[1].lemma_)
            if not decided:
                kind, mode = "AGREE", kind.lower()
        return Status(kind, mode, status, condition, said_by, cue[1] if cue else None)

    def _modifiers(self, noun: Any, key: str) -> bool:
        """Whether a modifier of an event noun (or a word inside its possessor: "last week's
        clashes") is one of the words of `key`."""
        for child in noun.children:
            if child.dep_ not in _NOUN_MODIFIERS or child.i > noun.i:
                continue
            words = child.subtree if child.dep_ == "poss" else [child]
            if any(self.frames.has(key, w.lemma_) or self.frames.has(key, w.text) for w in words):
                return True
        return False

    def _topic(self, noun: Any) -> bool:
        """An event that is the topic of talks, an agreement or a plan ("negotiations on a
        troop pullback", "a deal over the withdrawal"): it has not taken place."""
        prep = noun.head
        return bool(
            noun.dep_ == "pobj"
            and self.frames.has("topic_prepositions", prep.lemma_)
            and self.frames.has("topic_heads", prep.head.lemma_)
        )

    def _noun_status(self, trigger: Trigger) -> str | None:
        """The status an event noun's own phrase gives: past ("last week's clashes", "the
        recent strikes", "responded to the attacks": occurred, whatever governs it), to come
        ("a planned withdrawal") or under discussion ("talks on a pullback"): hypothetical."""
        if not trigger.nominal or trigger.light is not None:
            return None
        noun = phrase_head(trigger.token)
        if self._modifiers(trigger.token, "past_modifiers"):
            return "occurred"
        prospective = self._modifiers(trigger.token, "prospective_modifiers")
        if prospective or self._topic(noun) or possible_doer(noun, self.frames):
            return "hypothetical"  # "a planned withdrawal", "US strikes could do harm"
        return reaction_status(noun, self.frames)

    def _base_status(
        self, trigger: Trigger, cue: tuple[str, Any] | None, condition: str | None
    ) -> str:
        head = trigger.head
        if self._in_condition(head) and not told_act(trigger.token, trigger.nominal, self.frames):
            return "hypothetical"
        light = trigger.light
        if light is not None and reneged(light, phrase_head(trigger.token), self.frames):
            return "negated"  # "went back on a pledge to X", read with "went" as its verb
        own = self._noun_status(trigger)
        if own is not None:
            return own
        harmful = self.frames.has("harmful_types", trigger.entry.type)
        if self._negated(trigger):
            if not self._double_negation(head):
                return "negated"
            return "threatened" if harmful else "promised"
        # "is trying to strike a deal": not yet done; "tried to storm the town": an act
        tried = cue is not None and cue[0] == "attempted" and not harmful
        if cue is not None and cue[0] not in ("claimed", "attempted"):
            return str(cue[0])
        modal = self._modal(head)
        if modal == "demanded":
            return modal
        if trigger.entry.status is not None:  # "threatened": unless only possible ("arms
            # that X could use to threaten Y")
            return "hypothetical" if modal == "hypothetical" else trigger.entry.status
        if modal == "future":
            if self._retaliation(trigger):
                return "promised"
            return "threatened" if harmful else "promised"
        if modal == "hypothetical" or condition:
            return "hypothetical"
        if (self._retaliation(trigger) and head.tag_ in ("VB", "VBP", "VBZ")) or tried:
            return "promised"
        return "occurred"
