"""The time stage: a parsed article's time expressions, anchored at its publication date."""

from __future__ import annotations

from tidings.parse.parsed import ParsedArticle
from tidings.times.normalise import normalise_expressions
from tidings.times.records import TimeLayer


def extract_times(parsed: ParsedArticle) -> TimeLayer:
    """Every time expression of the article, values resolved against its publication date (at
    the precision that date has; relative expressions stay unresolved without one)."""
    return TimeLayer(
        normalise_expressions(parsed.doc, parsed.article.published, text=parsed.article.text)
    )
