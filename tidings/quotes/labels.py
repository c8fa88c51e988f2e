"""Speakers named by layout rather than by a verb: a transcript's speaker labels ("PENCE: Well,
look, ...") and a name after a dash closing a quote ("“…” ― Sonya Herridge")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tidings.quotes.context import Attribution, QuoteContext
from tidings.quotes.marks import Marked

# A transcript label: one to three words in capitals and a colon opening a paragraph (or the
# quote that opens it): "WALLACE:", "SEN. JOHN DOE:".
LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?=:\s)")
# A label is a transcript's only when at least this many paragraphs open with labels (two
# people talking); a lone "UPDATE:" or "WATCH:" is no speaker.
MIN_LABELLED_PARAGRAPHS = 2
# Dashes that introduce the name after a quote ("” ― Sonya Herridge").
DASHES = "―—–"
# Longest name read after such a dash, in characters; more is a sentence, not a byline.
MAX_DASH_NAME = 60


@dataclass(frozen=True, slots=True)
class Labelled:
    """A stretch of words and who the layout says said them."""

    span: tuple[int, int]
    said: Attribution


def _attribution(ctx: QuoteContext, start: int, end: int, cue: tuple[int, int]) -> Attribution:
    tokens = ctx.tokens(start, end)
    head = ctx.doc[tokens[0] : tokens[1]].root.i
    return Attribution(
        cue=ctx.text[cue[0] : cue[1]],
        cue_span=cue,
        speaker=ctx.reader.read(tokens, head),
        via=None,
        date=None,
        lemma="",
    )


def transcript_labels(ctx: QuoteContext) -> dict[int, Labelled]:
    """Paragraph start -> the words after its speaker label, when the article reads as a
    transcript. A label may sit inside an opening quotation mark."""
    found: dict[int, Labelled] = {}
    for start in ctx.paragraph_starts:
        end = ctx.text.find("\n", start)
        end = len(ctx.text) if end < 0 else end
        at = start + 1 if ctx.text[start] in "\"“'" else start
        match = LABEL.match(ctx.text, at, end)
        if match is None:
            continue
        words = match.end() + 1
        while words < end and ctx.text[words].isspace():
            words += 1
        if words >= end:
            continue
        said = _attribution(ctx, match.start(), match.end(), (match.end(), match.end() + 1))
        found[start] = Labelled((words, end), said)
    names = Counter(label.said.speaker.name for label in found.values() if label.said.speaker)
    if sum(names.values()) < MIN_LABELLED_PARAGRAPHS:
        return {}
    return found


def dash_name(ctx: QuoteContext, mark: Marked) -> Attribution | None:
    """The speaker named after a dash that follows the quote's closing mark."""
    end = ctx.text.find("\n", mark.close)
    end = len(ctx.text) if end < 0 else end
    rest = ctx.text[mark.close + 1 : end]
    stripped = rest.lstrip()
    if not stripped or stripped[0] not in DASHES:
        return None
    dash = mark.close + 1 + len(rest) - len(stripped)
    name_start = dash + 1
    while name_start < end and ctx.text[name_start].isspace():
        name_start += 1
    name_end = len(ctx.text[:end].rstrip())
    if not name_start < name_end <= name_start + MAX_DASH_NAME:
        return None
    return _attribution(ctx, name_start, name_end, (dash, dash + 1))
