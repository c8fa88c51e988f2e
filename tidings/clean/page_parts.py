"""Telling the parts of a story's page that are not body: photo captions, date lines, credit
lines naming the outlet, bylines, and the dateline that opens the first paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tidings.clean.article import DateValue, RemovedLine
from tidings.clean.knowledge import PageKnowledge, canonical_outlet
from tidings.clean.pubdate import find_date, is_date_line

# Credit lines and bylines are short; a longer line that starts "Source:" is a sentence.
META_LINE_MAX_WORDS = 12
# A caption printed twice in a row is told by the repeat; it is a sentence, not a menu item.
DOUBLED_CAPTION_MIN_WORDS = 6
# A caption is at most this long; longer lines that mention "photo" are body.
CAPTION_MAX_WORDS = 80

_WORD = re.compile(r"[\w']+")


@dataclass(slots=True)
class PageParts:
    """What was taken out of a story's lines before the body is judged."""

    rest: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    published: DateValue | None = None
    caption_date: DateValue | None = None
    credit_outlet: str | None = None
    byline: str | None = None


def _doubled_lines(lines: Sequence[str]) -> set[str]:
    """Sentence-like lines printed twice in a row: the way scrapers render a photo caption."""
    return {
        line
        for line, following in pairwise(lines)
        if line == following and DOUBLED_CAPTION_MIN_WORDS <= len(line.split()) <= CAPTION_MAX_WORDS
    }


def looks_like_caption(line: str, knowledge: PageKnowledge) -> bool:
    """A line that a caption pattern (photo cue, picture-agency credit) matches."""
    return len(line.split()) <= CAPTION_MAX_WORDS and any(
        p.search(line) for p in knowledge.caption_patterns
    )


def _is_label_only(line: str, knowledge: PageKnowledge) -> bool:
    """A date line whose date the page left out ("Published: Updated:")."""
    words = [w.lower() for w in _WORD.findall(line)]
    return bool(words) and all(w in knowledge.date_line_words for w in words)


def _meta_line(line: str, parts: PageParts, knowledge: PageKnowledge) -> str | None:
    """If `line` is a date line, a credit or a byline, record it and say which."""
    found = is_date_line(line, knowledge)
    if found is not None:
        parts.published = parts.published or found.value
        return "date-line"
    if _is_label_only(line, knowledge):
        return "date-line"
    if len(line.split()) > META_LINE_MAX_WORDS:
        return None
    for pattern in knowledge.credit_patterns:
        match = pattern.match(line)
        if match:
            outlet = match.groupdict().get("outlet")
            if outlet and parts.credit_outlet is None:
                parts.credit_outlet = canonical_outlet(outlet, knowledge)
            return "credit"
    for pattern in knowledge.byline_patterns:
        match = pattern.match(line)
        if match:
            parts.byline = parts.byline or match.group("author")
            dated = find_date(line, knowledge)
            if dated is not None:
                parts.published = parts.published or dated.value
            return "byline"
    return None


def separate_page_parts(
    lines: Sequence[str], *, headline: str | None, knowledge: PageKnowledge
) -> PageParts:
    """Split a story's lines into captions, metadata lines and the rest (body candidates)."""
    parts = PageParts()
    doubled = _doubled_lines(lines)
    for line in lines:
        if headline is not None and line == headline:
            parts.removed.append(RemovedLine(line, "headline"))
        elif line in doubled or line in parts.captions or looks_like_caption(line, knowledge):
            if line not in parts.captions:
                parts.captions.append(line)
                dated = find_date(line, knowledge)
                if dated is not None and parts.caption_date is None:
                    parts.caption_date = DateValue(
                        dated.value.value, dated.value.precision, "inferred"
                    )
            parts.removed.append(RemovedLine(line, "caption"))
        else:
            reason = _meta_line(line, parts, knowledge)
            if reason is None:
                parts.rest.append(line)
            else:
                parts.removed.append(RemovedLine(line, reason))
    return parts


@dataclass(frozen=True, slots=True)
class Dateline:
    text: str
    outlet: str | None
    body: str


def split_dateline(first_line: str, knowledge: PageKnowledge) -> Dateline | None:
    """ "OSLO – (NORDNEWS) – The minister ..." → dateline, outlet, and the paragraph after it."""
    for pattern in knowledge.dateline_patterns:
        match = pattern.match(first_line)
        if match and len(first_line) > match.end():
            outlet = match.groupdict().get("outlet")
            return Dateline(
                text=match.group(0).strip(" –—-:"),
                outlet=canonical_outlet(outlet, knowledge) if outlet else None,
                body=first_line[match.end() :],
            )
    return None
