"""Read queries over articles, actors, quotes and stories (bound parameters only). Event counts
and stories count complete events only (a known source and target; docs/schema.md). Stories are
grouped in tidings/serve/stories.py."""

from __future__ import annotations

from typing import Any

from tidings.serve.db import Reader
from tidings.serve.stories import stories as stories  # the pages and the API ask here
from tidings.store.public_paths import ROOT_QUERY, public_path, root_of

_ARTICLES = """
SELECT a.id, a.title, a.outlet, a.published_value AS published, a.byline, d.url,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.complete) AS events,
       count(*) OVER () AS total
FROM articles a LEFT JOIN documents d ON d.id = a.document_id
WHERE ($outlet IS NULL OR lower(a.outlet) = $outlet)
  AND ($q IS NULL OR contains(lower(coalesce(a.title, '')), $q) OR contains(lower(a.text), $q))
  AND ($actor IS NULL OR EXISTS (SELECT 1 FROM entities n
                                 WHERE n.article_id = a.id AND lower(n.entity_id) = $actor))
  AND ($date_from IS NULL OR a.published_value >= $date_from
       OR starts_with($date_from, a.published_value))
  AND ($date_to IS NULL OR a.published_value <= $date_to
       OR starts_with(a.published_value, $date_to))
ORDER BY a.published_value DESC NULLS LAST, a.seq
LIMIT $limit OFFSET $offset
"""

_ARTICLE = """
SELECT a.id, a.seq, a.title, a.outlet, a.published_value AS published,
       a.published_precision, a.published_basis, a.byline, a.dateline, a.captions, a.text,
       d.url, d.path
FROM articles a LEFT JOIN documents d ON d.id = a.document_id
WHERE a.id = $id
"""

_ARTICLE_ENTITIES = """
SELECT entity_id AS id, name, kind, country, role, sector, known
FROM entities WHERE article_id = $id ORDER BY seq
"""
_ARTICLE_EVENTS = """
SELECT e.event_id, e.type, e.mode, e.status, e.goldstein, e.source_id, e.source_name,
       e.target_id, e.target_name, e.date_value, e.location_name, e.trigger,
       e.evidence_start, e.evidence_end, e.sentence, e.complete, m.cluster_id
FROM events e LEFT JOIN cluster_members m ON m.event_id = e.event_id
WHERE e.article_id = $id AND ($complete IS NULL OR e.complete = $complete) ORDER BY e.seq
"""
_ARTICLE_QUOTES = """
SELECT seq, kind, text, span_start, span_end, speaker, speaker_id, via, date_value, statement
FROM quotes WHERE article_id = $id ORDER BY seq
"""
_ARTICLE_DUPLICATES = """
SELECT g.group_id, g.exact, o.article_id, a.title, a.outlet
FROM duplicate_groups g JOIN duplicate_groups o ON o.group_id = g.group_id
LEFT JOIN articles a ON a.id = o.article_id
WHERE g.article_id = $id AND o.article_id <> $id
"""

_ACTORS = """
WITH seen AS (
    SELECT entity_id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
           count(DISTINCT article_id) AS articles
    FROM entities GROUP BY entity_id
), acting AS (
    SELECT actor, count(*) AS events FROM (
        SELECT source_id AS actor FROM event_clusters WHERE source_id IS NOT NULL AND complete
        UNION ALL
        SELECT target_id FROM event_clusters WHERE target_id IS NOT NULL AND complete
    ) GROUP BY actor
)
SELECT s.entity_id AS id, s.name, s.kind, s.country, s.articles,
       coalesce(x.events, 0) AS events, count(*) OVER () AS total
FROM seen s LEFT JOIN acting x ON x.actor = s.entity_id
WHERE ($q IS NULL OR contains(lower(s.name), $q) OR contains(lower(s.entity_id), $q))
  AND ($kind IS NULL OR s.kind = $kind)
  AND ($country IS NULL OR lower(s.country) = $country)
ORDER BY coalesce(x.events, 0) + s.articles DESC, s.name
LIMIT $limit OFFSET $offset
"""

