"""The record that parse hands on: an article with its spaCy Doc."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.clean.article import Article

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article and its parse. `doc` is a spaCy `Doc` over `article.text` (offsets agree)."""

    article: Article
    doc: Any
    sentences: tuple[Span, ...]
