"""Place names against LGL (Lieberman, Samet & Sankaranarayanan 2010: 588 US local news
articles, 5,088 toponyms, most resolved to GeoNames), as `lgl.xml`.

Each article's text is parsed as it is (no clean, so gold offsets hold), actors are resolved
and `tidings.places.resolve_places` runs on it. Figures, micro-averaged over the corpus:

* Recognition P/R/F1: a predicted place matches a gold toponym when they share at least half
  of the shorter span (`brat.OVERLAP_SHARE`), one-to-one, largest overlap first.
  P = matched / predicted, R = matched / gold toponyms.
* Accuracy at 161 km (100 miles, the customary threshold; Mordecai 3 reports 82.7 on LGL): over
  the matched pairs whose gold toponym has coordinates, the share whose predicted point lies
  within 161 km of the gold point (great-circle distance); a place left unresolved counts as
  wrong. End to end: the same hits over every gold toponym with coordinates.
* Mean and median error (km) over the matched pairs where both sides have a point.
* Gazetteer coverage: the share of gold toponyms with a GeoNames id whose id is in our
  gazetteer at all (cities of `gazetteer.min_city_population` people or more in places.yaml,
  countries, US states, continents): an upper bound on what exact resolution could reach.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.actors import resolve_actors
from tidings.errors import ConfigError
from tidings.evaluate.brat import Counts, match_overlap
from tidings.evaluate.gold_parse import gold_article, parse_gold
from tidings.knowledge import load_actor_base
from tidings.parse.parsed import ParsedArticle
from tidings.places import Place, resolve_places
from tidings.places.gazetteer import load_gazetteer
from tidings.settings import Settings, load_settings

GOLD_FILE = "lgl.xml"
# 100 miles: the threshold geoparsing papers report accuracy at (Leidner 2008 onwards).
WITHIN_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: tuple[int, int]
    phrase: str
    geonames_id: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldGeoArticle:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _toponym(node: ET.Element) -> GoldToponym:
    tag = node.find("gaztag")
    gid = lat = lon = None
    if tag is not None:
        gid = int(tag.get("geonameid", "0")) or None
        lat_text, lon_text = tag.findtext("lat"), tag.findtext("lon")
        lat = float(lat_text) if lat_text else None
        lon = float(lon_text) if lon_text else None
    span = (int(node.findtext("start", "0")), int(node.findtext("end", "0")))
    return GoldToponym(span, node.findtext("phrase", ""), gid, lat, lon)


def load_lgl(data_dir: Path, limit: int | None = None) -> list[GoldGeoArticle]:
    path = data_dir / GOLD_FILE
    if not path.is_file():
        raise ConfigError(str(data_dir), f"no {GOLD_FILE} here")
    articles: list[GoldGeoArticle] = []
    for node in ET.parse(path).getroot().iter("article"):
        if limit is not None and len(articles) >= limit:
            break
        toponyms = tuple(_toponym(t) for t in node.iter("toponym"))
        articles.append(GoldGeoArticle(node.get("docid", ""), node.findtext("text", ""), toponyms))
    return articles


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True, slots=True)
class GeoScores:
    recognition: Counts = field(default_factory=Counts)
    resolvable: int = 0  # matched pairs whose gold toponym has a point
    within: int = 0  # of those, predicted within WITHIN_KM
    gold_points: int = 0  # gold toponyms with a point (end-to-end denominator)
    gold_ids: int = 0  # gold toponyms with a GeoNames id
    covered: int = 0  # of those, ids our gazetteer holds
    errors_km: tuple[float, ...] = ()

    def __add__(self, other: GeoScores) -> GeoScores:
        return GeoScores(
            self.recognition + other.recognition,
            self.resolvable + other.resolvable,
            self.within + other.within,
            self.gold_points + other.gold_points,
            self.gold_ids + other.gold_ids,
            self.covered + other.covered,
            self.errors_km + other.errors_km,
        )

    def figures(self) -> dict[str, float]:
        """The figures floors may name."""
        return {
            "recognition_precision": self.recognition.precision,
            "recognition_recall": self.recognition.recall,
            "recognition_f1": self.recognition.f1,
            "accuracy_161km": _rate(self.within, self.resolvable),
            "end_to_end_161km": _rate(self.within, self.gold_points),
            "gazetteer_coverage": _rate(self.covered, self.gold_ids),
        }


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class GeoEvaluation:
    articles: int
    toponyms: int
    seconds: float
    scores: GeoScores
    floors: dict[str, float] = field(default_factory=dict)

    def below_floor(self) -> list[str]:
        """Each figure under its floor, as "places metric value < floor"."""
        figures = self.scores.figures()
        failures = []
        for metric, floor in self.floors.items():
            value = figures.get(metric)
            if value is None:
                failures.append(f"places {metric}: no such figure (known: {sorted(figures)})")
            elif value < floor:
                failures.append(f"places {metric} {value:.4f} < {floor:.4f}")
        return failures

    def to_json(self) -> dict[str, Any]:
        s = self.scores
        errors = s.errors_km
        return {
            "articles": self.articles,
            "toponyms": self.toponyms,
            "seconds": round(self.seconds, 2),
            "recognition": {
                "predicted": s.recognition.predicted,
                "gold": s.recognition.gold,
                "matched": s.recognition.matched,
            },
            "resolution": {"pairs_with_gold_point": s.resolvable, "within_161km": s.within},
            "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
            "median_error_km": round(statistics.median(errors), 1) if errors else None,
            "figures": {k: round(v, 4) for k, v in s.figures().items()},
            "floors": self.floors,
            "below_floor": self.below_floor(),
        }


def score_article(gold: GoldGeoArticle, places: Sequence[Place], known_ids: set[int]) -> GeoScores:
    pairs = match_overlap([(p.span,) for p in places], [(g.span,) for g in gold.toponyms])
    resolvable = within = 0
    errors: list[float] = []
    for i, j in pairs:
        ours, truth = places[i], gold.toponyms[j]
        if truth.lat is None or truth.lon is None:
            continue
        resolvable += 1
        if ours.lat is None or ours.lon is None:
            continue
        km = distance_km(ours.lat, ours.lon, truth.lat, truth.lon)
        errors.append(km)
        within += km <= WITHIN_KM
    ids = [g.geonames_id for g in gold.toponyms if g.geonames_id is not None]
    return GeoScores(
        Counts(len(places), len(gold.toponyms), len(pairs)),
        resolvable,
        within,
        sum(1 for g in gold.toponyms if g.lat is not None and g.lon is not None),
        len(ids),
        sum(1 for i in ids if i in known_ids),
        tuple(errors),
    )


def _parsed(articles: Sequence[GoldGeoArticle], settings: Settings) -> Iterator[ParsedArticle]:
    return parse_gold((gold_article(a.text, path=a.docid) for a in articles), settings)


def evaluate_geo(
    data: Path,
    *,
    limit: int | None = None,
    floors: dict[str, float] | None = None,
    settings: Settings | None = None,
) -> GeoEvaluation:
    """Recognise and resolve the place names of LGL's articles and score them."""
    started = time.perf_counter()
    settings = settings or load_settings()
    articles = load_lgl(data, limit)
    base = load_actor_base(settings.actors.files)
    gazetteer = load_gazetteer()
    known_ids = set(gazetteer.by_id)
    scores = GeoScores()
    for gold, parsed in zip(articles, _parsed(articles, settings), strict=True):
        layer = resolve_places(parsed, resolve_actors(parsed, base=base), base=base)
        scores += score_article(gold, layer.places, known_ids)
    return GeoEvaluation(
        articles=len(articles),
        toponyms=sum(len(a.toponyms) for a in articles),
        seconds=time.perf_counter() - started,
        scores=scores,
        floors=floors or {},
    )
