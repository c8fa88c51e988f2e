"""The `quotes` table: rows written from the quotes of the articles' contract records, and read
back with the article they come from, filtered by speaker and date."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.clean.article import Article

INSERT_QUOTES = """
INSERT INTO quotes (article_id, seq, kind, text, span_start, span_end, cue, speaker, speaker_id,
                    speaker_start, speaker_end, via, date_value, date_precision, date_basis,
                    statement, pieces)
SELECT unnest($article_id::VARCHAR[]), unnest($seq::INTEGER[]), unnest($kind::VARCHAR[]),
       unnest($text::VARCHAR[]), unnest($span_start::INTEGER[]), unnest($span_end::INTEGER[]),
       unnest($cue::VARCHAR[]), unnest($speaker::VARCHAR[]), unnest($speaker_id::VARCHAR[]),
       unnest($speaker_start::INTEGER[]), unnest($speaker_end::INTEGER[]),
       unnest($via::VARCHAR[]), unnest($date_value::VARCHAR[]),
       unnest($date_precision::VARCHAR[]), unnest($date_basis::VARCHAR[]),
       unnest($statement::VARCHAR[]), unnest($pieces::VARCHAR[])
"""

# A quote's date for `--since`: the statement's own date when the text gives one, else the
# article's publication date. Dates are ISO strings at their own precision, so a month
# ("2020-01") is on or after a day of it ("2020-01-15") too: it may hold that day.
SELECT_QUOTES = """
WITH dated AS (
    SELECT q.*, coalesce(q.date_value, a.published_value) AS date, a.title, a.seq AS article_seq
    FROM quotes q JOIN articles a ON a.id = q.article_id
)
SELECT speaker, speaker_id, date, kind, coalesce(statement, text), article_id, title, via, cue
FROM dated
WHERE ($speaker IS NULL OR lower(speaker) LIKE $speaker OR lower(speaker_id) = $exact)
  AND ($since IS NULL OR date >= $since OR starts_with($since, date))
ORDER BY article_seq, seq
"""

_COLUMNS = (
    "article_id",
    "seq",
    "kind",
    "text",
    "span_start",
    "span_end",
    "cue",
    "speaker",
    "speaker_id",
    "speaker_start",
    "speaker_end",
    "via",
    "date_value",
    "date_precision",
    "date_basis",
    "statement",
    "pieces",
)


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """One stored quote with the article it is from. `date` is the statement's date, else
    the article's publication date (None when neither is known)."""

    speaker: str | None
    speaker_id: str | None
    date: str | None
    kind: str
    text: str
    article_id: str
    title: str | None
    via: str | None
    cue: str | None

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> StoredQuote:
        return cls(*row)


def _pair(value: Any) -> tuple[Any, Any]:
    return (value[0], value[1]) if value else (None, None)


def _row(article_id: str, seq: int, quote: dict[str, Any]) -> tuple[Any, ...]:
    span, speaker_span = _pair(quote.get("span")), _pair(quote.get("speaker_span"))
    date = quote.get("date") or {}
    pieces = quote.get("pieces") or []
    return (
        article_id,
        seq,
        quote["kind"],
        quote["text"],
        span[0],
        span[1],
        quote.get("cue"),
        quote.get("speaker"),
        quote.get("speaker_id"),
        speaker_span[0],
        speaker_span[1],
        quote.get("via"),
        date.get("value"),
        date.get("precision"),
        date.get("basis"),
        " … ".join(piece["text"] for piece in pieces) if pieces else quote["text"],
        json.dumps([piece["span"] for piece in pieces]) if pieces else None,
    )


def quote_columns(articles: Sequence[tuple[Article, dict[str, Any]]]) -> dict[str, list[Any]]:
    """Bound parameters of `INSERT_QUOTES`: every quote of the records, numbered from 0 in
    each article."""
    rows = [
        _row(article.id, seq, quote)
        for article, record in articles
        for seq, quote in enumerate(record.get("quotes") or [])
    ]
    return {name: [row[i] for row in rows] for i, name in enumerate(_COLUMNS)}


def quote_filters(speaker: str | None, since: str | None) -> dict[str, Any]:
    """Bound parameters of `SELECT_QUOTES`: a speaker name matches in part and case-blind
    ("varga"), an actor id exactly ("jon-varga")."""
    wanted = speaker.strip().lower() if speaker else None
    return {
        "speaker": f"%{wanted}%" if wanted else None,
        "exact": wanted,
        "since": since,
    }
