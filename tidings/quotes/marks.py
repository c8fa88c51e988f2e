"""Quotation marks: the stretches of an article's text that are in quotation marks, read from
the characters alone (straight and curly, double and single), across sentences and across
paragraphs when the next paragraph reopens the quote, as news style does."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Double marks. Curly marks say which way they face, but scraped copy mixes them up
# ("…that,” from a straight opening mark), so each mark is read by its neighbours first.
DOUBLE_MARKS = frozenset('"“”„«»')
OPENING_ONLY = frozenset("“„«")
CLOSING_ONLY = frozenset("”»")
# Two apostrophes stand for a double mark in some archives' plain text (''like this'').
TWO_APOSTROPHES = "''"
# Characters after which a mark opens a quote ("(“", "—“", a line start).
OPEN_BEFORE = frozenset(" \t\n([{—–-/")
# A straight single-quoted stretch longer than this is apostrophes paired by chance
# ("the '90s ... players' union"); quoted headline words and scare quotes are short.
MAX_SINGLE_WORDS = 25
# A quote left open at the end of its paragraph, whose next paragraph does not reopen it, is
# kept only if it is this long: a stray mark before a few words is no quotation.
MIN_UNCLOSED_CHARS = 20
# Trailing characters inside the marks that belong to the sentence around the quote, not to
# the quote ("…,” he said).
TRAILING = " \t\n,"
DOUBLE_MARK = re.compile("''|[\"“”„«»]")
# An opening single mark: at a line start or after a space or bracket, before a letter.
SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[{—–/-]))[‘'](?=\w)", re.MULTILINE)
# A closing single mark: after a non-space, with no letter after it ("Iran’s" is no mark).
SINGLE_CLOSING = re.compile(r"(?<=\S)[’'](?!\w)")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch: `start`/`end` are the words inside the marks (trailing comma off),
    `open`/`close` the mark positions (`close` is `end` when the quote runs to the paragraph's
    end unclosed)."""

    start: int
    end: int
    open: int
    close: int


def mark_width(text: str, i: int) -> int:
    """How many characters the double mark at `i` takes (0: none there)."""
    if text.startswith(TWO_APOSTROPHES, i):
        return len(TWO_APOSTROPHES)
    return 1 if text[i] in DOUBLE_MARKS else 0


def _facing(text: str, i: int) -> str:
    """ "open", "close" or "" for the double mark at `i`, from the characters around it."""
    before = text[i - 1] if i > 0 else "\n"
    width = max(mark_width(text, i), 1)
    after = text[i + width] if i + width < len(text) else "\n"
    opens = before in OPEN_BEFORE and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    mark = text[i]
    if mark in OPENING_ONLY:
        return "open"
    if mark in CLOSING_ONLY:
        return "close"
    return ""


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _trimmed(text: str, start: int, end: int, open_at: int, close_at: int) -> Marked | None:
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Marked(start, end, open_at, close_at) if end > start else None


def _reopens(text: str, paragraph: tuple[int, int]) -> int | None:
    """The position of the mark reopening the quote at the start of `paragraph`, if any."""
    line = text[paragraph[0] : paragraph[1]]
    stripped = len(line) - len(line.lstrip())
    at = paragraph[0] + stripped
    if at < paragraph[1] and mark_width(text, at) and _facing(text, at) != "close":
        return at
    return None


def double_quoted(text: str) -> list[Marked]:
    """Every stretch in double quotation marks, in text order."""
    found: list[Marked] = []
    marks = [m.start() for m in DOUBLE_MARK.finditer(text)]
    k = 0
    open_at: int | None = None
    paragraphs = _paragraphs(text)
    for number, (start, end) in enumerate(paragraphs):
        reopen = _reopens(text, (start, end)) if open_at is not None else None
        while k < len(marks) and marks[k] < end:
            i = marks[k]
            k += 1
            if i == reopen:
                continue
            facing = _facing(text, i)
            if open_at is None and facing != "close":
                open_at = i
            elif open_at is not None and facing != "open":
                begin = open_at + mark_width(text, open_at)
                quote = _trimmed(text, begin, i, open_at, i + mark_width(text, i) - 1)
                if quote is not None:
                    found.append(quote)
                open_at = None
            elif open_at is not None:
                open_at = i  # an unclosed mark before a new opening one: a stray mark
        nxt = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if open_at is not None and (nxt is None or _reopens(text, nxt) is None):
            if end - open_at > MIN_UNCLOSED_CHARS:
                quote = _trimmed(text, open_at + mark_width(text, open_at), end, open_at, end)
                if quote is not None:
                    found.append(quote)
            open_at = None
    return found


def single_quoted(text: str, taken: list[Marked]) -> list[Marked]:
    """Stretches in single marks ('OK', ‘first slap’) outside every double-quoted one: an
    opening mark after a space before a letter, a closing one after a letter that no letter
    follows (so "Iran’s" and "don't" are apostrophes)."""
    opens = [m.open for m in taken]
    found: list[Marked] = []
    for start, end in _paragraphs(text):
        at = start
        for match in SINGLE_OPENING.finditer(text, start, end):
            i = match.start()
            before = bisect_right(opens, i) - 1
            if i < at or (before >= 0 and i <= taken[before].close):
                continue
            close = SINGLE_CLOSING.search(text, i + 2, end)
            if close is None or len(text[i + 1 : close.start()].split()) > MAX_SINGLE_WORDS:
                continue
            quote = _trimmed(text, i + 1, close.start(), i, close.start())
            if quote is not None:
                found.append(quote)
            at = close.end()
    return found


def quoted_stretches(text: str) -> list[Marked]:
    """Every quoted stretch of `text`, double and single, in text order."""
    double = double_quoted(text)
    return sorted([*double, *single_quoted(text, double)], key=lambda m: m.start)
