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
# A headline has at least this many words and characters: shorter repeated lines are menu items
# and counters ("Share", "TT").
HEADLINE_MIN_WORDS = 3
HEADLINE_MIN_CHARS = 15
HEADLINE_MAX_WORDS = 30
# A story needs body: at least this many lines of at least BODY_LINE_MIN_WORDS words.
STORY_MIN_BODY_LINES = 2
BODY_LINE_MIN_WORDS = 12


@dataclass(frozen=True, slots=True)
class StorySegment:
    """The lines of one story, and its headline when the page's structure shows it."""

    lines: tuple[str, ...]
    headline: str | None


def looks_like_headline(line: str) -> bool:
    """Short, starts like a title, does not end like a sentence or a label."""
    words = line.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS or len(line) < HEADLINE_MIN_CHARS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    first = line.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


def _is_body_line(line: str) -> bool:
    return len(line.split()) >= BODY_LINE_MIN_WORDS


def _repeated_headers(lines: Sequence[str], is_caption: Callable[[str], bool]) -> list[int]:
    """Indexes of headline-like lines that come back within the repeat window. A header's own
    repeated captions are not headers: once a header starts, the next one needs body between."""
    starts: list[int] = []
    seen: set[str] = set()
    body_since_start = True
    for i, line in enumerate(lines):
        if _is_body_line(line):
            body_since_start = True
        if (
            line in seen
            or not body_since_start
            or not looks_like_headline(line)
            or is_caption(line)
        ):
            continue
        if line in lines[i + 1 : i + 1 + HEADER_REPEAT_WINDOW]:
            starts.append(i)
            seen.add(line)
            body_since_start = False
    return starts


def _has_body(lines: Sequence[str]) -> bool:
    return sum(1 for line in lines if _is_body_line(line)) >= STORY_MIN_BODY_LINES


def _never(line: str) -> bool:
    return False


def split_stories(
    lines: Sequence[str], *, is_caption: Callable[[str], bool] = _never
) -> list[StorySegment]:
    """One segment per story; a page with no repeated headers is one story. `is_caption` tells
    photo captions, which repeat like headers but never open a story."""
    starts = _repeated_headers(lines, is_caption)
    if not starts:
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
