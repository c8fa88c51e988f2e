"""A learned last resort for a reading whose rules named no source or no target: the actor
mentions of the trigger's sentence are scored as that side by a logistic model over the parse
(dependency path from the trigger, voice, preposition, which side of the trigger, the mention's
kind and how the actor layer linked it), and the best is taken when its score clears the
side's threshold. The weights are data (`tidings/data/events/side_ranker.json`), trained on
the PLV development split only by `scripts/train_side_ranker.py`, which cross-validates the
thresholds; a file with no weights leaves every reading as the rules made it."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tidings.actors import Mention
from tidings.events.clauses import is_passive

RANKER_FILE = "side_ranker.json"
SIDES = ("source", "target")
# Dependency steps kept on each leg of a path; a longer leg is "long".
_MAX_LEG = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mention that could fill `side` of a reading, and what the model reads of it."""

    side: str
    mention: Mention
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SideModel:
    bias: float
    weights: Mapping[str, float]
    threshold: float

    def score(self, features: Iterable[str]) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


class SideRanker:
    """Chooses a side among candidates; with no model for a side, chooses nothing."""

    def __init__(self, models: Mapping[str, SideModel]) -> None:
        self.models = dict(models)

    def choose(self, side: str, candidates: list[Candidate]) -> Candidate | None:
        model = self.models.get(side)
        if model is None or not candidates:
            return None
        scored = max(candidates, key=lambda c: model.score(c.features))
        return scored if model.score(scored.features) >= model.threshold else None


def read_side_ranker(data: Mapping[str, Any]) -> SideRanker:
    models = {}
    for side in SIDES:
        part = data.get(side)
        if isinstance(part, Mapping) and part.get("weights"):
            models[side] = SideModel(
                bias=float(part["bias"]),
                weights={str(k): float(v) for k, v in part["weights"].items()},
                threshold=float(part["threshold"]),
            )
    return SideRanker(models)


@cache
def load_side_ranker() -> SideRanker:
    """The shipped model (read once per process)."""
    text = resources.files("tidings.data").joinpath("events", RANKER_FILE).read_text("utf-8")
    return read_side_ranker(json.loads(text))


def _chain(token: Any) -> list[Any]:
    chain = [token]
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def _leg(deps: list[str]) -> str:
    return ">".join(deps) if len(deps) <= _MAX_LEG else "long"


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def features(
    trigger: Any, root: Any, mention: Mention, *, kind: str | None, event_type: str, count: int
) -> tuple[str, ...]:
    """What the model reads of `mention` (headed by `root`) as a side of the event `trigger`
    names."""
    up_chain, down_chain = _chain(trigger), _chain(root)
    down_ids = {t.i for t in down_chain}
    common = next((t for t in up_chain if t.i in down_ids), None)
    if common is None:
        up, down = ["x"], ["x"]
    else:
        up = [t.dep_ for t in up_chain[: [t.i for t in up_chain].index(common.i)]]
        down = [t.dep_ for t in down_chain[: [t.i for t in down_chain].index(common.i)]]
        down.reverse()
    preps = [t.lemma_.lower() for t in down_chain if t.dep_ in ("prep", "agent") and t.i != root.i]
    prep = preps[-1] if preps else "-"  # the preposition nearest the mention's clause
    up_leg, down_leg = _leg(up), _leg(down)
    verbal = "noun" if trigger.pos_ in ("NOUN", "PROPN") else "verb"
    voice = "passive" if is_passive(trigger) else "active"
    where = "before" if root.i < trigger.i else "after"
    return (
        f"path={up_leg}|{down_leg}",
        f"up={up_leg}",
        f"down={down_leg}",
        f"dep={root.dep_}",
        f"prep={prep}",
        f"where={where}",
        f"dist={_bucket(abs(root.i - trigger.i))}",
        f"kind={kind or '-'}",
        f"link={mention.link}",
        f"subject={mention.subject}",
        f"trigger={verbal}|{voice}",
        f"voice_dep={voice}|{root.dep_}|{where}",
        f"type={event_type}",
        f"type_dep={event_type}|{root.dep_}|{where}",
        f"type_prep={event_type}|{prep}",
        f"count={_bucket(count)}",
        f"lca={'trigger' if common is not None and common.i == trigger.i else 'above'}",
    )


__all__ = [
    "RANKER_FILE",
    "SIDES",
    "Candidate",
    "SideModel",
    "SideRanker",
    "features",
    "load_side_ranker",
    "read_side_ranker",
]
