"""One record of a container of articles (a JSON Lines line, a CSV or Parquet row) as a
Document: `text` or `html`, and optionally `id`, `title`, `published`, `outlet`, `url` and
`clean`. The same keys mean the same in every container; what is wrong with a record is one
rejection naming it, and the container goes on."""

from __future__ import annotations

import json
from typing import Any

from tidings.errors import InputRejected
from tidings.ingest.document import ContentFormat, Document, Hints

# Record keys that hold the article, in order of preference when both are given: `text` is
# what the producer already extracted, so it is taken over re-extracting from `html`.
CONTENT_KEYS: tuple[tuple[str, ContentFormat], ...] = (("text", "text"), ("html", "html"))

# Optional keys that must be a string (or null) when present.
HINT_KEYS = ("title", "published", "outlet", "url")

# Every key a record may have; others are ignored.
RECORD_KEYS = (*(key for key, _ in CONTENT_KEYS), *HINT_KEYS, "id", "clean")


def record_document(where: str, record: dict[str, Any], *, sha256: str) -> Document | InputRejected:
    """The Document of one record, or the rejection that names what is wrong with it.
    `where` names the record (`file.jsonl:12`); `sha256` is the hash of its raw bytes."""
    problem = _key_problem(record)
    if problem is not None:
        return InputRejected(where, problem)
    content = _content(record)
    if isinstance(content, str):
        return InputRejected(where, content)
    content_format, text = content
    hints = Hints(
        title=record.get("title"),
        title_given="title" in record,
        published=record.get("published"),
        outlet=record.get("outlet"),
        url=record.get("url"),
    )
    return Document(
        path=where,
        format=content_format,
        content=text,
        sha256=sha256,
        encoding="utf-8",
        record_id=_record_id(record.get("id")),
        hints=hints,
        clean=record.get("clean"),
    )


def _key_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with the types of a record's keys, or None."""
    for key in (*(key for key, _ in CONTENT_KEYS), *HINT_KEYS):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"{key!r} must be a string"
    if isinstance(record.get("id"), list | dict):
        return "'id' must be a string or a number"
    if record.get("clean") is not None and not isinstance(record["clean"], bool):
        return "'clean' must be true or false"
    return None


def _content(record: dict[str, Any]) -> tuple[ContentFormat, str] | str:
    """The first of `text`, `html` that has something in it, or what is missing."""
    given = [key for key, _ in CONTENT_KEYS if isinstance(record.get(key), str)]
    for key, content_format in CONTENT_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return content_format, value
    return f"empty {given[0]!r}" if given else "no 'text' or 'html'"


def _record_id(value: Any) -> str | None:
    """Any JSON scalar as a string: "a1" stays "a1", 17 becomes "17", true becomes "true"; an
    empty or blank id is none (the record's id is then derived from its content)."""
    if value is None or isinstance(value, str):
        return value if value is not None and value.strip() else None
    return json.dumps(value)
