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
from tidings.actors.records import EMPTY_LAYER
from tidings.clean.article import Article
from tidings.clean.pipeline import clean_document
from tidings.contract import article_record
from tidings.errors import InputRejected
from tidings.events import EventLayer, extract_events
from tidings.events.records import EMPTY_EVENTS
from tidings.ingest import Document, iter_documents
from tidings.knowledge import ActorBase, load_actor_base
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.parse.stage import parse_articles
from tidings.places import PlaceLayer, resolve_places
from tidings.places.records import EMPTY_PLACES
from tidings.quotes import QuoteLayer, extract_quotes
from tidings.quotes.records import EMPTY_QUOTES
from tidings.settings import Settings
from tidings.times import TimeLayer, extract_times
from tidings.times.records import EMPTY_TIMES


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
        for outcome in clean_one(item, settings=settings):
            if isinstance(outcome, InputRejected):
                rejected.append(outcome)
            else:
                yield outcome


def clean_one(document: Document, *, settings: Settings) -> list[Article | InputRejected]:
    """The articles of one document, each too long one replaced by its rejection; a document
    with no article text at all is one rejection."""
    try:
        articles = clean_document(document)
    except InputRejected as exc:
        return [exc]
    limit = settings.parse.max_chars
    reason = f"article text longer than {limit} characters (max_chars)"
    return [
        InputRejected(document.path, reason) if len(article.text) > limit else article
        for article in articles
    ]


def extract_parsed(parsed: ParsedArticle, *, base: ActorBase) -> Extracted:
    """The per-article stages after parse, and the contract record. An article not in English
    gets its record with no layers: every stage after parse reads English."""
    if not parsed.article.english:
        record = article_record(parsed)
        empty = (EMPTY_QUOTES, EMPTY_TIMES, EMPTY_PLACES, EMPTY_EVENTS)
        return Extracted(parsed, EMPTY_LAYER, record, *empty)
    actors = resolve_actors(parsed, base=base)
    times = extract_times(parsed)
    places = resolve_places(parsed, actors, base=base)
    quotes = extract_quotes(parsed, actors)
    events = extract_events(parsed, actors, quotes, times, places, base=base)
    record = article_record(parsed, actors, quotes, times=times, places=places, events=events)
    return Extracted(
        parsed=parsed,
        actors=actors,
        record=record,
        quotes=quotes,
        times=times,
        places=places,
        events=events,
    )


def extract_stream(
    sources: Iterable[str], *, settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Extracted | InputRejected]:
    """Every article of `sources`, parsed, its actors resolved and its quotes read, with its
    record; rejections in between. The model and the actor base (shipped files plus
    `settings.actors.files`) are loaded once per process.

    Each item holds its spaCy Doc, valid for as long as the caller keeps it, so this stream
    runs outside spaCy's memory zones and the vocabulary keeps every new word it meets. What
    only needs the records (the commands, a long-lived process) should use
    `tidings.parallel.extract_outcomes`, whose memory stays flat."""
    actor_files = settings.actors.files
    nlp = load_model(settings.parse.model, settings.parse.max_chars, actor_files=actor_files)
    base = load_actor_base(actor_files)
    rejected: deque[InputRejected] = deque()
    articles = clean_stream(sources, settings=settings, rejected=rejected, stdin=stdin)
    parse = settings.parse
    batches = parse_articles(
        articles, nlp=nlp, batch_size=parse.batch_size, batch_chars=parse.batch_chars
    )
    for parsed in batches:
        while rejected:
            yield rejected.popleft()
        yield extract_parsed(parsed, base=base)
    while rejected:
        yield rejected.popleft()
