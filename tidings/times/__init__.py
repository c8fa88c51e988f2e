"""Time expressions: recognition and TimeML normalisation against the publication date."""

from tidings.times.arithmetic import shift_date
from tidings.times.normalise import normalise_expressions
from tidings.times.records import EMPTY_TIMES, TimeExpression, TimeLayer
from tidings.times.stage import extract_times

__all__ = [
    "EMPTY_TIMES",
    "TimeExpression",
    "TimeLayer",
    "extract_times",
    "normalise_expressions",
    "shift_date",
]
