"""The cross-article step in blocks: what runs inside Spark tasks for the event clusters and
the duplicate groups, and the small driver-side finish of each.

**Event clusters.** Each event mention gets a block key, the link step's own blocking
(`tidings/link/clusters.py`) made into a partition: (type family, status group, source
country, target country, date bucket). The date bucket is the article's publication date in
buckets of `block_days` days, so every mention of one article falls in one bucket. A mention
that lacks a side's country follows a mention of its own article with both countries that it
fits, else goes to the shared block of its family, status group and bucket (dyad ("", "")),
where all such mentions meet; an actorless mention ("the strike") follows the mention the link
step would attach it to. Each block is then linked by `tidings.link.link_events`, unchanged.
What a block cannot see (docs/spark.md): a mention without a full dyad joining another
article's cluster of a full dyad, and two reports of one event published on either side of a
bucket border.

**Duplicates.** The same test as `tidings.link.find_duplicates`, as a join: exact copies are
grouped by their normalised-text key; texts of `MIN_WORDS` words or more are bucketed by their
MinHash LSH band values (the bands and rows of `index_bands`, i.e. the buckets of the
datasketch index), every pair sharing a bucket is verified by the exact Jaccard similarity of
the shingle sets, and the groups are the connected components. This finds exactly the pairs
the local index does, whatever the block borders.
"""

from __future__ import annotations

# The blocking and the join-based duplicate test live in the link stage, where the store's
# incremental link step uses them too; Spark's tasks call them from here.
from tidings.link.blocks import (
    NO_BUCKET,
    SHARED,
    BlockKey,
    blocked_mentions,
    cluster_block,
    cluster_order,
)
from tidings.link.duplicate_bands import (
    candidate_pairs,
    duplicate_groups,
    near_enough,
    text_fingerprint,
)

__all__ = [
    "NO_BUCKET",
    "SHARED",
    "BlockKey",
    "blocked_mentions",
    "candidate_pairs",
    "cluster_block",
    "cluster_order",
    "duplicate_groups",
    "near_enough",
    "text_fingerprint",
]
