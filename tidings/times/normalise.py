"""From text (and its parse) to time expressions with values: the one function the stage and
the TimeBank evaluation share."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tidings.clean.article import Basis, DateValue
from tidings.times.amounts import AMOUNT_READERS
from tidings.times.arithmetic import Anchor, date_of_value
from tidings.times.dates import DATE_READERS
from tidings.times.lexicon import load_time_lexicon
from tidings.times.reading import Context, Reading
from tidings.times.recognise import Candidate, find_candidates, select
from tidings.times.records import TimeExpression

_CLOCK = re.compile(r"T\d\d:\d\d$")
_BETWEEN = re.compile(r"[\s,]*(?:on\s+)?")
READERS = {**DATE_READERS, **AMOUNT_READERS}


def _read(candidate: Candidate, ctx: Context) -> Reading | None:
    reader = READERS.get(candidate.kind)
    return None if reader is None else reader(candidate, ctx)


def _expression(candidate: Candidate, reading: Reading, text: str) -> TimeExpression:
    basis: Basis = "relative" if reading.anchored else "explicit"
    when = date_of_value(reading.value, basis) if reading.type in {"date", "time"} else None
    return TimeExpression(
        text=text[candidate.start : candidate.end],
        span=(candidate.start, candidate.end),
        type=reading.type,
        value=reading.value,
        date=when,
        relation=reading.relation,
        offset=reading.offset,
    )


def normalise_expressions(
    doc_or_text: Any, anchor: DateValue | date | None, *, text: str | None = None
) -> tuple[TimeExpression, ...]:
    """The time expressions of a text, in text order, their values resolved against `anchor`
    (a publication date at any precision, a `date`, or None: relative ones stay None).

    `doc_or_text` is a spaCy Doc (the parse then gives tense and parts of speech) or a plain
    string (no parse: weekdays count back, weak references are taken as they are). `text`,
    when given, is the Doc's text (which `Doc.text` would rebuild from the tokens).
    """
    if text is None:
        text = doc_or_text if isinstance(doc_or_text, str) else str(doc_or_text.text)
    doc = None if isinstance(doc_or_text, str) else doc_or_text
    ctx = Context(text=text, anchor=Anchor.of(anchor), lexicon=load_time_lexicon(), doc=doc)
    readings: list[tuple[Candidate, Reading]] = []
    pending = find_candidates(text)
    while pending:
        chosen = select(pending)
        rejected: list[Candidate] = []
        for candidate in chosen:
            reading = _read(candidate, ctx)
            if reading is None:
                rejected.append(candidate)
            else:
                readings.append((candidate, reading))
        if not rejected:
            break
        # a rejected match frees its characters for the shorter matches it hid
        taken = [c for c, _ in readings]
        pending = [
            c
            for c in pending
            if c not in rejected
            and c not in taken
            and all(c.end <= t.start or c.start >= t.end for t in taken)
        ]
    readings.sort(key=lambda pair: pair[0].start)
    return _join_clock_and_day([_expression(c, r, text) for c, r in readings], text)


def _join_clock_and_day(found: list[TimeExpression], text: str) -> tuple[TimeExpression, ...]:
    """A clock time right before a day ("10 p.m. Wednesday", "5 p.m. EST, Nov. 9") is one
    expression: the day's date at that time."""
    joined: list[TimeExpression] = []
    for item in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.type == "time"
            and last.value is not None
            and _CLOCK.search(last.value)
            and item.type == "date"
            and item.date is not None
            and item.date.precision == "day"
            and _BETWEEN.fullmatch(text[last.span[1] : item.span[0]])
        ):
            clock = _CLOCK.search(last.value)
            stamp = clock.group(0) if clock else ""
            span = (last.span[0], item.span[1])
            joined[-1] = TimeExpression(
                text[span[0] : span[1]], span, "time", f"{item.date.value}{stamp}", item.date
            )
        else:
            joined.append(item)
    return tuple(joined)
