"""Which lines of a story are body and which are page furniture.

`judge_lines` gives one `LineVerdict` per line. Two modes:

* ``"page"``: the lines are a whole-page text dump (menus, share bars, comment forms, other
  stories' headlines, and the body somewhere between). Each line is measured (length, stopword
  density, sentence-final punctuation) and classed as prose or not in the manner of jusText;
  short lines then take the class of their context, so a subheading between two paragraphs
  stays while a menu entry among menu entries goes. The body is the first large run of prose
  net of furniture (maximal-sum segments), and a block of headlines after a "Read more" or
  "Related" marker inside it is cut.
* ``"extracted"``: the lines come from an HTML extractor that already found the body; only
  lexicon phrases, bare counters and a line repeating the one before it are removed.

Reasons a line is removed: "lexicon" (a phrase of the lexicon), "counter" ("20", "TT"),
"repeated", "related-block" (a "Read more"/"Related" marker and the headlines after it),
"comments" (a comment section after the body), "navigation" (a run of menu entries outside the
body), "edge" (anything else outside the body), "short-fragment" and "not-prose" (a short line
or a line with too few stopwords that its context inside the body does not rescue).

The knowledge (phrases, markers, stopword languages) lives in `data/boilerplate.yaml`, which a
user can extend with files of the same shape (`load_lexicon(extra=...)`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tidings.clean import line_features as lf
from tidings.clean.line_features import BoilerplateLexicon, load_lexicon

__all__ = ["BoilerplateLexicon", "LineVerdict", "furniture_reason", "judge_lines", "load_lexicon"]

Mode = Literal["page", "extracted"]
Label = Literal["good", "near", "short", "bad"]

# jusText's thresholds (Pomikálek 2011): a line under 70 characters is "short" and judged by
# its neighbours; a line of 200+ characters with at least 32 % stopwords is prose ("good");
# 30 % or more makes a line "near-good".
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOP_LOW = 0.30
STOP_HIGH = 0.32
# A long line that ends like a sentence is near-good with this share of stopwords already:
# wire copy thick with names, ages and addresses runs at 20-30 %.
STOP_SENTENCE = 0.15
# A long line that ends like a sentence with at least this many words is near-good whatever
# its stopwords: a wire lead or a sports result is thick with names and numbers ("Eighth seed
# X, who beat Y in last week's Z Open, saw off W 7-5 6-3.").
SENTENCE_RESCUE_WORDS = 12
# A short line that is a whole sentence of at least this many words is near-good whatever its
# stopwords ("Asian stock markets reached record highs on Monday.").
SHORT_SENTENCE_RESCUE_WORDS = 8
# A line shorter than LENGTH_LOW that is a whole sentence of at least this many words is
# near-good ("Officials gave no other details."), not a fragment.
SENTENCE_MIN_WORDS = 6
# Below this share of stopwords among the words of the page's long lines, no stopword list
# fits the page's language, and prose is told by length and punctuation alone (English news
# prose is about 45 %, menus and headlines under 20 %).
MIN_PAGE_STOP_DENSITY = 0.15
# Every line that is not prose costs at least this much in the body search, so a run of tiny
# menu entries is not free to cross.
FURNITURE_COST = 20
# A comment-section marker costs this much: the body crosses one only when the prose on both
# sides is far larger (three long paragraphs).
COMMENT_MARKER_COST = 600
# Title anchoring: after a line that repeats the title (`line_features.title_echoes`), the body
# is the best run starting within ANCHOR_REACH lines (byline, date, share bar and captions come
# between), if it scores at least ANCHOR_SHARE of the best segment of the page.
ANCHOR_SHARE = 0.1
ANCHOR_REACH = 40
# A comment-section opener ends the body once this many characters of body are kept before
# it (about two paragraphs), so that a "Comments" link in a share bar above the story does not.
COMMENTS_AFTER = 400
# Outside the body, a run of at least NAV_MIN_RUN lines of at most NAV_MAX_WORDS words each is
# a menu ("World", "Business", "Track and Field"); a headline has more words.
NAV_MIN_RUN = 3
NAV_MAX_WORDS = 3
# A long line holding this many kept paragraphs is a second copy of the story.
GLUED_COPY_MIN_PARAGRAPHS = 2
# A related-stories block runs on over teasers (one sentence per story, shorter than this) and
# ends at a longer paragraph or at two paragraphs in a row.
TEASER_MAX_CHARS = 400
# The story is the first prose block that scores at least this share of the largest one: the
# large blocks further down a page are comment threads, teaser lists and cookie notices.
FIRST_BLOCK_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """Whether to keep one line, and why: "body", or the reason it was removed."""

    keep: bool
    reason: str


BODY = LineVerdict(True, "body")


def judge_lines(
    lines: Sequence[str],
    *,
    mode: Mode = "page",
    lexicon: BoilerplateLexicon | None = None,
    title: str | None = None,
) -> list[LineVerdict]:
    """One verdict per line of one story. `lines` are stripped and non-blank.

    `title`, when known, helps page mode find where the story starts: the line that repeats
    it is the story's headline. Without it, the first line is taken as the title candidate
    (a page dump starts with the page's <title>)."""
    lex = lexicon if lexicon is not None else load_lexicon()
    if mode == "extracted":
        return _judge_extracted(lines, lex)
    if mode == "page":
        return _judge_page(lines, lex, title) if lines else []
    raise ValueError(f"unknown mode {mode!r}")


# A run of this many symbols or punctuation marks with no letter, digit or space between is
# never prose (separator rules are far shorter), and spaCy's tokenizer takes time quadratic in
# such a run's length (it strips one affix at a time: 4,000 brackets take ~3 s, 40,000 would
# take minutes), so one hostile line could stall a batch. The line is dropped as furniture.
MAX_SYMBOL_RUN = 100
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN},}}|_{{{MAX_SYMBOL_RUN},}}")


