"""The CoNLL-2003 NER evaluation: reading IOB1, scoring, and the gate (Tidings' pipeline never
worse than the bare model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, shared_path
from tidings.evaluate.clean import load_floors
from tidings.evaluate.ner import evaluate_ner, load_bare_model, ner_failures, read_conll
from tidings.parse.model import load_model
from tidings.settings import load_settings

SAMPLE = """-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Berg NNP I-NP I-PER
visited VBD I-VP O
Oslo NNP I-NP I-LOC
with IN I-PP O
Harbour NNP I-NP I-ORG
Council NNP I-NP I-ORG
. . O O

Berg NNP I-NP I-PER
Lund NNP I-NP B-PER
spoke VBD I-VP O
. . O O

-DOCSTART- -X- O O

Norwegian JJ I-NP I-MISC
ships NNS I-NP O
sailed VBD I-VP O
. . O O
"""


@pytest.fixture(scope="module")
def bare_model() -> Any:
    """The model as shipped, loaded once for the module's two evaluations."""
    return load_bare_model(load_settings().parse.model)


def test_iob1_spans_split_on_b_tags_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    first, second = read_conll(path)
    assert first.words[:2] == ("Anna", "Berg")
    assert first.entities == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (5, 7, "ORG"),
        (8, 9, "PER"),
        (9, 10, "PER"),
    }
    assert second.entities == {(0, 1, "MISC")}


def test_scores_of_a_real_model_on_a_small_sample(tmp_path: Path, bare_model: Any) -> None:
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    evaluation = evaluate_ner(bare_model, read_conll(path), name="bare")
    overall = evaluation.overall()
    assert overall.gold == 6
    assert 0 < overall.correct <= overall.predicted
    assert 0.0 < overall.f1 <= 1.0


def test_tidings_is_not_worse_than_the_bare_model_and_holds_its_floor_on_conll(
    bare_model: Any,
) -> None:
    documents = read_conll(shared_path("eval", "conll2003-dev", "eng.testa"))
    floors = load_floors(ROOT / "tests" / "eval_baseline.json")["ner"]
    settings = load_settings()
    bare = evaluate_ner(bare_model, documents, name="bare")
    ours = evaluate_ner(
        load_model(settings.parse.model, settings.parse.max_chars), documents, name="ours"
    )
    assert ner_failures(bare, ours, floors) == []


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    from tidings.errors import ConfigError

    with pytest.raises(ConfigError):
        read_conll(tmp_path / "missing.conll")
    empty = tmp_path / "empty.conll"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="no CoNLL documents"):
        read_conll(empty)
