"""The event table page (`/table`): the events of a filter as a sortable table, with facet
counts, paging, and a download of exactly the filter (CSV, JSON lines, GDELT). An actor is
picked by name: the form's `actor_name` is resolved to the id of the actor it names best
(the page's script suggests as one types), and the filter itself holds the id."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from tidings.serve import event_table, queries
from tidings.serve.api import DEFAULT_LIMIT, Events, Limit, Offset, Order, Store
from tidings.serve.filters import Text
from tidings.serve.pages import templates
from tidings.serve.queries import SortKey

router = APIRouter(include_in_schema=False)

COLUMNS = (
    (SortKey.date, "Date"),
    (SortKey.type, "Type"),
    (SortKey.source, "Source"),
    (SortKey.target, "Target"),
    (SortKey.status, "Status"),
    (SortKey.place, "Place"),
    (SortKey.outlets, "Outlets"),
    (SortKey.reports, "Reports"),
)


@router.get("/table", response_class=HTMLResponse)
def table_page(
    request: Request,
    store: Store,
    where: Events,
    actor_name: Annotated[Text, Query(description="An actor's name, resolved to its id.")] = None,
    sort: Annotated[SortKey, Query()] = SortKey.date,
    order: Order = "desc",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    if actor_name and not where.actor:
        found = event_table.suggest_actors(store, actor_name)
        # no such actor: an id nobody has, so the table is honestly empty
        where = dataclasses.replace(where, actor=found[0]["id"] if found else actor_name)
    descending = order == "desc"
    total, items = queries.clusters(
        store, where, limit=limit, offset=offset, newest_first=descending, sort=sort
    )
    names = queries.actor_names(store, [i[k] for i in items for k in ("source_id", "target_id")])
    names.update(queries.actor_names(store, [where.actor, where.source, where.target]))
    pairs = where.query_string_pairs()
    sorted_pairs = [*pairs, ("sort", sort.value), ("order", order)]
    return templates.TemplateResponse(
        request,
        "table.html",
        {
            "title": "Events table",
            "where": where,
            "items": items,
            "total": total,
            "limit": limit,
            "offset": offset,
            "names": names,
            "facets": event_table.facets(store, where),
            "columns": COLUMNS,
            "sort": sort.value,
            "order": order,
            "pairs": sorted_pairs,
            "filter_pairs": pairs,
            "sort_links": _sort_links(pairs, sort, order),
            "downloads": {
                form: "/api/events-download?" + urlencode([*sorted_pairs, ("format", form)])
                for form in ("csv", "jsonl", "gdelt")
            },
        },
    )


def _sort_links(pairs: list[tuple[str, str]], sort: SortKey, order: str) -> dict[str, Any]:
    """For each column, the link that sorts on it: the other way round when it is the sort
    already, else descending for counts and dates, ascending for names."""
    links = {}
    for key, _ in COLUMNS:
        if key is sort:
            direction = "asc" if order == "desc" else "desc"
        else:
            direction = "desc" if key in (SortKey.date, SortKey.outlets, SortKey.reports) else "asc"
        links[key.value] = "/table?" + urlencode(
            [*pairs, ("sort", key.value), ("order", direction)]
        )
    return links
