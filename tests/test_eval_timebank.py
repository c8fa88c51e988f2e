"""The TimeBank evaluation: reading TimeML, scoring on hand-made spans, the command, and (when
../shared holds TimeBank) a small run and the full corpus against the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tests.conftest import ROOT, shared_path
from tidings.clean.article import DateValue
from tidings.cli.eval_times import register
from tidings.evaluate.clean import load_floors
from tidings.evaluate.timebank import (
    GoldTime,
    TimebankEvaluation,
    TimeScores,
    evaluate_timebank,
    read_tml,
    score_document,
)
from tidings.times import TimeExpression

FLOORS = ROOT / "tests" / "eval_baseline.json"
TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-09"'
    ' functionInDocument="CREATION_TIME">x</TIMEX3></DCT>\n'
    '<TEXT>The mill <EVENT eid="e1">closed</EVENT> <TIMEX3 tid="t1" type="DATE"'
    ' value="2020-01-08">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION"'
    ' value="P3Y">three years</TIMEX3>.</TEXT>\n</TimeML>\n'
)


def app() -> typer.Typer:
    eval_app = typer.Typer()

    @eval_app.callback()
    def main() -> None:
        """Evaluation commands."""

    register(eval_app)
    return eval_app


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, "utf-8")
    gold = read_tml(path)
    assert gold.text == "The mill closed yesterday after three years."
    assert gold.anchor is not None and gold.anchor.isoformat() == "2020-01-09"
    assert [gold.text[t.span[0] : t.span[1]] for t in gold.times] == ["yesterday", "three years"]


def expression(text: str, span: tuple[int, int], kind: str, value: str | None) -> TimeExpression:
    return TimeExpression(text, span, kind, value, DateValue())  # type: ignore[arg-type]


def test_score_document() -> None:
    gold = [GoldTime((0, 9), "DATE", "2020-01-08"), GoldTime((20, 31), "DURATION", "P3Y")]
    ours = [
        expression("yesterday", (0, 9), "date", "2020-01-08"),
        expression("three", (20, 25), "date", "P3Y"),
        expression("noise", (40, 45), "date", "2020"),
    ]
    scores, mistakes = score_document(gold, ours, "x" * 50)
    assert (scores.strict.matched, scores.relaxed.matched, scores.relaxed.predicted) == (1, 2, 3)
    assert scores.types.agreed == 1 and scores.values.agreed == 2
    figures = scores.figures()
    assert figures["value_accuracy"] == 1.0
    assert round(figures["value_f1"], 4) == round(2 * (2 / 3) * 1 / (2 / 3 + 1), 4)
    assert mistakes == []


def test_floor_logic() -> None:
    evaluation = TimebankEvaluation(1, 0.0, TimeScores(), floors={"value_accuracy": 0.5})
    assert evaluation.below_floor() == ["timebank value_accuracy 0.0000 < 0.5000"]
    unknown = TimebankEvaluation(1, 0.0, TimeScores(), floors={"nonsense": 0.1})
    assert "no such figure" in unknown.below_floor()[0]
    assert TimebankEvaluation(1, 0.0, TimeScores()).below_floor() == []


def test_command_on_a_tiny_corpus(tmp_path: Path) -> None:
    (tmp_path / "doc.tml").write_text(TML, "utf-8")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"timebank": {"value_accuracy": 1.01}}}), "utf-8")
    runner = CliRunner()
    args = ["times", "--data", str(tmp_path), "--json", "--floors", str(floors)]
    below = runner.invoke(app(), args)
    assert below.exit_code == 1, below.output
    report = json.loads(below.stdout)
    assert report["figures"]["value_accuracy"] == 1.0
    assert runner.invoke(app(), [*args, "--no-check"]).exit_code == 0
    missing = runner.invoke(app(), ["times", "--data", str(tmp_path / "none")])
    assert missing.exit_code == 2


def test_small_limit_on_timebank() -> None:
    data = shared_path("eval", "timebank")
    evaluation = evaluate_timebank(data, limit=5, floors={})
    assert evaluation.documents == 5
    assert evaluation.scores.relaxed.gold > 0
    assert evaluation.below_floor() == []


def test_full_timebank_holds_the_floors() -> None:
    data = shared_path("eval", "timebank")
    floors = load_floors(FLOORS)["timebank"]
    evaluation = evaluate_timebank(data, floors=floors)
    assert evaluation.documents == 183
    assert evaluation.below_floor() == [], evaluation.to_json()["figures"]
