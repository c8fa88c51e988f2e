"""Every list of the API as CSV (`?format=csv`): `text/csv`, a header row, then the items of
the same page, with the same filters and in the same order as the JSON. A list or an object
in a cell (an event's outlets, its disagreements) is written as JSON, which a CSV reader can
split unambiguously. The header is fixed per list, so an empty page still names its columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import Response

EVENT_COLUMNS = (
    "id",
    "type",
    "status",
    "source_id",
    "source_name",
    "source_country",
    "target_id",
    "target_name",
    "target_country",
    "date_value",
    "date_precision",
    "date_basis",
    "location",
    "articles",
    "outlets",
    "first_report",
    "last_report",
    "discrepancies",
    "complete",
    "reports",
    "sentence",
    "first_article",
)
ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "byline", "url", "events")
ACTOR_COLUMNS = ("id", "name", "kind", "country", "articles", "events")
QUOTE_COLUMNS = (
    "article_id",
    "seq",
    "kind",
    "text",
    "statement",
    "speaker",
    "speaker_id",
    "via",
    "date",
    "title",
    "outlet",
)
STORY_COLUMNS = ("articles", "clusters")
TIMELINE_COLUMNS = (
    "period",
    "start",
    "end",
    "events",
    "reports",
    "conflict",
    "cooperation",
    "goldstein_mean",
)
PLACE_COLUMNS = ("name", "lat", "lon", "events", "types")


class ListFormat(StrEnum):
    json = "json"
    csv = "csv"


Format = Annotated[
    ListFormat,
    Query(alias="format", description="json (the default) or csv: a header row, then the items."),
]


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def csv_text(items: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """The items as CSV text: a header of `columns`, one row per item."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return out.getvalue()


def csv_response(
    items: Iterable[dict[str, Any]], columns: Sequence[str], *, filename: str | None = None
) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}
    return Response(csv_text(items, columns), media_type="text/csv; charset=utf-8", headers=headers)
