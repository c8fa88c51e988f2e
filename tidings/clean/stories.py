"""Splitting one page into its stories.

Scrapers that save a listing or an infinite-scroll page print several stories one after the
other, and each story's header comes twice: the headline, its photo caption(s), then the
headline again (once from the teaser, once from the article). That repeated header is the
signal used here: a headline-like line that comes back within a few lines opens a story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A header repeats within this many lines (headline, two captions, counters, headline again).
HEADER_REPEAT_WINDOW = 12
# The story's body starts within this many lines after the header's second copy (a caption or
# two may stand between).
BODY_AFTER_HEADER_WINDOW = 4
# A headline has at least this many words and characters: shorter repeated lines are menu items
# and counters ("Share", "TT").
HEADLINE_MIN_WORDS = 3
HEADLINE_MIN_CHARS = 15
HEADLINE_MAX_WORDS = 30
# A story needs body: at least this many lines of at least BODY_LINE_MIN_WORDS words. Web pages
# repeat teaser headlines of other stories with a line of summary; a story has more than that.
STORY_MIN_BODY_LINES = 3
BODY_LINE_MIN_WORDS = 12


@dataclass(frozen=True, slots=True)
class StorySegment:
    """The lines of one story, and its headline when the page's structure shows it."""

    lines: tuple[str, ...]
    headline: str | None


def looks_like_headline(line: str, *, strict: bool = True) -> bool:
    """Short, starts like a title, does not end like a sentence or a label. `strict` (for
    telling a page's stories apart) wants a capital letter first; otherwise a headline may
    also open with a figure, a currency sign or a brand in lower case ("$1m payoff for ...",
    "iTunes now sells ...")."""
    words = line.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS or len(line) < HEADLINE_MIN_CHARS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    first = line.lstrip("\"'“‘«(")[:1]
    if strict or first.isupper():
        return first.isupper()
    return not first.islower() or any(c.isupper() for c in words[0])


def _is_body_line(line: str) -> bool:
    return len(line.split()) >= BODY_LINE_MIN_WORDS


def _is_header_at(lines: Sequence[str], i: int, not_headline: Callable[[str], bool]) -> bool:
    """Line i opens a header: a headline whose second copy follows within the repeat window with
    no body line between, and the story's body follows soon after that second copy."""
    line = lines[i]
    if not looks_like_headline(line) or not_headline(line):
        return False
    window = lines[i + 1 : i + 1 + HEADER_REPEAT_WINDOW]
    if line not in window:
        return False
    second = i + 1 + window.index(line)
    # Captions are long lines too, but they belong to the header: told by a caption pattern or
    # by being printed twice, like the headline.
    between = lines[i + 1 : second]
    if any(_is_body_line(b) and not not_headline(b) and between.count(b) < 2 for b in between):
        return False
    after = lines[second + 1 : second + 1 + BODY_AFTER_HEADER_WINDOW]
    return any(_is_body_line(following) for following in after)


def _repeated_headers(lines: Sequence[str], not_headline: Callable[[str], bool]) -> list[int]:
    """Indexes of the lines that open a header; a header's own copies are skipped."""
    starts: list[int] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line not in seen and _is_header_at(lines, i, not_headline):
            starts.append(i)
            seen.add(line)
    return starts


def _has_body(lines: Sequence[str]) -> bool:
    return sum(1 for line in lines if _is_body_line(line)) >= STORY_MIN_BODY_LINES


def _never(line: str) -> bool:
    return False


def split_stories(
    lines: Sequence[str], *, not_headline: Callable[[str], bool] = _never
) -> list[StorySegment]:
    """One segment per story; a page with no repeated headers is one story. `not_headline`
    tells lines that repeat like headers but never open a story (captions, date lines, site
    furniture)."""
    starts = _repeated_headers(lines, not_headline)
    if not starts:
        return [StorySegment(tuple(lines), None)]
    if _has_body(lines[: starts[0]]):
        # Body before the first header: the page is an article whose headline it did not
        # repeat, and the "headers" further down are teasers of other stories.
        return [StorySegment(tuple(lines), None)]
    bounds = [*starts, len(lines)]
    segments: list[StorySegment] = []
    for k, start in enumerate(starts):
        # Lines before the first header (menus) go with the first story.
        begin = 0 if k == 0 else start
        chunk = tuple(lines[begin : bounds[k + 1]])
        if segments and not _has_body(chunk):
            # A repeated header with no body after it is not a story of its own.
            last = segments.pop()
            segments.append(StorySegment(last.lines + chunk, last.headline))
            continue
        segments.append(StorySegment(chunk, lines[start]))
    return segments
