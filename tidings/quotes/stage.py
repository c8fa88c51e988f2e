"""The quote stage: a ParsedArticle and its ActorLayer in, every reported statement out.

1. Quoted stretches (marks.py) are direct quotes when they stand as a statement (a sentence
   of their own, after "X said:" or before ", X said"), partial when they sit inside a
   sentence of the reporter's ("part of the revenge was “the expulsion of ...”", a "first
   slap"). Each takes the cue it hangs on in the parse, else the nearest cue of its sentence;
   a direct quote with no cue at all continues the previous speaker.
2. Every other frame with a clause is an indirect quote ("X said (that) ...", "according to
   X", "X vowed to ...").
3. Speakers come from the actor layer; a pronoun it linked to no one ("it said") and a quote
   paragraph with no cue take the previous speaker. A quote of the same speaker as the quote
   before keeps its relaying outlet (an interview goes on), and its date when the cue says the
   speaker goes on ("he added").
"""

from __future__ import annotations

from dataclasses import replace

from tidings.actors.records import ActorLayer
from tidings.parse.parsed import ParsedArticle
from tidings.quotes.context import Attribution, QuoteContext
from tidings.quotes.frames import Frame, TokenRange
from tidings.quotes.labels import dash_name, transcript_labels
from tidings.quotes.lexicon import load_quote_lexicon
from tidings.quotes.marks import Marked
from tidings.quotes.records import Quote, QuoteKind, QuoteLayer

# How far up the parse from a quote's words a cue may be ("“…” Varga was quoted ... as
# saying" is two links; more is another clause's verb).
MAX_CUE_DEPTH = 4
# Links from a cue to what it says: its clause, object or complement.
SAID_DEPS = frozenset(
    {"ccomp", "xcomp", "oprd", "dobj", "attr", "acomp", "parataxis", "dep", "advcl", "conj"}
)
# A frame whose reported clause is at least this share quoted words is the frame of a direct
# quote, not an indirect quote of its own.
QUOTED_SHARE = 0.5
# A quote paragraph with no cue continues the speaker of a quote at most this many paragraphs
# back (the one before it, as news style runs a quote on).
CONTINUATION_PARAGRAPHS = 1
# The most characters an attribution may hold between two pieces of one interrupted quote
# ("“…,” said Ann Lee, a senior fellow at the Harbour Institute for Peace, on Tuesday. “…”");
# more is a sentence of its own.
MAX_INTERRUPTION = 200


