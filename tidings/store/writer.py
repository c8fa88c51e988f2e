"""Batching for a stream of articles: gather them, and store each full batch in one transaction.

A crash loses at most the batch being gathered; every batch already written stays committed,
and a rerun skips what is there by content id.
"""

from __future__ import annotations

from typing import Any

from tidings.store.rows import HasArticle
from tidings.store.store import AddResult, Store


class BatchWriter:
    """Stores articles `batch_size` at a time. Call `flush()` at the end for the remainder."""

    def __init__(self, store: Store, *, batch_size: int) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self._store = store
        self._batch_size = batch_size
        self._pending: list[tuple[HasArticle, dict[str, Any]]] = []
        self.total = AddResult()

    def put(self, parsed: HasArticle, record: dict[str, Any]) -> None:
        """Queue one article with its contract record; store the batch when it is full."""
        self._pending.append((parsed, record))
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> AddResult:
        """Store what is queued, in one transaction; return what that wrote."""
        batch, self._pending = self._pending, []
        result = self._store.add(batch)
        self.total = self.total + result
        return result
