"""Readers of calendar expressions: full and partial dates, months, years, quarters, seasons,
decades, weekdays and words counted from the anchor ("yesterday", "last week", "3 days ago").

News conventions: a bare weekday is the latest such day on or before the anchor unless the
clause looks ahead (then the next on or after); a month (and day) without a year takes the
anchor's year, or the year before when a past clause would put it after the anchor (the year
after when a future clause would put it before). Nothing is resolved finer than the anchor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from tidings.times.arithmetic import (
    add_months,
    format_day,
    quarter_of,
    shift,
    unit_precision,
    week_value,
)
from tidings.times.reading import FUTURE, PAST, Context, Reading
from tidings.times.recognise import Candidate

Groups = dict[str, str | None]
_DAYS_IN_WEEK = 7
_CENTURY_YEARS = 100
_TWO_DIGIT_PIVOT = 50  # "03/01/49" is 2049, "03/01/50" is 1950
_US_MONTH_MAX = 12
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_MONTHS = 3


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _direction(ctx: Context, c: Candidate) -> int | None:
    word = c.groups.get("dir")
    return None if word is None else ctx.lexicon.ints("directions").get(word.lower())


def _year_for(ctx: Context, c: Candidate, month: int, day: int = 1) -> int | None:
    """The year of a month (and day) written without one: "last"/"next" say it; a past clause
    keeps it on or before the anchor, a future one on or after; otherwise the nearest."""
    anchor = ctx.anchor
    if anchor.year is None:
        return None
    step = _direction(ctx, c)
    if anchor.month is None or step == 0:
        return anchor.year
    ref = (anchor.month, anchor.day.day if anchor.day else day)
    later, earlier = (month, day) > ref, (month, day) < ref
    if step is not None:
        if step < 0:
            return anchor.year - 1 if not earlier else anchor.year
        return anchor.year + 1 if not later else anchor.year
    tense = ctx.tense(c.start, c.end)
    if tense == PAST:
        return anchor.year - 1 if later else anchor.year
    if tense == FUTURE:
        return anchor.year + 1 if earlier else anchor.year
    here = anchor.year * 12 + anchor.month
    return min(
        (anchor.year, anchor.year - 1, anchor.year + 1),
        key=lambda year: abs(year * 12 + month - here),
    )


def _weekday_year(ctx: Context, g: Groups, month: int, day: int) -> int | None:
    """The year near the anchor in which a dated weekday falls ("Saturday, April 25")."""
    if not g.get("weekday") or ctx.anchor.year is None:
        return None
    weekday = ctx.lexicon.weekdays[(g["weekday"] or "").lower().rstrip(".")]
    for year in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
        found = _day(year, month, day)
        if found is not None and found.weekday() == weekday:
            return year
    return None


def _month(ctx: Context, g: Groups) -> int:
    return ctx.lexicon.months[(g["month"] or "").lower().rstrip(".")]


def read_full_date(c: Candidate, ctx: Context) -> Reading | None:
    """"3 January 2020", "January 3, 2020", "Jan. 3", "2020-01-03", "03/01/2020"."""
    g = c.groups
    if c.kind == "slash":
        first, second = int(g["a"] or 0), int(g["b"] or 0)
        month, day = (first, second) if first <= _US_MONTH_MAX else (second, first)
        year_text = g["year"] or ""
        year = int(year_text)
        if len(year_text) == 2:
            year += 1900 if year >= _TWO_DIGIT_PIVOT else 2000
    else:
        month = int(g.get("mnum") or 0) if c.kind == "iso" else _month(ctx, g)
        day = int(g["day"] or 0)
        year_or_none = (
            int(g.get("year") or 0)
            if g.get("year")
            else _weekday_year(ctx, g, month, day) or _year_for(ctx, c, month, day)
        )
        if year_or_none is None:
            return Reading("date", None, anchored=True)
        year = year_or_none
    found = _day(year, month, day)
    if found is None:
        return None
    anchored = not g.get("year")
    if g.get("h"):
        return Reading("time", f"{found.isoformat()}T{g['h']}:{g['m']}", anchored)
    return Reading("date", found.isoformat(), anchored)


def read_month(c: Candidate, ctx: Context) -> Reading | None:
    """"March 2019", "in March", "last December", "mid-November"."""
    month = _month(ctx, c.groups)
    if c.groups.get("year"):
        return Reading("date", f"{c.groups['year']}-{month:02d}")
    if c.kind == "month_relative_year":
        step = _direction(ctx, c) or 0
        if ctx.anchor.year is None:
            return Reading("date", None, anchored=True)
        return Reading("date", f"{ctx.anchor.year + step:04d}-{month:02d}", anchored=True)
    year = _year_for(ctx, c, month, 1 if c.groups.get("dir") != "next" else 31)
    return Reading("date", None if year is None else f"{year:04d}-{month:02d}", anchored=True)


def read_year(c: Candidate, ctx: Context) -> Reading | None:
    """"in 2019", "early 2020", "fiscal 1989": a bare number only after a year word, a
    modifier, or inside the parse's DATE entity."""
    if not (
        c.groups.get("mod")
        or ctx.word_before(c.start) in ctx.lexicon.word_list("year_prepositions")
        or ctx.in_date_entity(c.start, c.end)
        or "fiscal" in ctx.text[c.start : c.end].lower()
    ):
        return None
    return Reading("date", c.groups["year"])


