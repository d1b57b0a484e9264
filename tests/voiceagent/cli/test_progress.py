"""Progress through many calls: a bar on a terminal, plain lines elsewhere, none for a few."""

from __future__ import annotations

import io

import pytest

from voiceagent.cli.progress import Progress

pytestmark = pytest.mark.unit


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_redrawn_in_place_and_cleared() -> None:
    """The bar redraws on one line (at most ten times a second) and is wiped at the end."""
    stream, now = Terminal(), [0.0]
    progress = Progress(0, "replaying calls", stream=stream, clock=lambda: now[0])
    progress.start(4)
    for _ in range(4):
        now[0] += 0.2
        progress.advance()
    progress.close()
    text = stream.getvalue()
    assert "\rreplaying calls " in text
    assert "4/4 (100%)" in text
    assert "\n" not in text
    assert text.endswith("\r\033[K")


def test_a_terminal_bar_is_not_redrawn_more_than_ten_times_a_second() -> None:
    """Calls done in the same instant draw once (and the last one always)."""
    stream = Terminal()
    progress = Progress(1000, "replaying calls", stream=stream, clock=lambda: 5.0)
    for _ in range(1000):
        progress.advance()
    assert stream.getvalue().count("\r") == 2


def test_a_file_gets_a_plain_line_each_tenth_of_the_way() -> None:
    """Not a terminal: ten plain lines for a thousand calls, nothing for a handful."""
    many, few = io.StringIO(), io.StringIO()
    big, small = Progress(1000, "replaying calls", stream=many), Progress(5, "x", stream=few)
    for _ in range(1000):
        big.advance()
    for _ in range(5):
        small.advance()
    lines = many.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0] == "replaying calls: 100 of 1000"
    assert lines[-1] == "replaying calls: 1000 of 1000"
    assert few.getvalue() == ""
