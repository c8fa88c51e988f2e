"""What the place stage hands on: every place name of an article, resolved to a gazetteer entry
(coordinates, country, GeoNames id) when one fits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Span = tuple[int, int]
PlaceKind = Literal["country", "admin", "city", "region", "facility", "other"]


@dataclass(frozen=True, slots=True)
class Place:
    """One place name. `text` is exactly `article.text[span[0]:span[1]]`; `name` is the
    gazetteer's name (with a facility word kept: "Baghdad Airport"), or the text itself when
    nothing fits, and then `country`, `lat`, `lon` and `geonames_id` may be None."""

    text: str
    span: Span
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    geonames_id: int | None
    kind: PlaceKind

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": [self.span[0], self.span[1]],
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class PlaceLayer:
    """The place stage's output for one article, in text order."""

    places: tuple[Place, ...]

    def within(self, start: int, end: int) -> tuple[Place, ...]:
        """The places whose span lies inside [start, end)."""
        return tuple(p for p in self.places if start <= p.span[0] and p.span[1] <= end)


EMPTY_PLACES = PlaceLayer(())
