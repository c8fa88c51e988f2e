"""An article's text cut into paragraphs of plain and marked pieces, for the templates.

Nothing here makes HTML: each piece stays a plain string, and the template prints
`<mark>{{ piece.text }}</mark>` or `{{ piece.text }}`, so autoescaping escapes the text before a
mark, the marked words and the text after it separately. An article is untrusted input: a
`<script>` in it is printed as the characters `&lt;script&gt;`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    mark: str | None = None  # the mark's label (an event id, "evidence"), None for plain text


@dataclass(frozen=True, slots=True)
class Paragraph:
    pieces: tuple[Piece, ...]
    marked: bool


def _clean_spans(
    text: str, spans: Iterable[tuple[int | None, int | None, str]]
) -> list[tuple[int, int, str]]:
    """Valid spans in text order, overlaps merged into the first (marks cannot nest)."""
    valid = sorted(
        (max(0, s), min(len(text), e), label)
        for s, e, label in spans
        if s is not None and e is not None and s < e and s < len(text)
    )
    out: list[tuple[int, int, str]] = []
    for start, end, label in valid:
        if out and start < out[-1][1]:
            previous = out[-1]
            out[-1] = (previous[0], max(previous[1], end), previous[2])
        else:
            out.append((start, end, label))
    return out


def paragraphs(
    text: str, spans: Iterable[tuple[int | None, int | None, str]] = ()
) -> list[Paragraph]:
    """`text` as paragraphs (one a line), with the characters of `spans` marked.

    A span is (start, end, label) in character offsets into `text`, the end exclusive: the
    offsets the store keeps for evidence, quotes and mentions.
    """
    pieces: list[Piece] = []
    cursor = 0
    for start, end, label in _clean_spans(text, spans):
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], label))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return _split_lines(pieces)


def _split_lines(pieces: list[Piece]) -> list[Paragraph]:
    """Cut pieces at line breaks (a mark crossing one is cut too, both halves marked)."""
    out: list[Paragraph] = []
    current: list[Piece] = []
    for piece in pieces:
        lines = piece.text.split("\n")
        for i, line in enumerate(lines):
            if i:
                out.append(_paragraph(current))
                current = []
            if line:
                current.append(Piece(line, piece.mark))
    out.append(_paragraph(current))
    return [p for p in out if p.pieces]


def _paragraph(pieces: list[Piece]) -> Paragraph:
    return Paragraph(tuple(pieces), any(p.mark for p in pieces))


def around_marks(found: list[Paragraph], *, context: int = 1) -> list[Paragraph | None]:
    """Only the marked paragraphs and `context` paragraphs around each; None where paragraphs
    were left out (the template prints an ellipsis)."""
    keep = {
        j
        for i, p in enumerate(found)
        if p.marked
        for j in range(i - context, i + context + 1)
        if 0 <= j < len(found)
    }
    out: list[Paragraph | None] = []
    for i, p in enumerate(found):
        if i in keep:
            out.append(p)
        elif out and out[-1] is not None:
            out.append(None)
    return out
