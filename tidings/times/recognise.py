"""Finding time expressions: patterns built from the lexicon's word lists, run over the text.

Each pattern has a kind that names how its value is read (`normalise.py`). Matches of all
patterns compete: the longest wins, then the earliest, then the pattern listed first, so
"three days ago" beats "three days" and "3 January 2020" beats "January 2020".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from tidings.times.lexicon import TimeLexicon, load_time_lexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text one pattern matched, and its named groups (None when absent)."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _names(names: dict[str, int]) -> str:
    """Full names, or abbreviations with their optional full stop ("Jan." but "January")."""
    full: dict[int, str] = {}
    for name, number in names.items():  # the first name of each number is the full one
        full.setdefault(number, name)
    short = [n for n in names if n not in full.values()]
    return f"(?:{alternation(short)}\\.?(?!\\w)|{alternation(full.values())})"


def _pieces(lex: TimeLexicon) -> dict[str, str]:
    numbers = alternation(lex.ints("numbers"))
    tens = alternation(lex.word_list("tens"))
    ones = alternation(w for w, n in lex.ints("numbers").items() if 1 <= n <= 9 and " " not in w)
    units = lex.codes("units")
    periods = {"W", "WE", "M", "Y", "Q", "10Y", "100Y"}
    period_units = [u for u, code in units.items() if code in periods]
    return {
        "MONTH": rf"(?P<month>{_names(lex.months)})",
        "WEEKDAY": rf"(?P<weekday>{_names(lex.weekdays)})",
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
        "YEAR": r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d,.]\d)",
        "NUM": rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|{tens}[-\s]{ones}|{numbers})",
        "VAGUE": rf"(?P<vague>{alternation(lex.word_list('vague_numbers'))})",
        "UNIT": rf"(?P<unit>{alternation(units)})",
        "PUNIT": rf"(?P<unit>{alternation(period_units)})",
        "ORD": rf"(?P<ord>{alternation(lex.ints('ordinals'))}|\d{{1,2}}(?:st|nd|rd|th))",
        "DIR": rf"(?P<dir>{alternation(lex.ints('directions'))})",
        "MOD": rf"(?P<mod>{alternation(lex.word_list('modifiers'))})",
        "PART": rf"(?P<part>{alternation(lex.codes('parts_of_day'))})",
        "SEASON": rf"(?P<season>{alternation(lex.codes('seasons'))})",
        "DAYWORD": rf"(?P<dayword>{alternation(lex.ints('day_offsets'))})",
        "APPROX": rf"(?P<approx>{alternation(lex.word_list('approximators'))})",
        "CAPPROX": rf"(?P<approx>{alternation(lex.word_list('clock_approximators'))})",
        "AGO": rf"(?P<ago>{alternation(lex.word_list('ago_words'))})",
        "REL": rf"(?P<rel>{alternation(lex.codes('relation_words'))})",
        "REF": rf"(?P<ref>{alternation(lex.codes('references'))})",
        "SETWORD": rf"(?P<setword>{alternation(lex.codes('set_words'))})",
        "SETQ": rf"(?P<setq>{alternation(lex.word_list('set_quantifiers'))})",
        "MER": rf"(?P<mer>{alternation(lex.ints('meridiems'))})",
        "TZ": rf"(?P<tz>{alternation(lex.word_list('time_zones'))})",
        "NAMEDTIME": rf"(?P<named>{alternation(lex.codes('named_times'))})",
        "DECWORD": rf"(?P<decword>{alternation(lex.ints('decade_words'))})",
        "HALF": rf"(?P<half>{alternation(lex.ints('halves'))})",
    }


# The grammar: kind → template; the upper-case names are the pieces above. Listed in order of
# preference among matches of equal length.
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>\d{4})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<h>\d\d):(?P<m>\d\d))?"),
    ("slash", r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b"),
    ("dmy", r"\b(?:WEEKDAY,?\s+)?(?:the\s+)?DAY(?:\s+of)?\s+MONTH(?:,?\s+YEAR)?"),
    ("mdy", r"\b(?:WEEKDAY,?\s+)?MONTH\s+DAY(?:,?\s+YEAR)?(?!\s*[\d%])"),
    ("month_year", r"\b(?:MOD[\s-]*)?MONTH(?:\s+of)?,?\s+YEAR"),
    ("month_relative_year", r"\bMONTH\s+(?:of\s+)?DIR\s+year\b"),
    ("month", r"\b(?:DIR\s+|MOD[\s-]*)?MONTH(?![\w'’-])"),
    ("year_quarter", r"\b(?:the\s+)?YEAR\s+ORD[\s-]+quarter"),
    (
        "quarter",
        r"\b(?:the\s+)?(?:DIR\s+|ORD[\s-]+)(?:fiscal\s+)?quarter"
        r"(?:\s+of\s+(?:fiscal\s+)?YEAR)?",
    ),
    ("half", r"\b(?:the\s+)?HALF\s+half(?:\s+of\s+(?:(?P<this>this|the)\s+year|YEAR))?"),
    (
        "season",
        r"\b(?:DIR\s+|MOD[\s-]*|(?<=in\s)the\s+|(?<=during\s)the\s+)?SEASON"
        r"(?:\s+of)?(?:\s+YEAR)?",
    ),
    (
        "decade",
        r"(?<![\w'’])(?:the\s+)?(?:MOD[\s-]*)?"
        r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0'?s|['’](?P<dec2>\d)0s|DECWORD)\b",
    ),
    ("century", r"\b(?:the\s+)?(?:MOD[\s-]*)?ORD[\s-]+century\b"),
    ("year", r"\b(?:MOD[\s-]*)?(?:fiscal\s+)?YEAR\b(?![-’']|\s*%)"),
    ("weekday", r"\b(?:DIR\s+)?WEEKDAY(?:\s+PART)?\b"),
    ("dayword", r"\b(?:MOD\s+)?DAYWORD(?:\s+PART)?\b"),
    ("this_part", r"\b(?:this|(?P<prev>last))\s+PART\b"),
    ("relative_unit", r"\b(?:MOD\s+)?(?:(?P<the>the)\s+)?DIR\s+PUNIT\b"),
    ("ago", r"\b(?:APPROX\s+)?(?:NUM|VAGUE)[\s-]+UNIT\s+AGO\b"),
    ("relation", r"\b(?:APPROX\s+)?NUM[\s-]+UNIT\s+REL\b(?!\s+(?:the|a|an|his|her|its|their)\b)"),
    (
        "duration",
        r"\b(?:the\s+)?(?:(?P<dir>past|last|next|first|latest|coming|previous|final|remaining)"
        r"\s+)?(?:APPROX\s+)?(?:NUM|VAGUE)[\s-]+UNIT\b(?![-\s]old\b)",
    ),
    ("bare_plural", r"(?<=\bfor\s)(?P<unit>years|months|decades|weeks|days|hours|centuries)\b"),
    ("set", r"\b(?:SETWORD|SETQ\s+(?:NUM\s+)?UNIT)\b"),
    (
        "clock",
        r"\b(?:CAPPROX\s+)?(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*MER(?!\w)"
        r"(?:\s+TZ\b)?",
    ),
    ("clock24", r"\b(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)(?!\d)(?:\s+TZ\b)?"),
    ("named_time", r"\b(?:CAPPROX\s+)?NAMEDTIME\b"),
    ("reference", r"\bREF\b"),
)


def _fill(template: str, pieces: dict[str, str]) -> str:
    return re.sub(r"[A-Z]{2,}", lambda m: pieces.get(m.group(0), m.group(0)), template)


@lru_cache(maxsize=1)
def load_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled grammar (once per process)."""
    pieces = _pieces(load_time_lexicon())
    return tuple(
        (kind, re.compile(_fill(template, pieces), re.IGNORECASE)) for kind, template in TEMPLATES
    )


