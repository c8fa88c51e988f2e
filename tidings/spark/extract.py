"""The executor side of the per-article stages: one Spark partition of input paths through
`extract_stream`, out as tagged table rows.

Everything here runs inside a Python worker. The spaCy model, the actor base and the
gazetteer are loaded by the stages themselves on first use and cached for the life of the
worker process (`load_model`, `load_actor_base` are `lru_cache`d), and PySpark reuses its
workers between tasks (`spark.python.worker.reuse`, on by default), so each executor core
loads the model once, not once per partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from tidings.errors import InputRejected
from tidings.pipeline import extract_stream
from tidings.settings import Settings
from tidings.spark.rows import Row, article_rows

# The tag of a rejected input's row: (path, reason).
REJECTED = "_rejected"

# A tagged row: (table, order, row). `order` is (index of the partition's first input, place
# of the article in the partition's stream); partitions hold consecutive inputs, so sorting by
# it gives the order in which `tidings run` would have met the articles.
Tagged = tuple[str, tuple[int, int], Row]


def extract_partition(
    inputs: Iterable[tuple[int, str]], *, settings: Settings, now: datetime
) -> Iterator[Tagged]:
    """Rows of every table for the articles of `inputs` ((index, path) pairs, in order)."""
    listed = list(inputs)
    if not listed:
        return
    first = listed[0][0]
    place = 0
    for item in extract_stream([path for _index, path in listed], settings=settings):
        if isinstance(item, InputRejected):
            yield REJECTED, (first, place), (item.path, item.reason)
            continue
        order = (first, place)
        place += 1
        for table, row in article_rows(item.parsed, item.record, now=now):
            yield table, order, row
