"""Time expressions against TimeBank 1.2 (TempEval-3 cleaning): recognition and TimeML values.

Data: `*.tml` files. Each document's TEXT, tags removed, is the article text (gold offsets are
counted on it); the TIMEX3 with functionInDocument="CREATION_TIME" (in DCT) is the anchor, given
to the stage as the article's publication date (day precision), and is never scored. Each text
is parsed with the project's model and `tidings.times.extract_times` runs on it.

Figures, micro-averaged over the corpus:

* Recognition P/R/F1, strict: a predicted span equal to a gold span. Relaxed: spans sharing at
  least one character, matched one-to-one in text order.
* Type accuracy: relaxed-matched pairs whose type agrees (DATE/TIME/DURATION/SET).
* Value accuracy (the headline): relaxed-matched gold expressions whose predicted value equals
  the gold value exactly, over relaxed-matched gold expressions.
* Value F1 (TempEval-3's "value" figure): relaxed matches with the right value as true
  positives, over predicted and gold counts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tidings.clean.article import DateValue
from tidings.errors import ConfigError
from tidings.evaluate.brat import Agreement, Counts
from tidings.evaluate.gold_parse import gold_article, parse_gold
from tidings.parse.parsed import ParsedArticle
from tidings.settings import Settings, load_settings
from tidings.times import TimeExpression, extract_times

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
# How many mismatches the JSON report lists, to see where the value is lost.
MISTAKES_SHOWN = 40


@dataclass(frozen=True, slots=True)
class GoldTime:
    span: tuple[int, int]
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    path: Path
    text: str
    anchor: date | None
    times: tuple[GoldTime, ...]


def _creation_date(tml: str) -> date | None:
    for match in re.finditer(r"<TIMEX3([^>]*)>", tml):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get("functionInDocument") == "CREATION_TIME":
            value = attributes.get("value", "")
            return date.fromisoformat(value[:10]) if re.match(r"\d{4}-\d\d-\d\d", value) else None
    return None


def read_tml(path: Path) -> GoldDocument:
    """One TimeML document: its TEXT without tags, the TIMEX3 spans on it, and the DCT."""
    tml = path.read_text("utf-8")
    body = _TEXT.search(tml)
    if body is None:
        raise ConfigError(str(path), "no <TEXT> element")
    parts: list[str] = []
    length = 0
    opened: tuple[int, dict[str, str]] | None = None
    times: list[GoldTime] = []
    cursor = 0
    source = body.group(1)
    for tag in _TAG.finditer(source):
        parts.append(source[cursor : tag.start()])
        length += tag.start() - cursor
        cursor = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif opened is not None:
            start, attributes = opened
            if attributes.get("functionInDocument") != "CREATION_TIME":
                kind, value = attributes.get("type", ""), attributes.get("value", "")
                times.append(GoldTime((start, length), kind, value))
            opened = None
    parts.append(source[cursor:])
    return GoldDocument(path, "".join(parts), _creation_date(tml), tuple(times))


def load_timebank(data: Path, limit: int | None = None) -> list[GoldDocument]:
    paths = sorted(data.glob("*.tml"))
    if not paths:
        raise ConfigError(str(data), "no .tml files here")
    return [read_tml(p) for p in paths[:limit]]


@dataclass(frozen=True, slots=True)
class TimeScores:
    """Counts summed over documents."""

    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    types: Agreement = field(default_factory=Agreement)
    values: Agreement = field(default_factory=Agreement)

    def __add__(self, other: TimeScores) -> TimeScores:
        return TimeScores(
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.types + other.types,
            self.values + other.values,
        )

    @property
    def value_counts(self) -> Counts:
        return Counts(self.relaxed.predicted, self.relaxed.gold, self.values.agreed)

    def figures(self) -> dict[str, float]:
        return {
            "strict_precision": self.strict.precision,
            "strict_recall": self.strict.recall,
            "strict_f1": self.strict.f1,
            "relaxed_precision": self.relaxed.precision,
            "relaxed_recall": self.relaxed.recall,
            "relaxed_f1": self.relaxed.f1,
            "type_accuracy": self.types.rate,
            "value_accuracy": self.values.rate,
            "value_f1": self.value_counts.f1,
        }


@dataclass(frozen=True, slots=True)
class TimebankEvaluation:
    documents: int
    seconds: float
    scores: TimeScores
    floors: dict[str, float] = field(default_factory=dict)
    mistakes: tuple[dict[str, Any], ...] = ()

    def below_floor(self) -> list[str]:
        """Each figure under its floor, as "timebank metric value < floor"."""
        figures = self.scores.figures()
        failures = []
        for metric, floor in self.floors.items():
            value = figures.get(metric)
            if value is None:
                failures.append(f"timebank {metric}: no such figure (known: {sorted(figures)})")
            elif value < floor:
                failures.append(f"timebank {metric} {value:.4f} < {floor:.4f}")
        return failures

    def to_json(self) -> dict[str, Any]:
        s = self.scores
        return {
            "documents": self.documents,
            "gold": s.relaxed.gold,
            "predicted": s.relaxed.predicted,
            "seconds": round(self.seconds, 2),
            "figures": {k: round(v, 4) for k, v in s.figures().items()},
            "floors": self.floors,
            "below_floor": self.below_floor(),
            "mistakes": list(self.mistakes),
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(
    gold: Sequence[GoldTime], predicted: Sequence[TimeExpression], text: str
) -> tuple[TimeScores, list[dict[str, Any]]]:
    """One document's counts, and its matched pairs with a wrong value (and misses)."""
    strict = len({g.span for g in gold} & {p.span for p in predicted})
    used: set[int] = set()
    types = values = Agreement()
    mistakes: list[dict[str, Any]] = []
    for g in gold:
        j = next(
            (j for j, p in enumerate(predicted) if j not in used and _overlaps(g.span, p.span)),
            None,
        )
        if j is None:
            mistakes.append({"gold": text[g.span[0] : g.span[1]], "value": g.value, "ours": None})
            continue
        used.add(j)
        ours = predicted[j]
        types += Agreement(1, int(ours.type.upper() == g.type))
        right = ours.value == g.value
        values += Agreement(1, int(right))
        if not right:
            mistakes.append({"gold": text[g.span[0] : g.span[1]], "value": g.value,
                             "ours": ours.text, "our_value": ours.value})  # fmt: skip
    counts = TimeScores(
        Counts(len(predicted), len(gold), strict),
        Counts(len(predicted), len(gold), len(used)),
        types,
        values,
    )
    return counts, mistakes