def furniture_reason(
    line: str, normalised: str, features: lf.LineFeatures, lex: BoilerplateLexicon
) -> str | None:
    """Why a line is furniture whatever its context, or None."""
    if _SYMBOL_RUN.search(line):
        return "symbol-run"
    if lex.matches(normalised):
        return "lexicon"
    if features.counter:
        return "counter"
    return None


def _judge_extracted(lines: Sequence[str], lex: BoilerplateLexicon) -> list[LineVerdict]:
    """Gentle: lexicon phrases, counters, and a line that repeats the one before it. Lines
    repeated further apart stay: an extracted body repeats list items and table headers."""
    verdicts: list[LineVerdict] = []
    previous: str | None = None
    for line in lines:
        reason = furniture_reason(line, lf.normalise(line), lf.measure(line, frozenset()), lex)
        if reason is None and line == previous:
            reason = "repeated"
        previous = line
        verdicts.append(BODY if reason is None else LineVerdict(False, reason))
    return verdicts


# ---------------------------------------------------------------------------------------------
# Page mode


def _classify(f: lf.LineFeatures, prose_signal: bool) -> Label:
    """jusText's first stage, widened for one-sentence news paragraphs: a line of 70+
    characters with enough stopwords that ends like a sentence is prose too."""
    if not prose_signal:
        return _classify_without_stopwords(f)
    density = f.stop_density
    if f.chars < LENGTH_LOW:
        if (
            f.sentence_end
            and f.words >= SENTENCE_MIN_WORDS
            and (density >= STOP_LOW or f.words >= SHORT_SENTENCE_RESCUE_WORDS)
        ):
            return "near"
        return "short"
    if density >= STOP_HIGH and (f.chars >= LENGTH_HIGH or f.sentence_end):
        return "good"
    if density >= STOP_LOW or (
        f.sentence_end and (density >= STOP_SENTENCE or f.words >= SENTENCE_RESCUE_WORDS)
    ):
        return "near"
    return "bad"


def _classify_without_stopwords(f: lf.LineFeatures) -> Label:
    """For a page in a language without a stopword list: length and punctuation only."""
    if f.chars < LENGTH_LOW:
        return "short"
    if f.chars >= LENGTH_HIGH or f.sentence_end:
        return "good"
    return "near"


def _neighbour(labels: Sequence[str], start: int, step: int) -> str:
    i = start + step
    while 0 <= i < len(labels):
        if labels[i] in ("good", "bad"):
            return labels[i]
        i += step
    return "bad"


def _smooth(labels: Sequence[str]) -> list[str]:
    """Short and near-good lines take their context's class (jusText's second stage). A text
    with no good line at all (a short item dense with names) keeps its near-good lines."""
    if "good" not in labels:
        labels = ["good" if label == "near" else label for label in labels]
    near_fixed = list(labels)
    for i, label in enumerate(labels):
        if label == "near":
            prev, nxt = _neighbour(labels, i, -1), _neighbour(labels, i, 1)
            near_fixed[i] = "good" if "good" in (prev, nxt) else "bad"
    out = list(near_fixed)
    for i, label in enumerate(near_fixed):
        if label == "short":
            prev, nxt = _neighbour(near_fixed, i, -1), _neighbour(near_fixed, i, 1)
            out[i] = "good" if prev == nxt == "good" else "bad"
    return out


