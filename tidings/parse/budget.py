"""The per-article time budget, `parse.timeout_seconds` (0: none).

Each step of an article's way through the pipeline runs under `Budget.limit()`: cleaning its
page, parsing it (a batch shares one budget; a batch past it is parsed again one article at a
time, each with the whole budget), and the stages after parse with its record. A step past
the budget raises `Overrun`, and its input is rejected with `Budget.reason()`.

How the budget is enforced, in the process that runs the step (the worker, with `--workers`):

* On the main thread, a real-time interval timer (`SIGALRM`) raises `Overrun` at the deadline
  wherever Python code is running: a loop in a stage, between two of spaCy's components,
  between two documents of a batch, inside spaCy wherever it calls back into Python.
* Whatever the thread, the step is measured again when it returns, so a step that ran past
  the budget inside one call that Python cannot interrupt (one C call: spaCy's tokenizer on
  one text, one regular expression match) is still refused, once that call has returned. A
  call that never returns is not cut short: the size limits of `ingest` and `parse.max_chars`
  and the symbol-run rule of clean are what keep such calls short.

`Overrun` derives from BaseException, like KeyboardInterrupt, so that no `except Exception` in
a stage swallows it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

SETTING = "parse.timeout_seconds"


class Overrun(BaseException):
    """A step ran past its budget."""


class _Alarm:
    """Whether a deadline of ours is pending: the handler raises only then, so a signal met
    after the step (between the timer firing and its handler running) is ignored."""

    armed = False


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    if _Alarm.armed:
        _Alarm.armed = False
        raise Overrun


def _can_signal() -> bool:
    """SIGALRM is ours to use: the main thread, no other handler and no timer pending (a
    test runner's own alarm, say: then only the check on return is made)."""
    main = threading.current_thread() is threading.main_thread()
    if not main or not hasattr(signal, "setitimer"):
        return False
    handler = signal.getsignal(signal.SIGALRM)
    if handler not in (signal.SIG_DFL, signal.SIG_IGN, None, _on_alarm):
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0


@dataclass(frozen=True, slots=True)
class Budget:
    """`seconds` per step of one article; 0 or less: no budget."""

    seconds: float

    def reason(self) -> str:
        """The rejection's reason: `timed out after 60 s (parse.timeout_seconds)`."""
        return f"timed out after {self.seconds:g} s ({SETTING})"

    @contextmanager
    def limit(self) -> Iterator[None]:
        """Run the body within the budget, or raise `Overrun`."""
        if self.seconds <= 0:
            yield
            return
        started = time.monotonic()
        previous = _arm(self.seconds) if not _Alarm.armed and _can_signal() else None
        try:
            try:
                yield
            finally:
                if previous is not None:
                    _disarm(previous)
        except Overrun:
            if previous is not None:
                _disarm(previous)  # the alarm may have cut the first disarm short
            raise
        if time.monotonic() - started > self.seconds:
            raise Overrun


@dataclass(frozen=True, slots=True)
class _Previous:
    """The SIGALRM handler before ours, put back after the step."""

    handler: Any


def _arm(seconds: float) -> _Previous:
    previous = _Previous(signal.signal(signal.SIGALRM, _on_alarm))
    _Alarm.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def _disarm(previous: _Previous) -> None:
    _Alarm.armed = False
    signal.setitimer(signal.ITIMER_REAL, 0)
    handler = signal.SIG_DFL if previous.handler is None else previous.handler
    signal.signal(signal.SIGALRM, handler)
