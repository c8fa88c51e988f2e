"""Counts of casualties and weapons read from an event's sentence: "killed 80", "more than 100
wounded", "several troops received non-fatal injuries", "no casualties", "15 missiles",
"2,500 troops". Each count is a range [low, high] (high None: no upper bound), so that exact
and vague figures can be compared; the words (number words, vague quantifiers, modifiers,
category nouns and verbs) are data: `tidings/data/link.yaml`.

A number is read with the modifier before it ("more than", "about") and is given a category by
the first category noun after it ("80 dead", "15 ballistic missiles"), by a casualty word after
the people it counts ("several troops ... received non-fatal injuries"), or by a casualty verb
right before it ("wounding more than 100"). A number nothing categorises is no quantity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tidings.errors import ConfigError

Range = tuple[int, int | None]
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:[-'][A-Za-z]+)*")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Words after which a number is read as the category's noun only when they come within this
# many words of it: "15 ballistic missiles", "2,500 US troops", "dozens of Iraqi civilians".
MAX_NOUN_GAP = 3
# A zero ("no", "none") counts only the noun right after it: "no casualties"; with one word
# between, "no doubt troops will go" would be a count of troops ("no American casualties" is
# lost for it).
MAX_ZERO_GAP = 0
# Words after the counted people within which a casualty word says what happened to them:
# "several troops still received non-fatal injuries".
MAX_CASUALTY_GAP = 6
# Words that end the search for the noun of a number (a clause or a phrase boundary).
_BREAKS = frozenset(
    {"and", "or", "but", "in", "on", "at", "to", "from", "by", "with", "after", "before"}
)
_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "by", "of", "from", "early", "late"})
_FIRST_YEAR, _LAST_YEAR = 1900, 2099
_ABOUT = 0.1  # "about N" is N give or take a tenth.


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of `category` ("dead", "wounded", "missiles", "troops", ...) in a sentence:
    `text` is the words read, `span` their [start, end) offsets in the sentence, `low`..`high`
    the range (high None: no upper bound)."""

    category: str
    text: str
    low: int
    high: int | None
    span: tuple[int, int]

    def to_json(self) -> dict[str, Any]:
        return {"category": self.category, "text": self.text, "low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """The quantity words of link.yaml, as tuples of lower-case words."""

    numbers: dict[tuple[str, ...], int]
    scales: dict[str, int]
    vague: dict[tuple[str, ...], Range]
    modifiers: dict[tuple[str, ...], str]
    nouns: dict[tuple[str, ...], str]  # phrase -> category
    verbs: dict[tuple[str, ...], str]
    people: frozenset[tuple[str, ...]]
    covers: dict[str, tuple[str, ...]]
    starters: frozenset[str]  # first words of numbers, vague counts and modifiers
    months: frozenset[str] = frozenset()  # a number next to a month name is a day


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def _words(phrase: Any) -> tuple[str, ...]:
    return tuple(str(phrase).lower().split())


def _range(value: Any, origin: str) -> Range:
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise ConfigError(origin, f"expected [low, high], got {value!r}")
    high = value[1]
    if high is not None and not isinstance(high, int):
        raise ConfigError(origin, f"expected an integer or null, got {high!r}")
    return value[0], high


def quantity_lexicon(
    data: dict[str, Any], origin: str, *, months: Iterable[str] = ()
) -> QuantityLexicon:
    """The quantity part of link.yaml's mapping `data`; ConfigError naming `origin`. `months`
    are month names (calendar.yaml): a number next to one is a day, not a count."""
    nouns: dict[tuple[str, ...], str] = {}
    verbs: dict[tuple[str, ...], str] = {}
    categories = data.get("categories")
    if not isinstance(categories, dict):
        raise ConfigError(origin, "categories: expected a mapping")
    for category, words in categories.items():
        if not isinstance(words, dict):
            raise ConfigError(origin, f"categories.{category}: expected nouns and verbs")
        for word in words.get("nouns") or []:
            nouns.setdefault(_words(word), str(category))
        for word in words.get("verbs") or []:
            verbs.setdefault(_words(word), str(category))
    numbers = {_words(k): int(v) for k, v in (data.get("number_words") or {}).items()}
    vague = {_words(k): _range(v, origin) for k, v in (data.get("vague") or {}).items()}
    modifiers = {_words(k): str(v) for k, v in (data.get("modifiers") or {}).items()}
    return QuantityLexicon(
        numbers=numbers,
        scales={str(k).lower(): int(v) for k, v in (data.get("scales") or {}).items()},
        vague=vague,
        modifiers=modifiers,
        starters=frozenset(p[0] for table in (numbers, vague, modifiers) for p in table),
        nouns=nouns,
        verbs=verbs,
        people=frozenset(_words(p) for p in data.get("people") or []),
        covers={str(k): tuple(str(c) for c in v) for k, v in (data.get("covers") or {}).items()},
        months=frozenset(m.lower() for m in months),
    )


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _match(tokens: list[_Token], i: int, phrases: Any) -> int:
    """The length in words of the longest phrase of `phrases` (a container of word tuples)
    starting at token `i`; 0 when none does."""
    for size in (4, 3, 2, 1):
        if i + size <= len(tokens) and tuple(t.text for t in tokens[i : i + size]) in phrases:
            return size
    return 0


def _phrase(tokens: list[_Token], i: int, size: int) -> tuple[str, ...]:
    return tuple(t.text for t in tokens[i : i + size])


def _numeral(tokens: list[_Token], i: int, lexicon: QuantityLexicon) -> tuple[float, int] | None:
    """The number written at token `i` (digits or words, then scale words) and its length."""
    word = tokens[i].text
    if _DIGITS.fullmatch(word):
        value = float(word.replace(",", ""))
        size = 1
    elif (size := _match(tokens, i, lexicon.numbers)) > 0:
        value = float(lexicon.numbers[_phrase(tokens, i, size)])
    elif "-" in word and all((p,) in lexicon.numbers for p in word.split("-")):
        value = float(sum(lexicon.numbers[(p,)] for p in word.split("-")))  # "twenty-five"
        size = 1
    else:
        return None
    while i + size < len(tokens) and tokens[i + size].text in lexicon.scales:
        value *= lexicon.scales[tokens[i + size].text]
        size += 1
    return value, size


def _modified(value: float, kind: str | None) -> Range:
    exact = round(value)
    if kind == "above":
        return math.floor(value) + 1, None
    if kind == "at_least":
        return math.ceil(value), None
    if kind == "below":
        return 0, math.ceil(value) - 1
    if kind == "at_most":
        return 0, math.floor(value)
    if kind == "about":
        return math.floor(round(value * (1 - _ABOUT), 6)), math.ceil(round(value * (1 + _ABOUT), 6))
    if kind == "nearly":
        return math.floor(round(value * (1 - _ABOUT), 6)), exact
    return exact, exact


def _is_date(tokens: list[_Token], i: int, size: int, months: frozenset[str]) -> bool:
    """A year after "in", "since" ...; a day next to a month name ("January 3", "3 January")."""
    word = tokens[i].text
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + size].text if i + size < len(tokens) else ""
    if word.isdigit() and (before in months or after in months):
        return True
    if size != 1 or not word.isdigit() or not _FIRST_YEAR <= int(word) <= _LAST_YEAR:
        return False
    return i > 0 and tokens[i - 1].text in _YEAR_PREPOSITIONS


def _count_at(tokens: list[_Token], i: int, lexicon: QuantityLexicon) -> tuple[Range, int] | None:
    """A count starting at token `i` (modifier, then vague words or a number): its range and
    the index after it."""
    kind = None
    if (size := _match(tokens, i, lexicon.modifiers)) > 0:
        kind = lexicon.modifiers[_phrase(tokens, i, size)]
        i += size
    if i >= len(tokens):
        return None
    if (size := _match(tokens, i, lexicon.vague)) > 0:
        return lexicon.vague[_phrase(tokens, i, size)], i + size
    numeral = _numeral(tokens, i, lexicon)
    if numeral is None or _is_date(tokens, i, numeral[1], lexicon.months):
        return None
    return _modified(numeral[0], kind), i + numeral[1]


def _casualty_after(tokens: list[_Token], i: int, lexicon: QuantityLexicon) -> tuple[str, int]:
    """The casualty category of a verb within `MAX_CASUALTY_GAP` words from token `i`, and the
    index after it; ("", i) when none."""
    for j in range(i, min(len(tokens), i + MAX_CASUALTY_GAP)):
        if tokens[j].text in _BREAKS:
            break
        if (size := _match(tokens, j, lexicon.verbs)) > 0:
            return lexicon.verbs[_phrase(tokens, j, size)], j + size
    return "", i


def _category(
    tokens: list[_Token], start: int, end: int, *, zero: bool, lexicon: QuantityLexicon
) -> tuple[str, int]:
    """The category of the count at tokens [start, end) and the index after its words."""
    people_end = 0
    if _phrase(tokens, start, end - start)[-2:] in lexicon.people:  # "no one", "nobody"
        people_end = end
    limit = min(len(tokens), end + 1 + (MAX_ZERO_GAP if zero else MAX_NOUN_GAP))
    j = end
    while not people_end and j < limit:
        if (size := _match(tokens, j, lexicon.nouns)) > 0 and _phrase(
            tokens, j, size
        ) not in lexicon.people:
            return lexicon.nouns[_phrase(tokens, j, size)], j + size
        if (size := _match(tokens, j, lexicon.people)) > 0:
            people_end = j + size
            break
        if tokens[j].text in _BREAKS and tokens[j].text != "of":
            break
        j += 1
    if people_end:
        category, after = _casualty_after(tokens, people_end, lexicon)
        if category:
            return category, after
    if start > 0 and (verb := _verb_before(tokens, start, lexicon)):
        return verb, people_end or end
    if people_end:
        noun = _phrase(tokens, j, people_end - j)
        return lexicon.nouns.get(noun, ""), people_end
    return "", end


def _verb_before(tokens: list[_Token], start: int, lexicon: QuantityLexicon) -> str:
    for size in (2, 1):
        if start - size >= 0 and (phrase := _phrase(tokens, start - size, size)) in lexicon.verbs:
            return lexicon.verbs[phrase]
    return ""


def read_quantities(sentence: str, lexicon: QuantityLexicon) -> tuple[Quantity, ...]:
    """Every categorised count of `sentence`, in text order."""
    tokens = _tokens(sentence)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        if not word[0].isdigit() and word.split("-")[0] not in lexicon.starters:
            i += 1
            continue
        count = _count_at(tokens, i, lexicon)
        if count is None:
            i += 1
            continue
        (low, high), end = count
        category, after = _category(tokens, i, end, zero=high == 0, lexicon=lexicon)
        if category:
            span = (tokens[i].start, tokens[max(after, end) - 1].end)
            found.append(Quantity(category, sentence[span[0] : span[1]], low, high, span))
            i = max(after, end)
        else:
            i = end
    return tuple(found)


def overlaps(first: Range, second: Range) -> bool:
    """Whether two ranges share a value."""
    low = max(first[0], second[0])
    highs = [h for h in (first[1], second[1]) if h is not None]
    return not highs or low <= min(highs)
