"""Short prose that a page judgement would throw away: one sentence, a headline with its lead,
a wire bulletin of a few lines.

The page judgement (`boilerplate.judge_lines`, page mode) is made for scraped pages: it tells
prose from furniture by stopword density measured on the page's long lines, and keeps the
largest run of prose. A text of one or a few short lines has no long line to measure and no
run to compare, so all of it comes out as furniture, and an input that is nothing but a clean
news sentence was rejected ("no article text found"), and the last short sentence of a
bulletin was dropped as a fragment. A short text is read here instead: its lines from the
first to the last that reads as prose are the body (less the lexicon's furniture), and the
lines above are where its title is looked for. A text that is a headline alone ("Harbour
talks collapse": a feed item or a wire flash with no lead) is its own body. A short text with
neither (a menu, a lone label) goes to the page judgement, which rejects it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.clean import line_features as lf
from tidings.clean.article import RemovedLine
from tidings.clean.boilerplate import furniture_reason, load_lexicon
from tidings.clean.stories import looks_like_headline

# A text is short when it has at most this many lines and characters: a bulletin, a headline
# and a few paragraphs. A longer text that the page judgement found no body in is a page of
# furniture, not a short article.
SHORT_TEXT_MAX_LINES = 12
SHORT_TEXT_MAX_CHARS = 3000
# A line that ends like a sentence with at least this many words is prose ("Talks collapsed.").
SENTENCE_MIN_WORDS = 3
# A line without a closing full stop is prose from this many words, one of them a stopword: a
# lead whose full stop was lost, a sentence cut by a feed ("X is willing to withdraw its
# troops"). A shorter unpunctuated line is prose only when it is the whole text (a headline).
UNPUNCTUATED_MIN_WORDS = 6
# Separators between menu entries ("Home | News | Sport"): a line with one is not prose.
MENU_SEPARATOR = re.compile(r"\s[|•·»›]\s|\s/\s.*\s/\s")

Judged = tuple[list[str], list[RemovedLine], list[tuple[str, str]]]


def is_short_text(lines: Sequence[str]) -> bool:
    return 0 < len(lines) <= SHORT_TEXT_MAX_LINES and sum(map(len, lines)) <= SHORT_TEXT_MAX_CHARS


def judge_short_text(lines: Sequence[str]) -> Judged | None:
    """Body lines, removed lines, and the (line, reason) pairs above the body, as the page
    judgement gives them; None when no line reads as prose."""
    lex = load_lexicon()
    stopwords, _density = lf.best_stopwords(lines, lex.stopwords, min_chars=0)
    reasons: list[str | None] = []
    prose: list[int] = []
    for i, line in enumerate(lines):
        features = lf.measure(line, stopwords)
        reason = furniture_reason(line, lf.normalise(line), features, lex)
        reasons.append(reason)
        if reason is None and _reads_as_prose(line, features):
            prose.append(i)
    if not prose:
        prose = _lone_headline(lines, reasons)
    if not prose:
        return None
    first, last = prose[0], prose[-1]
    body: list[str] = []
    removed: list[RemovedLine] = []
    above: list[tuple[str, str]] = []
    for i, (line, reason) in enumerate(zip(lines, reasons, strict=True)):
        if i < first:
            above.append((line, reason or "edge"))
            removed.append(RemovedLine(line, reason or "edge"))
        elif i > last or reason is not None:
            removed.append(RemovedLine(line, reason or "edge"))
        else:
            body.append(line)
    return body, removed, above


def _reads_as_prose(line: str, features: lf.LineFeatures) -> bool:
    if MENU_SEPARATOR.search(line):
        return False
    if features.sentence_end and features.words >= SENTENCE_MIN_WORDS:
        return True
    return features.words >= UNPUNCTUATED_MIN_WORDS and features.stopwords > 0


def _lone_headline(lines: Sequence[str], reasons: Sequence[str | None]) -> list[int]:
    """[i] when line i is the text's only line that is not furniture and it is a headline
    written in sentence case, as news headlines are ("Harbour talks collapse"); else []. A
    row of capitalised words ("Home News Sport") is a menu or a label, not a headline, and
    so is a line of fewer than SENTENCE_MIN_WORDS words ("Harbour News")."""
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    if len(kept) != 1:
        return []
    line = lines[kept[0]]
    words = line.split()
    if (
        len(words) < SENTENCE_MIN_WORDS
        or MENU_SEPARATOR.search(line)
        or not looks_like_headline(line, strict=False)
        or not any(word[:1].islower() for word in words[1:])
    ):
        return []
    return kept
