"""parse: Articles → ParsedArticles, through `nlp.pipe` in batches.

A batch holds at most `batch_size` articles and, when `batch_chars` is given, at most that many
characters (an article longer than that is a batch by itself). spaCy's working memory for a
batch grows with its text, not with its count: the parser and the entity recogniser of the
small English model precompute a few KB per token, about 3 KB per character of the batch in
all, freed when the batch is done. Bounding the characters bounds the peak memory; bounding the
count alone lets it grow with the corpus, as larger batches turn up.

With `rule_tables` on (tidings/data/parse.yaml, the default), the model's attribute ruler and
lemmatizer run as tables (tidings/parse/tables.py) after the rest of the pipeline, with the
same annotations: the components after them in the model (the entity recogniser, the entity
rulers) read neither parts of speech nor lemmas, and the parse corrections that do run after
the tables, as they run after the components.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.clean.article import Article
from tidings.errors import ConfigError
from tidings.parse.corrections import PARSE_FILE, PLACE_PARTICIPLES
from tidings.parse.parsed import ParsedArticle
from tidings.parse.tables import ATTRIBUTE_RULER, LEMMATIZER, rule_tables
from tidings.yaml_mapping import read_yaml_mapping

RULE_TABLES = "rule_tables"
Step = Callable[[Any], Any]


def parse_articles(
    articles: Iterable[Article], *, nlp: Any, batch_size: int, batch_chars: int = 0
) -> Iterator[ParsedArticle]:
    """Parse in batches, streaming: memory holds one batch, whatever the input size."""
    disabled, after = _plan(nlp)
    for batch in parse_batches(articles, batch_size=batch_size, batch_chars=batch_chars):
        pairs = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(
            pairs, as_tuples=True, batch_size=len(batch), disable=disabled
        ):
            for step in after:
                doc = step(doc)
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


@lru_cache(maxsize=1)
def rule_tables_on() -> bool:
    """The `rule_tables` switch of tidings/data/parse.yaml."""
    text = resources.files("tidings.data").joinpath(PARSE_FILE).read_text("utf-8")
    value = read_yaml_mapping(text, PARSE_FILE).get(RULE_TABLES, True)
    if not isinstance(value, bool):
        raise ConfigError(PARSE_FILE, f"{RULE_TABLES}: expected true or false, got {value!r}")
    return value


# Each pipeline's plan, made once: it holds the tables, which learn as they go.
_PLANS: weakref.WeakKeyDictionary[Any, tuple[list[str], list[Step]]] = (
    weakref.WeakKeyDictionary()
)


def _plan(nlp: Any) -> tuple[list[str], list[Step]]:
    """The components `nlp.pipe` leaves out and what runs on each Doc after it: the rule
    tables and the parse correction that reads their output, when they are on."""
    plan = _PLANS.get(nlp)
    if plan is None:
        tables = rule_tables(nlp) if rule_tables_on() else None
        if tables is None:
            plan = ([], [])
        else:
            disabled = [ATTRIBUTE_RULER, LEMMATIZER]
            steps: list[Step] = list(tables)
            if PLACE_PARTICIPLES in nlp.pipe_names:
                disabled.append(PLACE_PARTICIPLES)
                steps.append(nlp.get_pipe(PLACE_PARTICIPLES))
            plan = (disabled, steps)
        _PLANS[nlp] = plan
    return plan