def _starts_statement(text: str) -> bool:
    first = text.lstrip(".…' ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def _mark_kind(ctx: QuoteContext, mark: Marked) -> QuoteKind:
    """direct: the quote stands as a statement (alone, after "X said:" or "X said,", or the
    second half of "“…,” X said, “…”"); partial: words inside the reporter's sentence."""
    unit = ctx.unit_of[ctx.tokens(mark.open, mark.open + 1)[0]]
    before = ctx.text[ctx.doc[unit[0]].idx : mark.open].rstrip()
    statement = _starts_statement(ctx.text[mark.start : mark.end])
    if not before:
        return "direct" if statement else "partial"
    if before.endswith(":"):
        return "direct"
    last = ctx.doc[ctx.tokens(len(before) - 1 + ctx.doc[unit[0]].idx, mark.open)[0]]
    if before.endswith(",") and last.i > 0 and ctx.doc[last.i - 1].i in ctx.frame_at:
        return "direct"
    if statement and (before.endswith((",", "—")) or last.i in ctx.frame_at):
        return "direct"
    return "partial"


def _ancestor_frame(ctx: QuoteContext, quote: TokenRange) -> Frame | None:
    """The nearest cue above the quote's words in the parse that is not a relay, reached
    through what the cue says (its clause or object), not its adjuncts ("said on “Fox News
    Sunday”")."""
    inside = range(*quote)
    paragraph = ctx.paragraph(ctx.doc[quote[0]].idx)
    best: tuple[int, Frame] | None = None
    for i in inside:
        token = ctx.doc[i]
        if token.head.i in inside and token.head is not token:
            continue
        child, head, depth = token, token.head, 1
        while (
            depth <= MAX_CUE_DEPTH
            and head.i not in inside
            and head is not child
            and ctx.paragraph(head.idx) == paragraph
        ):
            frame = ctx.frame_at.get(head.i)
            if frame is not None and frame.cue not in ctx.relays:
                if child.dep_ in SAID_DEPS and (best is None or depth < best[0]):
                    best = (depth, frame)
                break
            child, head, depth = head, head.head, depth + 1
    return best[1] if best else None


def _overlaps(a: TokenRange, b: TokenRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _nearest_frame(ctx: QuoteContext, quote: TokenRange, kind: QuoteKind) -> Frame | None:
    """A cue of the quote's sentences outside the marks whose clause is the quote or that has
    none ("“…,” he added. “…”"). For words inside a sentence, only a cue before them whose
    clause the parse lost."""
    first, last = ctx.unit_of[quote[0]][0], ctx.unit_of[quote[1] - 1][1]
    candidates = [
        f
        for f in ctx.frames
        if first <= f.cue < last
        and f.cue not in ctx.relays
        and (
            f.content is None
            or _overlaps(f.content, quote)
            or f.kind == "parenthetical"
            or _quoted_share(ctx, ctx.chars(f.content)) >= QUOTED_SHARE
        )
        and (kind == "direct" or (f.content is None and f.cue < quote[0]))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda f: min(abs(f.cue - quote[0]), abs(f.cue - quote[1])))


def _covering_frame(ctx: QuoteContext, quote: TokenRange) -> Frame | None:
    """A frame whose reported clause holds the quote ("stressed that it was the “first
    slap”")."""
    holding = [
        f
        for f in ctx.frames
        if f.content is not None
        and f.content[0] <= quote[0]
        and quote[1] <= f.content[1]
        and f.cue not in ctx.relays
    ]
    return min(holding, key=lambda f: f.content[1] - f.content[0]) if holding else None  # type: ignore[index]


def _quote(
    ctx: QuoteContext, kind: QuoteKind, span: tuple[int, int], said: Attribution | None
) -> Quote:
    speaker = said.speaker if said else None
    return Quote(
        kind=kind,
        span=span,
        text=ctx.text[span[0] : span[1]],
        cue=said.cue if said else None,
        cue_span=said.cue_span if said else None,
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.id if speaker else None,
        speaker_span=speaker.span if speaker else None,
        via=said.via.name if said and said.via else None,
        via_span=said.via.span if said and said.via else None,
        date=said.date if said else None,
    )


def _frame_of(ctx: QuoteContext, mark: Marked) -> tuple[QuoteKind, Frame | None]:
    tokens = ctx.tokens(mark.start, mark.end)
    kind = _mark_kind(ctx, mark)
    frame = _ancestor_frame(ctx, tokens) or _covering_frame(ctx, tokens)
    if frame is None:
        frame = _nearest_frame(ctx, tokens, kind)
    if frame is None and kind == "direct":
        frame = _introducing_frame(ctx, mark)
    if frame is not None and ctx.doc[frame.cue].lemma_.lower() in ctx.lexicon.quote_only_verbs:
        kind = "partial" if kind == "direct" and frame.kind == "object" else kind
    return kind, frame


def _introducing_frame(ctx: QuoteContext, mark: Marked) -> Frame | None:
    """ "He said:" or "The Times reports:" ending the sentence (or paragraph) right before a
    quote: the cue that introduces it, when it frames nothing else."""
    before = ctx.text[: mark.open].rstrip()
    if not before.endswith(":"):
        return None
    unit = ctx.unit_of[ctx.tokens(len(before) - 1, len(before))[0]]
    found = [
        f
        for f in ctx.frames
        if unit[0] <= f.cue < unit[1]
        and f.cue not in ctx.relays
        and (f.content is None or f.kind in ("none", "parenthetical"))
        and f.speaker is not None
    ]
    return found[-1] if found else None


def _marked_quotes(ctx: QuoteContext) -> tuple[list[Quote], set[int]]:
    """Direct and partial quotes (and a transcript's labelled paragraphs), and the cues that
    framed a direct quote."""
    quotes: list[Quote] = []
    framing: set[int] = set()
    labels = transcript_labels(ctx)
    for mark in ctx.marks:
        label = labels.pop(ctx.paragraph_starts[ctx.paragraph(mark.open) - 1], None)
        if label is not None and mark.start <= label.span[0] < mark.end:
            quotes.append(_quote(ctx, "direct", (label.span[0], mark.end), label.said))
            continue
        kind, frame = _frame_of(ctx, mark)
        if frame is not None and kind == "direct":
            framing.add(frame.cue)
        said = ctx.attribution(frame) if frame is not None else None
        if said is None and kind == "direct":
            said = dash_name(ctx, mark)
        quotes.append(_quote(ctx, kind, (mark.start, mark.end), said))
    for label in labels.values():
        quotes.append(_quote(ctx, "direct", label.span, label.said))
    return quotes, framing


def _statements(quotes: list[Quote]) -> list[Quote]:
    """One record per statement: quoted words inside a reported clause are part of that
    indirect quote (its text holds them), and quoted words inside the reporter's sentence that
    nobody is said to have said (a title, a nickname, a scare quote) are no quote."""
    clauses = [q.span for q in quotes if q.kind == "indirect"]
    return [
        q
        for q in quotes
        if q.kind != "partial"
        or (q.speaker is not None and not any(a <= q.span[0] < b for a, b in clauses))
    ]


def _quoted_share(ctx: QuoteContext, span: tuple[int, int]) -> float:
    inside = sum(max(0, min(span[1], m.close + 1) - max(span[0], m.open)) for m in ctx.marks)
    return inside / max(span[1] - span[0], 1)


def _indirect_quotes(ctx: QuoteContext, framing: set[int]) -> list[Quote]:
    """Indirect quotes: every frame with a reported clause or object that is not the frame
    of a quote, an outlet relaying another frame, or inside another frame's clause ("X
    claimed Iran does not want ..." is one statement, X's)."""
    kept = [
        (frame, frame.content)
        for frame in ctx.frames
        if frame.content is not None and frame.cue not in framing and frame.cue not in ctx.relays
    ]
    covered: set[int] = set()
    for _frame, (start, end) in kept:
        covered.update(range(start, end))
    quotes = []
    told: set[tuple[int, int]] = set()  # "was quoted ... as saying X": two cues, one statement
    for frame, content in kept:
        span = ctx.chars(content)
        if frame.cue in covered or span in told or _quoted_share(ctx, span) >= QUOTED_SHARE:
            continue
        told.add(span)
        quotes.append(_quote(ctx, "indirect", span, ctx.attribution(frame)))
    return quotes


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker_id or b.speaker_id:
        return a.speaker_id == b.speaker_id
    return a.speaker is not None and a.speaker == b.speaker


def _carry_on(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """Continue the previous speaker (and its outlet and date) where a quote needs it."""
    done: list[Quote] = []
    previous: Quote | None = None
    for quote in quotes:
        if previous is not None:
            quote = _continued(ctx, quote, previous)
        if quote.speaker is not None:
            previous = quote
        done.append(quote)
    return done


def _continued(ctx: QuoteContext, quote: Quote, previous: Quote) -> Quote:
    near = ctx.paragraph(quote.span[0]) - ctx.paragraph(previous.span[1]) <= (
        CONTINUATION_PARAGRAPHS
    )
    if quote.speaker is None and quote.kind == "direct" and quote.cue is None and near:
        return replace(
            quote,
            speaker=previous.speaker,
            speaker_id=previous.speaker_id,
            speaker_span=previous.speaker_span,
            via=previous.via,
            via_span=previous.via_span,
            date=previous.date,
        )
    if quote.speaker_span is not None and quote.speaker_id is None and near:
        words = ctx.text[quote.speaker_span[0] : quote.speaker_span[1]].lower()
        if words in ctx.lexicon.chain_pronouns:
            quote = replace(quote, speaker=previous.speaker, speaker_id=previous.speaker_id)
    if _same_speaker(quote, previous):
        if quote.via is None:
            quote = replace(quote, via=previous.via, via_span=previous.via_span)
        if quote.date is None and _goes_on(ctx, quote):
            quote = replace(quote, date=previous.date)
    return quote


def _goes_on(ctx: QuoteContext, quote: Quote) -> bool:
    """Does the quote's cue say the speaker goes on with the same statement ("he added")?"""
    if quote.cue_span is None:
        return True
    tokens = ctx.tokens(*quote.cue_span)
    return any(ctx.doc[i].lemma_.lower() in ctx.lexicon.continuing_verbs for i in range(*tokens))


def _interrupts(ctx: QuoteContext, first: Quote, then: Quote) -> bool:
    """Is `then` the second piece of `first`, the two split by their one attribution ("“A,”
    Lund said. “B.”", "“A,” Lund said, referring to X, “b.”")? `first` is direct; the two
    are in one paragraph and share the speaker, nothing between them is longer than an
    attribution, and `then` has no cue of its own outside that stretch ("he added" makes a
    statement of its own)."""
    if first.kind != "direct" or then.kind == "indirect" or first.speaker is None:
        return False
    between = (first.span[1], then.span[0])
    if not 0 < between[1] - between[0] <= MAX_INTERRUPTION:
        return False
    paragraphs = ctx.paragraph(then.span[0]) - ctx.paragraph(first.span[1])
    if paragraphs == 1 and then.kind == "direct" and then.cue_span is None:
        # a quote paragraph with no attribution goes on with the statement before it
        return _same_speaker(first, then)
    if paragraphs != 0:
        return False
    if then.cue_span is not None and not (
        between[0] <= then.cue_span[0] and then.cue_span[1] <= between[1]
    ):
        return False
    if then.cue_span is not None and first.cue_span not in (None, then.cue_span):
        return False
    return _same_speaker(first, then)


def _join_interrupted(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """One record per interrupted quote: later pieces join the first as `pieces`. A reported
    clause inside the attribution ("referring to X") stays a quote of its own."""
    joined: list[Quote] = []
    for quote in quotes:
        back = next(
            (
                i
                for i in range(len(joined) - 1, max(len(joined) - 3, -1), -1)
                if _interrupts(ctx, joined[i], quote)
            ),
            None,
        )
        if back is None:
            joined.append(quote)
            continue
        first = joined[back]
        joined[back] = replace(
            first,
            pieces=(*(first.pieces or (first.span,)), quote.span),
            piece_texts=(*(first.piece_texts or (first.text,)), quote.text),
        )
    return joined


def extract_quotes(parsed: ParsedArticle, actors: ActorLayer) -> QuoteLayer:
    """Every direct, partial and indirect quote of the article, in text order, with speaker
    (through the actor layer), cue, relaying outlet and date."""
    ctx = QuoteContext(parsed, actors, load_quote_lexicon())
    marked, framing = _marked_quotes(ctx)
    quotes = sorted([*marked, *_indirect_quotes(ctx, framing)], key=lambda q: q.span)
    statements = _statements(_carry_on(ctx, quotes))
    return QuoteLayer(quotes=tuple(_join_interrupted(ctx, statements)))
