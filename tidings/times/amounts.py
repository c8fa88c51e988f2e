"""Readers of durations ("three years" → P3Y), repetitions ("every week" → P1W, type set),
clock times ("at 2 p.m."), references ("now" → PRESENT_REF) and durations counted from another
event ("five days later": relation and offset, no value)."""

from __future__ import annotations

from collections.abc import Callable

from tidings.times.reading import Context, Reading
from tidings.times.recognise import Candidate

_TIME_UNITS = frozenset({"H", "MIN", "S"})
_HALF_DAY = 12


def duration_value(unit: tuple[str, int], amount: int | float | None) -> str:
    """The TimeML duration: P3Y, PT48H, PXM for an unknown count, P4W for two fortnights."""
    code, factor = unit
    amount = None if amount is None else amount * factor
    count = "X" if amount is None else f"{amount:g}"
    letter = "M" if code == "MIN" else code
    return f"PT{count}{letter}" if code in _TIME_UNITS else f"P{count}{letter}"


def read_duration(c: Candidate, ctx: Context) -> Reading | None:
    """"three years", "the past two months", "a few days", "48-hour", "for years"."""
    g = c.groups
    unit = ctx.unit(g["unit"])
    amount = ctx.number(g["num"]) if g.get("num") else None
    if g.get("num") and amount is None:
        return None
    if amount is not None and (g.get("num") or "").lower() in {"a", "an"} and unit[0] == "S":
        return None  # "a second" is far more often the ordinal
    return Reading("duration", duration_value(unit, amount))


def read_relation(c: Candidate, ctx: Context) -> Reading | None:
    """"five days later", "two weeks earlier": counted from another event, so no value."""
    g = c.groups
    unit = ctx.unit(g["unit"])
    amount = ctx.number(g["num"] or "")
    if amount is None:
        return None
    relation = ctx.lexicon.codes("relation_words")[(g["rel"] or "").lower()]
    offset = duration_value(unit, amount)
    if relation == "later":
        return Reading("date", None, relation="later", offset=offset)
    return Reading("date", None, relation="earlier", offset=offset)


def read_set(c: Candidate, ctx: Context) -> Reading | None:
    """"daily" → P1D, "every week" → P1W, "every two years" → P2Y."""
    g = c.groups
    if g.get("setword"):
        return Reading("set", ctx.lexicon.codes("set_words")[(g["setword"] or "").lower()])
    amount = ctx.number(g["num"]) if g.get("num") else 1
    return Reading("set", duration_value(ctx.unit(g["unit"]), amount))


def _clock(ctx: Context, hour: int, minute: int) -> Reading:
    day = ctx.anchor.day
    stamp = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return Reading("time", None, anchored=True)
    return Reading("time", day.isoformat() + stamp, anchored=True)


def read_clock(c: Candidate, ctx: Context) -> Reading | None:
    """"2 p.m.", "around 7:15 p.m. EST", "14:00" on the anchor's day; "noon"."""
    g = c.groups
    if c.kind == "named_time":
        named = ctx.lexicon.codes("named_times")[(g["named"] or "").lower()].split(":")
        return _clock(ctx, int(named[0]), int(named[1]))
    hour, minute = int(g["h"] or 0), int(g.get("m") or 0)
    if g.get("mer"):
        shift = ctx.lexicon.ints("meridiems")[(g["mer"] or "").lower()]
        if not 1 <= hour <= _HALF_DAY:
            return None
        hour = hour % _HALF_DAY + shift
    return _clock(ctx, hour, minute)


def read_reference(c: Candidate, ctx: Context) -> Reading | None:
    """"now" → PRESENT_REF, "recently" → PAST_REF, "soon" → FUTURE_REF; a weak word only as
    an adverb ("once" and "current" are often something else)."""
    word = " ".join((c.groups["ref"] or "").lower().split())
    if word in ctx.lexicon.word_list("weak_references") and not ctx.adverbial(c.start, c.end):
        return None
    return Reading("date", ctx.lexicon.codes("references")[word])


AMOUNT_READERS: dict[str, Callable[[Candidate, Context], Reading | None]] = {
    "duration": read_duration,
    "bare_plural": read_duration,
    "relation": read_relation,
    "set": read_set,
    "clock": read_clock,
    "clock24": read_clock,
    "named_time": read_clock,
    "reference": read_reference,
}
