"""The event table's reads: facet counts of the current filter (type, status, actor,
outlet), actor suggestions by any name an actor goes by, and every cluster of a filter for a
download (CSV, JSON lines, GDELT). Bound parameters only, as in `queries`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tidings.serve.db import Reader
from tidings.serve.queries import CLUSTER_WHERE, EventFilter, SortKey, actor_names, clusters
from tidings.store.export_clusters import SELECT_MEMBERS_OF, grouped_clusters
from tidings.store.export_gdelt import gdelt_header, gdelt_row, tsv_line
from tidings.store.public_paths import ROOT_QUERY, root_of

# Values listed per facet, most frequent first.
FACET_VALUES = 15
# Clusters a download holds at most; a larger set is what `tidings export` is for.
DOWNLOAD_MAX = 20_000
SUGGESTIONS = 10

_FACETS = f"""
WITH chosen AS (SELECT c.* FROM event_clusters c {CLUSTER_WHERE})
SELECT 'type' AS facet, type AS value, count(*) AS n FROM chosen GROUP BY ALL
UNION ALL
SELECT 'status', status, count(*) FROM chosen GROUP BY ALL
UNION ALL
SELECT 'actor', actor, count(*) FROM (
    SELECT source_id AS actor FROM chosen
    UNION ALL
    SELECT target_id FROM chosen WHERE target_id IS DISTINCT FROM source_id
) WHERE actor IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'outlet', outlet, count(*) FROM (SELECT unnest(outlets) AS outlet FROM chosen)
GROUP BY ALL
ORDER BY facet, n DESC, value
"""

_SUGGEST = """
WITH named AS (
    SELECT entity_id, name, kind, country, unnest(list_append(coalesce(aliases, []), name)) AS alias
    FROM entities
), matched AS (
    SELECT entity_id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
           min(alias) FILTER (WHERE contains(lower(alias), $q)) AS alias,
           count(*) AS mentions,
           bool_or(starts_with(lower(alias), $q)) AS prefix
    FROM named
    WHERE contains(lower(alias), $q) OR lower(entity_id) = $q
    GROUP BY entity_id
)
SELECT entity_id AS id, name, kind, country, alias, mentions FROM matched
ORDER BY prefix DESC, mentions DESC, name
LIMIT $limit
"""


def facets(reader: Reader, where: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """How many clusters of the filter have each type, status, actor (as either side) and
    outlet: the most frequent FACET_VALUES of each; actors with their names."""
    found: dict[str, list[dict[str, Any]]] = {"type": [], "status": [], "actor": [], "outlet": []}
    for row in reader.rows(_FACETS, where.params()):
        values = found[row["facet"]]
        if len(values) < FACET_VALUES:
            values.append({"value": row["value"], "count": int(row["n"])})
    names = actor_names(reader, [v["value"] for v in found["actor"]])
    for value in found["actor"]:
        value["name"] = names.get(value["value"])
    return found


def suggest_actors(reader: Reader, q: str) -> list[dict[str, Any]]:
    """Actors whose name or any alias holds `q` (any case), those starting with it first,
    then the most mentioned: each with its id, which the filters take."""
    text = q.strip().lower()
    if not text:
        return []
    return reader.rows(_SUGGEST, {"q": text, "limit": SUGGESTIONS})


def all_clusters(
    reader: Reader, where: EventFilter, *, sort: SortKey, descending: bool
) -> list[dict[str, Any]]:
    """Every cluster of the filter (at most DOWNLOAD_MAX), in the table's order, named."""
    _, items = clusters(
        reader, where, limit=DOWNLOAD_MAX, offset=0, newest_first=descending, sort=sort
    )
    names = actor_names(reader, [i[k] for i in items for k in ("source_id", "target_id")])
    for item in items:
        item["source_name"] = names.get(item["source_id"] or "")
        item["target_name"] = names.get(item["target_id"] or "")
    return items


def jsonl_lines(items: list[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False, default=str) + "\n"


def gdelt_text(reader: Reader, items: list[dict[str, Any]]) -> str:
    """The GDELT 2.0 event rows of the clusters `items`, in their order, after a header."""
    found = reader.row(ROOT_QUERY)
    root = root_of(found["low"], found["high"]) if found else None
    ids = [item["id"] for item in items]
    rows = reader.rows(SELECT_MEMBERS_OF, {"ids": ids, "include_partial": True})
    by_id = {c.record["id"]: c for c in grouped_clusters(rows, root)}
    lines = [tsv_line(gdelt_row(by_id[i])) for i in ids if i in by_id]
    return gdelt_header() + "".join(lines)