# Characters around a trigger word that a pattern may span: longer than any expression's reach
# from its trigger ("about the first half of fiscal 2019" is about 35).
WINDOW = 60

# The cues of each pattern: every match of the pattern holds a word of one of these classes (a
# month name in "March 2019", a unit in "three days ago"), so the pattern runs only in the
# windows around those words, not in every trigger's window. "digit" is any digit; the other
# classes are lists of the lexicon (`_cue_words`).
CUES: dict[str, tuple[str, ...]] = {
    "iso": ("digit",),
    "slash": ("digit",),
    "dmy": ("digit",),
    "mdy": ("digit",),
    "month_year": ("digit",),
    "month_relative_year": ("month",),
    "month": ("month",),
    "year_quarter": ("digit",),
    "quarter": ("quarter",),
    "half": ("half",),
    "season": ("season",),
    "decade": ("digit", "decade"),
    "century": ("century",),
    "year": ("digit",),
    "weekday": ("weekday",),
    "dayword": ("dayword",),
    "this_part": ("part",),
    "relative_unit": ("unit",),
    "ago": ("unit",),
    "relation": ("unit",),
    "duration": ("unit",),
    "bare_plural": ("unit",),
    "set": ("setword", "unit"),
    "clock": ("digit",),
    "clock24": ("digit",),
    "named_time": ("named",),
    "reference": ("reference",),
}
# Where the grammar lets a class's words touch other letters, as `regex` boundaries (before,
# after): a modifier glued on ("midsummer", "midMarch"), a season or "quarter"/"half" run on
# ("falls", "quarterback"). These classes are looked for in the trigger windows with these
# boundaries; the others are read off the triggers themselves (whole words).
_LOOSE: dict[str, tuple[str, str]] = {
    "month": ("", r"\b"),
    "season": ("", ""),
    "quarter": (r"\b", ""),
    "half": (r"\b", ""),
    "decade": ("", r"\b"),
}


def _cue_words(lex: TimeLexicon) -> dict[str, set[str]]:
    return {
        "month": set(lex.months),
        "weekday": set(lex.weekdays),
        "quarter": {"quarter"},
        "half": {"half"},
        "century": {"century"},
        "season": set(lex.codes("seasons")),
        "decade": set(lex.ints("decade_words")),
        "dayword": set(lex.ints("day_offsets")),
        "part": set(lex.codes("parts_of_day")),
        "unit": set(lex.codes("units")),
        "setword": set(lex.codes("set_words")),
        "named": set(lex.codes("named_times")),
        "reference": set(lex.codes("references")),
    }


