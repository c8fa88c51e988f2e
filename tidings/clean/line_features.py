"""Cheap per-line signals for the boilerplate classifier: length, words, how much a line reads
like prose (stopword density), whether it ends like a sentence, whether it is a bare counter,
and whether it is a phrase of the boilerplate lexicon. Pure Python over one line; no parse.

The lexicon (`data/boilerplate.yaml`, extendable by user files) is loaded by `load_lexicon`,
once per distinct set of files, never at import time.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError
from tidings.yaml_mapping import read_yaml_mapping

_WORD = re.compile(r"\w+")
# Characters stripped from a line's end before asking whether it ends like a sentence: closing
# quotes and brackets come after the full stop in English typography.
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…。！？"
# Leading marks that scrapers keep from list bullets and menu arrows.
_LEAD_MARKS = "›»«•·●▪■►▶→-–—|*>+~#"
# Trailing marks that do not change what a short line says ("Read more:", "Share »").
_TRAIL_MARKS = ".:!?…›»>|-–—*,;"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_SPACES = re.compile(r"\s+")
# A counter has at most this many letters: a font-size toggle ("TT", "A A"), not a word.
_COUNTER_MAX_LETTERS = 2
# A line of at most this many such tokens (and nothing else) is a counter.
_COUNTER_MAX_TOKENS = 3
# Letters above this code point are CJK and similar scripts, where one or two characters
# make a word, so a short token there is no counter.
_WIDE_SCRIPT_START = 0x2E80
# Words looked at to tell a page's language: enough for a stable share, cheap on long pages.
_SAMPLE_WORDS = 2000
# Patterns are tried only on lines up to this long: they describe short furniture ("12
# comments", "Published: Updated:"), and a long paragraph that happens to contain "all rights
# reserved" is prose. Prefixes apply at any length (cookie notices run to 500 characters), so
# the lexicon's prefixes must be phrases that never open a news paragraph.
_PATTERN_MAX_CHARS = 200
# A title echo: a line of at least TITLE_MIN_WORDS words and at most TITLE_ECHO_MAX_CHARS
# characters, TITLE_ECHO_SHARE of whose words are title words, holding TITLE_COVER_SHARE of the
# title's words. Four words keep "Home | News" from echoing; 80 % allows a kicker word.
TITLE_MIN_WORDS = 4
TITLE_ECHO_MAX_CHARS = 300
TITLE_ECHO_SHARE = 0.8
TITLE_COVER_SHARE = 0.5
_PHRASE_KEYS = ("exact", "prefixes", "related_markers", "comment_markers")
_PATTERN_KEYS = ("patterns", "related_patterns", "comment_patterns")
_LANGUAGES_KEY = "stopword_languages"


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """What the classifier knows about one line."""

    chars: int
    words: int
    stopwords: int
    sentence_end: bool
    counter: bool

    @property
    def stop_density(self) -> float:
        return self.stopwords / self.words if self.words else 0.0


def fold(text: str) -> str:
    """Lower case, straight quotes, one space, no leading bullets."""
    text = _SPACES.sub(" ", text.translate(_QUOTES)).strip().lower()
    return text.lstrip(_LEAD_MARKS).strip()


def normalise(line: str) -> str:
    """`fold`, and no trailing punctuation: the form a line is matched against the lexicon in
    (exact entries and markers are normalised the same way; prefixes are only folded, so that
    "video:" keeps its colon). A line longer than any phrase or pattern is matched by its
    start only, so only that much of it is normalised."""
    if len(line) > _PATTERN_MAX_CHARS:
        return fold(line[: _PATTERN_MAX_CHARS + 1])
    return fold(line).rstrip(_TRAIL_MARKS).strip()


def ends_sentence(line: str) -> bool:
    """True when the line, closing quotes and brackets aside, ends with . ! ? or an ellipsis."""
    tail = line.rstrip().rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_END


def is_counter(line: str, tokens: Sequence[str]) -> bool:
    """A line of a few digits or tiny tokens and nothing else: "20", "TT", "1 2 3", "A A".
    Punctuation makes it something else ("10 p.m.", "Wi-Fi 6", a phone number)."""
    if not tokens or len(tokens) > _COUNTER_MAX_TOKENS:
        return False
    if any(not (ch.isalnum() or ch.isspace()) for ch in line):
        return False
    letters = sum(1 for ch in line if ch.isalpha())
    if letters > _COUNTER_MAX_LETTERS:
        return False
    return not any(ch.isalpha() and ord(ch) >= _WIDE_SCRIPT_START for ch in line)


def measure(line: str, stopwords: Collection[str]) -> LineFeatures:
    """The features of one stripped, non-blank line."""
    tokens = _WORD.findall(line)
    stop = sum(1 for t in tokens if t.lower() in stopwords)
    return LineFeatures(
        chars=len(line),
        words=len(tokens),
        stopwords=stop,
        sentence_end=ends_sentence(line),
        counter=is_counter(line, tokens),
    )


def best_stopwords(
    lines: Iterable[str], languages: Sequence[frozenset[str]], *, min_chars: int
) -> tuple[frozenset[str], float]:
    """The stopword list of `languages` that covers most words of the lines of at least
    `min_chars` characters (the page's prose), so that a page in another language still has a
    prose signal; and the share of those words it covers. The first list wins ties."""
    words: list[str] = []
    for line in lines:
        if len(line) >= min_chars:
            words.extend(w.lower() for w in _WORD.findall(line))
            if len(words) >= _SAMPLE_WORDS:
                break
    best: frozenset[str] = languages[0] if languages else frozenset()
    best_hits = -1
    for candidate in languages:
        hits = sum(1 for w in words if w in candidate)
        if hits > best_hits:
            best, best_hits = candidate, hits
    return best, (max(best_hits, 0) / len(words) if words else 0.0)


def title_echoes(lines: Sequence[str], title: str | None) -> list[int]:
    """Indexes of the lines that print `title` again (the story's own headline): at least
    TITLE_MIN_WORDS words, TITLE_ECHO_SHARE of them title words, and TITLE_COVER_SHARE of the
    title's words among them (a <title> often adds the site's name)."""
    title_words = {w.lower() for w in _WORD.findall(title or "")}
    if len(title_words) < TITLE_MIN_WORDS:
        return []
    echoes = []
    for i, line in enumerate(lines):
        if len(line) > TITLE_ECHO_MAX_CHARS or line == title:
            continue
        words = {w.lower() for w in _WORD.findall(line)}
        shared = len(words & title_words)
        if (
            len(words) >= TITLE_MIN_WORDS
            and shared >= TITLE_ECHO_SHARE * len(words)
            and shared >= TITLE_COVER_SHARE * len(title_words)
        ):
            echoes.append(i)
    return echoes


# ---------------------------------------------------------------------------------------------
# The lexicon


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    """The phrase lexicon, merged from the shipped file and the user's files. Entries are
    normalised (`normalise`); `stopwords` holds one list per language, English first."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    pattern: re.Pattern[str] | None
    related_markers: frozenset[str]
    related_pattern: re.Pattern[str] | None
    comment_markers: frozenset[str]
    comment_pattern: re.Pattern[str] | None
    stopwords: tuple[frozenset[str], ...]

    def matches(self, normalised: str) -> bool:
        """True when a normalised line is a lexicon phrase."""
        if normalised in self.exact or normalised.startswith(self.prefixes):
            return True
        if len(normalised) > _PATTERN_MAX_CHARS or self.pattern is None:
            return False
        return self.pattern.search(normalised) is not None

    def opens_comments(self, normalised: str) -> bool:
        """True when a normalised line opens a comment section."""
        return _marks(normalised, self.comment_markers, self.comment_pattern)

    def opens_related(self, normalised: str) -> bool:
        """True when a normalised line announces other stories' headlines."""
        return _marks(normalised, self.related_markers, self.related_pattern)


def _marks(normalised: str, phrases: frozenset[str], pattern: re.Pattern[str] | None) -> bool:
    if normalised in phrases:
        return True
    if len(normalised) > _PATTERN_MAX_CHARS or pattern is None:
        return False
    return pattern.search(normalised) is not None


def _entries(data: dict[str, Any], key: str, origin: str) -> list[str]:
    """The strings under `key`: a list, or a mapping of category -> list."""
    value = data.get(key) or []
    groups = list(value.values()) if isinstance(value, dict) else [value]
    out: list[str] = []
    for group in groups:
        if not isinstance(group, list) or not all(isinstance(v, str) for v in group):
            raise ConfigError(origin, f"{key!r} must be a list of strings or of lists of strings")
        out.extend(group)
    return out


def _read(text: str, origin: str) -> dict[str, Any]:
    data = read_yaml_mapping(text, origin)
    unknown = set(data) - {*_PHRASE_KEYS, *_PATTERN_KEYS, _LANGUAGES_KEY}
    if unknown:
        raise ConfigError(origin, f"unknown keys {sorted(unknown)}")
    return data


def _stopwords(code: str, origin: str) -> frozenset[str]:
    """spaCy's stopword list for language `code`, read from its `stop_words.py` alone: importing
    `spacy.lang.<code>` would also build that language's tokenizer exceptions, seconds of work
    (French alone takes three) for a list of words."""
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise ConfigError(origin, f"stopword language {code!r} is not a language code")
    lang = importlib.util.find_spec("spacy.lang")
    folders = lang.submodule_search_locations if lang is not None else None
    path = Path(next(iter(folders))) / code / "stop_words.py" if folders else None
    spec = importlib.util.spec_from_file_location(f"_stopwords_{code}", path) if path else None
    if path is None or not path.is_file() or spec is None or spec.loader is None:
        raise ConfigError(origin, f"no spaCy stopword list for {code!r}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in module.STOP_WORDS)


def _compile(patterns: list[tuple[str, str]]) -> re.Pattern[str] | None:
    for pattern, origin in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(origin, f"bad pattern {pattern!r} ({exc})") from exc
    return re.compile("|".join(f"(?:{p})" for p, _ in patterns)) if patterns else None


def _sources(extra: tuple[Path, ...]) -> list[tuple[dict[str, Any], str]]:
    shipped = resources.files("tidings.data").joinpath("boilerplate.yaml").read_text("utf-8")
    sources = [(_read(shipped, "boilerplate.yaml"), "boilerplate.yaml")]
    for path in extra:
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(str(path), exc.strerror or "cannot read") from exc
        sources.append((_read(text, str(path)), str(path)))
    return sources


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> BoilerplateLexicon:
    phrases: dict[str, set[str]] = {key: set() for key in _PHRASE_KEYS}
    patterns: dict[str, list[tuple[str, str]]] = {key: [] for key in _PATTERN_KEYS}
    codes: dict[str, str] = {}
    for data, origin in _sources(extra):
        for key, found in phrases.items():
            form = fold if key == "prefixes" else normalise
            found.update(filter(None, (form(e) for e in _entries(data, key, origin))))
        for key, listed in patterns.items():
            listed.extend((p, origin) for p in _entries(data, key, origin))
        for code in _entries(data, _LANGUAGES_KEY, origin):
            codes.setdefault(code, origin)
    return BoilerplateLexicon(
        exact=frozenset(phrases["exact"]),
        prefixes=tuple(sorted(phrases["prefixes"])),
        pattern=_compile(patterns["patterns"]),
        related_markers=frozenset(phrases["related_markers"]),
        related_pattern=_compile(patterns["related_patterns"]),
        comment_markers=frozenset(phrases["comment_markers"]),
        comment_pattern=_compile(patterns["comment_patterns"]),
        stopwords=tuple(_stopwords(code, origin) for code, origin in codes.items()),
    )


def load_lexicon(extra: Sequence[Path] = ()) -> BoilerplateLexicon:
    """The shipped lexicon extended by the user files `extra` (same YAML shape, every key
    optional), built once per distinct `extra` and cached. Raises `ConfigError` for an
    unreadable or malformed file."""
    return _load(tuple(Path(p) for p in extra))