def maximal_segments(weights: Sequence[float]) -> list[tuple[int, int, float]]:
    """All maximal-scoring segments of `weights` as (start, end, score), in order (Ruzzo and
    Tompa 1999): disjoint runs with a positive sum that no extension improves."""
    # Each entry: start, end, cumulative sum before start, cumulative sum at end.
    found: list[tuple[int, int, float, float]] = []
    cumulative = 0.0
    for i, w in enumerate(weights):
        before = cumulative
        cumulative += w
        if w <= 0:
            continue
        seg = (i, i + 1, before, cumulative)
        while True:
            j = len(found) - 1
            while j >= 0 and found[j][2] >= seg[2]:
                j -= 1
            if j < 0 or found[j][3] >= seg[3]:
                found.append(seg)
                break
            seg = (found[j][0], seg[1], found[j][2], seg[3])
            del found[j:]
    return [(a, b, right - left) for a, b, left, right in found]


def _choose_body(weights: Sequence[float], echoes: Sequence[int]) -> tuple[int, int]:
    """[start, end) of the body.

    After a line that repeats the title (the story's own headline), the body starts at the
    first line of prose within ANCHOR_REACH lines and ends where the running sum of weights
    from there is highest, if that sum is at least ANCHOR_SHARE of the best segment's.
    Failing that, the body is the first maximal segment that scores at least
    FIRST_BLOCK_SHARE of the best (pages put the story before teasers, comments, footers)."""
    segments = maximal_segments(weights)
    if not segments:
        return (0, 0)
    best = max(score for _, _, score in segments)
    for echo in echoes:
        anchored = _extend_from(weights, echo + 1, echo + 1 + ANCHOR_REACH)
        if anchored is not None and anchored[2] >= ANCHOR_SHARE * best:
            return anchored[0], anchored[1]
    for start, end, score in segments:
        if score >= FIRST_BLOCK_SHARE * best:
            return start, end
    return (0, 0)  # unreachable: the best segment qualifies


def _extend_from(weights: Sequence[float], lo: int, hi: int) -> tuple[int, int, float] | None:
    """From the first positive weight in [lo, hi), the run with the highest sum."""
    start = next((i for i in range(lo, min(hi, len(weights))) if weights[i] > 0), None)
    if start is None:
        return None
    total, best, end = 0.0, 0.0, start
    for i in range(start, len(weights)):
        total += weights[i]
        if total > best:
            best, end = total, i + 1
    return start, end, best


_LIST_ITEM = re.compile(r"^(?:[-–•*·▪►]|\d{1,2}[.)])\s+\S")


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """The intermediate results of page mode, per line; kept for diagnostics."""

    norms: list[str]
    furniture: list[str | None]
    labels: list[Label]
    smoothed: list[str]
    weights: list[float]


def analyse_page(lines: Sequence[str], lex: BoilerplateLexicon) -> PageAnalysis:
    """Measure, classify and smooth the lines of a page dump; weight them for the body search."""
    stop, page_density = lf.best_stopwords(lines, lex.stopwords, min_chars=LENGTH_LOW)
    prose_signal = page_density >= MIN_PAGE_STOP_DENSITY
    feats = [lf.measure(line, stop) for line in lines]
    norms = [lf.normalise(line) for line in lines]
    repeats = _repeated(lines, LENGTH_LOW)
    furniture: list[str | None] = []
    for line, norm, f in zip(lines, norms, feats, strict=True):
        reason = furniture_reason(line, norm, f, lex)
        if reason is None and line in repeats:
            reason = "repeated"
        elif reason is None and lex.opens_related(norm):
            reason = "related-block"
        furniture.append(reason)
    labels: list[Label] = [
        "bad" if r else _classify(f, prose_signal) for r, f in zip(furniture, feats, strict=True)
    ]
    for i, line in enumerate(lines):
        # A list item ("- Best actor - ...", "• ...") is judged by the lines around its list,
        # like a subheading: inside a story it stays, in a menu it goes.
        if labels[i] == "bad" and furniture[i] is None and _LIST_ITEM.match(line):
            labels[i] = "short"
    smoothed = _smooth(labels)
    weights: list[float] = []
    for norm, f, raw, label in zip(norms, feats, labels, smoothed, strict=True):
        if lex.opens_comments(norm):
            weights.append(-float(COMMENT_MARKER_COST))
        elif label == "good" and raw == "short":
            weights.append(0.0)  # a subheading neither makes nor breaks a body
        elif label == "good":
            weights.append(float(f.chars))
        else:
            weights.append(-float(max(f.chars, FURNITURE_COST)))
    return PageAnalysis(norms, furniture, labels, smoothed, weights)


