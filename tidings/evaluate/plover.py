"""Event extraction against the PLV training sentences (news sentences with a marked source
and target and the gold PLOVER root type; Zero-Shot-PLOVER, ACL 2024).

Each sentence is its own article (no date), parsed, its actors resolved against the actor base,
its quotes read, and `tidings.events.extract_events` run with empty time and place layers.
The gold source and target spans are read from the marked sentence (`<s>…</s>`, `<t>…</t>`,
the tags taken out; the text scored is the marked sentence without its tags). The gold type
YIELD stands for CONCEDE or RETREAT. A sentence whose gold side is not marked leaves that side
free.

Figures:
* type recall: sentences with at least one event of the gold type / sentences;
* triple recall: sentences with an event of the gold type whose source span overlaps the gold
  source and whose target span overlaps the gold target (one character is enough) / sentences;
* extra per sentence: (events − events of the gold type) / sentences;
* type precision: events of the gold type / events (the data mark one event per sentence, so
  this understates real precision);
* events per sentence, and complete events per sentence (`Event.complete`: a known source, and
  a known target unless the type may go without one); the share of events that are complete;
* type and triple recall counting complete events only;
* sentences with no event at all, and the same figures per gold type.

`--split dev|heldout` scores a fixed part of the sentences (`tidings.evaluate.splits`).
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.actors import resolve_actors
from tidings.errors import ConfigError
from tidings.evaluate.gold_parse import gold_article, parse_gold
from tidings.evaluate.splits import Split, in_split
from tidings.events import (
    Event,
    EventLayer,
    EventLexicon,
    extract_events,
    load_event_lexicon,
)
from tidings.events.side_ranker import SideRanker, load_side_ranker
from tidings.knowledge import load_actor_base
from tidings.parse.parsed import ParsedArticle
from tidings.places.records import EMPTY_PLACES
from tidings.quotes import extract_quotes
from tidings.settings import Settings, load_settings
from tidings.times import EMPTY_TIMES

DATA_FILE = "PLV_train.tsv"
TAG = re.compile(r"</?[st]>")
# Gold labels that stand for several PLOVER types.
GOLD_ALIASES = {"YIELD": frozenset({"CONCEDE", "RETREAT"})}
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    type: str
    source: Span | None
    target: Span | None

    def types(self) -> frozenset[str]:
        return GOLD_ALIASES.get(self.type, frozenset({self.type}))


def unmark(marked: str) -> tuple[str, Span | None, Span | None]:
    """The sentence without its tags, and the source and target spans in it."""
    out: list[str] = []
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, Span] = {}
    last = 0
    for match in TAG.finditer(marked):
        piece = marked[last : match.start()]
        out.append(piece)
        length += len(piece)
        tag = match.group()
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in opened:
                spans[kind] = (opened.pop(kind), length)
        else:
            opened[kind] = length
        last = match.end()
    out.append(marked[last:])
    return "".join(out), spans.get("s"), spans.get("t")


def load_plover(
    data: Path, limit: int | None = None, split: Split = Split.all
) -> list[GoldSentence]:
    """The first `limit` gold sentences of `split` in `data` (the folder, or the TSV itself);
    a sentence's split follows from its text without the tags."""
    path = data / DATA_FILE if data.is_dir() else data
    if not path.is_file():
        raise ConfigError(str(path), f"no {DATA_FILE} here")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and not {"marked_sentence", "gold_root"} <= set(rows[0]):
        raise ConfigError(str(path), "expected columns marked_sentence and gold_root")
    found = []
    for row in rows:
        text, source, target = unmark(row["marked_sentence"])
        if in_split(text, split):
            found.append(GoldSentence(text, row["gold_root"].strip(), source, target))
    return found[:limit] if limit else found


def _overlaps(span: Span | None, gold: Span | None) -> bool:
    if gold is None:
        return True
    return span is not None and span[0] < gold[1] and gold[0] < span[1]


@dataclass(slots=True)
class TypeCounts:
    sentences: int = 0
    type_hits: int = 0
    triple_hits: int = 0
    events: int = 0
    matching: int = 0
    complete: int = 0  # complete events
    complete_type_hits: int = 0
    complete_triple_hits: int = 0

    def to_json(self) -> dict[str, Any]:
        n = self.sentences or 1
        return {
            "sentences": self.sentences,
            "type_recall": round(self.type_hits / n, 4),
            "triple_recall": round(self.triple_hits / n, 4),
            "complete_triple_recall": round(self.complete_triple_hits / n, 4),
            "events": self.events,
            "complete": self.complete,
            "matching": self.matching,
        }


