"""Text as scraped → a list of clean, non-blank lines."""

from __future__ import annotations

import re
import unicodedata

# Characters that carry no text: zero-width spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# C0/C1 control characters other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every kind of horizontal space (no-break, thin, ideographic...) becomes one plain space.
_SPACES = re.compile(r"[^\S\n]+")


# Hard-wrapped text (e-mail, wire feeds, terminal dumps) breaks paragraphs at a fixed width.
# It is told by its line lengths: most lines of some length end within this fraction of the
# widest usual line (the 90th percentile), and that width is a terminal's, not a paragraph's.
WRAP_FILL_RATIO = 0.7
WRAP_MAX_WIDTH = 100
WRAP_MIN_SHARE = 0.6
# Lines shorter than this say nothing about wrapping (headings, menu items).
WRAP_MIN_LINE = 25


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None if it was not wrapped."""
    lengths = sorted(len(line) for line in lines if len(line) >= WRAP_MIN_LINE)
    if len(lengths) < 4:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > WRAP_MAX_WIDTH:
        return None
    filled = sum(1 for n in lengths if n >= width * WRAP_FILL_RATIO)
    return width if filled / len(lengths) >= WRAP_MIN_SHARE else None


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Join each line filled to the wrap width with the line after it (blank lines, "" here,
    still end paragraphs)."""
    joined: list[str] = []
    carry = ""
    for line in lines:
        if not line:
            if carry:
                joined.append(carry)
            carry = ""
            joined.append("")
            continue
        carry = f"{carry} {line}" if carry else line
        if len(line) < width * WRAP_FILL_RATIO:
            joined.append(carry)
            carry = ""
    if carry:
        joined.append(carry)
    return joined


def normalise_lines(raw: str) -> list[str]:
    """NFC, one newline convention, no invisible or control characters, single spaces,
    hard-wrapped paragraphs joined, and no blank lines: paragraphs are lines."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text.translate(_INVISIBLE))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    width = _wrap_width([line for line in lines if line])
    if width is not None:
        lines = _unwrap(lines, width)
    return [line for line in lines if line]