def _repeated(lines: Sequence[str], max_chars: int) -> set[str]:
    """Lines shorter than `max_chars` characters that occur more than once."""
    counts = Counter(line for line in lines if len(line) < max_chars)
    return {line for line, n in counts.items() if n > 1}


def _judge_page(
    lines: Sequence[str], lex: BoilerplateLexicon, title: str | None
) -> list[LineVerdict]:
    page = analyse_page(lines, lex)
    echoes = lf.title_echoes(lines, title if title is not None else lines[0])
    start, end = _choose_body(page.weights, echoes)
    context: list[str | None] = []
    for i in range(len(lines)):
        reason = page.furniture[i]
        if reason is None and not start <= i < end:
            reason = "edge"
        elif reason is None and page.smoothed[i] != "good":
            reason = "short-fragment" if page.labels[i] == "short" else "not-prose"
        context.append(reason)
    _name_navigation(lines, context)
    cuts = _cut_comments(lines, context, page, lex)
    _cut_related(lines, cuts, page, lex)
    kept: list[str] = []
    kept_set: set[str] = set()
    verdicts: list[LineVerdict] = []
    for i, line in enumerate(lines):
        # Furniture first, then the block a line sits in, then its context: the most telling.
        reason = page.furniture[i] or cuts[i] or context[i]
        if reason is None and _repeats_kept(line, kept, kept_set):
            reason = "repeated"
        if reason is None:
            kept.append(line)
            kept_set.add(line)
        verdicts.append(BODY if reason is None else LineVerdict(False, reason))
    return verdicts


def _name_navigation(lines: Sequence[str], context: list[str | None]) -> None:
    """Outside the body, a run of NAV_MIN_RUN or more lines of at most NAV_MAX_WORDS words is a
    menu: "navigation" rather than "edge"."""
    run: list[int] = []
    for i in [*range(len(lines)), len(lines)]:
        if i < len(lines) and context[i] == "edge" and len(lines[i].split()) <= NAV_MAX_WORDS:
            run.append(i)
            continue
        if len(run) >= NAV_MIN_RUN:
            for j in run:
                context[j] = "navigation"
        run = []


def _repeats_kept(line: str, kept: Sequence[str], kept_set: set[str]) -> bool:
    """True when `line` was kept already, or is a long line that glues kept paragraphs together
    (pages repeat the whole story in one hidden block)."""
    if line in kept_set:
        return True
    if len(line) < LENGTH_HIGH:
        return False
    inside = sum(1 for k in kept if len(k) >= LENGTH_LOW and k in line)
    return inside >= GLUED_COPY_MIN_PARAGRAPHS


def _cut_comments(
    lines: Sequence[str], context: Sequence[str | None], page: PageAnalysis, lex: BoilerplateLexicon
) -> list[str | None]:
    """Once COMMENTS_AFTER characters of body are kept, a comment-section opener ends it:
    "comments" for it and every line after."""
    cuts: list[str | None] = [None] * len(lines)
    kept = 0
    for i, line in enumerate(lines):
        if kept >= COMMENTS_AFTER and lex.opens_comments(page.norms[i]):
            cuts[i:] = ["comments"] * (len(lines) - i)
            break
        if context[i] is None:
            kept += len(line)
    return cuts


def _prose(page: PageAnalysis, lines: Sequence[str], i: int) -> bool:
    """Line `i` is a paragraph: prose that ends like a sentence."""
    return i < len(lines) and page.labels[i] in ("good", "near") and lf.ends_sentence(lines[i])


def _cut_related(
    lines: Sequence[str], cuts: list[str | None], page: PageAnalysis, lex: BoilerplateLexicon
) -> None:
    """A related-stories marker and the lines after it are "related-block", up to the next two
    paragraphs in a row: a teaser list gives one sentence per story between headlines."""
    in_block = False
    for i, line in enumerate(lines):
        if lex.opens_related(page.norms[i]):
            in_block = True
            cuts[i] = cuts[i] or "related-block"
            continue
        if (
            in_block
            and _prose(page, lines, i)
            and (len(line) >= TEASER_MAX_CHARS or _prose(page, lines, i + 1))
        ):
            in_block = False
        if in_block:
            cuts[i] = cuts[i] or "related-block"
