"""Gold texts parsed as they are, for the evaluations: no cleaning, so the gold offsets hold."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from tidings.clean.article import UNKNOWN_DATE, Article, DateValue
from tidings.ingest.document import Document
from tidings.parse.model import load_model
from tidings.parse.parsed import ParsedArticle
from tidings.parse.stage import parse_articles
from tidings.settings import Settings


def gold_article(text: str, *, path: str, published: DateValue = UNKNOWN_DATE) -> Article:
    """A gold text as one article of its own, its text untouched."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = Document(path=path, format="text", content=text, sha256=digest)
    return Article(digest[:16], document, 0, None, published, None, text)


def parse_gold(articles: Iterable[Article], settings: Settings) -> Iterator[ParsedArticle]:
    """The articles parsed in `nlp.pipe` batches by the project's model (loaded once)."""
    nlp = load_model(
        settings.parse.model, settings.parse.max_chars, actor_files=settings.actors.files
    )
    yield from parse_articles(articles, nlp=nlp, batch_size=settings.parse.batch_size)
