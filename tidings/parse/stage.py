"""parse: Articles → ParsedArticles, through `nlp.pipe` in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tidings.clean.article import Article
from tidings.parse.parsed import ParsedArticle


def parse_articles(
    articles: Iterable[Article], *, nlp: Any, batch_size: int
) -> Iterator[ParsedArticle]:
    """Parse in batches, streaming: memory holds one batch, whatever the input size."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        sentences = tuple((sent.start_char, sent.end_char) for sent in doc.sents)
        yield ParsedArticle(article=article, doc=doc, sentences=sentences)
