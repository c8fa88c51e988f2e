"""Writing a store in short holds: a stream of articles stored a batch per transaction.

A crash loses at most the batch being gathered; every batch already written stays committed,
and a rerun skips what is there by content id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tidings.store.link_rows import ArticleLinkRows
from tidings.store.rows import HasArticle
from tidings.store.store import AddResult, Store


class BatchWriter:
    """Stores articles `batch_size` at a time. Call `flush()` at the end for the remainder.

    `store` is an open store, or a function that opens one: the writer then opens the store
    for each batch and closes it again, so that other processes may read it between batches
    (`tidings run`)."""

    def __init__(self, store: Store | Callable[[], Store], *, batch_size: int) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self._store = store
        self._batch_size = batch_size
        self._pending: list[tuple[HasArticle, dict[str, Any]]] = []
        self._link_rows: list[ArticleLinkRows] = []
        self.total = AddResult()

    def put(
        self, parsed: HasArticle, record: dict[str, Any], link_rows: ArticleLinkRows | None = None
    ) -> None:
        """Queue one article with its contract record (and its link inputs); store the batch
        when it is full."""
        self._pending.append((parsed, record))
        if link_rows is not None:
            self._link_rows.append(link_rows)
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> AddResult:
        """Store what is queued, in one transaction; return what that wrote."""
        batch, self._pending = self._pending, []
        link_rows, self._link_rows = self._link_rows, []
        if not batch:
            return AddResult()
        if isinstance(self._store, Store):
            result = self._store.add(batch, link_rows=link_rows)
        else:
            with self._store() as store:
                result = store.add(batch, link_rows=link_rows)
        self.total = self.total + result
        return result
