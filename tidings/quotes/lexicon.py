"""The quote stage's knowledge: cue verbs, multi-word cues, relay verbs and outlet nouns from
`tidings/data/quotes.yaml`, and outlet names from `outlets.yaml`; loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.clean.knowledge import load_page_knowledge
from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

LEXICON_FILE = "quotes.yaml"
_WORD_LISTS = (
    "cue_verbs",
    "infinitive_verbs",
    "quote_only_verbs",
    "continuing_verbs",
    "relay_verbs",
    "relay_agent_verbs",
    "via_prepositions",
    "outlet_nouns",
    "chain_pronouns",
    "non_speakers",
    "relative_pronouns",
    "object_verbs",
)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """What the stage reads cues, speakers and relays by (all lower case)."""

    cue_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    continuing_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    relay_agent_verbs: frozenset[str]
    via_prepositions: frozenset[str]
    outlet_nouns: frozenset[str]
    chain_pronouns: frozenset[str]
    non_speakers: frozenset[str]
    relative_pronouns: frozenset[str]
    object_verbs: frozenset[str]
    prepositional_cues: dict[str, frozenset[str]]
    according_to: tuple[tuple[str, ...], ...]
    outlet_names: frozenset[str]
    months: dict[str, int]
    day_offsets: dict[str, int]
    weekdays: dict[str, int]

    def is_cue(self, lemma: str) -> bool:
        return (
            lemma in self.cue_verbs
            or lemma in self.quote_only_verbs
            or lemma in self.object_verbs
            or lemma in self.prepositional_cues
        )


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(LEXICON_FILE, f"{key}: expected a list of words")
    return frozenset(w.lower() for w in value)


def _word_map(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v)
        for k, v in value.items()
    ):
        raise ConfigError(LEXICON_FILE, f"{key}: expected a mapping of words to word lists")
    return {k.lower(): frozenset(w.lower() for w in v) for k, v in value.items()}


def _offsets(data: dict[str, Any]) -> dict[str, int]:
    value = data.get("day_offsets")
    if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
        raise ConfigError(LEXICON_FILE, "day_offsets: expected a mapping of words to days")
    return {str(word).lower(): days for word, days in value.items()}


def _phrases(data: dict[str, Any], key: str) -> tuple[tuple[str, ...], ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(
        isinstance(p, list) and p and all(isinstance(w, str) for w in p) for p in value
    ):
        raise ConfigError(LEXICON_FILE, f"{key}: expected a list of word lists")
    return tuple(tuple(w.lower() for w in phrase) for phrase in value)


# calendar.yaml lists the seven full weekday names first, Monday first (ISO order), then
# abbreviations, each the start of its day's full name.
_DAYS_IN_WEEK = 7


def _weekdays(names: list[Any]) -> dict[str, int]:
    full = [str(name).lower() for name in names[:_DAYS_IN_WEEK]]
    days = {day: number for number, day in enumerate(full)}
    for name in (str(n).lower() for n in names[_DAYS_IN_WEEK:]):
        days.setdefault(name, next((i for i, day in enumerate(full) if day.startswith(name)), -1))
    return {name: number for name, number in days.items() if number >= 0}


def _data_file(name: str) -> dict[str, Any]:
    text = resources.files("tidings.data").joinpath(name).read_text("utf-8")
    return read_yaml_mapping(text, name)


@lru_cache(maxsize=1)
def load_quote_lexicon() -> QuoteLexicon:
    """The shipped lexicon (read once per process)."""
    data = _data_file(LEXICON_FILE)
    words = {key: _words(data, key) for key in _WORD_LISTS}
    page = load_page_knowledge()
    return QuoteLexicon(
        **words,
        according_to=_phrases(data, "according_to"),
        prepositional_cues=_word_map(data, "prepositional_cues"),
        outlet_names=frozenset(page.outlet_names),
        months=dict(page.months),
        day_offsets=_offsets(data),
        weekdays=_weekdays(list(_data_file("calendar.yaml").get("weekdays", []))),
    )
