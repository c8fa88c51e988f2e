"""One article as the quote stage reads it: text, parse, quoted stretches, attribution frames,
which frames only relay someone else's words, and the outlet, speaker and date of each."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any

from tidings.actors.records import ActorLayer
from tidings.clean.article import DateValue
from tidings.parse.parsed import ParsedArticle
from tidings.quotes.dates import statement_date
from tidings.quotes.frames import (
    Frame,
    TokenRange,
    find_frames,
    phrase_range,
    subject_of,
    units,
)
from tidings.quotes.lexicon import QuoteLexicon
from tidings.quotes.marks import Marked, quoted_stretches
from tidings.quotes.speakers import Span, Speaker, SpeakerReader

# Dependents of a cue verb that may name the outlet spoken to ("told CNN", "told state
# television").
HEARER_DEPS = frozenset({"dobj", "dative", "iobj"})
PARAGRAPH_START = re.compile(r"^[ \t]*\S", re.MULTILINE)
# Clause steps from a cue up to the verb whose subject it shares ("who went on to say").
MAX_SHARED_STEPS = 3
# How far from a cue a speaker beside it may be ("said Monday Chief Jon Lund").
BESIDE_CUE_TOKENS = 6
TIME_LABELS = frozenset({"DATE", "TIME"})
# Links by which the parser may hang a speaker beside its cue.
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "npadvmod", "appos", "dobj", "attr", "conj"})


@dataclass(frozen=True, slots=True)
class Via:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a frame says about the words it frames: cue, speaker, outlet, date."""

    cue: str
    cue_span: Span
    speaker: Speaker | None
    via: Via | None
    date: DateValue | None
    lemma: str