@lru_cache(maxsize=1)
def load_trigger() -> re.Pattern[str]:
    """Words one of which every expression holds (or a digit): the patterns run only around
    them, which keeps the stage to a pass over the text plus a little per expression."""
    words: set[str] = set().union(*_cue_words(load_time_lexicon()).values())
    return re.compile(rf"\d|\b{alternation(words)}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """Per class: a whole-word pattern (to sort triggers into classes), and for the loose
    classes a pattern with their own boundaries."""
    classes = _cue_words(load_time_lexicon())
    whole = {name: re.compile(rf"\b{alternation(words)}\b", re.IGNORECASE)
             for name, words in classes.items()}  # fmt: skip
    loose = {name: re.compile(rf"{before}{alternation(classes[name])}{after}", re.IGNORECASE)
             for name, (before, after) in _LOOSE.items()}  # fmt: skip
    return {"digit": re.compile(r"\d"), **whole}, loose


@lru_cache(maxsize=4096)
def _classes_of(trigger: str) -> frozenset[str]:
    """The classes a trigger's words belong to ("tonight": a day word and, through "night",
    a part of day and a unit; "these days": a reference and a unit)."""
    whole, loose = _cue_patterns()
    return frozenset(
        name for name, pattern in whole.items() if name not in loose and pattern.search(trigger)
    )


@dataclass(slots=True)
class _Window:
    """Characters within WINDOW of a run of triggers, and the triggers."""

    start: int
    end: int
    triggers: list[tuple[int, int]]


# Where a trigger can start: a digit, or the start of a word (its letters).
_TRIGGER_START = re.compile(r"\d|\b[^\W\d_]+")


@lru_cache(maxsize=1)
def _trigger_first_words() -> frozenset[str]:
    """The first word of every trigger word or phrase, lower case."""
    words = set().union(*_cue_words(load_time_lexicon()).values())
    return frozenset(word.lower().split()[0] for word in words)


def find_triggers(text: str) -> Iterator[re.Match[str]]:
    """The matches of `load_trigger()` over `text`, as its `finditer` gives them, found
    faster: the trigger is tried only at digits and at words that begin a trigger, not at
    every character (Python's `re` tries each of its many words at each position)."""
    trigger, first_words = load_trigger(), _trigger_first_words()
    resume = 0
    for start in _TRIGGER_START.finditer(text):
        if start.start() < resume:
            continue
        word = start.group(0)
        if not (word.isdigit() or word.lower() in first_words or not word.isascii()):
            continue
        match = trigger.match(text, start.start())
        if match:
            resume = match.end()
            yield match


def _windows(text: str) -> list[_Window]:
    """Windows of WINDOW characters around each trigger, merged where they touch."""
    windows: list[_Window] = []
    for match in find_triggers(text):
        start, end = max(0, match.start() - WINDOW), min(len(text), match.end() + WINDOW)
        if windows and start <= windows[-1].end:
            windows[-1].end = end
            windows[-1].triggers.append(match.span())
        else:
            windows.append(_Window(start, end, [match.span()]))
    return windows


def _cue_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each pattern kind, the parts of the trigger windows (where every pattern used to
    run) within WINDOW characters of a word of its cue classes. No match reaches that far
    from its cue, so each pattern finds there all it found in the whole trigger windows."""
    _whole, loose = _cue_patterns()
    spans: dict[str, list[tuple[int, int]]] = {}
    for window in _windows(text):
        start, end = window.start, window.end
        for trigger in window.triggers:
            for name in _classes_of(text[trigger[0] : trigger[1]].lower()):
                spans.setdefault(name, []).append(_around(trigger, start, end))
        for name, pattern in loose.items():
            for match in pattern.finditer(text, start, end):
                spans.setdefault(name, []).append(_around(match.span(), start, end))
    return {
        kind: _merged(sorted(span for name in names for span in spans.get(name, ())))
        for kind, names in CUES.items()
    }


def _around(span: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    return max(start, span[0] - WINDOW), min(end, span[1] + WINDOW)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _capitalised(text: str, match: re.Match[str]) -> bool:
    """Month and weekday names are proper nouns: "may" and "sat" in lower case are verbs."""
    return all(
        match.group(name) is None or text[match.start(name)].isupper()
        for name in ("month", "weekday")
        if name in match.re.groupindex
    )


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every pattern, capitalisation checked, in no particular order."""
    found: list[Candidate] = []
    windows = _cue_windows(text)
    for kind, pattern in load_patterns():
        matches = (m for start, end in windows[kind] for m in pattern.finditer(text, start, end))
        for match in matches:
            if match.end() > match.start() and _capitalised(text, match):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                found.append(Candidate(match.start(), match.end(), kind, dict(groups)))
    return found


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then earliest, then the grammar's order;
    returned in text order."""
    order = {kind: i for i, (kind, _) in enumerate(TEMPLATES)}
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.start, order.get(c.kind, 99)))
    taken: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= t.start or candidate.start >= t.end for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)
