"""The per-article flow, ingest → clean → parse → actors → times/places → quotes → events, as
one stream.

Inputs are read lazily, parsed in `nlp.pipe` batches, and handed on one article at a time,
so memory holds one batch whatever the corpus size. A rejected input is yielded in the stream
(never raised) and the batch goes on.
"""

from __future__ import annotations

import email.utils
import re
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
from tidings.ingest.document import Hints
from tidings.knowledge import ActorBase, load_actor_base
from tidings.knowledge.periods import day_range
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


def reference_date(article: Article, times: TimeLayer) -> str | None:
    """The date an article's roles are read at (who "the prime minister" was): its publication
    date; else the latest full date it gives ("on 16 March 2005": an article's own days come
    at or near its publication more often than history does; a month or a year alone is as
    often history, "in May 1997"); else a date its input record carries in a shape the
    publication date was not read from (an RFC 2822 or free-form `published`, a dated URL).
    None when there is none: roles stay unresolved."""
    if article.published.value:
        return article.published.value
    days = [
        e.date.value
        for e in times.expressions
        if e.date is not None
        and e.date.value
        and e.date.basis == "explicit"
        and e.date.precision == "day"
    ]
    return max(days) if days else record_date(article.document.hints)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]\d)(?:/([0-3]\d))?/")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def record_date(hints: Hints) -> str | None:
    """A date the input record gives outside an ISO `published`: an RFC 2822 timestamp
    ("Wed, 16 Mar 2005 10:00:00 GMT"), a year in a free-form one ("March 2005"), or the
    /YYYY/MM/DD/ of its URL."""
    if hints.published:
        try:
            return email.utils.parsedate_to_datetime(hints.published).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        stated = _YEAR.search(hints.published)
        if stated:
            return stated.group(1)
    found = _URL_DATE.search(hints.url or "")
    if found is None:
        return None
    year, month, day = found.groups()
    value = f"{year}-{month}-{day}" if day else f"{year}-{month}"
    return value if day_range(value) is not None else None


def extract_parsed(parsed: ParsedArticle, *, base: ActorBase) -> Extracted:
    """The per-article stages after parse, and the contract record. An article not in English
    gets its record with no layers: every stage after parse reads English."""
    if not parsed.article.english:
        record = article_record(parsed)
        empty = (EMPTY_QUOTES, EMPTY_TIMES, EMPTY_PLACES, EMPTY_EVENTS)
        return Extracted(parsed, EMPTY_LAYER, record, *empty)
    # The times layer needs only the parse; it runs first so that an article with no
    # publication date is read at the dates it gives itself.
    times = extract_times(parsed)
    actors = resolve_actors(parsed, base=base, reference_date=reference_date(parsed.article, times))
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
