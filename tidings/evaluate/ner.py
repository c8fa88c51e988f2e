"""Named-entity recognition against CoNLL-2003 (English, IOB1 columns), entity level.

Each CoNLL document is rebuilt as one spaCy `Doc` from the gold tokens (so tokenisation never
counts against the model), run through the pipeline, and its entities mapped to CoNLL's four
types. A predicted entity counts when its token span and type equal a gold one (exact match,
as `conlleval` scores). spaCy's OntoNotes labels map as:

    PERSON → PER · ORG → ORG · GPE, LOC, FAC → LOC
    NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE → MISC · numbers and dates → not scored
"""

from __future__ import annotations

import importlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from tidings.errors import ConfigError
from tidings.parse.corrections import NAME_SUBJECTS, PLACE_PARTICIPLES

CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")
ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

# Components that write only tags, lemmas and dependencies, which no entity reads: left out
# of the scoring, the same entities in three quarters of the time. Not the parser: the
# entity recognizer keeps within the sentences it sets.
NOT_ENTITIES = ("tagger", "attribute_ruler", "lemmatizer", PLACE_PARTICIPLES, NAME_SUBJECTS)

Entity = tuple[int, int, str]  # token start, token end (exclusive), CoNLL type


@dataclass(frozen=True, slots=True)
class GoldDocument:
    words: tuple[str, ...]
    entities: frozenset[Entity]


@dataclass(frozen=True, slots=True)
class TypeScores:
    type: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class NerEvaluation:
    name: str
    documents: int
    seconds: float
    by_type: tuple[TypeScores, ...]  # the four types, then "overall"

    def overall(self) -> TypeScores:
        return self.by_type[-1]

    def to_json(self) -> dict[str, Any]:
        return {
            "pipeline": self.name,
            "documents": self.documents,
            "seconds": round(self.seconds, 1),
            "scores": {s.type: s.to_json() for s in self.by_type},
        }


def _spans(tags: list[str], sentence_starts: set[int]) -> frozenset[Entity]:
    """IOB1 (and IOB2) tags → entity spans: I-X continues an X unless a B-X or a new sentence
    starts a new one."""
    spans: list[Entity] = []
    start, current = 0, "O"
    for i, tag in enumerate([*tags, "O"]):
        kind = tag[2:] if tag != "O" else "O"
        begins = tag.startswith("B-") or kind != current or i in sentence_starts
        if current != "O" and (begins or kind == "O"):
            spans.append((start, i, current))
        if kind != "O" and (begins or current == "O"):
            start = i
        current = kind
    return frozenset(spans)


def read_conll(path: Path, limit: int | None = None) -> list[GoldDocument]:
    """The documents of a CoNLL-2003 file (`-DOCSTART-` separates them)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(str(path), exc.strerror or "cannot read") from exc
    documents: list[GoldDocument] = []
    words: list[str] = []
    tags: list[str] = []
    starts: set[int] = set()
    for line in [*lines, "-DOCSTART- -X- O O"]:
        if line.startswith("-DOCSTART-"):
            if words:
                documents.append(GoldDocument(tuple(words), _spans(tags, starts)))
            words, tags, starts = [], [], set()
            if limit is not None and len(documents) >= limit:
                break
            continue
        columns = line.split()
        if not columns:
            starts.add(len(words))
        elif len(columns) >= 2:
            words.append(columns[0])
            tags.append(columns[-1])
    if not documents:
        raise ConfigError(str(path), "no CoNLL documents found")
    return documents


def load_bare_model(name: str) -> Any:
    """The spaCy model package `name` as shipped, with nothing of Tidings added: the baseline."""
    try:
        package = importlib.import_module(name)
    except ImportError as exc:
        raise ConfigError(name, "spaCy model package is not installed") from exc
    return package.load()


def _predicted(doc: Any) -> frozenset[Entity]:
    return frozenset(
        (ent.start, ent.end, ONTONOTES_TO_CONLL[ent.label_])
        for ent in doc.ents
        if ent.label_ in ONTONOTES_TO_CONLL
    )


def _docs(nlp: Any, documents: list[GoldDocument]) -> Iterator[Any]:
    gold_docs = (Doc(nlp.vocab, words=list(d.words)) for d in documents)
    disabled = [name for name in NOT_ENTITIES if name in nlp.pipe_names]
    yield from nlp.pipe(gold_docs, batch_size=32, disable=disabled)


def evaluate_ner(nlp: Any, documents: list[GoldDocument], *, name: str) -> NerEvaluation:
    """Entity-level precision, recall and F1 per CoNLL type and overall (micro-averaged)."""
    started = time.perf_counter()
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for document, doc in zip(documents, _docs(nlp, documents), strict=True):
        found = _predicted(doc)
        for _, _, kind in document.entities:
            gold[kind] += 1
        for _, _, kind in found:
            predicted[kind] += 1
        for _, _, kind in found & document.entities:
            correct[kind] += 1
    scores = [TypeScores(t, gold[t], predicted[t], correct[t]) for t in CONLL_TYPES]
    total = TypeScores(
        "overall", sum(gold.values()), sum(predicted.values()), sum(correct.values())
    )
    return NerEvaluation(name, len(documents), time.perf_counter() - started, (*scores, total))


def ner_failures(bare: NerEvaluation, ours: NerEvaluation, floors: dict[str, float]) -> list[str]:
    """What fails the gate: Tidings worse than the bare model overall, or under a floor."""
    failures = []
    if ours.overall().f1 < bare.overall().f1:
        failures.append(
            f"tidings F1 {ours.overall().f1:.4f} is below the bare model's {bare.overall().f1:.4f}"
        )
    for metric, floor in floors.items():
        value = getattr(ours.overall(), metric)
        if value < floor:
            failures.append(f"below floor: ner {metric} {value:.4f} < {floor:.4f}")
    return failures
