"""Train the side ranker (tidings/events/side_ranker.py) on the PLV training data's development
split, never its held-out split, and write its weights to tidings/data/events/side_ranker.json.

    .venv/bin/python scripts/train_side_ranker.py [--data ../shared/eval/plover-plv-train]
                                                  [--folds 5] [--min-precision 0.7]

For every reading of the gold type whose rules left a side missing, the actor mentions of the
sentence are the candidates, and the one whose words overlap the gold side is the right one.
A logistic model (L2, gradient descent in numpy: a few thousand rows and features need no
more) scores candidates; the threshold of each side is the lowest at which, over the
sentences each fold held out, at least `--min-precision` of the sides the ranker would fill are
right. The figures printed are those cross-validated ones; `tidings eval plover --split
heldout` measures the shipped model on sentences it never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tidings.evaluate.plover import GoldSentence, load_plover, sentence_events
from tidings.evaluate.splits import Split
from tidings.events import load_event_lexicon
from tidings.events.side_ranker import RANKER_FILE, SIDES, Candidate, SideRanker
from tidings.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "plover-plv-train"
OUT = ROOT / "tidings" / "data" / "events" / RANKER_FILE


@dataclass
class Group:
    """One missing side of one reading: its candidates and which are right."""

    sentence: int
    side: str
    features: list[tuple[str, ...]]
    labels: list[bool]


@dataclass
class Recorder(SideRanker):
    """A ranker that chooses nothing and keeps what it was asked."""

    asked: list[tuple[str, list[Candidate]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__({})

    def choose(self, side: str, candidates: list[Candidate]) -> Candidate | None:
        self.asked.append((side, candidates))
        return None


def _overlaps(span: tuple[int, int], gold: tuple[int, int] | None) -> bool:
    return gold is not None and span[0] < gold[1] and gold[0] < span[1]


def collect(data: Path) -> list[Group]:
    settings = load_settings()
    sentences = load_plover(data, None, Split.dev)
    groups: list[Group] = []
    recorder = Recorder()
    lexicon = load_event_lexicon(None)
    readings = sentence_events(sentences, settings, lexicon=lexicon, side_ranker=recorder)
    for n, (gold, _events) in enumerate(readings):
        groups.extend(_groups(n, gold, recorder.asked))
        recorder.asked.clear()
    return groups


def _groups(
    n: int, gold: GoldSentence, asked: list[tuple[str, list[Candidate]]]
) -> list[Group]:
    found = []
    types = gold.types()
    for side, candidates in asked:
        if not candidates or side not in SIDES:
            continue
        event_type = next(
            (f.split("=", 1)[1] for f in candidates[0].features if f.startswith("type=")), ""
        )
        if event_type not in types:
            continue  # another event of the sentence: its gold side is unknown
        span = gold.source if side == "source" else gold.target
        labels = [_overlaps(c.mention.span, span) for c in candidates]
        found.append(Group(n, side, [c.features for c in candidates], labels))
    return found


def _matrix(groups: list[Group], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    rows = [f for g in groups for f in g.features]
    x = np.zeros((len(rows), len(index)), dtype=np.float64)
    for r, feats in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.array([label for g in groups for label in g.labels], dtype=np.float64)
    return x, y


def train(
    groups: list[Group], *, l2: float = 1.0, steps: int = 600
) -> tuple[float, dict[str, float]]:
    index = {
        f: i for i, f in enumerate(sorted({f for g in groups for fs in g.features for f in fs}))
    }
    x, y = _matrix(groups, index)
    w = np.zeros(len(index))
    b = 0.0
    rate = 0.5
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - y) / len(y) + l2 * w / len(y)
        w -= rate * grad
        b -= rate * float(np.mean(p - y))
    names = {i: f for f, i in index.items()}
    return b, {names[i]: round(float(v), 4) for i, v in enumerate(w) if abs(v) >= 1e-3}


def _score(bias: float, weights: dict[str, float], feats: tuple[str, ...]) -> float:
    total = bias + sum(weights.get(f, 0.0) for f in feats)
    return float(1.0 / (1.0 + np.exp(-total)))


def cross_validate(groups: list[Group], folds: int) -> list[tuple[float, bool]]:
    """(best score, whether the best is right) for every group, each scored by a model that
    did not see its sentence."""
    out = []
    for k in range(folds):
        held = [g for g in groups if g.sentence % folds == k]
        kept = [g for g in groups if g.sentence % folds != k]
        bias, weights = train(kept)
        for g in held:
            scores = [_score(bias, weights, f) for f in g.features]
            best = int(np.argmax(scores))
            out.append((scores[best], g.labels[best]))
    return out


def threshold(scored: list[tuple[float, bool]], min_precision: float) -> tuple[float, int, float]:
    """The lowest score at which the fills above it are right at least `min_precision` of the
    time: (threshold, fills, precision)."""
    ranked = sorted(scored, key=lambda s: -s[0])
    best = (1.01, 0, 1.0)
    right = 0
    for n, (score, ok) in enumerate(ranked, start=1):
        right += ok
        if right / n >= min_precision and n >= 5:
            best = (score, n, right / n)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-precision", type=float, default=0.7)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"{args.data}: no PLV data here", file=sys.stderr)
        return 2
    groups = collect(args.data)
    model: dict[str, object] = {
        "trained_on": "PLV training data (snowood1/Zero-Shot-PLOVER), development split only",
        "min_precision": args.min_precision,
    }
    for side in SIDES:
        mine = [g for g in groups if g.side == side]
        answerable = sum(any(g.labels) for g in mine)
        scored = cross_validate(mine, args.folds)
        cut, fills, precision = threshold(scored, args.min_precision)
        bias, weights = train(mine)
        print(
            f"{side}: {len(mine)} missing sides, {answerable} with the gold side among the"
            f" candidates; cross-validated: {fills} filled at threshold {cut:.3f},"
            f" {precision:.3f} of them right"
        )
        model[side] = {
            "bias": round(bias, 4),
            "threshold": round(cut, 4),
            "cross_validated": {
                "groups": len(mine),
                "fills": fills,
                "precision": round(precision, 3),
            },
            "weights": dict(sorted(weights.items())),
        }
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
