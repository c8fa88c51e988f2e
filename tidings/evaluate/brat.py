"""PolNeAR's BRAT standoff attributions, and the span arithmetic and matching that score
predicted contents against them (used by `tidings.evaluate.quotes`).

A `T` line is one typed text span, `T3\\tContent 115 290\\tthat Hillary ...`; its location may
be discontinuous, `315 448;463 553`, and is kept as a tuple of fragments. `E` lines (and `R`
lines, should a file use them) tie spans into one attribution: `E1\\tAttribution:T4 Content:T3
Cue:T2 Source:T1`. What a tied span is comes from its `T` type, not from the argument's role
name, so `Content2:T22` is a second content and `Attribution-no-source:T28 Source:T27` keeps
its source. Each content of an attribution is one gold content, sharing the attribution's
source and cue (either may be absent). A Content span tied to nothing is a gold content with
neither. `A` (attribute), `N`, `*` and `#` lines, and span types other than Source, Cue and
Content (Attribution, Discuss, Discard), are read past.

A PolNeAR folder holds `text/<name>.txt` and `attributions/<name>_<annotator>.ann`; an article
annotated by several annotators is scored against the first file by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import ConfigError

Span = tuple[int, int]
Fragments = tuple[Span, ...]  # one span, possibly discontinuous, fragments in file order

# Dropped at both ends of every fragment before the exact comparison: whitespace, quote marks
# and punctuation, which annotators and extractors place inconsistently around a content.
TRIM_CHARS = " \t\n\r\u00a0\"'“”‘’«»„‚`.,;:!?…—–-()[]"
# Half the shorter span: a content cut at another boundary (with or without "that", the quote
# marks, a trailing "he added") still matches, while neighbouring contents that merely touch
# or share a clause do not.
OVERLAP_SHARE = 0.5
# The line kinds that tie spans together; the others (A, N, *, #) carry nothing we score.
LINKING_KINDS = ("E", "R")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One `T` line: its id, type, location and the text the file gives for it."""

    id: str
    type: str
    fragments: Fragments
    text: str