_ACTOR = """
SELECT entity_id AS id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
       mode(role) AS role, mode(sector) AS sector, bool_or(known) AS known,
       list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
       count(DISTINCT article_id) AS articles
FROM entities WHERE entity_id = $id GROUP BY entity_id
"""
_ACTOR_ARTICLES = """
SELECT a.id, a.title, a.outlet, a.published_value AS published
FROM entities n JOIN articles a ON a.id = n.article_id
WHERE n.entity_id = $id
ORDER BY a.published_value DESC NULLS LAST, a.seq
LIMIT $limit
"""
_COUNTERPARTS = """
SELECT CASE WHEN source_id = $id THEN target_id ELSE source_id END AS other,
       count(*) AS events
FROM event_clusters
WHERE (source_id = $id OR target_id = $id) AND complete
  AND CASE WHEN source_id = $id THEN target_id ELSE source_id END IS NOT NULL
GROUP BY other ORDER BY events DESC, other LIMIT 12
"""

_QUOTES = """
SELECT q.article_id, q.seq, q.kind, q.text, q.statement, q.speaker, q.speaker_id, q.via,
       coalesce(q.date_value, a.published_value) AS date, a.title, a.outlet,
       count(*) OVER () AS total
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE ($speaker IS NULL OR lower(q.speaker_id) = $speaker
       OR contains(lower(coalesce(q.speaker, '')), $speaker))
  AND ($kind IS NULL OR q.kind = $kind)
  AND ($q IS NULL OR contains(lower(coalesce(q.statement, q.text)), $q))
  AND ($date_from IS NULL OR coalesce(q.date_value, a.published_value) >= $date_from)
ORDER BY date DESC NULLS LAST, a.seq, q.seq
LIMIT $limit OFFSET $offset
"""


def input_root(reader: Reader) -> str | None:
    """The folder every stored path is shown relative to (no absolute path goes out)."""
    found = reader.row(ROOT_QUERY)
    return root_of(found["low"], found["high"]) if found else None


def _total(rows: list[dict[str, Any]]) -> int:
    total = int(rows[0].pop("total")) if rows else 0
    for row in rows[1:]:
        row.pop("total")
    return total


def _lowered(**values: str | None) -> dict[str, str | None]:
    return {k: (v.strip().lower() or None) if v else None for k, v in values.items()}


def articles(
    reader: Reader,
    *,
    outlet: str | None,
    q: str | None,
    actor: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    params = {
        **_lowered(outlet=outlet, q=q, actor=actor),
        "date_from": date_from or None,
        "date_to": date_to or None,
        "limit": limit,
        "offset": offset,
    }
    rows = reader.rows(_ARTICLES, params)
    return _total(rows), rows


def article(
    reader: Reader, article_id: str, *, complete: bool | None = True
) -> dict[str, Any] | None:
    """One article with its actors, quotes, duplicates and events: complete readings only by
    default (`complete` False: partial ones only, None: both)."""
    found = reader.row(_ARTICLE, {"id": article_id})
    if found is None:
        return None
    found["captions"] = list(found["captions"] or [])
    found["path"] = public_path(found["path"], input_root(reader))
    found["entities"] = reader.rows(_ARTICLE_ENTITIES, {"id": article_id})
    found["events"] = reader.rows(_ARTICLE_EVENTS, {"id": article_id, "complete": complete})
    found["quotes"] = reader.rows(_ARTICLE_QUOTES, {"id": article_id})
    found["duplicates"] = reader.rows(_ARTICLE_DUPLICATES, {"id": article_id})
    return found


def actors(
    reader: Reader,
    *,
    q: str | None,
    kind: str | None,
    country: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    params = {**_lowered(q=q, country=country), "kind": kind or None}
    rows = reader.rows(_ACTORS, {**params, "limit": limit, "offset": offset})
    return _total(rows), rows


def actor(reader: Reader, actor_id: str, *, articles_limit: int = 50) -> dict[str, Any] | None:
    """One actor: names, aliases, articles and the actors it dealt with most. Its events and
    quotes come from `clusters` and `quotes`, which page."""
    found = reader.row(_ACTOR, {"id": actor_id})
    if found is None:
        return None
    found["aliases"] = list(found["aliases"] or [])
    found["recent_articles"] = reader.rows(
        _ACTOR_ARTICLES, {"id": actor_id, "limit": articles_limit}
    )
    found["counterparts"] = reader.rows(_COUNTERPARTS, {"id": actor_id})
    return found


def quotes(
    reader: Reader,
    *,
    speaker: str | None,
    kind: str | None,
    q: str | None,
    date_from: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    params = {
        **_lowered(speaker=speaker, q=q),
        "kind": kind or None,
        "date_from": date_from or None,
        "limit": limit,
        "offset": offset,
    }
    rows = reader.rows(_QUOTES, params)
    return _total(rows), rows
