"""The PLOVER evaluation: reading marked sentences, scoring on hand-made events, the command,
and (when ../shared holds the PLV sentences) the whole set against the pinned floors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import ROOT, shared_path
from tidings.clean.article import DateValue
from tidings.evaluate.clean import load_floors
from tidings.evaluate.plover import (
    GoldSentence,
    PloverEvaluation,
    TypeCounts,
    evaluate_plover,
    load_plover,
    score_sentence,
    unmark,
)
from tidings.events import Event, EventActor

FLOORS = ROOT / "tests" / "eval_baseline.json"


def test_unmark_gives_the_text_and_the_spans() -> None:
    text, source, target = unmark("Then <s>Harbouria</s> shelled <t>the port</t>.")
    assert text == "Then Harbouria shelled the port."
    assert source is not None and text[slice(*source)] == "Harbouria"
    assert target is not None and text[slice(*target)] == "the port"
    assert unmark("No marks here.")[1:] == (None, None)


def _event(kind: str, source: tuple[int, int] | None, target: tuple[int, int] | None) -> Event:
    def actor(span: tuple[int, int] | None) -> EventActor | None:
        return None if span is None else EventActor(None, "x", None, None, span)

    return Event(
        "a#e1", kind, None, None, None, actor(source), actor(target), DateValue(), None,  # type: ignore[arg-type]
        None, "occurred", None, None, "t", (0, 1), (0, 5), "s", 0.5,
        source is not None and target is not None,
    )  # fmt: skip


def test_scores_count_type_and_sides() -> None:
    gold = GoldSentence("Harbouria shelled the port.", "ASSAULT", (0, 9), (18, 26))
    counts = TypeCounts()
    score_sentence(gold, [_event("ASSAULT", (0, 4), (20, 24)), _event("AID", None, None)], counts)
    assert (counts.type_hits, counts.triple_hits, counts.events, counts.matching) == (1, 1, 2, 1)
    yielded = GoldSentence("Lund freed them.", "YIELD", None, None)
    score_sentence(yielded, [_event("CONCEDE", None, None)], counts)
    assert counts.type_hits == 2 and counts.triple_hits == 2
    evaluation = PloverEvaluation(2, 0.0, counts, 0, {}, {}, {"max_extra_per_sentence": 0.1})
    assert evaluation.figures()["extra_per_sentence"] == 0.5
    assert evaluation.below_floor() == ["plover extra_per_sentence 0.5000 > 0.1000"]


def test_the_command_runs_on_a_small_file(tmp_path: Path) -> None:
    from tidings.cli import app

    data = tmp_path / "PLV_train.tsv"
    data.write_text(
        "\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
        "0\tHarbouria attacked Novalia.\t<s>Harbouria</s> attacked <t>Novalia</t>."
        "\tH\tN\tASSAULT\n",
        encoding="utf-8",
    )
    assert len(load_plover(tmp_path)) == 1
    result = CliRunner().invoke(app, ["eval", "plover", "--data", str(tmp_path), "--json"])
    if "No such command" in result.output:  # the lead wires `register` into `tidings eval`
        return
    assert result.exit_code == 0, result.output
    assert '"type_recall": 1.0' in result.output


def test_the_whole_set_holds_its_floors() -> None:
    data = shared_path("eval", "plover-plv-train")
    floors = load_floors(FLOORS).get("plover", {})
    evaluation = evaluate_plover(data, floors=floors)
    assert evaluation.below_floor() == [], evaluation.to_json()["figures"]
