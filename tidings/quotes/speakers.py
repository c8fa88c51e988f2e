"""Speakers and outlets through the actor layer: a speaker phrase ("Iranian Supreme Leader Ali
Varga", "he", "the top official", "the ministry", "a source") becomes the actor the layer
linked its head word to (canonical name, id, the mention's span), or stays the words of the
text. Pronouns and descriptions come resolved by the layer's coreference; a possessive ("his
spokesman") names the owner, never the speaker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tidings.actors.records import ActorLayer, Entity, Mention
from tidings.quotes.frames import TokenRange
from tidings.quotes.lexicon import QuoteLexicon

Span = tuple[int, int]
MEDIA_SECTOR = "MED"  # the actor base's sector of news outlets (docs/actors.md)
# Words a phrase may start with that are not part of an outlet's name ("the Post").
LEADING_ARTICLES = ("the ", "a ", "an ")
# The link of a possessive pronoun ("his", "its"): the owner of the phrase, not who it is.
OWNER_LINK = "possessive"


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a speaker phrase stands for. `pronoun`: a pronoun the actor layer linked to no one
    ("it", "they"): the previous speaker is likelier than nobody."""

    name: str
    id: str | None
    span: Span
    person: bool
    outlet: bool
    pronoun: bool


class SpeakerReader:
    """Reads speaker and outlet phrases of one article against its actor layer."""

    def __init__(self, doc: Any, text: str, actors: ActorLayer, lexicon: QuoteLexicon) -> None:
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.entities: dict[str, Entity] = {e.id: e for e in actors.entities}
        # Each token's first character, read as one array: making a Token object per word,
        # as `for token in doc` does, costs more than the lookups themselves.
        offsets: list[int] = doc.to_array("IDX").tolist()
        starts = {offset: i for i, offset in enumerate(offsets)}
        # token index -> the mentions covering it, longest first
        self.covering: dict[int, list[Mention]] = {}
        for mention in actors.mentions:
            if mention.link == OWNER_LINK:
                continue
            first = starts.get(mention.span[0])
            if first is None:
                continue
            i = first
            while i < len(offsets) and offsets[i] < mention.span[1]:
                self.covering.setdefault(i, []).append(mention)
                i += 1
        for found in self.covering.values():
            found.sort(key=lambda m: m.span[0] - m.span[1])

    def names_actor(self, token: int) -> bool:
        """Is the token part of a mention of an actor of the layer?"""
        return token in self.covering

    def chars(self, tokens: TokenRange) -> Span:
        first, last = self.doc[tokens[0]], self.doc[tokens[1] - 1]
        return first.idx, last.idx + len(last.text)

    def _person_in(self, tokens: Iterable[int]) -> Mention | None:
        for i in tokens:
            for mention in self.covering.get(i, []):
                entity = self.entities.get(mention.entity_id)
                if entity is not None and entity.kind == "person":
                    return mention
        return None

    def _mention(self, phrase: TokenRange, head: int) -> Mention | None:
        """The mention the phrase's head word belongs to; a person named in apposition
        ("IRGC foreign operations’ official, Jon Varga") before an organisation or a bare
        role; else a person named inside the phrase."""
        token = self.doc[head]
        appositions = [t.i for c in token.children if c.dep_ == "appos" for t in c.subtree]
        own = self.covering[head][0] if head in self.covering else None
        if own is not None and self.entities[own.entity_id].kind == "person":
            return own
        return self._person_in(appositions) or own or self._person_in(range(*phrase))

    def read(self, phrase: TokenRange, head: int) -> Speaker:
        """The speaker a phrase (token range, with its head word) stands for."""
        mention = self._mention(phrase, head)
        head_token = self.doc[head]
        if mention is not None:
            entity = self.entities[mention.entity_id]
            return Speaker(
                name=entity.name,
                id=entity.id,
                span=mention.span,
                person=entity.kind == "person",
                outlet=entity.sector == MEDIA_SECTOR or self._outlet_words(phrase, head),
                pronoun=False,
            )
        span = self.chars(phrase)
        pronoun = head_token.pos_ == "PRON"
        return Speaker(
            name=self.text[span[0] : span[1]],
            id=None,
            span=span,
            person=pronoun and head_token.lower_ not in self.lexicon.chain_pronouns,
            outlet=self._outlet_words(phrase, head),
            pronoun=pronoun and head_token.lower_ in self.lexicon.chain_pronouns,
        )

    def _outlet_words(self, phrase: TokenRange, head: int) -> bool:
        """An outlet by its words: a head noun such as "television" or "agency", or a listed
        outlet name ("Reuters", "the Associated Press")."""
        if self.doc[head].lemma_.lower() in self.lexicon.outlet_nouns:
            return True
        span = self.chars(phrase)
        words = self.text[span[0] : span[1]].lower()
        for article in LEADING_ARTICLES:
            words = words.removeprefix(article)
        return words in self.lexicon.outlet_names

    def outlet(self, phrase: TokenRange, head: int) -> tuple[str, Span] | None:
        """The outlet a phrase names: the actor layer's canonical name and the mention when it
        knows the outlet ("Al-Ahed News" for "Lebanese newspaper Al-Ahed"), else the words of
        the phrase ("state television"); None when the phrase is no outlet."""
        whole = range(self.doc[head].left_edge.i, self.doc[head].right_edge.i + 1)
        for i in sorted({*range(*phrase), *whole}):
            for mention in self.covering.get(i, []):
                entity = self.entities.get(mention.entity_id)
                if entity is not None and entity.sector == MEDIA_SECTOR:
                    return entity.name, mention.span
        if self._outlet_words(phrase, head):
            span = self.chars(phrase)
            return self.text[span[0] : span[1]], span
        return None