def _part_of_year(ctx: Context, c: Candidate, months: int, count: int) -> Reading:
    """A quarter or half: its year written, or counted from the anchor."""
    g = c.groups
    if g.get("year"):
        return Reading("date", f"{g['year']}-{'Q' if months == 3 else 'H'}{count}")
    anchor = ctx.anchor
    if anchor.year is None:
        return Reading("date", None, anchored=True)
    year, current = anchor.year, ((anchor.month or 1) - 1) // months + 1
    if ctx.tense(c.start, c.end) == PAST and anchor.month and count > current:
        year -= 1
    return Reading("date", f"{year:04d}-{'Q' if months == 3 else 'H'}{count}", anchored=True)


def read_quarter(c: Candidate, ctx: Context) -> Reading | None:
    """"the third quarter (of 1989)", "third-quarter", "last quarter", "the first half"."""
    g, anchor = c.groups, ctx.anchor
    if c.kind == "half":
        this = g.get("this") and anchor.year is not None
        groups = {**g, "year": str(anchor.year)} if this else g
        half = ctx.lexicon.ints("halves")[(g["half"] or "").lower()]
        return _part_of_year(ctx, Candidate(c.start, c.end, c.kind, groups), 6, half)
    step = _direction(ctx, c)
    if step is None:
        ordinal = (g["ord"] or "").lower()
        count = ctx.lexicon.ints("ordinals").get(ordinal) or int(ordinal.rstrip("stndrh") or 0)
        return _part_of_year(ctx, c, 3, count) if 1 <= count <= 4 else None
    if anchor.year is None or anchor.month is None:
        return Reading("date", None, anchored=True)
    year, month = add_months(anchor.year, anchor.month, 3 * step)
    return Reading("date", f"{year:04d}-Q{quarter_of(month)}", anchored=True)


def read_season(c: Candidate, ctx: Context) -> Reading | None:
    """"last summer" → 2019-SU; "the winter of 2019" → 2019-WI; a bare "fall" is no season."""
    g = c.groups
    code = ctx.lexicon.codes("seasons")[(g["season"] or "").lower()]
    if g.get("year"):
        return Reading("date", f"{g['year']}-{code}")
    before = ctx.word_before(c.start)
    if not (g.get("dir") or g.get("mod") or before in {"in", "during", "by", "until", "since"}):
        return None
    anchor, step = ctx.anchor, _direction(ctx, c)
    if anchor.year is None:
        return Reading("date", None, anchored=True)
    start, month = _SEASON_START[code], anchor.month or 1
    year = anchor.year
    if step is not None and step < 0:
        year -= 0 if month >= start + _SEASON_MONTHS else 1
    elif step is not None and step > 0:
        year += 0 if month < start else 1
    elif step is None and ctx.tense(c.start, c.end) == PAST and month < start:
        year -= 1
    return Reading("date", f"{year:04d}-{code}", anchored=True)


def read_decade(c: Candidate, ctx: Context) -> Reading | None:
    """"the 1990s" → 199, "the '80s" → 198, "the nineties" → 199, "the 20th century" → 19."""
    g = c.groups
    if c.kind == "century":
        ordinal = (g["ord"] or "").lower()
        count = ctx.lexicon.ints("ordinals").get(ordinal) or int(ordinal.rstrip("stndrh") or 0)
        return Reading("date", f"{count - 1:02d}") if count > 0 else None
    if g.get("cent"):
        return Reading("date", f"{g['cent']}{g['dec']}")
    digit = int(g.get("dec2") or 0) if g.get("dec2") else ctx.lexicon.ints("decade_words")[
        (g["decword"] or "").lower()
    ]
    year = ctx.anchor.year or 1999
    century = year // _CENTURY_YEARS - (1 if digit > year % _CENTURY_YEARS // 10 else 0)
    return Reading("date", f"{century}{digit}")


def _with_part(ctx: Context, day: date, part: str | None) -> Reading:
    if part is None:
        return Reading("date", day.isoformat(), anchored=True)
    code = ctx.lexicon.codes("parts_of_day")[part.lower()]
    return Reading("time", f"{day.isoformat()}{code}", anchored=True)