def _parsed(documents: Sequence[GoldDocument], settings: Settings) -> Iterator[ParsedArticle]:
    def published(gold: GoldDocument) -> DateValue:
        if gold.anchor is None:
            return DateValue()
        return DateValue(gold.anchor.isoformat(), "day", "publication")

    articles = (gold_article(d.text, path=str(d.path), published=published(d)) for d in documents)
    return parse_gold(articles, settings)


def evaluate_timebank(
    data: Path,
    *,
    limit: int | None = None,
    floors: dict[str, float] | None = None,
    settings: Settings | None = None,
) -> TimebankEvaluation:
    """Score the time stage on TimeBank (the first `limit` documents by name)."""
    started = time.perf_counter()
    settings = settings or load_settings()
    documents = load_timebank(data, limit)
    total = TimeScores()
    mistakes: list[dict[str, Any]] = []
    for gold, parsed in zip(documents, _parsed(documents, settings), strict=True):
        scores, wrong = score_document(gold.times, extract_times(parsed).expressions, gold.text)
        total += scores
        mistakes.extend({"document": gold.path.stem, **m} for m in wrong)
    return TimebankEvaluation(
        documents=len(documents),
        seconds=time.perf_counter() - started,
        scores=total,
        floors=floors or {},
        mistakes=tuple(mistakes[:MISTAKES_SHOWN]),
    )
