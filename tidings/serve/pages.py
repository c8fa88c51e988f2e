"""The template environment: Jinja2 with autoescaping on for every template, whatever its name,
and the few filters the templates use to build links. Article content is never marked safe;
links put ids into a path segment or a query string, always percent-encoded."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from tidings.events.records import EVENT_TYPES

TEMPLATES = Path(__file__).parent / "templates"


# PLOVER types read as conflict or cooperation on the pages' badges (Goldstein's sign).
CONFLICT_TYPES = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
STATUSES = (
    "occurred",
    "claimed",
    "denied",
    "promised",
    "threatened",
    "demanded",
    "hypothetical",
    "negated",
)


def path_part(value: Any) -> str:
    """A value as one path segment: every reserved character percent-encoded."""
    return quote(str(value), safe="")


def query(**values: Any) -> str:
    """A query string of the values that are set ("?a=1&b=2", or "" when none is)."""
    pairs = [(k, str(v)) for k, v in values.items() if v not in (None, "", False)]
    return "?" + urlencode(pairs) if pairs else ""


def with_page(pairs: list[tuple[str, str]], offset: int) -> str:
    """A query string of `pairs` with `offset` set."""
    kept = [(k, v) for k, v in pairs if k != "offset"]
    if offset:
        kept.append(("offset", str(offset)))
    return "?" + urlencode(kept) if kept else "?"


def safe_url(value: Any) -> str | None:
    """An article's URL when it is an http(s) address, else None: a `javascript:` URL from an
    article must never become a link."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else None


def tone(event_type: Any) -> str:
    return "conflict" if str(event_type) in CONFLICT_TYPES else "cooperation"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, not only *.html
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = path_part
    env.filters["tone"] = tone
    env.filters["safe_url"] = safe_url
    env.globals["query"] = query
    env.globals["with_page"] = with_page
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["STATUSES"] = STATUSES
    return env


templates = Jinja2Templates(env=_environment())
