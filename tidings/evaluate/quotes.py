"""Quote extraction against PolNeAR (attributions in US political news), and a baseline.

Data: `text/<name>.txt` and `attributions/<name>_<annotator>.ann` (BRAT standoff, read by
`tidings.evaluate.brat`). An article annotated by several annotators is scored against the
first file by name. Each article's raw text is parsed as it is (no clean, so offsets agree),
actors are resolved, and `tidings.quotes.extract_quotes` runs on it; the baseline below runs on
the same parse. Every quote predicted counts, whatever its kind.

Figures, all micro-averaged over the corpus (counts summed over articles, then divided):

* Content P/R/F1, overlap: a predicted content matches a gold content when the characters
  they share are at least half of the shorter one's (`brat.OVERLAP_SHARE`; a discontinuous
  span counts the characters of its fragments); matching is one-to-one, greedy by shared
  characters, largest first. P = matched / predicted quotes, R = matched / gold contents,
  F1 = 2PR / (P + R).
* Content P/R/F1, exact: a predicted content matches a gold content when their spans are equal
  after each fragment is trimmed of whitespace, quote marks and punctuation at both ends
  (`brat.TRIM_CHARS`); one-to-one; same denominators.
* Speaker agreement, over the overlap-matched pairs whose gold attribution has a Source
  (agreed pairs / such pairs):
  - strict: the predicted `speaker_span` overlaps the gold Source span (one character is
    enough);
  - lenient (the headline figure): strict, or both sides name the same person. Each side gives
    at most two name keys. Gold: its Source text, and, when that text is no name but refers
    back (a pronoun, or a role phrase opening with the/this/that/these/those such as "the
    official"), the nearest preceding gold Source of the article that is a name (PolNeAR has
    no coreference links, so this stands in for what the source refers to). Predicted: its
    `speaker_span` text and its resolved `speaker` name. A phrase's name key is its last word
    before any comma (an appositive), bracketed asides, a generational suffix ("Jr.") and a
    possessive dropped, case-folded, when that word is capitalised and no pronoun; the sides
    agree when their keys intersect.
    So gold "he" after gold "Clinton" agrees with predicted "Hillary Clinton", gold "Sen. Ann
    Lee (D-Ore.)" with "Lee"; "the official" and "an official" never agree by name.
* Cue agreement, over the overlap-matched pairs whose gold attribution has a Cue: the predicted
  `cue_span` overlaps the gold Cue. For information only.

Baseline (`baseline_quotes`), on the same parse: contents are the stretches between quote
marks (“…” or "…") of at least BASELINE_MIN_WORDS words; then, in each sentence that holds none
of those, the first cue word (CUE_WORD: said, says, told, according to, ...) gives one clause:
the rest of the sentence after it ("X said that CONTENT.") when that is at least
BASELINE_MIN_WORDS words, else the sentence up to the last comma before the cue ("CONTENT, X
said."). The speaker is the nearest PERSON entity that ends before the content (for a clause,
before the cue when the content follows it); the cue is the cue word (none for quoted
stretches).
"""

from __future__ import annotations

import importlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.actors import ActorLayer, resolve_actors
from tidings.evaluate.brat import (
    TRIM_CHARS,
    Agreement,
    Annotation,
    Counts,
    Fragments,
    GoldArticle,
    GoldContent,
    Span,
    load_polnear,
    match_exact,
    match_overlap,
    overlap,
)
from tidings.evaluate.gold_parse import gold_article, parse_gold
from tidings.evaluate.splits import Split, select
from tidings.knowledge import load_actor_base
from tidings.parse.parsed import ParsedArticle
from tidings.settings import Settings, load_settings

