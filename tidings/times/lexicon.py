"""The time stage's knowledge: `tidings/data/times.yaml` plus month and weekday names from
`calendar.yaml`; loaded once per process, never at import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

LEXICON_FILE = "times.yaml"
CALENDAR_FILE = "calendar.yaml"
# calendar.yaml lists the seven full weekday names first, Monday first (ISO order), then
# abbreviations, each the start of its day's full name.
_DAYS_IN_WEEK = 7

_WORD_LISTS = (
    "vague_numbers",
    "modifiers",
    "ago_words",
    "weak_references",
    "set_quantifiers",
    "time_zones",
    "year_prepositions",
    "future_auxiliaries",
    "future_verbs",
    "approximators",
    "clock_approximators",
    "tens",
)
_INT_MAPS = (
    "numbers",
    "ordinals",
    "day_offsets",
    "halves",
    "directions",
    "meridiems",
    "decade_words",
)
_STR_MAPS = (
    "units",
    "day_parts_of_words",
    "parts_of_day",
    "seasons",
    "relation_words",
    "references",
    "set_words",
    "named_times",
)


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Every word list of times.yaml, lower case, and the calendar's names."""

    months: dict[str, int]
    weekdays: dict[str, int]
    words: dict[str, frozenset[str]]
    numbers: dict[str, dict[str, int]]
    names: dict[str, dict[str, str]]

    def word_list(self, key: str) -> frozenset[str]:
        return self.words[key]

    def ints(self, key: str) -> dict[str, int]:
        return self.numbers[key]

    def codes(self, key: str) -> dict[str, str]:
        return self.names[key]


def _data_file(name: str) -> dict[str, Any]:
    text = resources.files("tidings.data").joinpath(name).read_text("utf-8")
    return read_yaml_mapping(text, name)


def _word_list(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(LEXICON_FILE, f"{key}: expected a list of words")
    return frozenset(w.lower() for w in value)


def _mapping(data: dict[str, Any], key: str, kind: type) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, kind) for v in value.values()):
        raise ConfigError(LEXICON_FILE, f"{key}: expected a mapping of words to {kind.__name__}")
    return {str(word).lower(): v for word, v in value.items()}


def _weekdays(names: list[Any]) -> dict[str, int]:
    full = [str(name).lower() for name in names[:_DAYS_IN_WEEK]]
    days = {day: number for number, day in enumerate(full)}
    for name in (str(n).lower() for n in names[_DAYS_IN_WEEK:]):
        days.setdefault(name, next((i for i, day in enumerate(full) if day.startswith(name)), -1))
    return {name: number for name, number in days.items() if number >= 0}


@lru_cache(maxsize=1)
def load_time_lexicon() -> TimeLexicon:
    """The shipped lexicon (read once per process)."""
    data = _data_file(LEXICON_FILE)
    calendar = _data_file(CALENDAR_FILE)
    months = {
        str(name).lower(): int(number)
        for number, names in calendar.get("months", {}).items()
        for name in names
    }
    return TimeLexicon(
        months=months,
        weekdays=_weekdays(list(calendar.get("weekdays", []))),
        words={key: _word_list(data, key) for key in _WORD_LISTS},
        numbers={key: _mapping(data, key, int) for key in _INT_MAPS},
        names={key: _mapping(data, key, str) for key in _STR_MAPS},
    )
