"""The actor ruler: known people and organisations from the actor base, put over what spaCy's
NER found (a surname tagged a place, another an organisation or a country).

Unlike spaCy's EntityRuler with `overwrite_ents`, a known name inside a longer entity of another
kind does not break that entity: "al-Asad" (an alias) inside the air base "Ain al-Asad" stays
part of the place. The name wins when it covers the model's entity, when the model saw the same
kind of entity, or when the rest of the model's entity is only punctuation and other known names
("IRGC) Quds Force").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

ACTOR_RULER = "tidings_actor_ruler"
# Tokens that may be left over around known names inside one model entity without making it
# a different entity ("the", brackets, a possessive).
_FILLER = frozenset({"the", "The", "(", ")", "’s", "'s", "’", "'", "-", ",", "of"})
_POSSESSIVES = frozenset({"’s", "'s", "’", "'"})
_LETTER_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


class ActorRuler:
    """Case-sensitive matching of the token texts of every spelling of a known person or
    organisation, each match labelled and carrying the actor id when the spelling is unique.

    Not spaCy's PhraseMatcher: that needs each pattern as a Doc, whose new words each become
    a vocabulary entry (about 50 µs apiece), so that the tens of thousands of names of the
    Phoenix layer took seconds at model load. Here a pattern is a tuple of token string ids
    (hashes of the texts, which need no vocabulary entry), indexed by its first token;
    matching looks up each token of a document once."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.count = 0
        self._by_first: dict[int, list[tuple[tuple[int, ...], str, str]]] = {}
        self._special_cases: set[str] | None = None

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Patterns as EntityRuler takes them: {"label", "pattern" (text), "id" (optional)}."""
        for pattern in patterns:
            tokens = tuple(get_string_id(t) for t in self._tokens(pattern["pattern"]))
            if not tokens:
                continue
            entry = (tokens, str(pattern["label"]), str(pattern.get("id", "")))
            self._by_first.setdefault(tokens[0], []).append(entry)
            self.count += 1

    def _tokens(self, text: str) -> tuple[str, ...]:
        """The token texts of a pattern as the tokenizer splits it. Words of ASCII letters
        are one token each (no prefix, suffix or infix rule applies to them) unless a special
        case splits them ("Cannot"); anything else goes through the tokenizer."""
        if _LETTER_WORDS.fullmatch(text):
            words = text.split(" ")
            if not self._special.intersection(words):
                return tuple(words)
        return tuple(t.text for t in self.nlp.make_doc(text) if not t.is_space)

    @property
    def _special(self) -> set[str]:
        if self._special_cases is None:
            rules = getattr(self.nlp.tokenizer, "rules", None) or {}
            self._special_cases = set(rules)
        return self._special_cases

    def _matches(self, doc: Doc) -> list[Span]:
        # Token texts as their string ids (hashes): read in one array, compared as ints.
        orths: list[int] = doc.to_array(ORTH).tolist()
        spans = []
        for start, orth in enumerate(orths):
            for tokens, label, actor_id in self._by_first.get(orth, ()):
                end = start + len(tokens)
                if end <= len(orths) and tuple(orths[start:end]) == tokens:
                    spans.append(Span(doc, start, end, label=label, span_id=actor_id))
        return filter_spans(spans)

    def __call__(self, doc: Doc) -> Doc:
        matches = self._matches(doc)
        if not matches:
            return doc
        covered = {i for span in matches for i in range(span.start, span.end)}
        kept: list[Span] = []
        overruled: set[tuple[int, int]] = set()
        for ent in doc.ents:
            inside = [m for m in matches if m.start < ent.end and ent.start < m.end]
            if inside and _name_wins(ent, inside, covered):
                continue
            kept.append(ent)
            overruled.update((m.start, m.end) for m in inside)
        names = [m for m in matches if (m.start, m.end) not in overruled]
        doc.ents = filter_spans([*names, *kept])
        return doc


def _name_wins(ent: Span, inside: list[Span], covered: set[int]) -> bool:
    doc = ent.doc
    for name in inside:
        if name.start <= ent.start and ent.end <= name.end:
            return True  # the known name covers the model's entity
        if name.label_ == ent.label_:
            return True
        if name.end < ent.end and doc[name.end].text in _POSSESSIVES:
            return True  # "Rahmani’s Death": the model took in what the name owns
    rest = [t for t in ent if t.i not in covered]
    return all(t.text in _FILLER or t.is_space or t.is_punct for t in rest)


@Language.factory(ACTOR_RULER)
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp)