# Quoted stretches shorter than this are mostly scare quotes and titles ("so-called
# "experts""), not speech; a clause after a cue this short is the end of "X said on Monday".
BASELINE_MIN_WORDS = 3
QUOTED = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"")
# The verbs (and "according to") that mark reported speech in the baseline's clauses.
CUE_WORD = re.compile(
    r"\b(?:said|says|say|told|tells|added|argued|noted|claimed|stated|wrote|reported|reports|"
    r"believes|warned|insisted|acknowledged|according to)\b"
)
# Words that never name a speaker by themselves, even capitalised at a sentence start.
PRONOUNS = frozenset(
    {"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it"}
    | {"its", "they", "them", "their", "who", "which", "that", "this", "these", "those", "one"}
)
# Generational suffixes, passed over to reach the surname ("Joseph R. Biden Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Determiners that make a role phrase point back to someone already named ("the official").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
EXTRACTOR_MODULE = "tidings.quotes"


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted quote, as the scores see it."""

    kind: str
    content: Fragments
    speaker: str | None = None  # the name the speaker was resolved to
    speaker_span: Span | None = None
    cue_span: Span | None = None


@dataclass(frozen=True, slots=True)
class SystemScores:
    """One system's figures (one article's, or summed over a corpus)."""

    name: str
    overlap: Counts = field(default_factory=Counts)
    exact: Counts = field(default_factory=Counts)
    speaker: Agreement = field(default_factory=Agreement)
    speaker_strict: Agreement = field(default_factory=Agreement)
    cue: Agreement = field(default_factory=Agreement)
    # kind → (predicted, overlap-matched), to see where precision is lost
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __add__(self, other: SystemScores) -> SystemScores:
        kinds = {
            k: (self.by_kind.get(k, (0, 0))[0] + n, self.by_kind.get(k, (0, 0))[1] + m)
            for k, (n, m) in other.by_kind.items()
        }
        return SystemScores(
            self.name,
            self.overlap + other.overlap,
            self.exact + other.exact,
            self.speaker + other.speaker,
            self.speaker_strict + other.speaker_strict,
            self.cue + other.cue,
            {**self.by_kind, **kinds},
        )

    def figures(self) -> dict[str, float]:
        """The figures floors may name."""
        return {
            "content_precision": self.overlap.precision,
            "content_recall": self.overlap.recall,
            "content_f1": self.overlap.f1,
            "exact_f1": self.exact.f1,
            "speaker_agreement": self.speaker.rate,
            "speaker_strict": self.speaker_strict.rate,
            "cue_agreement": self.cue.rate,
        }

    def to_json(self) -> dict[str, Any]:
        def counts(c: Counts) -> dict[str, Any]:
            return {
                "predicted": c.predicted,
                "gold": c.gold,
                "matched": c.matched,
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }

        def agreement(a: Agreement) -> dict[str, Any]:
            return {"pairs": a.total, "agreed": a.agreed, "rate": round(a.rate, 4)}

        return {
            "content_overlap": counts(self.overlap),
            "content_exact": counts(self.exact),
            "speaker": agreement(self.speaker),
            "speaker_strict": agreement(self.speaker_strict),
            "cue": agreement(self.cue),
            "by_kind": {k: {"predicted": n, "matched": m} for k, (n, m) in self.by_kind.items()},
        }


@dataclass(frozen=True, slots=True)
class QuotesEvaluation:
    articles: int
    gold_contents: int
    seconds: float
    baseline: SystemScores
    extractor: SystemScores | None  # None: tidings.quotes.extract_quotes does not exist yet
    floors: dict[str, float] = field(default_factory=dict)
    split: Split = Split.all

    def below_floor(self) -> list[str]:
        """Each extractor figure under its floor, as "quotes metric value < floor"."""
        if self.extractor is None:
            return []
        figures = self.extractor.figures()
        failures = []
        for metric, floor in self.floors.items():
            value = figures.get(metric)
            if value is None:
                failures.append(f"quotes {metric}: no such figure (known: {sorted(figures)})")
            elif value < floor:
                failures.append(f"quotes {metric} {value:.4f} < {floor:.4f}")
        return failures

    def to_json(self) -> dict[str, Any]:
        return {
            "split": self.split.value,
            "articles": self.articles,
            "gold_contents": self.gold_contents,
            "seconds": round(self.seconds, 2),
            "baseline": self.baseline.to_json(),
            "extractor": None if self.extractor is None else self.extractor.to_json(),
            "floors": self.floors,
            "below_floor": self.below_floor(),
        }


def name_key(phrase: str | None) -> str | None:
    """The name a phrase ends on: the last word before any comma (an appositive), bracketed
    asides, a generational suffix and a possessive dropped, case-folded; None unless
    capitalised and no pronoun."""
    head = re.sub(r"\([^)]*\)", " ", phrase or "").split(",")[0]
    words = [w.strip(TRIM_CHARS) for w in head.split()]
    while words and words[-1].casefold() in NAME_SUFFIXES:
        words.pop()
    if not words:
        return None
    word = re.sub(r"['’]s?$", "", words[-1])
    if not word[:1].isupper() or word.casefold() in PRONOUNS:
        return None
    return word.casefold()


def refers_back(phrase: str) -> bool:
    """Whether a phrase that is no name points to someone named before: a pronoun, or a
    definite role phrase ("the official"); "sources" or "a spokesman" do not."""
    words = phrase.casefold().split()
    return bool(words) and (words[0] in DEFINITE or " ".join(words) in PRONOUNS)


def gold_referents(gold: Sequence[GoldContent]) -> dict[str, str]:
    """Source id → name key of the nearest preceding named gold Source, for each gold source
    that is no name but refers back."""
    unique = {g.source.id: g.source for g in gold if g.source is not None}
    referents: dict[str, str] = {}
    last: str | None = None
    for source in sorted(unique.values(), key=lambda a: a.fragments):
        key = name_key(source.text)
        if key is not None:
            last = key
        elif last is not None and refers_back(source.text):
            referents[source.id] = last
    return referents


def speaker_agrees(
    predicted: Predicted, source: Annotation, text: str, referents: dict[str, str]
) -> tuple[bool, bool]:
    """(lenient, strict) agreement of a predicted speaker with a gold Source."""
    span = predicted.speaker_span
    strict = span is not None and overlap((span,), source.fragments) > 0
    gold_keys = {name_key(source.text), referents.get(source.id)} - {None}
    said = text[span[0] : span[1]] if span is not None else None
    ours = {name_key(said), name_key(predicted.speaker)} - {None}
    return strict or bool(gold_keys & ours), strict


def score_article(
    system: str, text: str, gold: Sequence[GoldContent], predicted: Sequence[Predicted]
) -> SystemScores:
    """One system's figures on one article."""
    gold_spans = [g.content.fragments for g in gold]
    pairs = match_overlap([p.content for p in predicted], gold_spans)
    referents = gold_referents(gold)
    speaker = strict = cue = Agreement()
    for i, j in pairs:
        source, gold_cue, ours = gold[j].source, gold[j].cue, predicted[i]
        if source is not None:
            lenient, exact = speaker_agrees(ours, source, text, referents)
            speaker += Agreement(1, int(lenient))
            strict += Agreement(1, int(exact))
        if gold_cue is not None:
            hit = ours.cue_span is not None and overlap((ours.cue_span,), gold_cue.fragments) > 0
            cue += Agreement(1, int(hit))
    kinds: Counter[str] = Counter(p.kind for p in predicted)
    matched_kinds: Counter[str] = Counter(predicted[i].kind for i, _ in pairs)
    exact_matched = match_exact([p.content for p in predicted], gold_spans, text)
    return SystemScores(
        system,
        Counts(len(predicted), len(gold), len(pairs)),
        Counts(len(predicted), len(gold), exact_matched),
        speaker,
        strict,
        cue,
        {k: (n, matched_kinds[k]) for k, n in kinds.items()},
    )


