"""What the value readers share: the reading of one candidate, and its context (the anchor,
the lexicon, and the parse, asked lazily for a clause's tense)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tidings.times.arithmetic import Anchor
from tidings.times.lexicon import TimeLexicon
from tidings.times.records import Relation, TimeType

# Parse tags of past verbs, and of adverbs (weak references must be adverbs).
PAST_TAGS = frozenset({"VBD"})
VERB_POS = frozenset({"VERB", "AUX"})
ADVERB_POS = frozenset({"ADV"})
# How far up the parse a time phrase looks for the verb that governs it.
MAX_HEAD_STEPS = 4
PAST, UNKNOWN, FUTURE = -1, 0, 1


@dataclass(frozen=True, slots=True)
class Reading:
    """The value read from one candidate. `anchored`: the value needed the anchor."""

    type: TimeType
    value: str | None
    anchored: bool = False
    relation: Relation | None = None
    offset: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """One text's anchor, lexicon and parse (`doc` may be None: no parse, no tense)."""

    text: str
    anchor: Anchor
    lexicon: TimeLexicon
    doc: Any = None

    def number(self, words: str | None) -> int | float | None:
        """The number written as digits or words ("48", "1,000", "twenty-five")."""
        if words is None:
            return None
        cleaned = words.replace(",", "").lower()
        if re.fullmatch(r"\d+(\.\d+)?", cleaned):
            return float(cleaned) if "." in cleaned else int(cleaned)
        numbers = self.lexicon.ints("numbers")
        if (whole := re.sub(r"\s+", " ", cleaned)) in numbers:
            return numbers[whole]
        parts = re.split(r"[-\s]+", cleaned)
        if all(p in numbers for p in parts):
            return sum(numbers[p] for p in parts)
        return None

    def unit(self, word: str | None) -> tuple[str, int]:
        """The TimeML unit of a unit word and how many of it the word is ("decade": Y, 10)."""
        code = self.lexicon.codes("units")[(word or "").lower()]
        digits = re.match(r"^\d+", code)
        return (code[digits.end() :], int(digits.group(0))) if digits else (code, 1)

    def _span(self, start: int, end: int) -> Any:
        if self.doc is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tense(self, start: int, end: int) -> int:
        """FUTURE when the clause governing the phrase looks ahead ("will meet on Tuesday",
        "plans to meet", "is scheduled for"), PAST for a past verb, else UNKNOWN."""
        span = self._span(start, end)
        if span is None or len(span) == 0:
            return UNKNOWN
        token = span.root
        for _ in range(MAX_HEAD_STEPS):
            if token.pos_ in VERB_POS or token.head is token:
                break
            token = token.head
        if token.pos_ not in VERB_POS:
            return UNKNOWN
        return self._verb_tense(token)

    def _verb_tense(self, verb: Any) -> int:
        future_aux = self.lexicon.word_list("future_auxiliaries")
        future_verbs = self.lexicon.word_list("future_verbs")
        auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in future_aux for a in auxiliaries) or verb.lemma_ in future_verbs:
            return FUTURE
        head = verb.head
        if verb.dep_ in {"xcomp", "ccomp"} and head.lemma_ in future_verbs:
            return FUTURE
        if any(a.lower_ in future_aux for a in head.children if verb.dep_ == "xcomp"):
            return FUTURE
        if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxiliaries):
            return PAST
        return UNKNOWN

    def adverbial(self, start: int, end: int) -> bool:
        """Whether the parse reads the phrase as an adverb (or cannot tell: no parse)."""
        span = self._span(start, end)
        if span is None:
            return True
        return bool(span.root.pos_ in ADVERB_POS or span.root.dep_ in {"npadvmod", "advmod"})

    def word_before(self, start: int) -> str:
        """The word just before `start`, lower case ('' at the start)."""
        match = re.search(r"([\w'’-]+)\W*$", self.text[max(0, start - 40) : start])
        return match.group(1).lower() if match else ""

    def in_date_entity(self, start: int, end: int) -> bool:
        span = self._span(start, end)
        return span is not None and any(t.ent_type_ in {"DATE", "TIME"} for t in span)
