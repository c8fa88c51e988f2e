"""parse: Articles → ParsedArticles, through `nlp.pipe` in batches.

A batch holds at most `batch_size` articles and, when `batch_chars` is given, at most that many
characters (an article longer than that is a batch by itself). spaCy's working memory for a
batch grows with its text, not with its count: the parser and the entity recogniser of the
small English model precompute a few KB per token, about 3 KB per character of the batch in
all, freed when the batch is done. Bounding the characters bounds the peak memory; bounding the
count alone lets it grow with the corpus, as larger batches turn up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tidings.clean.article import Article
from tidings.parse.parsed import ParsedArticle


def parse_articles(
    articles: Iterable[Article], *, nlp: Any, batch_size: int, batch_chars: int = 0
) -> Iterator[ParsedArticle]:
    """Parse in batches, streaming: memory holds one batch, whatever the input size."""
    for batch in parse_batches(articles, batch_size=batch_size, batch_chars=batch_chars):
        pairs = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=len(batch)):
            sentences = tuple((sent.start_char, sent.end_char) for sent in doc.sents)
            yield ParsedArticle(article=article, doc=doc, sentences=sentences)


def parse_batches(
    articles: Iterable[Article], *, batch_size: int, batch_chars: int = 0
) -> Iterator[list[Article]]:
    """`articles` in order, in lists of at most `batch_size` articles and (unless
    `batch_chars` is 0) at most `batch_chars` characters of text, read lazily."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        full = len(batch) >= batch_size or (
            batch_chars > 0 and chars + len(article.text) > batch_chars
        )
        if batch and full:
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch
