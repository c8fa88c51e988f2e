"""The JSON API under `/api`: read-only, paged (`limit` at most MAX_LIMIT, `offset`), every
filter a bound parameter. A list answers `{"total", "limit", "offset", "items"}`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from tidings.serve import catalog, queries, series
from tidings.serve.csv_lists import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    STORY_COLUMNS,
    TIMELINE_COLUMNS,
    Format,
    ListFormat,
    csv_response,
)
from tidings.serve.db import Reader, StoreAccess
from tidings.serve.filters import (
    ActorKindFilter,
    Date,
    EventTypeFilter,
    QuoteKindFilter,
    StatusFilter,
    Text,
    check_range,
)
from tidings.serve.queries import Completeness, EventFilter, SortKey
from tidings.serve.series import Period

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Deep offsets cost a scan each; a client that needs everything should use `tidings export`.
MAX_OFFSET = 100_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Complete = Annotated[
    Completeness,
    Query(
        description="true: events some reading gives a source and a target (or a type that "
        "needs none); false: the others (partial readings); all: both."
    ),
]

router = APIRouter(prefix="/api", tags=["api"])


def get_reader(request: Request) -> Iterator[Reader]:
    """The request's reader: it borrows the store at its first query and gives it back when
    the handler returns (scope "function"), before the response is sent, so that a slow
    client never keeps a writer waiting."""
    access: StoreAccess = request.app.state.access
    with access.reader() as reader:
        yield reader


Store = Annotated[Reader, Depends(get_reader, scope="function")]


def event_filter(
    actor: Annotated[
        Text, Query(description="Actor id or ISO3 country, as source or target.")
    ] = None,
    source: Annotated[Text, Query(description="Source actor id or ISO3 country.")] = None,
    target: Annotated[Text, Query(description="Target actor id or ISO3 country.")] = None,
    both_directions: Annotated[
        bool, Query(description="With source and target: the dyad both ways.")
    ] = False,
    type: EventTypeFilter = None,
    status: StatusFilter = None,
    date_from: Annotated[Date, Query(alias="from")] = None,
    date_to: Annotated[Date, Query(alias="to")] = None,
    outlet: Annotated[Text, Query(description="An outlet that reported it (any case).")] = None,
    q: Annotated[Text, Query(description="Words in an evidence sentence (any case).")] = None,
    location: Annotated[Text, Query(description="The place's name (any case).")] = None,
    complete: Complete = Completeness.true,
) -> EventFilter:
    check_range(date_from, date_to)
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        both_directions=both_directions,
        type=type,
        status=status,
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        q=q,
        location=location,
        complete=complete,
    )


Events = Annotated[EventFilter, Depends(event_filter)]


Answer = dict[str, Any] | Response
Order = Annotated[str, Query(pattern="^(asc|desc)$", description="Ascending or descending.")]


def _page(
    total: int,
    items: list[dict[str, Any]],
    limit: int,
    offset: int,
    *,
    form: ListFormat = ListFormat.json,
    columns: tuple[str, ...] = (),
) -> Answer:
    """A page of a list: JSON `{"total", "limit", "offset", "items"}`, or the items as CSV."""
    if form is ListFormat.csv:
        return csv_response(items, columns)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {key!r}")


@router.get("/articles", summary="Articles, newest first", response_model=None)
def list_articles(
    store: Store,
    form: Format = ListFormat.json,
    outlet: Text = None,
    q: Annotated[Text, Query(description="Words in the title or text.")] = None,
    actor: Annotated[Text, Query(description="An actor id the article mentions.")] = None,
    date_from: Annotated[Date, Query(alias="from")] = None,
    date_to: Annotated[Date, Query(alias="to")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Answer:
    total, items = catalog.articles(
        store,
        outlet=outlet,
        q=q,
        actor=actor,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )
    return _page(total, items, limit, offset, form=form, columns=ARTICLE_COLUMNS)


@router.get("/articles/{article_id:path}", summary="One article: text, actors, events, quotes")
def get_article(
    article_id: str, store: Store, complete: Complete = Completeness.true
) -> dict[str, Any]:
    found = catalog.article(store, article_id, complete=complete.flag())
    if found is None:
        raise _not_found("article", article_id)
    return found


@router.get("/events", summary="Event clusters (one per real-world event)", response_model=None)
def list_events(
    store: Store,
    where: Events,
    sort: Annotated[SortKey, Query(description="The column to sort on.")] = SortKey.date,
    order: Order = "asc",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    form: Format = ListFormat.json,
) -> Answer:
    total, items = queries.clusters(
        store, where, limit=limit, offset=offset, newest_first=order == "desc", sort=sort
    )
    names = queries.actor_names(store, [i[k] for i in items for k in ("source_id", "target_id")])
    for item in items:
        item["source_name"] = names.get(item["source_id"] or "")
        item["target_name"] = names.get(item["target_id"] or "")
    return _page(total, items, limit, offset, form=form, columns=EVENT_COLUMNS)


@router.get(
    "/events/{cluster_id}",
    summary="One event: reports, evidence, disagreements, links (an old id redirects, 308)",
    response_model=None,
)
def get_event(cluster_id: str, store: Store) -> Answer:
    found = queries.cluster(store, cluster_id)
    if found is None:
        successor = queries.successor_id(store, cluster_id)
        if successor is not None:
            return RedirectResponse(f"/api/events/{quote(successor, safe='')}", status_code=308)
        raise _not_found("event", cluster_id)
    return found


@router.get("/actors", summary="Actors, most active first", response_model=None)
def list_actors(
    store: Store,
    form: Format = ListFormat.json,
    q: Annotated[Text, Query(description="Part of the name or id.")] = None,
    kind: ActorKindFilter = None,
    country: Annotated[Text, Query(description="ISO3 country.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Answer:
    total, items = catalog.actors(
        store, q=q, kind=kind, country=country, limit=limit, offset=offset
    )
    return _page(total, items, limit, offset, form=form, columns=ACTOR_COLUMNS)


@router.get("/actors/{actor_id:path}", summary="One actor: aliases, quotes, events, counterparts")
def get_actor(actor_id: str, store: Store) -> dict[str, Any]:
    found = catalog.actor(store, actor_id)
    if found is None:
        raise _not_found("actor", actor_id)
    _, found["events"] = queries.clusters(
        store, EventFilter(actor=actor_id), limit=MAX_LIMIT, offset=0, newest_first=True
    )
    _, found["quotes"] = catalog.quotes(
        store, speaker=actor_id, kind=None, q=None, date_from=None, limit=MAX_LIMIT, offset=0
    )
    return found


@router.get("/quotes", summary="Quotes, by speaker", response_model=None)
def list_quotes(
    store: Store,
    form: Format = ListFormat.json,
    speaker: Annotated[Text, Query(description="Speaker id, or part of the name.")] = None,
    kind: QuoteKindFilter = None,
    q: Annotated[Text, Query(description="Words in the statement.")] = None,
    date_from: Annotated[Date, Query(alias="from")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Answer:
    total, items = catalog.quotes(
        store, speaker=speaker, kind=kind, q=q, date_from=date_from, limit=limit, offset=offset
    )
    return _page(total, items, limit, offset, form=form, columns=QUOTE_COLUMNS)


@router.get(
    "/stories",
    summary="Duplicate articles, and articles that report the same events",
    response_model=None,
)
def list_stories(
    store: Store,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    form: Format = ListFormat.json,
) -> Answer:
    found = catalog.stories(store)
    items = found["stories"][offset : offset + limit]
    if form is ListFormat.csv:
        return csv_response(items, STORY_COLUMNS)
    return {
        "total": len(found["stories"]),
        "limit": limit,
        "offset": offset,
        "items": items,
        "duplicate_groups": found["duplicate_groups"],
    }


@router.get(
    "/timeline", summary="Events and mean Goldstein intensity per period", response_model=None
)
def get_timeline(
    store: Store,
    where: Events,
    period: Annotated[Period, Query()] = Period.month,
    form: Format = ListFormat.json,
) -> Answer:
    found = series.timeline(store, where, period=period)
    if form is ListFormat.csv:
        return csv_response(found["series"], TIMELINE_COLUMNS)
    return found


@router.get("/places", summary="Where the events happened (for the map)", response_model=None)
def list_places(store: Store, where: Events, form: Format = ListFormat.json) -> Answer:
    items = series.places(store, where)
    if form is ListFormat.csv:
        return csv_response(items, PLACE_COLUMNS)
    return {"total": len(items), "items": items}
