"""The page-reading knowledge of the clean stage (credits, captions, bylines, datelines, outlet
names, calendar words), loaded from data files once per process, never at import."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping


@dataclass(frozen=True, slots=True)
class PageKnowledge:
    credit_patterns: tuple[re.Pattern[str], ...]
    byline_patterns: tuple[re.Pattern[str], ...]
    caption_patterns: tuple[re.Pattern[str], ...]
    dateline_patterns: tuple[re.Pattern[str], ...]
    outlet_names: dict[str, str]  # lower-cased alias -> canonical name
    photo_agencies: tuple[str, ...]
    months: dict[str, int]  # lower-cased month name or abbreviation -> 1..12
    weekdays: frozenset[str]
    date_line_words: frozenset[str]


def _load_yaml(name: str, extra: Path | None = None) -> dict[str, Any]:
    if extra is not None:
        text, origin = extra.read_text("utf-8"), str(extra)
    else:
        text, origin = resources.files("tidings.data").joinpath(name).read_text("utf-8"), name
    return read_yaml_mapping(text, origin)


def _compile(
    patterns: Sequence[str], origin: str, *, ignore_case: bool
) -> tuple[re.Pattern[str], ...]:
    flags = re.IGNORECASE if ignore_case else 0
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as exc:
            raise ConfigError(origin, f"bad pattern {pattern!r}: {exc}") from exc
    return tuple(compiled)


@lru_cache(maxsize=1)
def load_page_knowledge() -> PageKnowledge:
    meta = _load_yaml("page_metadata.yaml")
    outlets = _load_yaml("outlets.yaml")
    calendar = _load_yaml("calendar.yaml")
    names: dict[str, str] = {}
    for entry in outlets.get("outlets", []):
        for alias in [entry["name"], *entry.get("aliases", [])]:
            names[str(alias).lower()] = str(entry["name"])
    months = {str(n).lower(): int(k) for k, ns in calendar["months"].items() for n in ns}
    return PageKnowledge(
        credit_patterns=_compile(meta["credit_patterns"], "page_metadata.yaml", ignore_case=True),
        byline_patterns=_compile(meta["byline_patterns"], "page_metadata.yaml", ignore_case=False),
        # Caption credits such as "REUTERS/Name" are told by their capitals: match case-sensitively
        # except for the leading cue words, which the patterns spell in both cases themselves.
        caption_patterns=_compile(
            meta["caption_patterns"], "page_metadata.yaml", ignore_case=False
        ),
        dateline_patterns=_compile(
            meta["dateline_patterns"], "page_metadata.yaml", ignore_case=False
        ),
        outlet_names=names,
        photo_agencies=tuple(str(a).lower() for a in outlets.get("photo_agencies", [])),
        months=months,
        weekdays=frozenset(str(w).lower() for w in calendar["weekdays"]),
        date_line_words=frozenset(str(w).lower() for w in calendar["date_line_words"]),
    )


# An all-capitals outlet name of at least this many letters is title-cased ("NORDNEWS" ->
# "Nordnews"); shorter ones are acronyms ("AP", "BBC", "CNN") and stay as written.
ACRONYM_MAX_LETTERS = 4


def canonical_outlet(raw: str, knowledge: PageKnowledge) -> str | None:
    name = raw.strip(" .,:;-–—()[]\"'“”‘’")
    if not name or len(name) > 80:
        return None
    known = knowledge.outlet_names.get(name.lower())
    if known:
        return known
    letters = [c for c in name if c.isalpha()]
    if name.isupper() and len(letters) > ACRONYM_MAX_LETTERS:
        return name.title()
    return name
