"""The web pages: server-rendered templates over the same queries as the API.

/                       timeline of events (filters, search), newest first
/events/{id}            one event: each report's evidence marked in its article
/events/{id}/compare    the outlets side by side, with their disagreements
/articles, /articles/{id}, /actors, /actors/{id}
/dyad                   conflict and cooperation between two actors over time
/map                    where the events happened
/stories, /search
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.serve import catalog, charts, queries, series
from tidings.serve.api import DEFAULT_LIMIT, MAX_LIMIT, Events, Limit, Offset, Store
from tidings.serve.filters import ActorKindFilter, Date, Text
from tidings.serve.highlight import around_marks, paragraphs
from tidings.serve.pages import templates
from tidings.serve.queries import EventFilter
from tidings.serve.series import Period

router = APIRouter(include_in_schema=False)

# Events listed on an actor page and found by the search page.
ACTOR_EVENTS = 100
SEARCH_ITEMS = 20


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _named(store: Store, items: list[dict[str, Any]]) -> dict[str, str]:
    return queries.actor_names(store, [i[k] for i in items for k in ("source_id", "target_id")])


@router.get("/", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    store: Store,
    where: Events,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    total, items = queries.clusters(store, where, limit=limit, offset=offset, newest_first=True)
    months = series.timeline(store, where, period=Period.month)
    return _page(
        request,
        "timeline.html",
        title="Timeline",
        where=where,
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        names=_named(store, items),
        chart=charts.series_chart(months["series"]),
        undated=months["undated"],
        pairs=where.query_string_pairs(),
    )


def _by_article(store: Store, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports of a cluster grouped by article, in report order: each article once, its
    text cut into paragraphs with the evidence of every reading of it marked."""
    groups: dict[str, dict[str, Any]] = {}
    for member in members:
        key = member["article_id"]
        if key not in groups:
            keys = ("article_id", "title", "outlet", "published_value")
            groups[key] = {**{k: member[k] for k in keys}, "readings": []}
        groups[key]["readings"].append(member)
    for key, group in groups.items():
        article = store.row("SELECT text FROM articles WHERE id = $id", {"id": key})
        spans = [(m["evidence_start"], m["evidence_end"], m["event_id"]) for m in group["readings"]]
        found = paragraphs(article["text"] if article else "", spans)
        group["paragraphs"] = found
        group["context"] = around_marks(found, context=1)
    return list(groups.values())


def _moved(request: Request, store: Store, cluster_id: str, suffix: str = "") -> Response:
    """A redirect (308) from an id that vanished on a relink to the cluster holding most of
    its reports now, or a 404 when the id was never a cluster."""
    successor = queries.successor_id(store, cluster_id)
    if successor is None:
        raise HTTPException(status_code=404, detail=f"no event with id {cluster_id!r}")
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/events/{quote(successor, safe='')}{suffix}{query}", 308)


@router.get("/events/{cluster_id}", response_class=HTMLResponse, response_model=None)
def event_page(request: Request, cluster_id: str, store: Store) -> Response:
    record = queries.cluster(store, cluster_id)
    if record is None:
        return _moved(request, store, cluster_id)
    members = record["members"]
    ids = [
        record["source"].get("id") if record["source"] else None,
        record["target"].get("id") if record["target"] else None,
    ]
    ids += [m[k] for m in members for k in ("source_id", "target_id", "said_by")]
    statuses = Counter(m["status"] for m in members if m["status"])
    coded = Counter(m["cameo"] for m in members if m["cameo"])
    cameo = max(coded, key=lambda c: coded[c]) if coded else None
    goldstein = next((m["goldstein"] for m in members if m["cameo"] == cameo), None)
    return _page(
        request,
        "event.html",
        title=f"{record['type']} event",
        record=record,
        reports=len(members),
        groups=_by_article(store, members),
        names=queries.actor_names(store, ids),
        # reports that give the event different statuses (occurred against claimed)
        statuses=statuses.most_common(),
        cameo=cameo,
        goldstein=goldstein,
    )


