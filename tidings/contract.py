"""A ParsedArticle as the JSON record of the output contract (`shared/contract`): the fields
the schema requires, plus the cleaning details an analyst needs to trust the text."""

from __future__ import annotations

from typing import Any

from tidings.parse.parsed import ParsedArticle


def article_record(parsed: ParsedArticle) -> dict[str, Any]:
    article = parsed.article
    document = article.document
    return {
        "id": article.id,
        "source": {
            "path": document.path,
            "url": document.hints.url,
            "outlet": article.outlet,
            "part": article.part,
            "format": document.format,
            "encoding": document.encoding,
            "sha256": document.sha256,
        },
        "title": article.title,
        "published": article.published.to_json(),
        "byline": article.byline,
        "dateline": article.dateline,
        "captions": list(article.captions),
        "text": article.text,
        "sentences": [list(span) for span in parsed.sentences],
        "removed": [line.text for line in article.removed],
        "removed_reasons": [line.reason for line in article.removed],
        "entities": [],
        "quotes": [],
        "events": [],
        "times": [],
        "places": [],
    }