@dataclass(frozen=True, slots=True)
class GoldContent:
    """One gold content with the source and cue of its attribution (None when absent)."""

    content: Annotation
    source: Annotation | None
    cue: Annotation | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's raw text and its gold contents (offsets are into `text`)."""

    name: str
    path: Path
    text: str
    contents: tuple[GoldContent, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Predicted and gold items and the matches between them; summed over articles."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted + other.predicted, self.gold + other.gold, self.matched + other.matched
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    """Of `total` matched pairs, how many agree (on the speaker, on the cue)."""

    total: int = 0
    agreed: int = 0

    @property
    def rate(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.total + other.total, self.agreed + other.agreed)


def _fragments(locations: str, where: str) -> Fragments:
    spans: list[Span] = []
    for part in locations.split(";"):
        bounds = part.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise ConfigError(where, f"bad span location {locations!r}")
        start, end = int(bounds[0]), int(bounds[1])
        if end < start:
            raise ConfigError(where, f"span ends before it starts ({locations!r})")
        spans.append((start, end))
    return tuple(spans)


def _annotation(fields: list[str], where: str) -> Annotation:
    if len(fields) < 2 or " " not in fields[1]:
        raise ConfigError(where, "a T line needs an id, a type with its location, and text")
    kind, locations = fields[1].split(" ", 1)
    text = fields[2] if len(fields) > 2 else ""
    return Annotation(fields[0], kind, _fragments(locations, where), text)


def _arguments(fields: list[str], where: str) -> list[str]:
    """The `T` ids a linking line ties, its trigger included (`Role:T4` → `T4`)."""
    if len(fields) < 2:
        raise ConfigError(where, "a linking line needs an id and its arguments")
    ids = []
    for argument in fields[1].split():
        _role, sep, target = argument.partition(":")
        if not sep:
            continue  # a relation's type name (R lines: `Type Arg1:T1 Arg2:T2`)
        ids.append(target)
    return ids


def _contents(group: list[Annotation], used: set[str], found: dict[Fragments, GoldContent]) -> None:
    """Add each content of one linked group, with the group's first source and cue."""
    source = next((a for a in group if a.type == "Source"), None)
    cue = next((a for a in group if a.type == "Cue"), None)
    for content in (a for a in group if a.type == "Content"):
        used.add(content.id)
        known = found.get(content.fragments)
        if known is None or (known.source is None and source is not None):
            found[content.fragments] = GoldContent(content, source, cue)


def parse_ann(text: str, path: str = "<ann>") -> list[GoldContent]:
    """The gold contents of one `.ann` text, in text order (a content tied twice counts once)."""
    spans: dict[str, Annotation] = {}
    groups: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{path}:{number}"
        fields = line.rstrip("\r\n").split("\t")
        if not fields[0]:
            continue
        if fields[0].startswith("T"):
            spans[fields[0]] = _annotation(fields, where)
        elif fields[0].startswith(LINKING_KINDS):
            groups.append((where, _arguments(fields, where)))
    used: set[str] = set()
    found: dict[Fragments, GoldContent] = {}
    for where, ids in groups:
        missing = [i for i in ids if i.startswith("T") and i not in spans]
        if missing:
            raise ConfigError(where, f"refers to undefined spans {missing}")
        _contents([spans[i] for i in ids if i in spans], used, found)
    for orphan in (a for a in spans.values() if a.type == "Content" and a.id not in used):
        _contents([orphan], used, found)
    return sorted(found.values(), key=lambda g: g.content.fragments)


def read_ann(path: Path) -> list[GoldContent]:
    """The gold contents of one `.ann` file."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the annotations ({exc})") from exc
    return parse_ann(text, str(path))


def load_polnear(data_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """The first `limit` articles by name, each with its first annotator's file."""
    texts = sorted((data_dir / "text").glob("*.txt"))
    if not texts:
        raise ConfigError(str(data_dir), "no text/*.txt here (give the PolNeAR folder)")
    annotations: dict[str, Path] = {}
    for found in sorted((data_dir / "attributions").glob("*.ann"), reverse=True):
        annotations[found.stem.rsplit("_", 1)[0]] = found  # reversed: the first by name wins
    articles = []
    for path in texts[:limit]:
        ann = annotations.get(path.stem)
        if ann is None:
            raise ConfigError(str(path), "no attributions/<name>_<annotator>.ann for it")
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), f"cannot read the article ({exc})") from exc
        contents = tuple(read_ann(ann))
        if any(g.content.fragments[-1][1] > len(text) for g in contents):
            raise ConfigError(str(ann), f"a span ends past the text of {path.name}")
        articles.append(GoldArticle(path.stem, path, text, contents))
    return articles


def length(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def overlap(a: Fragments, b: Fragments) -> int:
    """Characters inside both spans."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in a
        for b_start, b_end in b
    )


def trimmed(fragments: Fragments, text: str) -> Fragments:
    """Each fragment without TRIM_CHARS at either end; fragments left empty are dropped."""
    kept = []
    for start, end in fragments:
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        if end > start:
            kept.append((start, end))
    return tuple(kept)


def match_overlap(predicted: Sequence[Fragments], gold: Sequence[Fragments]) -> list[Span]:
    """One-to-one (predicted index, gold index) pairs sharing at least OVERLAP_SHARE of the
    shorter span, taken greedily by characters shared, largest first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = overlap(p, g)
            if shared and shared >= OVERLAP_SHARE * min(length(p), length(g)):
                candidates.append((-shared, i, j))
    pairs: list[Span] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return sorted(pairs)


def match_exact(predicted: Sequence[Fragments], gold: Sequence[Fragments], text: str) -> int:
    """How many predicted contents equal a gold one once trimmed (one-to-one)."""
    remaining = Counter(trimmed(g, text) for g in gold)
    matched = 0
    for key in (trimmed(p, text) for p in predicted):
        if key and remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
    return matched
