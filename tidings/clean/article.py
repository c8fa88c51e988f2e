"""The record that clean hands to parse: one story, with its metadata and cleaned text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tidings.ingest.document import Document
from tidings.language import Language

Precision = Literal["day", "month", "year"]
Basis = Literal["explicit", "relative", "inferred", "publication", "unknown"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """An ISO date at the precision the text supports, and where it came from."""

    value: str | None = None
    precision: Precision | None = None
    basis: Basis = "unknown"

    def to_json(self) -> dict[str, str | None]:
        return {"value": self.value, "precision": self.precision, "basis": self.basis}


UNKNOWN_DATE = DateValue()


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of the input that is not in the article's text, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One story of a document.

    `id` is a hash of the cleaned text (or the JSONL record's id), so the same story read
    again gets the same id. `part` counts the stories of one document from 0. `language` is
    told from the text by clean; None for an article made without cleaning (the evaluations'
    gold texts), which is read as English.
    """

    id: str
    document: Document
    part: int
    title: str | None
    published: DateValue
    outlet: str | None
    text: str
    byline: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = field(default_factory=tuple)
    language: Language | None = None

    @property
    def english(self) -> bool:
        """Read by the English stages: English, or not told."""
        return self.language is None or self.language.english
