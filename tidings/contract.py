"""A ParsedArticle as the JSON record of the output contract (`shared/contract`): the fields
the schema requires, plus the cleaning details an analyst needs to trust the text."""

from __future__ import annotations

from typing import Any

from tidings.actors.records import EMPTY_LAYER, ActorLayer
from tidings.events.records import EMPTY_EVENTS, EventLayer
from tidings.parse.parsed import ParsedArticle
from tidings.places.records import EMPTY_PLACES, PlaceLayer
from tidings.quotes.records import EMPTY_QUOTES, QuoteLayer
from tidings.times.records import EMPTY_TIMES, TimeLayer


def entity_records(actors: ActorLayer) -> list[dict[str, Any]]:
    """The contract's `entities`: one per actor, `name` the base's canonical name for a known
    actor, every mention as a [start, end) span, and how each mention was linked."""
    records = []
    for entity in actors.entities:
        mentions = [m for m in actors.mentions if m.entity_id == entity.id]
        records.append(
            {
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind,
                "country": entity.country,
                "mentions": [list(span) for span in entity.mentions],
                "role": entity.role,
                "sector": entity.sector,
                "aligned_with": list(entity.aligned_with),
                "known": entity.known,
                "aliases": list(entity.aliases),
                "mention_details": [
                    {"span": list(m.span), "text": m.text, "link": m.link, "sector": m.sector}
                    for m in mentions
                ],
            }
        )
    return records


def article_record(
    parsed: ParsedArticle,
    actors: ActorLayer = EMPTY_LAYER,
    quotes: QuoteLayer = EMPTY_QUOTES,
    *,
    times: TimeLayer = EMPTY_TIMES,
    places: PlaceLayer = EMPTY_PLACES,
    events: EventLayer = EMPTY_EVENTS,
) -> dict[str, Any]:
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
        "language": article.language.to_json() if article.language else None,
        "published": article.published.to_json(),
        "byline": article.byline,
        "dateline": article.dateline,
        "captions": list(article.captions),
        "text": article.text,
        "sentences": [list(span) for span in parsed.sentences],
        "removed": [line.text for line in article.removed],
        "removed_reasons": [line.reason for line in article.removed],
        "entities": entity_records(actors),
        "quotes": [quote.to_json() for quote in quotes.quotes],
        "events": [event.to_json() for event in events.events],
        "times": [time.to_json() for time in times.expressions],
        "places": [place.to_json() for place in places.places],
    }
