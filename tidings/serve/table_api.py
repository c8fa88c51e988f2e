"""The API behind the event table: facet counts of a filter, actor suggestions as one types a
name, and the download of exactly the current filter (CSV, JSON lines, GDELT 2.0)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tidings.serve import event_table
from tidings.serve.api import Events, Order, Store
from tidings.serve.csv_lists import EVENT_COLUMNS, csv_response
from tidings.serve.filters import MAX_TEXT
from tidings.serve.queries import SortKey

router = APIRouter(prefix="/api", tags=["api"])


class DownloadFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"


@router.get("/event-facets", summary="How many events of a filter have each type, status, ...")
def event_facets(store: Store, where: Events) -> dict[str, Any]:
    return event_table.facets(store, where)


@router.get("/actor-suggestions", summary="Actors by any part of any name they go by")
def actor_suggestions(
    store: Store,
    q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="Part of a name.")],
) -> dict[str, Any]:
    items = event_table.suggest_actors(store, q)
    return {"total": len(items), "items": items}


@router.get(
    "/events-download",
    summary="Every event of a filter (at most 20,000) as CSV, JSON lines or GDELT",
    response_model=None,
)
def events_download(
    store: Store,
    where: Events,
    form: Annotated[DownloadFormat, Query(alias="format")] = DownloadFormat.csv,
    sort: Annotated[SortKey, Query()] = SortKey.date,
    order: Order = "asc",
) -> Response:
    items = event_table.all_clusters(store, where, sort=sort, descending=order == "desc")
    if form is DownloadFormat.csv:
        return csv_response(items, EVENT_COLUMNS, filename="events.csv")
    if form is DownloadFormat.jsonl:
        return Response(
            "".join(event_table.jsonl_lines(items)),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="events.jsonl"'},
        )
    return Response(
        event_table.gdelt_text(store, items),
        media_type="text/tab-separated-values; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.gdelt.tsv"'},
    )
