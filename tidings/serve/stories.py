"""Stories: articles that report the same events, grouped without chaining.

Two articles are one story when they share a complete event cluster AND enough of what else
they name: the named actors and places of each article (its `entities`), less the cluster's own
two sides, must share at least `MIN_SHARED_NAMES` names and overlap by at least
`MIN_CONTEXT_OVERLAP` in a Jaccard weighted by rarity (a name's weight is log(1 + N / n), N the
stored articles, n those naming it).

The cluster alone is not enough: a generic cluster (a dyad and type with no date, "the UK
consults the US") is shared by articles about anything, and joining every pair of its articles,
then closing over shared articles, chained 263 of the 358 BBC politics and business articles
that share a cluster into one story. Both articles of a pair name the cluster's sides by
construction, so those say nothing; what else the two texts name does, and a name most articles
carry (the prime minister, the country) says little, hence the weights: unweighted, the largest
story was still 48 articles of British politics; weighted, 12 articles of one company's court
case (docs/architecture.md, Serve).
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tidings.serve.db import Reader

# Chosen on 895 BBC politics and business articles: at 0.2 the stories read as one matter each
# (largest 12 articles), at 0.15 a 25-article chain of British politics came back; two outlets'
# reports of one strike in the examples overlap by 0.38.
MIN_CONTEXT_OVERLAP = 0.2
MIN_SHARED_NAMES = 2

_DUPLICATE_GROUPS = """
SELECT g.group_id, bool_and(g.exact) AS exact,
       list({'id': a.id, 'title': a.title, 'outlet': a.outlet, 'published': a.published_value}
            ORDER BY a.seq) AS articles
FROM duplicate_groups g JOIN articles a ON a.id = g.article_id
GROUP BY g.group_id ORDER BY g.group_id
"""
_SHARED_CLUSTERS = """
SELECT c.id, c.source_id, c.target_id, list(DISTINCT m.article_id ORDER BY m.article_id) AS articles
FROM event_clusters c JOIN cluster_members m ON m.cluster_id = c.id
WHERE c.articles > 1 AND c.complete GROUP BY c.id, c.source_id, c.target_id ORDER BY c.id
"""
_NAMES = """
SELECT article_id, list(DISTINCT entity_id) AS names FROM entities
WHERE list_contains($ids::VARCHAR[], article_id) GROUP BY article_id
"""
_NAMING = """
SELECT entity_id, count(DISTINCT article_id) AS articles FROM entities
WHERE list_contains($names::VARCHAR[], entity_id) GROUP BY entity_id
"""
_STORED = "SELECT count(*) AS articles FROM articles"
_ARTICLE_HEADS = """
SELECT id, title, outlet, published_value AS published FROM articles
WHERE list_contains($ids::VARCHAR[], id) ORDER BY published_value NULLS LAST, seq
"""


@dataclass(frozen=True, slots=True)
class SharedCluster:
    """A complete event cluster reported by more than one article."""

    id: str
    sides: frozenset[str]
    articles: tuple[str, ...]


@dataclass(slots=True)
class Story:
    """Articles joined through the clusters that link them (ids, sorted)."""

    articles: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Rarity:
    """How much a shared name says: log(1 + stored articles / articles naming it)."""

    stored: int
    naming: Mapping[str, int]

    def weight(self, name: str) -> float:
        return math.log(1 + self.stored / max(1, self.naming.get(name, 1)))


def same_context(first: frozenset[str], second: frozenset[str], rarity: Rarity) -> bool:
    """True when two articles' other names overlap enough to be about the same thing."""
    shared = first & second
    if len(shared) < MIN_SHARED_NAMES:
        return False
    union = sum(rarity.weight(name) for name in first | second)
    return sum(rarity.weight(name) for name in shared) >= MIN_CONTEXT_OVERLAP * union


def group_stories(
    clusters: Iterable[SharedCluster], names: Mapping[str, frozenset[str]], rarity: Rarity
) -> list[Story]:
    """Stories from shared clusters and each article's named actors and places."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    joined_by: list[tuple[str, str]] = []  # (an article of the edge, the cluster)
    for cluster in clusters:
        for first, second in itertools.combinations(cluster.articles, 2):
            first_names = names.get(first, frozenset()) - cluster.sides
            second_names = names.get(second, frozenset()) - cluster.sides
            if same_context(first_names, second_names, rarity):
                parent[root(second)] = root(first)
                joined_by.append((first, cluster.id))
    stories: dict[str, Story] = {}
    for item in list(parent):
        stories.setdefault(root(item), Story()).articles.append(item)
    for article, cluster_id in joined_by:
        story = stories[root(article)]
        if cluster_id not in story.clusters:
            story.clusters.append(cluster_id)
    for story in stories.values():
        story.articles.sort()
        story.clusters.sort()
    return list(stories.values())


def stories(reader: Reader) -> dict[str, Any]:
    """Duplicate groups (the same copy on several sites) and stories (see the module's doc)."""
    groups = reader.rows(_DUPLICATE_GROUPS)
    for group in groups:
        group["articles"] = [dict(a) for a in group["articles"]]
    clusters = [
        SharedCluster(
            row["id"],
            frozenset(s for s in (row["source_id"], row["target_id"]) if s),
            tuple(row["articles"]),
        )
        for row in reader.rows(_SHARED_CLUSTERS)
    ]
    in_clusters = sorted({a for c in clusters for a in c.articles})
    names = {
        row["article_id"]: frozenset(row["names"])
        for row in reader.rows(_NAMES, {"ids": in_clusters})
    }
    every_name = sorted({name for found in names.values() for name in found})
    naming = {
        row["entity_id"]: int(row["articles"])
        for row in reader.rows(_NAMING, {"names": every_name})
    }
    stored = reader.rows(_STORED)[0]["articles"]
    grouped = group_stories(clusters, names, Rarity(int(stored), naming))
    heads = {
        row["id"]: row
        for row in reader.rows(_ARTICLE_HEADS, {"ids": [a for s in grouped for a in s.articles]})
    }
    found: list[dict[str, Any]] = []
    for story in grouped:
        # heads come in time order; a story lists its articles in that order
        articles = [head for article_id, head in heads.items() if article_id in story.articles]
        found.append({"articles": articles, "clusters": story.clusters})
    found.sort(key=lambda s: (-len(s["clusters"]), json.dumps(s["articles"][:1], default=str)))
    return {"duplicate_groups": groups, "stories": found}
