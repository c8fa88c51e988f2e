"""Repairs of text that scraping broke: sentences glued by a missing space."""

from __future__ import annotations

import re

# "beginning.Commander", "said.He", "in time.”He": a sentence end directly followed by a
# capitalised word. Only after a lower-case letter (not "U.S.Army", not "3.5") or a closing
# quote or bracket, and only before Capital + lower-case, so "e.g.", "Ph.D." and domain names in
# lower case are left alone.
_GLUED = re.compile(r"(?<=[a-z\)\]”\"’])([.!?]+[”\"’]?)(?=[A-Z][a-z])")
# Web addresses are left as they are ("Example.Com" is rare, "site.com/Path" is not).
_URLISH = re.compile(r"\S+\.(?:com|org|net|gov|edu|co|io|uk|de|fr|ru|ir)\b\S*", re.IGNORECASE)


def repair_glued_sentences(line: str) -> str:
    if not _GLUED.search(line):
        return line
    protected = [(m.start(), m.end()) for m in _URLISH.finditer(line)]

    def fix(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in protected):
            return match.group(0)
        return match.group(1) + " "

    return _GLUED.sub(fix, line)
