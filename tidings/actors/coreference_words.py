"""The words coreference reads (`data/actors/coreference.yaml`): pronouns with their gender,
number, kinds and case; description head nouns with the kinds and sector they fit; nouns that
describe a person; titles and first names that give a gender; and how far back each kind of
reference looks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

COREFERENCE_FILE = "coreference.yaml"
Case = Literal["subject", "object", "possessive"]
_CASES: tuple[Case, ...] = ("subject", "object", "possessive")
_KINDS = frozenset({"person", "organization", "country", "place", "other"})
_GENDERS = frozenset({"m", "f"})


@dataclass(frozen=True, slots=True)
class PronounWord:
    gender: str | None
    plural: bool
    kinds: frozenset[str]
    case: Case


@dataclass(frozen=True, slots=True)
class DescriptionNoun:
    kinds: frozenset[str]
    sector: str | None
    generic: bool
    # With no antecedent near: the article's focus country ("the government" in a story that
    # keeps naming one country is that country's).
    focus: bool = False
    # With no antecedent by name or sector: the one actor of its kinds named near before it,
    # if there is just one ("Aid reached Novalia ... the Andean country").
    sole: bool = False


@dataclass(frozen=True, slots=True)
class CoreferenceWords:
    pronouns: Mapping[str, PronounWord]
    descriptions: Mapping[str, DescriptionNoun]
    person_nouns: Mapping[str, str | None]
    gender_titles: Mapping[str, str]
    first_name_titles: frozenset[str]
    # first name -> "m" or "f" ("keith": "m")
    first_names: Mapping[str, str]
    pageant_titles: frozenset[str]
    pageant_words: frozenset[str]
    binding_subordinators: frozenset[str]
    determiners: frozenset[str]
    dummy_it_verbs: frozenset[str]
    thing_pronoun_sentences: int
    person_pronoun_sentences: int
    description_sentences: int


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ConfigError(COREFERENCE_FILE, f"{key}: must be a mapping")
    return value


def _count(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or value < 0:
        raise ConfigError(COREFERENCE_FILE, f"{key}: must be a whole number, 0 or more")
    return value


def _words(data: Mapping[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ConfigError(COREFERENCE_FILE, f"{key}: must be a list of words")
    return frozenset(str(word).lower() for word in value)


def _kinds(where: str, value: Any) -> frozenset[str]:
    kinds = frozenset(str(k) for k in value or ())
    if not kinds or not kinds <= _KINDS:
        raise ConfigError(COREFERENCE_FILE, f"{where}.kinds: one or more of {sorted(_KINDS)}")
    return kinds


def _gender(where: str, value: Any) -> str | None:
    if value is not None and value not in _GENDERS:
        raise ConfigError(COREFERENCE_FILE, f"{where}: gender is m, f or null, not {value!r}")
    return None if value is None else str(value)


def _pronoun(word: str, entry: Any) -> PronounWord:
    where = f"pronouns.{word}"
    if not isinstance(entry, dict):
        raise ConfigError(COREFERENCE_FILE, f"{where}: must be a mapping")
    case = entry.get("case")
    if case not in _CASES:
        raise ConfigError(COREFERENCE_FILE, f"{where}.case: one of {', '.join(_CASES)}")
    number = entry.get("number")
    if number not in ("singular", "plural"):
        raise ConfigError(COREFERENCE_FILE, f"{where}.number: singular or plural")
    return PronounWord(
        gender=_gender(where, entry.get("gender")),
        plural=number == "plural",
        kinds=_kinds(where, entry.get("kinds")),
        case=case,
    )


def _description(noun: str, entry: Any) -> DescriptionNoun:
    where = f"descriptions.{noun}"
    if not isinstance(entry, dict):
        raise ConfigError(COREFERENCE_FILE, f"{where}: must be a mapping")
    sector = entry.get("sector")
    generic = entry.get("generic", False)
    if not isinstance(generic, bool):
        raise ConfigError(COREFERENCE_FILE, f"{where}.generic: true or false")
    focus = entry.get("focus", False)
    if not isinstance(focus, bool):
        raise ConfigError(COREFERENCE_FILE, f"{where}.focus: true or false")
    sole = entry.get("sole", False)
    if not isinstance(sole, bool):
        raise ConfigError(COREFERENCE_FILE, f"{where}.sole: true or false")
    return DescriptionNoun(
        kinds=_kinds(where, entry.get("kinds")),
        sector=None if sector is None else str(sector),
        generic=generic,
        focus=focus,
        sole=sole,
    )


def parse_coreference_words(data: Mapping[str, Any]) -> CoreferenceWords:
    """The coreference words from the file's mapping; ConfigError names what is wrong."""
    return CoreferenceWords(
        pronouns={
            str(w).lower(): _pronoun(str(w), e) for w, e in _section(data, "pronouns").items()
        },
        descriptions={
            str(n).lower(): _description(str(n), e)
            for n, e in _section(data, "descriptions").items()
        },
        person_nouns={
            str(n).lower(): _gender(f"person_nouns.{n}", g)
            for n, g in _section(data, "person_nouns").items()
        },
        gender_titles={
            str(t).lower(): str(_gender(f"gender_titles.{t}", g))
            for t, g in _section(data, "gender_titles").items()
            if g is not None
        },
        first_name_titles=_words(data, "first_name_titles"),
        first_names=_first_names(data),
        pageant_titles=_words(data, "pageant_titles"),
        pageant_words=_words(data, "pageant_words"),
        binding_subordinators=_words(data, "binding_subordinators"),
        determiners=_words(data, "description_determiners"),
        dummy_it_verbs=_words(data, "dummy_it_verbs"),
        thing_pronoun_sentences=_count(data, "thing_pronoun_sentences"),
        person_pronoun_sentences=_count(data, "person_pronoun_sentences"),
        description_sentences=_count(data, "description_sentences"),
    )


def _first_names(data: Mapping[str, Any]) -> Mapping[str, str]:
    found: dict[str, str] = {}
    for gender, names in _section(data, "first_names").items():
        if gender not in _GENDERS or not isinstance(names, list):
            raise ConfigError(COREFERENCE_FILE, f"first_names.{gender}: m or f, with a list")
        found.update((str(name).lower(), str(gender)) for name in names)
    return found


@lru_cache(maxsize=1)
def load_coreference_words() -> CoreferenceWords:
    """The shipped coreference words, read once per process."""
    path = resources.files("tidings.data").joinpath("actors", COREFERENCE_FILE)
    return parse_coreference_words(read_yaml_mapping(path.read_text("utf-8"), COREFERENCE_FILE))