def read_weekday(c: Candidate, ctx: Context) -> Reading | None:
    """"on Tuesday", "last Friday", "Tuesday morning", "will meet on Tuesday"."""
    anchor = ctx.anchor.day
    if anchor is None:
        return Reading("date", None, anchored=True)
    target = ctx.lexicon.weekdays[(c.groups["weekday"] or "").lower().rstrip(".")]
    step = _direction(ctx, c)
    back = (anchor.weekday() - target) % _DAYS_IN_WEEK
    ahead = (target - anchor.weekday()) % _DAYS_IN_WEEK
    if step is not None and step < 0:
        day = anchor - timedelta(days=back or _DAYS_IN_WEEK)
    elif step is not None and step > 0:
        day = anchor + timedelta(days=ahead or _DAYS_IN_WEEK)
    elif ctx.tense(c.start, c.end) == FUTURE:
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back)
    return _with_part(ctx, day, c.groups.get("part"))


def read_day_word(c: Candidate, ctx: Context) -> Reading | None:
    """"today", "yesterday morning", "late yesterday", "tonight", "this morning", "last night"."""
    anchor, g = ctx.anchor.day, c.groups
    if anchor is None:
        return Reading("date", None, anchored=True)
    if c.kind == "this_part":
        return _with_part(ctx, anchor - timedelta(days=1 if g.get("prev") else 0), g["part"])
    word = (g["dayword"] or "").lower()
    day = anchor + timedelta(days=ctx.lexicon.ints("day_offsets")[word])
    part = g.get("part")
    if part is None and word in ctx.lexicon.codes("day_parts_of_words"):
        code = ctx.lexicon.codes("day_parts_of_words")[word]
        return Reading("time", f"{day.isoformat()}{code}", anchored=True)
    return _with_part(ctx, day, part)


def read_relative_unit(c: Candidate, ctx: Context) -> Reading | None:
    """"last week" → 2020-W01, "this month", "next year", "earlier this month", "late last
    year"; "the past year" is a duration (P1Y)."""
    g, anchor = c.groups, ctx.anchor
    step = _direction(ctx, c) or 0
    code, factor = ctx.unit(g["unit"])
    if g.get("the") and step != 0:
        return Reading("duration", f"P{factor}{code}")
    if anchor.year is None or (unit_precision(code) != "year" and anchor.month is None):
        return Reading("date", None, anchored=True)
    if code in {"W", "WE"}:
        if anchor.day is None:
            return Reading("date", None, anchored=True)
        week = week_value(shift(anchor.day, "W", step))
        return Reading("date", week + ("-WE" if code == "WE" else ""), anchored=True)
    if code == "M":
        year, month = add_months(anchor.year, anchor.month or 1, step)
        return Reading("date", f"{year:04d}-{month:02d}", anchored=True)
    if code == "Q":
        year, month = add_months(anchor.year, anchor.month or 1, 3 * step)
        return Reading("date", f"{year:04d}-Q{quarter_of(month)}", anchored=True)
    years = factor * step + anchor.year
    digits = 4 - len(str(factor)) + 1  # a year, a decade (199), a century (19)
    return Reading("date", f"{years:04d}"[:digits], anchored=True)


def read_ago(c: Candidate, ctx: Context) -> Reading | None:
    """"three days ago" → the anchor's day less three; "two years ago" → a year; "years ago"
    → PAST_REF."""
    g = c.groups
    code, factor = ctx.unit(g["unit"])
    number = ctx.number(g["num"]) if g.get("num") else None
    if number is None or isinstance(number, float):
        return Reading("date", "PAST_REF")
    amount = number * factor
    anchor = ctx.anchor
    precision = unit_precision(code)
    if anchor.year is None or (precision != "year" and anchor.month is None):
        return Reading("date", None, anchored=True)
    if precision == "day" and anchor.day is None:
        return Reading("date", None, anchored=True)
    start = anchor.day or date(anchor.year, anchor.month or 1, 1)
    moved = shift(start, code, -amount)
    if code == "W":  # "two weeks ago" names a week, not a day
        return Reading("date", week_value(moved), anchored=True)
    return Reading("date", format_day(moved, precision), anchored=True)


DATE_READERS: dict[str, Callable[[Candidate, Context], Reading | None]] = {
    "iso": read_full_date,
    "slash": read_full_date,
    "dmy": read_full_date,
    "mdy": read_full_date,
    "month_year": read_month,
    "month": read_month,
    "month_relative_year": read_month,
    "year_quarter": read_quarter,
    "quarter": read_quarter,
    "half": read_quarter,
    "season": read_season,
    "decade": read_decade,
    "century": read_decade,
    "year": read_year,
    "weekday": read_weekday,
    "dayword": read_day_word,
    "this_part": read_day_word,
    "relative_unit": read_relative_unit,
    "ago": read_ago,
}