def baseline_quotes(doc: Any) -> list[Predicted]:
    """Quoted stretches, then in each sentence without one the clause of its first cue word;
    the speaker is the nearest preceding PERSON entity."""
    text: str = doc.text
    persons = [e for e in doc.ents if e.label_ == "PERSON"]

    def quote(kind: str, content: Span, before: int, cue: Span | None = None) -> Predicted:
        person = next((e for e in reversed(persons) if e.end_char <= before), None)
        if person is None:
            return Predicted(kind, (content,), cue_span=cue)
        return Predicted(kind, (content,), person.text, (person.start_char, person.end_char), cue)

    found = [
        quote("direct", m.span(), m.start())
        for m in QUOTED.finditer(text)
        if len(m.group().split()) >= BASELINE_MIN_WORDS
    ]
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        cue = CUE_WORD.search(text, start, end)
        if cue is None or any(overlap(((start, end),), q.content) for q in found):
            continue
        after = text[cue.end() : end]
        comma = text.rfind(",", start, cue.start())
        if len(after.split()) >= BASELINE_MIN_WORDS:  # "X said (that) CONTENT."
            content = (end - len(after.lstrip()), end)
            found.append(quote("indirect", content, cue.start(), cue.span()))
        elif comma > start:  # "CONTENT, X said."
            found.append(quote("indirect", (start, comma), start, cue.span()))
    return sorted(found, key=lambda q: q.content)


