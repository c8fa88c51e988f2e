"""The clean evaluation: the benchmark's shingle metric on small cases, the page dump, and (when
../shared holds the article-extraction benchmark) the figures against their pinned floors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, shared_path
from tidings.cli import app
from tidings.evaluate.clean import baseline_body, evaluate_clean, load_floors, page_dump
from tidings.evaluate.shingles import PageCounts, aggregate, page_counts, shingles

FLOORS = ROOT / "tests" / "eval_baseline.json"
BENCHMARK = ("eval", "article-extraction")


def test_shingles_are_word_4_grams_with_case_kept() -> None:
    assert shingles("One two, three four five!") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }
    assert shingles("Too short") == {("Too", "short"): 1}
    assert shingles("  ...  ") == {}


def test_page_counts_are_normalised_per_page() -> None:
    gold = "a b c d e f"
    assert page_counts(gold, gold) == PageCounts(1.0, 0.0, 0.0)
    half = page_counts(gold, "a b c d x y")
    assert (half.tp, half.fp, half.fn) == pytest.approx((1 / 5, 2 / 5, 2 / 5))
    assert page_counts(gold, "") == PageCounts(0.0, 0.0, 1.0)


def test_aggregate_means_precision_and_recall_then_takes_f1() -> None:
    scores = aggregate([PageCounts(1.0, 0.0, 0.0), PageCounts(0.0, 0.0, 1.0)])
    # The empty prediction has no precision (tp + fp = 0) but counts for recall.
    assert scores.precision == 1.0
    assert scores.recall == 0.5
    assert scores.f1 == pytest.approx(2 / 3)


def test_page_dump_puts_the_title_first_and_blocks_on_lines() -> None:
    html = (
        "<html><head><title>Bridge Closed</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><h1>Bridge Closed</h1>"
        "<p>The old bridge closed on <b>Monday</b>.</p><p>Drivers were sent round.</p>"
        "</body></html>"
    )
    lines = [ln for ln in page_dump(html).splitlines() if ln.strip()]
    assert lines[0] == "Bridge Closed"
    assert "The old bridge closed on Monday." in lines
    assert "Drivers were sent round." in lines
    assert not any("var x" in ln for ln in lines)
    assert lines.count("Bridge Closed") == 2  # <title> and <h1>, as a scraper's dump has them


def test_baseline_keeps_long_sentence_lines_only() -> None:
    long = "This line is long enough to be kept by the baseline because it ends like a sentence."
    assert baseline_body(f"Menu\n{long}\nA short one.\n{long[:-1]}") == long


def test_floors_file_is_well_formed() -> None:
    floors = load_floors(FLOORS)
    assert {"text", "html"} <= set(floors)
    # shares are in (0, 1]; a `max_` figure is a ceiling (extra events per sentence), not a share
    shares = [v for m in floors.values() for k, v in m.items() if not k.startswith("max_")]
    ceilings = [v for m in floors.values() for k, v in m.items() if k.startswith("max_")]
    assert all(0 < v <= 1 for v in shares) and all(v > 0 for v in ceilings)


def test_benchmark_figures_stay_above_their_floors() -> None:
    data = shared_path(*BENCHMARK)
    evaluation = evaluate_clean(data, paths=("text", "html"), floors=load_floors(FLOORS))
    assert evaluation.pages == len(json.loads((data / "ground-truth.json").read_text("utf-8")))
    assert evaluation.below_floor() == []


def test_cli_eval_clean_on_a_sample(tmp_path: Path) -> None:
    data = shared_path(*BENCHMARK)
    result = CliRunner().invoke(
        app, ["eval", "clean", "--data", str(data), "--limit", "3", "--path", "html", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["pages"] == 3
    assert set(figures["results"]) == {"html", "html-trafilatura"}


PAGE = """<html><head><title>{title} | Valley Courier</title></head><body>
<nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><p>{p1}</p><p>{p2}</p></article>
<footer>Copyright 2024 Valley Courier. All rights reserved.</footer></body></html>"""
GOLD_1 = (
    "The regional water board said on Tuesday that the reservoir above the valley had fallen to "
    "its lowest level in twenty years, and farmers will have to cut their use by a third."
)
GOLD_2 = (
    "Officials told a crowded meeting in the town hall that the cuts would last at least until "
    "the spring, when engineers expect the snow melt to refill part of the basin."
)


def _tiny_benchmark(folder: Path) -> Path:
    """Two pages written for this test, in the benchmark's layout."""
    (folder / "html").mkdir()
    truth = {}
    for n, title in enumerate(["Water Board Orders Cuts", "Reservoir at a Twenty-Year Low"]):
        html = PAGE.format(title=title, p1=GOLD_1, p2=GOLD_2)
        with gzip.open(folder / "html" / f"page{n}.html.gz", "wt", encoding="utf-8") as handle:
            handle.write(html)
        truth[f"page{n}"] = {"articleBody": f"{GOLD_1}\n{GOLD_2}", "url": None}
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


@pytest.mark.parametrize(("floor", "code"), [(0.5, 0), (1.01, 1)])
def test_cli_eval_clean_exits_1_below_a_floor(tmp_path: Path, floor: float, code: int) -> None:
    data = _tiny_benchmark(tmp_path)
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"text": {"f1": floor}, "html": {"f1": floor}}}))
    args = ["eval", "clean", "--data", str(data), "--floors", str(floors)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    # A --limit sample is not held to the floors.
    assert CliRunner().invoke(app, [*args, "--limit", "1"]).exit_code == 0


def test_cli_eval_clean_without_data_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "clean", "--data", str(tmp_path)])
    assert result.exit_code == 2


def test_classifier_cleaner_stands_in_for_the_pipeline() -> None:
    from tidings.evaluate.clean import BenchmarkPage, _classifier_cleaner, _document

    html = PAGE.format(title="Water Board Orders Cuts", p1=GOLD_1, p2=GOLD_2)
    page = BenchmarkPage("p", None, html, f"{GOLD_1}\n{GOLD_2}")
    for fmt, content in (("text", page_dump(html)), ("html", html)):
        body = _classifier_cleaner(_document(page, fmt, content))  # type: ignore[arg-type]
        assert GOLD_1 in body and GOLD_2 in body and "Home" not in body
