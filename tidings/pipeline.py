"""The per-article flow, ingest → clean → parse → actors → times/places → quotes → events, as
one stream.

Inputs are read lazily, parsed in `nlp.pipe` batches, and handed on one article at a time,
so memory holds one batch whatever the corpus size. A rejected input is yielded in the stream
(never raised) and the batch goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from tidings.actors import ActorLayer, resolve_actors
from tidings.clean.article import Article
from tidings.clean.pipeline import clean_document
from tidings.contract import article_record
from tidings.errors import InputRejected
from tidings.events import EventLayer, extract_events
from tidings.ingest import iter_documents
from tidings.knowledge import load_actor_base
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.parse.stage import parse_articles
from tidings.places import PlaceLayer, resolve_places
from tidings.quotes import QuoteLayer, extract_quotes
from tidings.settings import Settings
from tidings.times import TimeLayer, extract_times


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article through every per-article stage, and its contract record."""

    parsed: ParsedArticle
    actors: ActorLayer
    record: dict[str, Any]
    quotes: QuoteLayer
    times: TimeLayer
    places: PlaceLayer
    events: EventLayer


def clean_stream(
    sources: Iterable[str],
    *,
    settings: Settings,
    rejected: deque[InputRejected],
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Articles of every readable input; rejections are appended to `rejected` as they come."""
    for item in iter_documents(sources, settings=settings.ingest, stdin=stdin):
        if isinstance(item, InputRejected):
            rejected.append(item)
            continue
        try:
            articles = clean_document(item)
        except InputRejected as exc:
            rejected.append(exc)
            continue
        for article in articles:
            if len(article.text) > settings.parse.max_chars:
                reason = (
                    f"article text longer than {settings.parse.max_chars} characters (max_chars)"
                )
                rejected.append(InputRejected(item.path, reason))
                continue
            yield article


def extract_stream(
    sources: Iterable[str], *, settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Extracted | InputRejected]:
    """Every article of `sources`, parsed, its actors resolved and its quotes read, with its
    record; rejections in between. The model and the actor base (shipped files plus
    `settings.actors.files`) are loaded once per process."""
    actor_files = settings.actors.files
    nlp = load_model(settings.parse.model, settings.parse.max_chars, actor_files=actor_files)
    base = load_actor_base(actor_files)
    rejected: deque[InputRejected] = deque()
    articles = clean_stream(sources, settings=settings, rejected=rejected, stdin=stdin)
    for parsed in parse_articles(articles, nlp=nlp, batch_size=settings.parse.batch_size):
        while rejected:
            yield rejected.popleft()
        actors = resolve_actors(parsed, base=base)
        times = extract_times(parsed)
        places = resolve_places(parsed, actors, base=base)
        quotes = extract_quotes(parsed, actors)
        events = extract_events(parsed, actors, quotes, times, places, base=base)
        record = article_record(
            parsed, actors, quotes, times=times, places=places, events=events
        )
        yield Extracted(
            parsed=parsed,
            actors=actors,
            record=record,
            quotes=quotes,
            times=times,
            places=places,
            events=events,
        )
    while rejected:
        yield rejected.popleft()