def _span(value: Any) -> Span | None:
    return None if value is None else (int(value[0]), int(value[1]))


def from_quote(quote: Any) -> Predicted:
    """A `tidings.quotes.Quote` as the scores see it (its span may be one or several)."""
    span = quote.span
    pieces = getattr(quote, "pieces", ())
    fragments = (
        tuple((int(s), int(e)) for s, e in pieces) if pieces else ((int(span[0]), int(span[1])),)
    )
    return Predicted(
        str(quote.kind),
        fragments,
        quote.speaker,
        _span(quote.speaker_span),
        _span(quote.cue_span),
    )


Extractor = Callable[[ParsedArticle, ActorLayer], Any]


def load_extractor() -> Extractor | None:
    """`tidings.quotes.extract_quotes`, or None while that module (or the function) does not
    exist yet. Any other import failure of the module is raised."""
    try:
        module = importlib.import_module(EXTRACTOR_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != EXTRACTOR_MODULE:
            raise
        return None
    extract: Extractor | None = getattr(module, "extract_quotes", None)
    return extract


def _parsed(articles: Sequence[GoldArticle], settings: Settings) -> Iterator[ParsedArticle]:
    """Each article's raw text parsed as it is, so that gold offsets hold."""
    return parse_gold((gold_article(a.text, path=str(a.path)) for a in articles), settings)


def evaluate_quotes(
    data_dir: Path,
    *,
    limit: int | None = None,
    floors: dict[str, float] | None = None,
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    split: Split = Split.all,
) -> QuotesEvaluation:
    """Score the baseline and (when installed, or given) the extractor on the first `limit`
    PolNeAR articles of `split` (an article's split follows from its file name)."""
    started = time.perf_counter()
    settings = settings or load_settings()
    if split is Split.all:
        articles = load_polnear(data_dir, limit)
    else:
        articles = select(load_polnear(data_dir), lambda a: a.path.name, split)[:limit]
    extract = extractor or load_extractor()
    base = load_actor_base(settings.actors.files)
    baseline = SystemScores("baseline")
    ours = SystemScores("tidings")
    for gold, parsed in zip(articles, _parsed(articles, settings), strict=True):
        baseline += score_article("baseline", gold.text, gold.contents, baseline_quotes(parsed.doc))
        if extract is not None:
            layer = extract(parsed, resolve_actors(parsed, base=base))
            predicted = [from_quote(q) for q in layer.quotes]
            ours += score_article("tidings", gold.text, gold.contents, predicted)
    return QuotesEvaluation(
        articles=len(articles),
        gold_contents=sum(len(a.contents) for a in articles),
        seconds=time.perf_counter() - started,
        baseline=baseline,
        extractor=ours if extract is not None else None,
        floors=floors or {},
        split=split,
    )
