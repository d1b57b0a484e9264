"""Progress through many calls, on standard error: a bar on a terminal, plain lines elsewhere.

Replaying or drawing thousands of stored calls takes a while. On a terminal a
bar redraws in place (at most ten times a second), with the time left once a
second's work shows the pace; into a file or a pipe, where a
bar would be noise, a plain line is written at each tenth of the way, and only
when there are enough calls for it to matter. Standard output stays clean for the
command's own result.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]

_WIDTH = 30
_REDRAW = 0.1
"""Seconds between redraws of the bar."""
_PLAIN_FROM = 100
"""Fewer calls than this finish too soon for plain progress lines to help."""
_PACE_AFTER = 1.0
"""Seconds of work before the time left is guessed from the pace so far."""


class Progress:
    """Counts work done out of `total` and shows it on `stream`."""

    def __init__(
        self,
        total: int,
        what: str,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`total` may be 0 until `start` says how much there is."""
        self.total = total
        self.done = 0
        self._what = what
        self._stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._terminal = self._stream.isatty()
        self._drawn_at: float | None = None
        self._tenths = 0
        self._started = clock()

    def start(self, total: int) -> None:
        """Say how much there is to do, once it is known."""
        self.total = total
        self.done = 0
        self._started = self._clock()

    def advance(self, by: int = 1) -> None:
        """Note `by` more done, and show it if it is time to."""
        self.done = min(self.total, self.done + by)
        if self._terminal:
            now = self._clock()
            if self._drawn_at is None or now - self._drawn_at >= _REDRAW or self.finished:
                self._drawn_at = now
                self._draw(now)
        elif self.total >= _PLAIN_FROM:
            tenths = self.done * 10 // self.total
            if tenths > self._tenths:
                self._tenths = tenths
                print(f"{self._what}: {self.done} of {self.total}", file=self._stream, flush=True)

    @property
    def finished(self) -> bool:
        """Whether everything is done."""
        return self.done >= self.total

    def close(self) -> None:
        """Clear the bar from the terminal, leaving the line free for what follows."""
        if self._terminal and self._drawn_at is not None:
            self._stream.write("\r\033[K")
            self._stream.flush()

    def _draw(self, now: float) -> None:
        share = self.done / self.total if self.total else 1.0
        filled = round(share * _WIDTH)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        line = f"\r{self._what} {bar} {self.done}/{self.total} ({share:.0%}){self._left(now)}"
        # Clear what a longer line before it left at the end.
        self._stream.write(line + "\033[K")
        self._stream.flush()

    def _left(self, now: float) -> str:
        """The time left at the pace so far (", about 40 s left"); nothing before it shows."""
        spent = now - self._started
        if self.finished or self.done == 0 or spent < _PACE_AFTER:
            return ""
        left = spent / self.done * (self.total - self.done)
        if left < 90:
            return f", about {round(left)} s left"
        return f", about {round(left / 60)} min left"
