"""Word 4-gram shingle precision, recall and F1, as the article-extraction benchmark scores
extracted bodies (scrapinghub/article-extraction-benchmark, `evaluate.py`).

What is mirrored, on purpose, so that our figures can be set beside the published ones:

* Tokens are the matches of `\\w+` (Unicode word characters), case kept, punctuation dropped.
* A shingle is a run of `SHINGLE_SIZE` consecutive tokens; a text with fewer tokens than that
  is one shorter shingle (an empty text has none). Shingles are counted as a multiset.
* Per page, true positives are the shingles both texts share (minimum of the two counts),
  false positives the extra ones predicted, false negatives the gold ones missed; the three
  are divided by their sum so that a long page weighs no more than a short one.
* Precision is the mean over pages with tp + fp > 0, recall the mean over pages with
  tp + fn > 0 (a page with nothing on either side scores 1 for both); F1 is the harmonic mean
  of those two means, not the mean of per-page F1s.

The benchmark's bootstrap confidence intervals are not computed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# The benchmark's n: word 4-grams.
SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageCounts:
    """Normalised true positives, false positives and false negatives of one page."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of word `size`-grams of `text`."""
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(gold: str, predicted: str) -> PageCounts:
    """Normalised tp/fp/fn of `predicted` against `gold` for one page."""
    want = shingles(gold)
    got = shingles(predicted)
    tp = float(sum((want & got).values()))
    fp = float(sum((got - want).values()))
    fn = float(sum((want - got).values()))
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def _precision(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp)


def _recall(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate(pages: Iterable[PageCounts]) -> Scores:
    """Mean precision and recall over pages, and F1 of the two means."""
    counted = list(pages)
    precision = _mean([_precision(c) for c in counted if c.tp + c.fp > 0])
    recall = _mean([_recall(c) for c in counted if c.tp + c.fn > 0])
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return Scores(precision=precision, recall=recall, f1=f1, pages=len(counted))
