"""How well clean recovers article bodies, on the article-extraction benchmark.

The benchmark (scrapinghub/article-extraction-benchmark) is a folder with `html/<id>.html.gz`
pages and `ground-truth.json` (`{id: {"articleBody": ..., "url": ...}}`). Every figure is the
benchmark's own word 4-gram shingle precision/recall/F1 (`tidings.evaluate.shingles`).

Paths measured:

* ``text``: the way users feed us most news, as plain text. Each page is first made into a
  whole-page text dump as a scraper would deliver it (`page_dump`: the <title> on the first
  line, then all visible text, one line per block element), then cleaned by the plain-text
  pipeline (`clean_document`, format "text"); the bodies of all stories found are joined.
* ``text-baseline``: the same dump, keeping only lines of at least 70 characters that end like
  a sentence: the obvious heuristic the classifier has to beat.
* ``text-dump``: the dump as it is (all text kept), for scale.
* ``html``: `clean_document` on the HTML (trafilatura, then `judge_lines(mode="extracted")`).
* ``html-trafilatura``: `extract_html` alone, to show the gentle pass costs nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import html_text

from tidings.clean.html import extract_html
from tidings.clean.line_features import ends_sentence
from tidings.errors import ConfigError, InputRejected
from tidings.evaluate.shingles import Scores, aggregate, page_counts
from tidings.ingest.document import ContentFormat, Document, Hints

# The shortest line the baseline keeps: jusText's "short" bound.
BASELINE_MIN_CHARS = 70
TEXT_PATHS = ("text", "text-baseline", "text-dump")
HTML_PATHS = ("html", "html-trafilatura")
ALL_PATHS = TEXT_PATHS + HTML_PATHS
# Which figures each --path choice measures.
PATH_GROUPS: dict[str, tuple[str, ...]] = {
    "text": TEXT_PATHS,
    "html": HTML_PATHS,
    "both": ALL_PATHS,
}


@dataclass(frozen=True, slots=True)
class BenchmarkPage:
    id: str
    url: str | None
    html: str
    gold: str


@dataclass(frozen=True, slots=True)
class PathResult:
    path: str
    scores: Scores
    seconds: float


@dataclass(frozen=True, slots=True)
class CleanEvaluation:
    """The figures of one run, and whether the clean pipeline or the bare classifier ran."""

    results: list[PathResult]
    pages: int
    seconds: float
    via_pipeline: bool
    floors: dict[str, dict[str, float]] = field(default_factory=dict)

    def below_floor(self) -> list[str]:
        """Each figure under its floor, as "path metric value < floor"."""
        failures = []
        for result in self.results:
            for metric, floor in self.floors.get(result.path, {}).items():
                value = getattr(result.scores, metric)
                if value < floor:
                    failures.append(f"{result.path} {metric} {value:.4f} < {floor:.4f}")
        return failures

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "via_pipeline": self.via_pipeline,
            "results": {
                r.path: {
                    "precision": round(r.scores.precision, 4),
                    "recall": round(r.scores.recall, 4),
                    "f1": round(r.scores.f1, 4),
                    "seconds": round(r.seconds, 2),
                }
                for r in self.results
            },
            "floors": self.floors,
            "below_floor": self.below_floor(),
        }


def load_benchmark(data_dir: Path, limit: int | None = None) -> list[BenchmarkPage]:
    """The pages of the benchmark folder, in id order, the first `limit` of them."""
    truth_path = data_dir / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(str(truth_path), f"cannot read the gold bodies ({exc})") from exc
    pages = []
    for page_id in sorted(truth)[:limit]:
        html_path = data_dir / "html" / f"{page_id}.html.gz"
        try:
            with gzip.open(html_path, "rt", encoding="utf-8", errors="replace") as handle:
                html = handle.read()
        except OSError as exc:
            raise ConfigError(str(html_path), f"cannot read the page ({exc})") from exc
        entry = truth[page_id]
        pages.append(BenchmarkPage(page_id, entry.get("url"), html, entry.get("articleBody") or ""))
    return pages


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """The pinned floors: `{path: {metric: floor}}`."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(str(path), f"cannot read the floors ({exc})") from exc
    floors = data.get("floors", data)
    if not isinstance(floors, dict):
        raise ConfigError(str(path), "floors must be a mapping of path to metric floors")
    return {
        name: {metric: float(v) for metric, v in metrics.items()}
        for name, metrics in floors.items()
        if isinstance(metrics, dict)
    }


