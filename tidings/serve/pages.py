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


# Quotation marks a stored quote may carry at its ends; the pages add their own (<q>).
_QUOTE_MARKS = "\"'“”‘’«»„"


def bare_quote(value: Any) -> str:
    """A quote's words without the quotation marks around them, which the page's <q> adds,
    so that it never reads “"The sides agreed …"”."""
    text = str(value or "").strip()
    while len(text) >= 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        text = text[1:-1].strip()
    if text[:1] in _QUOTE_MARKS and not any(m in text[1:] for m in _QUOTE_MARKS):
        text = text[1:].lstrip()  # an opening mark whose close the quote did not keep
    return text


def readable_id(value: Any) -> str:
    """An actor id as words when no article names it: "u:defence-ministry" -> "Defence
    ministry", "u:person:gbr-chancellor" -> "Gbr chancellor"."""
    text = str(value or "")
    if ":" not in text and "-" not in text:
        return text
    words = text.rsplit(":", 1)[-1].replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else text


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
    env.filters["bare_quote"] = bare_quote
    env.filters["readable_id"] = readable_id
    env.globals["query"] = query
    env.globals["with_page"] = with_page
    env.globals["EVENT_TYPES"] = EVENT_TYPES
    env.globals["STATUSES"] = STATUSES
    return env


templates = Jinja2Templates(env=_environment())
