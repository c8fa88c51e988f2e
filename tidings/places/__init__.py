"""The place stage (after actors): every place name of an article, resolved to a GeoNames
entry (coordinates, country, id) with the article's countries as context."""

from tidings.places.records import EMPTY_PLACES, Place, PlaceKind, PlaceLayer
from tidings.places.stage import resolve_places

__all__ = ["EMPTY_PLACES", "Place", "PlaceKind", "PlaceLayer", "resolve_places"]
