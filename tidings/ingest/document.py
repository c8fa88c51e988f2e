"""The record that ingest hands to clean: one decoded input (a file, a JSONL line, a WARC
record), before anything is judged about its content."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ContentFormat = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class Hints:
    """What the input itself states about its article (a JSONL record's keys, a WARC header).

    `title_given` is True when the record has a `title` key at all (even null): then the title
    is not looked for in the text, as the contract says.
    """

    title: str | None = None
    title_given: bool = False
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input.

    `path` names where it came from in a way a user can find again: a file path, `-` for
    standard input, `file.jsonl:12` for a JSONL line, `file.warc.gz#3` for a WARC record.
    `content` is text or HTML according to `format`. `sha256` is the hash of the raw bytes,
    so the same input read twice is known as the same document. `clean` is what the input
    says of its text: False for text to take as it is (no boilerplate removal), True for a
    page to clean, None when it says nothing (then `ingest.clean` decides, on by default).
    """

    path: str
    format: ContentFormat
    content: str
    sha256: str
    encoding: str | None = None
    record_id: str | None = None
    hints: Hints = field(default_factory=Hints)
    clean: bool | None = None