class QuoteContext:
    """The article, its marks and frames, and lookups between characters and tokens."""

    def __init__(self, parsed: ParsedArticle, actors: ActorLayer, lexicon: QuoteLexicon) -> None:
        self.doc = parsed.doc
        self.text = parsed.article.text
        self.published = parsed.article.published
        self.lexicon = lexicon
        self.reader = SpeakerReader(self.doc, self.text, actors, lexicon)
        self.starts: list[int] = self.doc.to_array("IDX").tolist()
        # Where each paragraph (a line with words; blank lines do not count) starts.
        self.paragraph_starts = [m.start() for m in PARAGRAPH_START.finditer(self.text)]
        self.marks: list[Marked] = quoted_stretches(self.text)
        self.quoted: set[int] = set()
        for mark in self.marks:
            self.quoted.update(range(*self.tokens(mark.open, mark.close + 1)))
        self.unit_of = units(self.doc)
        found = find_frames(self.doc, lexicon, self.unit_of)
        self.frames = [f for f in found if f.cue not in self.quoted]
        self.frame_at = {frame.cue: frame for frame in self.frames}
        self.relays = self._relays()

    def tokens(self, start: int, end: int) -> TokenRange:
        """The tokens overlapping characters [start, end)."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        return first, max(bisect_left(self.starts, end), first + 1)

    def chars(self, tokens: TokenRange) -> Span:
        return self.reader.chars(tokens)

    def paragraph(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char)

    def speaker(self, frame: Frame) -> Speaker | None:
        if frame.speaker is None or frame.speaker_head is None:
            # "“…,” Rep. Ann Lee (D-Ore.) said": the parse lost the subject beside the cue
            beside = self._beside_cue(frame, names_only=True) if frame.kind != "according" else None
            return None if beside is None else self.reader.read(phrase_range(beside), beside.i)
        agent = (
            self._agent_of_thing(frame)
            or self._object_controller(frame)
            or self._quoted_object(frame)
        )
        if agent is None and frame.speaker_head in self.quoted:
            # The speaker of words outside quote marks is never inside them ("“... We will
            # achieve justice,” Chief Lund said"): a name beside the cue, or no one.
            agent = self._beside_cue(frame)
            if agent is None:
                return None
        if agent is not None:
            return self.reader.read(phrase_range(agent), agent.i)
        speaker = self.reader.read(frame.speaker, frame.speaker_head)
        relative = self._relative_subject(frame)
        if relative is not None:
            # "officials who said": the speaker is the antecedent, read from the relative
            # pronoun that stands for it in the clause, as a pronoun's speaker is read from it
            return replace(speaker, span=self.chars((relative.i, relative.i + 1)))
        return speaker

    def _relative_subject(self, frame: Frame) -> Any | None:
        """The relative pronoun that is the subject of the cue's clause ("who said"), when the
        frame's speaker is the noun it stands for."""
        verb = self.doc[frame.cue]
        for _ in range(MAX_SHARED_STEPS):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                subject = subjects[0]
                relative = (
                    subject.lower_ in self.lexicon.relative_pronouns
                    and verb.dep_ == "relcl"
                    and verb.head.i == frame.speaker_head
                )
                return subject if relative else None
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _object_controller(self, frame: Frame) -> Any | None:
        """ "The attacks led the alliance to order ...", "urged Lund to say": the object of
        the verb above an infinitive cue says it, not that verb's subject."""
        cue = self.doc[frame.cue]
        verb = cue.head
        if cue.dep_ != "xcomp" or verb.i == cue.i or any(c.dep_ == "nsubj" for c in cue.children):
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < cue.i]
        if len(objects) != 1:
            return None
        if objects[0].pos_ not in ("PROPN", "PRON") and not self.reader.names_actor(objects[0].i):
            return None  # "used blunt language to denounce": a thing is no one to speak
        if objects[0].i == frame.speaker_head or not self.unit_holds(frame, objects[0].i):
            return None
        return objects[0]

    def _relay_verb(self, frame: Frame) -> Any | None:
        """The active relay verb an "as saying" cue hangs from ("Apcom quoted several lawmakers
        as saying"; `relay_agent_verbs`), whose object says the words and whose subject
        relays them."""
        verb = self.doc[frame.cue]
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
            verb = verb.head.head  # the cue read as "saying"
        saying = any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
            for c in verb.children
        )
        if not saying or verb.lemma_.lower() not in self.lexicon.relay_agent_verbs:
            return None
        return verb if any(c.dep_ == "nsubj" for c in verb.children) else None

    def _quoted_object(self, frame: Frame) -> Any | None:
        verb = self._relay_verb(frame)
        objects = [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
        return objects[0] if objects else None

    def _beside_cue(self, frame: Frame, *, names_only: bool = False) -> Any | None:
        """The name or noun right after the cue ("said James Acton") or right before it
        ("Chief Lund said"), outside quote marks and inside the cue's unit."""
        unit = self.unit_of[frame.cue]
        after = range(frame.cue + 1, min(frame.cue + 1 + BESIDE_CUE_TOKENS, unit[1]))
        before = range(frame.cue - 1, max(frame.cue - 1 - BESIDE_CUE_TOKENS, unit[0] - 1), -1)
        for side in (after, before):
            aside = False  # inside a bracketed aside read backwards ("Lee (D-Ore.) said")
            for i in side:
                token = self.doc[i]
                if side is before and token.text in (")", "("):
                    aside = token.text == ")"
                    continue
                if aside:
                    continue
                if side is before and token.text == "," and i == frame.cue - 1:
                    continue  # "Flynn, a top surrogate, said": the apposition before the cue
                if i in self.quoted or token.is_punct:
                    break
                if token.ent_type_ in TIME_LABELS:
                    continue  # "said Monday"
                head = token.head
                described = token.dep_ == "appos" and head.i < token.i and head.pos_ == "PROPN"
                if side is before and described and head.i not in self.quoted:
                    return head  # the name the apposition describes
                if names_only and (
                    token.pos_ != "PROPN"
                    or (frame.content is not None and frame.content[0] <= i < frame.content[1])
                ):
                    break
                if token.pos_ in ("PROPN", "NOUN") and token.dep_ in SPEAKER_DEPS:
                    return token
        return None

    def _agent_of_thing(self, frame: Frame) -> Any | None:
        """ "The council issued a statement calling the test a violation", "In a news
        conference announcing the suit, she said": a participle cue that modifies a thing (no
        actor of the layer, no pronoun) speaks for the subject of the clause holding that
        thing, not for the thing."""
        cue = self.doc[frame.cue]
        thing = cue.head
        if cue.dep_ not in ("acl", "amod") or cue.tag_ != "VBG" or thing.i != frame.speaker_head:
            return None
        said = frame.content is not None and frame.content[0] <= thing.i < frame.content[1]
        if not said and (thing.pos_ != "NOUN" or self.reader.names_actor(thing.i)):
            # an actor may act by its words ("officials urging calm"); a phrase that is the
            # very words said ("opposing viewpoints") never speaks them
            return None
        verb = thing.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        agent = subject_of(verb, self.lexicon)
        if agent is None or agent.i == thing.i or not self.unit_holds(frame, agent.i):
            return None
        return agent

    def unit_holds(self, frame: Frame, token: int) -> bool:
        unit = self.unit_of[frame.cue]
        return unit[0] <= token < unit[1]

    def _relays(self) -> dict[int, Via]:
        """Frames whose speaker is an outlet relaying another frame of the same sentence
        ("…, the Tasnim News Agency reported"), as cue -> the outlet they name."""
        relays: dict[int, Via] = {}
        for frame in self.frames:
            lemma = self.doc[frame.cue].lemma_.lower()
            if frame.kind != "according" and lemma not in self.lexicon.relay_verbs:
                continue
            if frame.speaker is None or frame.speaker_head is None:
                continue
            outlet = self.reader.outlet(frame.speaker, frame.speaker_head)
            others = [
                f
                for f in self.frames
                if f.sentence == frame.sentence and f is not frame and f.speaker is not None
            ]
            if outlet is not None and others:
                relays[frame.cue] = Via(*outlet)
        return relays

    def via(self, frame: Frame) -> Via | None:
        """The outlet that relayed a frame's words: the agent of "quoted by X as saying", the
        outlet told ("told CNN"), spoken to or on ("in an interview with X"), or an outlet
        relaying the whole sentence."""
        cue = self.doc[frame.cue]
        reader = self.reader
        if frame.agent is not None and cue.lemma_.lower() in self.lexicon.relay_agent_verbs:
            head = self.doc[frame.agent[0] : frame.agent[1]].root.i
            found = reader.outlet(frame.agent, head)
            name = found or (self.text[slice(*self.chars(frame.agent))], self.chars(frame.agent))
            return Via(*name)
        relay = self._relay_verb(frame)
        if relay is not None and self._quoted_object(frame) is not None:
            subject = next(c for c in relay.children if c.dep_ == "nsubj")
            words = phrase_range(subject)
            found = reader.outlet(words, subject.i)
            return Via(*(found or (self.text[slice(*self.chars(words))], self.chars(words))))
        for child in cue.children:
            candidates = [child] if child.dep_ in HEARER_DEPS else []
            if child.dep_ == "prep" and child.i > cue.i:
                candidates = list(_prepositional_objects(child, self.lexicon.via_prepositions))
            for target in candidates:
                found = reader.outlet(phrase_range(target), target.i)
                if found is not None:
                    return Via(*found)
        for relay, via in self.relays.items():
            if self.frame_at[relay].sentence == frame.sentence and relay != frame.cue:
                return via
        return None

    def attribution(self, frame: Frame) -> Attribution:
        cue_span = self.chars(frame.cue_range)
        return Attribution(
            cue=self.text[cue_span[0] : cue_span[1]],
            cue_span=cue_span,
            speaker=self.speaker(frame),
            via=self.via(frame),
            date=statement_date(self.doc[frame.cue], self.published, self.lexicon),
            lemma=self.doc[frame.cue].lemma_.lower(),
        )


def _prepositional_objects(prep: Any, via_prepositions: frozenset[str]) -> list[Any]:
    """Objects of a preposition of the cue that may be the outlet spoken to: "to X", "with
    X", "on X", and "in an interview with X"."""
    found = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        if prep.lower_ in via_prepositions:
            found.append(obj)
        for inner in obj.children:
            if inner.dep_ == "prep" and inner.lower_ in via_prepositions:
                found.extend(c for c in inner.children if c.dep_ == "pobj")
    return found