@dataclass(frozen=True, slots=True)
class PloverEvaluation:
    sentences: int
    seconds: float
    totals: TypeCounts
    empty: int  # sentences with no event at all
    by_type: dict[str, TypeCounts]
    predicted_types: dict[str, int]
    floors: dict[str, float] = field(default_factory=dict)
    split: Split = Split.all

    def figures(self) -> dict[str, float]:
        n = self.sentences or 1
        t = self.totals
        return {
            "type_recall": t.type_hits / n,
            "triple_recall": t.triple_hits / n,
            "extra_per_sentence": (t.events - t.matching) / n,
            "type_precision": t.matching / t.events if t.events else 0.0,
            "no_event_share": self.empty / n,
            "events_per_sentence": t.events / n,
            "complete_per_sentence": t.complete / n,
            "complete_share": t.complete / t.events if t.events else 0.0,
            "complete_type_recall": t.complete_type_hits / n,
            "complete_triple_recall": t.complete_triple_hits / n,
        }

    def below_floor(self) -> list[str]:
        """Each figure under its floor ("max_…" floors are ceilings on the figure named)."""
        figures = self.figures()
        failures = []
        for metric, floor in self.floors.items():
            name = metric.removeprefix("max_")
            value = figures.get(name)
            if value is None:
                failures.append(f"plover {metric}: no such figure (known: {sorted(figures)})")
            elif metric.startswith("max_") and value > floor:
                failures.append(f"plover {name} {value:.4f} > {floor:.4f}")
            elif not metric.startswith("max_") and value < floor:
                failures.append(f"plover {metric} {value:.4f} < {floor:.4f}")
        return failures

    def to_json(self) -> dict[str, Any]:
        return {
            "split": self.split.value,
            "sentences": self.sentences,
            "seconds": round(self.seconds, 2),
            "figures": {k: round(v, 4) for k, v in self.figures().items()},
            "by_type": {k: v.to_json() for k, v in sorted(self.by_type.items())},
            "predicted_types": dict(sorted(self.predicted_types.items())),
            "floors": self.floors,
            "below_floor": self.below_floor(),
        }


def parse_gold_sentences(
    sentences: Sequence[GoldSentence], settings: Settings
) -> Iterator[ParsedArticle]:
    """Each gold sentence parsed as an article of its own."""
    return parse_gold((gold_article(s.text, path="plover") for s in sentences), settings)


def sentence_events(
    sentences: Sequence[GoldSentence],
    settings: Settings,
    *,
    lexicon: EventLexicon,
    side_ranker: SideRanker | None = None,
) -> Iterator[tuple[GoldSentence, EventLayer]]:
    """Each gold sentence with the events the stages read in it (no times, no places: a
    sentence alone has neither a publication date nor a story's places)."""
    base = load_actor_base(settings.actors.files)
    for gold, parsed in zip(sentences, parse_gold_sentences(sentences, settings), strict=True):
        actors = resolve_actors(parsed, base=base)
        quotes = extract_quotes(parsed, actors)
        events = extract_events(
            parsed,
            actors,
            quotes,
            EMPTY_TIMES,
            EMPTY_PLACES,
            base=base,
            lexicon=lexicon,
            side_ranker=side_ranker,
        )
        yield gold, events


def _sides_match(event: Event, gold: GoldSentence) -> bool:
    return _overlaps(event.source.span if event.source else None, gold.source) and _overlaps(
        event.target.span if event.target else None, gold.target
    )


def score_sentence(gold: GoldSentence, events: Sequence[Event], counts: TypeCounts) -> None:
    types = gold.types()
    matching = [e for e in events if e.type in types]
    complete = [e for e in matching if e.complete]
    counts.sentences += 1
    counts.events += len(events)
    counts.complete += sum(e.complete for e in events)
    counts.matching += len(matching)
    counts.type_hits += bool(matching)
    counts.triple_hits += any(_sides_match(e, gold) for e in matching)
    counts.complete_type_hits += bool(complete)
    counts.complete_triple_hits += any(_sides_match(e, gold) for e in complete)


def evaluate_plover(
    data: Path,
    *,
    limit: int | None = None,
    floors: dict[str, float] | None = None,
    settings: Settings | None = None,
    lexicon: str | None = None,
    split: Split = Split.all,
    side_ranker: bool = False,
) -> PloverEvaluation:
    """Score `extract_events` on the PLV sentences of `data` (with the shipped event lexicon,
    or the one in the folder `lexicon`; with `side_ranker`, the learned filling of missing
    sides as well, trained on the dev split)."""
    started = time.perf_counter()
    settings = settings or load_settings()
    sentences = load_plover(data, limit, split)
    words = load_event_lexicon(lexicon)
    ranker = load_side_ranker() if side_ranker else None
    totals = TypeCounts()
    by_type: dict[str, TypeCounts] = {}
    predicted: Counter[str] = Counter()
    empty = 0
    for gold, events in sentence_events(sentences, settings, lexicon=words, side_ranker=ranker):
        score_sentence(gold, events.events, totals)
        score_sentence(gold, events.events, by_type.setdefault(gold.type, TypeCounts()))
        predicted.update(e.type for e in events.events)
        empty += not events.events
    return PloverEvaluation(
        sentences=len(sentences),
        seconds=time.perf_counter() - started,
        totals=totals,
        empty=empty,
        by_type=by_type,
        predicted_types=dict(predicted),
        floors=floors or {},
        split=split,
    )
