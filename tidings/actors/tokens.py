"""Reading spaCy tokens as lexicon words, and finding the name inside an entity span
("the Ayatollah Musa Rahimi’s" -> "Musa Rahimi")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tidings.knowledge.roles import Phrase, RoleLexicon, longest_match, phrase_words

# Punctuation that joins words rather than separating them when written without spaces
# ("then-US", "Brig.", "operations’"): skipped when matching phrases.
JOINERS = frozenset({"-", "–", ".", "’", "'", "’s", "'s"})
POSSESSIVES = frozenset({"’s", "'s", "’", "'"})
ARTICLES = frozenset({"the", "a", "an"})
# Tokens a name never ends with.
_TRAILING = frozenset({"’s", "'s", "’", "'", ",", ".", ")", "(", ":", ";", "-", "—", "–"})


@dataclass(frozen=True, slots=True)
class WordStream:
    """Lexicon words of a run of tokens; `None` marks a break (a comma, a bracket) that no
    phrase crosses. `tokens[k]` is the doc index of the token word k came from."""

    words: tuple[str | None, ...]
    tokens: tuple[int, ...]


def word_stream(tokens: Sequence[Any]) -> WordStream:
    words: list[str | None] = []
    positions: list[int] = []
    for token in tokens:
        parts = phrase_words(token.text)
        if not parts:
            if token.text in JOINERS or token.is_space:
                continue
            words.append(None)
            positions.append(token.i)
            continue
        for part in parts:
            words.append(part)
            positions.append(token.i)
    return WordStream(tuple(words), tuple(positions))


def phrase_matches(
    stream: WordStream, table: Mapping[Phrase, Any], longest: int
) -> list[tuple[int, int, Any]]:
    """Non-overlapping longest matches of `table` in `stream`, left to right, as
    (first token index, last token index, value)."""
    found = []
    k = 0
    firsts = _first_words(table)
    while k < len(stream.words):
        # a phrase starts with one of its first words: most words start none
        hit = longest_match(table, stream.words, k, longest) if stream.words[k] in firsts else None
        if hit is None:
            k += 1
            continue
        size, value = hit
        found.append((stream.tokens[k], stream.tokens[k + size - 1], value))
        k += size
    return found


# The first words of each phrase table met, by the table's identity (tables are loaded once
# per process; the table is kept with its words so that its id is never reused).
_FIRST_WORDS: dict[int, tuple[Mapping[Phrase, Any], frozenset[str]]] = {}


def _first_words(table: Mapping[Phrase, Any]) -> frozenset[str]:
    cached = _FIRST_WORDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = (table, frozenset(phrase[0] for phrase in table if phrase))
        _FIRST_WORDS[id(table)] = cached
    return cached[1]


def _prefix_length(doc: Any, start: int, end: int, lexicon: RoleLexicon, *, titles: bool) -> int:
    """Tokens at `start` that are an article, a title, a role or a time word, or a bracketed
    piece left over from "(IRGC) Quds Force": not part of the name."""
    token = doc[start]
    if token.lower_ in ARTICLES:
        return 1
    closing: list[int] = [t.i for t in doc[start:end] if t.text == ")"]
    if closing and not any(t.text == "(" for t in doc[start : closing[0]]):
        return closing[0] + 1 - start
    if not titles:
        return 0
    stream = word_stream(doc[start:end])
    for table in (lexicon.time_prefixes, lexicon.title_phrases, lexicon.role_phrases):
        hit = longest_match(table, stream.words, 0, lexicon.longest)
        if hit is not None and stream.words:
            last = stream.tokens[hit[0] - 1]
            return last + 1 - start
    return 0


def name_bounds(
    doc: Any, start: int, end: int, lexicon: RoleLexicon, *, titles: bool
) -> tuple[int, int]:
    """The name inside doc[start:end]: leading articles (and with `titles`, titles, roles and
    time words) and trailing possessives and punctuation taken off."""
    while start < end:
        size = _prefix_length(doc, start, end, lexicon, titles=titles)
        if size == 0 or start + size >= end:
            break
        start += size
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].text in _TRAILING or doc[start].is_space):
        start += 1
    return start, end


def possessive_country_end(doc: Any, start: int, end: int) -> int:
    """If doc[start:end] opens with "X’s" and goes on ("Iraq’s Popular Mobilisation Forces"),
    the index after the possessive; else `start`."""
    for i in range(start, min(end - 1, start + 3)):
        if doc[i].text in POSSESSIVES and i + 1 < end:
            return i + 1
    return start
