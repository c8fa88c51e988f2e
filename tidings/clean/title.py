"""Choosing a story's title among the lines that are not its body."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.clean.stories import looks_like_headline

# Separators between a headline and the site's name in a <title> ("Headline | Site").
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
# Reasons (from the body classifier) that say a line is site furniture, never a headline.
FURNITURE_REASONS = frozenset({"lexicon", "counter", "navigation", "related-block"})
# A page that opens with a "Most Popular" heading makes the classifier take the lines under it
# (the headline among them) for a related-headlines block; right above the body, such a line is
# still the best headline there is.
FALLBACK_REASONS = frozenset({"related-block"})


def _core(line: str) -> str:
    return _SITE_SUFFIX.sub("", line).strip().lower()


def choose_title(candidates: Sequence[tuple[str, str]]) -> str | None:
    """The headline among `candidates`: (line, reason it is not body) pairs, in page order, all
    above the body. A line that the page repeats (a <title> and an <h1>, a teaser and the article)
    wins; otherwise the headline-like line nearest to the body."""
    usable = [
        (i, line)
        for i, (line, reason) in enumerate(candidates)
        if reason not in FURNITURE_REASONS and looks_like_headline(line, strict=False)
    ]
    if not usable:
        nearest = candidates[-1] if candidates else None
        if (
            nearest
            and nearest[1] in FALLBACK_REASONS
            and looks_like_headline(nearest[0], strict=False)
        ):
            return nearest[0]
        return None
    cores = [_core(line) for _, line in usable]
    for k, (_, line) in enumerate(usable):
        if cores.count(cores[k]) > 1 or any(
            other != cores[k]
            and other
            and (other.startswith(cores[k]) or cores[k].startswith(other))
            for other in cores
        ):
            return _SITE_SUFFIX.sub("", line).strip() or line
    return usable[-1][1]
