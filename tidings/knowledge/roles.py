"""The role lexicon (`data/actors/roles.yaml`): sectors, role nouns, group nouns, titles, time
prefixes, alignment words and the prepositions that change what a name stands for.

Phrases are matched as sequences of words: lower-case, letters and digits only, so "Brig. Gen."
and "brig gen" are one phrase and a hyphen inside "then-US" joins nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from tidings.errors import ConfigError
from tidings.knowledge.phoenix_agents import phoenix_agents
from tidings.yaml_mapping import read_yaml_mapping

Phrase = tuple[str, ...]
TimeSense = Literal["past", "current", "future"]
ROLES_FILE = "roles.yaml"
_WORD = re.compile(r"[a-z0-9]+")
_TIME_SENSES = ("past", "current", "future")


def phrase_words(text: str) -> Phrase:
    """The words a lexicon phrase or a token is compared by."""
    return tuple(_WORD.findall(text.lower()))


def plural_of(noun: str) -> str:
    """English plural of the last word of a role noun, by rule."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if len(noun) > 1 and noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A role or group noun found in text: its lexicon key (singular), sector, and number."""

    key: str
    sector: str | None
    plural: bool


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    sectors: Mapping[str, str]
    roles: Mapping[str, str]
    generic_roles: frozenset[str]
    offices: frozenset[str]
    country_offices: frozenset[str]
    senses: Mapping[str, tuple[str, ...]]
    role_phrases: Mapping[Phrase, RoleWord]
    title_phrases: Mapping[Phrase, str | None]
    time_prefixes: Mapping[Phrase, TimeSense]
    alignment_suffixes: frozenset[str]
    alignment_prefixes: frozenset[str]
    alignment_phrases: frozenset[Phrase]
    target_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    descriptive_modifiers: frozenset[str]
    focus_sectors: frozenset[str]
    unfocused_roles: frozenset[str]
    thing_name_heads: frozenset[str]
    thing_names: frozenset[str]
    feature_name_heads: frozenset[str]
    feature_name_starts: frozenset[str]
    worldwide_modifiers: frozenset[str]
    domestic_sectors: frozenset[str]
    unplaced_sectors: frozenset[str]
    people_quantities: frozenset[str]
    leading_verbs: frozenset[str]
    usual_countries: Mapping[str, str]
    located_sectors: frozenset[str]
    state_body_sectors: frozenset[str]
    state_owned_sectors: frozenset[str]
    person_owned_sectors: frozenset[str]
    pronouns: Mapping[str, str | None]
    longest: int

    def sector_label(self, code: str) -> str:
        return self.sectors.get(code, code)

    def role_keys(self, key: str) -> tuple[str, ...]:
        """The role nouns of the actor files a role word may name: itself, then its senses
        ("chancellor" -> "chancellor", "chancellor of the exchequer")."""
        return (key, *self.senses.get(key, ()))


def longest_match(
    table: Mapping[Phrase, Any], words: Sequence[str | None], start: int, longest: int
) -> tuple[int, Any] | None:
    """The longest phrase of `table` that `words` spells from `start`: (word count, value).
    A None in `words` is a break (a comma, a quote) no phrase runs across."""
    for size in range(min(longest, len(words) - start), 0, -1):
        window = words[start : start + size]
        if None in window:
            continue
        phrase = tuple(w for w in window if w is not None)
        if phrase in table:
            return size, table[phrase]
    return None


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ConfigError(ROLES_FILE, f"{key!r} must be a mapping")
    return value


