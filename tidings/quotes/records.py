"""What the quote stage hands on: every statement the article reports, with its speaker (read
through the actor layer), cue, relaying outlet and date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tidings.clean.article import DateValue

Span = tuple[int, int]
QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True, slots=True)
class Quote:
    """One reported statement. `span` covers the quoted words (inside the quotation marks) or
    the reported clause, as offsets into the article's text, and `text` is exactly that
    stretch. A quote interrupted by its attribution ("“A,” Lund said. “B.”") is one statement
    in several `pieces` (every piece's span and words, the first being `span` and `text`);
    `pieces` is empty for a quote in one piece. `speaker_span` is the mention the speaker was
    read from ("he", "the official", "Lund"); `speaker`/`speaker_id` are the actor layer's
    canonical name and id when it knows the actor, else the words of the text. `via` is the
    outlet that relayed the words."""

    kind: QuoteKind
    span: Span
    text: str
    cue: str | None
    cue_span: Span | None
    speaker: str | None
    speaker_id: str | None
    speaker_span: Span | None
    via: str | None
    via_span: Span | None
    date: DateValue | None
    pieces: tuple[Span, ...] = ()
    piece_texts: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract's quote record (plus the spans and the date)."""
        return {
            "speaker_id": self.speaker_id,
            "speaker": self.speaker,
            "text": self.text,
            "kind": self.kind,
            "span": list(self.span),
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "via": self.via,
            "via_span": list(self.via_span) if self.via_span else None,
            "date": self.date.to_json() if self.date else None,
            "pieces": [
                {"span": list(span), "text": text}
                for span, text in zip(self.pieces, self.piece_texts, strict=True)
            ],
        }


@dataclass(frozen=True, slots=True)
class QuoteLayer:
    """The quote stage's output for one article, in text order."""

    quotes: tuple[Quote, ...]


EMPTY_QUOTES = QuoteLayer(quotes=())