@router.get("/events/{cluster_id}/compare", response_class=HTMLResponse, response_model=None)
def compare_page(request: Request, cluster_id: str, store: Store) -> Response:
    record = queries.cluster(store, cluster_id)
    if record is None:
        return _moved(request, store, cluster_id, "/compare")
    members = record["members"]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for disagreement in record["discrepancies"]:
        for value in disagreement["values"]:
            said = by_article.setdefault(value["article_id"], [])
            claim = {"field": disagreement["field"], "text": value["text"]}
            if claim not in said:
                said.append(claim)
    ids = [m[k] for m in members for k in ("source_id", "target_id")]
    return _page(
        request,
        "compare.html",
        title="Compare outlets",
        record=record,
        reports=len(members),
        groups=_by_article(store, members),
        claims=by_article,
        names=queries.actor_names(store, ids),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    store: Store,
    outlet: Text = None,
    q: Text = None,
    actor: Text = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    total, items = catalog.articles(
        store,
        outlet=outlet,
        q=q,
        actor=actor,
        date_from=None,
        date_to=None,
        limit=limit,
        offset=offset,
    )
    pairs = [(k, v) for k, v in (("outlet", outlet), ("q", q), ("actor", actor)) if v]
    return _page(
        request,
        "articles.html",
        title="Articles",
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        pairs=pairs,
        outlet=outlet,
        q=q,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    store: Store,
    event: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    found = catalog.article(store, article_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    chosen = [e for e in found["events"] if e["event_id"] == event] or found["events"]
    spans = [(e["evidence_start"], e["evidence_end"], e["event_id"]) for e in chosen]
    return _page(
        request,
        "article.html",
        title=found["title"] or "Article",
        article=found,
        paragraphs=paragraphs(found["text"], spans),
        chosen=event,
        url=found["url"],
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    store: Store,
    q: Text = None,
    kind: ActorKindFilter = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    total, items = catalog.actors(store, q=q, kind=kind, country=None, limit=limit, offset=offset)
    pairs = [(k, v) for k, v in (("q", q), ("kind", kind)) if v]
    return _page(
        request,
        "actors.html",
        title="Actors",
        items=items,
        total=total,
        limit=limit,
        offset=offset,
        pairs=pairs,
        q=q,
        kind=kind,
    )


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store: Store) -> HTMLResponse:
    found = catalog.actor(store, actor_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no actor with id {actor_id!r}")
    where = EventFilter(actor=actor_id)
    total, events = queries.clusters(store, where, limit=ACTOR_EVENTS, offset=0, newest_first=True)
    _, quotes = catalog.quotes(
        store, speaker=actor_id, kind=None, q=None, date_from=None, limit=MAX_LIMIT, offset=0
    )
    months = series.timeline(store, where, period=Period.month)
    names = _named(store, events)
    names.update(queries.actor_names(store, [c["other"] for c in found["counterparts"]]))
    return _page(
        request,
        "actor.html",
        title=found["name"],
        actor=found,
        events=events,
        events_total=total,
        quotes=quotes,
        names=names,
        chart=charts.series_chart(months["series"]),
    )


def _top_dyad(store: Store) -> tuple[str | None, str | None]:
    """The pair of actors most reported together, either way round (the dyad page's default,
    which shows both directions): the most reports over their complete events, then the
    most events. The source of its most reported direction comes first."""
    found = store.row(
        """
        SELECT arg_max(c.source_id, r.reports) AS source_id,
               arg_max(c.target_id, r.reports) AS target_id
        FROM event_clusters c
        JOIN (SELECT cluster_id, count(*) AS reports FROM cluster_members GROUP BY ALL) r
          ON r.cluster_id = c.id
        WHERE c.source_id IS NOT NULL AND c.target_id IS NOT NULL AND c.complete
          AND c.source_id <> c.target_id
        GROUP BY least(c.source_id, c.target_id), greatest(c.source_id, c.target_id)
        ORDER BY sum(r.reports) DESC, count(*) DESC,
                 least(c.source_id, c.target_id), greatest(c.source_id, c.target_id)
        LIMIT 1
        """
    )
    return (found["source_id"], found["target_id"]) if found else (None, None)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    store: Store,
    source: Text = None,
    target: Text = None,
    both_directions: bool = True,
    period: Period = Period.month,
) -> HTMLResponse:
    if not source and not target:
        source, target = _top_dyad(store)
    where = EventFilter(source=source, target=target, both_directions=both_directions)
    found = series.timeline(store, where, period=period)
    total, events = queries.clusters(store, where, limit=MAX_LIMIT, offset=0, newest_first=True)
    names = _named(store, events)
    names.update(queries.actor_names(store, [source, target]))
    return _page(
        request,
        "dyad.html",
        title="Dyad",
        source=source,
        target=target,
        both_directions=both_directions,
        period=period.value,
        timeline=found,
        chart=charts.series_chart(found["series"]),
        events=events,
        total=total,
        names=names,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: Store, where: Events) -> HTMLResponse:
    points = charts.map_points(series.places(store, where))
    return _page(
        request,
        "map.html",
        title="Map",
        points=points,
        land=charts.land_dots(),
        region=charts.region(points),
        graticule=charts.graticule(),
        width=charts.MAP_WIDTH,
        height=charts.MAP_HEIGHT,
        where=where,
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: Store) -> HTMLResponse:
    return _page(request, "stories.html", title="Stories", **catalog.stories(store))


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: Store,
    q: Text = None,
    date_from: Annotated[Date, Query(alias="from")] = None,
) -> HTMLResponse:
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    counts = {"events": 0, "articles": 0, "actors": 0, "quotes": 0}
    if q and q.strip():
        where = EventFilter(q=q, date_from=date_from)
        counts["events"], events = queries.clusters(store, where, limit=SEARCH_ITEMS, offset=0)
        counts["articles"], articles = catalog.articles(
            store,
            outlet=None,
            q=q,
            actor=None,
            date_from=date_from,
            date_to=None,
            limit=SEARCH_ITEMS,
            offset=0,
        )
        counts["actors"], actors = catalog.actors(
            store, q=q, kind=None, country=None, limit=SEARCH_ITEMS, offset=0
        )
        counts["quotes"], quotes = catalog.quotes(
            store,
            speaker=None,
            kind=None,
            q=q,
            date_from=date_from,
            limit=SEARCH_ITEMS,
            offset=0,
        )
    return _page(
        request,
        "search.html",
        title="Search",
        q=q or "",
        events=events,
        articles=articles,
        actors=actors,
        quotes=quotes,
        counts=counts,
        names=_named(store, events),
    )