def _words_list(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(ROLES_FILE, f"{key!r} must be a list of words")
    return value


def _role_phrases(
    roles: dict[str, Any],
    groups: dict[str, Any],
    plurals: dict[str, Any],
    singular: frozenset[str] = frozenset(),
) -> dict[Phrase, RoleWord]:
    table: dict[Phrase, RoleWord] = {}
    for noun, sector in roles.items():
        table[phrase_words(noun)] = RoleWord(noun, sector, plural=False)
        if noun in singular:
            continue  # "speakers at a rally" hold no office
        words = noun.split()
        plural = plurals.get(noun) or plural_of(words[-1])
        table[phrase_words(" ".join([*words[:-1], plural]))] = RoleWord(noun, sector, plural=True)
    for noun, sector in groups.items():
        table.setdefault(phrase_words(noun), RoleWord(noun, sector, plural=True))
    return table


def _check_sectors(roles_file: dict[str, Any], sectors: dict[str, Any]) -> None:
    for key in ("roles", "group_nouns", "titles"):
        for noun, sector in _mapping(roles_file, key).items():
            if sector is not None and sector not in sectors:
                raise ConfigError(ROLES_FILE, f"{key}.{noun}: unknown sector {sector!r}")
    for prefix, sense in _mapping(roles_file, "time_prefixes").items():
        if sense not in _TIME_SENSES:
            raise ConfigError(
                ROLES_FILE,
                f"time_prefixes.{prefix}: {sense!r} is not one of {', '.join(_TIME_SENSES)}",
            )


def _senses(data: dict[str, Any], roles: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    senses: dict[str, tuple[str, ...]] = {}
    for noun, targets in _mapping(data, "senses").items():
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise ConfigError(ROLES_FILE, f"senses.{noun}: must be a list of role nouns")
        unknown = [t for t in (noun, *targets) if t not in roles]
        if unknown:
            raise ConfigError(ROLES_FILE, f"senses.{noun}: {unknown[0]!r} is not a role noun")
        senses[str(noun)] = tuple(targets)
    return senses


@lru_cache(maxsize=1)
def load_role_lexicon() -> RoleLexicon:
    """The shipped role lexicon, read once per process."""
    text = resources.files("tidings.data").joinpath("actors", ROLES_FILE).read_text("utf-8")
    data = read_yaml_mapping(text, ROLES_FILE)
    sectors = _mapping(data, "sectors")
    _check_sectors(data, sectors)
    # Phoenix agent nouns ("farmer", "blogger") below the hand-made ones, which win.
    agents = {noun: sector for noun, sector in phoenix_agents().items() if sector in sectors}
    roles = {**agents, **_mapping(data, "roles")}
    singular = frozenset(_words_list(data, "singular_roles"))
    phrases = _role_phrases(
        roles, _mapping(data, "group_nouns"), _mapping(data, "plurals"), singular
    )
    titles = {phrase_words(t): s for t, s in _mapping(data, "titles").items()}
    times = {phrase_words(p): s for p, s in _mapping(data, "time_prefixes").items()}
    alignment = _mapping(data, "alignment")
    all_phrases = [*phrases, *titles, *times]
    return RoleLexicon(
        sectors={str(k): str(v) for k, v in sectors.items()},
        roles={str(k): str(v) for k, v in roles.items()},
        generic_roles=frozenset(_words_list(data, "generic_roles")),
        offices=frozenset(_words_list(data, "offices")),
        country_offices=frozenset(_words_list(data, "country_offices")),
        senses=_senses(data, roles),
        role_phrases=phrases,
        title_phrases=titles,
        time_prefixes=times,
        alignment_suffixes=frozenset(_words_list(alignment, "hyphen_suffixes")),
        alignment_prefixes=frozenset(_words_list(alignment, "prefixes")),
        alignment_phrases=frozenset(phrase_words(p) for p in _words_list(alignment, "phrases")),
        target_prepositions=frozenset(_words_list(data, "target_prepositions")),
        place_prepositions=frozenset(_words_list(data, "place_prepositions")),
        descriptive_modifiers=frozenset(_words_list(data, "descriptive_modifiers")),
        focus_sectors=frozenset(_words_list(data, "focus_sectors")),
        unfocused_roles=frozenset(_words_list(data, "unfocused_roles")),
        thing_name_heads=frozenset(w.lower() for w in _words_list(data, "thing_name_heads")),
        thing_names=frozenset(w.lower() for w in _words_list(data, "thing_names")),
        feature_name_heads=frozenset(w.lower() for w in _words_list(data, "feature_name_heads")),
        feature_name_starts=frozenset(w.lower() for w in _words_list(data, "feature_name_starts")),
        worldwide_modifiers=frozenset(w.lower() for w in _words_list(data, "worldwide_modifiers")),
        domestic_sectors=frozenset(_words_list(data, "domestic_sectors")),
        unplaced_sectors=frozenset(_words_list(data, "unplaced_sectors")),
        people_quantities=frozenset(_words_list(data, "people_quantities")),
        leading_verbs=frozenset(_words_list(data, "leading_verbs")),
        usual_countries={
            str(k).lower(): str(v) for k, v in _mapping(data, "usual_countries").items()
        },
        located_sectors=frozenset(_words_list(data, "located_sectors")),
        state_body_sectors=frozenset(_words_list(data, "state_body_sectors")),
        state_owned_sectors=frozenset(_words_list(data, "state_owned_sectors")),
        person_owned_sectors=frozenset(_words_list(data, "person_owned_sectors")),
        pronouns={str(k): v for k, v in _mapping(data, "pronouns").items()},
        longest=max(len(p) for p in all_phrases),
    )
