"""Pipeline records turned into the store's rows, and stored rows back into records.

Rows are written column by column: each column of a batch is one bound list, and the insert
unnests the lists side by side. That is one round trip per table per batch; DuckDB's
`executemany` makes one per row and is some forty times slower on 2,000 articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tidings.clean.article import Article, RemovedLine
from tidings.ingest.document import Document


class HasArticle(Protocol):
    """What the store needs of a pipeline item: its Article (a `ParsedArticle`, or an item
    that came back from a worker process without its spaCy Doc)."""

    @property
    def article(self) -> Article: ...


Batch = Sequence[tuple[HasArticle, dict[str, Any]]]

INSERT_DOCUMENTS = """
INSERT INTO documents (id, path, url, format, encoding, record_id, first_seen)
SELECT unnest($id::VARCHAR[]), unnest($path::VARCHAR[]), unnest($url::VARCHAR[]),
       unnest($format::VARCHAR[]), unnest($encoding::VARCHAR[]), unnest($record_id::VARCHAR[]),
       $now::TIMESTAMP
"""

INSERT_ARTICLES = """
INSERT INTO articles (id, seq, document_id, part, title, published_value, published_precision,
                      published_basis, outlet, byline, dateline, captions, removed, text, record,
                      stored_at, language, language_confidence)
SELECT unnest($id::VARCHAR[]), unnest($seq::BIGINT[]), unnest($document_id::VARCHAR[]),
       unnest($part::INTEGER[]), unnest($title::VARCHAR[]), unnest($published_value::VARCHAR[]),
       unnest($published_precision::VARCHAR[]), unnest($published_basis::VARCHAR[]),
       unnest($outlet::VARCHAR[]), unnest($byline::VARCHAR[]), unnest($dateline::VARCHAR[]),
       unnest($captions::VARCHAR[][]), unnest($removed::VARCHAR[])::JSON,
       unnest($text::VARCHAR[]), unnest($record::VARCHAR[])::JSON, $now::TIMESTAMP,
       unnest($language::VARCHAR[]), unnest($language_confidence::DOUBLE[])
"""

# The columns of `articles` that `StoredArticle` holds, in its field order.
ARTICLE_FIELDS = (
    "id, seq, document_id, part, title, published_value, published_precision, published_basis, "
    "outlet, byline, dateline, captions, removed, text, record, stored_at"
)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """One row of `articles`, as stored. `record` is the contract line of `tidings extract`."""

    id: str
    seq: int
    document_id: str
    part: int
    title: str | None
    published_value: str | None
    published_precision: str | None
    published_basis: str
    outlet: str | None
    byline: str | None
    dateline: str | None
    captions: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    text: str
    record: dict[str, Any]
    stored_at: datetime

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> StoredArticle:
        (id_, seq, document_id, part, title, value, precision, basis, outlet, byline, dateline,
         captions, removed, text, record, stored_at) = row  # fmt: skip
        return cls(
            id=id_,
            seq=seq,
            document_id=document_id,
            part=part,
            title=title,
            published_value=value,
            published_precision=precision,
            published_basis=basis,
            outlet=outlet,
            byline=byline,
            dateline=dateline,
            captions=tuple(captions),
            removed=tuple(RemovedLine(**line) for line in json.loads(removed)),
            text=text,
            record=json.loads(record),
            stored_at=stored_at,
        )


def unique_documents(batch: Batch) -> list[Document]:
    """The batch's documents, each once, in order of first appearance."""
    seen: dict[str, Document] = {}
    for parsed, _record in batch:
        document = parsed.article.document
        seen.setdefault(document.sha256, document)
    return list(seen.values())


def unique_articles(batch: Batch) -> list[tuple[Article, dict[str, Any]]]:
    """The batch's articles, each id once (the first wins), in order."""
    seen: dict[str, tuple[Article, dict[str, Any]]] = {}
    for parsed, record in batch:
        seen.setdefault(parsed.article.id, (parsed.article, record))
    return list(seen.values())


def document_columns(documents: Iterable[Document], *, now: datetime) -> dict[str, Any]:
    """Bound parameters of `INSERT_DOCUMENTS`."""
    rows = list(documents)
    return {
        "id": [document.sha256 for document in rows],
        "path": [document.path for document in rows],
        "url": [document.hints.url for document in rows],
        "format": [document.format for document in rows],
        "encoding": [document.encoding for document in rows],
        "record_id": [document.record_id for document in rows],
        "now": now,
    }


def article_columns(
    articles: Sequence[tuple[Article, dict[str, Any]]], *, first_seq: int, now: datetime
) -> dict[str, Any]:
    """Bound parameters of `INSERT_ARTICLES`; `seq` counts on from `first_seq`."""
    plain = [article for article, _record in articles]
    return {
        "id": [article.id for article in plain],
        "seq": list(range(first_seq, first_seq + len(plain))),
        "document_id": [article.document.sha256 for article in plain],
        "part": [article.part for article in plain],
        "title": [article.title for article in plain],
        "published_value": [article.published.value for article in plain],
        "published_precision": [article.published.precision for article in plain],
        "published_basis": [article.published.basis for article in plain],
        "outlet": [article.outlet for article in plain],
        "byline": [article.byline for article in plain],
        "dateline": [article.dateline for article in plain],
        "captions": [list(article.captions) for article in plain],
        "removed": [_removed_json(article.removed) for article in plain],
        "text": [article.text for article in plain],
        "record": [json.dumps(record, ensure_ascii=False) for _article, record in articles],
        "now": now,
        "language": [a.language.code if a.language else None for a in plain],
        "language_confidence": [a.language.confidence if a.language else None for a in plain],
    }


def _removed_json(removed: Iterable[RemovedLine]) -> str:
    lines = [{"text": line.text, "reason": line.reason} for line in removed]
    return json.dumps(lines, ensure_ascii=False)
