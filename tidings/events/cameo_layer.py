"""The CAMEO layer of the event lexicon: PETRARCH's verb blocks and object patterns, converted
into tidings/data/events/cameo/ (verbs.tsv, patterns.tsv) by scripts/convert_cameo_verbs.py,
read as entries under the hand-made <type>.yaml ones. Only the pattern families (PETRARCH
blocks) listed in cameo/accepted.yaml are loaded: thousands of weak patterns would flood the
output with events, so a family is accepted only where it was measured to find events the
hand-made lexicon misses without adding many wrong ones.

The hand-made entry wins: a verb's CAMEO entries come after all of its hand-made ones, so they
only read a verb the hand-made lexicon leaves out or covers with `with` entries alone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tidings.errors import ConfigError
from tidings.events.lexicon_slots import Slots
from tidings.events.records import EVENT_TYPES
from tidings.yaml_mapping import read_yaml_mapping

ACCEPTED_FILE = "accepted.yaml"
VERBS_FILE = "verbs.tsv"
PATTERNS_FILE = "patterns.tsv"
_VERB_COLUMNS = ("lemma", "cameo", "type", "mode", "block")
_PATTERN_COLUMNS = ("block", "with", "cameo", "type", "mode", "target", "source")


@dataclass(frozen=True, slots=True)
class CameoRow:
    """One converted line: a block's bare verb (`with_` empty, `lemma` set) or one of its
    patterns (`lemma` empty: it applies to every verb of the block)."""

    block: str
    lemma: str
    with_: frozenset[str]
    cameo: str
    type: str
    mode: str | None
    slots: Slots | None


@dataclass(frozen=True, slots=True)
class Accepted:
    """The families loaded: blocks whose bare verbs are events, blocks whose object patterns
    are (for their verbs), and lemmas never read from the layer ("say", "make", "take")."""

    verb_blocks: frozenset[str]
    pattern_blocks: frozenset[str]
    skip_lemmas: frozenset[str]


def _rows(text: str, origin: str, columns: tuple[str, ...]) -> Iterable[dict[str, str]]:
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise ConfigError(origin, f"expected the header {' '.join(columns)}")
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise ConfigError(origin, f"line {n}: expected {len(columns)} columns")
        row = dict(zip(columns, fields, strict=True))
        if row["type"] not in EVENT_TYPES or not row["cameo"].isdigit():
            raise ConfigError(origin, f"line {n}: bad type or CAMEO code")
        yield row


def _slots(target: str, source: str) -> Slots | None:
    positions = tuple(
        (name, (where,)) for name, where in (("source", source), ("target", target)) if where
    )
    return Slots(positions, ()) if positions else None


def read_verbs(text: str, origin: str = VERBS_FILE) -> list[CameoRow]:
    return [
        CameoRow(
            r["block"], r["lemma"], frozenset(), r["cameo"], r["type"], r["mode"] or None, None
        )
        for r in _rows(text, origin, _VERB_COLUMNS)
    ]


def read_patterns(text: str, origin: str = PATTERNS_FILE) -> list[CameoRow]:
    return [
        CameoRow(
            r["block"],
            "",
            frozenset(w for w in r["with"].split(",") if w),
            r["cameo"],
            r["type"],
            r["mode"] or None,
            _slots(r["target"], r["source"]),
        )
        for r in _rows(text, origin, _PATTERN_COLUMNS)
    ]


def _words(data: dict[str, Any], key: str, origin: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(origin, f"{key}: expected a list")
    return frozenset(value)


def read_accepted(text: str, origin: str = ACCEPTED_FILE) -> Accepted:
    data = read_yaml_mapping(text, origin)
    unknown = set(data) - {"verb_blocks", "pattern_blocks", "skip_lemmas"}
    if unknown:
        raise ConfigError(origin, f"unknown key(s) {sorted(unknown)}")
    return Accepted(
        _words(data, "verb_blocks", origin),
        _words(data, "pattern_blocks", origin),
        frozenset(w.lower() for w in _words(data, "skip_lemmas", origin)),
    )


def layer_entries(
    verbs: list[CameoRow], patterns: list[CameoRow], accepted: Accepted
) -> list[tuple[str, CameoRow]]:
    """(verb lemma, row) for every accepted row: each accepted block's patterns for each of
    its verbs, then its bare verbs; an object word a verb already took from an earlier row
    is not taken again (the first block listing the verb keeps it)."""
    by_block: dict[str, list[str]] = defaultdict(list)
    for row in verbs:
        if row.lemma not in accepted.skip_lemmas:
            by_block[row.block].append(row.lemma)
    taken: dict[str, set[str]] = defaultdict(set)
    out: list[tuple[str, CameoRow]] = []
    for row in patterns:
        if row.block not in accepted.pattern_blocks:
            continue
        for lemma in by_block.get(row.block, ()):
            free = row.with_ - taken[lemma]
            if free:
                taken[lemma] |= free
                out.append((lemma, row if free == row.with_ else _with(row, free)))
    out.extend(
        (row.lemma, row)
        for row in verbs
        if row.block in accepted.verb_blocks and row.lemma not in accepted.skip_lemmas
    )
    return out


def _with(row: CameoRow, words: frozenset[str]) -> CameoRow:
    return CameoRow(row.block, row.lemma, words, row.cameo, row.type, row.mode, row.slots)


def load_layer() -> list[tuple[str, CameoRow]]:
    """The accepted rows of the shipped CAMEO layer."""
    folder = resources.files("tidings.data").joinpath("events", "cameo")
    verbs = read_verbs(folder.joinpath(VERBS_FILE).read_text("utf-8"))
    patterns = read_patterns(folder.joinpath(PATTERNS_FILE).read_text("utf-8"))
    accepted = read_accepted(folder.joinpath(ACCEPTED_FILE).read_text("utf-8"))
    return layer_entries(verbs, patterns, accepted)
