"""Caller turns from text: script files, piped input, and the line's own events.

A script has one caller turn per line; blank lines and `#` comments are skipped.
Three markers stand for what happens on the line rather than what is said:
`<silence>` (the caller says nothing for the away timeout), `<hangup>`, and
`<time-limit>` (the call reaches its maximum length). A replayed call's caller
side is written with the same markers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

__all__ = ["LINE_EVENTS", "Turn", "parse_at", "parse_turns"]

LINE_EVENTS: Final[dict[str, str]] = {
    "<silence>": "caller_away_timeout",
    "<hangup>": "hangup",
    "<time-limit>": "call_time_limit",
}
"""Markers for events of the line itself, and the chart event each fires."""


@dataclass(frozen=True, slots=True)
class Turn:
    """One caller turn: words, or an event of the line."""

    text: str
    line_event: str | None = None


def parse_turns(lines: Iterable[str]) -> list[Turn]:
    """Read caller turns, skipping blank lines and `#` comments."""
    turns = []
    for raw in lines:
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        turns.append(Turn(text, LINE_EVENTS.get(text.lower())))
    return turns


def parse_at(text: str) -> datetime:
    """An office clock given on the command line (naive means the office's wall time)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        msg = f"--at {text!r} is not an ISO-8601 date and time (for example 2026-11-24T19:30)"
        raise ValueError(msg) from None