def page_dump(html: str) -> str:
    """A whole-page text dump as a scraper delivers it: the <title> text on the first line, then
    every visible text, one line per block element (html-text with layout guessing)."""
    tree = html_text.parse_html(html)
    title = ""
    for element in tree.iter("title"):
        title = title or " ".join(element.text_content().split())
        element.drop_tree()
    body = html_text.extract_text(tree, guess_layout=True)
    return f"{title}\n{body}" if title else body


def baseline_body(dump: str) -> str:
    """Lines of at least BASELINE_MIN_CHARS characters that end like a sentence."""
    lines = (line.strip() for line in dump.splitlines())
    return "\n".join(ln for ln in lines if len(ln) >= BASELINE_MIN_CHARS and ends_sentence(ln))


def _document(page: BenchmarkPage, fmt: ContentFormat, content: str) -> Document:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return Document(
        path=f"{page.id}.{'txt' if fmt == 'text' else 'html'}",
        format=fmt,
        content=content,
        sha256=digest,
        hints=Hints(url=page.url),
    )


Cleaner = Callable[[Document], str]


def _pipeline_cleaner() -> Cleaner | None:
    """`clean_document` joined to one text, when the clean pipeline is installed."""
    try:
        from tidings.clean.pipeline import clean_document
    except ImportError:
        return None

    def clean(doc: Document) -> str:
        try:
            return "\n\n".join(article.text for article in clean_document(doc))
        except InputRejected:
            return ""

    return clean


def _classifier_cleaner(doc: Document) -> str:
    """Without the pipeline: the classifier alone, the first line taken as the title."""
    from tidings.clean.boilerplate import judge_lines

    if doc.format == "html":
        lines = [ln.strip() for ln in extract_html(doc.content).text.splitlines() if ln.strip()]
        verdicts = judge_lines(lines, mode="extracted")
    else:
        all_lines = [ln.strip() for ln in doc.content.splitlines() if ln.strip()]
        title, lines = (all_lines[0], all_lines[1:]) if all_lines else (None, [])
        verdicts = judge_lines(lines, mode="page", title=title)
    return "\n\n".join(ln for ln, v in zip(lines, verdicts, strict=True) if v.keep)


def _score(pages: Sequence[BenchmarkPage], bodies: Iterable[str]) -> Scores:
    return aggregate(page_counts(p.gold, body) for p, body in zip(pages, bodies, strict=True))


def _measure(
    name: str, pages: Sequence[BenchmarkPage], produce: Callable[[BenchmarkPage], str]
) -> PathResult:
    started = time.perf_counter()
    bodies = [produce(page) for page in pages]
    return PathResult(name, _score(pages, bodies), time.perf_counter() - started)


def evaluate_clean(
    data_dir: Path,
    *,
    paths: Sequence[str] = ALL_PATHS,
    limit: int | None = None,
    floors: dict[str, dict[str, float]] | None = None,
) -> CleanEvaluation:
    """Score the requested `paths` (names from ALL_PATHS) on the benchmark in `data_dir`."""
    unknown = [p for p in paths if p not in ALL_PATHS]
    if unknown:
        raise ValueError(f"unknown evaluation paths {unknown}; known: {list(ALL_PATHS)}")
    started = time.perf_counter()
    pages = load_benchmark(data_dir, limit)
    pipeline = _pipeline_cleaner()
    clean: Cleaner = pipeline or _classifier_cleaner
    dumps: dict[str, str] = {}

    def dump(page: BenchmarkPage) -> str:
        if page.id not in dumps:
            dumps[page.id] = page_dump(page.html)
        return dumps[page.id]

    producers: dict[str, Callable[[BenchmarkPage], str]] = {
        "text": lambda p: clean(_document(p, "text", dump(p))),
        "text-baseline": lambda p: baseline_body(dump(p)),
        "text-dump": dump,
        "html": lambda p: clean(_document(p, "html", p.html)),
        "html-trafilatura": lambda p: extract_html(p.html, url=p.url).text,
    }
    # trafilatura logs a warning for every page it finds odd; the figures say what matters.
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        results = [_measure(name, pages, producers[name]) for name in paths]
    finally:
        logger.setLevel(level)
    return CleanEvaluation(
        results=results,
        pages=len(pages),
        seconds=time.perf_counter() - started,
        via_pipeline=pipeline is not None,
        floors=floors or {},
    )
